"""Split the two texts into paragraphs and pair them for side-by-side display.

The texts come from different hands (a translation and its original): the translation may drop the
headline lines, add a caption, or keep an untranslated line, so the paragraph counts can differ.
Pairing is monotonic (in order), chosen by dynamic programming over 1-1 pairs and one-sided rows:
a pair costs how far its length ratio is from the article's overall English/Chinese ratio, minus a
bonus per cross-language link whose two mentions fall in it; a one-sided row costs a fixed penalty.
Equal-length runs of ordinary paragraphs therefore pair straight across.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

_LINE_RE = re.compile(r"[^\n]+")
# Tuned so that a paragraph is left unpaired only when its length is several times off the article's
# ratio; a shared link outweighs a moderate length mismatch.
_ONE_SIDED_COST = 1.5
_LINK_BONUS = 1.0
_LENGTH_SMOOTHING = 20


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as [start, end) offsets into its text, surrounding blank space excluded."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """One displayed row: an English and a Chinese paragraph, either of which may be missing."""

    en: Paragraph | None
    zh: Paragraph | None


def split_paragraphs(text: str | None) -> list[Paragraph]:
    """Every non-blank line is a paragraph (both sources put one paragraph per line)."""
    paragraphs: list[Paragraph] = []
    for match in _LINE_RE.finditer(text or ""):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(len(paragraphs), start, match.start() + len(line.rstrip())))
    return paragraphs


def align(en: list[Paragraph], zh: list[Paragraph], anchors: Iterable[tuple[int, int]] = ()) -> list[Row]:
    """Pair paragraphs in order; `anchors` are (English offset, Chinese offset) of linked mentions."""
    if not en or not zh:
        return [Row(p, None) for p in en] + [Row(None, p) for p in zh]
    shared = _shared_links(en, zh, anchors)
    ratio = sum(p.end - p.start for p in en) / sum(p.end - p.start for p in zh)
    n, m = len(en), len(zh)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i and j:
                pair = cost[i - 1][j - 1] + _pair_cost(en[i - 1], zh[j - 1], ratio) - _LINK_BONUS * shared[i - 1][j - 1]
                if pair < cost[i][j]:
                    cost[i][j], step[i][j] = pair, (1, 1)
            if i and cost[i - 1][j] + _ONE_SIDED_COST < cost[i][j]:
                cost[i][j], step[i][j] = cost[i - 1][j] + _ONE_SIDED_COST, (1, 0)
            if j and cost[i][j - 1] + _ONE_SIDED_COST < cost[i][j]:
                cost[i][j], step[i][j] = cost[i][j - 1] + _ONE_SIDED_COST, (0, 1)
    rows: list[Row] = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        rows.append(Row(en[i - 1] if di else None, zh[j - 1] if dj else None))
        i, j = i - di, j - dj
    return rows[::-1]


def _pair_cost(en: Paragraph, zh: Paragraph, ratio: float) -> float:
    expected = ratio * (zh.end - zh.start)
    return abs(math.log((en.end - en.start + _LENGTH_SMOOTHING) / (expected + _LENGTH_SMOOTHING)))


def _shared_links(en: list[Paragraph], zh: list[Paragraph], anchors: Iterable[tuple[int, int]]) -> list[list[int]]:
    shared = [[0] * len(zh) for _ in en]
    for en_offset, zh_offset in anchors:
        i, j = _containing(en, en_offset), _containing(zh, zh_offset)
        if i is not None and j is not None:
            shared[i][j] += 1
    return shared


def _containing(paragraphs: list[Paragraph], offset: int) -> int | None:
    return next((p.index for p in paragraphs if p.start <= offset < p.end), None)
