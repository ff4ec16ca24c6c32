"""The gazetteer is the same in every process, whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

DIGEST = (
    "import hashlib\n"
    "from extractor.chinese.gazetteer import load_gazetteer\n"
    "codes = load_gazetteer(None).codes\n"
    "print(hashlib.sha256(repr(sorted((k, sorted(v)) for k, v in codes.items())).encode()).hexdigest())\n"
)


def test_division_codes_do_not_depend_on_the_hash_seed() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", DIGEST],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
