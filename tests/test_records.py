from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor import Article, ExtractionResult, Mention
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


def test_an_article_refuses_an_unknown_language_code() -> None:
    article = Article(id="a", en="Text.", zh="文本。")
    assert (article.text("en"), article.text("zh")) == ("Text.", "文本。")
    with pytest.raises(ValueError, match="unknown language code 'fr'"):
        article.text("fr")  # type: ignore[arg-type]
