"""Requests -> library calls: build the `Article`, hand it to the `Extractor`, shape what comes back.

No extraction logic lives here; everything the library learns reaches the service through `Extractor`.
Articles are read in the server process; `extract_articles` is what runs where the models are.
Client text is never handed to `Extractor.read`, which treats a short one-line string naming an
existing file as a path and would read that file from the server's disk.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from extractor.article import article_from_parts, content_id
from extractor.errors import ArticleError
from extractor.pipeline import Extractor
from extractor.records import Article, ExtractionResult, Failure
from extractor.service.errors import ErrorDetail, ServiceError, from_validation
from extractor.service.models import ExtractRequest, PartsRequest, TextRequest

_REQUEST = TypeAdapter[TextRequest | PartsRequest](ExtractRequest)


def to_article(extractor: Extractor, request: TextRequest | PartsRequest) -> Article:
    """The request's article; `ServiceError` (422) when the library cannot read it.

    Client text goes through `Extractor.read_text`, which never treats it as a file path.
    """
    try:
        if isinstance(request, TextRequest):
            return extractor.read_text(request.text, article_id=request.id)
        meta = request.meta.model_dump(exclude_unset=True) if request.meta else None
        article_id = request.id or content_id(request.en or "", request.zh or "")
        return article_from_parts(article_id, en=request.en, zh=request.zh, meta=meta)
    except ArticleError as err:
        raise ServiceError(422, "unreadable_article", str(err)) from err


def extract_articles(extractor: Extractor, articles: list[Article]) -> list[ExtractionResult | Failure]:
    """The results of articles already read, in order (run where the extraction happens: a child process)."""
    return list(extractor.extract_many(articles))


def prepare_batch(extractor: Extractor, items: list[Any]) -> list[dict[str, Any] | Article]:
    """Each batch item's article, or its error slot when the item is invalid or unreadable."""
    slots: list[dict[str, Any] | Article] = []
    for index, item in enumerate(items):
        try:
            request = _REQUEST.validate_python(item)
            slots.append(to_article(extractor, request))
        except ValidationError as err:
            slots.append(error_slot(from_validation(err.errors(), prefix=("items", index))))
        except ServiceError as err:
            slots.append(error_slot(err.detail.model_copy(update={"field": f"items.{index}"})))
    return slots


def error_slot(detail: ErrorDetail) -> dict[str, Any]:
    return {"error": detail.model_dump(mode="json", exclude_none=True)}


def result_slot(item: ExtractionResult | Failure) -> dict[str, Any]:
    if isinstance(item, ExtractionResult):
        return {"result": item.model_dump(mode="json")}
    # extract_many yields a Failure only for a source it could not read; ours are read already.
    return error_slot(ErrorDetail(code="unreadable_article", message=item.error))
