"""Parquet export: flat tables that DuckDB queries directly, offsets intact, the README query working."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import NonNegativeInt
from typer.testing import CliRunner

from extractor import Article, ExtractionResult, Figure, Link, Mention, Percentage
from extractor.cli import app
from extractor.export import arrow_type, export_parquet, record_tables

# The README's example: every figure about coal, by year.
COAL_BY_YEAR = """
SELECT year(a.date) AS year, f.lang, f.value, f.unit, f.item, f.article_id
FROM 'TABLES/figures.parquet' AS f
JOIN 'TABLES/articles.parquet' AS a ON a.id = f.article_id
WHERE f.item ILIKE '%coal%' OR f.item LIKE '%煤%'
ORDER BY year, f.article_id, f.lang
"""


def _figure(lang: str, n: int, text: str, source: str, value: float, item: str) -> tuple[Mention, Figure]:
    start = source.index(text)
    mention = Mention(
        id=f"{lang}:{n}",
        lang=lang,
        type="figure",
        text=text,
        start=start,
        end=start + len(text),
        value=value,
        unit="ton",
    )
    return mention, Figure(id=f"{lang}:f{n}", lang=lang, value=value, unit="ton", item=item, mention=mention.id)


def _results() -> list[ExtractionResult]:
    """Two hand-made articles with figures (one in both languages) and one with nothing found."""
    en = "This year the mine produced 1,010,000 tons of raw coal, 87% of the plan."
    zh = "今年该矿生产原煤一百零一万吨，完成全年计划的百分之八十七。"
    en_coal, en_fig = _figure("en", 0, "1,010,000 tons", en, 1010000, "raw coal")
    zh_coal, zh_fig = _figure("zh", 0, "一百零一万吨", zh, 1010000, "原煤")
    percent = Mention(
        id="en:1", lang="en", type="percentage", text="87%", start=en.index("87%"), end=en.index("87%") + 3, value=87
    )
    mine = ExtractionResult(
        id="mine",
        article=Article(id="mine", title="Mine", date=dt.date(1959, 10, 19), en=en, zh=zh),
        mentions=[en_coal, percent, zh_coal],
        figures=[en_fig, zh_fig],
        percentages=[Percentage(id="en:p0", lang="en", value=87, mention="en:1")],
        links=[
            Link(
                type="figure",
                en="1,010,000 tons",
                zh="一百零一万吨",
                status="agree",
                en_mention="en:0",
                zh_mention="zh:0",
                score=1,
            )
        ],
    )
    works = "The works made 300 tons of steel and 20,000 tons of coal."
    steel, steel_fig = _figure("en", 0, "300 tons", works, 300, "steel")
    coal, coal_fig = _figure("en", 1, "20,000 tons", works, 20000, "coal")
    factory = ExtractionResult(
        id="works",
        article=Article(id="works", date=dt.date(1958, 5, 1), en=works),
        mentions=[steel, coal],
        figures=[steel_fig, coal_fig],
    )
    empty = ExtractionResult(id="quiet", article=Article(id="quiet", zh="无事。"), warnings=["header lacks Date"])
    return [mine, factory, empty]


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    run = tmp_path / "run.jsonl"
    run.write_text("".join(r.model_dump_json() + "\n" for r in _results()) + '{"id": "cut-sho', encoding="utf-8")
    counts = export_parquet(run, tmp_path / "tables", chunk=2)
    assert counts["articles"] == 3 and counts["mentions"] == 5 and counts["figures"] == 4 and counts["people"] == 0
    return tmp_path / "tables"


def test_every_record_type_gets_a_table(tables: Path) -> None:
    expected = {"articles", *record_tables()}
    assert {"mentions", "people", "roles", "units", "places", "percentages", "figures", "links"} <= expected
    assert {p.stem for p in tables.glob("*.parquet")} == expected
    people = pq.read_table(tables / "people.parquet")
    assert people.num_rows == 0 and {"article_id", "name", "roles"} <= set(people.column_names)
    articles = pq.read_table(tables / "articles.parquet").to_pylist()
    assert [a["id"] for a in articles] == ["mine", "works", "quiet"]
    assert articles[0]["date"] == dt.date(1959, 10, 19) and articles[2]["warnings"] == ["header lacks Date"]


def test_readme_duckdb_query_finds_coal_by_year(tables: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is a dev dependency")
    rows = duckdb.sql(COAL_BY_YEAR.replace("TABLES", str(tables))).fetchall()
    assert rows == [
        (1958, "en", 20000.0, "ton", "coal", "works"),
        (1959, "en", 1010000.0, "ton", "raw coal", "mine"),
        (1959, "zh", 1010000.0, "ton", "原煤", "mine"),
    ]


def test_offsets_survive_the_export(tables: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is a dev dependency")
    query = f"""
        SELECT count(*) FILTER (WHERE substr(CASE m.lang WHEN 'en' THEN a.en ELSE a.zh END,
                                             m.start + 1, m."end" - m.start) = m.text), count(*)
        FROM '{tables}/mentions.parquet' AS m JOIN '{tables}/articles.parquet' AS a ON a.id = m.article_id
    """
    assert duckdb.sql(query).fetchall() == [(5, 5)]


def test_cli_export(tmp_path: Path) -> None:
    run = tmp_path / "run.jsonl"
    run.write_text("".join(r.model_dump_json() + "\n" for r in _results()), encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(run), "--parquet", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "t" / "links.parquet").to_pylist()[0]["en_mention"] == "en:0"


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, (pa.string(), False)),
        (float | None, (pa.float64(), True)),
        (NonNegativeInt | None, (pa.int64(), True)),
        (dt.date | None, (pa.date32(), True)),
        (list[str], (pa.list_(pa.string()), False)),
        (Literal["en", "zh"], (pa.string(), False)),
        (dict[str, int], (None, False)),
    ],
)
def test_column_types_follow_the_annotations(annotation: object, expected: tuple[pa.DataType | None, bool]) -> None:
    assert arrow_type(annotation) == expected
