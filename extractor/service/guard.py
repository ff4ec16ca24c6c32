"""Raw-body checks that must happen before anything parses a request body.

The size limit is enforced on the declared Content-Length and on the bytes actually received (a
chunked body has no length), so an oversized body is never held in memory beyond the limit. The
bytes must be strict UTF-8 and free of lone surrogate escapes (`"\\ud800"`): Python's JSON parser
accepts both, and such strings would later fail to encode, turning a bad request into a 500.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extractor.service.errors import ErrorCode, ErrorDetail, error_response

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# A JSON escape: `\uXXXX` (group 1 is the hex) or a backslash and one character; scanning escapes left
# to right keeps `\\u...` (an escaped backslash, then text) from being read as a \u escape.
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)


class BodyGuard:
    """ASGI middleware: refuse oversized, non-JSON and non-UTF-8 bodies, then replay the body."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, 413, "body_too_large", self._too_large(int(declared)))
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(scope, receive, send, 413, "body_too_large", self._too_large(None))
                return
            more = message.get("more_body", False)
        if body and (problem := _problem(bytes(body), headers.get("content-type", ""))):
            await self._refuse(scope, receive, send, *problem)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    def _too_large(self, declared: int | None) -> str:
        size = f"{declared:,} bytes" if declared is not None else "over the limit"
        return f"the body is {size}; the limit is {self.max_bytes:,} bytes per request"

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, code: ErrorCode, text: str
    ) -> None:
        await error_response(status, ErrorDetail(code=code, message=text))(scope, receive, send)


def _problem(body: bytes, content_type: str) -> tuple[int, ErrorCode, str] | None:
    """Why a non-empty body cannot be parsed as JSON text, or None."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        shown = media_type or "no Content-Type"
        return 415, "unsupported_media_type", f"send the body as application/json (got {shown})"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        return 400, "not_utf8", f"the body is not valid UTF-8 (byte {err.start} is 0x{body[err.start]:02x})"
    if (position := lone_surrogate(text)) is not None:
        return 400, "invalid_unicode", f"the body has an unpaired surrogate escape at character {position}"
    return None


def lone_surrogate(text: str) -> int | None:
    """Offset of the first `\\uD800`-`\\uDFFF` escape that is not half of a high+low pair, or None."""
    high_end: int | None = None  # end of a high-surrogate escape still waiting for its low half
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else None
        if high_end is not None:
            if match.start() == high_end and code is not None and 0xDC00 <= code <= 0xDFFF:
                high_end = None
                continue
            return high_end - 6
        if code is not None and 0xD800 <= code <= 0xDBFF:
            high_end = match.end()
        elif code is not None and 0xDC00 <= code <= 0xDFFF:
            return match.start()
    return high_end - 6 if high_end is not None else None
