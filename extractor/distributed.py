"""The Ray engine: the same extraction on a Ray cluster, through Ray Data and a pool of actors.

Each actor builds one `Extractor` in its constructor and runs `extract_chunk`, the function local
runs use, so a Ray run writes the local run's output line for line. The driver lists the items
(an id and where the article is: small), and writes results in input order as they stream back,
so resuming, the errors file and Ctrl-C behave as in local runs. Workers open the input paths
themselves, relative to the driver's working directory: on a real cluster they must see the same
filesystem as the driver.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from collections.abc import Generator, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.pipeline import Extractor
from extractor.runs.sources import Item
from extractor.runs.workers import Done, chunked, extract_chunk
from extractor.settings import Settings

if TYPE_CHECKING:
    import pyarrow as pa

INSTALL_HINT = 'the Ray engine needs Ray: pip install -e ".[ray]" (ray[data]>=2.9)'


MAX_BLOCK_ITEMS = 256


class RayNotInstalledError(ExtractorError, ImportError):
    """`--engine ray` was asked for but Ray is not installed; the message says how to install it."""


def run_ray(
    settings: Settings, items: Iterable[Item], *, actors: int, address: str | None = None
) -> Generator[Done, None, None]:
    """Extract `items` with `actors` Ray actors, yielding results in input order.

    Joins the running Ray instance (or the cluster at `address`); otherwise starts a local one
    for the run and stops it afterwards. The item list is held in the driver as one Arrow table
    (about 100 bytes an item: an id and a path), which Ray Data cuts into blocks.
    """
    ray, data = _import_ray()
    import pyarrow as pa

    started = not ray.is_initialized()
    if started:
        cpus = None if address else max(actors, os.cpu_count() or 1)
        ray.init(address=address, num_cpus=cpus, include_dashboard=False, logging_level=logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # the CLI reports progress itself
    try:
        schema = _item_schema(pa)
        parts = [
            pa.Table.from_pylist([dataclasses.asdict(i) for i in chunk], schema=schema)
            for chunk in chunked(items, 10_000)
        ]
        if not parts:
            return
        table = pa.concat_tables(parts)
        # Blocks are what actors are handed and the unit results come back in: several per actor
        # spread the work and keep results streaming to the output.
        size = max(settings.batch_size, min(MAX_BLOCK_ITEMS, math.ceil(table.num_rows / (8 * actors))))
        blocks = [table.slice(start, size) for start in range(0, table.num_rows, size)]
        context = data.DataContext.get_current()
        context.execution_options.preserve_order = True  # output order = input order, as locally
        context.enable_progress_bars = False  # the CLI draws its own
        results = data.from_arrow(blocks).map_batches(
            ExtractActor,
            fn_constructor_kwargs={"settings": settings, "cwd": os.getcwd()},
            batch_size=settings.batch_size,
            batch_format="pyarrow",
            compute=data.ActorPoolStrategy(size=actors),
            num_cpus=1,
        )
        for batch in results.iter_batches(batch_size=None, batch_format="pyarrow"):
            columns = [batch.column(name).to_pylist() for name in ("id", "status", "json")]
            for article_id, status, line in zip(*columns, strict=True):
                yield Done(id=article_id, status=status, json=line)
    except ray.exceptions.RayError as err:  # e.g. actors that cannot load the models; Ray logged the details
        first_line = str(err).strip().split("\n", 1)[0]
        raise ExtractorError(f"the Ray run stopped: {type(err).__name__}: {first_line}") from err
    finally:
        if started:
            ray.shutdown()


class ExtractActor:
    """One Ray actor: loads the pipelines once, then extracts each batch of items it is handed."""

    def __init__(self, settings: Settings, cwd: str) -> None:
        if os.path.isdir(cwd):  # relative input paths mean what they mean to the driver
            os.chdir(cwd)
        self.extractor = Extractor(settings).load()

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        done = extract_chunk(self.extractor, [Item(**row) for row in batch.to_pylist()])
        return pa.table(
            {
                "id": pa.array([d.id for d in done], pa.string()),
                "status": pa.array([d.status for d in done], pa.string()),
                "json": pa.array([d.json for d in done], pa.large_string()),
            }
        )


def _item_schema(pa: Any) -> pa.Schema:
    return pa.schema(
        [("id", pa.string()), ("path", pa.string()), ("line", pa.int64()), ("offset", pa.int64()), ("raw", pa.binary())]
    )


def _import_ray() -> tuple[ModuleType, ModuleType]:
    try:
        import ray
        import ray.data
        import ray.exceptions
    except ImportError as err:
        raise RayNotInstalledError(INSTALL_HINT) from err
    return ray, ray.data
