from __future__ import annotations

import json
from importlib import resources

import pytest

from extractor.crosscheck.values import Quantity, compare_figures, same_value
from extractor.measures import conversions, size_ratio, unit_size


@pytest.mark.parametrize(
    ("en", "zh", "same"),
    [
        (1010000, 1010000, True),
        (87, 87.0, True),
        (99.995, 99.995, True),
        (1010000, 1010500, True),  # within the default rounding tolerance
        (1010000, 101000, False),
        (70, 7, False),
        (0, 0, True),
    ],
)
def test_same_value(en: float, zh: float, same: bool) -> None:
    assert same_value(en, zh) is same


def test_same_value_tolerance_is_a_parameter() -> None:
    assert not same_value(1000, 1010)
    assert same_value(1000, 1010, rel_tol=0.02)


@pytest.mark.parametrize(
    ("en", "zh", "reason"),
    [
        ((1010000, "ton", None, None), (1010000, "ton", None, None), None),  # 1,010,000 tons = 一百零一万吨
        ((70, "meter", "more than", None), (70, "meter", "more than", None), None),  # 七十米以上
        ((87, None), (87, None), None),  # a percentage
        ((70, "meters", "more than"), (70, "米", "more than"), None),  # surface forms are normalised
        ((70, "meter", "more than"), (70, "meter"), "qualifier 'more than' only in en"),
        ((8000, "yuan"), (8000, "yuan", "about"), "qualifier 'about' only in zh"),
        ((70, "meter", "at least"), (70, "meter", "more than"), None),  # same direction
        ((300, "ton", None, "month"), (300, "ton", None, "month"), None),
        ((300, "ton", None, "per month"), (300, "ton", None, "month"), None),
        ((300, "ton", None, "month"), (300, "ton"), "period 'month' only in en"),
        ((5000, "kilogram"), (10000, "jin"), "10000 jin = 5000 kilogram"),  # invented: market units
        ((2000, "hectare"), (30000, "mu"), "30000 mu = 2000 hectare"),
        ((25, "kilometer"), (50, "li"), "50 li = 25 kilometer"),
    ],
)
def test_agree(en: tuple, zh: tuple, reason: str | None) -> None:
    assert compare_figures(en, zh) == ("agree", reason)


@pytest.mark.parametrize(
    ("en", "zh", "reason"),
    [
        ((1010000, "ton"), (101000, "ton"), "value 1010000 vs 101000"),
        ((70, "meter", "more than"), (17, "meter", "more than"), "value 70 vs 17"),
        ((70, "meter"), (70, "ton"), "unit meter vs ton"),
        ((70, "meter"), (70, "kilometer"), "value 70 vs 70000; 70 kilometer = 70000 meter"),
        ((12.5, None), (1.25, None), "value 12.5 vs 1.25"),
        ((70, "meter", "more than"), (70, "meter", "less than"), "qualifier 'more than' vs 'less than'"),
        ((300, "ton", None, "month"), (300, "ton", None, "year"), "period month vs year"),
        ((8000, "yuan"), (8000, None), "unit yuan vs None"),
    ],
)
def test_conflict(en: tuple, zh: tuple, reason: str) -> None:
    assert compare_figures(en, zh) == ("conflict", reason)


def test_quantity_and_plain_tuples_are_interchangeable() -> None:
    en = Quantity(value=1010000, unit="ton", qualifier="more than")
    assert compare_figures(en, (1010000, "吨", "more than", None)) == compare_figures(
        (1010000, "ton", "more than", None), Quantity(1010000, "ton", "more than")
    )


def test_conversion_table_uses_canonical_unit_codes() -> None:
    data = json.loads(resources.files("extractor").joinpath("data/measures.json").read_text(encoding="utf-8"))
    assert {unit for units in data["dimensions"].values() for unit in units} <= set(data["units"])
    assert unit_size("jin") == ("mass", 0.5) and unit_size("US dollar") is None
    assert set(data["standard"]) | set(data["symbols"]) <= set(data["units"])
    assert size_ratio("jin", "kilogram") == 0.5 and size_ratio("jin", "meter") is None
    # every fixed definition states its standard unit by a symbol, and its factor by the two sizes
    assert {c.to for cs in conversions().values() for c in cs} == set(data["symbols"].values())
