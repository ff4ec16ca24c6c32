"""The typed data model: the article, its mentions, the records built from them, and the result.

Everything else imports this module; it imports nothing of the project's. The result validates that
every mention's offsets lie inside the text it names and slice to exactly the mention's text, so a
record that reaches a user is always grounded.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, NonNegativeInt, model_validator

Lang = Literal["en", "zh"]
MentionType = Literal["person", "role", "unit", "place", "percentage", "figure", "date"]
Qualifier = Literal["more than", "at least", "about", "less than", "at most"]
LinkStatus = Literal["agree", "conflict"]

MAX_PAGE = 2**53 - 1
"""The largest page: the largest integer every JSON reader keeps exact (tools that read numbers as
doubles would blur the bound of a 64-bit integer, the Parquet column's type)."""
MEASURED_TYPES: frozenset[str] = frozenset({"percentage", "figure"})
RECORD_LISTS: dict[MentionType, str] = {
    "person": "people",
    "role": "roles",
    "unit": "units",
    "place": "places",
    "percentage": "percentages",
    "figure": "figures",
    "date": "dates",
}
"""The entity-type registry: each mention type and the result field that lists its records."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Model):
    """One article as read from its file: metadata plus the exact texts every offset refers to."""

    id: str = Field(min_length=1, description="File stem, or the id the caller gave.")
    title: str | None = None
    subtitles: list[str] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    date: dt.date | None = None
    page: int | None = Field(default=None, ge=1, le=MAX_PAGE, description="The page number, from 1.")
    zh_title: str | None = None
    en: str | None = Field(default=None, description="English text; offsets of `en` mentions index it.")
    zh: str | None = Field(default=None, description="Chinese text; offsets of `zh` mentions index it.")
    warnings: list[str] = Field(default_factory=list)

    def text(self, lang: Lang) -> str | None:
        """The text of `lang`; an unknown language code is refused, not read as Chinese."""
        if lang == "en":
            return self.en
        if lang == "zh":
            return self.zh
        raise ValueError(f"unknown language code {lang!r}: an article has 'en' and 'zh' texts")


class Mention(_Model):
    """One occurrence of an entity in one language's text: [start, end) character offsets."""

    id: str = Field(description="Unique within the result, e.g. 'en:3'.")
    lang: Lang
    type: MentionType
    text: str = Field(min_length=1)
    start: NonNegativeInt
    end: NonNegativeInt
    value: FiniteFloat | None = Field(default=None, description="Number for percentages and figures.")
    unit: str | None = Field(default=None, description="Normalised unit for figures, e.g. 'ton'.")
    source: str = Field(default="rule", description="Which component found it.")

    @model_validator(mode="after")
    def _check(self) -> Mention:
        if self.end - self.start != len(self.text):
            raise ValueError(f"mention {self.id}: span {self.start}-{self.end} does not fit text {self.text!r}")
        if (self.value is None) == (self.type in MEASURED_TYPES):
            raise ValueError(f"mention {self.id}: a value is required for, and only for, percentages and figures")
        if (self.unit is None) == (self.type == "figure"):
            raise ValueError(f"mention {self.id}: a unit is required for, and only for, figures")
        return self


class Person(_Model):
    id: str
    lang: Lang
    name: str
    roles: list[str] = Field(default_factory=list, description="Titles attached to this person.")
    role_ids: list[str] = Field(
        default_factory=list, description="Ids of the role records of `roles`, the first record of each title."
    )
    unit: str | None = Field(default=None, description="The unit the person belongs to, where stated.")
    unit_id: str | None = Field(default=None, description="Id of the unit record of `unit`.")
    aliases: list[str] = Field(
        default_factory=list, description="Other forms of the name in this text (施书记, 'Shi'), merged here."
    )
    mentions: list[str] = Field(description="Ids of the person's mentions, under every form of the name.")


class Role(_Model):
    id: str
    lang: Lang
    title: str
    person: str | None = Field(default=None, description="Name of the person holding the role.")
    person_id: str | None = Field(default=None, description="Id of the person record holding the role.")
    unit: str | None = Field(default=None, description="Name of the unit the role is held in, where stated.")
    unit_id: str | None = Field(default=None, description="Id of that unit's record.")
    mention: str


class Unit(_Model):
    id: str
    lang: Lang
    name: str
    aliases: list[str] = Field(default_factory=list, description="Short forms in this text (岭西矿 of 岭西煤矿).")
    mentions: list[str] = Field(description="Ids of the unit's mentions, under every form of the name.")


class Place(_Model):
    id: str
    lang: Lang
    name: str
    mentions: list[str]


PercentageKind = Literal["increase", "decrease", "share", "completion"]
FigureKind = Literal["total", "rate", "change", "plan"]
DatePrecision = Literal["year", "month", "day"]


class Percentage(_Model):
    id: str
    lang: Lang
    value: FiniteFloat
    kind: PercentageKind | None = Field(
        default=None, description="What it is a percentage of: an increase, a decrease, a share, a plan completed."
    )
    owner_id: str | None = Field(default=None, description="Id of the unit, place or person record it is about.")
    mention: str


class Figure(_Model):
    id: str
    lang: Lang
    value: FiniteFloat
    unit: str
    item: str | None = Field(default=None, description="What is measured, e.g. 'raw coal'.")
    qualifier: Qualifier | None = None
    period: str | None = Field(default=None, description="Rate period, e.g. 'month' for 'per month'.")
    kind: FigureKind = Field(
        default="total", description="A total, a rate (per month, per head), a change (increased by) or a plan target."
    )
    owner_id: str | None = Field(
        default=None, description="Id of the unit, place or person record whose quantity this is."
    )
    normalised_value: float | None = Field(
        default=None,
        description="The value in `normalised_unit` where the conversion is fixed (data/measures.json `standard`).",
    )
    normalised_unit: str | None = Field(default=None, description="Standard unit: kg, t, m, m², ha or L.")
    date_id: str | None = Field(default=None, description="Id of the date record of the time the figure is for.")
    mention: str


class Date(_Model):
    """A date or period as written, resolved against the article's date where it is relative."""

    id: str
    lang: Lang
    text: str
    value: str = Field(
        description="ISO 8601 at the precision written (1957, 1957-08, 1958-01-15); a span as 'start..end'."
    )
    precision: DatePrecision
    figures: list[str] = Field(default_factory=list, description="Ids of the figures this date governs.")
    mention: str


class Link(_Model):
    """A pairing of an English and a Chinese mention of the same fact.

    `conflict` means the same entity or fact with a different value, or a name that only partly matches;
    `reason` says what differs (or how the pair was found, for `agree`).
    """

    type: MentionType
    en: str
    zh: str
    status: LinkStatus
    en_mention: str
    zh_mention: str
    score: float = Field(ge=0, le=1)
    reason: str | None = None


class TranslationNote(_Model):
    """A translation problem not tied to one pair of mentions, e.g. a mistranslated dateline."""

    kind: str
    en: str | None = None
    en_start: NonNegativeInt | None = None
    en_end: NonNegativeInt | None = None
    zh: str | None = None
    zh_start: NonNegativeInt | None = None
    zh_end: NonNegativeInt | None = None
    explanation: str


class Unmatched(_Model):
    """A mention with no counterpart in the other language, and why, where a reason can be given."""

    lang: Lang
    type: MentionType
    text: str
    mention: str
    reason: str


class LanguageExtraction(_Model):
    """What one language's pipeline found in one text."""

    mentions: list[Mention] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    percentages: list[Percentage] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[Date] = Field(default_factory=list)


class _ResultHead(_Model):
    id: str = Field(description="The article id: file stem, or the id the caller gave.")
    article: Article


class ExtractionResult(LanguageExtraction, _ResultHead):
    """The output contract: one object per article, as written to JSONL and returned by the service.

    Field order is id, article, mentions, the records, links, warnings (the bases are listed so).
    """

    links: list[Link] = Field(default_factory=list)
    unmatched: list[Unmatched] = Field(default_factory=list)
    notes: list[TranslationNote] = Field(default_factory=list)
    agreement: float | None = Field(
        default=None, ge=0, le=1, description="Share of facts on which the two texts agree; None with one language."
    )
    warnings: list[str] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """In a notebook, the side-by-side page (in an iframe, so its style stays apart from the notebook's)."""
        from extractor.view import render_article  # imported here: the view imports this module

        page = html.escape(render_article(self), quote=True)
        return f'<iframe srcdoc="{page}" style="width: 100%; height: 640px; border: 0"></iframe>'

    @model_validator(mode="after")
    def _grounded(self) -> ExtractionResult:
        for mention in self.mentions:
            text = self.article.text(mention.lang)
            if text is None:
                raise ValueError(f"mention {mention.id}: the article has no {mention.lang} text")
            if mention.end > len(text) or text[mention.start : mention.end] != mention.text:
                raise ValueError(
                    f"mention {mention.id}: {mention.text!r} is not at {mention.start}-{mention.end} "
                    f"of the {mention.lang} text"
                )
        for note in self.notes:
            for lang in ("en", "zh"):
                quote, start, end = getattr(note, lang), getattr(note, f"{lang}_start"), getattr(note, f"{lang}_end")
                text = self.article.text(lang) or ""
                if start is not None and (quote is None or end is None or text[start:end] != quote):
                    raise ValueError(f"note {note.kind!r}: {quote!r} is not at {start}-{end} of the {lang} text")
        return self


class Failure(_Model):
    """An input that could not be extracted; batch runs report it and go on with the others."""

    id: str
    source: str
    error: str
