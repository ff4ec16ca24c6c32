from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor import Article, ExtractionResult, Mention
from extractor.assemble import assemble
from extractor.found import Found
from extractor.schema import SCHEMA_FILE, schema_text

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_models() -> None:
    committed = (ROOT / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "schema drifted: run `extractor schema` and commit schemas/"


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "person", "text": "Shi", "start": 0, "end": 4},  # span length differs from text
        {"type": "percentage", "text": "87%", "start": 0, "end": 3},  # no value
        {"type": "person", "text": "Shi", "start": 0, "end": 3, "value": 1.0},  # value on a person
        {"type": "figure", "text": "8 t", "start": 0, "end": 3, "value": 8.0},  # no unit
        {"type": "percentage", "text": "87%", "start": 0, "end": 3, "value": "eighty"},  # not a number
    ],
)
def test_invalid_mentions_are_refused(fields: dict) -> None:
    with pytest.raises(ValidationError):
        Mention(id="en:0", lang="en", **fields)


def test_result_refuses_ungrounded_mentions() -> None:
    article = Article(id="a", en="Shi Guoliang spoke.")
    good = Mention(id="en:0", lang="en", type="person", text="Shi Guoliang", start=0, end=12)
    ExtractionResult(id="a", article=article, mentions=[good])
    with pytest.raises(ValidationError, match="not at"):
        ExtractionResult(id="a", article=article, mentions=[good.model_copy(update={"start": 1, "end": 13})])
    with pytest.raises(ValidationError, match="no zh text"):
        ExtractionResult(id="a", article=article, mentions=[good.model_copy(update={"lang": "zh"})])


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
