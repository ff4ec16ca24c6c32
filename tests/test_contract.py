"""The output contract other tools read: one JSON object per article with grounded mentions."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor import ExtractionResult, Failure, extract
from extractor.cli import app
from tests.conftest import SEEDS

CONTRACT_TYPES = {"person", "role", "unit", "place", "percentage", "figure", "date"}


def test_every_mention_slices_its_text(seed_results: dict[str, ExtractionResult]) -> None:
    assert set(seed_results) == {p.stem for p in SEEDS}
    for result in seed_results.values():
        data = json.loads(result.model_dump_json())
        assert data["id"] == result.id and isinstance(data["links"], list)
        for m in data["mentions"]:
            assert m["lang"] in ("en", "zh") and m["type"] in CONTRACT_TYPES
            text = data["article"][m["lang"]]
            assert text[m["start"] : m["end"]] == m["text"]
            if m["type"] in ("percentage", "figure"):
                assert isinstance(m["value"], float)
            if m["type"] == "figure":
                assert m["unit"]


def test_library_accepts_path_and_text() -> None:
    by_path = extract(SEEDS[0])
    by_text = extract(SEEDS[0].read_text(encoding="utf-8"))
    assert by_path.mentions == by_text.mentions and by_path.id == SEEDS[0].stem


def test_cli_run_skips_bad_files_and_fails_the_exit(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["run", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["good"]


def test_extract_many_reports_failures_in_order(extractor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    items = list(extractor.extract_many([SEEDS[0], bad, SEEDS[1]]))
    assert [type(i) for i in items] == [ExtractionResult, Failure, ExtractionResult]
    assert items[1].id == "bad" and "UTF-8" in items[1].error


def test_cli_extract_and_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(SEEDS[0])])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == SEEDS[0].stem
    result = CliRunner().invoke(app, ["schema", "--dir", str(tmp_path)])
    assert result.exit_code == 0 and (tmp_path / "extraction-result.schema.json").exists()
