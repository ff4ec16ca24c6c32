"""Titles attached to a named person, each linked to that person (the role's `holder`).

Four ways a People's Daily translation attaches a title to a name:
  before it            "Vice-Director Zhao Fuming", "Xinhua News Agency reporter Liu Shilin"
  in apposition after  "Shi Guoliang, the secretary of the mine's Party committee," (and a second
                       title joined by "and": "..., director of the plant and a Party member,")
  in apposition before "the secretary of the Party branch, He Shunxian,"
  given later          "transferred Party member Li Renqing to be the group leader", "Li was elected
                       team leader", "Li, a League member, served as leader of the shock team"
A title is a noun phrase whose last word before any "of ..." is a title word or two-word title
ending from `lexicons/roles.json`; unattached titles and plurals are never looked at. A unit's name
is read whole inside a title, so its "and" or "No." does not end the title.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractor.english.extensions import tokens_of
from extractor.english.lexicon import lexicon, words
from extractor.found import Found, found, of_type

MAX_TITLE_TOKENS = 20  # "secretary of the North Well General Branch of the ... Coal Mine"
MAX_PREFIX_TOKENS = 8  # words before a name that can belong to its title
MAX_ASIDE_TOKENS = 5  # "(right)" between a name and its title
MAX_LINK_REACH = 15  # how far after a name a title may be given to it ("Li, ..., served as ...")
_NOUNISH = frozenset({"NOUN", "PROPN", "ADJ"})
_BOUNDARY = frozenset({",", ".", ";", ":", "(", ")", "—", "–", '"', "“", "”"})
_CLAUSE_WORDS = frozenset({"and", "or", "but", "who", "which", "that", "whose"})
_MODIFIER_TAGS = frozenset({"VBG", "VBN"})  # "director of the coking plant"
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a new verb ends the clause a title is given in
_CLAUSE_END = frozenset({".", ";", ":", "?", "!", '"', "“", "”"})
_PRONOUNS = frozenset({"he", "she"})
_OTHER_HOLDER = frozenset({"POS", "WP$"})  # "Li's brother is ...", "Li, whose son is ...": not Li's title


class RoleFinder:
    """spaCy component: adds the roles of the people in `doc._.found` to it, and gives a unit named
    inside a role the role's holder."""

    def __init__(self, nlp: Language) -> None:
        def phrases(key: str) -> list[tuple[str, ...]]:
            return [tuple(token.lower_ for token in nlp.make_doc(text)) for text in lexicon("roles")[key]]

        self.links = sorted(phrases("links"), key=len, reverse=True)  # "was elected" before "was"
        self.openers = phrases("openers")
        self.others = phrases("list_ends")

    def __call__(self, doc: Doc) -> Doc:
        people = [tokens_of(doc, person) for person in of_type(doc, "person")]
        units = {span.start: span.end for span in (tokens_of(doc, unit) for unit in of_type(doc, "unit"))}
        starts = {person.start for person in people}
        titled: list[tuple[Span, Span]] = []
        for person in people:
            titles = [
                _before(person),
                *self._after(person, units),
                _apposed_before(person, units),
                self._linked(person, units, starts),
            ]
            for title in titles:
                if title is not None and not any(_overlap(title, other) for other in people):
                    titled.append((title, person))
        told: set[tuple[int, int]] = set()  # titles given to a pronoun: a post held before, maybe elsewhere
        for pronoun, person in _pronouns(doc, people):
            title = self._linked(pronoun, units, starts)
            if title is not None and not any(_overlap(title, other) for other in people):
                titled.append((title, person))
                told.add((title.start, title.end))
        holders = {(title.start, title.end): person for title, person in titled}
        roles: list[Found] = []
        phrases: list[Span] = []
        for title in filter_spans([title for title, _ in titled]):
            person = holders[(title.start, title.end)]
            holder = (person.start_char, person.end_char)
            own = _without_unit(title, units)
            roles.append(Found("role", own.start_char, own.end_char, "rule:role", holder=holder))
            phrases.append(title)
        named = [
            (role, phrase)
            for role, phrase in zip(roles, phrases, strict=True)
            if (phrase.start, phrase.end) not in told
        ]
        doc._.found = [*_attach_units(found(doc), named), *roles]
        return doc

    def _after(self, person: Span, units: dict[int, int]) -> list[Span]:
        """Titles in apposition after the name: "Name (right), the deputy mine manager, ...", and a
        second one joined to the first ("Name, director of the plant and a Party member, ..."); a
        list closed by "and others" takes the title after it ("..., Sun Shizhi and others, shareholders")."""
        doc = person.doc
        i = _after_phrase(doc, _skip_aside(doc, person.end), self.others)
        if i >= len(doc) or doc[i].text != ",":
            return []
        i = _after_phrase(doc, i + 1, self.openers)
        titles: list[Span] = []
        title = _title_phrase(doc, _skip_determiner(doc, i), units, require_boundary=True)
        while title is not None:
            titles.append(title)
            if title.end >= len(doc) or doc[title.end].lower_ not in words("roles", "joiners"):
                break
            title = _title_phrase(doc, _skip_determiner(doc, title.end + 1), units, require_boundary=True)
        return titles

    def _linked(self, person: Span, units: dict[int, int], people: set[int]) -> Span | None:
        """A title given later in the person's clause: "elected Li team leader", "Li Renqing to be the
        group leader", "Li, a League member, served as leader of the team". The clause ends at a
        sentence stop, another person, a possessive or a new finite verb that links nothing ("Li said
        that ...")."""
        doc = person.doc
        if person.start > 0 and doc[person.start - 1].lower_ in words("roles", "appointers"):
            title = _title_phrase(doc, _skip_determiner(doc, person.end), units, require_boundary=False)
            if title is not None:
                return title
        i = _skip_aside(doc, person.end)
        for j in range(i, min(len(doc), i + MAX_LINK_REACH)):
            token = doc[j]
            if token.text in _CLAUSE_END or token.is_space or token.tag_ in _OTHER_HOLDER or (j > i and j in people):
                return None
            start = _after_phrase(doc, j, self.links)
            if start > j:
                title = _title_phrase(doc, _skip_determiner(doc, start), units, require_boundary=False)
                if title is not None:
                    return title
            elif token.pos_ == "VERB" and token.tag_ in _FINITE_TAGS:
                return None
        return None


def _pronouns(doc: Doc, people: list[Span]) -> Iterator[tuple[Span, Span]]:
    """A "he" or "she" that is a clause's subject, with the person named last before it in its paragraph
    ("Mr. Liu ... In 1912 he served as director of ..."): a title given to the pronoun is that person's."""
    text = doc.text  # joined from the tokens on every access
    for token in doc:
        if token.lower_ not in _PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        last = max((p for p in people if p.end <= token.i), key=lambda p: p.end, default=None)
        if last is not None and "\n\n" not in text[last.end_char : token.idx]:
            yield doc[token.i : token.i + 1], last


def _without_unit(title: Span, units: dict[int, int]) -> Span:
    """The title without the unit it is held in, written after "of" ("shareholder of the former Zhongyuan
    Company", "deputy head of the department" after "the Construction Department"): a unit's name, or
    a definite reference that ends a unit named before it. Organs that make the title a compound stay
    ("secretary of the mine's Party committee", "chairman of the board", "head of the Ceramics Section")."""
    doc = title.doc
    of = next((t.i for t in title if t.lower_ == "of" and t.i > title.start), None)
    if of is None:
        return title
    i = of + 1
    definite = i < title.end and doc[i].lower_ in words("common", "determiners")
    i += definite
    while i < title.end and doc[i].pos_ == "ADJ" and i not in units:
        i += 1
    if i in units:  # "of the North Well General Branch (of the X Coal Mine)"
        return doc[title.start : of]
    reference = doc[i : title.end].text.casefold()
    named_before = (
        doc[start:end].text.casefold() for start, end in units.items() if end <= title.start and end - start > 1
    )
    if definite and reference and any(name.endswith(" " + reference) for name in named_before):
        return doc[title.start : of]
    return title


def _attach_units(items: list[Found], titles: list[tuple[Found, Span]]) -> list[Found]:
    """A unit named in the phrase of a person's title (role, phrase) is that person's unit ("secretary of
    the X Branch")."""
    attached: list[Found] = []
    for item in items:
        role = next((r for r, p in titles if p.start_char <= item.start and item.end <= p.end_char), None)
        attached.append(replace(item, holder=role.holder) if item.type == "unit" and role is not None else item)
    return attached


def _after_phrase(doc: Doc, i: int, phrases: list[tuple[str, ...]]) -> int:
    """Where the text continues after the first of `phrases` written at `i` (`i` if none is)."""
    for phrase in phrases:
        if tuple(token.lower_ for token in doc[i : i + len(phrase)]) == phrase:
            return i + len(phrase)
    return i


def _is_title_word(token: Token) -> bool:
    """A title ends on this word: "secretary", or the "worker" of "model worker"; or their plural,
    given to each of several names ("Meng Fu and Yuan Beixing, as executive committee members")."""
    if token.lower_ in words("roles", "heads") or (
        token.tag_ == "NNS" and _singular(token.lower_) in words("roles", "heads")
    ):
        return True
    return token.i > 0 and f"{token.doc[token.i - 1].lower_} {token.lower_}" in words("roles", "head_phrases")


def _singular(word: str) -> str:
    """The singular of a title's plural: "members", "secretaries" (the pipeline has no lemmatizer)."""
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


def _before(person: Span) -> Span | None:
    """Title words written right before the name, back to the first word that cannot be in a title."""
    doc = person.doc
    last = person.start - 1
    if last < 0 or not _is_title_word(doc[last]):
        return None
    first = last
    while first > 0 and last - first < MAX_PREFIX_TOKENS and _in_prefix(doc[first - 1]):
        first -= 1
    while first < last and doc[first].lower_ in words("roles", "renown"):
        first += 1  # "Noted Ceramics Expert Liu Yuchen": the renown describes the holder
    return doc[first : last + 1]


def _in_prefix(token: Token) -> bool:
    if token.text == "-":
        return True
    return token.pos_ in _NOUNISH and token.lower_ not in words("common", "function_words")


def _apposed_before(person: Span, units: dict[int, int]) -> Span | None:
    """A title in apposition before the name ("the secretary of the Party branch, Name, ..."): it ends
    at the comma and starts after an article, a possessive ("the factory's") or the clause's start."""
    doc = person.doc
    comma = person.start - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    left = comma
    while left > 0 and comma - left < MAX_TITLE_TOKENS and not _ends_clause(doc[left - 1]):
        left -= 1
    for start in range(left, comma):
        if start == left or doc[start - 1].lower_ in words("common", "determiners") or doc[start - 1].tag_ == "POS":
            title = _title_phrase(doc, start, units, require_boundary=True)
            if title is not None and title.end == comma:
                return title
    return None


def _ends_clause(token: Token) -> bool:
    return token.text in _BOUNDARY or token.is_space or token.pos_ in ("VERB", "AUX")


def _title_phrase(doc: Doc, start: int, units: dict[int, int], *, require_boundary: bool) -> Span | None:
    """A title starting at `start`: nouns ending on a title word, then optionally "of ..." up to a
    boundary. With `require_boundary`, the phrase must end at punctuation or a clause word (so
    "Name, the director said" is not a title); otherwise an "of ..." not closed so is left out.
    A unit's name (`units`: start -> end token) is taken whole ("of the Iron and Steel Company")."""
    end = start
    closed = False
    while end < len(doc) and end - start < MAX_TITLE_TOKENS:
        token = doc[end]
        if end > start and end in units:
            end = units[end]
            continue
        if token.text in _BOUNDARY or token.is_space or token.lower_ in _CLAUSE_WORDS or _opens_clause(token):
            closed = True
            break
        if token.pos_ in ("VERB", "AUX") and not (token.tag_ in _MODIFIER_TAGS and end > start):
            break
        if token.pos_ == "ADP" and token.lower_ != "of":
            closed = True
            break
        end += 1
    closed = closed or end == len(doc)
    if require_boundary and not closed:
        return None
    head_end = next((t.i for t in doc[start:end] if t.lower_ == "of" and t.i > start), end)
    if head_end == start or not _is_title_word(doc[head_end - 1]):
        return None
    if any(
        (token.pos_ not in _NOUNISH and token.text != "-") or token.lower_ in words("roles", "praise")
        for token in doc[start:head_end]
    ):
        return None
    if any(token.lower_ in words("roles", "households") for token in doc[head_end:end]):
        return None  # "a member of a miner's family": a family is no body that gives titles
    return doc[start : end if closed else head_end]


def _opens_clause(token: Token) -> bool:
    """A subordinating word or a date ends a title: "leader of the team when the tunnels were cut",
    "director of the plant last year"."""
    return token.pos_ == "SCONJ" or token.tag_ in ("WRB", "WDT", "WP", "WP$") or token.ent_type_ in ("DATE", "TIME")


def _skip_aside(doc: Doc, i: int) -> int:
    if i < len(doc) and doc[i].text == "(":
        for j in range(i + 1, min(len(doc), i + MAX_ASIDE_TOKENS + 1)):
            if doc[j].text == ")":
                return j + 1
    return i


def _skip_determiner(doc: Doc, i: int) -> int:
    """Past an article and words of renown, which describe a holder, not a post ("a noted ceramics expert")."""
    i = i + 1 if i < len(doc) and doc[i].lower_ in words("common", "determiners") else i
    while i < len(doc) and doc[i].lower_ in words("roles", "renown"):
        i += 1
    return i


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
