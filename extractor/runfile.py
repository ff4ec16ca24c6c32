"""A run's output read back: every line validated as an `ExtractionResult`, a bad one named by file and line.

`extractor view`, `export`, `eval`, `check` and `extract` read finished runs through here, and a resumed
run checks its output with `line_problem`, so a damaged line is reported the same way everywhere: the
file, the line number, the field and the value, on one line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from extractor.errors import ExtractorError, describe
from extractor.records import ExtractionResult


class DamagedLineError(ExtractorError):
    """A line of a run's output is not a valid result."""


def line_problem(line: bytes) -> tuple[ExtractionResult | None, str | None]:
    """The line's result, or None and what is wrong with it."""
    try:
        return ExtractionResult.model_validate_json(line), None
    except ValidationError as err:
        return None, describe(err)
    except ValueError as err:  # e.g. a surrogate escape that cannot become a string
        return None, f"not a valid line ({err})"


def read_results(path: Path) -> Iterator[ExtractionResult]:
    """Every result of a run's JSONL output, in order; `DamagedLineError` names the first bad line.

    A last line without its newline is the one a killed run was writing: it is left out (resuming the
    run redoes its article).
    """
    try:
        lines = path.open("rb")
    except OSError as err:
        raise ExtractorError(f"{path}: cannot read ({err.strerror or err})") from err
    with lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            result, problem = line_problem(line)
            if result is None:
                if not line.endswith(b"\n"):
                    return
                raise DamagedLineError(f"{path}:{number}: not a result line: {problem}")
            yield result


def holds_results(path: Path) -> bool:
    """Whether `path` is a run's output: JSONL whose first line is a result (not an input record)."""
    if path.suffix not in (".jsonl", ".ndjson") or not path.is_file():
        return False
    with path.open("rb") as lines:
        first = next((line for line in lines if line.strip()), b"")
    return line_problem(first)[0] is not None
