"""One error shape for every refusal: `{"error": {"code", "message", "field"?}}`.

FastAPI's own validation and HTTP error bodies are replaced so that a client parses one shape, and
`code` is a fixed vocabulary (listed in the OpenAPI document) that programs can branch on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from extractor.errors import ExtractorError

logger = logging.getLogger("extractor.service")

ErrorCode = Literal[
    "malformed_json",
    "not_utf8",
    "invalid_unicode",
    "body_too_large",
    "unsupported_media_type",
    "missing_field",
    "unknown_field",
    "wrong_type",
    "empty_text",
    "too_many_items",
    "invalid_value",
    "unreadable_article",
    "article_timeout",
    "not_ready",
    "not_found",
    "method_not_allowed",
    "http_error",
    "internal_error",
]

# pydantic error types -> our codes; any other "*_type" error is a wrong type, the rest invalid values.
_VALIDATION_CODES: dict[str, ErrorCode] = {
    "json_invalid": "malformed_json",
    "missing": "missing_field",
    "extra_forbidden": "unknown_field",
    "empty_text": "empty_text",
    "too_long": "too_many_items",
}
_HTTP_CODES: dict[int, ErrorCode] = {404: "not_found", 405: "method_not_allowed"}
# Location parts that say where FastAPI looked or which union branch pydantic tried, not a field.
_LOC_NOISE = frozenset({"body", "text-form", "parts-form"})
# "Input should be a valid dictionary or instance of TextRequest" names our classes; say it plainly.
_OBJECT_TYPES = frozenset({"model_type", "model_attributes_type", "dict_type"})


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: ErrorCode = Field(description="Machine-readable reason; one of a fixed set.")
    message: str = Field(description="What is wrong, for a person.")
    field: str | None = Field(default=None, description="Dotted path of the offending field, e.g. 'items.3.text'.")


class ErrorResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    error: ErrorDetail


class ServiceError(ExtractorError):
    """A refusal with its HTTP status; raised anywhere in the service, rendered by one handler."""

    def __init__(self, status: int, code: ErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.detail = ErrorDetail(code=code, message=message, field=field)


def error_response(status: int, detail: ErrorDetail, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=detail).model_dump(mode="json", exclude_none=True)
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def from_validation(errors: Sequence[Mapping[str, Any]], *, prefix: Iterable[str | int] = ()) -> ErrorDetail:
    """The first pydantic/FastAPI validation error as an `ErrorDetail` (the others follow from fixing it)."""
    first = errors[0]
    kind = str(first["type"])
    code = _VALIDATION_CODES.get(kind) or ("wrong_type" if kind.endswith("_type") else "invalid_value")
    if code == "malformed_json":
        reason = first.get("ctx", {}).get("error", first["msg"])
        message = f"the body is not valid JSON: {reason} at character {first['loc'][-1]}"
        return ErrorDetail(code=code, message=message)
    path = [*prefix, *(part for part in first["loc"] if part not in _LOC_NOISE)]
    field = ".".join(map(str, path)) or None
    message = f"{field or 'the request body'}: {first['msg']}"
    if code == "missing_field" and field is None:
        message = "the request body is missing"
    elif kind in _OBJECT_TYPES:
        message = f"{field or 'the request body'}: should be a JSON object"
    elif code == "unknown_field":
        message = f"unknown field {field!r}"
    elif code == "too_many_items":
        ctx = first.get("ctx", {})
        message = f"{field}: {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are accepted per request"
    return ErrorDetail(code=code, message=message, field=field)


def install_error_handlers(app: FastAPI) -> None:
    """Route validation errors, HTTP errors, service refusals and crashes through the one shape."""

    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = from_validation(exc.errors())
        return error_response(400 if detail.code == "malformed_json" else 422, detail)

    async def on_http(request: Request, exc: HTTPException) -> JSONResponse:
        # FastAPI raises a bare 400 only for a body its JSON parser gave up on (e.g. nested too deeply).
        code = _HTTP_CODES.get(exc.status_code, "malformed_json" if exc.status_code == 400 else "http_error")
        return error_response(exc.status_code, ErrorDetail(code=code, message=str(exc.detail)), exc.headers)

    async def on_service(request: Request, exc: ServiceError) -> JSONResponse:
        headers = {"Retry-After": "1"} if exc.status == 503 else None
        return error_response(exc.status, exc.detail, headers)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        message = f"internal error ({type(exc).__name__}); the server log has the details"
        return error_response(500, ErrorDetail(code="internal_error", message=message))

    app.add_exception_handler(RequestValidationError, on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, on_http)  # type: ignore[arg-type]
    app.add_exception_handler(ServiceError, on_service)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, on_crash)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer with."""
    return {status: {"model": ErrorResponse, "description": _DESCRIPTIONS[status]} for status in statuses}


_DESCRIPTIONS = {
    400: "Malformed JSON (`malformed_json`), bytes that are not UTF-8 (`not_utf8`) or a lone surrogate escape "
    "(`invalid_unicode`).",
    413: "The body is over the size limit (`body_too_large`).",
    415: "The body is not `application/json` (`unsupported_media_type`).",
    422: "A field is missing, unknown, of the wrong type or empty, the batch is over its item limit, the "
    "article cannot be read (`unreadable_article`), or its extraction took longer than the budget per "
    "article and was abandoned (`article_timeout`).",
    500: "A bug in the server (`internal_error`).",
    503: "The models are still loading, or failed to load (`not_ready`); retry later.",
}
