"""The model file: written whole (never half), read by ingest."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from ..parsing.theme_model import MODEL_FORMAT
from .build import BuildSettings, model_bytes


def model_write(model: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".theme-model-", delete=False) as handle:
        handle.write(model_bytes(model))
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)


def model_is_current(path: Path) -> bool:
    """Whether the file holds a model this version would build the same way: its format and the
    settings it was learned with. A model an older version built is not (`--if-missing` replaces it)."""
    try:
        model = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return (
        isinstance(model, dict)
        and model.get("format") == MODEL_FORMAT
        and model.get("settings") == asdict(BuildSettings())
    )
