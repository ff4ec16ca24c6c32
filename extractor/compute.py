"""How the spaCy models multiply matrices: numpy's OpenBLAS on one thread, instead of thinc's blis.

thinc's NumpyOps multiplies with blis by default. On the machine measured, numpy's OpenBLAS does the
same products of the Chinese NER's layers in a third of the CPU time, with the same entities on the
seeds, the holdout and the dev corpus (bench/bench_chinese.py prints the rate). One thread, because
a worker process is the unit of parallelism: a second BLAS thread spends more CPU than it saves.
Models take their ops when they are built, so pipelines are loaded inside `model_ops()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from thinc.api import NumpyOps, use_ops
from threadpoolctl import ThreadpoolController


@contextmanager
def model_ops() -> Iterator[None]:
    """Models built inside this block multiply with numpy (OpenBLAS), not blis."""
    with use_ops(NumpyOps.name, use_blis=False):
        yield


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with OpenBLAS on one thread (restored afterwards)."""
    with _controller().limit(limits=1, user_api="blas"):
        yield


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()
