"""Schema-driven fuzzing of the running service with schemathesis, every check enabled.

Besides "no 500s" and "responses match their schemas", `--checks all` holds the OpenAPI document to
its word both ways: data it calls valid must be accepted and data it calls invalid refused with a 4xx.
The run is deterministic (`--generation-deterministic`) and bounded (`--max-examples`), so it is quick
and repeatable. The CLI is used rather than the pytest plugin, whose lazy loading from a fixture
does not work with pytest 9.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extractor.service import ServiceProcess

EXAMPLES_PER_OPERATION = 100


def test_service_honours_its_openapi(tmp_path: Path) -> None:
    # Small limits, so that the generator reaches them: a batch of 3 items is already one too many.
    with ServiceProcess("--max-batch-items", "2", "--max-body-bytes", "20000") as server:
        command = [
            *(sys.executable, "-m", "schemathesis.cli", "run", f"{server.url}/openapi.json"),
            *("--checks", "all", "--max-examples", str(EXAMPLES_PER_OPERATION), "--generation-deterministic"),
            *("--workers", "1", "--request-timeout", "60", "--no-color"),
        ]
        # Run in tmp_path: schemathesis and hypothesis keep caches in the working directory.
        run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
        log = server.log()
    assert run.returncode == 0, f"{run.stdout}\n{run.stderr}\n--- server log ---\n{log[-5000:]}"
    assert "No issues found" in run.stdout
    assert " 500 " not in log and "Traceback" not in log
