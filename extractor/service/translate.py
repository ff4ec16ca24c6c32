"""Requests -> library calls: build the `Article`, run the `Extractor`, shape what comes back.

No extraction happens here; everything the library learns reaches the service through `Extractor`.
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
from extractor.service.errors import ErrorDetail, ServiceError, from_validation, logger
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


def extract_one(extractor: Extractor, request: TextRequest | PartsRequest) -> dict[str, Any]:
    """The result JSON for one request, exactly as the CLI prints it."""
    article = to_article(extractor, request)
    return extractor.extract(article).model_dump(mode="json")


def view_one(extractor: Extractor, request: TextRequest | PartsRequest) -> str:
    """The side-by-side HTML page of one request's result (what `extractor view` writes)."""
    from extractor.view import render_article

    return render_article(extractor.extract(to_article(extractor, request)))


def extract_batch(extractor: Extractor, items: list[Any]) -> list[dict[str, Any]]:
    """One `{"result": ...}` or `{"error": ...}` per item, in order; a bad item spoils only its slot."""
    slots: list[dict[str, Any] | Article] = []
    for index, item in enumerate(items):
        try:
            request = _REQUEST.validate_python(item)
            slots.append(to_article(extractor, request))
        except ValidationError as err:
            slots.append(_error(from_validation(err.errors(), prefix=("items", index))))
        except ServiceError as err:
            slots.append(_error(err.detail.model_copy(update={"field": f"items.{index}"})))
    articles = [slot for slot in slots if isinstance(slot, Article)]
    try:
        done = [_result(item) for item in extractor.extract_many(articles)]
    except Exception:
        # An article tripped a bug: redo them one at a time so that only its own slot says so.
        logger.exception("batch extraction failed; retrying its %d articles one by one", len(articles))
        done = [_extract_alone(extractor, article) for article in articles]
    results = iter(done)
    return [next(results) if isinstance(slot, Article) else slot for slot in slots]


def _extract_alone(extractor: Extractor, article: Article) -> dict[str, Any]:
    try:
        return _result(extractor.extract(article))
    except Exception as err:
        logger.exception("extracting %s failed", article.id)
        return _error(ErrorDetail(code="internal_error", message=f"internal error ({type(err).__name__})"))


def _error(detail: ErrorDetail) -> dict[str, Any]:
    return {"error": detail.model_dump(mode="json", exclude_none=True)}


def _result(item: ExtractionResult | Failure) -> dict[str, Any]:
    if isinstance(item, ExtractionResult):
        return {"result": item.model_dump(mode="json")}
    # extract_many yields a Failure only for a source it could not read; ours are read already.
    return _error(ErrorDetail(code="unreadable_article", message=item.error))
