"""Compare an English figure or percentage with a Chinese one by normalised value and unit.

Both pipelines report a number, a unit code from `extractor/measures.py` (None for percentages), a
qualifier and a rate period. Units of one dimension convert into each other (`measures.unit_size`:
10,000 jin = 5,000 kilograms); a qualifier or period written in one language only is a loss of
detail, not a disagreement; bounds pointing opposite ways ("more than" vs "less than") are.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from extractor.measures import canonical_unit, unit_forms, unit_size
from extractor.records import Lang, LinkStatus

# Which way each qualifier of `records.Qualifier` bounds the true value.
_DIRECTION = {"more than": 1, "at least": 1, "about": 0, "less than": -1, "at most": -1}
_CONVERTED_TOL = 0.01


class Quantity(NamedTuple):
    """One side of a comparison; a plain (value, unit, qualifier, period) tuple works as well."""

    value: float
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None


def _canonical(unit: str | None, lang: Lang) -> str | None:
    """A unit code as is; a surface form ("tons", "吨") mapped to its code."""
    if unit is None or unit in unit_forms("en").values():
        return unit
    return canonical_unit(unit, lang) or unit


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def same_value(en_value: float, zh_value: float, rel_tol: float = 1e-3) -> bool:
    """Whether two numbers are the same figure, allowing for rounding in the translation."""
    return math.isclose(en_value, zh_value, rel_tol=rel_tol, abs_tol=1e-9)


def compare_figures(
    en: Quantity | tuple, zh: Quantity | tuple, *, rel_tol: float = 1e-3
) -> tuple[LinkStatus, str | None]:
    """("agree" | "conflict", reason) for an English and a Chinese figure said to be the same fact.

    The reason names what differs ("value 1010000 vs 101000", "unit ton vs meter"); for an agreement
    it notes a conversion or detail present on one side only, and is None when nothing is worth saying.
    """
    en, zh = Quantity(*en), Quantity(*zh)
    en_unit, zh_unit = _canonical(en.unit, "en"), _canonical(zh.unit, "zh")
    zh_value, tol, notes = zh.value, rel_tol, []
    if en_unit != zh_unit:
        en_dim, zh_dim = unit_size(en_unit or ""), unit_size(zh_unit or "")
        if not en_dim or not zh_dim or en_dim[0] != zh_dim[0]:
            return "conflict", f"unit {en_unit} vs {zh_unit}"
        zh_value = zh.value * zh_dim[1] / en_dim[1]
        tol = max(rel_tol, _CONVERTED_TOL)
        notes.append(f"{_fmt(zh.value)} {zh_unit} = {_fmt(zh_value)} {en_unit}")
    if not same_value(en.value, zh_value, rel_tol=tol):
        return "conflict", "; ".join([f"value {_fmt(en.value)} vs {_fmt(zh_value)}", *notes])
    directions = (_DIRECTION.get(en.qualifier or "", 0), _DIRECTION.get(zh.qualifier or "", 0))
    if directions[0] * directions[1] < 0:
        return "conflict", f"qualifier {en.qualifier!r} vs {zh.qualifier!r}"
    en_period, zh_period = (p.lower().removeprefix("per ").strip() if p else None for p in (en.period, zh.period))
    if en_period and zh_period and en_period != zh_period:
        return "conflict", f"period {en_period} vs {zh_period}"
    for what, en_part, zh_part in (("qualifier", en.qualifier, zh.qualifier), ("period", en_period, zh_period)):
        if bool(en_part) != bool(zh_part):
            notes.append(f"{what} {en_part or zh_part!r} only in {'en' if en_part else 'zh'}")
    return "agree", "; ".join(notes) or None
