"""Who gets quoted: the article's quotes grouped by speaker, for the counts newsroom tools keep (source
diversity, how often each person or organisation is heard, in quotation marks or reported).

A speaker linked to an entity is counted under that entity, whatever words name them in each quote
("Sultan al-Jaber", "he", "the COP28 president"). A speaker no entity names is counted under its own
words, case aside ("officials", "the minister"); a pronoun speaker with no entity under the phrase it
refers to. A quote with no speaker, and one whose speaker is a pronoun that refers to nothing found
("I" in a quote no one is credited with), is not counted: there is no one to count it for. Scare quotes
have no speaker.
"""

from __future__ import annotations

from ..model import Entity, Quote, Source

_COUNTED = ("direct", "partial", "indirect")


def _unlinked_name(quote: Quote) -> str | None:
    speaker = quote.speaker
    if speaker is None:
        return None
    if speaker.resolution == "pronoun":
        return speaker.antecedent.text if speaker.antecedent is not None else None
    return speaker.text


def roll_up(quotes: list[Quote], entities: list[Entity]) -> list[Source]:
    """One :class:`Source` per speaker, most quoted first (ties: the first quoted first)."""
    by_id = {e.id: e for e in entities}
    sources: dict[str, Source] = {}
    for quote in quotes:
        if quote.kind not in _COUNTED or quote.speaker is None:
            continue
        entity = by_id.get(quote.speaker.entity or "")
        if entity is not None:
            key = "\0" + entity.id
            made = Source(entity=entity.id, name=entity.name, type=entity.type)
        else:
            name = _unlinked_name(quote)
            if not name:
                continue
            key = " ".join(name.split()).casefold()
            made = Source(entity=None, name=" ".join(name.split()), type=None)
        source = sources.setdefault(key, made)
        source.quotes.append(quote.id)
        setattr(source, quote.kind, getattr(source, quote.kind) + 1)
    return sorted(sources.values(), key=lambda s: -len(s.quotes))  # stable: ties keep text order
