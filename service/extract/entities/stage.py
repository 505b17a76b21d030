"""Named entities: spaCy NER spans, cleaned, then grouped into real-world things.

Input: the parsed ``Doc`` (one spaCy pass, done by the caller) and the ``Analysis`` being built
(only its text and dateline are read). Output: a list of :class:`Entity`, one per real-world thing,
sorted by salience (highest first, ties by first mention), with ids ``E1``, ``E2``... in that
order. Each entity has a canonical name (its fullest name), an OntoNotes type, a salience in
[0, 1] (saliences sum to 1) and every mention with code-point offsets and its kind (``proper``: a
name; ``common``: a nominal, "the company"; ``pronoun``: "it"), in text order; mentions never
overlap. Values (DATE, MONEY, CARDINAL...) are not entities: other sections cover them.

Steps, each linear in the number of tokens (no second spaCy pass, no pipeline component):

1. *Mentions* (``mentions.py``). Every ``doc.ents`` name is cleaned: cut at newlines, quotation marks,
   brackets, slashes, spaced dashes ("San Jose - Cisco"), an inner possessive ("Apple Computer's Mac OS
   X") and "X and X Pro"; stripped of a leading "the", of trailing punctuation, "and", possessive "'s";
   titles are dropped from the front of a PERSON ("Colonel General Mikhail Mizintsev"), and from the
   front of another label's name that is a person's ("Spokeswoman Sandy Angers" tagged ORG). A lone
   department word tagged ORG (or untagged) next to a title ("Defense" in "Russian Defense Minister",
   "District" in "U.S. District Judge") and a unit code after a number ("8 GB", "16:08 UTC") are
   dropped. Names the model missed are added: lower-camel-case products (iPhone), model codes tagged as
   numbers (A380), and runs of capitalised proper nouns outside title-case headlines ("Dow Jones
   Industrial Average"). A version number joins a product ("iPhone 4"), an index's number its name
   ("FTSE 100"); a name ending in "Conference", "Summit"... is an EVENT, one ending in "United",
   "FC"... a club (ORG), a plural name after "the" ("the Lakers", "the Falcons") a team's (ORG). A name
   followed by an age between commas ("Garcia, 31,") or by an apposition headed by a person's role
   ("Smith, a spokesman for the company") is a PERSON, whatever the model said (found also at the start
   of a sentence, or tagged DATE); a score after a team's name is cut ("Chelsea 2-1").
2. *Grouping* (``grouping.py``). Mentions with the same normalised name (case, "the", possessive,
   dots, "Inc.") are one entity, unless an owner tells them apart ("Russia's Ministry of Defence"
   is not the UK's; "the emerging Chrysler" is not Chrysler); a surname or first name joins the full
   PERSON name it belongs to (the one written in full most often before it, then the most recent;
   else the only one after it), whatever label the model gave it, unless it is also a word of
   another thing's name ("Douglas", "McDonnell Douglas"); an acronym joins the name it abbreviates;
   a short name joins the one longer company name it starts ("Ford", "Ford Motor Company");
   "Russians" joins "Russian". A demonym (NORP) is never merged into its country.
3. *Recall* (``recall.py``). Further occurrences of an entity's names (and of a full name's
   surname) that the model did not tag are added.
4. *References* (``references.py``). Titles, appositions, definite nominals and pronouns are linked
   to the entity they refer to (agreement, recency and syntactic role; see that module). A noun
   phrase for a thing the text may never name ("users", "analysts", "the world") is a mention of an
   *unnamed* entity of its own (nominals and pronouns only; its name is its fullest nominal). A
   nominal inside a name's apposition is not that name ("Aviall, a subsidiary of the company").
5. *Type, name, salience* (``salience.py``). The type is the majority label of the names, with
   product evidence ("an iPod", lower camel case, a version number) counted double, ties going to
   the longest name's label; the name is the fullest name; the salience weighs mentions (names
   more than nominals and pronouns), position (headline and lead count more, a byline little) and
   type (people and organisations are central).

All word lists and weights live in ``data/entities.yaml`` (read by ``lexicon.py``).

For the quote stage: a speaker that is a pronoun or a nominal ("he said", "the ministry said") is
now a mention of the entity it refers to, so the entity of the mention holding the speaker's head
is the resolution (``references.link_references`` is the one mechanism).

After the quote stage, ``quoted.link_quoted_speakers`` (declared in ``stages.py`` as the quote
stage's step writing ``entities[].mentions``) adds the first-person pronouns of each quote to its
speaker's entity ("I", "my" of a person; "we", "our" of an organisation, or of the one a person's
title names), then computes salience, order and ids again.
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
    groups = group_mentions(doc, feats, mentions, rules)
    propagate(doc, feats, mentions, groups)
    live = groups.live()
    for m in mentions:
        m.group = groups.find(m.group)  # merges leave a mention's group as it was
    gtypes = {g: type_of(sorted(groups.groups[g].mentions, key=lambda m: m.start), rules) for g in live}
    texts = feats.texts
    names = {g: {t.lower() for m in groups.groups[g].mentions for t in texts[m.start : m.end]} for g in live}
    first_free = len(groups.groups)
    for ref in link_references(doc, feats.texts, mentions, gtypes, names, first_free):
        if ref.group < len(groups.groups):
            groups.add(ref.group, ref)
        else:  # the first mention of an unnamed entity ("users"): numbered in this order
            live.append(groups.new(ref))
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
