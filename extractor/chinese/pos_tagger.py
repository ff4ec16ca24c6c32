"""jieba's part-of-speech tagger, its word frequencies looked up in a compact table on disk.

jieba cuts a text by the frequencies of its dictionary's words and of every prefix of one (498k
entries), which it builds into a dict on first use: half a second of every process's start, read
from its marshal cache. The project tags a few short windows per article (`extractor.chinese.items`),
so the table is kept on disk instead: an SQLite file written once into the cache (named by jieba's
version and its dictionary's size) from the same `gen_pfdict` jieba builds its own from. A cut reads
only the frequencies of the text's own substrings, so `tag` fetches those in one query and hands
jieba a dict of them. The words' tags are those `import jieba.posseg` reads for its default tagger,
shared rather than read a second time. The cuts are jieba's own, word for word.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from pathlib import Path

import jieba
import jieba.posseg

from extractor.cached_tables import open_table, rows_in, stored_table, tables_dir


class StoredFrequencies:
    """The table: the frequency of each entry of jieba's prefix dictionary, its total and its longest entry."""

    def __init__(self, path: Path) -> None:
        self._db = open_table(path)
        self.total, self.longest = self._db.execute("SELECT total, longest FROM meta").fetchone()

    def of_substrings(self, text: str) -> dict[str, int]:
        """The entries among `text`'s substrings (no entry is longer than `longest`), with their frequencies."""
        wanted = list({text[i:j] for i in range(len(text)) for j in range(i + 1, min(i + self.longest, len(text)) + 1)})
        return dict(rows_in(self._db, "SELECT word, freq FROM freq WHERE word IN ({})", wanted))


def tag(text: str) -> list[tuple[str, str]]:
    """The words of `text` and their parts of speech, as `jieba.posseg.cut` gives them."""
    frequencies = stored_frequencies()
    tokenizer = jieba.Tokenizer()  # one per call (cheap): its dict is this text's, and threads may tag at once
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies.of_substrings(text), frequencies.total, True
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, word_tags()
    return [(pair.word, pair.flag) for pair in tagger.cut(text)]


def word_tags() -> dict[str, str]:
    """Word -> part of speech for every word of jieba's dictionary, as `import jieba.posseg` has read it."""
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return tags


def dictionary_stamp() -> str:
    """The installed jieba's version and its dictionary's size: what the tables built from it are named by."""
    with jieba.dt.get_dict_file() as dictionary:
        return f"{jieba.__version__}.{os.fstat(dictionary.fileno()).st_size}"


@cache
def stored_frequencies() -> StoredFrequencies:
    return StoredFrequencies(_table(tables_dir("jieba")))


def _table(directory: Path) -> Path:
    """The frequency table of the installed jieba's dictionary, written first if it is not there."""
    return stored_table(directory / f"frequencies.v2.{dictionary_stamp()}.sqlite", _fill)


def _fill(db: sqlite3.Connection) -> None:
    with jieba.dt.get_dict_file() as dictionary:
        frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary)
    db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
    db.executemany("INSERT INTO freq VALUES (?, ?)", frequencies.items())
    db.execute("CREATE TABLE meta (total INTEGER NOT NULL, longest INTEGER NOT NULL)")
    db.execute("INSERT INTO meta VALUES (?, ?)", (total, max(map(len, frequencies))))
