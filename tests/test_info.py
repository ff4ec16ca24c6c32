"""`extractor info --json` names a shipped Chinese NER pipeline that plain spaCy can load."""

from __future__ import annotations

import json
import subprocess
import sys


def test_info_reports_a_loadable_shipped_pipeline() -> None:
    done = subprocess.run([sys.executable, "-m", "extractor", "info", "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ner = json.loads(done.stdout)["zh_ner"]
    assert ner["present"] and sorted(ner["labels"]) == ["LOC", "ORG", "PER"]
    assert 0 < ner["size_bytes"] < 20_000_000  # three voting members of about 4.6 MB each (8-bit weights)
    assert set(ner["test"]["per_label"]) == {"LOC", "ORG", "PER"}  # from evaluation.json
    # A fresh interpreter with only spaCy imported: the embedding layer and the vote are found by entry point.
    code = f"import spacy; nlp = spacy.load({ner['path']!r}); print(nlp.pipe_names)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.returncode == 0 and "ner_vote" in loaded.stdout, loaded.stderr


def test_train_command_is_documented() -> None:
    command = [sys.executable, "-m", "extractor", "train", "zh-ner", "--help"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0 and "MSRA" in done.stdout
