"""Dates and periods in both languages, resolved against the article's date.

Absolute dates (1958年8月, 一九五七年, １９９８年１月１５日, "August 15, 1958") and relative ones
(去年8月, 今年一月份, 上半年, 第一季度, 去年同期, "last year", "the first half of this year"; 同期 and
年底 with no year by the last date named in the paragraph, see `_bare_period`),
and spans of months (1956年1月至10月) become
`Found` candidates of type `date` whose `name` is the resolved value: an ISO date of year, month or
day precision (1957, 1957-08, 1958-01-15), with `..` and an end for a span (1958-01..1958-06). A
relative date with no article date to resolve against is left out. Numbers are read by
`extractor.numerals`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.found import Found
from extractor.numerals import CODE_DIGITS, read_digits, to_number
from extractor.records import DatePrecision, Lang

SOURCE = "rule:date"
_ZH_NUM = f"[{CODE_DIGITS}十]"  # a date's digits, read one by one (一九五八) or counted (十二)
_ZH = re.compile(
    rf"(?:(?P<year>{_ZH_NUM}{{4}})年|(?P<rel>大前年|前年|去年|上年|今年|本年|当年|明年|次年))?"
    rf"(?:(?P<month>{_ZH_NUM}{{1,2}})月份?(?:(?P<day>{_ZH_NUM}{{1,3}})[日号])?"
    rf"(?:[至到—－-](?P<month2>{_ZH_NUM}{{1,2}})月份?(?!{_ZH_NUM}{{1,3}}[日号]))?"
    r"|(?P<half>上半年|下半年)|第?(?P<quarter>[一二三四1-4１-４])季度|(?P<same>同期)|(?P<edge>年初|年底|年末))?"
)
_ZH_RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0, "当年": 0, "明年": 1, "次年": 1}
_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?P<month>{_MONTH_NAMES})"
_EN = re.compile(
    r"\b(?:"
    rf"(?:(?P<day1>\d{{1,2}}) )?{_MONTH}(?: (?P<day2>\d{{1,2}}))?(?: to (?P<month2>{_MONTH_NAMES}))?,? "
    r"(?P<year>1[89]\d\d|20[0-2]\d)"
    r"|(?:(?P<half>first|second) half of |(?P<quarter>first|second|third|fourth) quarter of "
    rf"|(?P<rmonth>{_MONTH_NAMES}) (?:of )?)?"
    r"(?P<rel>last year|this year|next year|the previous year|the same period (?:of )?last year)"
    r"|(?:in|since|by|until|of|from|to|during|before|after) (?P<bare>1[89]\d\d|20[0-2]\d)(?![\d,])"
    r")\b",
    re.IGNORECASE,
)
_EN_RELATIVE = {"last year": -1, "this year": 0, "next year": 1, "the previous year": -1}
_COMPARISONS = ("比", "较", "与", "同", "和", "跟", "于", "过")
"""What 同期 follows when it is the period compared with (比同期, 低于同期, 超过同期)."""
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class Period:
    """A resolved date: its first month or day, its last, and the precision both are written at."""

    year: int
    month: int | None = None
    day: int | None = None
    end_month: int | None = None

    def iso(self) -> str:
        start = self._iso(self.month, self.day)
        return f"{start}..{self._iso(self.end_month, None)}" if self.end_month else start

    def _iso(self, month: int | None, day: int | None) -> str:
        if month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def precision(value: str) -> DatePrecision:
    """'year', 'month' or 'day' for an ISO value made by `Period.iso`."""
    precisions: dict[int, DatePrecision] = {4: "year", 7: "month", 10: "day"}
    return precisions[len(value.split("..")[0])]


def find_dates(lang: Lang, text: str, article_date: dt.date | None) -> list[Found]:
    """The dates in one text, each with its resolved ISO value as `name`."""
    reader = _zh_dates if lang == "zh" else _en_dates
    return [
        Found("date", start, end, source=SOURCE, name=period.iso()) for start, end, period in reader(text, article_date)
    ]


def _number(text: str) -> int | None:
    normal = unicodedata.normalize("NFKC", text)
    digits = read_digits(normal)
    if digits is not None:
        return digits
    try:
        return int(to_number(normal))
    except ValueError:
        return None


def _zh_dates(text: str, today: dt.date | None) -> Iterator[tuple[int, int, Period]]:
    named: Period | None = None  # the last date named in the paragraph
    end = 0
    for match in _ZH.finditer(text):
        if match.end() == match.start():
            continue
        if "\n" in text[end : match.start()]:
            named = None
        groups = match.groupdict()
        year = _number(groups["year"]) if groups["year"] else None
        if groups["rel"] and today:
            year = today.year + _ZH_RELATIVE[groups["rel"]]
        if groups["year"] or groups["rel"]:
            period = _zh_period(year, groups) if year is not None and 1800 <= year <= 2100 else None
        elif groups["same"] or groups["edge"]:
            period = _bare_period(groups, text[: match.start()], named, today)
        elif today:
            period = _zh_period(today.year, groups)
        else:
            continue
        if period is None:
            continue
        if not groups["same"]:  # 去年同期, 比同期: the period compared with, not the one spoken of
            named, end = period, match.end()
        yield match.start(), match.end(), period


def _bare_period(
    groups: dict[str, str | None], before: str, named: Period | None, today: dt.date | None
) -> Period | None:
    """同期, 年初, 年底 or 年末 with no year: 年底 is the end of the year of the last date named in the
    paragraph, else of the article's year; 同期 after a comparison (比同期, 较同期, 与同期相比) is the
    same period a year before the one just named (or the year before the article's), and elsewhere
    the period just named itself (同期全省产钢: in that same period); with neither, no date."""
    if groups["edge"]:
        year = named.year if named else today.year if today else None
        return Period(year) if year is not None else None
    if before.endswith(_COMPARISONS):
        if named:
            earlier = dataclasses.replace(named, year=named.year - 1)
            return (
                earlier
                if _exists(earlier.year, earlier.month or 1, earlier.day)
                else Period(earlier.year, earlier.month)
            )
        return Period(today.year - 1) if today else None
    return named


def _zh_period(year: int, groups: dict[str, str | None]) -> Period | None:
    if groups["month"]:
        month = _number(groups["month"])
        day = _number(groups["day"]) if groups["day"] else None
        if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            return None
        last = _number(groups["month2"]) if groups["month2"] and day is None else None
        if last is not None and month < last <= 12:  # 1956年1月至10月: one span
            return Period(year, month, end_month=last)
        return Period(year, month, day) if _exists(year, month, day) else None
    if groups["half"]:
        return Period(year, 1, end_month=6) if groups["half"] == "上半年" else Period(year, 7, end_month=12)
    if groups["quarter"]:
        quarter = _ORDINALS.get(groups["quarter"]) or int(unicodedata.normalize("NFKC", groups["quarter"]))
        return Period(year, 3 * quarter - 2, end_month=3 * quarter)
    return Period(year)


def _en_dates(text: str, today: dt.date | None) -> Iterator[tuple[int, int, Period]]:
    for match in _EN.finditer(text):
        groups = match.groupdict()
        if groups["year"]:
            day = groups["day1"] or groups["day2"]
            month = _MONTHS[groups["month"].casefold()]
            last = _MONTHS[groups["month2"].casefold()] if groups["month2"] and not day else None
            if last is not None and month < last:  # "January to October 1956": one span
                yield match.start(), match.end(), Period(int(groups["year"]), month, end_month=last)
            elif _exists(int(groups["year"]), month, int(day) if day else None):
                yield match.start(), match.end(), Period(int(groups["year"]), month, int(day) if day else None)
        elif groups["bare"]:
            start = match.start("bare")
            yield start, match.end(), Period(int(groups["bare"]))
        elif groups["rel"] and today:
            relative = groups["rel"].casefold()
            year = today.year + _EN_RELATIVE.get(relative, -1)
            if groups["half"]:
                first = groups["half"].casefold() == "first"
                period = Period(year, 1 if first else 7, end_month=6 if first else 12)
            elif groups["quarter"]:
                quarter = _ORDINALS[groups["quarter"].casefold()]
                period = Period(year, 3 * quarter - 2, end_month=3 * quarter)
            elif groups["rmonth"]:
                period = Period(year, _MONTHS[groups["rmonth"].casefold()])
            else:
                period = Period(year)
            yield match.start(), match.end(), period


def _exists(year: int, month: int, day: int | None) -> bool:
    """Whether the day is a day of that month (2月31日 is a misprint, not a date)."""
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True
