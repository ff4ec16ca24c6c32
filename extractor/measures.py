"""Units of measure shared by both languages, loaded from `data/measures.json`: the one home of what
a unit is called and how units convert.

One canonical code per unit (`ton`, `meter`, `yuan`, ...) lets the cross-check compare an English
figure with a Chinese one by value and unit alone; units of one dimension convert into each other
(10,000 jin = 5,000 kilograms).
"""

from __future__ import annotations

import json
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
