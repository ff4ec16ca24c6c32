"""How a work unit's name is written: [place | proper name] description head, then its sub-units.

The description is trade words (钢铁, 纺织, 塑料) and, after a first trade word, any other words of the
product (前洲|塑料制品|厂, 南京|电力自动化设备|厂), up to MAX_DESCRIPTION characters with no function
word, measure word, number or verb among them. A place stays in the name when only the description
separates it from the head (大冶钢厂, 上海塑料制品研究所); a proper name runs back from the description
to a break (punctuation, a function word, a verb such as 参观, a place, a unit) and has two or three
characters, so a longer run of text is never taken for a name. A sub-unit written right after its
unit joins it (大冶钢厂锻造车间, 平安煤矿三坑, 第一炼钢厂转炉车间, 大庆油田地质研究所). Data: data/units.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extractor.chinese.gazetteer import Gazetteer
from extractor.chinese.lexicon import Words, after_break, alternation, function_chars, is_han, load, title_cores
from extractor.found import Found
from extractor.numerals import CODE_DIGITS, COUNTING, MAGNITUDES

CODE = CODE_DIGITS  # digits of a number read digit by digit
NUMBER = CODE + COUNTING + MAGNITUDES  # with 万, 亿: 年产２５０万|吨 opens no name
DATE_ENDS = "年月日"
MAX_PROPER = 3  # characters of a proper name, one more right after a place
MAX_DESCRIPTION = 8
SUBUNIT_NAME = (2, 4)  # characters of a sub-unit's own name before its head: 转炉|车间, 车轮轮箍|厂


class WorksGrammar:
    def __init__(self, gazetteer: Gazetteer, known: frozenset[str]) -> None:
        config = load("units")
        self.gazetteer = gazetteer
        self.known = known
        self.heads = Words(config["heads"])
        self.trade = Words(config["trade_words"])
        self.generic = Words(config["generic_words"])
        self.left_cut = Words(config["left_cut"])
        self.introducers = frozenset(config["introducers"])
        self.subunit_heads = Words(config["subunit_heads"])
        self.any_head = Words(config["heads"] + config["team_heads"] + config["subunit_heads"])
        self.counters = frozenset(config["counters"])
        self.head_not_before: dict[str, str] = config["head_not_before"]
        self.titles = Words(title_cores())
        self.national = frozenset(config["national_prefixes"])
        self.owners = Words(config["owner_prefixes"])
        self.founding = Words(config["founding_cues"])
        self.bodies = Words(config["body_heads"])
        self.products = frozenset(config["product_chars"])
        numbered = alternation(config["numbered_heads"] + config["team_heads"])
        works = alternation(config["heads"] + config["team_heads"])
        trade = alternation(config["trade_words"])
        bare = alternation(config["bare_numbered_heads"])
        direction = alternation(config["direction_heads"])
        self.numbered = re.compile(
            rf"(?P<ordinal>第[{NUMBER}]+{trade}*{works}|{trade}+[{NUMBER}]{{1,3}}{works})"
            rf"|(?:第[{NUMBER}]+|[{CODE}]{{2,}})号?{numbered}|[{NUMBER}]{{1,3}}号{numbered}"
            rf"|(?P<plain>[{NUMBER}]{{1,2}}{bare}|[东西南北中](?:[{NUMBER}]{{1,2}}{trade}*{numbered}|{direction}))"
        )

    def works(self, text: str, bounds: Sequence[Found], taken: Sequence[Found]) -> list[Found]:
        """Units named by a head (厂, 煤矿, 研究所) outside the spans already `taken`; `bounds` are the
        places and units a name may start after."""
        units: list[Found] = []
        pos = 0
        while pos < len(text):
            head = self.heads.starting_at(text, pos)
            if (
                not head
                or self.is_title(text, pos, head)
                or self._in_word(text, pos, head)
                or any(u.start <= pos < u.end for u in taken)
            ):
                pos += 1
                continue
            start = self._works_start(text, pos, bounds)
            if start is not None:
                units.append(Found(type="unit", start=start, end=pos + len(head), source="rule:works", priority=2))
            pos += len(head)
        return units

    def _in_word(self, text: str, pos: int, head: str) -> bool:
        """Whether a head at `pos` begins an ordinary word instead (厂家, 矿石, 煤矿业)."""
        after = pos + len(head)
        return after < len(text) and text[after] in self.head_not_before.get(head, "")

    def is_title(self, text: str, pos: int, head: str) -> bool:
        """Whether the head at `pos` begins a title instead (厂长, 矿长), not a head and a title (车间|主任)."""
        title = self.titles.starting_at(text, pos)
        return title is not None and len(title) > len(head) and title[len(head) :] not in self.titles

    def name_parts(self, text: str, head: int) -> Iterator[int]:
        """Where the name before a head's description may end: before the trade words right before the
        head (大冶|钢厂), then before each trade word opening a longer description (前洲|塑料制品厂)."""
        name_end = head
        while word := self.trade.ending_at(text, name_end):
            name_end -= len(word)
        yield name_end
        if self.generic.ending_at(text, head):
            return  # 这个厂, 小型厂: a common noun
        for pos in range(name_end - 1, max(head - MAX_DESCRIPTION, 0) - 1, -1):
            if not self._plain(text[pos]):
                return
            if (
                self.trade.starting_at(text, pos)
                and not self.trade.ending_at(text, pos)
                and self._describes(text, pos, head)
            ):
                yield pos

    def _describes(self, text: str, pos: int, head: int) -> bool:
        """Whether `text[pos:head]` describes a product: trade words and other words, with no verb
        (纺织工人|进|厂) nor a head that ends a unit already (平安|煤矿|矿). A verb of two characters
        right after a trade word is a noun of the description (商业|管理|干部学院)."""
        while pos < head:
            word = self.trade.starting_at(text, pos)
            verb = self.left_cut.starting_at(text, pos)
            if word and pos + len(word) <= head:
                pos += len(word)
            elif verb and len(verb) > 1 and self.trade.ending_at(text, pos):
                pos += len(verb)
            elif not self._plain(text[pos]) or verb or self.any_head.starting_at(text[:head], pos):
                return False
            else:
                pos += 1
        return True

    def _works_start(self, text: str, head: int, bounds: Sequence[Found]) -> int | None:
        """Where the unit whose head starts at `head` begins, or None if the head is a common noun."""
        for name_end in self.name_parts(text, head):
            start = self._name_start(text, name_end, head, bounds)
            if start is not None:
                return start
        return self._founded(text, head)

    def _founded(self, text: str, head: int) -> int | None:
        """Where a unit named by its description alone begins, right after a word that holds a post in
        it, leaves it or counts one (兼|工业制造研究所长, 毕业于|高等工业学校, 一个|造纸厂)."""
        for start in range(head - 1, max(head - MAX_DESCRIPTION, 0) - 1, -1):
            in_word = text[start - 1 : start + 1] in self.known or text[start : start + 2] in self.known  # 高等
            if not (self._plain(text[start]) or (is_han(text[start]) and in_word)):
                return None
            if self.generic.ending_at(text, start + 1):
                return None
            cue = self.founding.ending_at(text, start)
            if cue and head - start > 1 and text[start - len(cue) - 1 : start - len(cue) + 1] not in self.known:
                return start  # not 设立|磁厂 (one word of description), nor 离|开办|公室 (a cue inside a word)
        return None

    def _name_start(self, text: str, name_end: int, head: int, bounds: Sequence[Found]) -> int | None:
        place = next((p.start for p in bounds if p.type == "place" and p.end == name_end), None)
        if place is not None and name_end < head:
            return place  # 交付|上海铁路管理局; a place and a bare head needs a break (允许|美国公司)
        for start in self.gazetteer.prefix_matches(text, name_end):
            if self.breaks_before(text, start, bounds):
                return start
        if self.generic.ending_at(text, name_end):
            return None
        owned = next(
            (end for end in range(name_end - 1, name_end - MAX_PROPER - 1, -1) if self.owners.ending_at(text, end)),
            None,
        )
        if owned is not None:
            return owned  # 英人|福公司: the owner's nationality is no part of the name, which may be one character
        start = name_end
        while name_end - start < MAX_PROPER and not self.breaks_before(text, start, bounds):
            start -= 1
        if not self.breaks_before(text, start, bounds) and any(
            p.type == "place" and p.end == start - 1 for p in bounds
        ):
            start -= 1  # 北京|西单友谊|集团: a place before it bounds a longer name
        after_function_word = start > 0 and (text[start - 1] in function_chars() or text[start - 1] in self.left_cut)
        if after_function_word and text[start - 1 : start + 1] in self.known:
            start += 1  # its first character ends a word begun by a function word (各地|新华书店)
        numeral = start - 1
        if (
            name_end - start < 2
            and text[numeral] in COUNTING
            and text[numeral - 1] not in NUMBER
            and not text[numeral - 1].isdigit()
            and self.breaks_before(text, numeral, bounds)
        ):
            start = numeral  # 绵阳|三丰物业研究所: a numeral opens the proper name
        proper = text[start:name_end]
        if len(proper) < 2 or not self.breaks_before(text, start, bounds):
            return None
        place = next((p.start for p in bounds if p.type == "place" and p.end == start), None)
        if place is not None and self.trade.starting_at(text, start):
            return place  # 苏州|丝绸工学院: a description after a place, not a proper name
        if all(char in self.products for char in proper):
            return place  # 荆州|塑管厂 keeps its place; 钾肥厂 alone is a kind of plant
        if proper in self.known and not self._introduced(text, start, bounds):
            return None
        if place is not None and text[place:start] in self.national:
            return place  # 中国|农科|院: a national body's name opens with its country
        numeral = start - 1  # a numeral opening the name: 七里营人民公社
        if numeral > 0 and text[numeral] in NUMBER and text[numeral - 1] not in NUMBER:
            return numeral if self.breaks_before(text, numeral, bounds) else start
        return start

    def breaks_before(self, text: str, pos: int, bounds: Sequence[Found]) -> bool:
        """Whether a name may start at `pos`: after a break, a function word, a number, a date, a verb,
        a place, a unit or a unit's head word."""
        return (
            after_break(text, pos)
            or text[pos - 1] in function_chars()
            or text[pos - 1] in NUMBER
            or text[pos - 1] in self.counters
            or (text[pos - 1] in DATE_ENDS and pos > 1 and (text[pos - 2] in NUMBER or text[pos - 2].isdigit()))
            or self.left_cut.ending_at(text, pos) is not None
            or any(bound.end == pos for bound in bounds)
            or self.heads.ending_at(text, pos) is not None  # 第一大盐场|两淮盐区: a common noun in apposition
        )

    def _introduced(self, text: str, pos: int, bounds: Sequence[Found]) -> bool:
        """Whether an ordinary word at `pos` may open a name (平安煤矿, not 建立|农民协会): after a break,
        an introducing character, a place, a unit or a unit's head word (最大的煤矿|开滦煤矿)."""
        return (
            after_break(text, pos)
            or text[pos - 1] in self.introducers
            or any(b.end == pos for b in bounds)
            or self.heads.ending_at(text, pos) is not None
        )

    def subunit_end(self, text: str, end: int) -> int:
        """The end of a unit ending at `end` extended over the sub-units written right after it
        (锻造车间, 三坑, 第二炼钢厂三号平炉, 转炉车间, 地质研究所) and the body it forms (商场|集团)."""
        while True:
            pos = end
            while word := self.trade.starting_at(text, pos):
                pos += len(word)
            head = self.subunit_heads.starting_at(text, pos)
            if head:
                end = pos + len(head)
            elif body := self.bodies.starting_at(text, end):
                end += len(body)  # 西单商场|集团, 新华煤矿|股份有限公司: the body the works forms
            elif match := self.numbered.match(text, end):
                end = match.end()
            elif named := self._named_subunit(text, end):
                end = named
            else:
                return end

    def _named_subunit(self, text: str, start: int) -> int | None:
        """End of a sub-unit whose short name of its own starts at `start`, then its head (车轮轮箍|厂)."""
        shortest, longest = SUBUNIT_NAME
        for pos in range(start + 1, min(start + longest, len(text)) + 1):
            if (
                not self._plain(text[pos - 1])
                or self.left_cut.starting_at(text, pos - 1)
                or self.generic.starting_at(text, pos - 1)
            ):
                return None
            head = self.any_head.starting_at(text, pos)
            if pos - start >= shortest and head and not self.is_title(text, pos, head):
                return pos + len(head)
        return None

    def _plain(self, char: str) -> bool:
        """A character that may be part of a name or description: Han, no function word, number or measure."""
        return is_han(char) and char not in function_chars() and char not in NUMBER and char not in self.counters
