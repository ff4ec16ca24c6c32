"""How alike an English and a Chinese mention are, per type, with a reason when they differ.

Names and places are compared by sound, units and roles by dictionary translation plus sound of
their proper part, percentages and figures by normalised value and unit. Scores are in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractor.crosscheck import dictionary, names
from extractor.crosscheck.values import Quantity, compare_figures, same_value
from extractor.records import Figure, LanguageExtraction, Mention, MentionType


@dataclass(frozen=True)
class Thresholds:
    """`agree` and above is the same thing said the same way; `partial` and above may be the same thing."""

    agree: float
    partial: float


THRESHOLDS: dict[MentionType, Thresholds] = {
    "person": Thresholds(agree=0.9, partial=0.6),
    "place": Thresholds(agree=0.8, partial=0.6),
    "unit": Thresholds(agree=0.65, partial=0.5),
    "role": Thresholds(agree=0.65, partial=0.5),
    "percentage": Thresholds(agree=1.0, partial=0.5),
    "figure": Thresholds(agree=1.0, partial=0.5),
}


EXACT = 1e-9  # a translation copies numbers; 99.995% is not 100%
CONVERTED = 0.6


@lru_cache(maxsize=65536)
def name_similarity(kind: MentionType, en: str, zh: str) -> float:
    """Similarity of two names of the given type (cached: the same names recur across an archive)."""
    if kind == "person":
        return names.score(zh, en)
    if kind == "place":
        return names.place_score(zh, en)
    if kind == "unit":
        return dictionary.unit_score(zh, en)
    return dictionary.role_score(zh, en)


def figure_index(extraction: LanguageExtraction) -> dict[str, Figure]:
    return {figure.mention: figure for figure in extraction.figures}


def measure_similarity(
    en: Mention, zh: Mention, en_figure: Figure | None, zh_figure: Figure | None
) -> tuple[float, str | None]:
    """1 for the same value (and unit), 0.5 for the same kind of quantity with a different value, else 0."""
    if en.type == "percentage":
        if same_value(en.value or 0.0, zh.value or 0.0, rel_tol=EXACT):
            return 1.0, None
        return 0.5, f"value {en.value:g}% vs {zh.value:g}%"
    en_q = _quantity(en, en_figure)
    zh_q = _quantity(zh, zh_figure)
    status, reason = compare_figures(en_q, zh_q, rel_tol=EXACT)
    if status == "agree" and en.unit != zh.unit:
        # Translations keep units; equal amounts in different units are more likely two facts.
        return CONVERTED, f"the same amount in other units ({reason})"
    if status == "agree":
        return 1.0, reason
    return (0.5 if reason and not reason.startswith("unit") else 0.0), reason


def _quantity(mention: Mention, figure: Figure | None) -> Quantity:
    return Quantity(
        value=mention.value or 0.0,
        unit=mention.unit,
        qualifier=figure.qualifier if figure else None,
        period=figure.period if figure else None,
    )
