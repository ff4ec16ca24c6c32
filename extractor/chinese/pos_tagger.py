"""jieba's part-of-speech tagger, its dictionary looked up in a compact table on disk.

jieba cuts a text by the frequencies of its dictionary's words and of every prefix of one (498k
entries), which it builds into a dict on first use: half a second of every process's start, read
from its marshal cache; `import jieba.posseg` reads the words' tags (349k) into another, a third of
a second more. The project tags a few short windows per article (`extractor.chinese.items`), so
both are kept on disk instead: an SQLite file written once into the cache (named by jieba's version
and its dictionary's size) from the same `gen_pfdict` and `load_word_tag` jieba builds its own from.
A cut reads only the frequencies and tags of the text's own substrings, so `tag` fetches those in one
query and hands jieba dicts of them. The cuts and tags are jieba's own, word for word.

`jieba.posseg` itself (the tagger's code) is imported by `posseg`, without reading the tags at import.
"""

from __future__ import annotations

import importlib
import io
import os
import sqlite3
import sys
import threading
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import jieba

from extractor.chinese.cached_tables import open_table, rows_in, write_table
from extractor.settings import default_cache_dir


class StoredDictionary:
    """The table: for each entry of jieba's prefix dictionary its frequency and, for a word, its tag;
    the frequencies' total and the longest entry."""

    def __init__(self, path: Path) -> None:
        self._db = open_table(path)
        self.total, self.longest = self._db.execute("SELECT total, longest FROM meta").fetchone()

    def of_substrings(self, text: str) -> tuple[dict[str, int], dict[str, str]]:
        """The entries among `text`'s substrings (no entry is longer than `longest`) with their
        frequencies, and the words among them with their tags."""
        wanted = list({text[i:j] for i in range(len(text)) for j in range(i + 1, min(i + self.longest, len(text)) + 1)})
        rows = rows_in(self._db, "SELECT word, freq, tag FROM freq WHERE word IN ({})", wanted)
        return {word: freq for word, freq, _ in rows}, {word: tag for word, _, tag in rows if tag is not None}

    def word_tags(self) -> dict[str, str]:
        """Word -> part of speech for every word of the dictionary."""
        return dict(self._db.execute("SELECT word, tag FROM freq WHERE tag IS NOT NULL"))


def tag(text: str) -> list[tuple[str, str]]:
    """The words of `text` and their parts of speech, as `jieba.posseg.cut` gives them."""
    stored = stored_dictionary()
    frequencies, tags = stored.of_substrings(text)
    tokenizer = jieba.Tokenizer()  # one per call (cheap): its dict is this text's, and threads may tag at once
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, stored.total, True
    module = posseg()
    tagger = module.POSTokenizer.__new__(module.POSTokenizer)
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, tags
    return [(pair.word, pair.flag) for pair in tagger.cut(text)]


@cache
def posseg() -> ModuleType:
    """`jieba.posseg`, imported without reading its dictionary's tags if nothing has imported it yet.

    Its import builds its module tagger `jieba.posseg.dt`, which reads the tags of the whole dictionary
    at once (0.3-0.4 s); the project's tagger reads them from the stored table instead. For the length
    of the import, the importing thread's `jieba.dt.get_dict_file` (the one place it reads them from)
    hands it an empty dictionary; `dt` is then made to read the tags from jieba's dictionary the first
    time it is asked for them, as `load_word_tag` in its own constructor would. `jieba.posseg.cut` and
    the rest of the module behave as after a plain import, for any other user of jieba in the process.
    """
    if "jieba.posseg" not in sys.modules:
        _import_without_tags()
    return importlib.import_module("jieba.posseg")  # waits for an import another thread may be running


def _import_without_tags() -> None:
    importer, read = threading.get_ident(), jieba.dt.get_dict_file
    jieba.dt.get_dict_file = lambda: io.BytesIO() if threading.get_ident() == importer else read()
    try:
        import jieba.posseg as module
    finally:
        del jieba.dt.get_dict_file
    if not module.dt.word_tag_tab:  # read from the empty dictionary (not by another thread's import)
        del module.dt.word_tag_tab
        module.dt.__class__ = _tags_on_first_use(module.POSTokenizer)


def _tags_on_first_use(tokenizer_class: Any) -> type:
    class TagsOnFirstUse(tokenizer_class):
        """jieba's POSTokenizer whose word tags are read from its dictionary when first asked for."""

        def __getattr__(self, name: str) -> Any:
            if name != "word_tag_tab":
                return super().__getattr__(name)
            reader = tokenizer_class.__new__(tokenizer_class)
            reader.load_word_tag(self.tokenizer.get_dict_file())
            self.word_tag_tab = reader.word_tag_tab  # set whole: a thread tagging at once sees all or nothing
            return self.word_tag_tab

    return TagsOnFirstUse


def dictionary_stamp() -> str:
    """The installed jieba's version and its dictionary's size: what the tables built from it are named by."""
    with jieba.dt.get_dict_file() as dictionary:
        return f"{jieba.__version__}.{os.fstat(dictionary.fileno()).st_size}"


@cache
def stored_dictionary() -> StoredDictionary:
    return StoredDictionary(_table(default_cache_dir() / "jieba"))


def _table(directory: Path) -> Path:
    """The table of the installed jieba's dictionary, written first if it is not there."""
    path = directory / f"dictionary.v1.{dictionary_stamp()}.sqlite"
    if not path.is_file():
        write_table(path, _fill)
    return path


def _fill(db: sqlite3.Connection) -> None:
    with jieba.dt.get_dict_file() as dictionary:
        frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary)
    module = posseg()
    reader = module.POSTokenizer.__new__(module.POSTokenizer)
    reader.load_word_tag(jieba.dt.get_dict_file())
    tags: dict[str, str] = reader.word_tag_tab
    if not tags.keys() <= frequencies.keys():
        raise ValueError("jieba's dictionary tags a word it gives no frequency")
    db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
    rows = ((word, freq, tags.get(word)) for word, freq in frequencies.items())
    db.executemany("INSERT INTO freq VALUES (?, ?, ?)", rows)
    db.execute("CREATE TABLE meta (total INTEGER NOT NULL, longest INTEGER NOT NULL)")
    db.execute("INSERT INTO meta VALUES (?, ?)", (total, max(map(len, frequencies))))
