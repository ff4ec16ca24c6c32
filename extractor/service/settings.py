"""The service's settings: the shared `Settings` plus the HTTP limits, read from the same environment."""

from __future__ import annotations

from pydantic import Field

from extractor.settings import ENV_PREFIX, Settings


class ServiceSettings(Settings):
    """Shared settings plus request limits (`EXTRACTOR_MAX_BODY_BYTES`, `EXTRACTOR_MAX_BATCH_ITEMS`)."""

    max_body_bytes: int = Field(default=1_000_000, gt=0, description="Request bodies over this many bytes get 413.")
    max_batch_items: int = Field(default=64, gt=0, description="Batches with more items than this are refused.")

    def to_env(self) -> dict[str, str]:
        """These settings as EXTRACTOR_* variables, the one channel uvicorn's worker processes share."""
        return {ENV_PREFIX + name.upper(): str(value) for name, value in self.model_dump().items()}
