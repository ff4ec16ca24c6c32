"""Where a run's results go: JSONL files written line by line, and what a resumed run finds in them.

A line is written whole and flushed before the next article is taken, so a killed run leaves every
finished article on disk; at most the last line is cut short, and `resume_ids` repairs that.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import TracebackType

from extractor.errors import ExtractorError

# The output's first field is the id (see `ExtractionResult`), so resuming need not parse whole lines.
_ID_RE = re.compile(rb'^\{"id":("(?:[^"\\]|\\.)*")')


class JsonlWriter:
    """Appends JSON lines, each flushed; closing after an interrupted write cuts the partial line off."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("ab" if append else "wb")
        self._end = self._file.tell()

    def write(self, line: str) -> None:
        self._file.write(line.encode("utf-8") + b"\n")
        self._file.flush()
        self._end = self._file.tell()

    def close(self) -> None:
        if self._file.tell() != self._end:
            self._file.truncate(self._end)
        self._file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class ResumeError(ExtractorError):
    """The output to resume is damaged before its last line; it is not safe to append to it."""


def resume_ids(path: Path) -> tuple[set[str], bool]:
    """The ids already in a run's output, and whether a cut-short last line was dropped from the file.

    Only the last line can be incomplete (the writer flushes whole lines), and an incomplete line is
    exactly one without its newline; any other damage raises `ResumeError`.
    """
    done: set[str] = set()
    if not path.exists():
        return done, False
    end = 0
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.endswith(b"\n"):
                break
            if line.strip():
                done.add(_line_id(line, path, number))
            end += len(line)
    dropped = path.stat().st_size != end
    if dropped:
        with path.open("r+b") as file:
            file.truncate(end)
    return done, dropped


def _line_id(line: bytes, path: Path, number: int) -> str:
    match = _ID_RE.match(line)
    if match is None:
        raise ResumeError(f"{path}:{number}: not a result line (no leading id); cannot resume this file")
    article_id: str = json.loads(match.group(1))
    return article_id
