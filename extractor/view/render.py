"""Render results as self-contained HTML pages: one per article, plus an index for a run.

Pages inline their CSS and JavaScript and reference nothing outside themselves (the index links to
the article pages by the names `page_name` gives), so they can be opened from disk, mailed, or
served as they are. Jinja2 autoescaping escapes every text; the highlighted paragraphs are built by
`markup.highlight`, which escapes the text it wraps.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from extractor.records import ExtractionResult, Lang
from extractor.view.annotate import LANG_NAMES, TYPES, MentionView, mention_views, summarise
from extractor.view.markup import highlight
from extractor.view.paragraphs import Paragraph, align, split_paragraphs

_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 200
"""Page names stay well under the 255 bytes a file name may have (room for "-2" and ".html")."""


@dataclass(frozen=True)
class Cell:
    paragraph: Paragraph | None
    html: Markup


@dataclass(frozen=True)
class IndexEntry:
    result: ExtractionResult
    href: str
    counts: dict[str, tuple[int, int]]
    agreed: int
    conflicts: int
    one_sided: int


def render_article(result: ExtractionResult, *, index_href: str | None = None) -> str:
    """One article's page: texts side by side with highlighted mentions, summary, links, one-sided list."""
    views = mention_views(result)
    rows = []
    opened: set[str] = set()
    for row in align(
        split_paragraphs(result.article.en),
        split_paragraphs(result.article.zh),
        _anchors(result),
    ):
        rows.append({lang: _cell(result, lang, getattr(row, lang), views, opened) for lang in ("en", "zh")})
    template = _environment().get_template("article.html")
    return template.render(
        result=result,
        article=result.article,
        rows=rows,
        views=views,
        summary=summarise(result, views),
        links=list(enumerate(result.links, 1)),
        unmatched=list(enumerate(result.unmatched, 1)),
        lang_names=LANG_NAMES,
        index_href=index_href,
        **_assets(),
    )


def render_index(results: Iterable[ExtractionResult], links_to: Callable[[ExtractionResult], str]) -> str:
    """The run's index: one row per article with its agreement and counts; `links_to` gives each page's URL."""
    entries = []
    for result in results:
        mentions = Counter((m.type, m.lang) for m in result.mentions)
        statuses = Counter(link.status for link in result.links)
        entries.append(
            IndexEntry(
                result=result,
                href=links_to(result),
                counts={kind: (mentions[kind, "en"], mentions[kind, "zh"]) for kind in TYPES},
                agreed=statuses["agree"],
                conflicts=statuses["conflict"],
                one_sided=len(result.unmatched),
            )
        )
    return _environment().get_template("index.html").render(entries=entries, types=TYPES, **_assets())


def page_name(result: ExtractionResult) -> str:
    """A file name for the article's page, safe on every file system and in a URL.

    File names are limited to 255 bytes; a longer id keeps its start and gains a digest of the whole.
    """
    name = _UNSAFE_NAME_RE.sub("_", result.id).strip("._") or "article"
    if len(name) > MAX_NAME_CHARS:
        name = f"{name[: MAX_NAME_CHARS - 17]}-{hashlib.sha1(result.id.encode('utf-8')).hexdigest()[:16]}"
    return name + ".html"


def write_site(results: Iterable[ExtractionResult], directory: Path) -> Path:
    """Write `index.html` and one page per article into `directory`; returns the index's path."""
    directory.mkdir(parents=True, exist_ok=True)
    names: dict[int, str] = {}
    taken: set[str] = {"index.html"}
    kept = list(results)
    for result in kept:
        name = page_name(result)
        stem, number = name.removesuffix(".html"), 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}.html"
        taken.add(name)
        names[id(result)] = name
        (directory / name).write_text(render_article(result, index_href="index.html"), encoding="utf-8")
    index = directory / "index.html"
    index.write_text(render_index(kept, lambda result: names[id(result)]), encoding="utf-8")
    return index


def _cell(
    result: ExtractionResult, lang: Lang, paragraph: Paragraph | None, views: dict[str, MentionView], opened: set[str]
) -> Cell:
    text = result.article.text(lang)
    if paragraph is None or text is None:
        return Cell(None, Markup(""))
    in_lang = [view for view in views.values() if view.mention.lang == lang]
    return Cell(paragraph, highlight(text, paragraph.start, paragraph.end, in_lang, opened))


def _anchors(result: ExtractionResult) -> list[tuple[int, int]]:
    starts = {m.id: m.start for m in result.mentions}
    return [
        (starts[link.en_mention], starts[link.zh_mention])
        for link in result.links
        if link.en_mention in starts and link.zh_mention in starts
    ]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("extractor.view", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _assets() -> dict[str, Markup]:
    static = files("extractor.view").joinpath("static")
    return {name: Markup(static.joinpath(f"view.{name}").read_text(encoding="utf-8")) for name in ("css", "js")}
