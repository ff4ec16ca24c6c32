"""Units of measure shared by both languages, loaded from `data/measures.json`: the one home of what
a unit is called and how units convert.

One canonical code per unit (`ton`, `meter`, `yuan`, ...) lets the cross-check compare an English
figure with a Chinese one by value and unit alone; units of one dimension convert into each other
(10,000 jin = 5,000 kilograms).
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


@dataclass(frozen=True)
class Conversion:
    to: str
    factor: float
    valid_from: dt.date | None
    forms: frozenset[str] | None
    source: str


@cache
def conversions() -> dict[str, list[Conversion]]:
    """Canonical unit -> its fixed conversions into a standard unit (`data/conversions.json`)."""
    data = json.loads(resources.files("extractor").joinpath("data/conversions.json").read_text(encoding="utf-8"))
    return {
        unit: [
            Conversion(
                to=entry["to"],
                factor=entry["factor"],
                valid_from=dt.date.fromisoformat(entry["from"]) if entry["from"] else None,
                forms=frozenset(entry["forms"]) if "forms" in entry else None,
                source=data["sources"][entry["source"]],
            )
            for entry in entries
        ]
        for unit, entries in data["standard"].items()
    }


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
