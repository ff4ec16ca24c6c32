"""Whole-archive runs: inputs, errors file, resume after a kill, Ctrl-C, and parallel workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.progress import Progress
from typer.testing import CliRunner

from extractor import ArticleError, Extractor, Settings, parse_article
from extractor.cli import app
from extractor.runs import RunOptions, RunSummary, collect_files, iter_items, run_archive
from extractor.runs.progress import RateColumn
from extractor.runs.sinks import resume_ids
from extractor.runs.sources import load
from extractor.runs.workers import extract_chunk
from tests.conftest import ROOT, SEEDS

# Small batches so lines appear one by one and a kill lands mid-run. No time budget: these runs extract in
# this process, as runs without one do (the budget's child processes are tested in test_bad_inputs.py).
SETTINGS = Settings(batch_size=2, article_timeout=0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seeds as files in a tree (plus one broken file), and as JSONL lines of both record forms."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "b").mkdir()
    for i, seed in enumerate(SEEDS):
        (root / ("b" if i % 2 else "") / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "b" / "empty.txt").write_text("", encoding="utf-8")
    with (root / "more.jsonl").open("w", encoding="utf-8") as lines:
        for seed in SEEDS:
            article = parse_article(seed.read_text(encoding="utf-8"), article_id=seed.stem)
            lines.write(json.dumps({"id": f"zh-{seed.stem}", "zh": article.zh}, ensure_ascii=False) + "\n")
            lines.write(json.dumps({"id": f"en-{seed.stem}", "text": article.en}, ensure_ascii=False) + "\n")
    return [root, root / "more.jsonl"]


@pytest.fixture(scope="module")
def reference(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[RunSummary, str, str]:
    """An uninterrupted single-process run: its summary, output and errors file."""
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    summary = run_archive(corpus, out, settings=SETTINGS)
    return summary, out.read_text(encoding="utf-8"), summary.errors.read_text(encoding="utf-8")


def test_directory_walk_is_recursive_and_in_name_order(corpus: list[Path]) -> None:
    names = [p.relative_to(corpus[0]).as_posix() for p in collect_files([corpus[0]])]
    assert names == [
        "000_ce1b9ee1370c8b7e.txt",
        "002_8ab13afc5602f97b.txt",
        "004_5ad903a1dcf9d3b7.txt",
        "b/001_83cb44dda1b502d0.txt",
        "b/003_c17e437a9ce4a8af.txt",
        "b/empty.txt",
    ]


def test_files_in_a_tree_are_known_by_their_path_so_equal_names_do_not_collide(tmp_path: Path) -> None:
    for day in ("1958/01/02", "1958/01/03"):
        (tmp_path / day).mkdir(parents=True)
        (tmp_path / day / "001.txt").write_text(f"Title: {day}\n\nLi Ming spoke.", encoding="utf-8")
    items = list(iter_items([tmp_path, tmp_path / "1958/01/03/001.txt"]))
    assert [item.id for item in items] == ["1958/01/02/001", "1958/01/03/001", "001"]
    assert [load(item, max_bytes=10_000).id for item in items] == ["1958/01/02/001", "1958/01/03/001", "001"]
    summary = run_archive([tmp_path], tmp_path / "out.jsonl", settings=SETTINGS)
    assert summary.succeeded == 2


def test_jsonl_lines_become_articles_and_broken_lines_fail_by_location(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "Title: T\\nDate: 1958-01-02\\n\\nLi Ming spoke."}\n'
        "\n"
        '{"id": 7, "en": "Coal.", "zh": "煤。", "meta": {"page": 2}}\n'
        "{not json\n"
        '{"text": "no id"}\n'
        '{"id": "b", "en": 3}\n',
        encoding="utf-8",
    )
    items = list(iter_items([source]))
    assert [(item.id, item.line) for item in items] == [
        ("a", 1),
        ("7", 3),
        (f"{source}:4", 4),
        (f"{source}:5", 5),
        ("b", 6),
    ]
    first, second = (load(item, max_bytes=10_000) for item in items[:2])
    assert first.id == "a" and first.en == "Li Ming spoke." and str(first.date) == "1958-01-02"
    assert second.id == "7" and (second.en, second.zh, second.page) == ("Coal.", "煤。", 2)
    for item, problem in zip(items[2:], ("not valid JSON", 'no "id"', "must be strings"), strict=True):
        with pytest.raises(ArticleError, match=problem):
            load(item, max_bytes=10_000)
    with pytest.raises(ArticleError, match="over the 20-byte limit"):
        load(items[0], max_bytes=20)


def test_run_writes_results_in_input_order_and_failures_apart(reference: tuple[RunSummary, str, str]) -> None:
    summary, output, errors = reference
    ids = [json.loads(line)["id"] for line in output.splitlines()]
    seeds = [s.stem for s in SEEDS]
    from_jsonl = [f"{lang}-{stem}" for stem in seeds for lang in ("zh", "en")]
    assert ids == [seeds[0], seeds[2], seeds[4], f"b/{seeds[1]}", f"b/{seeds[3]}", *from_jsonl]
    failures = [json.loads(line) for line in errors.splitlines()]
    assert [f["id"] for f in failures] == ["b/empty"] and "empty" in failures[0]["error"]
    assert (summary.succeeded, summary.failed, summary.skipped) == (15, 1, 0)


def test_no_errors_file_when_nothing_failed(tmp_path: Path) -> None:
    summary = run_archive([SEEDS[0]], tmp_path / "out.jsonl", settings=SETTINGS)
    assert summary.succeeded == 1 and not summary.errors.exists()


def test_resume_drops_a_cut_short_line_and_skips_what_is_done(
    corpus: list[Path], reference: tuple[RunSummary, str, str], tmp_path: Path
) -> None:
    lines = reference[1].splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")
    done, dropped = resume_ids(out)
    assert dropped and done == {json.loads(line)["id"] for line in lines[:3]}
    summary = run_archive(corpus, out, settings=SETTINGS, options=RunOptions(resume=True))
    assert (summary.skipped, summary.succeeded, summary.failed) == (3, 12, 1)
    assert out.read_text(encoding="utf-8") == reference[1]
    assert summary.errors.read_text(encoding="utf-8") == reference[2]


LONG = 60  # articles in the stopped run: enough that a signal always lands mid-run, on a fast machine too


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], str]:
    """Many short articles in one JSONL file, and the output of an uninterrupted run over them."""
    root = tmp_path_factory.mktemp("long")
    texts = [parse_article(seed.read_text(encoding="utf-8"), article_id=seed.stem) for seed in SEEDS]
    with (root / "long.jsonl").open("w", encoding="utf-8") as lines:
        for i in range(LONG):
            article = texts[i % len(texts)]
            lines.write(json.dumps({"id": f"a{i:03d}", "en": article.en, "zh": article.zh}, ensure_ascii=False) + "\n")
    out = root / "reference.jsonl"
    run_archive([root / "long.jsonl"], out, settings=SETTINGS)
    return [root / "long.jsonl"], out.read_text(encoding="utf-8")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_stopped_run_resumed_gives_the_uninterrupted_output(
    long_corpus: tuple[list[Path], str], tmp_path: Path, sig: signal.Signals
) -> None:
    corpus, expected = long_corpus
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "extractor", "run", *map(str, corpus), "-o", str(out)]
    env = {**os.environ, "EXTRACTOR_BATCH_SIZE": str(SETTINGS.batch_size)}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # As at a terminal: a job started in the background by a script (CI) inherits SIGINT ignored.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    while _lines(out) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    written = _lines(out)
    assert 3 <= written < LONG, "the run should be stopped halfway"
    if sig == signal.SIGINT:
        assert process.returncode == 130 and b"--resume" in stderr
        assert all(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, env=env, capture_output=True, check=False)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_text(encoding="utf-8") == expected
    assert not (tmp_path / "out.errors.jsonl").exists()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_workers_give_the_single_process_output(
    corpus: list[Path], reference: tuple[RunSummary, str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_archive(corpus, out, settings=SETTINGS, options=RunOptions(workers=2))
    assert out.read_text(encoding="utf-8") == reference[1]
    assert summary.errors.read_text(encoding="utf-8") == reference[2]


def test_an_article_that_breaks_the_pipeline_fails_alone(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    original = extractor._extract_articles

    def breaks_on_boom(articles):  # type: ignore[no-untyped-def]
        if any(a.id == "boom" for a in articles):
            raise RuntimeError("pipeline bug")
        return original(articles)

    monkeypatch.setattr(extractor, "_extract_articles", breaks_on_boom)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "en": "Li Ming went to Beijing."}) + "\n" for i in ("a", "boom", "c")),
        encoding="utf-8",
    )
    done = extract_chunk(extractor, list(iter_items([source])))
    assert [(d.id, d.status) for d in done] == [("a", "ok"), ("boom", "failed"), ("c", "ok")]
    assert done[1].failure().error == "RuntimeError: pipeline bug"


def test_cli_reads_jsonl_on_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    lines = '{"id": "x", "en": "Li Ming went to Beijing."}\n{"id": "y"}\n'
    result = CliRunner().invoke(app, ["run", "-", "-o", str(out)], input=lines)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["x"]
    failure = json.loads((tmp_path / "out.errors.jsonl").read_text(encoding="utf-8"))
    assert (failure["id"], failure["source"]) == ("y", "<stdin>:2") and 'needs "text"' in failure["error"]


def test_rate_is_articles_over_time_since_the_start() -> None:
    progress = Progress()
    task_id = progress.add_task("run", total=10)
    task = progress.tasks[task_id]
    assert RateColumn().render(task).plain == "0.0 articles/s"
    task.start_time = progress.get_time() - 4.0
    progress.update(task_id, completed=6)  # landing in one batch: rich's window would read it as instant
    assert RateColumn().render(task).plain == "1.5 articles/s"
