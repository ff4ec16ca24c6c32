"""The FastAPI application: routes that translate HTTP requests into `Extractor` calls.

Each worker process loads the models once, in a background thread started by the lifespan handler,
so `/healthz` answers while they load and `/readyz` says when they are in. Extraction is CPU-bound:
it runs in a worker thread, one request at a time (spaCy pipelines are not shared between threads),
which keeps the event loop free to answer health checks during a long batch.
"""

# No `from __future__ import annotations`: FastAPI must see the batch route's body model, which is
# built per app (its item limit is a setting), as an object rather than as a name it cannot resolve.
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Body, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from extractor.pipeline import Extractor
from extractor.records import ExtractionResult
from extractor.schema import result_schema
from extractor.service.errors import ServiceError, install_error_handlers, logger, responses
from extractor.service.guard import BodyGuard
from extractor.service.models import BatchResponse, ExtractRequest, Status, batch_request_model
from extractor.service.settings import ServiceSettings
from extractor.service.translate import extract_batch, extract_one, view_one

# The page fetches nothing: inline style and script only.
VIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
T = TypeVar("T")


class Engine:
    """The worker's `Extractor`: loaded once in the background, then used by one request at a time."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.ready = threading.Event()
        self.failure: str | None = None
        self._limiter: anyio.CapacityLimiter | None = None

    def start(self) -> None:
        """Start loading; called from the lifespan, inside the event loop the limiter belongs to."""
        self._limiter = anyio.CapacityLimiter(1)
        threading.Thread(target=self._load, name="extractor-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self.extractor.load()
        except Exception as err:  # kept for /readyz: the process stays up to say why it is not ready
            self.failure = f"{type(err).__name__}: {err}"
            logger.exception("loading the extraction models failed")
        else:
            self.ready.set()

    def check_ready(self) -> None:
        if not self.ready.is_set():
            reason = f"model loading failed: {self.failure}" if self.failure else "the models are still loading"
            raise ServiceError(503, "not_ready", reason)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """`func(extractor, *args)` in a worker thread, after every request queued before it."""
        self.check_ready()
        return await anyio.to_thread.run_sync(func, self.extractor, *args, limiter=self._limiter)


def create_app(settings: ServiceSettings | None = None, *, extractor: Extractor | None = None) -> FastAPI:
    """The service app; settings default to the EXTRACTOR_* environment (how uvicorn workers get them)."""
    settings = settings or ServiceSettings.from_env()
    engine = Engine(extractor or Extractor(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.start()
        yield

    app = FastAPI(
        title="extractor",
        version=version("extractor"),
        description="Bilingual (English + Chinese) information extraction for People's Daily articles.",
        lifespan=lifespan,
    )
    app.add_middleware(BodyGuard, max_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    batch_model = batch_request_model(settings.max_batch_items)
    body_errors = responses(400, 413, 415, 422, 500, 503)

    @app.post("/v1/extract", response_model=ExtractionResult, responses=body_errors)
    async def extract(request: Annotated[ExtractRequest, Body()]) -> JSONResponse:
        """Extract one article, given as `{"text", "id"?}` or `{"en"?, "zh"?, "meta"?, "id"?}`."""
        return JSONResponse(await engine.run(extract_one, request))

    @app.post("/v1/extract/batch", response_model=BatchResponse, responses=body_errors)
    async def extract_many(batch: batch_model) -> JSONResponse:  # type: ignore[valid-type]
        """Extract several articles; each item gets its result or its own error, in order."""
        items = batch.items  # type: ignore[attr-defined]  # batch_model is built at run time
        return JSONResponse({"items": await engine.run(extract_batch, items)})

    page_response: dict[int | str, dict[str, Any]] = {
        200: {"description": "The page.", "content": {"text/html": {"schema": {"type": "string"}}}}
    }

    @app.post("/v1/view", response_model=None, responses={**page_response, **body_errors})
    async def view(request: Annotated[ExtractRequest, Body()]) -> HTMLResponse:
        """The side-by-side HTML view of one article (same body as /v1/extract); self-contained."""
        page = await engine.run(view_one, request)
        return HTMLResponse(page, headers={"Content-Security-Policy": VIEW_CSP})

    @app.get("/v1/schema", response_model=dict[str, Any])
    async def schema() -> dict[str, Any]:
        """The JSON Schema of one extraction result."""
        return result_schema()

    @app.get("/healthz", response_model=Status)
    async def healthz() -> Status:
        """The process is up (the models may still be loading)."""
        return Status(status="ok", worker=os.getpid())

    @app.get("/readyz", response_model=Status, responses=responses(503))
    async def readyz() -> Status:
        """The models are loaded and extraction requests will be served."""
        engine.check_ready()
        return Status(status="ready", worker=os.getpid())

    return app
