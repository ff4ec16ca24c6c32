"""Request and response bodies of the HTTP API; their JSON Schemas make up the OpenAPI document.

Request models are strict (no "5" for 5, no unknown fields) so that what the schema calls invalid is
refused and what it calls valid is accepted: clients and schema-driven tests can trust the document.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    JsonValue,
    StrictInt,
    Tag,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from extractor.records import MAX_PAGE, ExtractionResult
from extractor.service.errors import ErrorDetail

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _not_blank(value: str) -> str:
    # str.strip() is the test the article reader applies, so the two agree on what "empty" means.
    if not value.strip():
        raise PydanticCustomError("empty_text", "is empty or only white space")
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_type", "should be a date as YYYY-MM-DD")


# The pattern tells schema readers (and generators) what `_not_blank` enforces.
ArticleText = Annotated[str, Field(json_schema_extra={"pattern": r"\S"}), AfterValidator(_not_blank)]
ArticleId = Annotated[
    str,
    Field(min_length=1, max_length=200, description="Returned as the result's `id`; default: a digest of the text."),
]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TextRequest(_Request):
    """One article as raw text: the seed format, the Chinese markdown, or plain English or Chinese."""

    text: ArticleText = Field(description="The whole article, as a file would hold it.")
    id: ArticleId | None = None


class ArticleMeta(BaseModel):
    """Metadata for the `en`/`zh` form; unknown keys are kept out of the article and named in a warning."""

    model_config = ConfigDict(extra="allow", strict=True)

    title: str | None = None
    subtitles: list[str] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    date: IsoDate | None = None
    page: Annotated[StrictInt, Field(ge=1, le=MAX_PAGE)] | None = None
    zh_title: str | None = None


class PartsRequest(_Request):
    """One article as separate English and Chinese texts (at least one) plus optional metadata."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["en"], "properties": {"en": {"type": "string"}}},
                {"required": ["zh"], "properties": {"zh": {"type": "string"}}},
            ]
        }
    )

    en: ArticleText | None = Field(default=None, description="The English text.")
    zh: ArticleText | None = Field(default=None, description="The Chinese text.")
    meta: ArticleMeta | None = None
    id: ArticleId | None = None

    @model_validator(mode="after")
    def _some_text(self) -> PartsRequest:
        if self.en is None and self.zh is None:
            raise PydanticCustomError("empty_text", "give `text`, or `en`, `zh` or both")
        return self


def _form(value: Any) -> str:
    return "text-form" if not isinstance(value, dict) or "text" in value else "parts-form"


ExtractRequest = Annotated[
    Annotated[TextRequest, Tag("text-form")] | Annotated[PartsRequest, Tag("parts-form")],
    Discriminator(_form),
]


def batch_request_model(max_items: int) -> type[BaseModel]:
    """The batch body, its item limit in the schema. Items are checked one by one, not here, so that
    one bad item gets an error in its slot instead of failing the whole batch."""
    items = Field(
        max_length=max_items,
        description="Articles, each in a form `POST /v1/extract` takes; results come back in the same order.",
    )
    return create_model("BatchRequest", __base__=_Request, items=(list[JsonValue], items))


class ItemResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: ExtractionResult


class ItemError(BaseModel):
    model_config = ConfigDict(extra="forbid")

    error: ErrorDetail


class BatchResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[ItemResult | ItemError] = Field(description="One entry per request item, in order.")


class Status(BaseModel):
    status: str = Field(description="'ok' from /healthz, 'ready' from /readyz.")
    worker: int = Field(description="Process id of the worker that answered; each worker loads its own models.")
