"""Cold start: `extractor extract FILE` in a fresh interpreter, to its result, beside jieba posseg's.

    nice .venv/bin/python bench/bench_cold_start.py [--runs 5]

Files: the first seed whole (bilingual) and its Chinese markdown alone (Chinese-only). Each command
runs once unmeasured (the page cache, the tables written into the model cache on their first use,
and the bytecode of the project's modules: that run writes it even where PYTHONDONTWRITEBYTECODE is
set, as a user's install does on its first run), then `--runs` times; the median of wall time and
of CPU time (user + system of the child, which is what the machine pays and what a busy shared
machine does not inflate) is printed. The peer is a
fresh interpreter that imports jieba and cuts the Chinese-only file with its posseg.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
EXTRACTOR = ROOT / ".venv" / "bin" / "extractor"
JIEBA = (
    "import sys, jieba, jieba.posseg; jieba.setLogLevel(60); "
    "print(len(list(jieba.posseg.cut(open(sys.argv[1], encoding='utf-8').read()))))"
)


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(command: list[str], runs: int) -> tuple[float, float]:
    run(command, env={name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"})
    walls, cpus = zip(*(run(command) for _ in range(runs)), strict=True)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        chinese = Path(tmp) / f"{SEED.stem}.md"
        text = SEED.read_text(encoding="utf-8")
        chinese.write_text(re.split(r"^\s*Original:\s*$", text, maxsplit=1, flags=re.MULTILINE)[1], encoding="utf-8")
        commands = {
            "extractor extract, Chinese-only file": [str(EXTRACTOR), "extract", str(chinese)],
            "extractor extract, bilingual file": [str(EXTRACTOR), "extract", str(SEED)],
            "peer: jieba posseg, Chinese-only file": [sys.executable, "-c", JIEBA, str(chinese)],
        }
        print(f"cold start to the first result, median of {args.runs} fresh processes (seed {SEED.name})")
        print(f"{'':<40}{'wall s':>8}{'CPU s':>8}")
        for label, command in commands.items():
            wall, cpu = median_of(command, args.runs)
            print(f"{label:<40}{wall:8.2f}{cpu:8.2f}")


if __name__ == "__main__":
    main()
