"""Assembling candidates into mentions and records: grouping, roles and units tied to people, relations,
dates, short forms, normalised values, and the refusal of an unknown type."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extractor.assemble import assemble
from extractor.found import Found
from extractor.records import MentionType


def test_assemble_groups_mentions_and_attaches_roles() -> None:
    text = "Secretary Shi Guoliang met Shi Guoliang at Lingxi Coal Mine; output rose 87%."
    found = [
        Found("role", 0, 9, holder=(10, 22)),
        Found("person", 10, 22),
        Found("person", 27, 39),
        Found("person", 27, 30, priority=-1),  # overlapping, shorter, lower priority: dropped
        Found("unit", 43, 59),
        Found("percentage", 73, 76, value=87.0),
    ]
    result = assemble("en", text, found)
    assert [m.text for m in result.mentions] == ["Secretary", "Shi Guoliang", "Shi Guoliang", "Lingxi Coal Mine", "87%"]
    [person] = result.people
    assert person.name == "Shi Guoliang" and len(person.mentions) == 2 and person.roles == ["Secretary"]
    assert result.roles[0].person == "Shi Guoliang"
    assert result.percentages[0].value == 87.0
    json.loads(result.model_dump_json())


def test_assemble_refuses_an_unknown_type() -> None:
    with pytest.raises(ValueError, match="'weather' at 0-5: unknown type"):
        assemble("en", "March 1958", [Found("weather", 0, 5)])  # type: ignore[arg-type]


def test_relations_tie_roles_units_and_figures_by_id() -> None:
    text = "国务院总理李鹏说，岭西煤矿生产原煤一百零一万吨。"
    found = [
        Found("unit", 0, 3),
        Found("role", 3, 5),
        Found("person", 5, 7),
        Found("unit", 9, 13),
        Found("figure", 17, 23, value=1010000.0, unit="ton"),
    ]
    result = assemble("zh", text, found)
    [person] = result.people
    [role] = result.roles
    state_council, mine = result.units
    assert (role.person_id, role.unit_id) == (person.id, state_council.id)
    assert (person.role_ids, person.roles, person.unit, person.unit_id) == (
        [role.id],
        ["总理"],
        "国务院",
        state_council.id,
    )
    [figure] = result.figures
    assert (figure.owner_id, figure.item) == (mine.id, "原煤")


def _in_order(text: str, parts: list[tuple[MentionType, str]]) -> list[Found]:
    """Candidates for the parts, each found in the text after the one before."""
    found, start = [], 0
    for kind, part in parts:
        start = text.index(part, start)
        found.append(Found(kind, start, start + len(part)))
        start += len(part)
    return found


@pytest.mark.parametrize(
    ("text", "parts", "units"),
    [
        (  # invented: 队长 is held in the team named before; 这个队的技术员 in the team referred to
            "第二桥梁队架好了大桥，队长刘永和说。红旗钻井队创了纪录，这个队的技术员孙光远说。",
            [
                ("unit", "第二桥梁队"),
                ("role", "队长"),
                ("person", "刘永和"),
                ("unit", "红旗钻井队"),
                ("role", "技术员"),
                ("person", "孙光远"),
            ],
            [("刘永和", "第二桥梁队"), ("孙光远", "红旗钻井队")],
        ),
        (  # invented: a deputy's title and a department head's
            "建设厅设立了农业研究所，由副厅长王平及副所长李明主持。",
            [
                ("unit", "建设厅"),
                ("unit", "农业研究所"),
                ("role", "副厅长"),
                ("person", "王平"),
                ("role", "副所长"),
                ("person", "李明"),
            ],
            [("王平", "建设厅"), ("李明", "农业研究所")],
        ),
    ],
)
def test_a_title_takes_the_unit_its_head_or_a_reference_before_it_names(
    text: str, parts: list[tuple[MentionType, str]], units: list[tuple[str, str]]
) -> None:
    result = assemble("zh", text, _in_order(text, parts))
    assert [(p.name, p.unit) for p in result.people] == units


def test_a_credit_gives_its_title_to_every_name_it_lists() -> None:
    text = "本报记者张建华李明\n天气转暖。"  # invented: two reporters written without a mark between them
    found = [Found("role", 2, 4), Found("person", 4, 7), Found("person", 7, 9)]
    result = assemble("zh", text, found)
    assert [(p.name, p.roles) for p in result.people] == [("张建华", ["记者"]), ("李明", ["记者"])]


def test_relations_in_english_apposition_and_of_phrases() -> None:
    text = "Wang Baoyuan of the Jinfeng Coal Pit Company said so. Yang Jieren, deputy director, agreed."
    found = [
        Found("person", 0, 12),
        Found("unit", 20, 44),
        Found("person", 54, 65),
        Found("role", 67, 82),
    ]
    result = assemble("en", text, found)
    wang, yang = result.people
    assert (wang.unit, wang.unit_id) == ("Jinfeng Coal Pit Company", result.units[0].id)
    assert yang.roles == ["deputy director"] and result.roles[0].person_id == yang.id


def test_dates_resolve_against_the_article_date_and_govern_figures() -> None:
    text = "去年8月以来，岭西煤矿生产原煤一百零一万吨；今年上半年，一九五七年，１９９８年１月１５日。"
    figure = Found("figure", 12, 18, value=1010000.0, unit="ton")
    result = assemble("zh", text, [figure], article_date=dt.date(1958, 3, 2))
    values = [(d.text, d.value, d.precision) for d in result.dates]
    assert values == [
        ("去年8月", "1957-08", "month"),
        ("今年上半年", "1958-01..1958-06", "month"),
        ("一九五七年", "1957", "year"),
        ("１９９８年１月１５日", "1998-01-15", "day"),
    ]
    assert result.dates[0].figures == [result.figures[0].id] and result.figures[0].date_id == result.dates[0].id


def test_english_dates() -> None:
    text = "Since August last year the mine produced 5 tons; in the first half of this year, on March 2, 1958."
    result = assemble("en", text, [Found("figure", 41, 47, value=5.0, unit="ton")], article_date=dt.date(1958, 3, 2))
    assert [(d.text, d.value) for d in result.dates] == [
        ("August last year", "1957-08"),
        ("first half of this year", "1958-01..1958-06"),
        ("March 2, 1958", "1958-03-02"),
    ]
    assert result.figures[0].date_id == result.dates[0].id


BARE_PERIODS = [
    # (text, article date, [(date text, value)]): invented sentences
    (
        "一九五八年上半年产煤十万吨，比同期增长百分之二十。",
        dt.date(1958, 7, 10),
        [("一九五八年上半年", "1958-01..1958-06"), ("同期", "1957-01..1957-06")],
    ),
    ("今年三月产钢五千吨，较同期多一千吨。", dt.date(1960, 5, 1), [("今年三月", "1960-03"), ("同期", "1959-03")]),
    ("今年三月产钢五千吨，同期全省产钢两万吨。", dt.date(1960, 5, 1), [("今年三月", "1960-03"), ("同期", "1960-03")]),
    ("全厂产量比同期增长一倍。", dt.date(1958, 3, 2), [("同期", "1957")]),
    ("同期全省产钢两万吨。", dt.date(1958, 3, 2), []),
    ("预计到年底可产煤五万吨。", dt.date(1958, 3, 2), [("年底", "1958")]),
    ("一九五六年完成了计划，年底又超额完成。", dt.date(1958, 3, 2), [("一九五六年", "1956"), ("年底", "1956")]),
    ("一九五六年完成了计划。\n年初还要再增产。", dt.date(1958, 3, 2), [("一九五六年", "1956"), ("年初", "1958")]),
    ("去年产煤十万吨，年末又增产。", dt.date(1958, 3, 2), [("去年", "1957"), ("年末", "1957")]),
    (
        "今年产钢比去年同期多，年底可达万吨。",
        dt.date(1958, 3, 2),
        [("今年", "1958"), ("去年同期", "1957"), ("年底", "1958")],
    ),
    ("年初开工。", None, []),
]


@pytest.mark.parametrize(("text", "article_date", "expected"), BARE_PERIODS)
def test_same_period_and_year_end_resolve_against_the_last_date_named(
    text: str, article_date: dt.date | None, expected: list[tuple[str, str]]
) -> None:
    result = assemble("zh", text, [], article_date=article_date)
    assert [(d.text, d.value) for d in result.dates] == expected


def test_relative_dates_need_the_article_date() -> None:
    assert [d.value for d in assemble("zh", "去年8月，1957年。", []).dates] == ["1957"]


def test_short_forms_join_the_full_names_record() -> None:
    text = "岭西煤矿党委书记施国良说，岭西矿去年增产。施书记在大冶钢厂锻工车间，大冶钢厂也在。"

    def at(kind: str, name: str, nth: int = 0) -> Found:
        start = text.index(name, text.index(name) + 1) if nth else text.index(name)
        return Found(kind, start, start + len(name))  # type: ignore[arg-type]

    found = [
        at("unit", "岭西煤矿"),
        at("person", "施国良"),
        at("unit", "岭西矿"),
        at("person", "施书记"),
        at("unit", "大冶钢厂锻工车间"),
        at("unit", "大冶钢厂", 1),
    ]
    result = assemble("zh", text, found)
    mine, workshop, plant = result.units
    texts = {m.id: m.text for m in result.mentions}
    assert (mine.name, mine.aliases, [texts[m] for m in mine.mentions]) == (
        "岭西煤矿",
        ["岭西矿"],
        ["岭西煤矿", "岭西矿"],
    )
    assert (workshop.name, plant.name) == ("大冶钢厂锻工车间", "大冶钢厂")  # a larger unit is not a short form
    [person] = result.people
    assert (person.name, person.aliases) == ("施国良", ["施书记"])


def test_english_surname_and_unit_short_forms() -> None:
    text = "Shi Guoliang of the Lingxi Coal Mine spoke. Secretary Shi said the Lingxi Mine did well."
    found = [Found("person", 0, 12), Found("unit", 20, 36), Found("person", 44, 57), Found("unit", 67, 78)]
    result = assemble("en", text, found)
    [person] = result.people
    [unit] = result.units
    assert (person.name, person.aliases, person.unit_id) == ("Shi Guoliang", ["Secretary Shi"], unit.id)
    assert (unit.name, unit.aliases) == ("Lingxi Coal Mine", ["Lingxi Mine"])


def test_titles_against_names_no_component_tied() -> None:
    text = (
        "据新华社北京１月１５日电（记者孙杰）大会选出执行委员，孟甫当选为主席。"
        "北京学院的李飞副教授说。煤工陈其，并当选为边区参议员。察省资本家贾林放先生被选为董事长。"
    )

    def at(kind: str, name: str) -> Found:
        return Found(kind, text.index(name), text.index(name) + len(name))  # type: ignore[arg-type]

    found = [
        at("unit", "新华社"),
        at("person", "孙杰"),
        at("person", "孟甫"),
        at("unit", "北京学院"),
        at("person", "李飞"),
        at("person", "陈其"),
        at("person", "贾林放"),
    ]
    result = assemble("zh", text, found)
    people = {p.name: p for p in result.people}
    assert (people["孙杰"].roles, people["孙杰"].unit) == (["记者"], "新华社")
    assert people["孟甫"].roles == ["主席"]
    assert (people["李飞"].roles, people["李飞"].unit) == (["副教授"], "北京学院")
    assert people["陈其"].roles == ["边区参议员"]
    assert people["贾林放"].roles == ["董事长"]


def test_figures_carry_a_normalised_value_where_the_conversion_is_fixed() -> None:
    text = "借给棉花二斤，上市粮食二千石，池盐二十万担，耕地三百亩，贷款五千万元。"
    spans = [("二斤", 2.0, "jin"), ("二千石", 2000.0, "dan"), ("二十万担", 200000.0, "dan")]
    spans += [("三百亩", 300.0, "mu"), ("五千万元", 5e7, "yuan")]
    found = [
        Found("figure", text.index(t), text.index(t) + len(t), value=v, unit=u)  # type: ignore[arg-type]
        for t, v, u in spans
    ]
    figures = assemble("zh", text, found, article_date=dt.date(1946, 5, 1)).figures
    assert [(f.normalised_value, f.normalised_unit) for f in figures] == [
        (1.0, "kg"),  # 市斤 = 500 g
        (200000.0, "L"),  # 市石 = 100 L, a measure of volume
        (10000000.0, "kg"),  # 市担 = 50 kg
        (20.0, "ha"),  # 市亩 = 1/15 ha
        (None, None),  # money: no fixed conversion
    ]
    [before] = assemble(
        "zh", "二斤", [Found("figure", 0, 2, value=2.0, unit="jin")], article_date=dt.date(1925, 1, 1)
    ).figures
    assert before.normalised_value is None  # the market jin was defined in 1929


def test_measures_say_what_kind_of_quantity_they_are() -> None:
    text = "岭西煤矿计划生产原煤五万吨，每月产煤一万吨，比去年增产二千吨，增长百分之二十，占全省百分之三十。"
    spans = [("五万吨", 5e4), ("一万吨", 1e4), ("二千吨", 2e3)]
    found = [Found("unit", 0, 4)]
    found += [Found("figure", text.index(t), text.index(t) + len(t), value=v, unit="ton") for t, v in spans]
    found += [
        Found("percentage", text.index(t), text.index(t) + len(t), value=v)
        for t, v in (("百分之二十", 20.0), ("百分之三十", 30.0))
    ]
    result = assemble("zh", text, found)
    assert [f.kind for f in result.figures] == ["plan", "rate", "change"]
    assert [p.kind for p in result.percentages] == ["increase", "share"]
    assert {f.owner_id for f in result.figures} == {p.owner_id for p in result.percentages} == {result.units[0].id}


def test_a_company_and_its_parts_stay_apart() -> None:
    text = "马鞍山钢铁公司组建马鞍山钢铁股份有限公司。马钢车轮轮箍厂和马钢都增产。"
    names = ["马鞍山钢铁公司", "马鞍山钢铁股份有限公司", "马钢车轮轮箍厂", "马钢"]
    found = [Found("unit", text.index(n), text.index(n) + len(n)) for n in names]
    found[3] = Found("unit", text.rindex("马钢"), text.rindex("马钢") + 2)
    result = assemble("zh", text, found)
    assert [(u.name, u.aliases) for u in result.units] == [(n, []) for n in names]


def test_a_title_given_to_a_list_of_names() -> None:
    text = "大会选出孟甫、袁备星等十五人为市职工联合会执行委员。"
    found = [Found("person", 4, 6), Found("person", 7, 10), Found("unit", 15, 21)]
    result = assemble("zh", text, found)
    [role] = result.roles
    assert (role.title, role.unit) == ("执行委员", "市职工联合会")
    assert [(p.name, p.role_ids, p.unit) for p in result.people] == [
        ("孟甫", [role.id], "市职工联合会"),
        ("袁备星", [role.id], "市职工联合会"),
    ]


def test_an_english_length_takes_its_dimension_as_item() -> None:
    text = "The salt pans are more than 40 li long and 20 li wide; the area stretches for 100 li. A town 40 li north."
    spans = ["more than 40 li", "20 li", "100 li", "40 li"]
    found, start = [], 0
    for span in spans:
        start = text.index(span, start)
        found.append(Found("figure", start, start + len(span), value=1.0, unit="li"))
        start += len(span)
    result = assemble("en", text, found)
    assert [f.item for f in result.figures] == ["length", "width", "length", "distance"]


def test_a_title_naming_a_unit_by_its_head_belongs_to_the_unit_named_before() -> None:
    text = "西岭大队地处深山区。大队长杨福来带领社员。"
    found = [Found("unit", 0, 4), Found("person", 13, 16)]
    result = assemble("zh", text, found)
    [person] = result.people
    assert (person.roles, person.unit) == (["大队长"], "西岭大队")
