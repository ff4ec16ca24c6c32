"""The JSON Schema of the output contract, generated from the Pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.records import ExtractionResult

SCHEMA_FILE = "extraction-result.schema.json"


def result_schema() -> dict[str, Any]:
    schema = ExtractionResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text() -> str:
    return json.dumps(result_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SCHEMA_FILE
    path.write_text(schema_text(), encoding="utf-8")
    return path
