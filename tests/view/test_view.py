"""The HTML view: paragraph pairing, nested highlighting, statuses, escaping, index and CLI.

Results are built by hand from seed 000's hand-written fixtures plus links written by reading the
article (one conflict is made on purpose: the Chinese "万吨" is given a wrong value), so that the
page has agreements, a conflict, one-sided mentions and nesting whatever the real cross-check finds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import Article, ExtractionResult, Link, Mention, Unit, Unmatched, read_article
from extractor.cli import app
from extractor.records import Lang, MentionType
from extractor.view import page_name, render_article, render_index
from extractor.view.paragraphs import align, split_paragraphs
from tests.conftest import ROOT

SEED_ID = "000_ce1b9ee1370c8b7e"

# (type, English text, Chinese text, status, reason)
LINKS: list[tuple[MentionType, str, str, str, str]] = [
    ("person", "Shi Guoliang", "施国良", "agree", "same name in pinyin"),
    ("person", "Zhao Tongli", "赵同利", "agree", "same name in pinyin"),
    ("person", "Liu Shilin", "刘诗临", "agree", "same name in pinyin"),
    ("person", "He Yuqing", "何玉清", "agree", "same name in pinyin"),
    ("role", "deputy mine manager", "副矿长", "agree", "role dictionary"),
    ("role", "Xinhua News Agency reporter", "记者", "agree", "role dictionary"),
    ("unit", "Xinhua News Agency", "新华社", "agree", "unit dictionary"),
    ("unit", "620 coal mining team", "六二○采煤队", "agree", "same number, same kind of unit"),
    ("place", "Heilongjiang", "黑龙江", "agree", "place dictionary"),
    ("figure", "1,010,000 tons", "一百零一万吨", "agree", "same value and unit"),
    ("figure", "10,000 tons", "万吨", "conflict", "value differs: 10000 ton vs 100000 ton"),
    ("percentage", "87%", "87％", "agree", "same value"),
]
ONE_SIDED: list[tuple[Lang, MentionType, str, str]] = [
    ("en", "unit", "North Well General Branch", "no Chinese unit with a matching name"),
    ("zh", "unit", "北井", "no English unit with a matching name"),
]


def fixture_mentions(lang: Lang) -> list[Mention]:
    data = json.loads((ROOT / "fixtures" / lang / f"{SEED_ID}.json").read_text(encoding="utf-8"))
    return [
        Mention(
            id=f"{lang}:{i}",
            lang=lang,
            type=m["type"],
            text=m["text"],
            start=m["start"],
            end=m["end"],
            value=m.get("value"),
            unit=m.get("unit"),
            source="fixture",
        )
        for i, m in enumerate(data["mentions"])
    ]


def first(mentions: list[Mention], kind: str, text: str) -> Mention:
    return next(m for m in mentions if m.type == kind and m.text == text)


def hand_built() -> ExtractionResult:
    """Seed 000 with fixture mentions, hand links, one-sided entries, and unit records grouping '620'."""
    article = read_article(ROOT / "seeds" / f"{SEED_ID}.txt")
    en, zh = fixture_mentions("en"), fixture_mentions("zh")
    wan = first(zh, "figure", "万吨")
    zh[zh.index(wan)] = wan.model_copy(update={"value": 100000.0})
    links = [
        Link(
            type=kind,
            en=en_text,
            zh=zh_text,
            status=status,  # type: ignore[arg-type]
            en_mention=first(en, kind, en_text).id,
            zh_mention=first(zh, kind, zh_text).id,
            score=0.9 if status == "agree" else 0.6,
            reason=reason,
        )
        for kind, en_text, zh_text, status, reason in LINKS
    ]
    unmatched = [
        Unmatched(lang=lang, type=kind, text=text, mention=first(en if lang == "en" else zh, kind, text).id, reason=why)
        for lang, kind, text, why in ONE_SIDED
    ]
    units = [
        Unit(id="en:u620", lang="en", name="620 coal mining team", mentions=_ids(en, "620 coal mining team", "620")),
        Unit(id="zh:u620", lang="zh", name="六二○采煤队", mentions=_ids(zh, "六二○采煤队", "六二○")),
    ]
    return ExtractionResult(
        id=SEED_ID, article=article, mentions=en + zh, units=units, links=links, unmatched=unmatched, agreement=0.9
    )


def _ids(mentions: list[Mention], *texts: str) -> list[str]:
    return [m.id for m in mentions if m.type == "unit" and m.text in texts]


class Node:
    """A parsed element: enough of a DOM to check nesting, classes and text."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    """Builds `Node`s and fails on any closing tag that does not match the open element."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def fragments(root: Node) -> dict[str, list[Node]]:
    found: dict[str, list[Node]] = {}
    for node in root.iter():
        if "m" in node.classes():
            found.setdefault(node.attrs["data-m"] or "", []).append(node)
    return found


def by_mention(result: ExtractionResult, root: Node) -> dict[str, list[Node]]:
    """Mention id -> its fragments (dom ids are m<index in result.mentions>)."""
    found = fragments(root)
    return {m.id: found.get(f"m{i}", []) for i, m in enumerate(result.mentions)}


def tiny(
    en: str, zh: str | None, mentions: list[tuple[Lang, MentionType, int, int]], **extra: object
) -> ExtractionResult:
    article = Article(id="tiny", en=en, zh=zh)
    built = [
        Mention(
            id=f"{lang}:{i}",
            lang=lang,
            type=kind,
            text=(en if lang == "en" else zh or "")[start:end],
            start=start,
            end=end,
            value=1.0 if kind in ("percentage", "figure") else None,
            unit="ton" if kind == "figure" else None,
        )
        for i, (lang, kind, start, end) in enumerate(mentions)
    ]
    return ExtractionResult(id="tiny", article=article, mentions=built, **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def built() -> ExtractionResult:
    return hand_built()


@pytest.fixture(scope="module")
def page(built: ExtractionResult) -> Node:
    return parse(render_article(built))


# --- paragraphs ---------------------------------------------------------------------------------


def test_paragraphs_exclude_blank_lines_and_indentation() -> None:
    text = "\u3000\u3000第一段。\n\n    第二段  \n"
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == ["第一段。", "第二段"]
    assert split_paragraphs(None) == [] and split_paragraphs(" \n\n") == []


def test_unequal_paragraph_counts_leave_extra_lines_unpaired() -> None:
    # The Chinese original has two headline lines the translation dropped.
    zh = "标题一\n副标题二\n" + "\n".join("中" * n for n in (100, 60, 140))
    en = "\n".join("e" * (4 * n) for n in (100, 60, 140))
    rows = align(split_paragraphs(en), split_paragraphs(zh))
    pairs = [(r.en.index if r.en else None, r.zh.index if r.zh else None) for r in rows]
    assert pairs == [(None, 0), (None, 1), (0, 2), (1, 3), (2, 4)]


def test_one_missing_text_gives_one_sided_rows() -> None:
    rows = align(split_paragraphs("a\nb"), [])
    assert [(r.en is not None, r.zh is None) for r in rows] == [(True, True), (True, True)]


def test_links_anchor_the_pairing() -> None:
    # Equal lengths give no clue; the link says the second English paragraph is the first Chinese one.
    en, zh = split_paragraphs("aaaa\nbbbb\ncccc"), split_paragraphs("甲\n乙")
    rows = align(en, zh, anchors=[(5, 0), (10, 2)])
    pairs = [(r.en.index if r.en else None, r.zh.index if r.zh else None) for r in rows]
    assert pairs == [(0, None), (1, 0), (2, 1)]


def test_real_seed_headlines_missing_from_the_translation() -> None:
    # Seed 004: the Chinese has two headline lines that the English text does not carry.
    article = read_article(ROOT / "seeds" / "004_5ad903a1dcf9d3b7.txt")
    rows = align(split_paragraphs(article.en), split_paragraphs(article.zh))
    assert [r.en is None for r in rows[:3]] == [True, True, False]
    assert all(r.en and r.zh for r in rows[2:])
    assert article.en and article.en[rows[2].en.start :].startswith("(Our Dispatch from Lanzhou")  # type: ignore[union-attr]


# --- highlighting ---------------------------------------------------------------------------------


def test_every_mention_is_rendered_with_its_exact_text(built: ExtractionResult, page: Node) -> None:
    for mention_id, nodes in by_mention(built, page).items():
        assert nodes, mention_id
        assert "".join(n.text for n in nodes) == next(m.text for m in built.mentions if m.id == mention_id)
        assert sum("tabindex" in n.attrs for n in nodes) == 1


def test_paragraph_text_survives_the_markup(built: ExtractionResult, page: Node) -> None:
    cells = [n for n in page.iter() if n.tag == "div" and {"cell", "en"} <= n.classes()]
    texts = [p.text for cell in cells for p in cell.iter() if p.tag == "p" and "gap" not in p.classes()]
    assert texts == [built.article.en[p.start : p.end] for p in split_paragraphs(built.article.en)]  # type: ignore[index]


def test_nested_mentions_render_as_nested_elements(built: ExtractionResult, page: Node) -> None:
    nodes = by_mention(built, page)
    outer = nodes[first(built.mentions, "role", "Xinhua News Agency reporter").id]
    inner = nodes[first(built.mentions, "unit", "Xinhua News Agency").id]
    assert len(outer) == 1 and len(inner) == 1
    assert outer[0] in inner[0].ancestors()
    assert "d1" in outer[0].classes() and "d0" in inner[0].classes()


def test_crossing_mentions_are_split_into_fragments() -> None:
    result = tiny("Alpha Beta Gamma", None, [("en", "person", 0, 10), ("en", "unit", 6, 16)])
    root = parse(render_article(result))
    nodes = by_mention(result, root)
    assert [n.text for n in nodes["en:0"]] == ["Alpha Beta"]
    assert [n.text for n in nodes["en:1"]] == ["Beta", " Gamma"]
    assert ["tail" in n.classes() for n in nodes["en:1"]] == [False, True]
    assert sum("tabindex" in n.attrs for n in nodes["en:1"]) == 1


def test_mention_across_a_paragraph_break_is_shown_in_both() -> None:
    result = tiny("one two\nthree four", None, [("en", "unit", 4, 13)])
    nodes = by_mention(result, parse(render_article(result)))["en:0"]
    assert [n.text for n in nodes] == ["two", "three"] and "tail" in nodes[1].classes()


# --- statuses ---------------------------------------------------------------------------------


def test_linked_mentions_point_at_their_counterparts(built: ExtractionResult, page: Node) -> None:
    nodes = by_mention(built, page)
    shi = nodes[first(built.mentions, "person", "Shi Guoliang").id][0]
    zh_shi = nodes[first(built.mentions, "person", "施国良").id][0]
    assert shi.attrs["data-links"] == zh_shi.attrs["data-m"]
    assert "st-agree" in shi.classes() and "施国良" in (shi.attrs["title"] or "")


def test_figures_show_their_normalised_value(built: ExtractionResult, page: Node) -> None:
    node = by_mention(built, page)[first(built.mentions, "figure", "1,010,000 tons").id][0]
    assert "Normalised value: 1010000 ton" in (node.attrs["title"] or "")
    assert (node.attrs["data-print"] or "").startswith("figure 1010000 ton")
    percent = by_mention(built, page)[first(built.mentions, "percentage", "87%").id][0]
    assert "Normalised value: 87%" in (percent.attrs["title"] or "")


def test_conflicts_and_one_sided_mentions_say_why(built: ExtractionResult, page: Node) -> None:
    nodes = by_mention(built, page)
    conflict = nodes[first(built.mentions, "figure", "10,000 tons").id][0]
    assert {"st-conflict", "tail"} <= conflict.classes()
    assert "CONFLICT" in (conflict.attrs["title"] or "") and "value differs" in (conflict.attrs["title"] or "")
    assert "conflict" in (conflict.attrs["data-print"] or "")
    for lang, text in [("en", "North Well General Branch"), ("zh", "北井")]:
        node = nodes[next(m.id for m in built.mentions if m.lang == lang and m.type == "unit" and m.text == text)][0]
        assert "st-one-sided" in node.classes()
        assert "One-sided" in (node.attrs["title"] or "") and "matching name" in (node.attrs["title"] or "")
        assert "one-sided U" in (node.attrs["data-print"] or "")


def test_other_mentions_of_a_linked_entity_share_its_counterparts(built: ExtractionResult, page: Node) -> None:
    # Only "620 coal mining team" is linked; the later "620"s belong to the same unit record.
    nodes = by_mention(built, page)
    later = nodes[first(built.mentions, "unit", "620").id][0]
    zh_620 = {nodes[i][0].attrs["data-m"] for i in built.units[1].mentions}
    assert set((later.attrs["data-links"] or "").split()) == zh_620 and len(zh_620) == 3
    assert "same entity" in (later.attrs["title"] or "")


def test_unlinked_mentions_are_marked_unchecked(built: ExtractionResult, page: Node) -> None:
    node = by_mention(built, page)[first(built.mentions, "place", "Shuangyashan").id][0]
    assert "st-unchecked" in node.classes() and node.attrs["data-links"] == ""


def test_summary_counts_per_type(page: Node) -> None:
    table = next(n for n in page.iter() if n.tag == "section" and "summary" in n.classes())
    rows = {
        cells[0].text.strip(): [c.text.strip() for c in cells[1:]]
        for row in table.iter()
        if row.tag == "tr"
        and (cells := [c for c in row.children if isinstance(c, Node)])[0].tag == "th"
        and row.parent is not None
        and row.parent.tag == "tbody"
    }
    # English, Chinese, agreed, conflicts, one-sided EN, one-sided ZH, not checked
    assert rows["person"] == ["4", "4", "4", "0", "0", "0", "0"]
    assert rows["figure"] == ["4", "4", "1", "1", "0", "0", "4"]
    assert rows["unit"][4:6] == ["1", "1"]


# --- page ---------------------------------------------------------------------------------


def test_text_is_escaped() -> None:
    hostile = '<b onclick="x()">Bob & "Al"</b> <script>alert(1)</script>'
    result = tiny(hostile, "鲍勃<i>", [("en", "person", 3, 25), ("zh", "person", 0, 2)])
    result.article.title = "<img src=x onerror=alert(1)>"
    html = render_article(result)
    assert "<b onclick" not in html and "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;i&gt;" in html
    root = parse(html)
    assert [n.text for n in by_mention(result, root)["en:0"]] == [hostile[3:25]]


def test_pages_are_self_contained(built: ExtractionResult) -> None:
    for html in (render_article(built, index_href="index.html"), render_index([built], page_name)):
        assert not re.search(r"\bsrc\s*=", html)
        assert "@import" not in html and "url(" not in html
        for href in re.findall(r'href="([^"]*)"', html):
            assert href.startswith("#") or re.fullmatch(r"[\w.-]+\.html", href), href


def test_index_lists_articles_with_agreement_and_counts(built: ExtractionResult) -> None:
    other = tiny("Alpha", "阿尔法", [("en", "person", 0, 5), ("zh", "person", 0, 3)])
    root = parse(render_index([built, other], lambda r: f"/v1/view?id={r.id}"))
    rows = [n for n in root.iter() if n.tag == "tr" and n.parent is not None and n.parent.tag == "tbody"]
    assert len(rows) == 2
    first_row = [c.text.strip() for c in rows[0].children if isinstance(c, Node)]
    assert first_row[2] == "90%" and first_row[3] == "4 / 4"  # agreement, then person en / zh
    assert [c.text.strip() for c in rows[1].children if isinstance(c, Node)][2] == "—"
    hrefs = [n.attrs["href"] for n in root.iter() if n.tag == "a"]
    assert hrefs == [f"/v1/view?id={SEED_ID}", "/v1/view?id=tiny"]


def test_page_names_are_safe() -> None:
    result = tiny("Alpha", None, [])
    assert page_name(result.model_copy(update={"id": "../a b/c?d"})) == "a_b_c_d.html"


def test_real_seed_pages_render_every_mention(seed_results: dict[str, ExtractionResult]) -> None:
    for result in seed_results.values():
        root = parse(render_article(result))
        assert all(by_mention(result, root).values()), result.id


# --- command line ---------------------------------------------------------------------------------


def test_cli_view_one_article(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    run = CliRunner().invoke(app, ["view", str(ROOT / "seeds" / f"{SEED_ID}.txt"), "-o", str(out)])
    assert run.exit_code == 0, run.output
    html = out.read_text(encoding="utf-8")
    assert "Shi Guoliang" in html and "施国良" in html and 'class="m ' in html


def test_cli_view_a_run_writes_an_index_and_pages(built: ExtractionResult, tmp_path: Path) -> None:
    jsonl = tmp_path / "run.jsonl"
    other = tiny("Alpha", None, [("en", "person", 0, 5)])
    jsonl.write_text(built.model_dump_json() + "\n" + other.model_dump_json() + "\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["view", str(jsonl), "-o", str(tmp_path / "site")])
    assert run.exit_code == 0, run.output
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', index)
    assert hrefs == [f"{SEED_ID}.html", "tiny.html"]
    assert all((tmp_path / "site" / href).is_file() for href in hrefs)
    assert 'href="index.html"' in (tmp_path / "site" / "tiny.html").read_text(encoding="utf-8")
