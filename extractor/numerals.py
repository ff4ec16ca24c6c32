"""Chinese, Arabic and full-width numerals: find them in text and read their values.

Positional Chinese numerals are converted by cn2an (smart mode) after this module has normalised what
cn2an gets wrong or does not know:

- cn2an's documented failures: 十万零一千 and 一百九十万零三千九百七十一 raise in its strict mode (issues
  #78, #85; smart mode, used here, reads them); 两 is refused in strict mode; 卅 (30) and 卌 (40) are
  unknown (廿 is known); 五万万 (the old way to say 500 million) and 三点五万 raise; 13万2 raises (#57);
  1,010,000 raises; 一点 silently reads as 1; and its `transform` converts digits inside words
  (统一零售价 -> 统10售价, issue #26), which is why `find_numerals` only starts a numeral where a
  token starts.
- ○ and 〇 are zero digits (一百○一万 = 1010000), 两 and 幺 are 2 and 1.
- A run of two or more Chinese digits without place units (六二○, 一九五九) is a digit-by-digit name,
  not a quantity: `to_number` refuses it, `read_digits` reads it (620, 1959), and `parse_numeral`
  returns it with kind "digits". cn2an reads both as quantities, and 三四 ("three or four") as 34;
  `parse_numeral` refuses such approximate pairs (neighbouring digits, and 三五).
- 余/多/几 after a number mean "more than" (三十余万 = more than 300000), 来 means "about"; a place unit
  after the marker scales only the section below a larger unit (一亿二千多万 = 100000000 + 20000000);
  一二百 and 三四十 (ranges) are not numbers and raise ValueError.
- 百分之三十, 百分之卅, 87% and 87％ are percentages (kind "percent", value 30 or 87).

Financial numerals (壹贰叁) and fractions (三分之一, 千分之五) are not handled: ValueError.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import cn2an

_NAME_DIGITS = "零〇○一二三四五六七八九幺"
_CN_DIGITS = _NAME_DIGITS + "两"
_CN_UNITS = "十廿卅卌百千万亿"
_ARABIC = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_CHINESE = rf"[{_CN_DIGITS}{_CN_UNITS}]+(?:点[{_CN_DIGITS}]+[万亿]*)?"
_QUALIFIER = rf"(?:(?<=[{_CN_UNITS}0-9０-９])[余多几来][万亿]*)?"
_CORE = rf"(?:{_ARABIC}[十百千万亿]*|{_CHINESE}){_QUALIFIER}"

NUMBER_PATTERN = rf"百分之{_CORE}|{_CORE}[%％]?"
"""Regex for a candidate numeral run (use with `re.finditer`): 一百零一万, 87％, 1.5万, 三十余万, 百分之卅,
六二○. A candidate is only a number if `parse_numeral` accepts it and it starts a token."""

Kind = Literal["number", "percent", "digits"]
Qualifier = Literal["more_than", "about"]

_DIGIT_VALUES = {char: index for index, char in enumerate("零一二三四五六七八九")} | {
    "〇": 0,
    "○": 0,
    "两": 2,
    "幺": 1,
}
_REWRITES = {"卅": "三十", "廿": "二十", "卌": "四十", "○": "零", "〇": "零", "两": "二", "幺": "一"}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_QUALIFIERS: dict[str, Qualifier] = {"余": "more_than", "多": "more_than", "几": "more_than", "来": "about"}

_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ARABIC_WITH_UNITS = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿]*)")
_DIGITS_ONLY = re.compile(rf"[{_NAME_DIGITS}]+")
_WITH_QUALIFIER = re.compile(r"(.+?)([余多几来])([万亿]*)")
_DECIMAL_WITH_UNIT = re.compile(r"(.+点.+?)([万亿]+)")
_CANDIDATE = re.compile(NUMBER_PATTERN)


@dataclass(frozen=True)
class Numeral:
    """A numeral's reading: `value` is 1010000 for 一百零一万, 30 for 百分之三十, 620 for 六二○."""

    value: float
    kind: Kind = "number"
    qualifier: Qualifier | None = None


@dataclass(frozen=True)
class NumeralSpan:
    """A numeral found in a text; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    numeral: Numeral


def to_number(text: str) -> float:
    """The value of a plain numeral: 一百零一万 -> 1010000, 两千 -> 2000, ３０ -> 30, 卅 -> 30, 1.5万 -> 15000.

    Raises ValueError for anything else, including digit-by-digit names (六二○) and qualified or
    percent forms (三十余, 87%): use `parse_numeral` for those.
    """
    normal = _normalise(text)
    if _THOUSANDS.fullmatch(normal):
        normal = normal.replace(",", "")
    arabic = _ARABIC_WITH_UNITS.fullmatch(normal)
    if arabic:
        return _scale(arabic.group(1), arabic.group(2))
    if _DIGITS_ONLY.fullmatch(normal) and len(normal) > 1:
        raise ValueError(f"{text!r} is a digit-by-digit name, not a quantity (see read_digits)")
    chinese = _rewrite(normal)
    if not chinese or chinese[0] in "百千万亿" or chinese.endswith("点"):
        raise ValueError(f"not a number: {text!r}")
    decimal = _DECIMAL_WITH_UNIT.fullmatch(chinese)
    if decimal:
        return _scale(to_number(decimal.group(1)), decimal.group(2))
    try:
        return float(cn2an.cn2an(chinese, "smart"))
    except (ValueError, KeyError) as err:  # cn2an raises KeyError on some, e.g. 一亿一
        raise ValueError(f"not a number: {text!r}") from err


def read_digits(text: str) -> int | None:
    """A digit-by-digit name's number: 六二○ -> 620, 一九五九 -> 1959; None unless `text` is two or more
    Chinese digits (Arabic digits are quantities, not names)."""
    normal = _normalise(text)
    if len(normal) < 2 or not _DIGITS_ONLY.fullmatch(normal):
        return None
    return int("".join(str(_DIGIT_VALUES.get(char, char)) for char in normal))


def parse_numeral(text: str) -> Numeral:
    """Any numeral the module knows: plain (to_number), percent, qualified (三十余万) or digit name.

    Raises ValueError if `text` is none of them.
    """
    normal = _normalise(text)
    if normal.startswith("百分之"):
        return _percent(normal.removeprefix("百分之"), text)
    if normal.endswith("%"):
        return _percent(normal.removesuffix("%"), text)
    digits = read_digits(normal)
    if digits is not None:
        if _is_approximate_pair(normal):
            raise ValueError(f"{text!r} is an approximate pair (three or four), not a number")
        return Numeral(float(digits), kind="digits")
    qualified = _WITH_QUALIFIER.fullmatch(normal)
    if qualified:
        number, marker, units = qualified.groups()
        return Numeral(_scale_section(number, units), qualifier=_QUALIFIERS[marker])
    return Numeral(to_number(normal))


def find_numerals(text: str, token_bounds: Collection[int]) -> list[NumeralSpan]:
    """Every numeral in `text` that starts at a token boundary, e.g. `{t.idx for t in doc} | {len(text)}`.

    The boundaries keep digits inside words out: 统一零售价 (统一|零售价) holds no number. A one-character
    Chinese numeral must also end at a boundary (一些, 十分 are words, 一|个 is a number); Arabic digits
    and longer numerals may run into their token (8月, 六二○队, 一九五九年).
    """
    found = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        lone_chinese = end - start == 1 and not match.group().isdigit()
        if start not in token_bounds or (lone_chinese and end not in token_bounds):
            continue
        try:
            numeral = parse_numeral(match.group())
        except ValueError:
            continue
        found.append(NumeralSpan(match.start(), match.end(), match.group(), numeral))
    return found


def _is_approximate_pair(digits: str) -> bool:
    """三四, 七八, 三五: two neighbouring digits (or 三五) mean "three or four", not 34."""
    first, second = (_DIGIT_VALUES[char] for char in digits) if len(digits) == 2 else (0, 0)
    return first > 0 and (second == first + 1 or (first, second) == (3, 5))


def _percent(number: str, text: str) -> Numeral:
    inner = parse_numeral(number)
    if inner.kind != "number":
        raise ValueError(f"not a percentage: {text!r}")
    return Numeral(inner.value, kind="percent", qualifier=inner.qualifier)


def _normalise(text: str) -> str:
    """Full-width digits and signs to ASCII (８７％ -> 87%), 万万 to 亿, surrounding space removed."""
    return unicodedata.normalize("NFKC", text).strip().replace("万万", "亿")


def _rewrite(text: str) -> str:
    return "".join(_REWRITES.get(char, char) for char in text)


def _scale_section(number: str, units: str) -> float:
    """`number` with `units` written after its qualifier: the units scale only what follows the last
    larger unit (一亿二千 + 万 -> 一亿 + 二千万), as they do in 一亿二千万."""
    scale = _scale(1, units)
    cut = max((i + 1 for i, char in enumerate(number) if units and _UNIT_VALUES.get(char, 0) > scale), default=0)
    head, section = number[:cut], number[cut:]
    return (to_number(head) if head else 0) + _scale(to_number(section), units)


def _scale(number: str | float, units: str) -> float:
    """`number` times its place units (1.5, 万 -> 15000), in decimal so 0.57万 is 5700, not 5700.000000000001."""
    value = Decimal(str(number))
    for unit in units:
        value *= _UNIT_VALUES[unit]
    return float(value)
