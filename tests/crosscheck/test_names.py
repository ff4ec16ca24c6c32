from __future__ import annotations

import pytest

from extractor.crosscheck.names import (
    customary_names,
    load_tsv,
    normalise_en,
    place_generics,
    place_score,
    romanise,
    score,
    zh_readings,
)
from extractor.romanisation import en_syllables, pinyin_syllables

MATCH = 0.99
NO_MATCH = 0.8


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        ("施国良", "Shi Guoliang"),
        ("曾乐山", "Zeng Leshan"),  # 曾 is zeng as a surname, not ceng
        ("单田芳", "Shan Tianfang"),
        ("仇英", "Qiu Ying"),
        ("解缙", "Xie Jin"),
        ("朴正", "Piao Zheng"),
        ("区梦觉", "Ou Mengjue"),
        ("查良镛", "Zha Liangyong"),
        ("盖叫天", "Ge Jiaotian"),
        ("尉迟恭", "Yuchi Gong"),  # compound surname
        ("欧阳海", "Ouyang Hai"),
        ("吕明远", "Lv Mingyuan"),
    ],
)
def test_romanise_person_uses_surname_readings(zh: str, expected: str) -> None:
    assert romanise(zh) == expected


@pytest.mark.parametrize(
    ("zh", "expected"),
    [("双鸭山", "Shuangyashan"), ("西安", "Xi'an"), ("延安", "Yan'an"), ("重庆", "Chongqing"), ("常宁", "Changning")],
)
def test_romanise_place(zh: str, expected: str) -> None:
    assert romanise(zh, person=False) == expected


def test_surname_reading_applies_to_the_surname_only() -> None:
    assert [r[0] for r in zh_readings("曾曾", person=True)] == ["zeng", "ceng"]
    assert zh_readings("曾经", person=False)[0][0] == "ceng"


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        ("Mao Tse-tung", "mao zedong"),
        ("Chu Teh", "zhu de"),
        ("Liu Shao-ch'i", "liu shaoqi"),
        ("P’eng Teh-huai", "peng dehuai"),  # typographic apostrophe
        ("SHI  Guo-Liang", "shi guoliang"),
        ("Xī'ān", "xian"),  # tone marks dropped
        ("Lü Ming", "lv ming"),
        ("Peking", "beijing"),  # postal spelling
        ("Tientsin", "tianjin"),
    ],
)
def test_normalise_en(en: str, expected: str) -> None:
    assert normalise_en(en) == expected


def test_wade_giles_syllables_keep_both_readings_when_apostrophes_are_dropped() -> None:
    # "ping" is bing in strict Wade-Giles and ping when the apostrophe of "p'ing" was left out.
    [[hsiao, ping]] = en_syllables("Hsiao-ping")
    assert hsiao == ("xiao",)
    assert {"bing", "ping"} <= set(ping)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("施国良", "Shi Guoliang"),
        ("施国良", "Shi Guo-liang"),
        ("施国良", "Shi Guo Liang"),
        ("施国良", "Guoliang Shi"),  # surname last
        ("周恩来", "Chou En-lai"),
        ("毛泽东", "Mao Tse-tung"),
        ("邓小平", "Teng Hsiao-ping"),
        ("朱德", "Chu Teh"),
        ("陈毅", "Ch'en I"),
        ("曾乐山", "Tseng Lo-shan"),  # invented: Wade-Giles with the surname reading
        ("单雄飞", "Shan Xiongfei"),
        ("吕明远", "Lu Mingyuan"),  # u-umlaut written as u
        ("吕明远", "Lyu Ming-yuan"),
        ("欧阳海", "Ouyang Hai"),
        ("蒋介石", "Chiang Kai-shek"),  # customary form
        ("黄淑珍", "Huang Shuzhen"),  # invented
        # a person named by surname and title is the surname ("Deputy Manager Chen" is the person Chen)
        ("陈副经理", "Chen"),
        ("吴县长", "Wu"),
    ],
)
def test_same_person(zh: str, en: str) -> None:
    assert score(zh, en) >= MATCH


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("施国良", "Zhang Wei"),
        ("施国良", "Shi Guoqiang"),
        ("周恩来", "Chou Chien-jen"),
        ("黄淑珍", "Wang Shuzhen"),
        ("施国良", ""),
        ("陈副经理", "Wu"),
    ],
)
def test_different_person(zh: str, en: str) -> None:
    assert score(zh, en) < NO_MATCH


def test_one_wrong_syllable_is_another_name_but_closer_than_a_stranger() -> None:
    assert score("施国良", "Zhang Wei") < score("施国良", "Shi Guolin") < NO_MATCH


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("常宁县", "Changning County"),
        ("湖南省", "Hunan Province"),
        ("双鸭山", "Shuangyashan"),
        ("双鸭山市", "Shuangyashan City"),
        ("嘉兴市", "Jiaxing Municipality"),
        ("黑龙江省", "Heilongjiang Province"),
        ("西安", "Xi'an"),
        ("西安", "Sian"),
        ("北京", "Peking"),
        ("广州", "Canton"),
        ("沈阳", "Mukden"),
        ("延安", "Yenan"),
        ("泰山", "Mount Tai"),
        ("宁夏回族自治区", "Ningxia Huizu Autonomous Region"),
        ("青河县", "Qinghe County"),  # invented
        ("柳林专区", "Liulin Prefecture"),  # invented
        # a province written short, alone, with a compass character or with 省; the macro-regions
        ("豫", "Henan"),
        ("鲁西", "western Shandong"),
        ("晋中", "Central Shanxi"),
        ("察省", "Chahar Province"),
        ("华北", "North China"),
        # a railway named by a character of each end, against the ends written whole (赣 short for Jiangxi)
        ("津浦路", "Tianjin-Pukou Railway"),
        ("浙赣铁路", "Zhejiang-Jiangxi Railway"),
        ("成渝铁路", "Chengyu Railway"),
    ],
)
def test_same_place(zh: str, en: str) -> None:
    assert place_score(zh, en) >= MATCH


@pytest.mark.parametrize(
    ("zh", "en"), [("湖南省", "Hunan"), ("黑龙江省", "Heilungkiang"), ("常宁", "Changning County")]
)
def test_generic_word_on_one_side_only_costs_a_little(zh: str, en: str) -> None:
    assert 0.85 <= place_score(zh, en) < MATCH


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("常宁县", "Changsha County"),
        ("湖南省", "Hunan County"),  # the wrong generic word
        ("湖南省", "Hubei Province"),
        ("双鸭山", "Harbin"),
        ("北京", "Canton"),
        ("豫", "Hebei"),
        ("冀东", "western Hebei"),
        ("江西", "Zhejiang-Jiangxi Railway"),  # a railway renders a railway
        ("津浦路", "Beiping-Hankou Railway"),
    ],
)
def test_different_place(zh: str, en: str) -> None:
    assert place_score(zh, en) < NO_MATCH


def test_data_tables_are_well_formed() -> None:
    assert len(pinyin_syllables()) >= 400, "a full table covers every pinyin syllable"
    assert all(len(row) == 2 for row in load_tsv("surnames.tsv"))
    assert all(len(row) == 3 and row[2] in ("place", "person") for row in load_tsv("customary_names.tsv"))
    assert customary_names()["peking"] == {"北京"}
    assert "Autonomous Region" in place_generics()["自治区"]
