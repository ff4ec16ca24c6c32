"""What the view says about each mention: its cross-check status, counterparts, and explanation.

A mention's status comes from, in order: the links that name it (conflict if any of them is one), the
one-sided list, the links of other mentions of the same entity (a person, unit or place record with
several mentions may be linked through one of them), else "unchecked". Counterparts are the other
language's linked mentions widened to every mention of their entity, so hovering any occurrence of a
name lights up every occurrence of its translation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal, get_args

from extractor.records import MEASURED_TYPES, ExtractionResult, Lang, Link, Mention, MentionType, Person, Place, Unit

Status = Literal["agree", "conflict", "one-sided", "unchecked"]
TYPES: tuple[MentionType, ...] = get_args(MentionType)
LANG_NAMES: dict[Lang, str] = {"en": "English", "zh": "Chinese"}


@dataclass(frozen=True)
class MentionView:
    """A mention with everything the page shows about it; `dom_id` is safe in HTML ids and lists."""

    mention: Mention
    dom_id: str
    status: Status
    inherited: bool
    counterparts: tuple[str, ...]
    partners: tuple[str, ...]
    link_numbers: tuple[int, ...]
    one_sided_number: int | None
    reason: str | None
    value: str | None

    @property
    def explanation(self) -> str:
        """Several lines for the tooltip and the info panel."""
        m = self.mention
        lines = [f"{m.type.capitalize()} ({LANG_NAMES[m.lang]}): {m.text}"]
        if self.value:
            lines.append(f"Normalised value: {self.value}")
        lines.append(self._status_line())
        if self.reason:
            lines.append(f"Why: {self.reason}")
        return "\n".join(lines)

    @property
    def print_note(self) -> str:
        """A short label printed after the mention, where hovering is impossible."""
        parts = [self.mention.type + (f" {self.value}" if self.value else "")]
        if self.link_numbers:
            parts.append(", ".join(f"L{n}" for n in self.link_numbers) + f" {self.status}")
        elif self.one_sided_number is not None:
            parts.append(f"one-sided U{self.one_sided_number}")
        else:
            parts.append(self.status if not self.inherited else f"{self.status} (same entity)")
        return " · ".join(parts)

    def _status_line(self) -> str:
        other = LANG_NAMES["zh" if self.mention.lang == "en" else "en"]
        if self.status == "one-sided":
            return f"One-sided: no {other} counterpart"
        if self.status == "unchecked":
            return "Not cross-checked"
        links = ", ".join(f"L{n}" for n in self.link_numbers)
        via = " via another mention of the same entity" if self.inherited else ""
        word = "CONFLICT" if self.status == "conflict" else "Agrees"
        partners = " / ".join(self.partners) or f"the {other} text"
        return f"{word} with {partners}{via} ({links})"


@dataclass(frozen=True)
class TypeSummary:
    type: MentionType
    en: int
    zh: int
    agreed: int
    conflicts: int
    one_sided_en: int
    one_sided_zh: int
    unchecked: int


def format_value(mention: Mention) -> str | None:
    """The normalised value as a reader checks it: "1010000 ton", "87%"; None for names."""
    if mention.type not in MEASURED_TYPES or mention.value is None:
        return None
    number = str(int(mention.value)) if mention.value.is_integer() else str(mention.value)
    return f"{number}%" if mention.type == "percentage" else f"{number} {mention.unit}"


def mention_views(result: ExtractionResult) -> dict[str, MentionView]:
    """A view of every mention, keyed by mention id."""
    dom_ids = {m.id: f"m{i}" for i, m in enumerate(result.mentions)}
    entity = _entities(result)
    direct: dict[str, list[int]] = {}
    for number, link in enumerate(result.links, 1):
        for mention_id in (link.en_mention, link.zh_mention):
            direct.setdefault(mention_id, []).append(number)
    one_sided = {u.mention: (number, u.reason) for number, u in enumerate(result.unmatched, 1)}
    views: dict[str, MentionView] = {}
    for mention in result.mentions:
        numbers, inherited = direct.get(mention.id, []), False
        if not numbers and mention.id not in one_sided:
            numbers = sorted({n for mate in entity.get(mention.id, ()) for n in direct.get(mate, [])})
            inherited = bool(numbers)
        links = [result.links[n - 1] for n in numbers]
        others = {_other_end(link, mention.lang) for link in links}
        widened = {mate for other in others for mate in entity.get(other, (other,))}
        status, reason = _status(links, one_sided.get(mention.id))
        views[mention.id] = MentionView(
            mention=mention,
            dom_id=dom_ids[mention.id],
            status=status,
            inherited=inherited,
            counterparts=tuple(sorted((dom_ids[i] for i in widened if i in dom_ids), key=_dom_order)),
            partners=tuple(dict.fromkeys(_other_text(link, mention.lang) for link in links)),
            link_numbers=tuple(numbers),
            one_sided_number=None if numbers else one_sided.get(mention.id, (None, None))[0],
            reason=reason,
            value=format_value(mention),
        )
    return views


def summarise(result: ExtractionResult, views: dict[str, MentionView]) -> list[TypeSummary]:
    """Per type: mentions per language, agreed and conflicting links, one-sided and unchecked mentions."""
    mentions = Counter((m.lang, m.type) for m in result.mentions)
    links = Counter((link.type, link.status) for link in result.links)
    one_sided = Counter((u.lang, u.type) for u in result.unmatched)
    unchecked = Counter(v.mention.type for v in views.values() if v.status == "unchecked")
    return [
        TypeSummary(
            type=kind,
            en=mentions["en", kind],
            zh=mentions["zh", kind],
            agreed=links[kind, "agree"],
            conflicts=links[kind, "conflict"],
            one_sided_en=one_sided["en", kind],
            one_sided_zh=one_sided["zh", kind],
            unchecked=unchecked[kind],
        )
        for kind in TYPES
    ]


def _entities(result: ExtractionResult) -> dict[str, tuple[str, ...]]:
    """Mention id -> ids of every mention of the same person, unit or place record."""
    groups: dict[str, tuple[str, ...]] = {}
    records: list[Person | Unit | Place] = [*result.people, *result.units, *result.places]
    for record in records:
        for mention_id in record.mentions:
            groups[mention_id] = tuple(dict.fromkeys((*groups.get(mention_id, ()), *record.mentions)))
    return groups


def _other_end(link: Link, lang: Lang) -> str:
    return link.zh_mention if lang == "en" else link.en_mention


def _other_text(link: Link, lang: Lang) -> str:
    return link.zh if lang == "en" else link.en


def _status(links: list[Link], one_sided: tuple[int, str] | None) -> tuple[Status, str | None]:
    if links:
        conflicts = [link for link in links if link.status == "conflict"]
        chosen = conflicts or links
        reasons = "; ".join(dict.fromkeys(link.reason for link in chosen if link.reason))
        return ("conflict" if conflicts else "agree"), reasons or None
    if one_sided is not None:
        return "one-sided", one_sided[1]
    return "unchecked", None


def _dom_order(dom_id: str) -> int:
    return int(dom_id[1:])
