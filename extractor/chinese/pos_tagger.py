"""jieba's part-of-speech tagger, its word frequencies looked up in a compact table on disk.

jieba cuts a text by the frequencies of its dictionary's words and of every prefix of one (498k
entries), which it builds into a dict on first use: half a second of every process's start, read
from its marshal cache. The project tags a few short windows per article (`extractor.chinese.items`),
so the table is kept on disk instead: an SQLite file written once into the model cache from the
same `gen_pfdict` jieba builds its own from (named by jieba's version and its dictionary's size), and
read a word at a time. The words' tags are those `import jieba.posseg` reads for its default tagger,
shared rather than read a second time. The cuts are jieba's own, word for word.
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


class StoredFrequencies:
    """What jieba's `Tokenizer` reads of its prefix dictionary (`in`, `[]`, `get`), from the table."""

    def __init__(self, path: Path) -> None:
        # read only; one connection shared by the threads of a service (sqlite3 serialises its calls)
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self.total: int = self._db.execute("SELECT value FROM total").fetchone()[0]

    def get(self, word: str, default: int | None = None) -> int | None:
        row = self._db.execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
        return default if row is None else int(row[0])

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        freq = self.get(word)
        if freq is None:
            raise KeyError(word)
        return freq


def word_tags() -> dict[str, str]:
    """Word -> part of speech for every word of jieba's dictionary, as `import jieba.posseg` has read it."""
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return tags


@cache
def tagger() -> jieba.posseg.POSTokenizer:
    """jieba's tagger over its default dictionary, the frequencies read from the stored table."""
    frequencies = StoredFrequencies(_table(default_cache_dir() / "jieba"))
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, frequencies.total, True
    tagged = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagged.tokenizer, tagged.word_tag_tab = tokenizer, word_tags()
    return tagged


def _table(directory: Path) -> Path:
    """The frequency table of the installed jieba's dictionary, written first if it is not there."""
    with jieba.dt.get_dict_file() as dictionary:
        size = os.fstat(dictionary.fileno()).st_size
        path = directory / f"frequencies.{jieba.__version__}.{size}.sqlite"
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
        db.execute("CREATE TABLE total (value INTEGER NOT NULL)")
        db.execute("INSERT INTO total VALUES (?)", (total,))
    db.close()
    os.replace(temporary, path)
