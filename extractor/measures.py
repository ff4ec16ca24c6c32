"""Units of measure shared by both languages, loaded from `data/measures.json`: the one home of what
a unit is called, how big it is and from when its size is fixed by law.

One canonical code per unit (`ton`, `meter`, `yuan`, ...) lets the cross-check compare an English
figure with a Chinese one by value and unit alone; units of one dimension convert into each other
(10,000 jin = 5,000 kilograms), and a figure's normalised value uses the same sizes where a dated
definition fixes them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from extractor.records import Lang


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("extractor").joinpath("data/measures.json").read_text(encoding="utf-8")
    )
    return data


@cache
def unit_forms(lang: Lang) -> dict[str, str]:
    """Surface form (lower-cased for English) -> canonical unit code."""
    forms: dict[str, str] = {}
    for code, by_lang in _data()["units"].items():
        for form in by_lang[lang]:
            forms[form.lower() if lang == "en" else form] = code
    return forms


def canonical_unit(form: str, lang: Lang) -> str | None:
    """The canonical code of a unit as written, or None when it is not a unit of measure."""
    return unit_forms(lang).get(form.lower() if lang == "en" else form)


@cache
def _sizes() -> dict[str, tuple[str, float]]:
    return {unit: (dim, size) for dim, units in _data()["dimensions"].items() for unit, size in units.items()}


def unit_size(code: str) -> tuple[str, float] | None:
    """A unit's dimension and its size in the dimension's base unit ("jin" -> ("mass", 0.5)); None for
    a unit that converts into no other."""
    return _sizes().get(code)


def size_ratio(code: str, other: str) -> float | None:
    """How many of `other` one `code` is ("jin" in "kilogram": 0.5); None unless both are sizes of one
    dimension."""
    size, other_size = unit_size(code), unit_size(other)
    if size is None or other_size is None or size[0] != other_size[0]:
        return None
    return size[1] / other_size[1]


@dataclass(frozen=True)
class Conversion:
    to: str
    factor: float
    valid_from: dt.date | None
    forms: frozenset[str] | None
    source: str


@cache
def conversions() -> dict[str, list[Conversion]]:
    """Canonical unit -> its fixed conversions into a standard unit (`standard` in data/measures.json)."""
    data = _data()
    return {
        unit: [
            Conversion(
                to=data["symbols"][entry["to"]],
                factor=_factor(unit, entry),
                valid_from=dt.date.fromisoformat(entry["from"]) if entry["from"] else None,
                forms=frozenset(entry["forms"]) if "forms" in entry else None,
                source=data["sources"][entry["source"]],
            )
            for entry in entries
        ]
        for unit, entries in data["standard"].items()
    }


def _factor(unit: str, definition: dict[str, Any]) -> float:
    """The definition's own factor (where its forms measure another dimension than `unit`), else the
    ratio of the two units' sizes."""
    if "factor" in definition:
        return float(definition["factor"])
    ratio = size_ratio(unit, definition["to"])
    if ratio is None:
        raise ValueError(f"data/measures.json: {unit} has no size in the dimension of {definition['to']}")
    return ratio


def normalise(value: float, unit: str, written: str, when: dt.date | None) -> tuple[float, str] | None:
    """`value` of `unit` in its standard unit, where the conversion is fixed at the date `when`
    (None: assumed to hold); `written` is the figure as printed, whose unit word picks a definition
    where one code covers two measures (石 and 担)."""
    for conversion in conversions().get(unit, []):
        if conversion.valid_from and when and when < conversion.valid_from:
            continue
        if conversion.forms is not None and not any(form in written.lower() for form in conversion.forms):
            continue
        return round(value * conversion.factor, 6), conversion.to
    return None


def counts_as_figure(code: str, value: float) -> bool:
    """Whether `value` of `code` is a figure: a unit that counts products (vehicles, sets) only at the
    scale of production statistics (data/measures.json `production_counts`)."""
    least = _data().get("production_counts", {}).get(code)
    return least is None or value >= least
