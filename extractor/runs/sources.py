"""Where a run's articles come from: article files under directories, JSONL files, standard input.

The driver only lists `Item`s (an id and where the article is); workers turn an item into what
`Extractor.extract_many` reads. Listing stays cheap and lazy, so memory does not grow with the
archive, and a worker on another machine can re-read a JSONL line from its byte offset.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from extractor.article import article_from_parts, decode, parse_article, read_article
from extractor.errors import ArticleError, ExtractorError
from extractor.records import Article

ARTICLE_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One article before it is read: an article file, or one line of a JSONL input."""

    id: str
    path: str
    line: int = 0
    """1-based line number in a JSONL input; 0 for an article file."""
    offset: int = 0
    """Byte offset of that line, so a worker can re-read it instead of receiving it."""
    raw: bytes | None = None
    """The line itself, only for standard input, which cannot be re-read."""
    error: str | None = None
    """Why the item cannot be read at all (a directory that cannot be listed); it fails when loaded."""

    @property
    def where(self) -> str:
        """The file, or `file:line` for a JSONL line, as failures name it."""
        return _where(self.path, self.line)


def _where(path: str, line: int) -> str:
    if not line:
        return path
    return f"{'<stdin>' if path == STDIN else path}:{line}"


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A place in a directory walk that could not be listed: it becomes a failure, and the walk goes on."""

    path: Path
    reason: str


def collect_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Article files named directly, or found recursively under named directories, in name order.

    A sub-folder that cannot be listed raises `ExtractorError`; `extractor run` reports it and goes on.
    """
    for path in inputs:
        for found in walk(path) if path.is_dir() else [path]:
            if isinstance(found, Unreadable):
                raise ExtractorError(f"{found.path}: {found.reason}")
            yield found


def walk(directory: Path) -> Iterator[Path | Unreadable]:
    """Depth-first, each directory's entries sorted by name; holds one directory listing at a time.

    Symbolic links are followed, but a directory already on the walk (a link loop) is not entered
    twice, and a directory that cannot be listed (no permission) is yielded as `Unreadable`.
    """
    yield from _walk(directory, set())


def _walk(directory: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Unreadable]:
    try:
        status = directory.stat()
        key = (status.st_dev, status.st_ino)
        if key in seen:
            yield Unreadable(directory, "a symbolic link loop: this directory is already being walked; skipped")
            return
        with os.scandir(directory) as scan:
            entries = sorted((entry.name, _is_dir(entry)) for entry in scan)
    except OSError as err:
        yield Unreadable(directory, f"cannot list this directory ({err.strerror or err}); skipped")
        return
    seen = seen | {key}
    for name, is_dir in entries:
        path = directory / name
        if is_dir:
            yield from _walk(path, seen)
        elif path.suffix in ARTICLE_SUFFIXES:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop in the link itself (ELOOP): listed, then reported when walked
        return True


def is_jsonl(path: Path) -> bool:
    """Standard input and `*.jsonl` / `*.ndjson` files hold JSONL records; anything else is article files."""
    return str(path) == STDIN or (path.suffix in JSONL_SUFFIXES and not path.is_dir())


def count_items(inputs: Iterable[Path]) -> int | None:
    """How many items the inputs hold, or None when a JSONL input or standard input makes it unknown."""
    inputs = list(inputs)
    if any(is_jsonl(path) for path in inputs):
        return None
    return sum(1 for path in inputs for _ in (walk(path) if path.is_dir() else [path]))


def iter_items(inputs: Iterable[Path], *, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every article the inputs hold, in order: `-` is JSONL on standard input, `*.jsonl` a JSONL file."""
    for path in inputs:
        if str(path) == STDIN:
            if stdin is None:
                raise ValueError("'-' given but no standard input to read")
            yield from _jsonl_items(stdin, STDIN, keep_raw=True)
        elif is_jsonl(path):
            try:
                lines = path.open("rb")
            except OSError as err:  # a named input that is missing stops the run before it starts
                raise ExtractorError(f"{path}: cannot read ({err.strerror or err})") from err
            with lines:
                yield from _jsonl_items(lines, str(path), keep_raw=False)
        elif path.is_dir():
            for found in walk(path):
                if isinstance(found, Unreadable):
                    where = found.path.relative_to(path).as_posix()
                    yield Item(id=f"{where}/", path=str(found.path), error=f"{found.path}: {found.reason}")
                else:
                    yield Item(id=found.relative_to(path).with_suffix("").as_posix(), path=str(found))
        else:
            yield Item(id=path.stem, path=str(path))


def _jsonl_items(lines: BinaryIO, name: str, *, keep_raw: bool) -> Iterator[Item]:
    offset = 0
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            article_id = _id_or_where(raw, _where(name, number))
            yield Item(id=article_id, path=name, line=number, offset=offset, raw=raw if keep_raw else None)
        offset += len(raw)


def _id_or_where(raw: bytes, where: str) -> str:
    """The line's id; a line too broken to have one is known by where it is, and fails when loaded."""
    try:
        return _record_id(json.loads(raw), where)
    except (ValueError, ArticleError):
        return where


def load(item: Item, *, max_bytes: int, encoding: str = "utf-8") -> Article:
    """The item's article, read from its file (known by the item's id) or from its JSONL line.

    `encoding` applies to article files; JSONL is UTF-8 by definition.
    """
    if item.error:
        raise ArticleError(item.error)
    if not item.line:
        return read_article(item.path, max_bytes=max_bytes, article_id=item.id, encoding=encoding)
    raw = item.raw if item.raw is not None else _read_line(item.path, item.offset)
    if len(raw) > max_bytes:
        raise ArticleError(f"{item.where}: line is {len(raw):,} bytes, over the {max_bytes:,}-byte limit per article")
    try:
        data = json.loads(decode(raw, name=item.where))
    except json.JSONDecodeError as err:
        raise ArticleError(f"{item.where}: not valid JSON ({err.msg}, column {err.colno})") from err
    return article_from_record(data, where=item.where)


def _read_line(path: str, offset: int) -> bytes:
    with open(path, "rb") as file:
        file.seek(offset)
        return file.readline()


def article_from_record(data: Any, *, where: str) -> Article:
    """An article from `{"id", "text"}` (any accepted article shape) or `{"id", "en", "zh", "meta"}`."""
    article_id = _record_id(data, where)
    if "text" in data:
        text = data["text"]
        if not isinstance(text, str):
            raise ArticleError(f'{where}: "text" must be a string')
        return parse_article(text, article_id=article_id, name=where)
    en, zh, meta = data.get("en"), data.get("zh"), data.get("meta")
    if en is None and zh is None:
        raise ArticleError(f'{where}: needs "text", or "en" and/or "zh"')
    if not all(isinstance(part, str | None) for part in (en, zh)) or not isinstance(meta, dict | None):
        raise ArticleError(f'{where}: "en" and "zh" must be strings and "meta" an object')
    return article_from_parts(article_id, en=en, zh=zh, meta=meta)


def _record_id(data: Any, where: str) -> str:
    if not isinstance(data, dict):
        raise ArticleError(f"{where}: expected a JSON object")
    article_id = data.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        return str(article_id)
    if not isinstance(article_id, str) or not article_id:
        raise ArticleError(f'{where}: no "id" (a non-empty string)')
    return article_id
