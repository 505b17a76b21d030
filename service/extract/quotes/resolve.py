"""Link a speaker to an entity, and resolve pronoun and nominal speakers ("it said", "the ministry said").

No coreference model: agreement rules (person or thing, gender, number) and recency, with earlier
speakers preferred over other mentions (news keeps quoting the same source for a while).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from .attribution import RELATIVE, can_speak, is_name
from .context import MentionRef, QuoteContext
from .lexicon import lexicon
from .marks import Marked

_WINDOW_PARAGRAPHS = 3  # an antecedent is looked for this many paragraphs back
_NOMINAL_WINDOW = 150  # tokens scanned back for a nominal subject antecedent
_NOT_SOURCE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


@dataclass(slots=True)
class Referent:
    """Something a speaker may refer to: a span, its entity (if any), and agreement features."""

    start: int
    end: int
    entity: str | None
    kind: str  # "person", "thing" or "any"
    number: str  # "sg", "pl" or "any"
    gender: str  # "m", "f" or "any"


def _kind_of_type(etype: str) -> str:
    lex = lexicon()
    if etype in lex.person_types:
        return "person"
    return "thing" if etype in lex.thing_types else "any"


def referent_of(ctx: QuoteContext, head: Token, start: int, end: int, entity: str | None) -> Referent:
    """Agreement features of a speaker phrase headed by ``head``."""
    lex = lexicon()
    number = "pl" if "Plur" in head.morph.get("Number", []) else "sg"
    if entity is not None:
        etype = ctx.entities[entity].type
        kind = _kind_of_type(etype)
        if etype in ("NORP",):
            number = "any"
        return Referent(
            start, end, entity, kind, number if kind != "thing" else "any", ctx.gender.get(entity, "any")
        )
    low = head.lemma_.lower()
    if low in lex.organisation_nouns and low not in lex.person_nouns:
        kind = "thing"
    elif low in lex.person_nouns or head.ent_type_ == "PERSON":
        kind = "person"
    else:
        kind = "any"
    return Referent(start, end, None, kind, number, "any")


def link_entity(ctx: QuoteContext, head: Token, start: int, end: int) -> str | None:
    """Id of the entity the speaker phrase names: the mention containing its head word, else (for a
    surname or a nominal like "the ministry") the entity whose name shares the head word, nearest first."""
    m = ctx.mention_of(head)
    if m is not None:
        return m.entity
    named = _named_in_apposition(ctx, head)
    if named is not None:
        return named
    for i in ctx.tokens_between(start, end):
        m = ctx.mention_of(ctx.doc[i])
        if m is not None and ctx.entities[m.entity].type in ("PERSON", "ORG"):
            return m.entity
    if head.pos_ not in ("PROPN", "NOUN"):
        return None
    word = head.lower_
    words = {_stem(t.lower_) for t in (ctx.doc[i] for i in ctx.tokens_between(start, end)) if t.is_alpha}
    best: tuple[float, str] | None = None
    for ent, name_words in ctx.named_by(word):
        if is_name(head) and ent.type != "PERSON" and name_words[-1] != word:
            continue
        if not is_name(head) and (ent.type not in ("ORG",) or word not in lexicon().organisation_nouns):
            continue
        shared = len(words & {_stem(w) for w in name_words})
        near = min((abs(mn.start - start) for mn in ent.mentions), default=10**9)
        score = shared * 10**7 - near
        if best is None or score > best[0]:
            best = (score, ent.id)
    return best[1] if best else None


def _named_in_apposition(ctx: QuoteContext, head: Token) -> str | None:
    """The person or organisation a nominal speaker's apposition names: "his mother, Linda Jones," →
    Linda Jones; "the company's lawyer, Mark Geragos," → Mark Geragos."""
    lex = lexicon()
    if head.pos_ != "NOUN" or "Plur" in head.morph.get("Number", []):
        return None  # "candidates A and B" are two
    if not (can_speak(ctx, head, strict=True) or head.lower_ in lex.male_words | lex.female_words):
        return None  # "the election, Minyon Moore, …" is a misparse
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            m = ctx.mention_of(child)
            if m is not None and ctx.entities[m.entity].type in ("PERSON", "ORG"):
                return m.entity
    return None


def _stem(word: str) -> str:
    """A crude stem that equates spelling variants (defence/defense, organisation/organization)."""
    return word[:5]


def _agrees(pron: dict[str, str], ref: Referent) -> bool:
    kind = pron["kind"]
    if kind == "person" and ref.kind == "thing":
        return False
    if kind == "thing" and ref.kind == "person":
        return False
    if pron["gender"] != "any" and ref.gender not in ("any", pron["gender"]):
        return False
    if pron["number"] == "pl" and ref.number == "sg" and ref.kind == "person":
        return False
    if pron["number"] == "sg" and ref.number == "pl" and ref.kind != "thing":
        return False
    return True


def resolve_pronoun(ctx: QuoteContext, pron_tok: Token, history: list[Referent]) -> Referent | None:
    """The referent of a pronoun speaker: the nearest agreeing earlier speaker, entity mention (outside
    quotes, not a modifier inside a bigger phrase) or nominal subject, with earlier speakers and
    subjects counted as nearer than they are."""
    lex = lexicon()
    pron = lex.pronouns.get(pron_tok.lower_)
    if pron is None or pron["kind"] == "relative":
        return None
    at = pron_tok.idx
    para = ctx.paragraph(at)
    floor = ctx.para_starts[max(0, para - _WINDOW_PARAGRAPHS)]
    best: tuple[float, Referent] | None = None

    def offer(ref: Referent, weight: float) -> None:
        nonlocal best
        if ref.end > at or ref.start < floor or not _agrees(pron, ref):
            return
        score = (at - ref.end) * weight
        if best is None or score < best[0]:
            best = (score, ref)

    for ref in reversed(history[-6:]):
        offer(ref, 0.3)
    # entity mentions before the pronoun
    i = bisect.bisect_left(ctx.mention_starts, at) - 1
    seen = 0
    while i >= 0 and seen < 30:
        m: MentionRef = ctx.mentions[i]
        i -= 1
        if m.start < floor:
            break
        tok = ctx.doc[ctx.token_at(m.start)]
        root = tok
        while root.head.i != root.i and m.start <= root.head.idx < m.end:
            root = root.head
        if ctx.quoted[tok.i] or root.dep_ in ("compound", "amod", "poss", "nmod"):
            continue
        seen += 1
        ref = referent_of(ctx, root, m.start, m.end, m.entity)
        offer(ref, 0.6 if root.dep_ in ("nsubj", "nsubjpass") else 1.0)
    # nominal subjects ("The report said … “…,” it added")
    k = pron_tok.i - 1
    lo = max(0, pron_tok.i - _NOMINAL_WINDOW)
    while k >= lo:
        tok = ctx.doc[k]
        k -= 1
        if tok.idx < floor:
            break
        if ctx.quoted[tok.i] or tok.pos_ != "NOUN" or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        low = tok.lemma_.lower()
        if low in lex.organisation_nouns or low in lex.person_nouns:
            left = min(
                (c.left_edge.i for c in ctx.lefts(tok) if c.dep_ in ("det", "compound", "amod", "poss")),
                default=tok.i,
            )
            start = ctx.doc[left].idx
            ent = link_entity(ctx, tok, start, tok.idx + len(tok.text))
            offer(referent_of(ctx, tok, start, tok.idx + len(tok.text), ent), 0.6)
    return best[1] if best else None


_TRAILING_ENDS = (",", "?", "!", "—", "–", "…")
_INNER_CLOSE = "’'\""  # a quote inside the quote, closed right before its own closing mark
_FINITE_VERB = ("VBD", "VBZ", "VBP")
_SUBJECT_SPAN = 25  # tokens from the subject to its verb (an apposition may sit between)


def trailing_source(ctx: QuoteContext, m: Marked) -> tuple[Token, Token] | None:
    """(source, verb) of the clause that runs on right after a quote the cue rules found no cue for:
    ``“Too forced?” He tweeted``, ``“…,” said Skelly``. Any finite verb counts, in either order, when the
    quote ends as a sentence run on (a comma, "?", "!") and the clause's subject starts right after the
    closing mark: news puts nothing else there. A reporting verb the tagger took for a noun or a participle
    counts too (``“…,” the Saudis state``, ``“Go back to Univision,” Trump barked``)."""
    inner = ctx.text[m.start : m.end].rstrip().rstrip(_INNER_CLOSE)  # "… ‘He’s the ringleader,’”"
    if m.close is None or not inner.endswith(_TRAILING_ENDS) or titled(inner):
        return None
    doc = ctx.doc
    k = ctx.token_at(m.close + 1)
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k >= len(doc) or ctx.quoted[k] or ctx.paragraph(doc[k].idx) != ctx.paragraph(m.close):
        return None
    first = doc[k]
    speech = lexicon().reporting_verbs
    inverted = first.tag_ in _FINITE_VERB or (first.pos_ == "VERB" and first.lemma_.lower() in speech)
    if inverted and first.text.islower():  # inverted: “…,” said Skelly
        if first.pos_ == "AUX" or first.lemma_.lower() in ("be", "have", "do"):
            return None  # “Austin Powers: The Spy Who Shagged Me,” had no such praise
        source = _inverted_subject(ctx, first)
        return (source, first) if source is not None else None
    return _parsed_subject(ctx, k) or _reporting_word_after(ctx, k)


def _parsed_subject(ctx: QuoteContext, k: int) -> tuple[Token, Token] | None:
    """The subject starting at token ``k`` and its finite verb, as the parse has them."""
    doc = ctx.doc
    hi = min(len(doc), k + _SUBJECT_SPAN)
    for i in range(k, hi):
        tok = doc[i]
        if ctx.quoted[tok.i] or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = tok.head
        if tok.lower_ in RELATIVE:
            return None  # “Bathroom Bill,” which allows …: the quote is what the pronoun stands for
        if not (tok.i < verb.i < hi) or ctx.quoted[verb.i] or verb.tag_ not in _FINITE_VERB + ("VBN", "VB"):
            return None
        if tok.left_edge.i != k or not all(_inside_subject(ctx, tok, verb, j) for j in range(k, verb.i)):
            return None
        return tok, verb
    return None


def _inside_subject(ctx: QuoteContext, subj: Token, verb: Token, j: int) -> bool:
    """Token ``j`` between a subject and its verb belongs to the subject (an apposition: ``Nate Silver,
    the polling guru who founded fivethirtyeight.com``) or is the verb's adverb or auxiliary."""
    if j == subj.i or ctx.is_ancestor(subj.i, j):
        return True
    tok = ctx.doc[j]
    return tok.head.i == verb.i and tok.dep_ in ("aux", "auxpass", "advmod", "neg", "punct")


def _inverted_subject(ctx: QuoteContext, verb: Token) -> Token | None:
    """The source after an inverted verb: the last word of the name that follows (``said Oversight
    ranking Democrat Elijah Cummings``, even when the tagger misses the name), else its noun object."""
    doc = ctx.doc
    j = verb.i + 1
    while j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    if j >= len(doc) or ctx.quoted[j]:
        return None
    mention = ctx.mention_of(doc[j])
    if mention is not None and mention.type in ("PERSON", "ORG"):
        return doc[ctx.token_at(mention.end - 1)]
    for c in ctx.rights(verb):
        if not ctx.quoted[c.i] and c.pos_ in ("PROPN", "NOUN", "PRON") and c.ent_type_ not in _NOT_SOURCE:
            return c
    return None


def titled(inner: str) -> bool:
    """A short quote with every word capitalised names something (“Hard Hats for Hillary,”): it is no
    speech, whatever verb follows."""
    words = [w for w in inner.split() if w[:1].isalpha()]
    return len(words) <= 8 and sum(w[:1].isupper() for w in words) >= max(2, len(words) - 1)


def aside_report(ctx: QuoteContext, cue_head: Token, turn_end: int) -> bool:
    """A report in a clause that modifies a noun (a relative clause, a participle) or the verb (an
    adverbial clause), in the sentence whose speaker holds the turn (``said Murphy, who thinks often about
    …``, ``Christie said Trump's tweet saying …``, ``Lieberman told the Journal, after de Blasio stated
    an interest in …``): an aside, it does not hand the next quote to a new speaker."""
    if cue_head.dep_ not in ("relcl", "acl", "advcl"):
        return False
    return ctx.sentence(cue_head.i) == ctx.sentence(ctx.token_at(max(0, turn_end - 1)))


def publishing_agent(ctx: QuoteContext, rel: Token) -> Token | None:
    """The subject of the verb whose object a "that"/"which" speaker stands for: the one who issues the
    document that speaks (``Sanders is releasing a new 30-second ad that urges``, ``The Washington Post
    recently ran a piece that noted``, ``The council voted 6-1 for the resolution which said``)."""
    if rel.lower_ not in ("that", "which") or rel.head.dep_ != "relcl":
        return None
    noun = rel.head.head
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
    else:
        return None
    for _ in range(3):  # "is planning to reprint … an editorial that": the subject of the first verb
        subjects = [c for c in ctx.children(verb) if c.dep_ == "nsubj" and not ctx.quoted[c.i]]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
                return None
            return subj
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _reporting_word_after(ctx: QuoteContext, k: int) -> tuple[Token, Token] | None:
    """A short noun phrase from token ``k`` and a reporting verb the tagger took for a noun or a
    participle: ``“…,” the two write``, ``“…,” the email read``, ``“…,” Trump barked and …``."""
    doc = ctx.doc
    speech = lexicon().reporting_verbs
    for j in range(k + 1, min(len(doc), k + 7)):
        tok = doc[j]
        if ctx.quoted[j]:
            return None
        if tok.text.islower() and tok.lemma_.lower() in speech and doc[j - 1].pos_ != "DET":
            source = doc[j - 1]
            noun = source.pos_ in ("PROPN", "NOUN", "NUM", "PRON") and source.lower_ not in RELATIVE
            # after a determiner, the tagger's adjective is the noun: "the editorial read", "the 43-year-old"
            noun = noun or (source.pos_ == "ADJ" and doc[k].pos_ == "DET" and j - 1 > k)
            return (source, tok) if noun else None
        if tok.pos_ not in ("DET", "ADJ", "NUM", "PROPN", "NOUN") and tok.tag_ != "HYPH":
            return None
    return None
