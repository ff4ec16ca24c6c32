"""Relations between one language's records: who holds which role, in which unit, and whose figure it is.

`relate` reads the mentions' offsets and the few characters between them, and fills the id fields
of the records `assemble` built (a role's `person_id` and `unit_id`, a person's `role_ids` and
`unit_id`, a figure's `owner_id` and, in Chinese, a missing `item`). The rules are general: a title
written against a name (矿党委书记施国良, "Secretary Shi Guoliang", "Yang Jieren, deputy director"),
a unit written against a title or a name (国务院总理, 晋丰煤窑公司王保元, "Wang Baoyuan of the Jinfeng
Coal Pit Company"), a title shared by a list of names, and a figure owned by the first unit of its
clause or sentence before it, else the nearest place or person. What may stand between two mentions
and the cue words of a measure's kind are data, per language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extractor.chinese.held_titles import held_titles
from extractor.chinese.items import figure_item
from extractor.found import Found
from extractor.records import (
    Date,
    Figure,
    FigureKind,
    Lang,
    Mention,
    Percentage,
    PercentageKind,
    Person,
    Role,
    Unit,
)


@dataclass(frozen=True)
class Gaps:
    """What may stand between two mentions for each relation, as the exact text between them."""

    role_person: frozenset[str]
    """A title before its holder's name."""
    person_role: frozenset[str]
    """A name before its title (apposition)."""
    unit_role: frozenset[str]
    """A unit before a title held in it."""
    role_unit: frozenset[str]
    """A title before the unit it is held in."""
    unit_person: frozenset[str]
    """A unit before a name."""
    person_unit: frozenset[str]
    """A name before its unit."""
    list_joiners: frozenset[str]
    """Between the names of a list that shares one title."""
    list_given: re.Pattern[str]
    """Between the last name of a list and a title given to all of it (等十五人为)."""
    sentence_end: re.Pattern[str]
    reference: re.Pattern[str] | None = None
    """A title with a short reference to a unit named before, its head in the first group that matched
    ("director of the institute", "secretary of the mine's Party committee", "secretary of the commune
    Party committee", 矿党委书记, 公司总经理)."""
    dateline: re.Pattern[str] | None = None
    """Between a news agency and the reporter's title in a dateline (新华社北京１月１５日电（记者孙杰）)."""
    owner_after: frozenset[str] = frozenset()
    """Between a measure and the unit it describes, written after it (月产万吨的六二○采煤队)."""
    dispatch: re.Pattern[str] | None = None
    """After the agency of a dateline (新华社|河间十一日电): it sends the news, it owns no figure of it."""
    reference_before: re.Pattern[str] | None = None
    """A short reference to a unit named before, written before a title (这个队的|技术员), its head in a group."""
    held_in: re.Pattern[str] | None = None
    """Between a title and the unit it is held in, beside `role_unit` (" of the former ")."""
    phrase_end: re.Pattern[str] | None = None
    """Where the phrase of a title ends, for a `reference` written after it ("deputy head of the department,")."""


_EN_OF = frozenset({" of ", " of the ", " at ", " at the ", " in ", " in the "})
_ZH_REFERRED_HEADS = "公司|公社|大队|队|矿|厂|社|场|站|所|院|校|厅|局|处|科"  # 厂长, 这个队的: the unit named before
GAPS: dict[Lang, Gaps] = {
    "zh": Gaps(
        role_person=frozenset({""}),
        person_role=frozenset({""}),
        unit_role=frozenset({"", "的"}),
        role_unit=frozenset(),
        unit_person=frozenset({"", "的"}),
        person_unit=frozenset(),
        list_joiners=frozenset({"、", "和", "及", "与", "", "\u3000"}),  # a credit: 记者贾建舟刘磊, 陈心海　石在
        list_given=re.compile(r"等[^，。；！？\n]{0,5}?人(?:为|任)"),
        sentence_end=re.compile(r"[。！？；\n]"),
        reference=re.compile(rf"^(?:副|总|代)?({_ZH_REFERRED_HEADS})(?=.)"),
        reference_before=re.compile(rf"(?:这个|这|该|本)({_ZH_REFERRED_HEADS})的?$"),
        dateline=re.compile(r"[^，。；！？\n]{0,20}电[（(]"),
        owner_after=frozenset({"的"}),
        dispatch=re.compile(r"[^，。；！？\n]{0,20}[电讯]"),
    ),
    "en": Gaps(
        role_person=frozenset({" "}),
        person_role=frozenset({", ", ", a ", ", an ", ", the ", " as ", " as a ", ", as "}),
        unit_role=frozenset({" ", "'s ", "’s "}),
        role_unit=_EN_OF,
        unit_person=frozenset(),
        person_unit=_EN_OF | frozenset({", ", " from ", " from the "}),
        list_joiners=frozenset({", ", " and ", ", and "}),
        list_given=re.compile(r",? and others,? (?:as |were )?"),
        sentence_end=re.compile(r"[.!?;]\s|\n"),
        reference=re.compile(r"\bof (?:the|this|that) (\w+)(?:$| Party)|\bthe (\w+)(?:'s|’s) ", re.IGNORECASE),
        held_in=re.compile(r" (?:of|at|in) (?:the |this |that )?[a-z]+ "),
        phrase_end=re.compile(r"[,;:.()\n]| and | who | which "),
        dispatch=re.compile(
            r"(?:,\s*[A-Z][\w'-]*(?: [A-Z][\w'-]*)*,\s*\d{1,2}(?:st|nd|rd|th)?\)|[^.;\n)]{0,40}dispatch\))"
        ),
    ),
}


@dataclass(frozen=True)
class Cues:
    """Words of a measure's clause that say what kind of quantity it is, tried in order."""

    clause_start: re.Pattern[str]
    figure: tuple[tuple[FigureKind, re.Pattern[str]], ...]
    percentage: tuple[tuple[PercentageKind, re.Pattern[str]], ...]
    after: int
    """How many characters after the number the clause is read too ("10,000 tons a month"), after a line break."""
    dimensions: tuple[tuple[re.Pattern[str], str], ...] = ()
    """A length's dimension, read around the number ("40 li long", "stretches for 100 li", "40 li north
    of"), as the figure's item where no other was found (Chinese: `chinese.items`)."""


CUES: dict[Lang, Cues] = {
    "zh": Cues(
        clause_start=re.compile(r"[，,。；;！？：:\n]"),
        figure=(
            ("plan", re.compile(r"计划|指标|任务|目标|争取|力争|预计|预定")),
            ("change", re.compile(r"(?:增加|增长|提高|增产|减少|下降|降低|减产|超产|节约)了?$", re.MULTILINE)),
            ("rate", re.compile(r"每[天日月年人个]|平均|人均|日产|月产|年产|日处理")),
        ),
        percentage=(
            ("completion", re.compile(r"完成|计划的")),
            ("share", re.compile(r"占|其中")),
            ("decrease", re.compile(r"下降|降低|减少|减产")),
            ("increase", re.compile(r"增长|增加|提高|上升|增产|超过")),
        ),
        after=0,
    ),
    "en": Cues(
        clause_start=re.compile(r"[,;.:!?\n]"),
        figure=(
            ("plan", re.compile(r"\b(?:plan(?:ned)?|target|quota|expected|aims?)\b", re.IGNORECASE)),
            (
                "change",
                re.compile(r"\b(?:increased?|rose|risen|grew|decreased?|fell|fallen|dropped|saved) (?:by )?$", re.M),
            ),
            ("rate", re.compile(r"\b(?:per|a|each) (?:day|month|year|man|person|head)\b|\b(?:daily|monthly|annual)")),
        ),
        percentage=(
            ("completion", re.compile(r"\b(?:fulfil|complet|of the plan|of its plan|target)", re.IGNORECASE)),
            ("share", re.compile(r"\b(?:of the total|accounted for|share|of all)\b", re.IGNORECASE)),
            ("decrease", re.compile(r"\b(?:decrease|fell|fallen|down|lower|drop)", re.IGNORECASE)),
            ("increase", re.compile(r"\b(?:increase|rose|risen|up|grew|growth|higher|more than)", re.IGNORECASE)),
        ),
        after=12,
        dimensions=(
            (re.compile(r"\n\s*(?:long|in length)\b"), "length"),
            (re.compile(r"\n\s*(?:wide|broad|in width)\b"), "width"),
            (re.compile(r"\n\s*(?:high|tall|in height)\b"), "height"),
            (re.compile(r"\n\s*(?:deep|in depth)\b"), "depth"),
            (re.compile(r"\n\s*(?:north|south|east|west|away)\b"), "distance"),
            (re.compile(r"\b(?:stretch(?:es|ed|ing)?|extend(?:s|ed|ing)?|runs?|ran) (?:for )?\n"), "length"),
        ),
    ),
}


def _clause(cues: Cues, text: str, mention: Mention) -> str:
    start = max((m.end() for m in cues.clause_start.finditer(text, 0, mention.start)), default=0)
    after = cues.clause_start.split(text[mention.end : mention.end + cues.after])[0]
    return f"{text[start : mention.start]}\n{after}"  # cues anchored at the number end with `$` (MULTILINE)


def titles_by_names(lang: Lang, text: str, items: list[Found]) -> list[Found]:
    """Role candidates for titles written against names that no component tied to them."""
    return held_titles(text, items) if lang == "zh" else []


@dataclass(frozen=True)
class _At:
    """A record's mention, by offsets."""

    start: int
    end: int
    id: str


class _Text:
    """One text's mentions by offsets, and the text between two of them."""

    def __init__(self, text: str, gaps: Gaps, people: list[_At], units: list[_At]) -> None:
        self.text, self.gaps = text, gaps
        self.people = sorted(people, key=lambda at: (at.start, at.end))
        self.units = sorted(units, key=lambda at: (at.start, at.end))

    def between(self, a: _At, b: _At) -> str | None:
        return self.text[a.end : b.start] if a.end <= b.start else None

    def holder(self, role: _At) -> _At | None:
        """The name written against a title: after it (矿长施国良), else before it ("Yang, deputy director")."""
        after = next((p for p in self.people if self.between(role, p) in self.gaps.role_person), None)
        return after or next((p for p in reversed(self.people) if self.between(p, role) in self.gaps.person_role), None)

    def listed_after(self, holder_id: str, role: _At) -> list[_At]:
        """People named in a list right after the holder of a title written before them (股东王仲荆、王荞松)."""
        first = next((p for p in self.people if p.id == holder_id and p.start >= role.end), None)
        if first is None or self.between(role, first) not in self.gaps.role_person:
            return []
        listed, last = [], first
        for other in self.people:
            if other.start < last.end:
                continue
            if self.between(last, other) not in self.gaps.list_joiners:
                break
            listed.append(other)
            last = other
        return listed

    def listed_before(self, holder_id: str, role: _At) -> list[_At]:
        """People named in a list ending with the holder of a title given after them all
        (孟甫、袁备星等十五人为执行委员), held in a unit written before it or not."""
        last = next((p for p in reversed(self.people) if p.id == holder_id and p.end <= role.start), None)
        given = min((u.start for u in self.units if u.end == role.start), default=role.start)  # 为|市职工联合会|委员
        if last is None or not self.gaps.list_given.fullmatch(self.text[last.end : given]):
            return []
        listed, first = [], last
        for other in reversed(self.people):
            if other.end > first.start:
                continue
            if self.between(other, first) not in self.gaps.list_joiners:
                break
            listed.append(other)
            first = other
        return listed

    def role_unit(self, role: _At, names: dict[str, str]) -> str | None:
        """The id of the unit a title names: inside it, just before or after it, or referred to at its end
        or right before it (这个队的技术员)."""
        inside = [u for u in self.units if role.start <= u.start and u.end <= role.end]
        if inside:
            return inside[-1].id
        before = next((u for u in self.units if self.between(u, role) in self.gaps.unit_role), None)
        if before is None and self.gaps.dateline:
            dateline = self.gaps.dateline
            before = next((u for u in self.units if dateline.fullmatch(self.between(u, role) or "")), None)
        after = next((u for u in self.units if self._held_in(self.between(role, u))), None)
        if chosen := before or after:
            return chosen.id
        match = self.gaps.reference.search(self._phrase(role)) if self.gaps.reference else None
        if match is None and self.gaps.reference_before:
            match = self.gaps.reference_before.search(self.text, max(0, role.start - 8), role.start)
        if match:
            head = next(group for group in match.groups() if group).casefold()
            earlier = [u for u in self.units if u.end <= role.start and names[u.id].casefold().endswith(head)]
            if earlier:
                return earlier[-1].id
        return None

    def _held_in(self, gap: str | None) -> bool:
        """Whether `gap`, written between a title and a unit, says the title is held in it."""
        if gap is None:
            return False
        return gap in self.gaps.role_unit or bool(self.gaps.held_in and self.gaps.held_in.fullmatch(gap))

    def _phrase(self, role: _At) -> str:
        """The title and what its phrase says after it, up to a clause boundary ("deputy head| of the department")."""
        end = self.gaps.phrase_end.search(self.text, role.end) if self.gaps.phrase_end else None
        return self.text[role.start : end.start() if end else role.end]

    def person_unit(self, person_id: str) -> str | None:
        """The id of a unit written against one of the person's names (晋丰煤窑公司王保元, "Wang of the mine");
        a dateline's agency is followed by the place it reports from, not by a member (新华社遵化二十日电)."""
        dispatch = self.gaps.dispatch
        for p in (p for p in self.people if p.id == person_id):
            for u in self.units:
                if self.between(p, u) in self.gaps.person_unit:
                    return u.id
                if self.between(u, p) in self.gaps.unit_person and not (dispatch and dispatch.match(self.text, u.end)):
                    return u.id
        return None


def relate(
    lang: Lang,
    text: str,
    mentions: list[Mention],
    people: Iterable[Person],
    roles: list[Role],
    units: Iterable[Unit],
    figures: list[Figure],
    owners: list[tuple[Mention, str]],
    dates: list[Date],
    percentages: list[Percentage],
) -> None:
    """Fill the relation fields of the records in place; `owners` are (mention, record id) of the
    units, places and people a figure may belong to. A figure's date is the nearest date of its
    sentence, one written before it first."""
    gaps = GAPS[lang]
    by_id = {m.id: m for m in mentions}
    people = list(people)
    person_by_id = {p.id: p for p in people}
    person_by_name = {name: p for p in people for name in (*p.aliases, p.name)}
    unit_by_id = {u.id: u for u in units}
    names = {u.id: u.name for u in unit_by_id.values()}
    unit_by_name = {name: u for u in unit_by_id.values() for name in (*u.aliases, u.name)}
    spans = _Text(
        text,
        gaps,
        [_At(by_id[m].start, by_id[m].end, p.id) for p in people for m in p.mentions],
        [_At(by_id[m].start, by_id[m].end, u.id) for u in unit_by_id.values() for m in u.mentions],
    )

    titles = {role.id: role.title for role in roles}

    def holds(person: Person, role: Role) -> None:
        """One role id per title: a title repeated later (李鹏总理 again) is the same role."""
        if all(titles[held] != role.title for held in person.role_ids):
            person.role_ids.append(role.id)
            if role.title not in person.roles:
                person.roles.append(role.title)

    for role in roles:
        mention = by_id[role.mention]
        at = _At(mention.start, mention.end, role.id)
        holder = person_by_name.get(role.person) if role.person else None
        if holder is None and (holder_at := spans.holder(at)):
            holder = person_by_id[holder_at.id]
        if holder is not None:
            role.person, role.person_id = holder.name, holder.id
            holds(holder, role)
            for other in spans.listed_after(holder.id, at) + spans.listed_before(holder.id, at):
                holds(person_by_id[other.id], role)
        if unit_id := spans.role_unit(at, names):
            role.unit, role.unit_id = names[unit_id], unit_id

    for person in people:
        if person.unit in unit_by_name:  # stated by the language's rules
            person.unit, person.unit_id = unit_by_name[person.unit].name, unit_by_name[person.unit].id
            continue
        unit_id = next((r.unit_id for r in roles if r.id in person.role_ids and r.unit_id), None)
        if unit_id := unit_id or spans.person_unit(person.id):
            person.unit, person.unit_id = names[unit_id], unit_id

    cues = CUES[lang]

    unit_ids = set(unit_by_id)

    dispatch = gaps.dispatch
    candidates = sorted(
        ((m, record) for m, record in owners if not (record in unit_ids and dispatch and dispatch.match(text, m.end))),
        key=lambda pair: pair[0].start,
    )  # a dateline's agency sends the news; it owns none of its figures

    def units_between(start: int, end: int) -> list[str]:
        """The units named in [start, end) in order."""
        return [record for m, record in candidates if start <= m.start and m.end <= end and record in unit_ids]

    def owner_of(mention: Mention) -> str | None:
        """The unit the measure describes (月产万吨的六二○采煤队), else the first unit before it in its
        clause, else in its sentence (the subject, as a rule), else the nearest place or person before it
        in the sentence, else the first unit of its paragraph (the topic a sentence with no subject of its
        own goes on about)."""
        sentence_start = max((m.end() for m in gaps.sentence_end.finditer(text, 0, mention.start)), default=0)
        clause_start = max((m.end() for m in cues.clause_start.finditer(text, 0, mention.start)), default=0)
        paragraph_start = text.rfind("\n", 0, mention.start) + 1
        in_clause = units_between(clause_start, mention.start)
        in_sentence = units_between(sentence_start, mention.start)
        nearest = max(
            ((m.end, record) for m, record in candidates if sentence_start <= m.start and m.end <= mention.start),
            default=None,
        )
        in_paragraph = units_between(paragraph_start, mention.start)
        described = [
            record
            for m, record in candidates
            if record in unit_ids and text[mention.end : m.start] in gaps.owner_after and m.start >= mention.end
        ]
        for found in (described, in_clause, in_sentence):
            if found:
                return found[0]
        if nearest:
            return nearest[1]
        return in_paragraph[0] if in_paragraph else None

    for percentage in percentages:
        mention = by_id[percentage.mention]
        percentage.owner_id = owner_of(mention)
        clause = _clause(cues, text, mention)
        percentage.kind = next((kind for kind, cue in cues.percentage if cue.search(clause)), None)

    for figure in figures:
        mention = by_id[figure.mention]
        sentence_start = max((m.end() for m in gaps.sentence_end.finditer(text, 0, mention.start)), default=0)
        figure.owner_id = owner_of(mention)
        clause = _clause(cues, text, mention)
        kind = next((kind for kind, cue in cues.figure if cue.search(clause)), None)
        figure.kind = kind or ("rate" if figure.period else "total")
        in_sentence = [
            d
            for d in dates
            if sentence_start <= by_id[d.mention].start
            and not _ends_before(gaps, text, mention.end, by_id[d.mention].start)
        ]
        before = [d for d in in_sentence if by_id[d.mention].end <= mention.start]
        after = [d for d in in_sentence if by_id[d.mention].start >= mention.end]
        date = before[-1] if before else (after[0] if after else None)
        if date is not None:
            figure.date_id = date.id
            date.figures.append(figure.id)
        if figure.item is None and lang == "zh":
            figure.item = figure_item(text, mention.start, mention.end)
        elif figure.item is None:
            figure.item = next((item for cue, item in cues.dimensions if cue.search(clause)), None)


def _ends_before(gaps: Gaps, text: str, start: int, end: int) -> bool:
    """Whether a sentence ends between `start` and `end`."""
    return start < end and gaps.sentence_end.search(text, start, end) is not None
