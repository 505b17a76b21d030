"""Temporal expressions: detection (``grammar``) and TIMEX3 normalisation (``normalize``).

Text-level and spaCy-free: the dates stage (``service/extract/dates.py``) feeds it the
text, the tagger's DATE/TIME spans, and per expression the tense and anchor date.
"""

from .grammar import Candidate, find_candidates
from .normalize import Context, Norm, day_of, normalize

__all__ = ["Candidate", "Context", "Norm", "day_of", "find_candidates", "normalize"]
