"""Whole-archive runs measured: throughput, scaling, memory per worker, and the cost of the archive.

    nice .venv/bin/python bench/bench_archive.py                 # 300 articles: 1/2 workers, Ray 1/2 actors
    nice .venv/bin/python bench/bench_archive.py --no-ray
    nice .venv/bin/python bench/bench_archive.py --mix seeds     # half seed files, half their Chinese alone
    nice .venv/bin/python bench/bench_archive.py --memory 3000   # RSS of one streaming run as it goes

The corpus is built from the seeds: by default their Chinese markdown parts alone, as most of the
archive is (`--mix seeds`: each seed file as it is, alternating with its Chinese part). Per run: the
rate per worker, its peak memory, the CPU seconds the workers spent per article (model loading
included, once per worker) and the core-hours that projects for two million articles. The memory
corpus varies the seeds (numbers rewritten, paragraphs reordered) so the stream keeps bringing new
tokens, as a real archive does. Wall-time figures are noisy on a shared machine: run it niced, twice.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import resource
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from extractor import Settings, parse_article
from extractor.runs import Done, RunOptions, run_archive

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
ARCHIVE = 2_000_000
MB = 1024 * 1024


def build_corpus(directory: Path, count: int, *, chinese_only: bool) -> list[Path]:
    """`count` article files: the seeds' Chinese markdown alone, or (not `chinese_only`) seeds as they
    are alternating with their Chinese markdown."""
    for i in range(count):
        seed = SEEDS[(i // 2) % len(SEEDS)]
        text = seed.read_text(encoding="utf-8")
        if i % 2 or chinese_only:
            (directory / f"{i:05d}_{seed.stem}.md").write_text(_chinese_part(text), encoding="utf-8")
        else:
            (directory / f"{i:05d}_{seed.stem}.txt").write_text(text, encoding="utf-8")
    return [directory]


def _chinese_part(seed_text: str) -> str:
    """What follows the `Original:` line: the Chinese markdown as People's Daily prints it."""
    return re.split(r"^\s*Original:\s*$", seed_text, maxsplit=1, flags=re.MULTILINE)[1].strip() + "\n"


@dataclass
class Measure:
    name: str
    workers: int
    articles: int
    wall: float
    steady: float
    """Articles per second after the first results: model loading left out."""
    peak_mb: float
    """Largest peak RSS of one worker process."""
    cpu: float
    """CPU seconds (user + system) the worker processes spent, model loading included."""

    @property
    def rate(self) -> float:
        return self.articles / self.wall

    @property
    def cpu_per_article(self) -> float:
        return self.cpu / self.articles


class PeakSampler:
    """Samples the RSS of the processes a predicate picks (among this one and its descendants)."""

    def __init__(self, pick: Callable[[psutil.Process], bool]) -> None:
        self.pick, self.peaks, self._stop = pick, {}, threading.Event()
        self.cpu: dict[int, float] = {}  # CPU seconds of each picked process at its last sample
        # CPU seconds of the picked processes already running at the start (a Ray actor of a run
        # before): only what they spend from then on counts
        self.before: dict[int, float] = {}
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._sample(self.before)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def spent(self) -> dict[int, float]:
        """CPU seconds each picked process spent since the start, as last sampled."""
        return {pid: seconds - self.before.get(pid, 0.0) for pid, seconds in self.cpu.items()}

    def _loop(self) -> None:
        while not self._stop.wait(0.2):
            self._sample(self.cpu)

    def _sample(self, cpu: dict[int, float]) -> None:
        me = psutil.Process()
        for process in [me, *me.children(recursive=True)]:
            try:
                if self.pick(process):
                    rss = process.memory_info().rss
                    self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
                    times = process.cpu_times()
                    cpu[process.pid] = times.user + times.system
            except psutil.Error:
                continue


def _cmdline_has(text: str) -> Callable[[psutil.Process], bool]:
    return lambda process: any(text in part for part in process.cmdline())


def measure(
    name: str, inputs: list[Path], out: Path, options: RunOptions, pick: Callable[[psutil.Process], bool]
) -> Measure:
    stamps: list[float] = []
    start = time.perf_counter()
    mine = psutil.Process().cpu_times()
    with PeakSampler(pick) as sampler:
        summary = run_archive(
            inputs, out, settings=Settings(), options=options, on_done=lambda d: stamps.append(time.perf_counter())
        )
    wall = time.perf_counter() - start
    assert not summary.failed, f"{name}: {summary.failed} failed"
    first = stamps.count(stamps[0])  # results come back in batches: time from the first batch to the last
    steady = (len(stamps) - first) / (stamps[-1] - stamps[0])
    me = psutil.Process()
    spent = sampler.spent()
    if spent.keys() - {me.pid}:  # the work was done in worker processes: this one only waited
        spent.pop(me.pid, None)
        sampler.peaks.pop(me.pid, None)
    elif me.pid in spent:  # the run's work was done in this process: count it from the start
        times = me.cpu_times()
        spent[me.pid] = times.user + times.system - mine.user - mine.system
    peak = max(sampler.peaks.values(), default=0) / MB
    return Measure(name, options.workers, summary.succeeded, wall, steady, peak, sum(spent.values()))


def throughput(articles: int, with_ray: bool, chinese_only: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        inputs = build_corpus(corpus, articles, chinese_only=chinese_only)
        me = psutil.Process().pid
        spawned = _cmdline_has("spawn_main")

        def mine_or_spawned(process: psutil.Process) -> bool:
            return process.pid == me or spawned(process)

        runs = [
            # one worker runs in this process, or in a child where a time budget needs one it can kill
            measure("local", inputs, Path(tmp) / "l1.jsonl", RunOptions(workers=1), mine_or_spawned),
            measure("local", inputs, Path(tmp) / "l2.jsonl", RunOptions(workers=2), spawned),
        ]
        if with_ray:
            import ray

            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
            for actors in (1, 2):
                options = RunOptions(engine="ray", workers=actors)
                runs.append(
                    measure("ray", inputs, Path(tmp) / f"r{actors}.jsonl", options, _cmdline_has("ExtractActor"))
                )
            ray.shutdown()
        reference = (Path(tmp) / "l1.jsonl").read_bytes()
        differ = [p.stem for p in sorted(Path(tmp).glob("*.jsonl")) if p.read_bytes() != reference]
    kind = "the seeds' Chinese markdown alone" if chinese_only else "half seed files, half their Chinese markdown alone"
    print(f"{articles} articles ({kind})")
    print(f"outputs identical to one local worker's: {'yes' if not differ else 'no, ' + ', '.join(differ) + ' differ'}")
    print("art/s: wall time (noisy on a shared machine); CPU s/art: CPU time of the workers, model loading included")
    row = "{:<7}{:>8}{:>8}{:>8}{:>14}{:>12}{:>12}{:>16}{:>11}{:>12}"
    header = ("engine", "workers", "wall s", "art/s", "steady art/s", "efficiency", "art/s/wkr", "peak MB/worker")
    print(row.format(*header, "CPU s/art", "core-hours"))
    base = {run.name: run.steady for run in runs if run.workers == 1}
    for run in runs:
        efficiency = run.steady / (run.workers * base[run.name])
        cells = (f"{run.wall:.1f}", f"{run.rate:.2f}", f"{run.steady:.2f}", f"{efficiency:.0%}")
        per_worker = f"{run.steady / run.workers:.2f}"
        cost = (f"{run.cpu_per_article:.3f}", f"{ARCHIVE * run.cpu_per_article / 3600:,.0f}") if run.cpu else ("-", "-")
        print(row.format(run.name, run.workers, *cells, per_worker, f"{run.peak_mb:.0f}", *cost))
    print(f"core-hours: CPU seconds per article x {ARCHIVE:,} articles / 3600")
    per_article = 1 / base["local"]  # wall seconds of one worker on one core
    print(f"from one local worker's steady wall rate instead: {ARCHIVE * per_article / 3600:,.0f} core-hours")


def synthetic_lines(count: int, seed: int = 7) -> Iterator[str]:
    """Seed articles varied: digits and Chinese numerals rewritten, paragraphs shuffled; every third Chinese only."""
    rng = random.Random(seed)
    articles = [parse_article(s.read_text(encoding="utf-8"), article_id=s.stem) for s in SEEDS]
    numerals = "一二三四五六七八九"
    for i in range(count):
        article = articles[i % len(articles)]
        en = re.sub(r"\d", lambda _: rng.choice("0123456789"), article.en or "")
        zh = re.sub(f"[{numerals}]", lambda _: rng.choice(numerals), article.zh or "")
        paragraphs = en.split("\n\n")
        rng.shuffle(paragraphs)
        record = (
            {"id": f"syn-{i:06d}", "zh": zh}
            if i % 3 == 2
            else {"id": f"syn-{i:06d}", "en": "\n\n".join(paragraphs), "zh": zh}
        )
        yield json.dumps(record, ensure_ascii=False) + "\n"


def memory(articles: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "synthetic.jsonl"
        with source.open("w", encoding="utf-8") as out:
            out.writelines(synthetic_lines(articles))
        process = psutil.Process()
        marks = {1, 100, *range(articles // 10, articles + 1, articles // 10)}
        print(f"{articles} synthetic articles ({source.stat().st_size / MB:.0f} MB of JSONL), one process, streaming")
        print(f"RSS before the run: {process.memory_info().rss / MB:.0f} MB")
        done = 0
        start = time.perf_counter()

        def report(_: Done) -> None:
            nonlocal done
            done += 1
            if done in marks:
                rate = done / (time.perf_counter() - start)
                print(
                    f"after {done:>6} articles: RSS {process.memory_info().rss / MB:6.0f} MB ({rate:.1f} articles/s)",
                    flush=True,
                )

        run_archive([source], Path(tmp) / "out.jsonl", settings=Settings(), on_done=report)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"RSS at the end: {process.memory_info().rss / MB:.0f} MB; peak {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--no-ray", action="store_true", help="Leave the Ray engine out.")
    parser.add_argument("--mix", choices=("chinese", "seeds"), default="chinese", help="Corpus: see above.")
    parser.add_argument("--memory", type=int, metavar="N", help="Measure RSS over a streaming run of N articles.")
    args = parser.parse_args()
    if not args.memory and not args.no_ray and importlib.util.find_spec("ray") is None:
        parser.error("Ray is not installed: pip install -e '.[ray]', or pass --no-ray")
    if args.memory:
        memory(args.memory)
    else:
        throughput(args.articles, with_ray=not args.no_ray, chinese_only=args.mix == "chinese")


if __name__ == "__main__":
    main()
