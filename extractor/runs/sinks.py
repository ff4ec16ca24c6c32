"""Where a run's results go: JSONL files written line by line, and what a resumed run finds in them.

A line is written whole and flushed before the next article is taken, so a killed run leaves every
finished article on disk; at most the last line is cut short, and `resume_ids` repairs that (and any
other line that no longer validates).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from extractor.errors import ExtractorError
from extractor.runfile import line_problem


class OutputError(ExtractorError):
    """The output cannot be written: a directory, held by another run, or a finished run not to overwrite."""


class JsonlWriter:
    """Appends JSON lines, each flushed; closing after an interrupted write cuts the partial line off.

    With `lock`, the file is locked for the writer's life (`flock`, released by the system however the
    process ends), and a second writer is refused rather than interleaving its lines with the first's.
    """

    def __init__(self, path: Path, *, append: bool = False, lock: bool = False) -> None:
        if path.is_dir():
            raise OutputError(f"{path} is a directory; give a file name for the output, e.g. {path / 'out.jsonl'}")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("ab")  # never truncated before the lock is held
        if lock:
            try:
                fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._file.close()
                busy = f"{path} is being written by another run; wait for it to end, or choose another output"
                raise OutputError(busy) from None
        if not append:
            self._file.truncate(0)
        self._end = os.fstat(self._file.fileno()).st_size

    def resume(self) -> tuple[set[str], list[str]]:
        """`resume_ids` on this writer's file, which it may shorten (appends still go to its end)."""
        found = resume_ids(self.path)
        self._end = os.fstat(self._file.fileno()).st_size
        return found

    def write(self, line: str) -> None:
        self._file.write(line.encode("utf-8") + b"\n")
        self._file.flush()
        self._end = self._file.tell()

    def close(self) -> None:
        if os.fstat(self._file.fileno()).st_size != self._end:
            self._file.truncate(self._end)
        self._file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def resume_ids(path: Path) -> tuple[set[str], list[str]]:
    """The ids of the valid results in a run's output, and what was dropped from the file.

    Every line is validated against the result schema. A line that fails (the last one cut short by a
    kill, or one damaged since) is removed from the file in place, so that its article is extracted
    again; should that be interrupted, what it had not yet kept is simply redone by the next resume.
    """
    done: set[str] = set()
    dropped: list[str] = []
    if not path.exists():
        return done, dropped
    with path.open("rb") as lines, path.open("r+b") as kept:
        for number, line in enumerate(lines, start=1):
            result, problem = (None, None) if not line.strip() else line_problem(line)
            if result is None and problem is None and line.endswith(b"\n"):  # a blank line: harmless
                if not dropped:
                    kept.seek(len(line), os.SEEK_CUR)
                continue
            if result is None or not line.endswith(b"\n"):
                dropped.append(f"line {number}: {problem or 'cut short (no newline)'}")
                continue
            done.add(result.id)
            if dropped:  # from the first dropped line on, kept lines move up (never past what was read)
                kept.write(line)
            else:
                kept.seek(len(line), os.SEEK_CUR)
        kept.truncate()
    return done, dropped
