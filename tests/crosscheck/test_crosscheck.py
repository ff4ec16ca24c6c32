"""The cross-check end to end: statuses, one-sided facts, recovery, notes, the report and link scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import Article, ExtractionResult
from extractor.assemble import assemble
from extractor.chinese.search import search as chinese_search
from extractor.cli import app
from extractor.crosscheck import cross_check, recover
from extractor.crosscheck.notes import dateline_notes
from extractor.crosscheck.report import discrepancy_report
from extractor.english.search import search as english_search
from extractor.evaluate import load_link_fixtures, score_links
from extractor.found import Found
from extractor.languages import Sought
from extractor.records import MentionType
from tests.conftest import ROOT, SEEDS


def _check(en: str, zh: str, en_found: list[Found], zh_found: list[Found]):  # type: ignore[no-untyped-def]
    article = Article(id="t", en=en, zh=zh)
    return cross_check(article, assemble("en", en, en_found), assemble("zh", zh, zh_found))


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_names_places_units_and_values_agree() -> None:
    en = "Wang Jinxi of the Daqing Oilfield in Heilongjiang Province produced 60,000 tons, 12.5% more."
    zh = "黑龙江省大庆油田王进喜生产了六万吨，增长百分之十二点五。"
    en_found = [
        Found("person", *_span(en, "Wang Jinxi")),
        Found("unit", *_span(en, "Daqing Oilfield")),
        Found("place", *_span(en, "Heilongjiang Province")),
        Found("figure", *_span(en, "60,000 tons"), value=60000, unit="ton"),
        Found("percentage", *_span(en, "12.5%"), value=12.5),
    ]
    zh_found = [
        Found("person", *_span(zh, "王进喜")),
        Found("unit", *_span(zh, "大庆油田")),
        Found("place", *_span(zh, "黑龙江省")),
        Found("figure", *_span(zh, "六万吨"), value=60000, unit="ton"),
        Found("percentage", *_span(zh, "百分之十二点五"), value=12.5),
    ]
    check = _check(en, zh, en_found, zh_found)
    assert {(link.type, link.status) for link in check.links} == {
        ("person", "agree"),
        ("unit", "agree"),
        ("place", "agree"),
        ("figure", "agree"),
        ("percentage", "agree"),
    }
    assert check.unmatched == [] and check.agreement == 1.0


def test_titles_of_one_holder_are_paired_by_their_wording() -> None:
    # invented: one person with two titles on each side, and a third Chinese title the English drops
    en = "Zhao Ming, a noted textile expert, deputy head of the bureau, spoke."
    zh = "著名纺织专家赵明，局副局长兼所长，讲了话。"
    en_found = [
        Found("person", *_span(en, "Zhao Ming")),
        Found("role", *_span(en, "textile expert"), holder=_span(en, "Zhao Ming")),
        Found("role", *_span(en, "deputy head"), holder=_span(en, "Zhao Ming")),
    ]
    zh_found = [
        Found("person", *_span(zh, "赵明")),
        Found("role", *_span(zh, "纺织专家"), holder=_span(zh, "赵明")),
        Found("role", *_span(zh, "副局长"), holder=_span(zh, "赵明")),
        Found("role", *_span(zh, "所长"), holder=_span(zh, "赵明")),
    ]
    roles = {(link.en, link.zh) for link in _check(en, zh, en_found, zh_found).links if link.type == "role"}
    assert roles == {("textile expert", "纺织专家"), ("deputy head", "副局长")}


def test_changed_number_is_a_conflict_with_its_reason() -> None:
    en = "The mine produced more than 16,000 tons of coal."
    zh = "这个矿生产原煤六万余吨。"
    check = _check(
        en,
        zh,
        [Found("figure", *_span(en, "more than 16,000 tons"), value=16000, unit="ton", qualifier="more than")],
        [Found("figure", *_span(zh, "六万余吨"), value=60000, unit="ton", qualifier="more than")],
    )
    [link] = check.links
    assert link.status == "conflict" and "16000" in link.reason and "60000" in link.reason


def test_nearby_numbers_are_not_rounded_together() -> None:
    en, zh = "Quality reached 99.995%.", "质量达到100％。"
    check = _check(en, zh, [Found("percentage", 16, 23, value=99.995)], [Found("percentage", 4, 8, value=100.0)])
    assert [link.status for link in check.links] == ["conflict"]


def test_literal_translation_is_a_conflict() -> None:
    en, zh = "The Jiaxing Paper Muscle Factory did well.", "嘉兴纸筋厂做得好。"
    check = _check(en, zh, [Found("unit", *_span(en, "Jiaxing Paper Muscle Factory"))], [Found("unit", 0, 5)])
    [link] = check.links
    assert link.status == "conflict" and "literal translation" in link.reason and "纸筋" in link.reason


def test_one_sided_mentions_have_reasons() -> None:
    en, zh = "Li Ming spoke.", "李明和张大山讲话。"
    check = _check(en, zh, [Found("person", 0, 7)], [Found("person", 0, 2), Found("person", 3, 6)])
    [one_sided] = check.unmatched
    assert one_sided.lang == "zh" and one_sided.text == "张大山" and "not found in the English" in one_sided.reason
    assert check.agreement == 0.5


def test_recover_finds_missed_counterparts_by_sound_and_value() -> None:
    en = "Zhang Dashan said output rose 30% to 8,000 yuan."
    zh = "张大山说，产值增加了30％，达到八千元。"
    parts = {
        "en": assemble("en", en, []),
        "zh": assemble(
            "zh",
            zh,
            [
                Found("person", 0, 3),
                Found("percentage", *_span(zh, "30％"), value=30.0),
                Found("figure", *_span(zh, "八千元"), value=8000.0, unit="yuan"),
            ],
        ),
    }
    check = cross_check(Article(id="t", en=en, zh=zh), parts["en"], parts["zh"])
    found = recover(check.unmatched, parts, {"en": en, "zh": zh}, {"en": english_search, "zh": chinese_search})
    assert sorted(en[f.start : f.end] for f in found["en"]) == ["30%", "8,000 yuan", "Zhang Dashan"]
    assert all(f.source == "crosscheck" for f in found["en"]) and found["zh"] == []


def test_dateline_rendered_as_electric_is_noted() -> None:
    [note] = dateline_notes("Tianjin Electric News - Workers at ...", "    本报天津电　工人们……")
    assert note.kind == "mistranslated dateline" and note.zh == "本报天津电" and "Tianjin" in note.explanation
    assert dateline_notes("(Our report from Tianjin) Workers ...", "    本报天津电　工人们……") == []


@pytest.fixture(scope="module")
def link_gold():  # type: ignore[no-untyped-def]
    return load_link_fixtures(ROOT / "fixtures")


def test_link_fixtures_reach_the_target(seed_results: dict[str, ExtractionResult], link_gold) -> None:  # type: ignore[no-untyped-def]
    scores = score_links(seed_results.values(), link_gold)
    for name, score in scores.items():
        assert score.precision >= 0.9 and score.recall >= 0.9, (name, score)


@pytest.mark.parametrize(
    ("articles", "fixtures"),
    [(SEEDS, ROOT / "fixtures" / "links"), (sorted((ROOT / "holdout").glob("*.txt")), ROOT / "fixtures/holdout/links")],
    ids=["seeds", "holdout"],
)
def test_check_report_surfaces_every_fixture_discrepancy(articles: list[Path], fixtures: Path) -> None:
    result = CliRunner().invoke(app, ["check", *map(str, articles)])
    assert result.exit_code == 0
    expected = [
        item
        for path in articles
        for item in json.loads((fixtures / f"{path.stem}.json").read_text(encoding="utf-8"))["discrepancies"]
    ]
    assert expected
    for item in expected:
        lines = [line for line in result.stdout.splitlines() if item["en"] in line and item["zh"] in line]
        assert lines, f"{item} not in the report"


def test_report_of_a_chinese_only_article(extractor) -> None:  # type: ignore[no-untyped-def]
    result = extractor.extract(Path(SEEDS[0]).read_text(encoding="utf-8").split("Original:")[1])
    assert result.links == [] and result.agreement is None
    assert "nothing to cross-check" in discrepancy_report(result)


@pytest.mark.parametrize(
    ("en", "kind", "value", "unit", "expected"),
    [
        ("Output rose by forty-five per cent this year.", "percentage", 45.0, None, "forty-five per cent"),
        ("Output rose by 45 pct this year.", "percentage", 45.0, None, "45 pct"),
        ("They mined 1.2 million tons of coal.", "figure", 1_200_000.0, "ton", "1.2 million tons"),
        ("They mined twelve and a half million tons.", "figure", 12_500_000.0, "ton", "twelve and a half million tons"),
        ("They mined 1.2 million tons of coal.", "percentage", 1_200_000.0, None, None),
    ],
)
def test_english_search_reads_numbers_as_the_extraction_does(
    en: str, kind: MentionType, value: float, unit: str | None, expected: str | None
) -> None:
    sought = Sought(kind, "", lambda c: c.value == value and c.unit == unit)
    assert [c.text for c in english_search(sought, en)] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("zh", "kind", "value", "unit", "expected"),
    [
        ("产值增加了百分之三十。", "percentage", 30.0, None, "百分之三十"),
        ("生产原煤一百零一万吨。", "figure", 1_010_000.0, "ton", "一百零一万吨"),
        ("六二○队生产原煤。", "figure", 620.0, "ton", None),  # a digit-by-digit name is no quantity
    ],
)
def test_chinese_search_reads_numbers_as_the_extraction_does(
    zh: str, kind: MentionType, value: float, unit: str | None, expected: str | None
) -> None:
    sought = Sought(kind, "", lambda c: c.value == value and c.unit == unit)
    assert [c.text for c in chinese_search(sought, zh)] == ([expected] if expected else [])


def test_chinese_search_finds_names_by_sound() -> None:
    sought = Sought("person", "Zhang Dashan", lambda c: c.text == "张大山")
    assert [(c.start, c.end) for c in chinese_search(sought, "张大山说，产值增加了。")] == [(0, 3)]
