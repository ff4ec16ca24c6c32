from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cached_tables import INTS, TEXTS, GrowingTable, fill_groups, open_table, rows_in, write_table

# 人 is in four keys; 民, 日 and 报 in two each, a tie the first in code order (报 U+62A5) wins
TABLE = {"人": 1, "人民": 2, "人民日报": 3, "工人": 4, "日报": 5, "**": 6}


def grouped(tmp_path: Path) -> Path:
    path = tmp_path / "table.sqlite"
    write_table(path, lambda db: fill_groups(db, TABLE, lambda key: key.replace("*", ""), INTS))
    return path


def test_written_whole_and_read_by_key(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "pairs.sqlite"

    def fill(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE pairs (key TEXT PRIMARY KEY, value INTEGER)")
        db.executemany("INSERT INTO pairs VALUES (?, ?)", [(str(n), n * n) for n in range(2000)])

    write_table(path, fill)
    assert [p.name for p in path.parent.iterdir()] == ["pairs.sqlite"]  # no temporary file left
    keys = [str(n) for n in range(0, 3000, 2)]  # more keys than one query takes; the last 500 are absent
    rows = rows_in(open_table(path), "SELECT key, value FROM pairs WHERE key IN ({})", keys)
    assert sorted(rows) == sorted((str(n), n * n) for n in range(0, 2000, 2))


def test_growing_table_holds_the_keys_of_the_characters_covered(tmp_path: Path) -> None:
    growing = GrowingTable(open_table(grouped(tmp_path)), INTS)
    assert growing.table == {"**": 6}  # no character of its own: there from the start
    table = growing.cover("人民")
    assert table is growing.table
    assert {key: table[key] for key in ("人", "人民")} == {"人": 1, "人民": 2}
    assert "日报" not in table
    growing.cover("日报")
    assert growing.cover("工") == TABLE  # every key's characters covered now


def test_each_key_is_stored_under_its_least_shared_character(tmp_path: Path) -> None:
    db = open_table(grouped(tmp_path))
    groups = dict(db.execute("SELECT char, keys FROM groups").fetchall())
    assert groups["民"] == "人民"
    assert sorted(groups["报"].split("\n")) == ["人民日报", "日报"]
    assert groups[""] == "**"
    assert groups["工"] == "工人"
    assert "人" in groups  # 人 alone has no other character


JIEBA_TABLES_IN = """
import sys

import pytest
from pathlib import Path
from extractor import cached_tables
from extractor.chinese import name_lexicon, pos_tagger
cached_tables.use_cache_dir(Path(sys.argv[1]))
cached_tables.use_cache_dir(Path(sys.argv[1]) / "later")  # the first pipeline's settings hold
print(pos_tagger.tag("我爱北京"), name_lexicon.is_common_word("附近"))
"""


def test_jieba_tables_are_kept_in_the_settings_cache_dir(tmp_path: Path) -> None:
    shown = subprocess.run(
        [sys.executable, "-c", JIEBA_TABLES_IN, str(tmp_path)], check=True, capture_output=True, text=True
    ).stdout
    assert shown.strip() == "[('我', 'r'), ('爱', 'v'), ('北京', 'ns')] True"
    written = sorted(path.name.split(".")[0] for path in (tmp_path / "jieba").glob("*.sqlite"))
    assert written == ["frequencies", "name_lexicon"]
    assert not (tmp_path / "later").exists()


def test_text_values_are_stored_and_grown_as_ints_are(tmp_path: Path) -> None:
    path = tmp_path / "glosses.sqlite"
    glosses = {"人民": "the people/people's", "日报": "daily (newspaper)", "": "", "人": "person"}
    write_table(path, lambda db: fill_groups(db, glosses, set, TEXTS))
    growing = GrowingTable(open_table(path), TEXTS)
    assert growing.cover("人民") == {"": "", "人": "person", "人民": "the people/people's"}
    assert growing.cover("日报") == glosses


def test_a_line_break_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="line break"):
        write_table(tmp_path / "t.sqlite", lambda db: fill_groups(db, {"人": "a\nb"}, set, TEXTS))
