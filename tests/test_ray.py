"""The Ray engine writes exactly what a local run writes; without Ray it says how to install it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor import Settings, parse_article
from extractor.distributed import INSTALL_HINT, RayNotInstalledError
from extractor.runs import RunOptions, run_archive
from tests.conftest import SEEDS

SETTINGS = Settings(batch_size=2)


def test_ray_engine_without_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # importing it now raises ImportError
    with pytest.raises(RayNotInstalledError, match=r"pip install -e \"\.\[ray\]\""):
        run_archive([SEEDS[0]], tmp_path / "out.jsonl", settings=SETTINGS, options=RunOptions(engine="ray"))
    assert "ray[data]" in INSTALL_HINT


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray = pytest.importorskip("ray", reason='Ray is an optional extra: pip install -e ".[ray]"')
    pytest.importorskip("ray.data", reason='Ray Data is needed: pip install -e ".[ray]"')
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside Ray Data itself
def test_ray_run_equals_the_local_run(local_ray: None, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for seed in SEEDS[:3]:
        (tmp_path / "in" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    with (tmp_path / "more.jsonl").open("w", encoding="utf-8") as lines:
        for seed in SEEDS[3:]:
            zh = parse_article(seed.read_text(encoding="utf-8"), article_id=seed.stem).zh
            lines.write(json.dumps({"id": f"zh-{seed.stem}", "zh": zh}, ensure_ascii=False) + "\n")
        lines.write("{broken\n")
    inputs = [tmp_path / "in", tmp_path / "more.jsonl"]
    local = run_archive(inputs, tmp_path / "local.jsonl", settings=SETTINGS)
    distributed = run_archive(
        inputs, tmp_path / "ray.jsonl", settings=SETTINGS, options=RunOptions(engine="ray", workers=2)
    )
    assert (distributed.succeeded, distributed.failed) == (local.succeeded, local.failed) == (5, 2)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert distributed.errors.read_bytes() == local.errors.read_bytes()
