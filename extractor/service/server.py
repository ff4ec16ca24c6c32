"""Running the service: under uvicorn in this process, or as a child process for tests and benchmarks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from types import TracebackType

import uvicorn

from extractor.service.settings import ServiceSettings

LOOPBACK = "127.0.0.1"


def serve(settings: ServiceSettings, *, host: str = LOOPBACK, port: int = 8000, workers: int = 1) -> None:
    """Serve until interrupted. Every worker process builds its app from the environment, so the
    settings are exported there first; each worker then loads its own models, once."""
    os.environ.update(settings.to_env())
    uvicorn.run("extractor.service:create_app", factory=True, host=host, port=port, workers=workers)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


class ServiceProcess:
    """`extractor serve` in a child process on a free loopback port: ready on enter, stopped on exit."""

    def __init__(self, *options: str, workers: int = 1, timeout: float = 120.0) -> None:
        self.options = (*options, "--workers", str(workers))
        self.workers = workers
        self.timeout = timeout
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._log = tempfile.TemporaryFile()  # noqa: SIM115  # open for the server's lifetime; closed on exit
        self._process: subprocess.Popen[bytes] | None = None
        self._final_log = ""
        self.ready_workers: set[int] = set()
        """Process ids of the workers that have answered /readyz with 200."""

    def __enter__(self) -> ServiceProcess:
        command = [sys.executable, "-m", "extractor", "serve", "--host", LOOPBACK, "--port", str(self.port)]
        self._process = subprocess.Popen([*command, *self.options], stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
        self._final_log = self.log()
        self._log.close()

    def _wait_until_ready(self) -> None:
        """Until every worker has said it is ready: each loads its own models, some sooner than others."""
        assert self._process is not None
        ready = self.ready_workers
        deadline = time.monotonic() + self.timeout
        while len(ready) < self.workers and time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the server exited with {self._process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=2) as response:
                    ready.add(json.load(response)["worker"])
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)  # not listening yet, or 503 while the models load
        if len(ready) < self.workers:
            raise TimeoutError(
                f"{len(ready)} of {self.workers} workers ready after {self.timeout:.0f} s:\n{self.log()}"
            )

    def log(self) -> str:
        """Everything the server printed so far (all of it, once stopped)."""
        if self._log.closed:
            return self._final_log
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")

    def stop(self) -> None:
        """SIGTERM (uvicorn finishes in-flight requests), then SIGKILL if it lingers."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
