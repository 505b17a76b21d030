"""Reading annotated files and counting matches, shared by the scoring scripts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def published_of(doc: dict[str, Any]) -> dt.date | None:
    value = doc.get("published")
    return dt.date.fromisoformat(value) if value else None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class PRF:
    """Precision, recall and F1 from counts."""

    tp_pred: int = 0  # predictions that matched
    n_pred: int = 0
    tp_gold: int = 0  # gold items that were matched
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   (pred {self.tp_pred}/{self.n_pred}, gold {self.tp_gold}/{self.n_gold})"
        )
