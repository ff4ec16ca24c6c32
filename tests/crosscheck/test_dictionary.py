from __future__ import annotations

import pytest

from extractor.crosscheck import dictionary
from extractor.crosscheck.dictionary import (
    find_literals,
    literal_gloss,
    lookup,
    role_score,
    segment,
    translate_generic,
    unit_score,
)
from extractor.crosscheck.names import load_tsv

MATCH = 0.95
NO_MATCH = 0.6


def test_lookup_reads_cc_cedict_and_the_supplement_first() -> None:
    assert "coal mine" in lookup("煤矿")  # CC-CEDICT
    assert lookup("纸筋")[0] == "paper pulp"  # supplement only
    assert lookup("厂")[:2] == ["factory", "plant"]  # supplement before CC-CEDICT's senses
    assert lookup("不存在的词语") == []


@pytest.mark.parametrize("char", ["厂", "井", "纸", "炉"])
def test_lookup_drops_meta_glosses(char: str) -> None:
    meta = ("variant of", "radical", "surname", "CL:")
    assert not [g for g in lookup(char) if any(m in g for m in meta)]


@pytest.mark.parametrize(
    ("zh", "words"),
    [
        ("嘉兴市委工业部", ["嘉兴", "市委", "工业", "部"]),
        ("大冶钢厂锻造车间", ["大冶", "钢厂", "锻造", "车间"]),
        ("采煤队", ["采煤", "队"]),
    ],
)
def test_segment(zh: str, words: list[str]) -> None:
    assert segment(zh) == words


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        ("煤矿", "coal mine"),
        ("钢厂", "steel plant"),
        ("车间", "workshop"),
        ("采煤队", "coal mining team"),  # not in the dictionary: composed
        ("市委", "municipal party committee"),
        ("工业部", "industry department"),
        ("副厂长", "vice-director"),
        ("副厂长", "deputy director"),
        ("党委书记", "party committee secretary"),
        ("第八工地", "eighth construction site"),
        ("六二○采煤队", "620 coal mining team"),
        ("炼焦车间", "coking workshop"),  # invented
        ("水泥厂", "cement plant"),  # invented
        ("运输队", "transport team"),  # invented
        ("三号井", "no. 3 pit"),  # invented
    ],
)
def test_translate_generic(zh: str, expected: str) -> None:
    assert expected in [t.lower() for t in translate_generic(zh)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("嘉兴市委工业部", "Jiaxing Municipal Party Committee Industry Department"),
        ("嘉兴市委工业部", "Industry Department of the Jiaxing Municipal Party Committee"),  # word order
        ("大冶钢厂锻造车间", "Daye Steel Plant Forging Workshop"),
        ("大冶钢厂", "Daye Steel Plant"),
        ("灵西煤矿", "Lingxi Coal Mine"),
        ("六二○采煤队", "620 coal mining team"),
        ("第八工地", "Eighth Construction Site"),
        ("中共辽宁省委", "Liaoning Provincial Committee of the Communist Party of China"),
        ("鞍山钢铁公司", "Anshan Iron and Steel Company"),
        ("人民日报", "People's Daily"),
        ("浙江日报", "Zhejiang Daily"),
        ("新华社", "Xinhua News Agency"),
        ("铁道部", "Ministry of Railways"),
        ("第二机械厂", "No. 2 Machinery Plant"),  # invented
        ("三号高炉", "No. 3 Blast Furnace"),  # invented
        ("红光机械厂", "Hongguang Machinery Plant"),  # invented
        ("柳林公社第三生产队", "Third Production Team of Liulin Commune"),  # invented
        ("青河县委宣传部", "Propaganda Department of the Qinghe County Party Committee"),  # invented
        ("三门峡水库", "Sanmenxia Reservoir"),
    ],
)
def test_same_unit(zh: str, en: str) -> None:
    assert unit_score(zh, en) >= MATCH


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("六二一采煤队", "620 coal mining team"),  # another number
        ("第八工地", "Ninth Construction Site"),
        ("三号高炉", "No. 4 Blast Furnace"),
        ("灵西煤矿", "Daye Steel Plant"),
        ("灵西煤矿", "Lingxi Steel Plant"),  # same place, other kind of unit
        ("大冶钢厂", "Daye Coal Mine"),
        ("红光机械厂", "Hongguang Tractor Station"),
        ("灵西煤矿", "Zhongliangshan Coal Mine"),  # same kind, other name
        ("嘉兴市委工业部", ""),
    ],
)
def test_different_unit(zh: str, en: str) -> None:
    assert unit_score(zh, en) < NO_MATCH


def test_a_unit_named_in_part_scores_between() -> None:
    assert NO_MATCH <= unit_score("青河县委宣传部", "Qinghe County Party Committee") < MATCH


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("副厂长", "Vice-Director"),
        ("副厂长", "deputy director"),
        ("党委书记", "Party committee secretary"),
        ("矿党委书记", "secretary of the mine's Party committee"),
        ("公司党委副书记", "deputy secretary of the company Party committee"),
        ("中共辽宁省委书记", "Secretary of the Liaoning Provincial Committee of the Communist Party of China"),
        ("党员", "Party member"),
        ("组长", "group leader"),
        ("队长", "team leader"),
        ("车间主任", "workshop director"),
        ("技术员", "technician"),
        ("劳动模范", "model worker"),
    ],
)
def test_same_role(zh: str, en: str) -> None:
    assert role_score(zh, en) >= MATCH


@pytest.mark.parametrize(
    ("zh", "en"),
    [("副厂长", "Party member"), ("党委书记", "deputy director"), ("厂长", "Party secretary"), ("技术员", "engineer")],
)
def test_different_role(zh: str, en: str) -> None:
    assert role_score(zh, en) < NO_MATCH


@pytest.mark.parametrize(("zh", "expected"), [("纸筋", "paper muscle"), ("火车站", "fire car station")])
def test_literal_gloss(zh: str, expected: str) -> None:
    assert literal_gloss(zh) == expected


@pytest.mark.parametrize(
    ("zh", "en", "word", "rendered"),
    [
        ("嘉兴纸筋厂", "Jiaxing Paper Muscle Factory", "纸筋", "Paper Muscle"),
        ("火车站", "Fire Car Station", "火车站", "Fire Car Station"),  # invented
        ("第一车间", "First Car Room", "车间", "Car Room"),  # invented
    ],
)
def test_literal_translation_is_flagged_and_explained(zh: str, en: str, word: str, rendered: str) -> None:
    [literal] = find_literals(zh, en)
    assert (literal.word, literal.rendered) == (word, rendered)
    explanation = literal.explain()
    assert word in explanation and rendered in explanation and literal.meanings[0] in explanation


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("嘉兴纸筋厂", "Jiaxing Paper Pulp Factory"),  # the meaning
        ("大冶钢厂", "Daye Steel Plant"),  # compositional: 厂's sense "works" is in "steelworks"
        ("钢铁厂", "Iron and Steel Works"),
        ("火车站", "Railway Station"),
        ("煤矿", "Coal Mine"),
    ],
)
def test_faithful_translation_is_not_flagged(zh: str, en: str) -> None:
    assert find_literals(zh, en) == []


def test_supplement_is_well_formed() -> None:
    rows = load_tsv("cedict_supplement.tsv")
    assert rows and all(len(row) == 2 and row[1] for row in rows)
    assert len({word for word, _ in rows}) == len(rows), "one row per word"


def test_the_stored_dictionary_is_the_parsed_one() -> None:
    parsed = dictionary._parse()
    every_character = "".join({char for word in parsed for char in word})
    assert dictionary._stored().cover(every_character) == parsed
    assert parsed["人民日报"].startswith(
        "People's Daily"
    )  # CC-CEDICT: 人民日報 人民日报 [Ren2 min2 Ri4 bao4] /People's Daily/
