"""Where a role title begins: [organisation prefix] [modifiers]* core (data/roles.json, data/units.json).

A title keeps the organisation it is written as one phrase with (公司党委副书记, 水利管理站站长,
第二炼铁厂高炉工长, 油田建设指挥部总工程师): back from its modifiers (全国, 副, 总, 助理) over found
units, organisation words and the heads of unit names, each optionally preceded by trade words
(水利 + 管理站). Places are not taken: 湖南省省长 is a 省长 of a place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractor.chinese.lexicon import Words, load, title_cores
from extractor.found import Found


class TitleReader:
    def __init__(self) -> None:
        roles = load("roles")
        units = load("units")
        self.cores = Words(title_cores())
        self.modifiers = Words(roles["modifiers"])
        heads = units["heads"] + units["team_heads"] + units["subunit_heads"] + units["numbered_heads"]
        self.org_words = Words(roles["org_words"] + heads)
        self.trade = Words(units["trade_words"])

    def modified_start(self, text: str, core: int) -> int:
        """Start of the modifiers written before the core at `core` (全国特等劳动模范, 副总工程师)."""
        start = core
        while modifier := self.modifiers.ending_at(text, start):
            start -= len(modifier)
        return start

    def core_end(self, text: str, pos: int) -> int | None:
        """End of the title [modifiers]* core starting at `pos`, if one does (副总理, 全国劳动模范)."""
        core = self.cores.starting_at(text, pos)
        if core:
            return pos + len(core)
        for size in self.modifiers.lengths:
            if text[pos : pos + size] in self.modifiers and (end := self.core_end(text, pos + size)):
                return end
        return None

    def starts(
        self, text: str, core: int, units: Sequence[Found], phrase_start: Callable[[int], bool]
    ) -> tuple[int, int]:
        """Where the phrase of the title whose core starts at `core` begins, and where the title itself
        does: a found unit's name in the phrase is the unit the title is held in, not part of it
        (中原公司|股东, 交通局|党组书记), while organisation words are (矿党委书记). `phrase_start(pos)` tells
        whether a phrase may start at `pos`, which a one-character organisation word needs (矿党委书记,
        not 统计局|局长)."""
        start = own = self.modified_start(text, core)
        held = False  # whether a unit's name was passed
        while True:
            unit = max(  # a unit written before the title, or sharing its last character with it (研究所|长)
                (u for u in units if u.start < start <= u.end <= start + 1), key=lambda u: u.end - u.start, default=None
            )
            if unit:
                start, held = unit.start, True
                continue
            word = self.org_words.ending_at(text, start) or ""
            if len(word) == 1 and (text[core] == word or not phrase_start(start - 1)):
                word = ""  # 县县长 and 统计局局长: a single character belonging to the core or to a longer word
            if not word:
                return start, own
            start -= len(word)
            while trade := self.trade.ending_at(text, start):
                start -= len(trade)
            if not held:
                own = start
