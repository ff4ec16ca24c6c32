"""The HTTP service, exercised through a real server on loopback: `extractor serve` in a child process.

The server runs with small limits (set through the CLI options) so that going over them is cheap.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from extractor import Extractor, ModelNotAvailableError, article_from_parts, extract, parse_article, read_article
from extractor.cli import app as cli
from extractor.schema import result_schema
from extractor.service import ServiceProcess, ServiceSettings, create_app
from extractor.service.server import LOOPBACK, free_port
from tests.conftest import SEEDS

MAX_BODY = 200_000
MAX_ITEMS = 4
CHINESE = "鞍山钢铁公司经理李伟说，今年产量增加了百分之十二。"


@pytest.fixture(scope="module")
def server() -> Iterator[ServiceProcess]:
    with ServiceProcess("--max-body-bytes", str(MAX_BODY), "--max-batch-items", str(MAX_ITEMS)) as process:
        yield process


@pytest.fixture(scope="module")
def client(server: ServiceProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        yield http


def assert_error(response: httpx.Response, status: int, code: str, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert set(response.json()) == {"error"} and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert error.get("field") == field


def post_raw(client: httpx.Client, body: bytes, content_type: str = "application/json") -> httpx.Response:
    return client.post("/v1/extract", content=body, headers={"content-type": content_type})


def test_health_readiness_and_schema(client: httpx.Client) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/readyz").json()["status"] == "ready"
    assert client.get("/v1/schema").json() == result_schema()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_library_cli_and_service_give_identical_results(client: httpx.Client, seed: Path) -> None:
    by_library = extract(seed).model_dump(mode="json")
    printed = CliRunner().invoke(cli, ["extract", str(seed)])
    assert printed.exit_code == 0, printed.output
    served = client.post("/v1/extract", json={"text": seed.read_text(encoding="utf-8"), "id": seed.stem})
    assert served.status_code == 200, served.text
    assert json.loads(printed.stdout) == by_library
    assert served.json() == by_library


def test_parts_form_matches_the_library(client: httpx.Client) -> None:
    article = read_article(SEEDS[1])
    meta = {"title": article.title, "date": str(article.date), "page": article.page, "authors": article.authors}
    body = {"en": article.en, "zh": article.zh, "meta": meta, "id": "parts"}
    expected = extract(article_from_parts("parts", en=article.en, zh=article.zh, meta={**meta, "date": article.date}))
    served = client.post("/v1/extract", json=body)
    assert served.status_code == 200, served.text
    assert served.json() == expected.model_dump(mode="json")
    assert served.json()["article"]["date"] == str(article.date)


def test_text_without_id_gets_the_library_id(client: httpx.Client) -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    assert client.post("/v1/extract", json={"text": text}).json()["id"] == extract(text).id


def test_unknown_meta_fields_become_a_warning(client: httpx.Client) -> None:
    served = client.post("/v1/extract", json={"zh": CHINESE, "meta": {"page": 2, "section": "要闻"}})
    assert served.status_code == 200, served.text
    assert served.json()["article"]["page"] == 2
    assert any("section" in warning for warning in served.json()["warnings"])


def test_view_returns_the_self_contained_page(client: httpx.Client) -> None:
    seed = SEEDS[0]
    response = client.post("/v1/view", json={"text": seed.read_text(encoding="utf-8"), "id": seed.stem})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert "施国良" in page and "Shi Guoliang" in page and "<script src" not in page and "<link " not in page
    assert_error(client.post("/v1/view", json={"text": ""}), 422, "empty_text", "text")


def test_batch_answers_every_item_in_order(client: httpx.Client) -> None:
    seed = SEEDS[0].read_text(encoding="utf-8")
    items: list[Any] = [{"text": seed, "id": "seed"}, 5, {"text": "  \n"}, {"zh": CHINESE, "id": "zh"}]
    served = client.post("/v1/extract/batch", json={"items": items})
    assert served.status_code == 200, served.text
    slots = served.json()["items"]
    assert len(slots) == 4
    assert slots[0] == {"result": extract(parse_article(seed, article_id="seed")).model_dump(mode="json")}
    assert slots[1]["error"]["code"] == "wrong_type" and slots[1]["error"]["field"] == "items.1"
    assert slots[2]["error"]["code"] == "empty_text" and slots[2]["error"]["field"] == "items.2.text"
    assert slots[3]["result"]["id"] == "zh" and slots[3]["result"]["article"]["zh"] == CHINESE


def test_batch_item_the_reader_refuses_spoils_only_its_slot(client: httpx.Client) -> None:
    items = [{"text": "### 只有标题"}, {"text": "Production rose by 12 percent.", "id": "ok"}]
    slots = client.post("/v1/extract/batch", json={"items": items}).json()["items"]
    assert slots[0]["error"]["code"] == "unreadable_article" and slots[0]["error"]["field"] == "items.0"
    assert slots[1]["result"]["id"] == "ok"


def test_batch_over_the_item_limit_is_refused(client: httpx.Client) -> None:
    served = client.post("/v1/extract/batch", json={"items": [{"text": "a"}] * (MAX_ITEMS + 1)})
    assert_error(served, 422, "too_many_items", "items")


BAD_BODIES: list[tuple[str, bytes, str, int, str, str | None]] = [
    ("malformed json", b'{"text": ', "application/json", 400, "malformed_json", None),
    ("nesting too deep to parse", b"[" * 100_000, "application/json", 400, "malformed_json", None),
    ("not utf-8", b'{"text": "caf\xe9"}', "application/json", 400, "not_utf8", None),
    ("gb18030 chinese", f'{{"text": "{CHINESE}"}}'.encode("gb18030"), "application/json", 400, "not_utf8", None),
    ("lone surrogate escape", b'{"text": "a\\ud800b"}', "application/json", 400, "invalid_unicode", None),
    ("not json", b"text=hello", "application/x-www-form-urlencoded", 415, "unsupported_media_type", None),
    ("no body", b"", "application/json", 422, "missing_field", None),
    ("not an object", b"[1, 2]", "application/json", 422, "wrong_type", None),
    ("text of wrong type", b'{"text": 5}', "application/json", 422, "wrong_type", "text"),
    ("id of wrong type", b'{"text": "a", "id": 7}', "application/json", 422, "wrong_type", "id"),
    ("empty text", b'{"text": ""}', "application/json", 422, "empty_text", "text"),
    ("blank text", b'{"text": " \\n\\t "}', "application/json", 422, "empty_text", "text"),
    ("blank english", b'{"en": "   "}', "application/json", 422, "empty_text", "en"),
    ("neither en nor zh", b'{"meta": {"title": "T"}}', "application/json", 422, "empty_text", None),
    ("unknown field", b'{"text": "a", "lang": "en"}', "application/json", 422, "unknown_field", "lang"),
    ("page as a string", b'{"en": "a", "meta": {"page": "3"}}', "application/json", 422, "wrong_type", "meta.page"),
    (
        "impossible date",
        b'{"en": "a", "meta": {"date": "1950-02-30"}}',
        "application/json",
        422,
        "wrong_type",
        "meta.date",
    ),
    ("heading without text", '{"text": "### 只有标题"}'.encode(), "application/json", 422, "unreadable_article", None),
]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code", "field"),
    [case[1:] for case in BAD_BODIES],
    ids=[case[0] for case in BAD_BODIES],
)
def test_bad_input_gets_a_clear_4xx(
    client: httpx.Client, body: bytes, content_type: str, status: int, code: str, field: str | None
) -> None:
    assert_error(post_raw(client, body, content_type), status, code, field)


def test_batch_body_of_wrong_shape(client: httpx.Client) -> None:
    assert_error(client.post("/v1/extract/batch", json={"items": {"text": "a"}}), 422, "wrong_type", "items")
    assert_error(client.post("/v1/extract/batch", json={}), 422, "missing_field", "items")


def test_surrogate_pair_escape_is_valid_unicode(client: httpx.Client) -> None:
    served = post_raw(client, b'{"text": "Smile \\ud83d\\ude00"}')
    assert served.status_code == 200 and served.json()["article"]["en"] == "Smile \U0001f600"


def test_body_over_the_limit_is_refused_by_its_declared_length(client: httpx.Client) -> None:
    body = json.dumps({"text": "a" * MAX_BODY}).encode()
    assert_error(post_raw(client, body), 413, "body_too_large")


def test_body_over_the_limit_is_refused_when_streamed_without_a_length(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(MAX_BODY // 10_000 + 1):
            yield b"a" * 10_000
        yield b'"}'

    assert_error(
        client.post("/v1/extract", content=chunks(), headers={"content-type": "application/json"}),
        413,
        "body_too_large",
    )


def test_huge_declared_length_is_refused_before_the_body_is_sent(server: ServiceProcess) -> None:
    request = (
        f"POST /v1/extract HTTP/1.1\r\nHost: {LOOPBACK}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {10**9}\r\n\r\n"
    ).encode()
    with socket.create_connection((LOOPBACK, server.port), timeout=30) as connection:
        connection.sendall(request)
        response = http.client.HTTPResponse(connection)
        response.begin()
        body = json.loads(response.read())
    assert response.status == 413 and body["error"]["code"] == "body_too_large"


def test_unknown_routes_and_methods_use_the_error_shape(client: httpx.Client) -> None:
    assert_error(client.get("/v2/extract"), 404, "not_found")
    refused = client.get("/v1/extract")
    assert_error(refused, 405, "method_not_allowed")
    assert refused.headers["allow"] == "POST"


def test_openapi_documents_models_errors_and_limits(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    extract_op = document["paths"]["/v1/extract"]["post"]
    ok = extract_op["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/ExtractionResult"}
    for status in ("400", "413", "415", "422", "503"):
        schema = extract_op["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}
    schemas = document["components"]["schemas"]
    assert schemas["BatchRequest"]["properties"]["items"]["maxItems"] == MAX_ITEMS
    codes = set(schemas["ErrorDetail"]["properties"]["code"]["enum"])
    assert {case[4] for case in BAD_BODIES} | {"body_too_large", "too_many_items", "not_ready"} <= codes
    assert "HTTPValidationError" not in schemas


def test_health_answers_while_a_batch_is_extracting(client: httpx.Client, server: ServiceProcess) -> None:
    article = read_article(max(SEEDS, key=lambda path: path.stat().st_size))
    item = {"en": "\n\n".join([article.en or ""] * 2), "zh": "\n\n".join([article.zh or ""] * 2)}
    answered: list[int] = []
    with ThreadPoolExecutor(max_workers=1) as pool, httpx.Client(base_url=server.url, timeout=30) as other:
        batch = pool.submit(client.post, "/v1/extract/batch", json={"items": [item] * 2})
        while not batch.done():
            answered.append(other.get("/healthz").status_code)
            time.sleep(0.1)
        assert batch.result().status_code == 200
    # The batch takes seconds of CPU; health checks kept being answered all along.
    assert len(answered) >= 5 and set(answered) == {200}


def test_docs_load_nothing_from_elsewhere(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(url.startswith("/docs-assets/") for url in assets)
    assert all(client.get(url).status_code == 200 for url in assets)


def test_the_server_survived_everything(server: ServiceProcess, client: httpx.Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert "Traceback" not in server.log()


class GatedExtractor(Extractor):
    """Loads nothing until the test opens the gate, then succeeds or fails as a missing model would."""

    def __init__(self, gate: threading.Event, *, fail: bool = False) -> None:
        super().__init__(ServiceSettings())
        self.gate, self.fail = gate, fail

    def load(self) -> Extractor:
        self.gate.wait(timeout=60)
        if self.fail:
            raise ModelNotAvailableError("no such model: en_core_web_test")
        return self


@contextmanager
def served_in_thread(extractor: Extractor) -> Iterator[httpx.Client]:
    """A real uvicorn server in a thread of this process, serving an app built around `extractor`."""
    port = free_port()
    app = create_app(ServiceSettings(), extractor=extractor)
    config = uvicorn.Config(app, host=LOOPBACK, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://{LOOPBACK}:{port}", timeout=30) as http:
            yield http
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def poll(http: httpx.Client, path: str, until: Callable[[httpx.Response], bool]) -> httpx.Response:
    deadline = time.monotonic() + 30
    while not until(response := http.get(path)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return response


def test_not_ready_until_the_models_are_loaded() -> None:
    gate = threading.Event()
    try:
        with served_in_thread(GatedExtractor(gate)) as http:
            assert http.get("/healthz").json()["status"] == "ok"
            waiting = http.get("/readyz")
            assert_error(waiting, 503, "not_ready")
            assert waiting.headers["retry-after"] == "1"
            assert_error(http.post("/v1/extract", json={"text": "a"}), 503, "not_ready")
            gate.set()
            assert poll(http, "/readyz", lambda r: r.status_code == 200).json()["status"] == "ready"
    finally:
        gate.set()


def test_a_failed_load_is_reported_by_readyz() -> None:
    gate = threading.Event()
    gate.set()
    with served_in_thread(GatedExtractor(gate, fail=True)) as http:
        failed = poll(http, "/readyz", lambda r: "en_core_web_test" in r.text)
        assert_error(failed, 503, "not_ready")
        assert "en_core_web_test" in failed.json()["error"]["message"]
        assert http.get("/healthz").status_code == 200


def test_each_worker_process_loads_its_own_models() -> None:
    with ServiceProcess(workers=2) as server, httpx.Client(base_url=server.url, timeout=60) as http:
        assert len(server.ready_workers) == 2  # two processes, each answered /readyz after loading
        assert all(http.post("/v1/extract", json={"text": "Output rose 12%."}).status_code == 200 for _ in range(4))
