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
- 百分之三十, 百分之卅, 87% and 87％ are percentages (kind "percent", value 30 or 87); so are tenths
  (三成 = 30, 四成半 = 45) and parts per thousand or ten thousand (千分之五 = 0.5, 万分之三 = 0.03).
  百分之八九十 is a range: value 80, upper 90. A bare number right after a percentage and 至 (百分之
  四十五至五十) is the range's upper end, a percentage too (`find_numerals`).
- Other fractions are numbers: 五分之三 = 0.6, 十分之二 = 0.2.
- As printed: the middle dot of 1998 is a decimal point (１２·７万 = 127000), and 、 separates groups of
  three digits, Chinese ones with ○ as zero (一、二○○ = 1200, 12、500 = 12500).

Financial numerals (壹贰叁) are not handled: ValueError.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import cn2an

DIGITS = "零〇○一二三四五六七八九"
"""The Chinese digits, with both forms of zero (○ and 〇 are how the press writes 零 in numbers)."""
ARABIC_DIGITS = "0123456789０１２３４５６７８９"
"""Arabic digits, ASCII and full-width."""
MAGNITUDES = "十百千万亿"
"""The place units of a positional Chinese numeral."""
COUNTING = DIGITS + "两十百千"
"""The characters of a small Chinese number (a count, an ordinal after 第, a number in a name)."""
CODE_DIGITS = DIGITS + ARABIC_DIGITS
"""The digits of a number read digit by digit (六二○队, 3号)."""

_NAME_DIGITS = DIGITS + "幺"
_CN_DIGITS = _NAME_DIGITS + "两"
_CN_UNITS = "十廿卅卌" + MAGNITUDES[1:]
_ARABIC = rf"[{ARABIC_DIGITS}]+(?:,[0-9]{{3}})*(?:[.．·][{ARABIC_DIGITS}]+)?"
_CHINESE = rf"[{_CN_DIGITS}{_CN_UNITS}]+(?:点[{_CN_DIGITS}]+[万亿]*)?"
_QUALIFIER = rf"(?:(?<=[{_CN_UNITS}{ARABIC_DIGITS}])[余多几来][万亿]*)?"
_CORE = rf"(?:{_ARABIC}[{MAGNITUDES}]*|{_CHINESE}){_QUALIFIER}"
_GROUPED = rf"[{_NAME_DIGITS}]{{1,3}}(?:、[{_NAME_DIGITS}]{{3}})+|[{ARABIC_DIGITS}]{{1,3}}(?:、[{ARABIC_DIGITS}]{{3}})+"
_FRACTION = rf"(?:{_CHINESE}|[千万])分之{_CORE}"
_TENTHS = rf"[{DIGITS[3:]}两十]成半?"

NUMBER_PATTERN = rf"百分之{_CORE}|{_FRACTION}|{_TENTHS}|(?:{_GROUPED}|{_CORE})[%％]?"
"""Regex for a candidate numeral run (use with `re.finditer`): 一百零一万, 87％, 1.5万, 三十余万, 百分之卅,
六二○, 五分之三, 三成, 一、二○○. A candidate is only a number if `parse_numeral` accepts it and it starts
a token."""
RANGE_TO = "至到—－～-"
"""What joins the two ends of a range (百分之四十五至五十)."""

Kind = Literal["number", "percent", "digits"]
TENTH = "成"
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
_ARABIC_WITH_UNITS = re.compile(rf"(\d+(?:\.\d+)?)([{MAGNITUDES}]*)")
_DIGITS_ONLY = re.compile(rf"[{_NAME_DIGITS}]+")
_WITH_QUALIFIER = re.compile(r"(.+?)([余多几来])([万亿]*)")
_DECIMAL_WITH_UNIT = re.compile(r"(.+点.+?)([万亿]+)")
_GROUPED_RE = re.compile(_GROUPED)
_TENTHS_RE = re.compile(r"(.)成(半?)")
_PAIR_RANGE = re.compile(rf"([{DIGITS[3:]}])([{DIGITS[3:]}])([{MAGNITUDES}]+)")
_PER = {"千": 10, "万": 100}  # 千分之五 is 0.5 percent
_CANDIDATE = re.compile(NUMBER_PATTERN)


@dataclass(frozen=True)
class Numeral:
    """A numeral's reading: `value` is 1010000 for 一百零一万, 30 for 百分之三十, 620 for 六二○; a range
    (百分之八九十) has its lower end as `value` and its upper end as `upper`."""

    value: float
    kind: Kind = "number"
    qualifier: Qualifier | None = None
    upper: float | None = None


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


def read_integer(text: str) -> int | None:
    """The whole number a numeral in a name or title stands for: 六二○ -> 620, 三 -> 3, 十二 -> 12,
    ３ -> 3; None when `text` is not one."""
    digits = read_digits(text)
    if digits is not None:
        return digits
    try:
        value = to_number(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def parse_numeral(text: str) -> Numeral:
    """Any numeral the module knows: plain (to_number), percent, qualified (三十余万) or digit name.

    Raises ValueError if `text` is none of them.
    """
    normal = _normalise(text)
    if normal.startswith("百分之"):
        return _percent(normal.removeprefix("百分之"), text)
    if normal.endswith("%"):
        return _percent(normal.removesuffix("%"), text)
    if "分之" in normal:
        denominator, numerator = normal.split("分之", 1)
        return _fraction(denominator, numerator, text)
    tenths = _TENTHS_RE.fullmatch(normal)
    if tenths:
        return Numeral(to_number(tenths.group(1)) * 10 + (5 if tenths.group(2) else 0), kind="percent")
    if _GROUPED_RE.fullmatch(normal):
        digits = read_digits(normal.replace("、", ""))
        return Numeral(float(normal.replace("、", "") if digits is None else digits))
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
    Chinese numeral must also end at a boundary (一些, 十分 are words, 一|个 is a number), and so must
    tenths (三成, not 一成不变); Arabic digits and longer numerals may run into their token (8月,
    六二○队, 一九五九年). A plain number joined to a percentage before it by 至 (百分之四十五至五十) is a
    percentage, the upper end of the range.
    """
    found: list[NumeralSpan] = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        lone_chinese = end - start == 1 and not match.group().isdigit()
        must_end = lone_chinese or match.group().rstrip("半").endswith(TENTH)
        if start not in token_bounds or (must_end and end not in token_bounds):
            continue
        try:
            numeral = parse_numeral(match.group())
        except ValueError:
            continue
        before = found[-1] if found else None
        if (
            before
            and before.numeral.kind == "percent"
            and numeral.kind == "number"
            and text[before.end : start] in tuple(RANGE_TO)
        ):
            numeral = Numeral(numeral.value, kind="percent", qualifier=numeral.qualifier)
        found.append(NumeralSpan(start, end, match.group(), numeral))
    return found


def _is_approximate_pair(digits: str) -> bool:
    """三四, 七八, 三五: two neighbouring digits (or 三五) mean "three or four", not 34."""
    first, second = (_DIGIT_VALUES[char] for char in digits) if len(digits) == 2 else (0, 0)
    return first > 0 and (second == first + 1 or (first, second) == (3, 5))


def _fraction(denominator: str, numerator: str, text: str) -> Numeral:
    """五分之三 -> 0.6; 千分之五 -> 0.5 percent."""
    part = parse_numeral(numerator)
    if part.kind != "number" or part.qualifier:
        raise ValueError(f"not a fraction: {text!r}")
    if denominator in _PER:
        return Numeral(float(Decimal(str(part.value)) / _PER[denominator]), kind="percent")
    whole = to_number(denominator)
    if not whole:
        raise ValueError(f"not a fraction: {text!r}")
    return Numeral(float(Decimal(str(part.value)) / Decimal(str(whole))))


def _percent(number: str, text: str) -> Numeral:
    pair = _PAIR_RANGE.fullmatch(number)
    if pair and _is_approximate_pair(pair.group(1) + pair.group(2)):
        low, high = (_scale(_DIGIT_VALUES[digit], pair.group(3)) for digit in pair.group(1, 2))
        return Numeral(low, kind="percent", upper=high)
    inner = parse_numeral(number)
    if inner.kind != "number":
        raise ValueError(f"not a percentage: {text!r}")
    return Numeral(inner.value, kind="percent", qualifier=inner.qualifier)


def _normalise(text: str) -> str:
    """Full-width digits and signs to ASCII (８７％ -> 87%), the middle dot to a decimal point, 万万 to 亿,
    surrounding space removed."""
    return unicodedata.normalize("NFKC", text).strip().replace("万万", "亿").replace("·", ".")


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
