"""Pair the English mentions with the Chinese ones.

Names (people, places, units, roles) are aligned as entities: every distinct text of a type is one
entity, and a pair is linked when its score clears the type's threshold and is (nearly) the best
either side has, so one English name may stand for two Chinese spellings of the same unit. A pair
that is each side's best but only partly alike, close in the two texts, is a `conflict`.
Percentages and figures are aligned one mention to one mention, by value, then by position, since
the same number can be two different facts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from extractor.crosscheck import dictionary
from extractor.crosscheck.similarity import THRESHOLDS, figure_index, measure_similarity, name_similarity
from extractor.numerals import ARABIC_DIGITS, COUNTING, english_number, read_integer
from extractor.records import RECORD_LISTS, LanguageExtraction, Link, LinkStatus, Mention, MentionType

NAME_TYPES: tuple[MentionType, ...] = ("person", "place", "unit", "role")
MEASURE_TYPES: tuple[MentionType, ...] = ("percentage", "figure")
# A pair this close to a side's best score is also linked: one English name may stand for two Chinese
# forms of a unit; for places the generic word decides (无锡县 is Wuxi County, not Wuxi).
NEAR_BEST: dict[MentionType, float] = {"person": 0.05, "place": 0.05, "unit": 0.15, "role": 0.05}
HOLDER_MISMATCH = 0.5  # titles of two different people
_ZH_NUMERAL = re.compile(rf"[{ARABIC_DIGITS}{COUNTING}]+")
_EN_NUMBER = re.compile(r"\b\d+\b")
_EN_WORD = re.compile(r"[a-z]+")
NEAR = 0.2  # relative positions closer than this count as "the same part of the article"


@dataclass(frozen=True)
class Entity:
    """All mentions of one text of one type in one language, with their relative positions."""

    type: MentionType
    text: str
    mentions: tuple[Mention, ...]
    positions: tuple[float, ...]


def record_names(extraction: LanguageExtraction, kind: MentionType) -> dict[str, str]:
    """Mention id -> the name of the record that lists it, for the types whose records merge mentions."""
    records = getattr(extraction, RECORD_LISTS[kind])
    return {mention: record.name for record in records if hasattr(record, "mentions") for mention in record.mentions}


def entities(extraction: LanguageExtraction, text: str, kind: MentionType) -> list[Entity]:
    """The entities of one type: a record's mentions together under its name (every form of a merged
    name), else the mentions of one text."""
    named = record_names(extraction, kind)
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in extraction.mentions:
        if mention.type == kind:
            grouped[named.get(mention.id, mention.text)].append(mention)
    size = max(len(text), 1)
    return [Entity(kind, key, tuple(ms), tuple(m.start / size for m in ms)) for key, ms in grouped.items()]


def _closest(en: Entity, zh: Entity) -> tuple[float, Mention, Mention]:
    """The pair of mentions closest in relative position, and that distance."""
    return min(
        (
            (abs(pe - pz), me, mz)
            for me, pe in zip(en.mentions, en.positions, strict=True)
            for mz, pz in zip(zh.mentions, zh.positions, strict=True)
        ),
        key=lambda item: item[0],
    )


def align_names(
    en: LanguageExtraction,
    zh: LanguageExtraction,
    en_text: str,
    zh_text: str,
    kind: MentionType,
    people: frozenset[tuple[str, str]] = frozenset(),
) -> list[Link]:
    """Entity links of one name type; `people` (linked person names) ties roles to their holders."""
    en_entities, zh_entities = entities(en, en_text, kind), entities(zh, zh_text, kind)
    if not en_entities or not zh_entities:
        return []
    holders = {"en": _holders(en), "zh": _holders(zh)}
    held = {lang: Counter(name for names in titles.values() for name in names) for lang, titles in holders.items()}
    scores: dict[tuple[int, int], tuple[float, str | None]] = {}
    for i, e in enumerate(en_entities):
        for j, z in enumerate(zh_entities):
            score = name_similarity(kind, e.text, z.text)
            en_people, zh_people = holders["en"].get(e.text), holders["zh"].get(z.text)
            scores[i, j] = _by_holder(score, en_people, zh_people, people, held)
    best_en = {i: max(scores[i, j][0] for j in range(len(zh_entities))) for i in range(len(en_entities))}
    best_zh = {j: max(scores[i, j][0] for i in range(len(en_entities))) for j in range(len(zh_entities))}
    limits, margin = THRESHOLDS[kind], NEAR_BEST[kind]
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    links: list[Link] = []
    linked: set[tuple[str, int]] = set()
    for (i, j), (score, why) in ranked:
        if score >= limits.agree and score >= best_en[i] - margin and score >= best_zh[j] - margin:
            links.append(_name_link(kind, en_entities[i], zh_entities[j], score, why))
            linked |= {("en", i), ("zh", j)}
    for (i, j), (score, why) in ranked:
        if ("en", i) in linked or ("zh", j) in linked or score < limits.partial:
            continue
        if score == best_en[i] == best_zh[j] and _closest(en_entities[i], zh_entities[j])[0] <= NEAR:
            links.append(_name_link(kind, en_entities[i], zh_entities[j], score, why, partial=True))
            linked |= {("en", i), ("zh", j)}
    return links


def _holders(extraction: LanguageExtraction) -> dict[str, frozenset[str]]:
    """Role title -> the names of the people holding it in this text."""
    found: dict[str, set[str]] = defaultdict(set)
    for role in extraction.roles:
        if role.person:
            found[role.title].add(role.person)
    return {title: frozenset(names) for title, names in found.items()}


def _by_holder(
    score: float,
    en_people: frozenset[str] | None,
    zh_people: frozenset[str] | None,
    people: frozenset[tuple[str, str]],
    held: dict[str, Counter[str]],
) -> tuple[float, str | None]:
    """A title held by the same person in both texts is the same title, however it is worded; titles of
    two different people are not. Where that person holds several titles on both sides, the wording
    picks which is which (副厅长 is "deputy head", not "ceramics expert"), so a pair of titles that share
    no word gets no help from the holder; the agreement is ranked by the wording either way."""
    if not en_people or not zh_people:
        return score, None
    shared = [(e, z) for e in en_people for z in zh_people if (e, z) in people]
    several = all(held["en"][e] > 1 and held["zh"][z] > 1 for e, z in shared)
    if shared and not (several and score == 0):
        agree = THRESHOLDS["role"].agree
        return max(score, agree + (1 - agree) * score / 2), f"held by the same person ({shared[0][0]} = {shared[0][1]})"
    return score * HOLDER_MISMATCH, None


def _name_link(
    kind: MentionType, en: Entity, zh: Entity, score: float, why: str | None, *, partial: bool = False
) -> Link:
    _, en_mention, zh_mention = _closest(en, zh)
    status: LinkStatus = "agree"
    reason = why
    numbers = _numbers_differ(zh.text, en.text) if kind in ("unit", "role") else None
    if numbers:
        status, reason = "conflict", numbers
    elif kind == "unit" and (literals := dictionary.find_literals(_without_numerals(zh.text), en.text)):
        status, reason = "conflict", "literal translation: " + "; ".join(lit.explain() for lit in literals)
    elif partial and kind in ("person", "place"):
        status, reason = "conflict", _partial_reason(kind, score)
    elif score < 1.0 and kind != "person" and not why:
        reason = f"{'loose' if partial else 'close'} rendering (score {score:.2f})"
    if "crosscheck" in (en_mention.source, zh_mention.source):
        recovered = "English" if en_mention.source == "crosscheck" else "Chinese"
        reason = f"the {recovered} counterpart was found by searching its text" + (f"; {reason}" if reason else "")
    return Link(
        type=kind,
        en=en.text,
        zh=zh.text,
        status=status,
        en_mention=en_mention.id,
        zh_mention=zh_mention.id,
        score=round(min(score, 1.0), 3),
        reason=reason,
    )


def _numbers_differ(zh: str, en: str) -> str | None:
    """A numbered unit or title whose numbers differ between the texts (六二一采煤队 vs "620 coal mining team")."""
    zh_numbers = sorted(n for m in _ZH_NUMERAL.finditer(zh) if (n := read_integer(m.group())) is not None)
    en_numbers = sorted(int(n) for n in _EN_NUMBER.findall(en)) or sorted(
        n for w in _EN_WORD.findall(en.lower()) if (n := english_number(w)) is not None
    )
    if zh_numbers and en_numbers and zh_numbers != en_numbers:
        return f"number {' '.join(map(str, en_numbers))} vs {' '.join(map(str, zh_numbers))}"
    return None


def _without_numerals(zh: str) -> str:
    """Numerals are not words to gloss (三井 in 松基三井 is well No. 3, not the company Mitsui)."""
    return _ZH_NUMERAL.sub(" ", zh)


def _partial_reason(kind: MentionType, score: float) -> str:
    what = {"person": "the names only partly match in sound", "place": "the place names only partly match"}
    return f"{what[kind]} (score {score:.2f})"


def align_measures(
    en: LanguageExtraction, zh: LanguageExtraction, en_text: str, zh_text: str, kind: MentionType
) -> list[Link]:
    en_figures, zh_figures = figure_index(en), figure_index(zh)
    en_mentions = [m for m in en.mentions if m.type == kind]
    zh_mentions = [m for m in zh.mentions if m.type == kind]
    scored = []
    for me in en_mentions:
        for mz in zh_mentions:
            score, reason = measure_similarity(me, mz, en_figures.get(me.id), zh_figures.get(mz.id))
            distance = abs(me.start / max(len(en_text), 1) - mz.start / max(len(zh_text), 1))
            if score >= THRESHOLDS[kind].partial:
                scored.append((-score, distance, me, mz, reason))
    # A different value is only a conflict for numbers that stand in the same place, or that are
    # the only remaining candidates for each other (an agreeing pair always wins first).
    agreeing = {m.id for s, _, me, mz, _ in scored if s <= -1.0 for m in (me, mz)}
    partial = [c for c in scored if c[0] > -1.0 and c[2].id not in agreeing and c[3].id not in agreeing]
    per_mention = Counter(m.id for c in partial for m in c[2:4])
    candidates = [
        c
        for c in scored
        if c[0] <= -1.0 or (c in partial and (c[1] <= NEAR / 4 or per_mention[c[2].id] == per_mention[c[3].id] == 1))
    ]
    links: list[Link] = []
    used: set[str] = set()
    for neg_score, _, me, mz, reason in sorted(candidates, key=lambda c: (c[0], c[1])):
        if me.id in used or mz.id in used:
            continue
        used |= {me.id, mz.id}
        links.append(
            Link(
                type=kind,
                en=me.text,
                zh=mz.text,
                status="agree" if -neg_score >= 1.0 else "conflict",
                en_mention=me.id,
                zh_mention=mz.id,
                score=-neg_score,
                reason=reason,
            )
        )
    return links


def align(en: LanguageExtraction, zh: LanguageExtraction, en_text: str, zh_text: str) -> list[Link]:
    """People first: roles are then matched with the help of who holds them."""
    links: list[Link] = []
    for kind in NAME_TYPES:
        people = frozenset((link.en, link.zh) for link in links if link.type == "person")
        links += align_names(en, zh, en_text, zh_text, kind, people)
    links += [link for kind in MEASURE_TYPES for link in align_measures(en, zh, en_text, zh_text, kind)]
    return links
