"""Chinese extraction (placeholder until the Chinese pipeline lands: finds nothing)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from extractor.assemble import Found
from extractor.settings import Settings


class ChinesePipeline:
    lang = "zh"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def find(self, text: str) -> list[Found]:
        return []

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for _ in texts:
            yield []
