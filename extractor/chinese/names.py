"""Reading a Chinese personal name at a position: a surname, then one or two given characters.

Whether the name has one given character or two is decided by the character after the first: a
function word or a word that usually follows a name (作, 摄, 同志, 小组) ends it (喻屏作了总结,
王平摄), and so does the start of an ordinary word (江主席步入会议: 会议). A two-character reading that
is itself an ordinary word (周旋, 相识) is not a name unless a credit, a form of address or a list
mark follows it. Ordinary words are the segmentation model's word list, which also holds some
names (王平), hence the exception. A conjunction (和, 同) is the last given character when what follows
it cannot follow a conjunction (李春和被选为组长, 刘永和带领工人), and where the context fixes the end of
the name (a group word, a credit, a title), `fits` reads any given characters up to it (李春和互助组).
Data: data/surnames.json and data/names.json.
"""

from __future__ import annotations

from extractor.chinese.lexicon import Words, function_chars, is_han, load, title_cores, verbs

SPACES = " \u3000"
STRONG_AFTER = "（(、 \t\u3000\n"
CLASSICAL_END = "之"  # the last given character of many names of the 1940s (孙适之, 靳允之)
LIST_END = "等，。；"


class NameReader:
    def __init__(self, known: frozenset[str] = frozenset()) -> None:
        self.known = known
        surnames = load("surnames")
        names = load("names")
        roles = load("roles")
        self.single = frozenset("".join(surnames["single"])) - frozenset(surnames["excluded"])
        self.compound = Words(surnames["compound"])
        self.common = frozenset(surnames["common"])
        self.name_end = frozenset(names["name_end"])
        self.conjunctions = frozenset(names["conjunctions"])
        self.not_after_conjunction = frozenset(names["not_after_conjunction"])
        self.not_names = frozenset(names["not_names"])
        self.marks = Words(names["credit_words"] + names["group_words"] + names["address_words"])
        self.followers = Words([*self.marks.words, *title_cores(), *roles["modifiers"]])

    def surname(self, text: str, pos: int, *, common: bool = False) -> int:
        """Length of the surname starting at `pos` (0 if none); `common`: frequent surnames only."""
        compound = self.compound.starting_at(text, pos)
        if compound:
            return len(compound)
        if pos < len(text) and text[pos] in (self.common if common else self.single):
            return 1
        return 0

    def read(self, text: str, pos: int, *, common: bool = False) -> int | None:
        """End of the name starting at `pos`, or None if no plausible name starts there."""
        given = pos + self.surname(text, pos, common=common)
        if given == pos or not self._given(text, given) or self.followers.starting_at(text, given):
            return None
        end = given + 1
        if self._classical_end(text, end):
            end += 1  # 孙适之、, 靳允之等: a given name ending in 之
        elif (
            self._given(text, end)
            and not self.followers.starting_at(text, end)
            and (
                (text[end] not in self.name_end and not self._starts_word(text, end))
                or (text[end] in self.conjunctions and self._no_conjunction_before(text, end + 1))
            )
        ):
            end += 1
        return end if self._plausible(text, pos, end) else None

    def fits(self, text: str, start: int, end: int, *, common: bool = False) -> bool:
        """Whether `text[start:end]`, whose end the context fixes (a group word, a credit or a title
        follows), reads as a surname and one or two given characters."""
        given = start + self.surname(text, start, common=common)
        return (
            given > start
            and 1 <= end - given <= 2
            and all(self._given(text, pos) for pos in range(given, end))
            and not self.followers.starting_at(text, given)
            and text[end - 1 : end + 1] not in self.known  # 经贸合|作: the last character begins a word
            and self._plausible(text, start, end)
        )

    def _plausible(self, text: str, start: int, end: int) -> bool:
        """Not a listed non-name, nor an ordinary two-character word unless strongly followed."""
        name = text[start:end]
        if name in self.not_names or name[:2] in self.not_names:
            return False
        return not (len(name) == 2 and name in self.known and not self._strongly_followed(text, end))

    def _classical_end(self, text: str, pos: int) -> bool:
        """Whether 之 at `pos` ends a given name (孙适之): a list mark, 等, a credit or title follows it."""
        return text[pos : pos + 1] == CLASSICAL_END and (
            pos + 1 == len(text)
            or text[pos + 1] in STRONG_AFTER + LIST_END
            or self.followers.starting_at(text, pos + 1) is not None
        )

    def _no_conjunction_before(self, text: str, pos: int) -> bool:
        """Whether what starts at `pos` cannot follow a conjunction: 是, 被, 说 or a verb (带领)."""
        return pos < len(text) and (
            text[pos] in self.not_after_conjunction or verbs().starting_at(text, pos) is not None
        )

    def read_spaced(self, text: str, pos: int) -> int | None:
        """End of a two-character name set with a space between its characters, as bylines print
        them (陈　勇), or None."""
        if self.surname(text, pos) != 1:
            return None
        given = pos + 1
        while given < len(text) and given - pos <= 2 and text[given] in SPACES:
            given += 1
        end = given + 1
        if given == pos + 1 or not self._given(text, given) or (end < len(text) and is_han(text[end])):
            return None
        return end

    def _starts_word(self, text: str, pos: int) -> bool:
        """Whether `pos` starts an ordinary word that the text after it does not contradict (会议 in
        步入会议, but not 远亲 in 远亲自, where 亲自 is the word)."""
        return text[pos : pos + 2] in self.known and text[pos + 1 : pos + 3] not in self.known

    def _strongly_followed(self, text: str, end: int) -> bool:
        return end == len(text) or text[end] in STRONG_AFTER or self.marks.starting_at(text, end) is not None

    def _given(self, text: str, pos: int) -> bool:
        return pos < len(text) and is_han(text[pos]) and text[pos] not in function_chars()
