"""Monetary figures. Not built yet: see issue 4."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Analysis, Money


def extract_money(doc: Doc, result: Analysis) -> list[Money]:
    """Money in ``doc``. Empty until issue 4 lands."""
    return []
