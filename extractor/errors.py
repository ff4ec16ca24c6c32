"""One root exception so callers can catch everything the extractor raises on purpose, and the one
way a pydantic validation error is told to a person (one line: the field, what is wrong, the value)."""

from __future__ import annotations

from pydantic import ValidationError

SHOWN_CHARS = 60
"""How much of an offending value an error message quotes."""


def describe(error: ValidationError) -> str:
    """The first problem of a validation error on one line: the field, what is wrong, the value."""
    first = error.errors(include_url=False)[0]
    if first["type"] == "json_invalid":
        return f"not valid JSON ({first.get('ctx', {}).get('error', first['msg'])})"
    field = ".".join(str(part) for part in first["loc"]) or "the value"
    value = repr(first.get("input"))
    if len(value) > SHOWN_CHARS:
        value = value[:SHOWN_CHARS] + "..."
    shown = "" if first["type"] == "missing" else f" (got {value})"
    return f"{field}: {first['msg']}{shown}"


class ExtractorError(Exception):
    """Root of every error the extractor raises deliberately."""


class ArticleError(ExtractorError):
    """An article could not be read or parsed; the message names the file and the problem."""


class ModelNotAvailableError(ExtractorError):
    """A model the pipeline needs is not installed; the message says how to install it."""
