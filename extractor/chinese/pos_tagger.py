"""jieba's part-of-speech tagger, its word frequencies looked up in a compact table on disk.

jieba cuts a text by the frequencies of its dictionary's words and of every prefix of one (498k
entries), which it builds into a dict on first use: half a second of every process's start, read
from its marshal cache. The project tags a few short windows per article (`extractor.chinese.items`),
so the table is kept on disk instead: an SQLite file written once into the model cache from the
same `gen_pfdict` jieba builds its own from (named by jieba's version and its dictionary's size). A
cut reads only the frequencies of the text's own substrings, so `tag` fetches those in one query and
hands jieba a dict of them. The words' tags are those `import jieba.posseg` reads for its default
tagger, shared rather than read a second time. The cuts are jieba's own, word for word.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from functools import cache
from pathlib import Path

import jieba
import jieba.posseg

from extractor.settings import default_cache_dir

BATCH = 900
"""Substrings per query, under SQLite's limit on a statement's parameters."""


class StoredFrequencies:
    """The table: the frequency of each entry of jieba's prefix dictionary, its total and its longest entry."""

    def __init__(self, path: Path) -> None:
        # read only; one connection shared by the threads of a service (sqlite3 serialises its calls)
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self.total, self.longest = self._db.execute("SELECT total, longest FROM meta").fetchone()

    def of_substrings(self, text: str) -> dict[str, int]:
        """The entries among `text`'s substrings (no entry is longer than `longest`), with their frequencies."""
        wanted = list({text[i:j] for i in range(len(text)) for j in range(i + 1, min(i + self.longest, len(text)) + 1)})
        found: dict[str, int] = {}
        for at in range(0, len(wanted), BATCH):
            batch = wanted[at : at + BATCH]
            query = f"SELECT word, freq FROM freq WHERE word IN ({','.join('?' * len(batch))})"
            found.update(self._db.execute(query, batch).fetchall())
        return found


def word_tags() -> dict[str, str]:
    """Word -> part of speech for every word of jieba's dictionary, as `import jieba.posseg` has read it."""
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return tags


def tag(text: str) -> list[tuple[str, str]]:
    """The words of `text` and their parts of speech, as `jieba.posseg.cut` gives them."""
    frequencies = _frequencies()
    tokenizer = jieba.Tokenizer()  # one per call (cheap): its dict is this text's, and threads may tag at once
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies.of_substrings(text), frequencies.total, True
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, word_tags()
    return [(pair.word, pair.flag) for pair in tagger.cut(text)]


@cache
def _frequencies() -> StoredFrequencies:
    return StoredFrequencies(_table(default_cache_dir() / "jieba"))


def _table(directory: Path) -> Path:
    """The frequency table of the installed jieba's dictionary, written first if it is not there."""
    with jieba.dt.get_dict_file() as dictionary:
        size = os.fstat(dictionary.fileno()).st_size
        path = directory / f"frequencies.v2.{jieba.__version__}.{size}.sqlite"
        if not path.is_file():
            _write(jieba.Tokenizer.gen_pfdict(dictionary), path)
    return path


def _write(built: tuple[dict[str, int], int], path: Path) -> None:
    """The table, written whole under a temporary name, then renamed: a worker loading at the same time
    sees all or nothing."""
    frequencies, total = built
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    with sqlite3.connect(temporary) as db:
        db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO freq VALUES (?, ?)", frequencies.items())
        db.execute("CREATE TABLE meta (total INTEGER NOT NULL, longest INTEGER NOT NULL)")
        db.execute("INSERT INTO meta VALUES (?, ?)", (total, max(map(len, frequencies))))
    db.close()
    os.replace(temporary, path)
