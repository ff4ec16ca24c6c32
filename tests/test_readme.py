"""The README's examples run as written, and what a new user meets first behaves as it says."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
import typer
from typer import _click
from typer.testing import CliRunner

from extractor import ExtractionResult
from extractor.cli import app
from tests.conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_library_examples_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert blocks
    monkeypatch.chdir(ROOT)  # the examples name seeds/ relative to the checkout
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {})  # the README's own code
    # 岭西煤矿生产原煤一百零一万吨: 1,010,000 tons, read by the last example.
    assert printed.getvalue().splitlines()[-1] == "1010000.0 ton"


def test_a_result_shows_as_its_page_in_a_notebook(seed_results: dict[str, ExtractionResult]) -> None:
    result = seed_results[SEEDS[0].stem]
    shown = result._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "&lt;html" in shown and "<html" not in shown


def test_version_and_short_help() -> None:
    runner = CliRunner()
    assert re.fullmatch(r"extractor \d+\.\d+\.\d+\n", runner.invoke(app, ["--version"]).stdout)
    short = runner.invoke(app, ["run", "-h"])
    assert short.exit_code == 0 and "--article-timeout" in short.stdout


def _command_paths(command: _click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    subcommands = getattr(command, "commands", {})
    return [path] + [p for name, sub in subcommands.items() for p in _command_paths(sub, (*path, name))]


def test_every_help_names_parameters_without_python_types() -> None:
    paths = _command_paths(typer.main.get_command(app))
    assert ("run",) in paths and ("train", "zh-ner") in paths
    runner = CliRunner()
    for path in paths:
        shown = runner.invoke(app, [*path, "--help"])
        assert shown.exit_code == 0, path
        for leak in ("<list[", "<bool>", "Path]", "<path>", "<str>"):
            assert leak not in shown.stdout, (path, leak)
        usage = next(line for line in shown.stdout.splitlines() if "Usage:" in line)
        assert "{" not in usage, usage  # a required argument is shown as its metavar, not as {name}
    run_help = runner.invoke(app, ["run", "--help"]).stdout
    assert "run [OPTIONS] PATHS..." in run_help and "-h" in run_help


def test_extract_and_check_read_a_finished_run_without_extracting(
    seed_results: dict[str, ExtractionResult], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("".join(result.model_dump_json() + "\n" for result in seed_results.values()), encoding="utf-8")
    runner = CliRunner()
    printed = runner.invoke(app, ["extract", str(out)])
    assert printed.exit_code == 0
    assert [doc["id"] for doc in _documents(printed.stdout)] == list(seed_results)
    report = runner.invoke(app, ["check", str(out)])
    assert report.exit_code == 0 and "only one language" not in report.stdout
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "en": "Output rose 12%."}\n', encoding="utf-8")
    refused = runner.invoke(app, ["extract", str(source)])
    assert refused.exit_code == 1 and "extractor run" in refused.output


def test_an_article_in_gb18030_is_read_when_its_encoding_is_named(tmp_path: Path) -> None:
    article = tmp_path / "gb.txt"
    article.write_bytes("　　岭西煤矿生产原煤一百零一万吨。".encode("gb18030"))
    refused = CliRunner().invoke(app, ["extract", str(article)])
    assert refused.exit_code == 1 and "--encoding gb18030" in refused.output
    read = CliRunner().invoke(app, ["extract", str(article), "--encoding", "gb18030"])
    assert read.exit_code == 0 and json.loads(read.stdout)["figures"][0]["value"] == 1010000


def test_extract_reads_standard_input() -> None:
    result = CliRunner().invoke(app, ["extract", "-"], input="　　岭西煤矿生产原煤一百零一万吨。")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["figures"][0]["value"] == 1010000


def _documents(text: str) -> list[dict[str, object]]:
    """The JSON documents printed one after another."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while text[at:].strip():
        document, at = decoder.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        found.append(document)
    return found
