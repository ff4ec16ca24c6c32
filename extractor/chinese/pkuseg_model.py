"""pkuseg's segmenter built from a compact copy of its feature table, which loads twice as fast.

spacy_pkuseg reads its 1.6 million feature names from features.msgpack, a string -> id map that
msgpack decodes entry by entry (about half of a Chinese-only run's cold start). The ids run 0..n-1,
so the names in id order, one a line, say the same thing: `features.<hash>.lines` is written
beside the cached model the first time it is loaded (from features.msgpack, named by its manifest
hash, so a re-fetched model gets a new copy) and read with one decode and one split afterwards.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import spacy_pkuseg
import srsly
from spacy_pkuseg.feature_extractor import FeatureExtractor
from spacy_pkuseg.model import Model

from extractor.chinese import models


def load_pkuseg(directory: Path) -> spacy_pkuseg.pkuseg:
    """What `spacy_pkuseg.pkuseg(str(directory), user_dict=None)` builds, with the feature table read
    from the compact copy."""
    segmenter = spacy_pkuseg.pkuseg.__new__(spacy_pkuseg.pkuseg)
    segmenter.postag = False
    segmenter.preprocesser = spacy_pkuseg.Preprocesser(None)
    segmenter.postprocesser = spacy_pkuseg.Postprocesser(None, None)
    segmenter.feature_extractor = feature_extractor(directory)
    segmenter.model = Model.load(str(directory))
    segmenter.idx_to_tag = {idx: tag for tag, idx in segmenter.feature_extractor.tag_to_idx.items()}
    segmenter.n_feature = len(segmenter.feature_extractor.feature_to_idx)
    segmenter.n_tag = len(segmenter.feature_extractor.tag_to_idx)
    return segmenter


def feature_extractor(directory: Path) -> FeatureExtractor:
    path = _compact_path(directory)
    if not path.is_file():
        _write_compact(directory / models.FEATURES, path)
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    meta = json.loads(header)
    lines = body.split("\n")
    names, unigrams = lines[: meta["features"]], lines[meta["features"] :]
    if len(unigrams) != meta["unigrams"]:
        raise ValueError(f"{path}: expected {meta['unigrams']} unigrams, found {len(unigrams)}")
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.unigram = set(unigrams)
    extractor.bigram = set()
    extractor.feature_to_idx = dict(zip(names, range(len(names)), strict=True))
    extractor.tag_to_idx = meta["tag_to_idx"]
    return extractor


def _compact_path(directory: Path) -> Path:
    manifest = json.loads((directory / models.MANIFEST).read_text(encoding="utf-8"))
    return directory / f"features.{manifest['files'][models.FEATURES][:12]}.lines"


def _write_compact(source: Path, path: Path) -> None:
    """The msgpack table as a JSON header line, the feature names in id order, then the unigrams."""
    data = srsly.read_msgpack(source)
    table: dict[str, int] = data["feature_to_idx"]
    names = sorted(table, key=table.__getitem__)
    if [table[name] for name in names] != list(range(len(names))) or any("\n" in s for s in (*names, *data["unigram"])):
        raise ValueError(f"{source}: feature ids are not 0..n-1 or a name holds a line break")
    header = {"features": len(names), "unigrams": len(data["unigram"]), "tag_to_idx": data["tag_to_idx"]}
    text = json.dumps(header) + "\n" + "\n".join([*names, *data["unigram"]])
    # written whole under a temporary name, then renamed: a worker loading at the same time sees all or nothing
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
        out.write(text)
    os.replace(out.name, path)
