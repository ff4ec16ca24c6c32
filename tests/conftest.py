from __future__ import annotations

from pathlib import Path

import pytest

from extractor import ExtractionResult, Extractor, Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Settings())


@pytest.fixture(scope="session")
def seed_results(extractor: Extractor) -> dict[str, ExtractionResult]:
    return {result.id: result for result in map(extractor.extract, SEEDS)}
