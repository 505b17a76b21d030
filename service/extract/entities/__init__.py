"""The ``entities`` section: named things, cleaned and grouped (``stage.extract_entities``)."""

from .grouping import normalise
from .lexicon import not_entity_labels
from .stage import extract_entities

__all__ = ["extract_entities", "normalise", "not_entity_labels"]
