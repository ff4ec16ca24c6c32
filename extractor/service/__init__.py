"""The HTTP service: `extractor serve`, or `create_app()` for any ASGI server.

POST /v1/extract and /v1/extract/batch, GET /v1/schema, /healthz and /readyz; see the README.
"""

from extractor.service.app import create_app
from extractor.service.server import ServiceProcess, serve
from extractor.service.settings import ServiceSettings

__all__ = ["ServiceProcess", "ServiceSettings", "create_app", "serve"]
