"""The ``entities`` section: named things, cleaned and grouped (``stage.extract_entities``)."""

from .stage import extract_entities, normalise, not_entity_labels

__all__ = ["extract_entities", "normalise", "not_entity_labels"]
