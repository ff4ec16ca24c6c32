"""Flat Parquet tables from a run's JSONL, for DuckDB, pandas or any Arrow reader.

`articles` holds each article's metadata, texts and warnings; every record list of the result
(`mentions`, `people`, `roles`, `units`, `places`, `percentages`, `figures`, `links`) becomes a
table of the same name whose rows are the records plus `article_id`. Columns are derived from the
Pydantic models, so a field added there appears here unchanged. The export streams: memory holds
one chunk of articles, however long the JSONL.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from extractor.records import Article, ExtractionResult
from extractor.runfile import read_results

ARTICLES = "articles"
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
}


@dataclass
class _Table:
    name: str
    schema: pa.Schema
    as_json: frozenset[str]
    """Columns whose type has no Arrow counterpart here, stored as JSON text."""
    writer: pq.ParquetWriter
    rows: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_arrays(self._columns(), schema=self.schema))
            self.written += len(self.rows)
            self.rows.clear()

    def _columns(self) -> list[pa.Array]:
        columns = []
        for column in self.schema:
            values = [row.get(column.name) for row in self.rows]
            if column.name in self.as_json:
                values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
            if pa.types.is_date(column.type):  # JSON carries ISO dates as text
                columns.append(pa.array(values, pa.string()).cast(column.type))
            else:
                columns.append(pa.array(values, column.type))
        return columns


def record_tables() -> dict[str, type[BaseModel]]:
    """Each list-of-records field of the result, by name, with its record model."""
    tables = {}
    for name, info in ExtractionResult.model_fields.items():
        args = get_args(info.annotation)
        if (
            get_origin(info.annotation) is list
            and args
            and isinstance(args[0], type)
            and issubclass(args[0], BaseModel)
        ):
            tables[name] = args[0]
    return tables


def export_parquet(jsonl: Path, directory: Path, *, chunk: int = 1000) -> dict[str, int]:
    """Write `<directory>/<table>.parquet` for every table; returns the rows written per table.

    A cut-short last line (from a killed run) is left out; a damaged line stops the export with
    `DamagedLineError` naming it. The tables are written into a hidden temporary folder in `directory`
    and moved in only when all are complete, so a failed export leaves no table behind. Every table
    file is written, empty ones too, so queries over a table never fail for want of its file.
    """
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=directory))
    try:
        counts = _write_tables(jsonl, staging, chunk)
        for name in counts:
            os.replace(staging / f"{name}.parquet", directory / f"{name}.parquet")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _write_tables(jsonl: Path, directory: Path, chunk: int) -> dict[str, int]:
    article_fields = {name: info for name, info in Article.model_fields.items() if name != "warnings"}
    article_fields["warnings"] = ExtractionResult.model_fields["warnings"]
    layouts = {ARTICLES: article_fields} | {
        name: {"article_id": ExtractionResult.model_fields["id"], **model.model_fields}
        for name, model in record_tables().items()
    }
    tables = {name: _open(directory, name, fields) for name, fields in layouts.items()}
    try:
        for count, data in enumerate(_results(jsonl), start=1):
            article = data["article"]
            tables[ARTICLES].rows.append({**article, "warnings": data.get("warnings", [])})
            for name in layouts.keys() - {ARTICLES}:
                tables[name].rows.extend({"article_id": data["id"], **record} for record in data.get(name, []))
            if count % chunk == 0:
                for table in tables.values():
                    table.flush()
        for table in tables.values():
            table.flush()
    finally:
        for table in tables.values():
            table.writer.close()
    return {name: table.written for name, table in tables.items()}


def _open(directory: Path, name: str, fields: dict[str, Any]) -> _Table:
    columns, as_json = [], set()
    for column, info in fields.items():
        column_type, nullable = arrow_type(info.annotation)
        if column_type is None:
            column_type = pa.string()
            as_json.add(column)
        columns.append(pa.field(column, column_type, nullable=nullable))
    schema = pa.schema(columns)
    writer = pq.ParquetWriter(directory / f"{name}.parquet", schema, compression="zstd")
    return _Table(name=name, schema=schema, as_json=frozenset(as_json), writer=writer)


def arrow_type(annotation: Any) -> tuple[pa.DataType | None, bool]:
    """The Arrow type of a field's annotation and whether it may be null; None: no counterpart."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:  # constrained types such as NonNegativeInt
        return arrow_type(args[0])
    if origin in (Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        inner = arrow_type(present[0])[0] if len(present) == 1 else None
        return inner, True
    if origin is Literal:
        return pa.string(), False
    if origin is list:
        inner = arrow_type(args[0])[0]
        return (pa.list_(inner) if inner is not None else None), False
    return _SCALARS.get(annotation), False


def _results(jsonl: Path) -> Iterator[dict[str, Any]]:
    for result in read_results(jsonl):
        yield result.model_dump(mode="json")
