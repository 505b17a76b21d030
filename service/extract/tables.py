"""The rule data tables in ``service/extract/data/``: one place that finds and reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_yaml(name: str) -> Any:
    """The parsed YAML table ``data/<name>`` (callers cache what they build from it)."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
