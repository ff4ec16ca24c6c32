from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy_pkuseg
from spacy_pkuseg.feature_extractor import FeatureExtractor

from extractor.chinese import models
from extractor.chinese.pkuseg_model import feature_extractor, load_pkuseg
from extractor.settings import Settings

SENTENCE = "黑龙江双鸭山岭西煤矿的领导干部说，今年全矿生产原煤１２０万吨。"


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cached model's files without any compact copy written next to them yet."""
    source = models.require_model(Settings())
    directory = tmp_path_factory.mktemp("pkuseg")
    for name in (models.FEATURES, models.WEIGHTS, models.MANIFEST):
        shutil.copy(source / name, directory / name)
    return directory


def test_compact_table_holds_what_the_msgpack_holds(model_copy: Path) -> None:
    compact = feature_extractor(model_copy)  # writes the compact copy
    assert list(model_copy.glob("features.*.lines"))
    again = feature_extractor(model_copy)  # reads it
    original = FeatureExtractor.load(str(model_copy))
    for loaded in (compact, again):
        assert loaded.feature_to_idx == original.feature_to_idx
        assert loaded.unigram == original.unigram
        assert loaded.tag_to_idx == original.tag_to_idx
        assert loaded.bigram == set()


def test_segmenter_cuts_as_spacy_pkuseg_loads_it(model_copy: Path) -> None:
    ours = load_pkuseg(model_copy)
    theirs = spacy_pkuseg.pkuseg(str(model_copy), user_dict=None)
    assert ours.cut(SENTENCE) == theirs.cut(SENTENCE)
    assert "".join(ours.cut(SENTENCE)) == SENTENCE
