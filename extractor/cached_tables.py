"""Large tables kept in the model cache as SQLite files, written once and read by key.

A process reads from such a table only what the texts it handles need, instead of parsing the whole
table into memory at start. `write_table` writes one atomically (`stored_table` unless it is
there); `rows_in` reads the rows of many keys. `GrowingTable` is for a table of string keys (with
int or text values) that is only ever asked about strings made of a text's own characters (pkuseg's
feature names, the name lexicon's words, CC-CEDICT's headwords for the cross-check): each key is
stored in the group of one of its characters, and the dict a process holds grows by the groups of
the characters of each new text. A key whose characters are not all in the texts seen so far can
not be asked for, so the dict answers every question the table would.

The tables built from registry packages (jieba's dictionary for `chinese.pos_tagger` and
`chinese.name_lexicon`, CC-CEDICT for `crosscheck.dictionary`) live in `tables_dir(name)`: a folder of
the cache directory of the settings the process's first Chinese pipeline was built with
(`use_cache_dir`, called by `chinese.pipeline.build_nlp`), beside the segmentation model; a process
that builds none uses the default cache directory.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from extractor.settings import default_cache_dir

_CACHE_DIR: list[Path] = []
"""The cache directory `use_cache_dir` set, if it did."""

BATCH = 900
"""Keys per query, under SQLite's limit on a statement's parameters."""

V = TypeVar("V", int, str)


@dataclass(frozen=True)
class Values(Generic[V]):
    """How a group's values are stored in one blob."""

    encode: Callable[[list[V]], bytes]
    decode: Callable[[bytes], Iterable[V]]


INTS = Values[int](lambda values: array("i", values).tobytes(), lambda blob: array("i", blob))
"""4-byte ints, in the machine's byte order (the cache is local)."""
TEXTS = Values[str](lambda values: "\n".join(values).encode(), lambda blob: blob.decode().split("\n"))
"""Strings without line breaks."""


def use_cache_dir(cache_dir: Path) -> None:
    """Keep the tables under `cache_dir` (Settings.cache_dir) unless a pipeline built before chose."""
    if not _CACHE_DIR:
        _CACHE_DIR.append(cache_dir)


def tables_dir(name: str) -> Path:
    """Where the tables built from the package `name` are kept (see the module's docstring)."""
    return (_CACHE_DIR[0] if _CACHE_DIR else default_cache_dir()) / name


def write_table(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """The SQLite file `fill` writes, written whole under a temporary name, then renamed: a worker
    loading at the same time sees all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    db = sqlite3.connect(temporary)
    with db:
        fill(db)
    db.close()
    os.replace(temporary, path)


def stored_table(path: Path, fill: Callable[[sqlite3.Connection], None]) -> Path:
    """`path`, written by `fill` first (`write_table`) if it is not there."""
    if not path.is_file():
        write_table(path, fill)
    return path


def open_table(path: Path) -> sqlite3.Connection:
    """A table written by `write_table`, read only; one connection may be shared by the threads of a
    service (sqlite3 serialises its calls)."""
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)


def rows_in(db: sqlite3.Connection, query: str, keys: Sequence[str]) -> list[Any]:
    """The rows of `query` (ending in `IN ({})`, filled with one placeholder per key) for all `keys`."""
    rows: list[Any] = []
    for at in range(0, len(keys), BATCH):
        batch = keys[at : at + BATCH]
        rows += db.execute(query.format(",".join("?" * len(batch))), batch).fetchall()
    return rows


def fill_groups(
    db: sqlite3.Connection,
    table: Mapping[str, V],
    characters: Callable[[str], Iterable[str]],
    values: Values[V],
) -> None:
    """`table` as the `groups` table of `db`: each key stored under the one of its `characters` that
    the fewest keys hold (so a common character brings a small group), or under '' if it has none."""
    held = {key: set(characters(key)) for key in table}
    counts = Counter(char for chars in held.values() for char in chars)
    groups: dict[str, list[str]] = defaultdict(list)
    for key, chars in held.items():
        if "\n" in key or "\n" in str(table[key]):
            raise ValueError(f"a key or its value holds a line break: {key!r}")
        groups[min(chars, key=lambda char: (counts[char], char), default="")].append(key)
    db.execute("CREATE TABLE groups (char TEXT PRIMARY KEY, keys TEXT NOT NULL, vals BLOB NOT NULL) WITHOUT ROWID")
    db.executemany(
        "INSERT INTO groups VALUES (?, ?, ?)",
        ((char, "\n".join(keys), values.encode([table[key] for key in keys])) for char, keys in groups.items()),
    )


class GrowingTable(Generic[V]):
    """The `groups` table of `db` as a dict holding the groups of the characters covered so far."""

    def __init__(self, db: sqlite3.Connection, values: Values[V]) -> None:
        self._db = db
        self._values: Values[V] = values
        self.table: dict[str, V] = {}
        self._covered: set[str] = set()
        self._lock = threading.Lock()
        self._load([""])  # the keys of no character of their own are part of every text's

    def cover(self, text: str) -> dict[str, V]:
        """`table`, holding now every key made of characters of `text` (or of a text covered before)."""
        if not self._covered.issuperset(text):
            with self._lock:  # one thread loads a group; a character counts as covered once its group is in
                new = set(text) - self._covered
                self._load(sorted(new))
                self._covered |= new
        return self.table

    def _load(self, chars: Sequence[str]) -> None:
        for keys, vals in rows_in(self._db, "SELECT keys, vals FROM groups WHERE char IN ({})", chars):
            self.table.update(zip(keys.split("\n"), self._values.decode(vals), strict=True))
