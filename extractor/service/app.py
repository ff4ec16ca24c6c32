"""The FastAPI application: routes that translate HTTP requests into `Extractor` calls.

Each worker process starts a child that loads the models once (see `Engine`), so `/healthz` answers
while they load and `/readyz` says when they are in. Extraction is CPU-bound: it runs one request at a
time, waited for in a worker thread, which keeps the event loop free to answer health checks during
a long batch.
"""

# No `from __future__ import annotations`: FastAPI must see the batch route's body model, which is
# built per app (its item limit is a setting), as an object rather than as a name it cannot resolve.
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Annotated, Any

import anyio
import swagger_ui_bundle
from fastapi import Body, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from extractor.budget import BudgetExceeded, ChildDied, ExtractionProcess
from extractor.errors import ExtractorError
from extractor.pipeline import Extractor
from extractor.records import Article, ExtractionResult, Failure
from extractor.schema import result_schema
from extractor.service.errors import ErrorDetail, ServiceError, install_error_handlers, logger, responses
from extractor.service.guard import BodyGuard
from extractor.service.models import BatchResponse, ExtractRequest, Status, batch_request_model
from extractor.service.settings import ServiceSettings
from extractor.service.translate import error_slot, extract_articles, prepare_batch, result_slot, to_article
from extractor.view import render_article

# The page fetches nothing: inline style and script only.
DOCS_ASSETS = "/docs-assets"
VIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


class Engine:
    """Where extraction runs, one request at a time, loaded once in the background.

    By default a child process (`extractor.budget`) holds the models, so an article that overruns
    `article_timeout` is abandoned (the child is killed and a new one loads) and the server goes on.
    An `Extractor` handed to `create_app` (tests) runs in this process instead, without a budget.
    """

    def __init__(self, settings: ServiceSettings, extractor: Extractor | None = None) -> None:
        self.reader = extractor or Extractor(settings)
        """Reads requests into articles here; loads no model unless it is the one handed in."""
        self.budget = settings.article_timeout or None
        self._local = extractor
        self._process = None if extractor else ExtractionProcess(settings)
        self.ready = threading.Event()
        self.failure: str | None = None
        self._limiter: anyio.CapacityLimiter | None = None

    def start(self) -> None:
        """Start loading; called from the lifespan, inside the event loop the limiter belongs to."""
        self._limiter = anyio.CapacityLimiter(1)
        threading.Thread(target=self._load, name="extractor-load", daemon=True).start()

    def stop(self) -> None:
        if self._process is not None:
            self._process.stop()

    def _load(self) -> None:
        try:
            if self._process is not None:
                self._process.start().wait_ready()
            else:
                self.reader.load()
        except Exception as err:  # kept for /readyz: the process stays up to say why it is not ready
            self.failure = str(err) if isinstance(err, ExtractorError) else f"{type(err).__name__}: {err}"
            logger.error("loading the extraction models failed: %s", self.failure)
        else:
            self.ready.set()

    def check_ready(self) -> None:
        if not self.ready.is_set():
            reason = f"model loading failed: {self.failure}" if self.failure else "the models are still loading"
            raise ServiceError(503, "not_ready", reason)

    async def extract(self, articles: list[Article]) -> list[ExtractionResult | ErrorDetail]:
        """Each article's result, or the error that stopped it, in order, after every request queued before."""
        self.check_ready()
        return await anyio.to_thread.run_sync(self._extract, articles, limiter=self._limiter)

    async def extract_one(self, article: Article) -> ExtractionResult:
        """One article's result; its error as a `ServiceError`."""
        [done] = await self.extract([article])
        if isinstance(done, ErrorDetail):
            raise ServiceError(422 if done.code == "article_timeout" else 500, done.code, done.message)
        return done

    def _extract(self, articles: list[Article]) -> list[ExtractionResult | ErrorDetail]:
        try:
            if self._process is None:
                done = extract_articles(self.reader, articles)
            else:
                done = self._process.call(extract_articles, articles, timeout=self.budget)
        except Exception as err:  # a slow or broken article: redo one at a time so only its slot says so
            if len(articles) > 1:
                return [item for article in articles for item in self._extract([article])]
            return [self._failed(articles[0], err)]
        return [ErrorDetail(code="unreadable_article", message=d.error) if isinstance(d, Failure) else d for d in done]

    def _failed(self, article: Article, err: Exception) -> ErrorDetail:
        if isinstance(err, BudgetExceeded | ChildDied) and self._process is not None:
            self._process.start()  # the replacement loads now, not when the next request comes
        if isinstance(err, BudgetExceeded):
            logger.warning("abandoned article %s after %g s", article.id, self.budget)
            message = f"the article took longer than the {self.budget:g}-second budget per article; abandoned"
            return ErrorDetail(code="article_timeout", message=message)
        logger.error("extracting %s failed: %s: %s", article.id, type(err).__name__, err)
        return ErrorDetail(code="internal_error", message=f"internal error ({type(err).__name__})")


def create_app(settings: ServiceSettings | None = None, *, extractor: Extractor | None = None) -> FastAPI:
    """The service app; settings default to the EXTRACTOR_* environment (how uvicorn workers get them)."""
    settings = settings or ServiceSettings.from_env()
    engine = Engine(settings, extractor)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.start()
        try:
            yield
        finally:
            engine.stop()

    app = FastAPI(
        title="extractor",
        version=version("extractor"),
        description="Bilingual (English + Chinese) information extraction for People's Daily articles.",
        lifespan=lifespan,
        docs_url=None,  # served below from the installed Swagger UI files, not from a CDN
        redoc_url=None,
    )
    app.mount(DOCS_ASSETS, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="extractor: API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )

    app.add_middleware(BodyGuard, max_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    batch_model = batch_request_model(settings.max_batch_items)
    body_errors = responses(400, 413, 415, 422, 500, 503)

    @app.post("/v1/extract", response_model=ExtractionResult, responses=body_errors)
    async def extract(request: Annotated[ExtractRequest, Body()]) -> JSONResponse:
        """Extract one article, given as `{"text", "id"?}` or `{"en"?, "zh"?, "meta"?, "id"?}`."""
        engine.check_ready()
        result = await engine.extract_one(to_article(engine.reader, request))
        return JSONResponse(result.model_dump(mode="json"))

    @app.post("/v1/extract/batch", response_model=BatchResponse, responses=body_errors)
    async def extract_many(batch: batch_model) -> JSONResponse:  # type: ignore[valid-type]
        """Extract several articles; each item gets its result or its own error, in order."""
        engine.check_ready()
        slots = prepare_batch(engine.reader, batch.items)  # type: ignore[attr-defined]  # batch_model is built at run time
        done = iter(await engine.extract([slot for slot in slots if isinstance(slot, Article)]))
        items = [slot if not isinstance(slot, Article) else _slot(next(done)) for slot in slots]
        return JSONResponse({"items": items})

    page_response: dict[int | str, dict[str, Any]] = {
        200: {"description": "The page.", "content": {"text/html": {"schema": {"type": "string"}}}}
    }

    @app.post("/v1/view", response_model=None, responses={**page_response, **body_errors})
    async def view(request: Annotated[ExtractRequest, Body()]) -> HTMLResponse:
        """The side-by-side HTML view of one article (same body as /v1/extract); self-contained."""
        engine.check_ready()
        result = await engine.extract_one(to_article(engine.reader, request))
        page = await anyio.to_thread.run_sync(render_article, result)
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


def _slot(done: ExtractionResult | ErrorDetail) -> dict[str, Any]:
    return error_slot(done) if isinstance(done, ErrorDetail) else result_slot(done)
