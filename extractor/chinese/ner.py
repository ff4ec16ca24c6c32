"""Statistical Chinese NER: the project's own spaCy pipeline, trained on MSRA and shipped in the package.

The pipeline reads character tokens. Single characters carry little meaning in Chinese, so its
embedding layer (`extractor.ZhCharLexiconEmbed.v1`, registered here and named in the pipeline's
config) also hashes each character's left and right bigram and its trigram, which is how the model
sees the words a name is made of without needing a segmenter, and the known words it sits in
(name_lexicon), which is how it meets names it was not trained on. Importing this module registers
the layer, which `spacy.load` needs before it can read the shipped pipeline (the package also
declares it as a `spacy_architectures` entry point).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import cast

import numpy
import spacy
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]  # in spaCy's Cython module, not its stubs
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from extractor.chinese.compact_ner import FACTORY as COMPACT_NER
from extractor.chinese.name_lexicon import CATEGORIES, FEATURE_NAMES, lexicon_codes
from extractor.compute import model_ops
from extractor.errors import ModelNotAvailableError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "zh_ner"
ENTITY_TYPES = {"PER": "person", "LOC": "place", "ORG": "unit"}
FEATURES = ("char", "left bigram", "right bigram", "trigram", "kind")
_EDGE = "\x02"
_FEATURES_KEY = "extractor.zh_ner.features"


def char_kind(char: str) -> str:
    """A coarse class (digit, numeral, Han, Latin, space, punctuation) that generalises to unseen characters."""
    if char.isdigit():
        return "d"
    if char.isnumeric():
        return "n"
    if char.isalpha():
        return "h" if "\u3400" <= char <= "\u9fff" else "x"
    return "s" if char.isspace() else "p"


def ngram_features(chars: Sequence[str]) -> numpy.ndarray:
    """One row of hashed FEATURES per token, in that order (uint64, shape (len(chars), len(FEATURES)))."""
    padded = [_EDGE, *chars, _EDGE]
    rows = [
        (
            hash_string(cur),
            hash_string(prev + cur),
            hash_string(cur + nxt),
            hash_string(prev + cur + nxt),
            hash_string(char_kind(cur[:1])),
        )
        for prev, cur, nxt in zip(padded, padded[1:], padded[2:], strict=False)
    ]
    return numpy.array(rows, dtype="uint64").reshape((len(chars), len(FEATURES)))


def lexicon_columns(chars: Sequence[str]) -> numpy.ndarray:
    """Hashed dictionary features (name_lexicon.CATEGORIES), one row per token, read at its first character."""
    starts = numpy.cumsum([0, *(len(c) for c in chars[:-1])]) if chars else numpy.zeros(0, dtype=int)
    codes = lexicon_codes("".join(chars))[starts]
    return _lexicon_hashes()[numpy.arange(len(CATEGORIES)), codes].reshape((len(chars), len(CATEGORIES)))


def token_features(chars: Sequence[str]) -> numpy.ndarray:
    """Every hashed feature column of each token: FEATURES, then the name_lexicon CATEGORIES."""
    return numpy.hstack([ngram_features(chars), lexicon_columns(chars)])


@cache
def _lexicon_hashes() -> numpy.ndarray:
    """hash_string of each name of name_lexicon.FEATURE_NAMES, computed once (shape: categories x codes)."""
    return numpy.array([[hash_string(name) for name in names] for names in FEATURE_NAMES], dtype="uint64")


def doc_features(doc: Doc) -> numpy.ndarray:
    """token_features of the doc's tokens, computed once per doc: the voting members all read them."""
    features = doc.user_data.get(_FEATURES_KEY)
    if features is None:
        features = doc.user_data[_FEATURES_KEY] = token_features([token.text for token in doc])
    return features


def _extract_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], object]:
    features = [model.ops.asarray2i(cast(Ints2d, doc_features(doc)), dtype="uint64") for doc in docs]
    return features, lambda d_features: []


@registry.architectures("extractor.ZhCharLexiconEmbed.v1")
def zh_char_lexicon_embed(width: int, rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """Like spaCy's MultiHashEmbed, but over token_features instead of lexical attributes."""
    if len(rows) != len(FEATURES) + len(CATEGORIES):
        raise ValueError(f"rows needs one entry per feature {FEATURES + CATEGORIES}, got {len(rows)}")
    embeddings: list[Model[Ints2d, Floats2d]] = [
        HashEmbed(width, n_rows, column=column, seed=8 + column, dropout=0.0) for column, n_rows in enumerate(rows)
    ]
    extract: Model[list[Doc], list[Ints2d]] = Model("zh_char_ngram_features", _extract_forward)
    return chain(
        extract,
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(rows), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


def load_zh_ner(path: Path = MODEL_DIR, *, vote: bool = True) -> Language:
    """The shipped pipeline (labels PER, LOC, ORG); raises ModelNotAvailableError if it was not built.

    With vote=False, only its first NER member (less than half the time, 0.898 MSRA test F1 against
    the vote's 0.908), for runs where cost per article matters more.
    """
    if not (path / "config.cfg").is_file():
        raise ModelNotAvailableError(
            f"Chinese NER pipeline not found in {path}; build it with `extractor train zh-ner`"
        )
    exclude: list[str] = []
    if not vote:
        config = spacy.util.load_config(path / "config.cfg", interpolate=False)
        names = config["nlp"]["pipeline"]
        first = next(name for name in names if config["components"][name].get("factory") in ("ner", COMPACT_NER))
        exclude = [name for name in names if name != first]
    with model_ops():
        return spacy.load(path, exclude=exclude)


def entity_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The doc's entities as (start, end, type) character offsets, typed person/place/unit."""
    return [(ent.start_char, ent.end_char, ENTITY_TYPES[ent.label_]) for ent in doc.ents if ent.label_ in ENTITY_TYPES]
