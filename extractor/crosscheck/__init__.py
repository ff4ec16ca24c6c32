"""Cross-check the English extraction against the Chinese one.

`cross_check` pairs the two languages' mentions (`align`), says for each pair whether the texts
agree, lists what one side has and the other lacks with a reason, notes translation problems that
are no pair of mentions (`notes`), and sums it up as an agreement score. `recover` (used by the
extraction path before the final check) searches the other text for what one side missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.crosscheck.align import MEASURE_TYPES, NAME_TYPES, align, record_names
from extractor.crosscheck.notes import dateline_notes
from extractor.crosscheck.recover import recover
from extractor.crosscheck.similarity import THRESHOLDS, name_similarity
from extractor.records import Article, Lang, LanguageExtraction, Link, Mention, TranslationNote, Unmatched

__all__ = ["CrossCheck", "cross_check", "recover"]

_HEADLINE_LINES = 4


@dataclass
class CrossCheck:
    links: list[Link] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    notes: list[TranslationNote] = field(default_factory=list)
    agreement: float | None = None


def cross_check(article: Article, en: LanguageExtraction, zh: LanguageExtraction) -> CrossCheck:
    """Links, one-sided mentions and notes for an article with both texts."""
    en_text, zh_text = article.en or "", article.zh or ""
    links = align(en, zh, en_text, zh_text)
    linked = {link.en_mention for link in links} | {link.zh_mention for link in links}
    linked_texts = {(link.type, "en", link.en) for link in links} | {(link.type, "zh", link.zh) for link in links}
    unmatched: list[Unmatched] = []
    seen: set[tuple[str, str, str]] = set()
    sides: tuple[tuple[Lang, LanguageExtraction, LanguageExtraction], ...] = (("en", en, zh), ("zh", zh, en))
    for lang, extraction, other in sides:
        named = {kind: record_names(extraction, kind) for kind in NAME_TYPES}
        for mention in extraction.mentions:
            if mention.type not in NAME_TYPES + MEASURE_TYPES:
                continue  # dates are not cross-checked
            name = named[mention.type].get(mention.id, mention.text) if mention.type in NAME_TYPES else mention.id
            key = (mention.type, lang, name)
            if mention.id in linked or key in linked_texts or key in seen:
                continue
            seen.add(key)
            reason = _reason(mention, lang, other, article)
            unmatched.append(
                Unmatched(lang=lang, type=mention.type, text=mention.text, mention=mention.id, reason=reason)
            )
    notes = dateline_notes(en_text, zh_text)
    facts = len(links) + len(unmatched)
    agreed = sum(link.status == "agree" for link in links)
    return CrossCheck(links, unmatched, notes, round(agreed / facts, 3) if facts else 1.0)


def _reason(mention: Mention, lang: Lang, other: LanguageExtraction, article: Article) -> str:
    other_name = "Chinese" if lang == "en" else "English"
    if lang == "zh" and article.title and _in_headline(mention, article.zh or "") and not _en_has_headline(article):
        return "in the Chinese headline; the English text does not repeat its headline (only the title field has it)"
    candidates = [m for m in other.mentions if m.type == mention.type]
    if not candidates:
        return f"no {mention.type} in the {other_name} extraction: omitted in translation, or missed there"
    if mention.type in NAME_TYPES:
        best, score = max(((m, _similarity(mention, m, lang)) for m in candidates), key=lambda item: item[1])
        if score >= THRESHOLDS[mention.type].partial:
            return f"closest {other_name} {mention.type} {best.text!r} (score {score:.2f}) is linked to another"
        return f"not found in the {other_name} text: omitted in translation, or rendered beyond recognition"
    return f"no {other_name} {mention.type} with this value: omitted, or the number differs"


def _similarity(mention: Mention, other: Mention, lang: Lang) -> float:
    en, zh = (mention, other) if lang == "en" else (other, mention)
    return name_similarity(mention.type, en.text, zh.text)


def _en_has_headline(article: Article) -> bool:
    first = (article.title or "").split(":")[0].strip().lower()
    return bool(first) and (article.en or "").lower().startswith(first[:30])


def _in_headline(mention: Mention, zh: str) -> bool:
    """Whether the mention sits in the short, unpunctuated lines that open the Chinese text."""
    line_end = zh.find("\n", mention.end)
    lines = zh[: line_end if line_end >= 0 else len(zh)].split("\n")
    return len(lines) <= _HEADLINE_LINES and all(len(line.strip()) < 40 and "。" not in line for line in lines)
