"""Temporal expressions. Not built yet: see issue 5."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Analysis, TimeExpression


def extract_dates(doc: Doc, result: Analysis) -> list[TimeExpression]:
    """Time expressions in ``doc``, anchored on ``result.published``. Empty until issue 5 lands."""
    return []
