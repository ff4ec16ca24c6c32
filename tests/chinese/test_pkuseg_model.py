from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy_pkuseg
from spacy_pkuseg.feature_extractor import FeatureExtractor

from extractor import read_article
from extractor.chinese import models
from extractor.chinese.pkuseg_model import feature_characters, load_pkuseg
from extractor.settings import Settings
from tests.conftest import SEEDS

SENTENCE = "黑龙江双鸭山岭西煤矿的领导干部说，今年全矿生产原煤１２０万吨。"


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cached model's files without any stored table written next to them yet."""
    source = models.require_model(Settings())
    directory = tmp_path_factory.mktemp("pkuseg")
    for name in (models.FEATURES, models.WEIGHTS, models.MANIFEST):
        shutil.copy(source / name, directory / name)
    return directory


@pytest.fixture(scope="module")
def theirs(model_copy: Path) -> spacy_pkuseg.pkuseg:
    return spacy_pkuseg.pkuseg(str(model_copy), user_dict=None)


def test_feature_names_give_the_text_characters_they_are_written_with() -> None:
    assert feature_characters("c.的") == "的"
    assert feature_characters("cc1.的.人") == "的人"
    assert feature_characters("c-2c-1.**Num.年") == "年"
    assert feature_characters("w-1.人民") == "人民"
    assert feature_characters("ww.l.**noWord*人民") == "人民"
    assert feature_characters("ww.r.日报*&") == "日报&"  # a text's own '.' or '*' is renamed '&' first
    assert feature_characters("c.**Letter") == ""
    assert feature_characters("$$") == ""


def test_stored_table_is_written_once_and_holds_what_the_msgpack_holds(model_copy: Path) -> None:
    first = load_pkuseg(model_copy)  # writes the stored table
    (stored,) = model_copy.glob("features.*.sqlite")
    written = stored.stat().st_mtime_ns
    again = load_pkuseg(model_copy)  # reads it
    assert stored.stat().st_mtime_ns == written
    original = FeatureExtractor.load(str(model_copy))
    every_character = "".join({char for name in original.feature_to_idx for char in name})
    for loaded in (first, again):
        assert len(loaded.feature_extractor.feature_to_idx) < len(original.feature_to_idx) / 1000  # none cut yet
        assert loaded.features.cover(every_character) is loaded.feature_extractor.feature_to_idx
        assert loaded.feature_extractor.feature_to_idx == original.feature_to_idx
        assert loaded.feature_extractor.unigram == original.unigram
        assert loaded.feature_extractor.tag_to_idx == original.tag_to_idx
        assert loaded.n_feature == len(original.feature_to_idx)


def test_a_text_brings_the_features_it_is_written_with(model_copy: Path) -> None:
    segmenter = load_pkuseg(model_copy)
    segmenter.cut(SENTENCE)
    table = segmenter.feature_extractor.feature_to_idx
    assert {"c.煤", "cc1.煤.矿", "c.**Num"} <= table.keys()
    assert "c.鲸" not in table  # 鲸 is not in the sentence
    assert len(table) < segmenter.n_feature / 10


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_segmenter_cuts_as_spacy_pkuseg_loads_it(model_copy: Path, theirs: spacy_pkuseg.pkuseg, seed: Path) -> None:
    ours = load_pkuseg(model_copy)  # a fresh table for each text: only its own characters' features
    for text in (read_article(seed).zh or "", SENTENCE):
        assert ours.cut(text) == theirs.cut(text)
        assert "".join(ours.cut(text)) == "".join(text.split())
