"""The NER component whose weights are stored as 8-bit integers: precision of the packing, file size, and
that what it writes (or what spaCy's own `ner` wrote) loads back and predicts the same."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.language import Language
from spacy.training import Example

from extractor.chinese.compact_ner import FACTORY, CompactEntityRecognizer, pack, unpack
from extractor.training.corpus import read_tagged, to_doc

TAGGED = "王 B-PER\n建 I-PER\n国 I-PER\n在 O\n广 B-LOC\n州 I-LOC\n\n新 B-ORG\n华 I-ORG\n社 I-ORG\n报 O\n道 O\n"
TEXTS = ["王建国在广州", "新华社报道", "李明在北京看新华社报道"]


def test_matrices_are_packed_by_row_within_half_a_step() -> None:
    weights = numpy.random.default_rng(0).normal(size=(6, 3, 4)).astype(numpy.float32)
    weights[2] = 0.0  # a row of zeros must not divide by zero
    weights[4] *= 1000.0  # one large row does not coarsen the others
    packed = pack(weights)
    assert isinstance(packed, dict) and packed["int8"].dtype == numpy.int8 and packed["scale"].shape == (6,)
    restored = unpack(packed)
    assert restored.dtype == numpy.float32 and restored.shape == weights.shape
    step = numpy.abs(weights).reshape(6, -1).max(axis=1) / 127
    error = numpy.abs(restored - weights).reshape(6, -1).max(axis=1)
    assert numpy.all(error <= step / 2 + 1e-6) and not restored[2].any()
    assert numpy.array_equal(unpack(pack(restored)), restored)  # packing what was unpacked changes nothing


def test_vectors_and_plain_arrays_pass_through() -> None:
    bias = numpy.arange(5, dtype=numpy.float32)
    assert pack(bias) is bias and unpack(bias) is bias


def _trained(factory: str) -> Language:
    spacy.util.fix_random_seed(0)  # predictions are compared exactly, so the start must not vary
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe(factory, name="ner")
    examples = [Example(nlp.make_doc(s.text), to_doc(nlp.vocab, s)) for s in read_tagged(TAGGED)]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(20):
        nlp.update(examples, sgd=optimizer)
    return nlp


def _ents(nlp: Language) -> list[list[tuple[str, str]]]:
    return [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(TEXTS)]


@pytest.fixture(scope="module")
def compact() -> Language:
    return _trained(FACTORY)


def test_written_with_a_quarter_of_the_bytes_and_loaded_by_spacy_load(compact: Language, tmp_path: Path) -> None:
    compact.to_disk(tmp_path / "compact")
    plain_bytes = len(compact.get_pipe("ner").model.to_bytes())
    assert (tmp_path / "compact" / "ner" / "model").stat().st_size < 0.3 * plain_bytes
    reloaded = spacy.load(tmp_path / "compact")
    assert isinstance(reloaded.get_pipe("ner"), CompactEntityRecognizer)
    assert _ents(reloaded) == _ents(compact)


def test_reads_a_model_written_by_spacys_own_ner(tmp_path: Path) -> None:
    plain = _trained("ner")
    plain.get_pipe("ner").to_disk(tmp_path / "ner")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe(FACTORY, name="ner").from_disk(tmp_path / "ner")
    assert _ents(nlp) == _ents(plain)
