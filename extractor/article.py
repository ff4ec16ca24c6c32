"""Read an article file (or raw text) into an `Article`.

Three shapes are accepted: the seed format (an English header and text, a `<hr />` line, `Original:`,
then the Chinese original as markdown), the Chinese markdown alone (`### title`, date, `第N版()`,
`专栏：`, paragraphs), and plain English or Chinese text. The texts are kept exactly as they appear
(only line endings are normalised to `\\n` and surrounding blank space trimmed) because every offset
in the output indexes them. A problem that loses a part yields a warning on the article; a problem
that leaves nothing to extract raises `ArticleError` naming the file and the fault.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.errors import ArticleError, describe
from extractor.records import MAX_PAGE, Article

HEADER_KEYS = ("Title", "Author", "Date", "Page")
_HEADER_RE = re.compile(r"^(Title|Author|Date|Page):[ \t]*(.*)$")
_RULE_RE = re.compile(r"^\s*<hr\s*/?>\s*$", re.IGNORECASE)
_ORIGINAL_RE = re.compile(r"^\s*Original:\s*$")
_ZH_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_ZH_PAGE_RE = re.compile(r"^\s*第\s*(\d+)\s*版")
_ZH_COLUMN_RE = re.compile(r"^\s*专栏[:：]")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_AUTHOR_SPLIT_RE = re.compile(r"\s*[,，、;；]\s*|[\u3000]+|\s{2,}")


def read_article(
    path: str | os.PathLike[str], *, max_bytes: int = 2_000_000, article_id: str | None = None, encoding: str = "utf-8"
) -> Article:
    """Read and parse one article file; the id is the file stem unless one is given."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ArticleError(f"{path}: cannot read file ({err.strerror or err})") from err
    if size > max_bytes:
        raise ArticleError(f"{path}: file is {size:,} bytes, over the {max_bytes:,}-byte limit per article")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"{path}: cannot read file ({err.strerror or err})") from err
    text = decode(raw, name=str(path), encoding=encoding)
    return parse_article(text, article_id=article_id or path.stem, name=str(path))


def decode(raw: bytes, *, name: str, encoding: str = "utf-8") -> str:
    """Decode UTF-8 (with or without BOM), or the encoding named; anything else is refused rather than guessed."""
    if codecs.lookup(encoding).name != "utf-8":
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as err:
            raise ArticleError(f"{name}: not valid {encoding} (byte {err.start} is 0x{raw[err.start]:02x})") from err
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        raise ArticleError(f"{name}: is UTF-16 text; convert the file to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in raw:
        raise ArticleError(f"{name}: contains NUL bytes; this looks like a binary file, not an article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(
            f"{name}: not valid UTF-8 (byte {err.start} is 0x{raw[err.start]:02x}); "
            "convert the file to UTF-8 first, or name its encoding (--encoding gb18030)"
        ) from err


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: NUL bytes in every other position, as ASCII text makes them."""
    sample = raw[:2000]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4


def parse_article(raw: str, *, article_id: str, name: str | None = None) -> Article:
    """Parse raw article text in any accepted shape."""
    name = name or article_id
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{name}: the article is empty")
    lines = text.split("\n")
    first = next(line for line in lines if line.strip())
    if _HEADER_RE.match(first.strip()):
        return _parse_seed(lines, article_id, name)
    if first.lstrip().startswith("### "):
        fields = _parse_zh_markdown(lines)
        return _article(article_id, name, zh=fields.pop("zh"), **fields)
    if _is_chinese(text):
        return _article(article_id, name, zh=_trim(text))
    return _article(article_id, name, en=_trim(text))


def content_id(*texts: str) -> str:
    """The id of an article given as text: "text-" and a digest, the same from the library and the service."""
    return "text-" + hashlib.sha1("\0".join(texts).encode("utf-8")).hexdigest()[:12]


def article_from_parts(
    article_id: str, *, en: str | None = None, zh: str | None = None, meta: dict[str, Any] | None = None
) -> Article:
    """Build an article from separate texts (the service's `{"en", "zh", "meta"}` form)."""
    meta = dict(meta or {})
    warnings: list[str] = []
    fields: dict[str, Any] = {}
    for key in ("title", "subtitles", "authors", "date", "page", "zh_title"):
        if key in meta:
            fields[key] = meta.pop(key)
    if meta:
        warnings.append(f"ignored unknown meta fields: {', '.join(sorted(meta))}")
    en = _trim(en.replace("\r\n", "\n")) if en else None
    zh = _trim(zh.replace("\r\n", "\n")) if zh else None
    return _article(article_id, article_id, en=en, zh=zh, warnings=warnings, **fields)


def _article(article_id: str, name: str, **fields: Any) -> Article:
    if not (fields.get("en") or fields.get("zh")):
        raise ArticleError(f"{name}: found neither English nor Chinese text")
    fields = {key: value for key, value in fields.items() if value is not None}
    try:
        return Article(id=article_id, **fields)
    except ValidationError as err:  # metadata given as data (a JSONL record's meta): name the field and value
        raise ArticleError(f"{name}: {describe(err)}") from err


def _parse_seed(lines: list[str], article_id: str, name: str) -> Article:
    header: dict[str, str] = {}
    warnings: list[str] = []
    i = 0
    while i < len(lines):
        match = _HEADER_RE.match(lines[i].strip())
        if match:
            header[match.group(1)] = match.group(2).strip()
        elif lines[i].strip():
            break
        i += 1
    missing = [key for key in HEADER_KEYS if key not in header]
    if missing:
        warnings.append(f"header lacks {', '.join(missing)}")
    rule = next((j for j in range(i, len(lines)) if _RULE_RE.match(lines[j])), None)
    en_lines = lines[i:rule] if rule is not None else lines[i:]
    zh_fields: dict[str, Any] = {}
    if rule is None:
        warnings.append("no '<hr />' line: the file has no Chinese original")
    else:
        rest = lines[rule + 1 :]
        start = next((j for j, line in enumerate(rest) if line.strip()), None)
        if start is not None and _ORIGINAL_RE.match(rest[start]):
            rest = rest[start + 1 :]
        elif start is not None:
            warnings.append("no 'Original:' line after '<hr />'; reading what follows as the Chinese original")
        if any(line.strip() for line in rest):
            zh_fields = _parse_zh_markdown(rest)
        else:
            warnings.append("nothing after '<hr />': the file has no Chinese original")
    en = _trim("\n".join(en_lines))
    if not en:
        warnings.append("the English text is empty")
    elif _is_chinese(en):
        raise ArticleError(f"{name}: the text where English belongs is Chinese; check the '<hr />' separator")
    title = header.get("Title") or None
    fields: dict[str, Any] = {
        "title": title,
        "subtitles": _subtitles(title, en),
        "authors": _split_authors(header.get("Author", "")),
        "date": _parse_date(header.get("Date", ""), warnings),
        "page": _parse_page(header.get("Page", ""), warnings),
    }
    zh = zh_fields.pop("zh", None)
    for key, value in zh_fields.items():
        if key in ("date", "page", "authors"):
            if not fields[key]:
                fields[key] = value
        elif key == "warnings":
            warnings.extend(value)
        else:
            fields[key] = value
    return _article(article_id, name, en=en or None, zh=zh, warnings=warnings, **fields)


def _parse_zh_markdown(lines: list[str]) -> dict[str, Any]:
    """Split the Chinese markdown into its metadata lines and the body text."""
    fields: dict[str, Any] = {"warnings": []}
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].lstrip().startswith("### "):
        fields["zh_title"] = lines[i].strip()[4:].strip() or None
        i += 1
        body_start = i
        for j in range(i, min(i + 8, len(lines))):
            line = lines[j]
            if date := _ZH_DATE_RE.match(line):
                fields["date"] = _date_or_none(*date.groups())
                body_start = j + 1
            elif page := _ZH_PAGE_RE.match(line):
                fields["page"] = _page_or_none(page.group(1))
                body_start = j + 1
            elif _ZH_COLUMN_RE.match(line):
                body_start = j + 1
            elif line.strip() and "date" not in fields and len(line.strip()) <= 40:
                fields["authors"] = _split_authors(line.strip())
        i = body_start
    zh = _trim("\n".join(lines[i:]))
    if not zh:
        fields["warnings"].append("the Chinese original has a header but no text")
    elif not _is_chinese(zh):
        fields["warnings"].append("the part after 'Original:' does not look Chinese")
    fields["zh"] = zh or None
    return fields


def _subtitles(title: str | None, en: str) -> list[str]:
    """Headline lines at the top of the English text, after the first; else the title's ':' parts."""
    block = en.split("\n\n", 1)[0].split("\n")
    if title and len(block) > 1 and block[0].strip().lower() == title.split(":")[0].strip().lower():
        return [line.strip() for line in block[1:] if line.strip()]
    parts = [part.strip() for part in (title or "").split(": ")]
    return [part for part in parts[1:] if part]


def _split_authors(value: str) -> list[str]:
    return [part.strip() for part in _AUTHOR_SPLIT_RE.split(value.strip()) if part.strip()]


def _parse_date(value: str, warnings: list[str]) -> dt.date | None:
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
    date = _date_or_none(*match.groups()) if match else None
    if date is None:
        warnings.append(f"unreadable Date {value!r}")
    return date


def _date_or_none(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _parse_page(value: str, warnings: list[str]) -> int | None:
    if not value:
        return None
    if (page := _page_or_none(value.strip())) is not None:
        return page
    warnings.append(f"unreadable Page {value!r}")
    return None


def _page_or_none(digits: str) -> int | None:
    page = int(digits) if digits.isdecimal() else 0
    return page if 1 <= page <= MAX_PAGE else None


def _trim(text: str) -> str:
    """Drop blank lines around the text and trailing space; keep leading indentation of the text."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).rstrip()


def _is_chinese(text: str) -> bool:
    cjk = len(_CJK_RE.findall(text))
    return cjk > 0 and cjk >= len(_LATIN_RE.findall(text)) / 4
