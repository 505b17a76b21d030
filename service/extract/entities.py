"""Named entities: spaCy NER spans, cleaned, then grouped into real-world things. (first cut)"""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Analysis, Entity, Mention

_NOT_ENTITIES = {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}


def extract_entities(doc: Doc, result: Analysis) -> list[Entity]:
    groups: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ in _NOT_ENTITIES:
            continue
        key = ent.text.lower()
        if key not in groups:
            groups[key] = Entity(f"E{len(groups) + 1}", ent.text, ent.label_, 0.0, [])
        groups[key].mentions.append(Mention(ent.text, ent.start_char, ent.end_char))
    total = sum(len(e.mentions) for e in groups.values()) or 1
    for e in groups.values():
        e.salience = round(len(e.mentions) / total, 4)
    return list(groups.values())
