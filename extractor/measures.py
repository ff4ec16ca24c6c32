"""Units of measure shared by both languages, loaded from `data/measures.json`.

One canonical code per unit (`ton`, `meter`, `yuan`, ...) lets the cross-check compare an English
figure with a Chinese one by value and unit alone.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from extractor.records import Lang


@cache
def unit_forms(lang: Lang) -> dict[str, str]:
    """Surface form (lower-cased for English) -> canonical unit code."""
    data = json.loads(resources.files("extractor").joinpath("data/measures.json").read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    for code, by_lang in data["units"].items():
        for form in by_lang[lang]:
            forms[form.lower() if lang == "en" else form] = code
    return forms


def canonical_unit(form: str, lang: Lang) -> str | None:
    """The canonical code of a unit as written, or None when it is not a unit of measure."""
    return unit_forms(lang).get(form.lower() if lang == "en" else form)
