"""The ``dates`` section: time expressions normalised to TIMEX3 values (``stage.extract_dates``).

Steps: ``grammar`` (find candidate expressions), ``normalize`` (TIMEX3 values against an anchor,
with ``calendar`` arithmetic and ``absolute`` numeric dates), then the stage dates the quotes'
cues (``quotes[].said_on``); word lists in ``lexicon``.
"""

from .stage import extract_dates

__all__ = ["extract_dates"]
