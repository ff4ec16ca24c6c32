from __future__ import annotations

import numpy
from thinc.api import Linear, NumpyOps, get_current_ops
from threadpoolctl import threadpool_info

from extractor.compute import model_ops, one_blas_thread


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_models_built_inside_multiply_with_numpy_and_keep_their_ops() -> None:
    with model_ops():
        layer = Linear(3, 2)
    assert isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis
    # what is built afterwards gets thinc's default again (blis); the layer keeps its own
    assert getattr(get_current_ops(), "use_blis", True)
    layer.initialize(X=numpy.zeros((1, 2), dtype="f"))
    weights, bias = layer.get_param("W"), layer.get_param("b")
    inputs = numpy.arange(8, dtype="f").reshape(4, 2)
    assert numpy.allclose(layer.predict(inputs), inputs @ weights.T + bias)


def test_one_blas_thread_inside_the_block_only() -> None:
    before = _blas_threads()
    with one_blas_thread():
        assert set(_blas_threads()) <= {1}
    assert _blas_threads() == before
