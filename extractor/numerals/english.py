"""English numbers: digits ("1,010,000", "12.5") and number words ("ninety-five", "thirty-five point
five", "twelve and a half million"), read from a run of lower-case tokens. The words are data:
`data/english.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@cache
def _words() -> dict[str, Any]:
    text = resources.files("extractor.numerals").joinpath("data", "english.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def english_number(word: str) -> int | None:
    """The number a cardinal or ordinal word names: "seventh" -> 7, "twelve" -> 12; None for other words."""
    word = word.lower()
    value = _words()["cardinals"].get(word, _words()["ordinals"].get(word))
    return None if value is None else int(value)


def ordinal_words() -> list[str]:
    """The ordinal words ("first" ... "thirtieth"), for patterns that match a numbered name."""
    return sorted(_words()["ordinals"])


def starts_number(word: str) -> bool:
    """Whether a number can start with `word` (lower case): digits or a cardinal word. `read_english` reads
    nothing from words that do not, so a scan over every token may pass them over first."""
    return _DIGITS.fullmatch(word) is not None or _cardinal(word) is not None


def read_english(words: Sequence[str]) -> tuple[float, int] | None:
    """The number written at the start of `words` (lower-case tokens) and how many tokens it takes.

    Digits may be followed by multipliers ("1.2", "million"); number words add up and multiply
    ("two", "hundred", "and", "five"; "thirty", "-", "five"), take a decimal part ("point", "five")
    and a fraction ("and", "a", "half"), or are a fraction ("three", "-", "fifths"; "one", "third").
    None when `words` does not start with a number.
    """
    cardinals: dict[str, int] = _words()["cardinals"]
    multipliers: dict[str, int] = _words()["multipliers"]
    total = current = Decimal(0)
    end = 0
    digits = bool(words) and _DIGITS.fullmatch(words[0]) is not None
    if digits:
        current, end = Decimal(words[0].replace(",", "")), 1
    while end < len(words):
        word = words[end]
        if not digits and _cardinal(word) is not None:
            current += _cardinal(word) or 0
        elif word in multipliers and end > 0:
            current = (current or Decimal(1)) * multipliers[word]
            if multipliers[word] >= 1000:
                total, current = total + current, Decimal(0)
        elif not digits and word in ("-", "and") and end > 0 and end + 1 < len(words) and words[end + 1] in cardinals:
            pass
        elif end > 0 and (fraction := _fraction(words[end:])):
            value, size = fraction
            current += value
            end += size
            continue
        elif not digits and 0 < current < 10 and not total and (parts := _parts(words[end:], int(current))):
            denominator, size = parts
            return float(current / denominator), end + size
        elif not digits and end > 0 and (decimals := _decimals(words[end:])):
            value, size = decimals
            current += value
            end += size
            continue
        else:
            break
        end += 1
    return (float(total + current), end) if end else None


def _cardinal(word: str) -> int | None:
    """A cardinal word, or a hyphenated one kept as one token ("thirty-five")."""
    cardinals: dict[str, int] = _words()["cardinals"]
    parts = word.split("-")
    if all(part in cardinals for part in parts):
        return sum(cardinals[part] for part in parts)
    return None


def _fraction(words: Sequence[str]) -> tuple[Decimal, int] | None:
    """ "and a half", "and one quarter" after a number: its value and the tokens it takes."""
    fractions: dict[str, float] = _words()["fractions"]
    if len(words) >= 3 and words[0] == "and" and words[1] in ("a", "one") and words[2] in fractions:
        return Decimal(str(fractions[words[2]])), 3
    return None


def _parts(words: Sequence[str], numerator: int) -> tuple[int, int] | None:
    """ "fifths", "-fifths" after a numerator ("one third" in the singular): the denominator and the
    tokens it takes."""
    skip = 1 if words and words[0] == "-" else 0
    word = words[skip] if len(words) > skip else ""
    singular = word[:-1] if word.endswith("s") and numerator > 1 else word if numerator == 1 else ""
    value = _words()["denominators"].get(singular)
    return (int(value), skip + 1) if value else None


def _decimals(words: Sequence[str]) -> tuple[Decimal, int] | None:
    """ "point five", "point two five": the decimal part spoken digit by digit."""
    if not words or words[0] != _words()["decimal_point"]:
        return None
    digits = ""
    for word in words[1:]:
        value = _cardinal(word)
        if value is None or value > 9:
            break
        digits += str(value)
    return (Decimal("0." + digits), 1 + len(digits)) if digits else None
