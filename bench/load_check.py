"""Load check: start `extractor serve` on a free loopback port, send a bounded number of extraction
requests from a few concurrent clients, print throughput, latency percentiles and errors, then stop.

    .venv/bin/python bench/load_check.py [--requests 200] [--clients 4] [--workers 1]

The payloads are the seed articles in turn, as `POST /v1/extract {"text", "id"}`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle, islice
from pathlib import Path

import httpx

from extractor.service import ServiceProcess

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def send(client: httpx.Client, body: dict[str, str]) -> tuple[float, int]:
    """Seconds taken and HTTP status (0 for a transport error) of one request."""
    start = time.perf_counter()
    try:
        status = client.post("/v1/extract", json=body).status_code
    except httpx.HTTPError:
        status = 0
    return time.perf_counter() - start, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="Requests to send in all.")
    parser.add_argument("--clients", type=int, default=4, help="Concurrent clients.")
    parser.add_argument("--workers", type=int, default=1, help="Server worker processes.")
    args = parser.parse_args()
    bodies = [{"text": path.read_text(encoding="utf-8"), "id": path.stem} for path in SEEDS]
    payloads = list(islice(cycle(bodies), args.requests))

    limits = httpx.Limits(max_connections=args.clients)
    with (
        ServiceProcess(workers=args.workers) as server,
        httpx.Client(base_url=server.url, timeout=300, limits=limits) as client,
    ):
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            outcomes = list(pool.map(lambda body: send(client, body), payloads))
        elapsed = time.perf_counter() - started

    latencies = sorted(seconds for seconds, _ in outcomes)
    errors = sum(status != 200 for _, status in outcomes)
    p50, p95 = (statistics.quantiles(latencies, n=100, method="inclusive")[q - 1] for q in (50, 95))
    print(f"requests {len(outcomes)}  clients {args.clients}  server workers {args.workers}  seeds {len(SEEDS)}")
    print(f"wall {elapsed:.1f} s  throughput {len(outcomes) / elapsed:.2f} requests/s")
    print(f"latency p50 {p50 * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms  max {latencies[-1] * 1000:.0f} ms")
    print(f"errors {errors}")


if __name__ == "__main__":
    main()
