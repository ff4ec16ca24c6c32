"""Decide the people, units and places of an English text from NER entities and rule candidates.

Statistical NER is kept where its entity is well-formed (trimmed of "the" and "'s", an
organisation ending in a unit word, a person written like a name) and dropped in headline lines,
where Title Case fools it. A statistical PERSON ending in a unit or industry word ("Ma Steel") or
written as one pinyin word longer than a given name ("Wangjiazhuang") is no person; a statistical
ORG must be capitalised ("the commune Party committee", "the workers' congress" are common nouns).
Rule candidates win over NER within a type. Across types a unit beats what lies inside it (the
place in "Daye Steel Plant", the "name" in "Xin Jia Iron Factory"), except that a place before a
proper name is split off ("Chongqing" + "Zhongliangshan Coal Mine"); a railway line's name holds no
unit, place or person (`lines.py`). Short forms confirmed by a full name ("Ma Steel", `aliases.py`)
join the units. Finally a name accepted once is looked for again in the whole text (one sense per
discourse), and numbered units are found again by their number ("learning from 620").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.english import aliases, pinyin
from extractor.english.headlines import headline_ranges
from extractor.english.lexicon import lexicon, words
from extractor.english.lines import Line, lines, within
from extractor.english.rules import RuleMatcher
from extractor.found import Found, found, of_type, resolve_overlaps
from extractor.records import MentionType

RULE, NER, SPLIT = 2, 1, 3  # priorities: a place split off a unit name is surest
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
NAME_PUNCT = frozenset({"-", "'", "’", "."})
MIN_SINGLE_NAME = 4  # a one-word name repeated through the text must be at least this long
YEARS = (1900, 2009)  # four-digit numbers read as years before a unit word


class EntityResolver:
    """spaCy component: adds people, units and places to `doc._.found`, read from the model's entities
    and the rules' candidates (`rules.py`)."""

    def __init__(self, nlp: Language) -> None:
        self.rules = RuleMatcher(nlp)
        self.suffixes = [
            tuple(token.lower_ for token in nlp.make_doc(text))
            for key in ("party_suffixes", "company_suffixes")
            for text in lexicon("units")[key]
        ]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # joined from the tokens on every access: once here for every step below
        headlines = headline_ranges(text)

        def in_headline(span: Span) -> bool:
            return any(start <= span.start_char < end for start, end in headlines)

        rules = self.rules(doc)
        rule_places = {span.text for span in rules if span.label_ == "place"}
        known_places = rule_places | {ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC")}
        blocked = lines(rules)
        unit_cands, split_places = self._unit_candidates(doc, rules, in_headline, known_places)
        units = _with_branches(doc, text, [unit for unit in resolve_overlaps(unit_cands) if not within(unit, blocked)])
        units += _aliases(doc, rules, units, rule_places)
        people = _outside(resolve_overlaps(self._person_candidates(doc, rules, in_headline)), [*units, *blocked])
        units = _drop_person_groups(doc, units, people)
        place_cands = [*split_places, *_place_candidates(doc, rules, in_headline)]
        places = _outside(resolve_overlaps(place_cands), [*units, *blocked])
        places += [
            Found("place", line.start, line.end, "rule:line", priority=RULE)
            for line in blocked
            if not any(unit.start <= line.start and line.end <= unit.end for unit in units)  # Chinese Changchun Railway
        ]
        people, places = _not_unit_names(text, people, units), _not_unit_names(text, places, units)
        people, places = _settle_people_and_places(people, places)
        kept = [*units, *places, *people]
        kept += _propagate(doc, text, kept, _numbered_backrefs(doc, units), blocked)
        found(doc).extend(sorted(kept, key=lambda f: (f.start, f.end)))
        return doc

    def _unit_candidates(
        self, doc: Doc, rules: list[Span], in_headline: Callable[[Span], bool], known_places: set[str]
    ) -> tuple[list[Found], list[Found]]:
        units: list[Found] = []
        places: list[Found] = []
        sources: list[tuple[Span, str, int]] = [
            (span, f"rule:{span.id_}", RULE) for span in rules if span.label_ == "unit" and span.id_ != "short"
        ]
        sources += [(ent, "ner", NER) for ent in doc.ents if ent.label_ == "ORG"]
        for raw, source, priority in sources:
            span = _trim(raw)
            if span is None:
                continue
            named = source in ("ner", "rule:named")
            if named and in_headline(span):
                if source == "ner":
                    continue
                span = _from_proper_start(span, known_places)
                if span is None:
                    continue
            if source == "ner" and not (_has_unit_head(span) and _capitalised(span)):
                continue
            span = self._with_tail(span)
            if len(span) > 2 and span[0].text in words("units", "nationalities"):
                span = span[1:]  # "British Fu Company": the owners' nationality is no part of the name
            place, span = _split_place(span, known_places)
            if (
                (named and _generic(span))
                or (source == "rule:numbered" and _year_like(span))
                or (source == "rule:ordinal" and _counted(span))
            ):
                continue
            units.append(_found("unit", span, source, priority))
            if place is not None:
                places.append(_found("place", place, "rule:split", SPLIT))
        return units, places

    def _with_tail(self, span: Span) -> Span:
        """Extend a name by what belongs to it: "... Committee" + "of the CCP", "... Co." + ", Ltd.",
        "Bureau" + "of Light Industry", "Federation" + "of Workers and Staff of All Trades" (English
        words only: "of Shanghai" is a place, split off later)."""
        doc = span.doc
        for suffix in self.suffixes:
            if tuple(token.lower_ for token in doc[span.end : span.end + len(suffix)]) == suffix:
                return doc[span.start : span.end + len(suffix)]
        if span.end >= len(doc) or doc[span.end].lower_ != "of":
            return span
        last = i = span.end + 1  # the end of the name so far, and the token read
        while i < len(doc):
            if _tail_word(doc[i]):
                i += 1
                last = i
            elif i == last and doc[i].lower_ in _TAIL_JOINERS and i + 1 < len(doc) and _tail_word(doc[i + 1]):
                i += 1  # "of Workers and Staff of All Trades": a joiner that another word of the name follows
            else:
                break
        return doc[span.start : last] if last > span.end + 1 else span

    def _person_candidates(self, doc: Doc, rules: list[Span], in_headline: Callable[[Span], bool]) -> list[Found]:
        found = [
            _found("person", span[-1:] if span.id_ == "addressed" else span, f"rule:{span.id_}", RULE)
            for span in rules
            if span.label_ == "person"
        ]  # "County Magistrate Wu": the surname a title addresses is the person
        for ent in doc.ents:
            if ent.label_ != "PERSON" or in_headline(ent):
                continue
            span = _person_name(ent)
            if span is not None:
                found.append(_found("person", span, "ner", NER))
        return found


def _aliases(doc: Doc, rules: list[Span], units: list[Found], places: set[str]) -> list[Found]:
    """Short forms of the units found ("Ma Steel", "(Angang)"), where no unit is written already; a
    place the rules know ("(Hubei)") is none (NER's place guesses are too loose to decide that)."""
    names = [span for span in (doc.char_span(unit.start, unit.end) for unit in units) if span is not None]
    shorts = [span for span in rules if span.label_ == "unit" and span.id_ == "short"]
    found = [
        _found("unit", span, "rule:alias", RULE)
        for span in [*aliases.short_forms(shorts, names), *aliases.parenthesised(names, places)]
    ]
    return _outside(resolve_overlaps(found), units)


def _numbered_backrefs(doc: Doc, units: list[Found]) -> set[str]:
    """The numbers of numbered units ("620" of "the 620 coal mining team")."""
    numbers: set[str] = set()
    for unit in units:
        span = doc.char_span(unit.start, unit.end)
        if unit.source == "rule:numbered" and span is not None and span[0].is_digit:
            numbers.add(span[0].text)
    return numbers


def _found(kind: MentionType, span: Span, source: str, priority: int) -> Found:
    return Found(type=kind, start=span.start_char, end=span.end_char, source=source, priority=priority)


def _trim(span: Span) -> Span | None:
    """Drop leading articles and trailing possessives, punctuation and line breaks."""
    determiners = words("common", "determiners")
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].lower_ in determiners or span.doc[start].is_punct or span.doc[start].is_space
    ):
        start += 1
    while end > start and (
        span.doc[end - 1].text in POSSESSIVE or span.doc[end - 1].is_punct or span.doc[end - 1].is_space
    ):
        end -= 1
    if start == end or any("\n" in token.text for token in span.doc[start:end]):
        return None
    return span.doc[start:end]


def _head(span: Span) -> str:
    """The word a name ends on before any "of ..." ("Ministry" in "Ministry of Coal Industry")."""
    for token in span[1:]:
        if token.lower_ == "of":
            return span.doc[token.i - 1].text
    return span[-1].text


def _is_head(token: Token) -> bool:
    return token.lower_ in words("units", "heads")


def _capitalised(span: Span) -> bool:
    """A name starts with a capital or a number and ends on a capitalised head: "commune Party
    committee" and "workers' congress" are common nouns."""
    first, head = span[0].text, _head(span)
    return (first[:1].isupper() or first[:1].isdigit()) and head[:1].isupper()


def _has_unit_head(span: Span) -> bool:
    head = _head(span)
    acronym = head.isupper() and 2 <= len(head) <= lexicon("units")["acronym_max"]
    return acronym or head.lower() in words("units", "heads")


def _generic(span: Span) -> bool:
    """Only organisational words: a back-reference such as "the Municipal Committee", not a name."""
    generic = words("units", "generic_words")
    skip = words("common", "determiners") | {"of"}
    content = [token for token in span if not token.is_punct and token.text not in POSSESSIVE]
    return all(token.lower_ in generic or token.lower_ in skip for token in content)


def _counted(span: Span) -> bool:
    """A counted group ("the first group of cadres", "the second team to finish"), not a named unit."""
    doc = span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    return span[-1].lower_ in words("units", "collective_heads") and following in ("of", "to")


def _year_like(span: Span) -> bool:
    """A year ("in 1958 team leaders"), not the number of a team (which follows "the")."""
    first = span[0]
    year = first.is_digit and len(first) == 4 and YEARS[0] <= int(first.text) <= YEARS[1]
    return year and (first.i == 0 or first.doc[first.i - 1].lower_ not in words("common", "determiners"))


def _from_proper_start(span: Span, known_places: set[str]) -> Span | None:
    """In a headline a run of capitals may start with verbs ("Workers Praise Daye Steel Plant"):
    start at the first pinyin word or known place, or give up."""
    for token in span[:-1]:
        if pinyin.is_pinyin(token.text) or token.text in known_places:
            return span.doc[token.i : span.end]
    return None


def _split_place(span: Span, known_places: set[str]) -> tuple[Span | None, Span]:
    """A place before a proper name ("Chongqing Zhongliangshan Coal Mine") or after "of"
    ("Putuo District Committee of Shanghai") is split off; before a generic name it stays."""
    doc = span.doc
    for size in (2, 1):
        head = span[:size]
        rest = span[size:]
        if len(rest) >= 2 and head.text in known_places and _is_proper(rest[0]):
            return head, rest
    for token in span[1:-1]:
        if token.lower_ == "of":
            tail = _trim(doc[token.i + 1 : span.end])
            name = doc[span.start : token.i]
            if tail is not None and tail.text in known_places and not _generic(name):
                return tail, name
            break
    return None, span


def _is_proper(token: Token) -> bool:
    text = token.text
    return pinyin.is_pinyin(text) and not _is_head(token)


def _person_name(ent: Span) -> Span | None:
    """A statistical PERSON cut down to the name: no title before it, no "'s" or credit word after
    it, and a pinyin name kept to surname plus given name ("Miao Di" of "Miao Di Illustration")."""
    strip = words("roles", "heads") | words("roles", "strip") | words("names", "honorifics")
    span = _trim(ent)
    while span is not None and len(span) > 1 and span[0].lower_ in strip:
        span = span[1:]
    while span is not None and len(span) > 1 and span[-1].lower_ in words("names", "credit_words"):
        span = span[:-1]
    if span is None or span[-1].lower_ in words("roles", "heads"):
        return None  # "County Magistrate": a title, not a name
    if len(span) > 2 and pinyin.is_surname(span[0].text) and pinyin.is_given_name(span[1].text):
        span = span[:2]
    if not all(token.text[:1].isupper() or token.text in NAME_PUNCT for token in span):
        return None
    if not any(token.pos_ == "PROPN" for token in span) or not _name_shaped(span):
        return None
    return span


def _name_shaped(span: Span) -> bool:
    """Not a unit's name ("Ma Steel", "Anshan Works": an industry or unit word ends it) and not one
    pinyin word longer than any given name ("Wangjiazhuang" is a village)."""
    if span[-1].lower_ in words("units", "heads") | words("units", "short_form_heads"):
        return False
    return len(span) > 1 or not (pinyin.is_long_compound(span.text) or _lone_pinyin(span))


_TAIL_JOINERS = frozenset({"and", "of"})
_NOT_IN_TAIL = frozenset({"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "PUNCT", "NUM"})


def _tail_word(token: Token) -> bool:
    """A word of the English part of a unit's name after its head: "of Light Industry", "of All Trades";
    not a place's or person's name, another head, a verb or a joiner."""
    return (
        (token._.pd_name_word or token.is_title)
        and token.pos_ not in _NOT_IN_TAIL
        and token.lower_ not in _TAIL_JOINERS
        and not _is_proper(token)
        and not _is_head(token)
    )


def _with_branches(doc: Doc, text: str, units: list[Found]) -> list[Found]:
    """A unit written right before one of its branches is named with it ("Xinhua News Agency" +
    "Jin-Ji-Lu-Yu General Branch"), as 新华社 and its 总分社 are one name in Chinese."""
    merged: list[Found] = []
    for unit in sorted(units, key=lambda u: u.start):
        last = merged[-1] if merged else None
        between = text[last.end : unit.start] if last else ""
        span = doc.char_span(unit.start, unit.end)
        if last and between == " " and span is not None and _head(span).lower() in words("units", "branch_heads"):
            merged[-1] = replace(last, end=unit.end)
        else:
            merged.append(unit)
    return merged


def _common_region(span: Span) -> bool:
    """ "the Border Region", "the Liberated Area": a common noun of the 1940s, not a place's name
    (but "Jin-Cha-Ji Border Region" is one)."""
    return span[0].lower_ in words("places", "generic_modifiers")


def _lone_pinyin(span: Span) -> bool:
    """One pinyin word that is no surname ("Zunhua", "Guangxu"): a Chinese name is written as surname
    and given name, so such a word is no person."""
    return len(span) == 1 and pinyin.is_pinyin(span.text) and not pinyin.is_surname(span.text)


def _romanised_place(span: Span) -> bool:
    """A lone pinyin word read as a PERSON names a place ("Zunhua"), unless a reign or an era ("the
    Guangxu period")."""
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return _lone_pinyin(span) and after not in words("places", "era_words")


def _place_candidates(doc: Doc, rules: list[Span], in_headline: Callable[[Span], bool]) -> list[Found]:
    found: list[Found] = []
    for span in rules:
        if span.label_ != "place":
            continue
        rule = span.id_
        if rule == "dateline":
            span = span[3:-3]  # "(Xinhua News Agency, |Xingxian|, 18th)": the place it reports from
        elif rule == "direction":
            span = span[2:]  # "40 li north of |Renqiu|": the place a distance is measured from
        if rule == "generic" and in_headline(span):
            trimmed = _from_proper_start(span, set())
            if trimmed is None:
                continue
            span = trimmed
        if not _common_region(span):
            found.append(_found("place", span, f"rule:{rule}", RULE))
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "PERSON") or in_headline(ent):
            continue
        place = _trim(ent)
        if place is None or (ent.label_ == "PERSON" and not _romanised_place(place)):
            continue
        if _common_region(place):
            continue
        if all(token.text[:1].isupper() or token.lower_ == "of" for token in place):
            found.append(_found("place", place, "ner", NER))
    return found


def _overlaps(a: Found | Line, b: Found | Line) -> bool:
    return a.start < b.end and b.start < a.end


def _outside(items: list[Found], blockers: Sequence[Found | Line]) -> list[Found]:
    return [item for item in items if not any(_overlaps(item, block) for block in blockers)]


def _drop_person_groups(doc: Doc, units: list[Found], people: list[Found]) -> list[Found]:
    """Drop units that are a person's group ("Ma Hengchang Group"): README counts them as the person."""
    group_heads = words("names", "person_group_heads")
    kept: list[Found] = []
    for unit in units:
        span = doc.char_span(unit.start, unit.end)
        name = span[:-1] if span is not None and span[-1].lower_ in group_heads else None
        if name is not None and pinyin.is_surname(name[0].text) and all(pinyin.is_pinyin(t.text) for t in name):
            continue
        kept.append(unit)
    return kept


def _not_unit_names(text: str, items: list[Found], units: list[Found]) -> list[Found]:
    """One sense per text: a name accepted as a unit ("Angang") is no statistical place or person elsewhere."""
    names = {text[unit.start : unit.end] for unit in units}
    return [item for item in items if item.source != "ner" or text[item.start : item.end] not in names]


def _settle_people_and_places(people: list[Found], places: list[Found]) -> tuple[list[Found], list[Found]]:
    """Where a person and a place overlap keep the longer; on a tie a rule's place beats a name."""
    lost_people: set[Found] = set()
    lost_places: set[Found] = set()
    for person in people:
        for place in places:
            if not _overlaps(person, place):
                continue
            person_len, place_len = person.end - person.start, place.end - place.start
            if place_len > person_len or (place_len == person_len and place.priority >= RULE):
                lost_people.add(person)
            else:
                lost_places.add(place)
    return [p for p in people if p not in lost_people], [p for p in places if p not in lost_places]


def _propagate(doc: Doc, text: str, kept: list[Found], numbers: set[str], blocked: list[Line]) -> list[Found]:
    """Further occurrences of accepted names, and bare numbers of numbered units, not inside anything."""
    taken: list[Found | Line] = [
        *kept,
        *blocked,
        *of_type(doc, "percentage", "figure"),
    ]
    added: list[Found] = []
    for kind, name in _names_to_repeat(text, kept):
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", text):
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                added += _claim(span, kind, "rule:propagated", taken)
    for token in doc:
        if token.text in numbers and _stands_alone(token):
            added += _claim(doc[token.i : token.i + 1], "unit", "rule:numbered-reference", taken)
    return added


def _names_to_repeat(text: str, kept: list[Found]) -> Iterable[tuple[MentionType, str]]:
    seen: set[tuple[MentionType, str]] = set()
    for item in kept:
        name = text[item.start : item.end]
        if item.type == "person" and " " not in name and (len(name) < MIN_SINGLE_NAME or pinyin.is_surname(name)):
            continue  # a surname alone ("Li") would match too much; "Stalin" is safe
        if (item.type, name) not in seen:
            seen.add((item.type, name))
            yield item.type, name


def _claim(span: Span, kind: MentionType, source: str, taken: list[Found | Line]) -> list[Found]:
    item = _found(kind, span, source, 0)
    if any(_overlaps(item, other) for other in taken):
        return []
    taken.append(item)
    return [item]


def _stands_alone(token: Token) -> bool:
    """A number standing for a unit ("learning from 620 and ..."), not "620 workers" or "No. 620"."""
    doc, i = token.doc, token.i
    following = doc[i + 1] if i + 1 < len(doc) else None
    previous = doc[i - 1] if i > 0 else None
    if previous is not None and previous.lower_ in ("no", "no.", "."):
        return False
    return following is None or following.is_punct or following.pos_ in ("CCONJ", "ADP", "SPACE")
