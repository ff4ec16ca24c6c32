"""Time on pathological inputs against a normal article, at two sizes each, in one process.

Run: `.venv/bin/python bench/bench_pathological.py [--scale 1.0]`. Each case is extracted at size n
and 2n; the ratio of the two times says how the work grows (about 2 is linear, about 4 quadratic).
A normal seed article is timed in the same run as the peer. `--scale` shrinks or grows every case.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]

# name -> (builder of a text of about n characters, n at scale 1)
CASES: dict[str, tuple[Callable[[int], str], int]] = {
    'English "%" run': (lambda n: "Output rose " + "%" * n + ".", 5_000),
    "Chinese prose": (lambda n: ("鞍山钢铁公司经理李伟说，今年产量增加了百分之十二。" * n)[:n], 20_000),
    "百 run": (lambda n: "百" * n, 50_000),
    "一万万 run": (lambda n: ("一万万" * n)[:n], 50_000),
    "百分之 run": (lambda n: ("百分之" * n)[:n], 50_000),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every case's size by this.")
    parser.add_argument("--only", help="Run only the cases whose name contains this.")
    args = parser.parse_args()

    from extractor import Extractor, Settings, read_article

    extractor = Extractor(Settings.from_env()).load()
    seed = read_article(SEED)
    extractor.extract(seed)  # warm up
    began = time.perf_counter()
    extractor.extract(seed)
    normal = time.perf_counter() - began
    print(f"normal article ({SEED.name}, {len(seed.en or '') + len(seed.zh or ''):,} chars): {normal:6.2f} s")
    for name, (build, size) in CASES.items():
        if args.only and args.only not in name:
            continue
        n = max(1, int(size * args.scale))
        times = []
        for chars in (n, 2 * n):
            article = extractor.read_text(build(chars), article_id="bench")
            began = time.perf_counter()
            try:
                extractor.extract(article)
            except Exception as err:  # a crash is a finding too; its time still counts
                print(f"{name}: {type(err).__name__}: {str(err)[:80]}")
            times.append(time.perf_counter() - began)
        print(
            f"{name:18} {n:>8,} chars: {times[0]:6.2f} s; {2 * n:>8,} chars: {times[1]:6.2f} s; "
            f"ratio {times[1] / max(times[0], 1e-9):4.1f}"
        )


if __name__ == "__main__":
    main()
