"""The model file: written whole (never half), read by ingest."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .build import model_bytes


def model_write(model: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".theme-model-", delete=False) as handle:
        handle.write(model_bytes(model))
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)
