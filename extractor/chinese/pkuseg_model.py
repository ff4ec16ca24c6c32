"""pkuseg's segmenter whose feature table is loaded as the texts it cuts need it.

spacy_pkuseg reads its 1.6 million feature names from features.msgpack into one dict (name -> id)
at load, most of a Chinese-only run's cold start; one article asks about a tenth to a fifth of them.
Each feature pkuseg builds for a text is written with the text's own characters, after the
renaming it applies (c.的, cc1.的.人, w1.人民; `**Num`, `**Letter` and `**noWord` stand for any digit,
any letter and no word), so the table is kept as a `cached_tables.GrowingTable`: an SQLite file
`features.<hash>.sqlite` written beside the cached model the first time it is loaded (from
features.msgpack, named by its manifest hash, so a re-fetched model gets a new copy), and before each
text is cut the dict pkuseg reads gains the features of the characters no text before it brought.
Every feature of a text is in the dict with its id when the text is cut, so the cuts are pkuseg's own.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import spacy_pkuseg
import srsly
from spacy_pkuseg.feature_extractor import FeatureExtractor
from spacy_pkuseg.model import Model

from extractor.cached_tables import INTS, GrowingTable, fill_groups, open_table, stored_table
from extractor.chinese import models

PLACEHOLDERS = re.compile(r"\*\*(?:Num|Letter|noWord)")
"""What pkuseg writes for a digit, a letter or no word; '.' and '*' join a feature's parts (a text's own
'.' and '*' are renamed '&' first)."""


class Segmenter(spacy_pkuseg.pkuseg):
    """spacy_pkuseg's segmenter, its feature table grown by each text's characters before it is cut."""

    features: GrowingTable[int]

    def cut(self, txt: str) -> Any:
        self.features.cover(FeatureExtractor.keyword_rename(txt))
        return super().cut(txt)


def load_pkuseg(directory: Path) -> Segmenter:
    """What `spacy_pkuseg.pkuseg(str(directory), user_dict=None)` builds, with the feature table grown
    from the cached SQLite copy."""
    segmenter = Segmenter.__new__(Segmenter)
    segmenter.postag = False
    segmenter.preprocesser = spacy_pkuseg.Preprocesser(None)
    segmenter.postprocesser = spacy_pkuseg.Postprocesser(None, None)
    db = open_table(_stored_path(directory))
    features, unigrams, tag_to_idx = db.execute("SELECT features, unigrams, tag_to_idx FROM meta").fetchone()
    segmenter.features = GrowingTable(db, INTS)
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.unigram = set(unigrams.split("\n"))
    extractor.bigram = set()
    extractor.feature_to_idx = segmenter.features.table
    extractor.tag_to_idx = json.loads(tag_to_idx)
    segmenter.feature_extractor = extractor
    segmenter.model = Model.load(str(directory))
    segmenter.idx_to_tag = {idx: tag for tag, idx in extractor.tag_to_idx.items()}
    segmenter.n_feature = features
    segmenter.n_tag = len(extractor.tag_to_idx)
    return segmenter


def feature_characters(name: str) -> str:
    """The text characters a feature name is written with: those after its template's name (c-1c., ww.l.)
    but for placeholders and joiners ('' for pkuseg's start feature `$$`)."""
    _, _, parts = name.removeprefix("ww.").partition(".")
    return PLACEHOLDERS.sub("", parts).replace(".", "").replace("*", "")


def _stored_path(directory: Path) -> Path:
    manifest = json.loads((directory / models.MANIFEST).read_text(encoding="utf-8"))
    path = directory / f"features.{manifest['files'][models.FEATURES][:12]}.sqlite"
    return stored_table(path, lambda db: _fill(db, srsly.read_msgpack(directory / models.FEATURES)))


def _fill(db: sqlite3.Connection, data: dict[str, Any]) -> None:
    """The msgpack table's features grouped by character, and its unigrams and tags in `meta`."""
    table: dict[str, int] = data["feature_to_idx"]
    if any("\n" in word for word in data["unigram"]):
        raise ValueError("a unigram holds a line break")
    fill_groups(db, table, feature_characters, INTS)
    db.execute("CREATE TABLE meta (features INTEGER NOT NULL, unigrams TEXT NOT NULL, tag_to_idx TEXT NOT NULL)")
    db.execute(
        "INSERT INTO meta VALUES (?, ?, ?)", (len(table), "\n".join(data["unigram"]), json.dumps(data["tag_to_idx"]))
    )
