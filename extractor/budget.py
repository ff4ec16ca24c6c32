"""Extraction in a child process that can be abandoned: how an article's time budget is kept.

A thread cannot be stopped, and a budget checked between pipeline stages does nothing against one
slow loop inside a stage; a process can be killed. `ExtractionProcess` loads an `Extractor` in a
spawned child and hands it work over a pipe; the caller waits at most the budget, and past it the
child is killed, `BudgetExceeded` is raised, and a fresh child starts loading the models at once
(about 10 s, the price of abandoning an article). `extractor run` and the service use it; the
library's `extract` runs in the caller's process and has no budget.

The child never outlives its parent: it ignores Ctrl-C (the parent's to handle), exits when the
pipe closes, and a watchdog thread exits it when its parent dies while it is busy (SIGKILL, SIGTERM).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from extractor.errors import ExtractorError, ModelNotAvailableError
from extractor.pipeline import Extractor
from extractor.settings import Settings

T = TypeVar("T")
WATCH_SECONDS = 0.5
"""How often a busy child checks that its parent is alive."""


class BudgetExceeded(ExtractorError):
    """The work took longer than its budget; the child doing it was killed."""


class ChildDied(ExtractorError):
    """The child exited while working (killed from outside, out of memory, a crash in native code)."""


class WorkFailed(ExtractorError):
    """The work raised in the child (which lives on); the message is the error's type and text."""


class ExtractionProcess:
    """An `Extractor` in a child process: `call(func, *args, timeout=...)` runs `func(extractor, *args)` there.

    `func` and its arguments must pickle (module-level functions, records); so must what it returns.
    Not thread-safe: one caller at a time.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False

    def start(self) -> ExtractionProcess:
        """Start a child loading the models; returns at once (`call` waits for it)."""
        context = multiprocessing.get_context("spawn")  # no fork: the parent runs threads
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(theirs, self.settings, os.getpid()), name="extractor-worker", daemon=True
        )
        self._process.start()
        theirs.close()  # the child's end lives in the child only, so its exit reads as EOF here
        self._conn, self._ready = ours, False
        return self

    def wait_ready(self) -> None:
        """Block until the child has loaded the models; raise what loading raised."""
        if self._conn is None:
            self.start()
        if self._ready:
            return
        assert self._conn is not None
        try:
            status, detail = self._conn.recv()
        except EOFError:
            reason = self._exit()
            self.stop()
            raise ChildDied(f"the extraction process exited while loading the models ({reason})") from None
        if status != "ready":
            self.stop()
            raise ModelNotAvailableError(detail) if status == "model" else ExtractorError(detail)
        self._ready = True

    def call(self, func: Callable[..., T], *args: Any, timeout: float | None) -> T:
        """`func(extractor, *args)` in the child; `BudgetExceeded` after `timeout` seconds (None: no limit).

        After `BudgetExceeded` or `ChildDied` the child is gone; the next call starts another (or `start`
        does at once, so that it loads while the caller does something else).
        """
        self.wait_ready()
        assert self._conn is not None
        self._conn.send((func, args))
        if not self._conn.poll(timeout):
            self.stop()
            raise BudgetExceeded(f"took longer than {timeout:g} s")
        try:
            status, value = self._conn.recv()
        except EOFError:
            reason = self._exit()
            self.stop()
            raise ChildDied(f"the extraction process died ({reason})") from None
        if status == "error":
            raise WorkFailed(value)
        return value

    def kill(self) -> None:
        """Kill the child from another thread than the caller's; the caller's `call` then raises `ChildDied`."""
        process = self._process
        if process is not None:
            process.kill()

    def stop(self) -> None:
        """Kill the child (it holds no state worth keeping) and close the pipe."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process.close()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _exit(self) -> str:
        assert self._process is not None
        self._process.join(timeout=5)
        code = self._process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"


def _serve(conn: Connection, settings: Settings, parent: int) -> None:
    """The child: load once, then answer `(func, args)` messages until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    try:
        extractor = Extractor(settings).load()
    except ModelNotAvailableError as err:
        conn.send(("model", str(err)))
        return
    except Exception as err:  # the parent reports it; a traceback here would go nowhere useful
        conn.send(("failed", f"loading the models failed: {type(err).__name__}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            func, args = conn.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", func(extractor, *args))
        except Exception as err:  # the parent decides what a failure means for its caller
            reply = ("error", f"{type(err).__name__}: {err}")
        conn.send(reply)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
