"""Named entities: spaCy NER spans, cleaned, then grouped into real-world things.

Input: the parsed ``Doc`` (one spaCy pass, done by the caller) and the ``Analysis`` being built
(only its text and dateline are read). Output: a list of :class:`Entity`, one per real-world thing,
sorted by salience (highest first, ties by first mention), with ids ``E1``, ``E2``... in that
order. Each entity has a canonical name (its fullest mention), an OntoNotes type, a salience in
[0, 1] (saliences sum to 1) and every mention with code-point offsets, in text order. Values
(DATE, MONEY, CARDINAL...) are not entities: other sections cover them.

Stages, each linear in the number of tokens (no second spaCy pass, no pipeline component):

1. *Mentions.* Every ``doc.ents`` name is cleaned: cut at newlines, quotation marks, brackets,
   slashes, spaced dashes ("San Jose - Cisco"), an inner possessive ("Apple Computer's Mac OS X")
   and "X and X Pro"; stripped of a leading "the", of trailing punctuation, "and", possessive
   "'s"; titles are dropped from the front of a PERSON ("Colonel General Mikhail Mizintsev"). A
   lone department word tagged ORG next to a title ("Defense" in "Russian Defense Minister",
   "State" in "Secretary of State") and a unit code after a number ("8 GB", "16:08 UTC") are
   dropped. Names the model missed are added: lower-camel-case products (iPhone, iTunes), model
   codes tagged as numbers (A380), and runs of capitalised proper nouns outside title-case
   headlines ("Dow Jones Industrial Average"). A version number joins a product ("iPhone 4"), an
   index's number its name ("FTSE 100"); a name ending in "Conference", "Summit"... is an EVENT.
2. *Grouping.* Mentions with the same normalised name (case, "the", possessive, dots, "Inc.") are
   one entity; a surname or first name joins the full PERSON name it belongs to (the one written in
   full most often before it, then the most recent; else the only one after it), whatever label
   the model gave it; an acronym joins the name it abbreviates (defined in brackets, or matching
   its initials: "US" / "United States"); "Russians" joins "Russian". A demonym (NORP) is never
   merged into its country.
3. *Recall.* Further occurrences of an entity's mentions (and of a full name's surname) that the
   model did not tag are added.
4. *Type, name, salience.* The type is the majority label of the mentions, with product evidence
   ("an iPod", "its iPod", lower camel case, a version number) counted double; the name is the
   fullest mention; the salience weighs mention count, position (headline and lead count more, a
   byline little) and type (people and organisations are central).

All word lists and weights live in ``data/entities.yaml`` (read by ``lexicon.py``); the steps are
``mentions.py``, ``grouping.py``, ``recall.py`` and ``salience.py``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Analysis, Entity, Mention
from .grouping import group_mentions
from .lexicon import load_rules
from .mentions import Feats, TokMention, collect, features, span_text
from .recall import propagate
from .references import link_references
from .salience import byline_end_token, name_of, salience_scores, type_of


def _mention(feats: Feats, m: TokMention) -> Mention:
    start = feats.idx[m.start]
    text = span_text(feats, m.start, m.end)
    return Mention(text, start, start + len(text), m.kind)


def extract_entities(doc: Doc, result: Analysis) -> list[Entity]:
    """The ``entities`` section: one Entity per real-world thing named in ``doc``.

    ``result`` gives only the dateline (a first line holding it is a byline, weighing little).
    Returns entities sorted by salience, highest first (ties: first mention first), ids E1.. in
    that order; mentions in text order.
    """
    rules = load_rules()
    feats = features(doc, result.text)
    mentions = collect(doc, feats, rules)
    if not mentions:
        return []
    groups = group_mentions(doc, feats, mentions, rules)
    propagate(doc, feats, mentions, groups)
    live = groups.live()
    for m in mentions:
        m.group = groups.find(m.group)  # merges leave a mention's group as it was
    gtypes = {g: type_of(sorted(groups.groups[g].mentions, key=lambda m: m.start), rules) for g in live}
    texts = feats.texts
    names = {g: {t.lower() for m in groups.groups[g].mentions for t in texts[m.start : m.end]} for g in live}
    for ref in link_references(doc, feats.texts, mentions, gtypes, names):
        groups.add(ref.group, ref)
    found: list[tuple[str, list[TokMention]]] = []
    for g in live:
        ms = sorted(groups.groups[g].mentions, key=lambda m: m.start)
        found.append((gtypes[g], ms))
    saliences = salience_scores(doc, found, rules, byline_end_token(doc, result))
    order = sorted(range(len(found)), key=lambda k: (-saliences[k], found[k][1][0].start))
    entities = []
    for rank, k in enumerate(order, start=1):
        etype, ms = found[k]
        entities.append(
            Entity(
                id=f"E{rank}",
                name=name_of(feats, ms, etype),
                type=etype,
                salience=round(saliences[k], 4),
                mentions=[_mention(feats, m) for m in ms],
            )
        )
    return entities
