"""Reading annotated files and counting matches, shared by the scoring scripts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Directory where ``parse`` keeps each parsed text (a spaCy DocBin file per text), so that a
#: developer re-scoring after a rule change does not re-run the statistical pipeline. Unset: no cache.
DOC_CACHE_ENV = "NEWSFACTS_DOC_CACHE"


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def parse(nlp: Any, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
    """``nlp.pipe(texts)``; with ``$NEWSFACTS_DOC_CACHE`` set, each Doc is read from (or written to)
    that directory, under a hash of the model's name, version and the text."""
    cache = os.environ.get(DOC_CACHE_ENV)
    if not cache:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    from spacy.tokens import DocBin

    folder = Path(cache)
    folder.mkdir(parents=True, exist_ok=True)
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    for text in texts:
        path = folder / (hashlib.sha1(f"{model}\0{text}".encode()).hexdigest() + ".spacy")
        if path.exists():
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if len(docs) == 1 and docs[0].text == text:
                yield docs[0]
                continue
        doc = nlp(text)
        partial = path.with_suffix(f".{os.getpid()}.part")
        DocBin(docs=[doc]).to_disk(partial)
        os.replace(partial, path)  # atomic: another scoring run may read the same folder
        yield doc


def parse_one(nlp: Any, text: str) -> Any:
    """One text through ``parse`` (and its cache)."""
    return next(parse(nlp, [text]))


def published_of(doc: dict[str, Any]) -> dt.date | None:
    value = doc.get("published")
    return dt.date.fromisoformat(value) if value else None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_by_overlap(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of overlapping spans, largest overlap first
    (ties: earliest first), each span used at most once."""
    candidates = sorted(
        (-overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if overlap(p, g) > 0
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


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

    def add(self, n_pred: int, n_gold: int, tp_pred: int, tp_gold: int | None = None) -> None:
        """Count one document: its predictions, its gold items, and how many of each matched
        (the same number on both sides for a one-to-one matching)."""
        self.n_pred += n_pred
        self.n_gold += n_gold
        self.tp_pred += tp_pred
        self.tp_gold += tp_pred if tp_gold is None else tp_gold

    def line(self, name: str) -> str:
        return (
            f"{name:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   (pred {self.tp_pred}/{self.n_pred}, gold {self.tp_gold}/{self.n_gold})"
        )
