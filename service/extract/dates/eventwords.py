"""The words that decide which event a date anchors (rule table ``data/events.yaml``)."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from ..tables import read_yaml

_NOUNS = frozenset({"NOUN", "PROPN"})


@functools.cache
def table(name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in read_yaml("events.yaml")[name])


@functools.cache
def _suffixes() -> tuple[str, ...]:
    return tuple(table("event_noun_suffixes"))


def is_event_noun(tok: Token) -> bool:
    """A noun that names something that happens: listed, or a common noun with a deverbal ending
    ("invasion", "settlement", "bombing") that is not listed as no event ("nation", "morning")."""
    if tok.pos_ not in _NOUNS:
        return False
    words = {tok.lemma_.lower(), tok.lower_}
    if words & table("event_nouns"):
        return True
    return (
        tok.pos_ == "NOUN"
        and tok.lower_.rstrip("s").endswith(_suffixes())
        and not words & table("not_event_nouns")
    )
