"""A corpus of bad inputs, generated here, through `extractor run`, the service, and export/view/eval.

Every bad item must be named with its reason, nothing may print a traceback or answer 500, and the
good articles in the same run must be written. The pathological article is abandoned at a small time
budget; no assertion is timed beyond that budget's generous deadlines.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.runs import run_archive
from extractor.runs.sinks import JsonlWriter, resume_ids
from extractor.service import ServiceProcess
from extractor.settings import Settings
from tests.conftest import ROOT, SEEDS

BUDGET = "5"  # seconds per article: far above a seed's time, far below the pathological article's
HUGE = "1" + "0" * 400  # beyond a 64-bit float


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "extractor", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two good seeds among bad files: empty, binary, UTF-16, GB18030, a 300 KB numeral run, a number
    beyond float range, a symbolic link loop, and a JSONL file of bad records."""
    root = tmp_path_factory.mktemp("bad")
    (root / "good").mkdir()
    for seed in SEEDS[:2]:
        (root / "good" / seed.name).write_bytes(seed.read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "utf16.txt").write_bytes("Output rose 12% in 1958.".encode("utf-16"))
    (root / "gb18030.txt").write_bytes("鞍山钢铁公司的产量增加了百分之十二。".encode("gb18030"))
    (root / "numerals.txt").write_text("百" * 100_000, encoding="utf-8")  # 300 KB
    (root / "huge.txt").write_text(f"岭西煤矿生产原煤{HUGE}吨，增加了百分之十二。", encoding="utf-8")
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to("..")
    records = [
        {"id": "bad-date", "en": "Output rose 12%.", "meta": {"date": "1958-13-45"}},
        {"id": "page-zero", "en": "Output rose 12%.", "meta": {"page": 0}},
        {"id": "page-huge", "en": "Output rose 12%.", "meta": {"page": 2**64}},
        {"id": "no-text"},
    ]
    lines = [json.dumps(record) for record in records] + ['{"id": "broken", "en": ']
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bad_run(
    bad_corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("bad-run") / "out.jsonl"
    inputs = [bad_corpus, bad_corpus / "records.jsonl"]
    return _run("run", *map(str, inputs), "-o", str(out), "--article-timeout", BUDGET), out


def test_every_bad_item_is_named_with_its_reason_and_the_good_ones_are_written(
    bad_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    run, out = bad_run
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    written = {json.loads(line)["id"]: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    assert set(written) == {f"good/{seed.stem}" for seed in SEEDS[:2]} | {"huge"}
    errors = {
        failure["id"]: failure["error"]
        for failure in map(json.loads, out.with_suffix(".errors.jsonl").read_text(encoding="utf-8").splitlines())
    }
    reasons = {
        "empty": "empty",
        "binary": "binary",
        "utf16": "UTF-16",
        "gb18030": "not valid UTF-8",
        "numerals": "budget per article",
        "loop/back/": "symbolic link loop",
        "bad-date": "date: Input should be a valid date",
        "page-zero": "page: Input should be greater than or equal to 1 (got 0)",
        "page-huge": "page: Input should be less than or equal to",
        "no-text": 'needs "text"',
    }
    for article_id, reason in reasons.items():
        assert reason in errors.pop(article_id), article_id
    [(broken_id, broken)] = errors.items()  # the line with no id is known by where it is
    assert broken_id.endswith("records.jsonl:5") and "not valid JSON" in broken
    assert all("\n" not in error for error in errors.values())


def test_a_number_beyond_float_range_is_left_out_with_a_warning(
    bad_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = bad_run
    [huge] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if '"id":"huge"' in line]
    assert [m["text"] for m in huge["mentions"] if m["type"] in ("figure", "percentage")] == ["百分之十二"]
    assert any("too large to represent" in warning for warning in huge["warnings"])


def test_a_run_file_with_a_damaged_line_is_named_by_export_view_and_eval(
    bad_run: tuple[subprocess.CompletedProcess[str], Path], tmp_path: Path
) -> None:
    _, out = bad_run
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text(lines[0] + lines[1] + '{"id": "not a result"}\n', encoding="utf-8")
    for command in (
        ["export", str(damaged), "--parquet", str(tmp_path / "tables")],
        ["view", str(damaged), "-o", str(tmp_path / "site")],
        ["eval", "--run", str(damaged)],
    ):
        result = _run(*command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"{damaged}:3: not a result line" in result.stderr, result.stderr
    assert not list((tmp_path / "tables").glob("*.parquet"))  # nothing that looks like a finished export


def test_resume_redoes_a_line_that_does_not_validate_even_with_its_newline(
    bad_run: tuple[subprocess.CompletedProcess[str], Path], tmp_path: Path
) -> None:
    _, out = bad_run
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    resumed = tmp_path / "out.jsonl"
    resumed.write_text(lines[0][: len(lines[0]) // 2] + "\n" + "".join(lines[1:]), encoding="utf-8")
    done, dropped = resume_ids(resumed)
    assert dropped == [dropped[0]] and dropped[0].startswith("line 1: ")
    assert done == {json.loads(line)["id"] for line in lines[1:]}
    assert resumed.read_text(encoding="utf-8") == "".join(lines[1:])


def test_the_output_must_be_a_file_and_is_not_overwritten_unasked(tmp_path: Path) -> None:
    settings = Settings(article_timeout=0)
    with pytest.raises(Exception, match="is a directory"):
        run_archive([SEEDS[0]], tmp_path, settings=settings)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "kept"}\n', encoding="utf-8")
    with pytest.raises(Exception, match="--resume finishes that run, --overwrite replaces it"):
        run_archive([SEEDS[0]], out, settings=settings)
    assert out.read_text(encoding="utf-8") == '{"id": "kept"}\n'


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen(
        [sys.executable, "-m", "extractor", "run", *map(str, SEEDS), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not _locked(out) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        second = CliRunner().invoke(app, ["run", str(SEEDS[0]), "-o", str(out), "--overwrite"])
        assert second.exit_code == 2 and "being written by another run" in second.output, second.output
    finally:
        _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [seed.stem for seed in SEEDS]  # the first run's output, whole and alone


def _locked(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with JsonlWriter(path, append=True, lock=True):
            return False
    except Exception:
        return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_no_worker_outlives_the_driver(tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "EXTRACTOR_BATCH_SIZE": "1"}
    command = [sys.executable, "-m", "extractor", "run", *map(str, SEEDS * 4), "-o", str(out), "--workers", "2"]
    driver = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    workers: list[psutil.Process] = []
    while len(workers) < 2 and driver.poll() is None and time.monotonic() < deadline:
        workers = [p for p in psutil.Process(driver.pid).children() if "resource_tracker" not in " ".join(p.cmdline())]
        time.sleep(0.1)
    assert len(workers) == 2
    driver.send_signal(sig)
    driver.wait(timeout=60)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, f"workers left behind: {[p.pid for p in alive]}"


def test_the_service_names_bad_items_and_answers_no_500() -> None:
    good = {"text": "鞍山钢铁公司经理李伟说，今年产量增加了百分之十二。"}
    with (
        ServiceProcess("--article-timeout", BUDGET) as server,
        httpx.Client(base_url=server.url, timeout=300) as http,
    ):
        slow = http.post("/v1/extract/batch", json={"items": [{"text": "百" * 100_000}, good]})
        assert slow.status_code == 200
        [abandoned, done] = slow.json()["items"]
        assert abandoned["error"]["code"] == "article_timeout" and "result" in done
        huge = http.post("/v1/extract", json={"zh": f"岭西煤矿生产原煤{HUGE}吨。"})
        assert huge.status_code == 200 and any("too large" in w for w in huge.json()["warnings"])
        page = http.post("/v1/extract", json={"en": "Output rose.", "meta": {"page": 0}})
        assert page.status_code == 422 and page.json()["error"]["field"] == "meta.page"
        assert http.post("/v1/extract", json=good).status_code == 200  # the server went on
        log = server.log()
    assert " 500 " not in log and "Traceback" not in log


def test_a_page_for_an_id_longer_than_a_file_name_is_named_by_a_digest(tmp_path: Path) -> None:
    from extractor.records import Article, ExtractionResult
    from extractor.view import page_name, write_site

    results = [
        ExtractionResult(id=article_id, article=Article(id=article_id, en="Output rose."))
        for article_id in ("年" * 100 + "a" * 300, "年" * 100 + "a" * 299 + "b")
    ]
    names = [page_name(result) for result in results]
    assert len(set(names)) == 2 and all(len(name.encode("utf-8")) <= 255 for name in names)
    write_site(results, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*names, "index.html"])


def test_an_unlistable_folder_is_a_failure_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.runs import iter_items, sources

    for folder in ("a", "locked", "z"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "1.txt").write_text("Output rose 12%.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Path) -> object:  # as for a folder without read permission (root reads them all)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    items = list(iter_items([tmp_path]))
    assert [item.id for item in items] == ["a/1", "locked/", "z/1"]
    assert items[1].error == f"{tmp_path / 'locked'}: cannot list this directory (Permission denied); skipped"
