"""Large tables kept in the model cache as SQLite files, written once and read by key.

A process reads from such a table only what the texts it handles need, instead of parsing the whole
table into memory at start. `write_table` writes one atomically; `rows_in` reads the rows of many
keys. `GrowingTable` is for a string -> int table that is only ever asked about strings made of a
text's own characters (pkuseg's feature names, the name lexicon's words): each key is stored in the
group of one of its characters, and the dict a process holds grows by the groups of the characters
of each new text. A key whose characters are not all in the texts seen so far can not be asked for,
so the dict answers every question the table would.

The tables built from jieba's dictionary (`pos_tagger`, `name_lexicon`) live under `jieba/` in the
cache directory of the settings the process's first Chinese pipeline was built with
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
from pathlib import Path
from typing import Any

from extractor.settings import default_cache_dir

_CACHE_DIR: list[Path] = []
"""The cache directory `use_cache_dir` set, if it did."""

BATCH = 900
"""Keys per query, under SQLite's limit on a statement's parameters."""

VALUES = "i"
"""The array type a group's values are stored as (4-byte ints, in the machine's byte order: the cache is local)."""


def use_cache_dir(cache_dir: Path) -> None:
    """Keep the jieba tables under `cache_dir` (Settings.cache_dir) unless a pipeline built before chose."""
    if not _CACHE_DIR:
        _CACHE_DIR.append(cache_dir)


def jieba_tables_dir() -> Path:
    """Where the tables built from jieba's dictionary are kept (see the module's docstring)."""
    return (_CACHE_DIR[0] if _CACHE_DIR else default_cache_dir()) / "jieba"


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


def fill_groups(db: sqlite3.Connection, table: Mapping[str, int], characters: Callable[[str], Iterable[str]]) -> None:
    """`table` as the `groups` table of `db`: each key stored under the one of its `characters` that
    the fewest keys hold (so a common character brings a small group), or under '' if it has none."""
    held = {key: set(characters(key)) for key in table}
    counts = Counter(char for chars in held.values() for char in chars)
    groups: dict[str, list[str]] = defaultdict(list)
    for key, chars in held.items():
        if "\n" in key:
            raise ValueError(f"a key holds a line break: {key!r}")
        groups[min(chars, key=lambda char: (counts[char], char), default="")].append(key)
    db.execute("CREATE TABLE groups (char TEXT PRIMARY KEY, keys TEXT NOT NULL, vals BLOB NOT NULL) WITHOUT ROWID")
    db.executemany(
        "INSERT INTO groups VALUES (?, ?, ?)",
        (
            (char, "\n".join(keys), array(VALUES, [table[key] for key in keys]).tobytes())
            for char, keys in groups.items()
        ),
    )


class GrowingTable:
    """The `groups` table of `db` as a dict holding the groups of the characters covered so far."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.table: dict[str, int] = {}
        self._covered: set[str] = set()
        self._lock = threading.Lock()
        self._load([""])  # the keys of no character of their own are part of every text's

    def cover(self, text: str) -> dict[str, int]:
        """`table`, holding now every key made of characters of `text` (or of a text covered before)."""
        if not self._covered.issuperset(text):
            with self._lock:  # one thread loads a group; a character counts as covered once its group is in
                new = set(text) - self._covered
                self._load(sorted(new))
                self._covered |= new
        return self.table

    def _load(self, chars: Sequence[str]) -> None:
        for keys, vals in rows_in(self._db, "SELECT keys, vals FROM groups WHERE char IN ({})", chars):
            values = array(VALUES)
            values.frombytes(vals)
            self.table.update(zip(keys.split("\n"), values, strict=True))
