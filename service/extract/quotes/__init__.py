"""The ``quotes`` section: quoted words and who said them (``stage.extract_quotes``).

Steps: ``marks`` (pair quotation marks), ``attribution`` (cue and speaker), ``resolve`` (entity
links, pronouns, nominals), over the indexes of ``context``; word lists in ``lexicon``.
"""

from .stage import extract_quotes

__all__ = ["extract_quotes"]
