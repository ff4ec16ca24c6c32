"""`extractor_zh_people_v1`: people found by their context, and the roles attached to them.

A surname and a given name are not enough to tell a name from ordinary text, so a name is taken
only where the context says it is one:
- after a title (矿党委书记施国良, 副厂长赵福明): the title, with its organisation prefix
  (`extractor.chinese.titles`), is a role held by that person, and a unit inside the prefix becomes
  the person's unit;
- in a credit (新华社记者　刘诗临摄, 苗地插图) or a byline under the headline (陈心海　石在);
- after a cue such as 工人, before 同志, or naming a group (肖功顺小组): frequent surnames only;
- a three-character name right before a title (钱其琛副总理);
- listed next to one of these (书记张三、李四), or a well-known name (data/people.json).
Every other occurrence of a name found so is a mention too, and so is a name listed next to one,
until none is new. A title right after a name (施国良书记) or given later in its sentence before
another subject (李人庆调去当组长, 王某是一名共产党员) is a role of that person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.lexicon import Words, after_break, function_chars, is_han, known_words, load
from extractor.chinese.names import NameReader
from extractor.chinese.titles import TitleReader
from extractor.found import CHANNEL, Found, found, of_type, overlaps

NAME = "extractor_zh_people_v1"

Span = tuple[int, int]
SPACES = " \t\u3000"
LIST_MARKS = "、" + SPACES
JOINERS = "、兼"
CREDIT_CLOSE = "\n）)" + SPACES  # what closes a credit line or bracket
BRACKET_CREDIT = re.compile(r"^[ \t\u3000]*[（(]([\u4e00-\u9fff]{2,6})[）)][ \t\u3000]*$", re.MULTILINE)
SENTENCE_END = re.compile(r"[。；！？：\n]")
REACH = 24  # how far after a name a title may be given to it (调去当组长, ，在开凿隧洞时担任突击队长)
PRONOUNS = "他她我你"  # another subject: what follows is not said of the name


class PeopleFinder:
    def __init__(self, known: frozenset[str]) -> None:
        roles = load("roles")
        names = load("names")
        self.names = NameReader(known)
        self.titles = TitleReader()
        self.cores = self.titles.cores
        self.appointment = Words(roles["appointment_verbs"])
        self.particles = Words(roles["verb_particles"])
        self.credits = Words(names["credit_words"])
        self.cues = Words(names["person_cues"])
        self.groups = Words(names["group_words"])
        self.address = Words(names["address_words"])
        units = load("units")
        self.left_cut = Words(units["left_cut"])
        self.generic = Words(units["generic_words"])
        self.famous = Words(load("people")["names"])
        self.byline_max = names["byline_max_line"]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        orgs = of_type(doc, "unit", "place")
        places = {(place.start, place.end) for place in orgs if place.type == "place"}
        seeds = {(p.start, p.end) for p in of_type(doc, "person") if not overlaps(p, orgs)}  # the model's names
        ruled: set[Span] = set(self._famous(text))
        roles: dict[Span, Span] = {}  # role span -> holder span
        phrases: dict[Span, Span] = {}  # role span -> the phrase it is written in, with its unit
        for phrase, role, person in self._titled(text, orgs, ruled | seeds):
            roles[role] = person
            phrases[role] = phrase
            ruled.add(person)
        ruled |= set(self._credited(text))
        ruled |= set(self._bylines(text))
        ruled |= set(self._cued(text, orgs))
        ruled |= set(self._before_titles(text, orgs))
        ruled |= set(self._bracketed(text))
        ruled |= set(self._joined(text, ruled | seeds))
        seeds = {s for s in seeds - ruled if not self._inside_name(text, s, ruled)}  # rules win
        people = self._every_mention(text, (ruled | seeds) - places, places)
        roles = {role: person for role, person in roles.items() if person in people}
        for person in people:
            roles.update((role, person) for role in self._titles_after(text, person, people))
        candidates = found(doc)
        for index, item in enumerate(candidates):
            holder = next(
                (p for r, p in roles.items() if item.type == "unit" and phrases.get(r, r)[0] <= item.start < r[1]), None
            )
            if holder:
                candidates[index] = replace(item, holder=holder)
        candidates.extend(Found(type="person", start=s, end=e, source="rule:person") for s, e in people - seeds)
        candidates.extend(
            Found(type="role", start=s, end=e, source="rule:role", holder=holder) for (s, e), holder in roles.items()
        )
        return doc

    def _titled(self, text: str, orgs: list[Found], known: set[Span]) -> Iterator[tuple[Span, Span, Span]]:
        """(phrase, role, person) for every title directly followed by a name, or joined by 、 or 兼 to a
        title that is (厂党委书记、厂长王国华); `known` are the names found so far. The phrase includes
        the name of the unit the title is held in (中原公司股东), the role does not.

        A title that already follows its holder (江泽民主席, 蒋局长) is followed by a verb, not a name;
        one that follows a lone surname (陈副经理, 吴县长) makes the surname and title a person holding it.
        """
        titles: list[tuple[Span, Span | None]] = []
        own_starts: dict[Span, int] = {}
        known_ends = {start: end for start, end in known}
        units = [o for o in orgs if o.type == "unit"]
        pos = 0
        while pos < len(text):
            core = self.cores.starting_at(text, pos)
            unit_end = next((u.end for u in units if u.start < pos < u.end < pos + len(core or "")), None)
            if not core or (unit_end and self.cores.starting_at(text, unit_end)):
                pos += 1  # 转炉车间|主任: the core's first word ends a unit's name, and a core follows it
                continue
            end = pos + len(core)
            start, own_start = self.titles.starts(text, pos, units, lambda s: self._phrase_start(text, s, orgs))
            name_start = end
            while name_start < len(text) and text[name_start] in SPACES:
                name_start += 1
            bare = start == pos  # a title alone (书记别太为难): only a frequent surname starts a name after it
            name_end = (
                self.names.read(text, name_start, common=bare)
                or self.names.read_spaced(text, name_start)
                or known_ends.get(name_start)
            )
            surname = self._surname_before(text, start) if start == self.titles.modified_start(text, pos) else None
            if surname is not None and not self._follows_name(text, start, known):
                holder: Span | None = (surname, end)
            elif name_end and not self._addressed(text, start, known):
                holder = (name_start, name_end)
            else:
                holder = None
            titles.append(((start, end), holder))
            own_starts[start, end] = own_start
            pos = end
        for index in range(len(titles) - 2, -1, -1):
            (start, end), holder = titles[index]
            (next_start, _), next_holder = titles[index + 1]
            if holder is None and next_start == end + 1 and text[end] in JOINERS:
                titles[index] = ((start, end), next_holder)
        yield from ((title, (own_starts[title], title[1]), holder) for title, holder in titles if holder)

    @staticmethod
    def _inside_name(text: str, span: Span, names: set[Span]) -> bool:
        """Whether `span` overlaps a name found, or lies inside another occurrence of one (李春 of 李春和)."""
        start, end = span
        if any(s < end and start < e for s, e in names):
            return True
        return any(
            text.startswith(name, pos)
            for name in {text[s:e] for s, e in names}
            if len(name) > end - start
            for pos in range(max(0, end - len(name)), start + 1)
        )

    def _addressed(self, text: str, title: int, known: set[Span]) -> bool:
        """Whether the title starting at `title` follows a name or a lone surname (蒋局长)."""
        return self._follows_name(text, title, known) or self._surname_before(text, title) is not None

    @staticmethod
    def _follows_name(text: str, title: int, known: set[Span]) -> bool:
        return any(end == title for _, end in known)

    def _surname_before(self, text: str, title: int) -> int | None:
        """Where a lone surname that the title at `title` addresses starts (陈副经理, 邢台吴县长, 村委会李主任):
        a frequent surname that is not the end of an ordinary word (全市长 is no 市长 of 全)."""
        surname = title - 1
        if (
            surname < 0
            or self.names.surname(text, surname, common=True) != 1
            or self.appointment.starting_at(text, surname)
        ):
            return None  # 任|厂长: a verb of appointment, not a surname
        if after_break(text, surname) or text[surname - 1] in function_chars():
            return surname
        return None if text[surname - 1 : title] in self.names.known else surname

    def _credited(self, text: str) -> Iterator[Span]:
        """Names in photo or drawing credits: a name then 摄/插图/... closing a line."""
        pos = 0
        while pos < len(text):
            credit = self.credits.starting_at(text, pos)
            if not credit:
                pos += 1
                continue
            end = pos + len(credit)
            if end == len(text) or not is_han(text[end]):
                name = self._name_before(
                    text, pos, lambda s: after_break(text, s) or self.cores.ending_at(text, s) is not None
                )
                if name:
                    yield name
            pos = end

    def _name_before(
        self, text: str, end: int, starts_phrase: Callable[[int], bool], *, common: bool = False
    ) -> Span | None:
        """The name of two or three characters ending at `end` whose start `starts_phrase`."""
        for start in (end - 3, end - 2):
            if start >= 0 and starts_phrase(start) and self.names.fits(text, start, end, common=common):
                return start, end
        return None

    def _bracketed(self, text: str) -> Iterator[Span]:
        """The names of a correspondents' credit in brackets on a line of its own, one or two written
        without a mark between them ((张三), （许知春王忠一）)."""
        for match in BRACKET_CREDIT.finditer(text):
            start, end = match.span(1)
            if self._whole_name(text, start, end):
                yield start, end
                continue
            middle = next((m for m in (start + 3, start + 2) if m < end - 1 and self._whole_name(text, start, m)), None)
            if middle is not None and self._whole_name(text, middle, end):
                yield from ((start, middle), (middle, end))

    def _joined(self, text: str, names: set[Span]) -> Iterator[Span]:
        """A name written right after another without a mark, closing a line or a bracket: the second
        author of a credit (本报记者贾建舟刘磊, （许知春王忠一）)."""
        for _, end in names:
            close = next((i for i in range(end, min(len(text), end + 4)) if not is_han(text[i])), len(text))
            if (close == len(text) or text[close] in CREDIT_CLOSE) and self._whole_name(text, end, close):
                yield end, close

    def _bylines(self, text: str) -> Iterator[Span]:
        """Names on short lines of names alone, above the article's first paragraph (陈心海　石在, 陈　勇)."""
        offset = 0
        for line in text.split("\n"):
            if len(line.strip()) > self.byline_max:
                return
            names = list(self._names_on_line(text, offset, offset + len(line)))
            if names and None not in names:
                yield from (name for name in names if name)
            offset += len(line) + 1

    def _names_on_line(self, text: str, start: int, end: int) -> Iterator[Span | None]:
        """The line's space-separated names, or None for a word that is not a name."""
        pos = start
        while pos < end:
            if text[pos] in SPACES:
                pos += 1
                continue
            spaced = self.names.read_spaced(text, pos)
            word_end = spaced or next((i for i in range(pos, end) if text[i] in SPACES), end)
            yield (pos, word_end) if spaced or self._whole_name(text, pos, word_end) else None
            pos = word_end

    def _whole_name(self, text: str, start: int, end: int) -> bool:
        size = self.names.surname(text, start)
        return bool(size) and 2 <= end - start <= size + 2 and all(is_han(c) for c in text[start:end])

    def _cued(self, text: str, orgs: list[Found]) -> Iterator[Span]:
        """Names after a cue word (工人李某), before 同志, or naming a group (肖功顺小组)."""
        for pos in range(len(text)):
            cue = self.cues.starting_at(text, pos)
            if cue and (end := self.names.read(text, pos + len(cue), common=True)):
                yield pos + len(cue), end
            if self.groups.starting_at(text, pos) or self.address.starting_at(text, pos):
                name = self._name_before(text, pos, lambda s: self._phrase_start(text, s, orgs), common=True)
                if name:
                    yield name

    def _before_titles(self, text: str, orgs: list[Found]) -> Iterator[Span]:
        """Three-character names written before their title (钱其琛副总理也于近日), not inside a found unit or
        place (出任法国总理) nor words naming a place of work (林场场长)."""
        for pos in range(len(text)):
            core = self.cores.starting_at(text, pos)
            if not core or not self._name_ends(text, pos + len(core)):
                continue
            title = self.titles.modified_start(text, pos)
            name = self._name_before(text, title, lambda s: self._phrase_start(text, s, orgs))
            if (
                name
                and name[1] - name[0] == 3  # two-character readings here are too often words (宣部, 华社)
                and not any(o.start < name[1] and name[0] < o.end for o in orgs)
                and not self.titles.org_words.ending_at(text, title)
            ):
                yield name

    def _phrase_start(self, text: str, pos: int, orgs: list[Found]) -> bool:
        return (
            after_break(text, pos)
            or text[pos - 1] in function_chars()
            or self.left_cut.ending_at(text, pos) is not None
            or self.generic.ending_at(text, pos) is not None
            or any(o.end == pos for o in orgs)
        )

    def _famous(self, text: str) -> Iterator[Span]:
        """Well-known names, unless the first character ends an ordinary word (小康生活 is no 康生)."""
        for pos in range(len(text)):
            name = self.famous.starting_at(text, pos)
            if name and text[pos - 1 : pos + 1] not in self.names.known:
                yield pos, pos + len(name)

    def _every_mention(self, text: str, people: set[Span], places: set[Span]) -> set[Span]:
        """The names found, the names listed next to them and their other occurrences, until none is new
        (张德山 found as 党员张德山 lists 刘玉兰 where it recurs as 张德山、刘玉兰)."""
        while True:
            more = {*self._listed(text, people), *self._elsewhere(text, people)} - places - people
            more = {
                (s, e)
                for s, e in more
                if not any(ps < e and s < pe for ps, pe in people)  # 孙适|之 in 孙适之
                and not any(os <= s and e <= oe and oe - os > e - s for os, oe in more)  # 李春 in 李春和
            }
            if not more:
                return people
            people |= more

    def _listed(self, text: str, people: set[Span]) -> Iterator[Span]:
        """Names listed next to a found name (书记张三、李四; 丁焘、李拔、石丹; bylines split by spaces)."""
        todo = sorted(people)
        seen = set(people)
        while todo:
            start, end = todo.pop()
            for name in (self._next_in_list(text, end), self._previous_in_list(text, start)):
                if name and name not in seen:
                    seen.add(name)
                    todo.append(name)
                    yield name

    def _next_in_list(self, text: str, end: int) -> Span | None:
        start = end
        while start < len(text) and text[start] in LIST_MARKS:
            start += 1
        next_end = (self.names.read(text, start) or self.names.read_spaced(text, start)) if start > end else None
        return (start, next_end) if next_end and self._name_ends(text, next_end) else None

    def _previous_in_list(self, text: str, start: int) -> Span | None:
        if start < 1 or text[start - 1] != "、":
            return None
        return self._name_before(text, start - 1, lambda s: after_break(text, s) or text[s - 1] in function_chars())

    def _elsewhere(self, text: str, people: set[Span]) -> Iterator[Span]:
        """Other occurrences of the names found; a two-character name only standing alone."""
        for name in {text[s:e] for s, e in people}:
            for match in re.finditer(re.escape(name), text):
                start, end = match.span()
                if len(name) > 2 or (
                    (after_break(text, start) or text[start - 1] in function_chars()) and self._name_ends(text, end)
                ):
                    yield start, end

    def _titles_after(self, text: str, person: Span, people: set[Span]) -> Iterator[Span]:
        """Titles given to a person right after the name or later in its sentence, before another
        subject (李人庆调去当组长, 王桂英是一名共产党员, 赵红梅，在开凿隧洞时担任突击队长)."""
        end = person[1]
        sentence = SENTENCE_END.search(text, end)
        limit = min(sentence.start() if sentence else len(text), end + REACH, *(s for s, _ in people if s >= end))
        for pos in range(end, limit):
            if text[pos] in PRONOUNS:
                return
            verb = self.appointment.starting_at(text, pos) or ""
            if pos > end and not verb:
                continue
            start = pos + len(verb)
            start += len(self.particles.starting_at(text, start) or "") if verb else 0  # 当了副组长
            title_end = self.titles.core_end(text, start)
            if title_end and self._name_ends(text, title_end):
                yield start, title_end

    def _name_ends(self, text: str, pos: int) -> bool:
        """Whether a name or title may end before `pos`: the text, a phrase or a word ends there."""
        return pos == len(text) or not is_han(text[pos]) or text[pos] in self.names.name_end


@Language.factory(NAME, assigns=[CHANNEL], requires=[CHANNEL], default_config={"resource_dir": None})
def make_people_finder(nlp: Language, name: str, resource_dir: str | None) -> PeopleFinder:
    return PeopleFinder(known_words(Path(resource_dir) if resource_dir else None))
