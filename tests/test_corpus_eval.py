"""`extractor eval --gold`: scoring a run against gold in the shared corpus's format (entity lists per
document, no spans), on an invented article whose gold was written by reading it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import ExtractionResult, Extractor
from extractor.corpus_eval import normalise, score_corpus

ARTICLE = """Title: Output Rises

Author:
Date: 1958-03-02
Page: 1

Shi Guoliang, secretary of the mine's Party committee, said the Lingxi Coal Mine produced
1,010,000 tons of raw coal, 87% of the plan.

<hr />

Original:

### 产量上升

　　矿党委书记施国良说，岭西煤矿生产原煤一百零一万吨，完成计划的百分之八十七。
"""

GOLD = {
    "doc": "a01",
    "en": {
        "person": [{"text": "Shi Guoliang"}],
        "role": ["secretary of the mine's Party committee"],
        "unit": [{"text": "the Lingxi Coal Mine", "alt": ["Lingxi Coal Mine"]}],
        "place": [],
        "percentage": [{"text": "87%", "value": 87}],
        "figure": [{"text": "1,010,000 tons of raw coal", "value": 1010000}],
    },
    "zh": {
        "person": ["施国良"],
        "role": ["矿党委书记"],
        "unit": ["岭西煤矿"],
        "place": [],
        "percentage": [{"text": "百分之八十七", "value": 87}],
        "figure": [{"text": "一百零一万吨", "value": 1010000}],
    },
    "links": [
        {"type": "person", "en": "Shi Guoliang", "zh": "施国良"},
        {"type": "figure", "en": "1,010,000 tons of raw coal", "zh": "一百零一万吨"},
    ],
}


@pytest.fixture(scope="module")
def result(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> ExtractionResult:
    path = tmp_path_factory.mktemp("corpus") / "a01.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return extractor.extract(path)


def rows(result: ExtractionResult, gold: dict) -> dict[tuple[str, str], tuple[int, int, int]]:
    return {(lang, kind): (s.tp, s.fp, s.fn) for lang, kind, s in score_corpus([result], {"a01": gold})}


def test_every_gold_entity_of_the_article_is_found(result: ExtractionResult) -> None:
    scores = rows(result, GOLD)
    for lang in ("en", "zh"):
        for kind in ("person", "role", "unit", "percentage", "figure"):
            assert scores[(lang, kind)][0] == 1 and scores[(lang, kind)][2] == 0, (lang, kind)
    assert scores[("links", "pairs")][0] == 2


def test_a_document_without_output_misses_all_its_gold(result: ExtractionResult) -> None:
    scores = {(lang, kind): s for lang, kind, s in score_corpus([], {"a01": GOLD})}
    assert scores[("all", "ALL")].tp == 0
    assert scores[("all", "ALL")].fn == 10
    assert scores[("links", "pairs")].fn == 2


def test_names_are_compared_without_case_article_or_width() -> None:
    assert normalise("The Lingxi Coal Mine's") == "lingxi coal mine"
    assert normalise("Ｓｈｉ") == "shi"


def test_cli_needs_a_run_and_reads_a_gold_folder(result: ExtractionResult, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a01.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    run = tmp_path / "run.jsonl"
    run.write_text(result.model_dump_json() + "\n", encoding="utf-8")
    cli = [sys.executable, "-m", "extractor", "eval", "--gold", str(gold)]
    refused = subprocess.run(cli, capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "--run" in refused.stderr
    scored = subprocess.run([*cli, "--run", str(run), "--json"], capture_output=True, text=True, check=True)
    by_type = {(row["lang"], row["type"]): row for row in json.loads(scored.stdout)}
    assert by_type[("zh", "unit")]["tp"] == 1
