"""Relations between records: the cross-check by record, and the relation fixtures scored by id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import Article, ExtractionResult
from extractor.assemble import assemble
from extractor.crosscheck import cross_check
from extractor.evaluate import GoldLinks, load_relation_fixtures, score_links, score_relations
from extractor.found import Found
from tests.conftest import ROOT


def _at(text: str, kind: str, part: str, nth: int = 0) -> Found:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Found(kind, start, start + len(part))  # type: ignore[arg-type]


def test_a_literal_translation_of_one_unit_is_reported_and_counted_once() -> None:
    en = "The Jiaxing Paper Muscle Factory did well. The Paper Muscle Factory spoke; the Paper Muscle Factory grew."
    zh = "嘉兴纸筋厂做得好。纸筋厂介绍经验，纸筋厂发展了。"
    en_found = [_at(en, "unit", "Jiaxing Paper Muscle Factory")]
    en_found += [_at(en, "unit", "Paper Muscle Factory", n) for n in (1, 2)]
    zh_found = [_at(zh, "unit", "嘉兴纸筋厂"), _at(zh, "unit", "纸筋厂", 1), _at(zh, "unit", "纸筋厂", 2)]
    article = Article(id="t", en=en, zh=zh)
    check = cross_check(article, assemble("en", en, en_found), assemble("zh", zh, zh_found))
    [link] = check.links
    assert (link.en, link.zh, link.status) == ("Jiaxing Paper Muscle Factory", "嘉兴纸筋厂", "conflict")
    assert check.unmatched == [] and check.agreement == 0.0


def test_link_fixtures_written_with_short_forms_stand_for_their_records() -> None:
    en, zh = "The Lingxi Coal Mine grew; the Lingxi Mine led.", "岭西煤矿增产，岭西矿领先。"
    en_found = [_at(en, "unit", "Lingxi Coal Mine"), _at(en, "unit", "Lingxi Mine")]
    zh_found = [_at(zh, "unit", "岭西煤矿"), _at(zh, "unit", "岭西矿")]
    article = Article(id="t", en=en, zh=zh)
    parts = {"en": assemble("en", en, en_found), "zh": assemble("zh", zh, zh_found)}
    check = cross_check(article, parts["en"], parts["zh"])
    result = ExtractionResult(id="t", article=article, links=check.links, units=parts["en"].units + parts["zh"].units)
    gold = GoldLinks(
        required={("unit", "Lingxi Coal Mine", "岭西煤矿"): "agree", ("unit", "Lingxi Mine", "岭西矿"): "agree"},
        optional=frozenset(),
    )
    scores = score_links([result], {"t": gold})
    assert (scores["pairs"].tp, scores["pairs"].fp, scores["pairs"].fn) == (1, 0, 0)


def test_relation_fixtures_on_the_seeds(seed_results: dict[str, ExtractionResult]) -> None:
    gold = load_relation_fixtures(ROOT / "fixtures")
    assert set(gold) <= set(seed_results) and len(gold) >= 3
    scores = score_relations(seed_results.values(), gold)
    for name in ("person-role", "figure-owner", "figure-period"):
        assert scores[name].f1 >= 0.9, (name, scores[name])
    unit = scores["person-unit"]  # the mine of 副矿长 赵同利 is only implied
    assert unit.precision >= 0.9 and unit.recall >= 0.75, unit


@pytest.mark.parametrize("fixtures", [ROOT / "fixtures", ROOT / "fixtures" / "holdout"], ids=["seeds", "holdout"])
def test_relation_fixtures_name_what_the_mention_fixtures_list(fixtures: Path) -> None:
    gold = load_relation_fixtures(fixtures)
    assert len(gold) >= 3
    for article_id, relations in gold.items():
        for lang in ("en", "zh"):
            texts = {m["text"] for m in _mentions(fixtures / lang / f"{article_id}.json")}
            named = [p.name for p in relations.people if p.lang == lang]
            named += [f.text for f in relations.figures if f.lang == lang]
            named += [u for p in relations.people if p.lang == lang for u in p.units]
            named += [o for f in relations.figures if f.lang == lang for o in f.owners]
            named += [r for p in relations.people if p.lang == lang for r in p.roles]
            assert set(named) <= texts, (article_id, lang, set(named) - texts)


def _mentions(path: Path) -> list[dict[str, str]]:
    return json.loads(path.read_text(encoding="utf-8"))["mentions"]
