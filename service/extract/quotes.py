"""Direct quotes and their speakers. Not built yet: see issue 3."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Analysis, Quote


def extract_quotes(doc: Doc, result: Analysis) -> list[Quote]:
    """Quotes in ``doc``; speakers link to ``result.entities``. Empty until issue 3 lands."""
    return []
