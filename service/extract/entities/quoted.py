"""After the quote stage: first-person pronouns inside a quote are mentions of the quote's speaker.

The quote stage runs after the entities stage and links each speaker to an entity. Then, in the words
of a direct or partial quote, "I", "me", "my"... are mentions of a speaker that is a person, and "we",
"us", "our"... of a speaker that is an organisation or a country ("the ministry said"), or of the
organisation a person speaks for when one of their titles names it ("Apple CEO Steve Jobs", "GM
spokesman Tom Wilkinson"); the table ``quoted_pronouns`` says which pronoun goes with which kind of
speaker. A reported statement
("he said that we ...") is left alone: its first person is the reporter's.

The new mentions (kind ``pronoun``) count in salience like any other: when one is added, every
entity's salience is computed again, the entities are sorted and numbered again, and each quote's
speaker follows its entity's new id.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from ..docindex import doc_index
from ..model import Analysis, Entity, Mention, Quote
from .lexicon import load_ref_rules, load_rules
from .mentions import TokMention
from .salience import byline_end_token, salience_scores

_QUOTE_KINDS = frozenset({"direct", "partial"})
_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
_OWNER_GLUE = frozenset({"", "'s", "’s"})  # between an organisation's name and a title it gives ("GM's")


def link_quoted_speakers(doc: Doc, result: Analysis, quotes: list[Quote]) -> None:
    """Add the first-person pronouns of each attributed quote to its speaker's entity in
    ``result.entities`` (then salience, order and ids again, and the speakers' entity ids)."""
    rules = load_ref_rules()
    by_id = {e.id: e for e in result.entities}
    index = doc_index(doc)
    spans: list[tuple[int, int]] | None = None
    starts: list[int] = []
    taken: set[int] = set()  # offsets of the pronouns added here
    added = False
    for q in quotes:
        sp = q.speaker
        entity = by_id.get(sp.entity) if sp is not None and sp.entity is not None else None
        if entity is None or q.kind not in _QUOTE_KINDS:
            continue
        for found in _first_person(tuple(rules.quoted_pronouns)).finditer(index.text, q.start, q.end):
            i = index.token_at(found.start())
            tok = doc[i]
            kind = rules.quoted_pronouns.get(tok.lower_)
            if kind is None or tok.tag_ not in _PRONOUN_TAGS or (tok.is_upper and tok.text != "I"):
                continue  # "US" is a country
            target = _speaking_for(entity, kind, result, rules.kind_types)
            if target is None:
                continue
            if spans is None:  # mentions never overlap: the last one starting at or before the token
                spans = sorted((m.start, m.end) for e in result.entities for m in e.mentions)
                starts = [start for start, _ in spans]
            k = bisect_right(starts, tok.idx) - 1
            if (k >= 0 and spans[k][1] > tok.idx) or tok.idx in taken:
                continue
            taken.add(tok.idx)
            target.mentions.append(Mention(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun"))
            added = True
    if added:
        _renumber(doc, result, quotes)


@functools.cache
def _first_person(words: tuple[str, ...]) -> re.Pattern[str]:
    """The pronouns of ``quoted_pronouns`` as whole words, any case (a token is made only for these)."""
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I
    )


def _speaking_for(
    speaker: Entity, kind: str, result: Analysis, kind_types: dict[str, frozenset[str]]
) -> Entity | None:
    """The entity a pronoun of ``kind`` stands for in the speaker's words: the speaker, when of a type
    of that kind; for "we" said by a person, the one organisation their title names ("Apple CEO",
    "GM spokesman": a name right before one of the person's titles)."""
    if speaker.type in kind_types[kind]:
        return speaker
    if speaker.type not in kind_types["speaker"] or not kind_types[kind] & {"ORG"}:
        return None
    title_starts = {m.start for m in speaker.mentions if m.kind == "common"}
    text = result.text
    found = {
        e.id: e
        for e in result.entities
        if e.type == "ORG"
        for m in e.mentions
        if m.kind == "proper"
        and any(text[m.end : s].strip() in _OWNER_GLUE for s in title_starts if 0 <= s - m.end <= 3)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _renumber(doc: Doc, result: Analysis, quotes: list[Quote]) -> None:
    """Salience of every entity from its mentions, entities sorted by it (ties: first mention) and
    numbered E1.. again; quote speakers follow their entity."""
    starts = doc_index(doc).token_starts
    groups: list[tuple[str, list[TokMention]]] = []
    for e in result.entities:
        e.mentions.sort(key=lambda m: m.start)
        tms = [
            TokMention(bisect_left(starts, m.start), bisect_left(starts, m.end), "", kind=m.kind)
            for m in e.mentions
        ]
        groups.append((e.type, tms))
    saliences = salience_scores(doc, groups, load_rules(), byline_end_token(doc, result))
    order = sorted(range(len(groups)), key=lambda k: (-saliences[k], groups[k][1][0].start))
    new_ids: dict[str, str] = {}
    entities: list[Entity] = []
    for rank, k in enumerate(order, start=1):
        e = result.entities[k]
        new_ids[e.id] = f"E{rank}"
        e.id, e.salience = f"E{rank}", round(saliences[k], 4)
        entities.append(e)
    result.entities = entities
    for q in quotes:
        if q.speaker is not None and q.speaker.entity is not None:
            q.speaker.entity = new_ids.get(q.speaker.entity, q.speaker.entity)
