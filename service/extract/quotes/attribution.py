"""Who said a quote: the cue (a reporting verb, "according to", a colon) and its subject.

All functions read a :class:`QuoteContext` and a :class:`Marked` quote; none parses text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .context import QuoteContext
from .lexicon import lexicon
from .marks import Marked

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_LISTENER_DEPS = ("dobj", "dative")  # "told AFP": after a verb, who is spoken to
_INVERTED_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "dep", "oprd", "appos", "pobj")
_NP_LEFT_DEPS = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct", "npadvmod"}
_FINITE = {"VBD", "VBZ", "VBP", "NNP"}  # NNP: a capitalised "Said" the tagger misreads
RELATIVE = {"who", "which", "that", "whom"}
_NOT_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
# a share of people may be a clause's subject and speak ("47 percent said they would vote for …")
_NOT_SUBJECT_ENTS = _NOT_SPEAKER_ENTS - {"CARDINAL", "PERCENT"}
_SOURCE_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
# ``can_speak(strict=True)``: no place or number; people, groups and organisations; these pronouns
_NOT_STRICT_ENTS = _NOT_SPEAKER_ENTS | {"GPE", "LOC"}
_STRICT_MENTIONS = {"PERSON", "ORG", "NORP"}
_STRICT_PRONOUNS = {"he", "she", "they", "i", "we"}
_DASH = re.compile(r"[ \t\u00a0]*(?:[―—–]|--?)[ \t\u00a0]*")
_NONSPACE = re.compile(r"\S")
_AGE_UNITS = ("year", "years")
_MAX_GAP = 25  # tokens between a quote and a cue in its sentence
_OUTER_DEPS = {
    "ccomp",
    "advcl",
    "relcl",
    "xcomp",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "conj",
    "acl",
    "nsubj",
    "acomp",
    "appos",
}
_CLIMB_DEPS = ("conj", "xcomp", "advcl", "dobj", "ccomp", "pcomp")
# a cue this close to the end of the sentence before a quote introduces it ("…, Schiff said.")
_TAIL = 6
_SURVEY_LEVELS = 3  # clauses climbed from a share's answer to the poll that reports it
_GOVERNED = 100  # rank penalty of a noun cue under a verb cue linked to the quote
# a cue in a relative clause the quote is not part of is passed over for any cue this many tokens further
_ASIDE = 12


@dataclass(slots=True)
class Cue:
    """The words that introduce a quote: tokens ``[start, end)``; ``head`` is the token that governs
    the speaker (the verb, or "to" of "according to"); ``linked`` when the parse connects cue and quote."""

    start: int
    end: int
    head: int
    kind: str  # "verb", "noun", "according", "colon", "dash"
    linked: bool


def is_name(tok: Token) -> bool:
    """A proper name: tagged PROPN and capitalised (the tagger calls some common nouns PROPN, "ministry")."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def is_cue_verb(tok: Token) -> bool:
    lex = lexicon()
    if tok.lower_ in lex.capitalised_cues and tok.text[:1].isupper():
        return True  # "Said Ellis: …" (the tagger calls a capitalised "Said" a name)
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in lex.reporting_verbs:
        return True
    parts = lex.particle_cues.get(lemma) or frozenset()
    if not parts:
        return False
    doc = tok.doc  # the particle follows within a few words ("pointed out", "laid it out"): O(1)
    return any(
        doc[k].head.i == tok.i and doc[k].dep_ in ("prt", "advmod") and doc[k].lower_ in parts
        for k in range(tok.i + 1, min(len(doc), tok.i + 4))
    )


def _connected(ctx: QuoteContext, cue: Token, q0: int, q1: int) -> bool:
    """The parse links ``cue`` and the quote's tokens ``[q0, q1)``: one is an ancestor of the other."""
    for i in range(q0, min(q1, q0 + 60)):
        tok = ctx.doc[i]
        if tok.head.i == cue.i or cue.head.i == tok.i:
            return True
    if ctx.is_ancestor(cue.i, q0) or (q1 > q0 and ctx.is_ancestor(cue.i, q1 - 1)):
        return True
    t = cue
    for _ in range(8):  # the quote governs the cue ("..., he said" parsed under the quoted verb)
        if t.head.i == t.i:
            break
        t = t.head
        if q0 <= t.i < q1:
            return True
    return False


def find_cues(ctx: QuoteContext, q: Marked) -> list[Cue]:
    """Cues of quote ``q``, best first, in the sentence(s) around it, inside its paragraph, outside quotes.

    The nearest candidate wins; a tie goes after the quote when it ends with a comma (``“…,” X said``)
    and before it otherwise; a cue the parse links to the quote beats an unlinked one a few tokens nearer.
    """
    doc = ctx.doc
    if not len(doc):
        return []
    close_end = (q.close + 1) if q.close is not None else q.end
    q_range = ctx.tokens_between(q.open, close_end)
    if not q_range:
        return []
    q0, q1 = q_range.start, q_range.stop
    p_lo, _ = ctx.paragraph_bounds(q.open)
    _, p_hi = ctx.paragraph_bounds(max(q.open, close_end - 1))
    first_sent, last_sent = ctx.sentence(q0), ctx.sentence(q1 - 1)
    para_tokens = ctx.tokens_between(p_lo, p_hi)
    lo = max(first_sent[0], para_tokens.start)
    hi = min(last_sent[1], para_tokens.stop)
    inner_text = ctx.text[q.start : q.end].rstrip()
    prefer_after = inner_text.endswith((",", "?", "!", "—", "-", "…")) or q.close is None
    if hi < para_tokens.stop and q1 >= hi - 1 and q0 <= lo + 1 and len(doc) > hi and not ctx.quoted[hi]:
        # the cue split off as a sentence of its own: “…?” Graham asked.
        nxt_start, nxt_end = ctx.sentence(hi)
        if nxt_end - nxt_start <= 12 and not any(ctx.quoted[k] for k in range(nxt_start, nxt_end)):
            hi = min(nxt_end, para_tokens.stop)
        elif inner_text.endswith((",", "?", "!")):
            # “…,” Flynn, a top surrogate, said on “Fox and Friends.”: up to the next quote
            k = nxt_start
            while k < nxt_end and k - nxt_start < _MAX_GAP and not ctx.quoted[k]:
                k += 1
            hi = min(k, para_tokens.stop)
    ranked: list[tuple[float, int, Cue]] = []
    lex = lexicon()
    for i in list(range(max(lo, q0 - _MAX_GAP), q0)) + list(range(q1, min(hi, q1 + _MAX_GAP))):
        if ctx.quoted[i]:
            continue
        tok = doc[i]
        cue: Cue | None = None
        if is_cue_verb(tok):
            if _reports_other_clause(ctx, tok, q0, q1):
                continue
            cue = Cue(i, i + 1, i, "verb", _connected(ctx, tok, q0, q1))
        elif i + 1 < len(doc) and (tok.lower_, doc[i + 1].lower_) in lex.source_prepositions:
            cue = Cue(i, i + 2, i + 1, "according", True)
        elif (
            i < q0
            and tok.pos_ == "NOUN"
            and tok.lemma_.lower() in lex.noun_cues
            and _source_of_noun(ctx, tok)
        ):
            cue = Cue(i, i + 1, i, "noun", _connected(ctx, tok, q0, q1))
        if cue is None:
            continue
        after = i >= q1
        # distance in tokens not inside quotes (another quote between does not count as distance)
        gap = range(q1, i) if after else range(i + 1, q0)
        dist = sum(1 for k in gap if not ctx.quoted[k])
        score = dist + (0 if after == prefer_after else 1.5) - (6 if cue.linked else 0)
        if not cue.linked and tok.dep_ == "relcl":
            score += _ASIDE  # "Nothing the president said “will assuage …”": the clause reports its noun
        ranked.append((score, i, cue))
    if not ranked:
        far = _subject_after(ctx, q1, hi)
        if far is not None:
            ranked.append((0.0, far.start, far))
    if ranked:
        ranked = _without_governed_nouns(ctx, ranked)
        # "“…,” Sanders said, according to CNN": the outer source is the one cited (PolNeAR's convention)
        ranked.sort(key=lambda r: (r[2].kind != "according", r[0], r[1]))
        return [c for _, _, c in ranked[:3]]
    other = (
        _colon_cue(ctx, q, q0)
        or _dash_cue(ctx, q)
        or _previous_colon_cue(ctx, q, q0)
        or _introducing_clause_cue(ctx, q0)
    )
    return [other] if other else []


def _without_governed_nouns(
    ctx: QuoteContext, ranked: list[tuple[float, int, Cue]]
) -> list[tuple[float, int, Cue]]:
    """Noun cues under a verb cue linked to the quote come after it: in ``Fallon responded, calling
    Trump's charge “pathetic”`` or ``a statement saying Trump's comments “are based on …”`` the noun is
    what the verb's speaker talks about."""
    verbs = [c.head for _, _, c in ranked if c.kind == "verb" and c.linked]
    if not verbs:
        return ranked
    # still tried, last, when the verb's clause names no one who can speak
    return [
        (
            r[0] + _GOVERNED
            if r[2].kind == "noun" and any(ctx.is_ancestor(v, r[2].head) for v in verbs)
            else r[0],
        )
        + r[1:]
        for r in ranked
    ]


def _reports_other_clause(ctx: QuoteContext, verb: Token, q0: int, q1: int) -> bool:
    """``verb`` governs the quote only through a finite adverbial clause with a reporting verb of its own:
    "Although Weiner admitted … “been friends for some time,” he claimed …" — "admitted" is the cue."""
    inner = next((k for k in range(q0, q1) if not ctx.doc[k].is_punct), None)
    if inner is None or not ctx.is_ancestor(verb.i, inner):
        return False
    t = ctx.doc[inner]
    for _ in range(40):
        if t.head.i == verb.i or t.head.i == t.i:
            break
        t = t.head
    return t.head.i == verb.i and is_cue_verb(t) and _separate_statement(ctx, t)


def _subject_after(ctx: QuoteContext, q1: int, hi: int) -> Cue | None:
    """``“…,” Trump, the 2016 GOP presidential frontrunner … after winning the primaries, said``: the word
    right after the quote is the subject of a reporting verb further on than the cue window reaches."""
    doc = ctx.doc
    k = q1
    while k < hi and (doc[k].is_punct or doc[k].is_space) and not ctx.quoted[k]:
        k += 1
    if k >= hi or ctx.quoted[k] or doc[k].dep_ not in _SUBJECT_DEPS:
        return None
    verb = doc[k].head
    if verb.i <= k or verb.i >= hi or ctx.quoted[verb.i] or not is_cue_verb(verb):
        return None
    return Cue(verb.i, verb.i + 1, verb.i, "verb", True)


def _introducing_clause_cue(ctx: QuoteContext, q0: int) -> Cue | None:
    """A clause ending in a colon right before the quote, whose verb is no reporting verb but whose
    subject is a source: ``Sanders made the following comment: “…”``, ``Obama is rolling out a new
    message: “…”``. The cue is the colon; the clause's main verb governs the speaker."""
    doc = ctx.doc
    k = q0 - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if k < 1 or doc[k].text != ":" or ctx.quoted[k]:
        return None
    verb = doc[k].head  # the nearest clause above the colon that has a subject
    for _ in range(6):
        if ctx.quoted[verb.i] or verb.i > k:
            return None
        if verb.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECT_DEPS for c in ctx.children(verb)):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    lex = lexicon()
    for c in ctx.children(verb):
        if c.dep_ != "nsubj" or ctx.quoted[c.i] or c.i > k:
            continue
        low = c.lower_
        pron = lex.pronouns.get(low)
        mention = ctx.mention_of(c)
        if (
            (pron is not None and pron["kind"] != "relative" and low != "it")
            or low in ("i", "we")
            or (mention is not None and mention.type in ("PERSON", "ORG"))
            or c.lemma_.lower() in lex.person_nouns
            or c.lemma_.lower() in lex.organisation_nouns
        ):
            return Cue(k, k + 1, verb.i, "verb", True)
    return None


def _source_of_noun(ctx: QuoteContext, noun: Token) -> Token | None:
    """The possessive that names whose ``noun`` ("claim", "remark") is: ``Trump's claim``, ``his claim``."""
    for c in ctx.children(noun):
        if c.dep_ == "poss" and not ctx.quoted[c.i] and c.ent_type_ not in _NOT_SPEAKER_ENTS:
            return c
    return None


def _noun_cue_source(ctx: QuoteContext, noun: Token) -> Token | None:
    """The source of a noun cue: its possessive ("Trump's claim"), unless the noun is the object of a verb
    whose subject is the source and the possessive only a pronoun ("Trump stepped up his criticism of
    …", "Christie leveled accusations that …")."""
    poss = _source_of_noun(ctx, noun)
    if (poss is None or poss.pos_ == "PRON") and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        subj = climbed_subject(ctx, noun.head)
        if subj is not None:
            return subj
    return poss


def _dash_cue(ctx: QuoteContext, q: Marked) -> Cue | None:
    """A dash signature after the closing mark: ``“…”― Pamela Padilla``, ``"…" — John Smith``."""
    if q.close is None:
        return None
    doc = ctx.doc
    m = _DASH.match(ctx.text, q.close + 1)
    if m is None:
        return None
    k = ctx.token_at(m.end())
    if k >= len(doc) or doc[k].idx != m.end() or not is_name(doc[k]) or ctx.quoted[k]:
        return None
    end = k
    while end + 1 < len(doc) and is_name(doc[end + 1]) and not ctx.quoted[end + 1]:
        end += 1
    d = ctx.token_at(m.start())
    return Cue(d, d + 1, end, "dash", True)


def _previous_colon_cue(ctx: QuoteContext, q: Marked, q0: int) -> Cue | None:
    """The sentence before the quote introduces it: it ends with a colon (``He said:`` /
    ``The New York Times reports:`` at the end of the previous paragraph), or with a cue
    (``The administration may be reluctant to act, Schiff said. "The other factor …"``)."""
    doc = ctx.doc
    p_lo, _ = ctx.paragraph_bounds(q.open)
    opens_paragraph = _NONSPACE.search(ctx.text, p_lo, q.open) is None
    if q0 < 2:
        return None
    k = q0 - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if ctx.quoted[k]:
        return None
    if doc[k].text in (".", "!") and not opens_paragraph and not ctx.text[doc[k].idx + 1 : q.open].strip():
        for i in range(k - 1, max(ctx.sentence(k)[0], k - _TAIL) - 1, -1):
            if ctx.quoted[i]:
                break
            if (doc[i].lower_, doc[i + 1].lower_) in lexicon().source_prepositions:
                # "“…,” Welch said, according to Vermont Edition. “And I've decided …”": the outer source
                return Cue(i, i + 2, i + 1, "according", False)
            if is_cue_verb(doc[i]):
                if any(c.dep_ == "neg" for c in ctx.children(doc[i])):
                    return None  # "He didn't suggest retaliation.": a cue denied introduces nothing
                return Cue(i, i + 1, i, "verb", False)
        # the sentence's main verb is a cue with a named subject and nothing quoted: "Cummings called him
        # a master at bolting together deals. “He showed again and again …”"
        s0 = ctx.sentence(k)[0]
        root = doc[k].head
        if (
            root.head.i == root.i
            and s0 <= root.i < k
            and is_cue_verb(root)
            and not any(ctx.quoted[j] for j in range(s0, k))
            and not any(c.dep_ == "neg" for c in ctx.children(root))
            and any(
                c.dep_ == "nsubj" and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in ("he", "she", "they"))
                for c in ctx.children(root)
            )
        ):
            return Cue(root.i, root.i + 1, root.i, "verb", False)
        return None
    if doc[k].text != ":" or not opens_paragraph:
        return None
    sent_start = ctx.sentence(k)[0]
    for i in range(k - 1, max(sent_start, k - _MAX_GAP) - 1, -1):
        if not ctx.quoted[i] and is_cue_verb(doc[i]):
            return Cue(i, i + 1, i, "verb", True)
    names = [doc[j] for j in range(max(sent_start, k - 5), k) if not doc[j].is_space]
    if names and all(is_name(t) or t.text.isupper() for t in names):
        return Cue(k, k + 1, k - 1, "colon", True)
    return None


def _colon_cue(ctx: QuoteContext, q: Marked, q0: int) -> Cue | None:
    """A colon introduction at the start of the quote's paragraph: ``PENCE: “…”``, ``Reznikov: “…”``."""
    doc = ctx.doc
    k = q0 - 1
    if k < 1 or doc[k].text != ":":
        return None
    p_lo, _ = ctx.paragraph_bounds(q.open)
    first = ctx.tokens_between(p_lo, q.open).start
    names = [doc[j] for j in range(first, k)]
    if names and len(names) <= 5 and all(t.pos_ == "PROPN" or t.text.isupper() for t in names):
        return Cue(k, k + 1, k - 1, "colon", True)
    return _named_colon(ctx, first, k)


def _named_colon(ctx: QuoteContext, first: int, k: int) -> Cue | None:
    """A person's name ending the words before the colon: ``… doesn't surprise Republican pollster Daron
    Shaw: “…”``, ``RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “…”``, ``Rep. Trey Gowdy
    (R-S.C.):``."""
    doc = ctx.doc
    j = k - 1
    if j > first and doc[j].text == ")":  # a party label: "(R-S.C.)"
        while j > first and doc[j].text != "(" and k - j < 8:
            j -= 1
        j -= 1
    last = j
    while j >= first and not ctx.quoted[j] and (is_name(doc[j]) or doc[j].lower_ == "and"):
        j -= 1
    run = [doc[i] for i in range(j + 1, last + 1)]
    if not run or not is_name(doc[last]) or not any(t.ent_type_ == "PERSON" for t in run):
        return None
    return Cue(k, k + 1, last, "colon", True)


def speaker_head(ctx: QuoteContext, cue: Cue, plausible: bool = False) -> Token | None:
    """The token naming who speaks: the cue's subject (climbing from a participle or a second verb to
    the clause's subject), the object of "according to", the name before a colon, the noun a participle
    modifies ("Hillary Clinton asking, “…”"), or, inverted (``said the Ministry of Defence``), the noun
    after a finite verb. A relative pronoun subject ("who said") is returned as it stands. With
    ``plausible`` (a quote: PolNeAR lets things be the source of reported speech, "the data shows that")
    a subject that cannot speak gives way to one that can, or to None."""
    head = ctx.doc[cue.head]
    if cue.kind != "verb":
        return _non_verb_source(ctx, cue, head)
    found = _capitalised_cue_name(ctx, head) or _participle_name(ctx, head) or _passive_agent(ctx, head)
    if found is not None:
        return found
    found = climbed_subject(ctx, head)
    if found is None and head.tag_ in _FINITE:  # a participle's object is what is said, not who says it
        found = _inverted_source(ctx, head)
        if found is None or found.dep_ in _LISTENER_DEPS:
            # "“…,” Ramos, 58, told AFP": the object after the verb is who listens; the name before speaks
            found = _noun_before_verb(ctx, head) or found
    if found is None or not plausible:
        return found
    if can_speak(ctx, found):
        return _survey(ctx, head, found) or found
    # "a six-pointed star likened …, Ryan said", "emphasized the threat": no source; what can speak
    # is the agent ("measures added by Republicans") or the name right before the verb
    better = _by_agent(ctx, found)
    lex = lexicon()
    if better is None and (
        (head.head.i == found.i and head.tag_ == "VBN")
        or found.lemma_.lower() in lex.noun_cues
        or found.lemma_.lower() in lex.reported_nouns
    ):
        better = _possessor(ctx, found)  # "His claim, confidently stated on live TV, was that “…”"
    if better is None and head.tag_ in _FINITE:
        better = _noun_before_verb(ctx, head)
    return better if better is not None and can_speak(ctx, better) else None


def _non_verb_source(ctx: QuoteContext, cue: Cue, head: Token) -> Token | None:
    """The source of a colon, dash, noun or "according to" cue."""
    if cue.kind in ("colon", "dash"):
        return head
    if cue.kind == "noun":
        return _noun_cue_source(ctx, head)
    for c in ctx.children(head):  # "according to X"; "according to a court document filed by X": X
        if c.dep_ == "pobj":
            return _by_agent(ctx, c) or c
    return None


def _survey(ctx: QuoteContext, verb: Token, subj: Token) -> Token | None:
    """The poll that reports what a share of people said: ``In a national CNN/ORC poll released Monday,
    31% of Republicans said they were “extremely enthusiastic”`` (PolNeAR cites the poll)."""
    lex = lexicon()
    if not (subj.like_num or subj.ent_type_ in ("PERCENT", "CARDINAL") or subj.lower_ in lex.share_words):
        return None
    v = verb
    for _ in range(_SURVEY_LEVELS):
        # "In a poll, 8 percent said …; just 3 percent said …": the poll of the first of coordinated verbs;
        # "The poll finds that, while 37 percent say …": the poll whose finding holds the share's answer
        for c in ctx.children(v):
            if c.i < v.i and c.dep_ == "prep" and c.lower_ == "in":
                c = next((g for g in ctx.children(c) if g.dep_ == "pobj"), c)
            elif not (c.dep_ == "nsubj" and v.i != verb.i):
                continue
            if not ctx.quoted[c.i] and c.lemma_.lower() in lex.source_documents:
                return c
        if v.head.i == v.i or v.dep_ not in ("conj", "advcl", "ccomp"):
            return None
        v = v.head
    return None


def _by_agent(ctx: QuoteContext, noun: Token) -> Token | None:
    """Who made the thing ``noun`` names: ``calculations by Amy Glasmeier``, ``a court document filed by
    state attorney Dave Aronberg``, ``audio provided by Wyoming Public Radio``."""
    for c in ctx.children(noun):
        if c.dep_ == "acl" and c.tag_ == "VBN":
            found = next((g for g in ctx.children(c) if g.dep_ == "agent"), None)
            if found is None:
                continue
            c = found
        elif not (c.dep_ == "prep" and c.lower_ == "by"):
            continue
        obj = next((g for g in ctx.children(c) if g.dep_ == "pobj"), None)
        if obj is not None and not ctx.quoted[obj.i] and can_speak(ctx, obj):
            return obj
    return None


def _possessor(ctx: QuoteContext, noun: Token) -> Token | None:
    """Whose the thing ``noun`` names is: ``His assumption, confidently stated on live TV, was …``."""
    for c in ctx.children(noun):
        if c.dep_ == "poss" and not ctx.quoted[c.i] and can_speak(ctx, c):
            return c
    return None


def can_speak(ctx: QuoteContext, tok: Token, strict: bool = False) -> bool:
    """Source plausibility: ``tok`` heads a phrase that can say something — a pronoun, a name, a person,
    organisation or place entity, a share of people ("25 percent"), or a head noun for people, groups
    or writings (``data/quotes.yaml``) — not a thing ("the threat", "That record", "donations") nor a
    dateline ("LONDON (Reuters) -").

    ``strict`` is for a subject that is taken to speak whatever its verb (``intro``: "Clinton has since
    apologized for what happened: “…”"): only he, she, they, I or we among pronouns (not "it", "you", a
    relative), no place and no number, and otherwise only a person, group or organisation (an entity or a
    name), or a noun for people, organisations or writings."""
    lex = lexicon()
    low = tok.lower_
    if strict and (ctx.quoted[tok.i] or low in RELATIVE or low == "it" or tok.ent_type_ in _NOT_STRICT_ENTS):
        return False
    if tok.pos_ == "PRON" or low in lex.pronouns or low in RELATIVE:
        return low in _STRICT_PRONOUNS if strict else True
    if strict and low in lex.unresolved_pronouns:
        return low in _STRICT_PRONOUNS
    if strict:
        return _group_or_person(ctx, tok)
    if _dateline(ctx, tok):
        return False
    if is_name(tok) or tok.ent_type_ in _SOURCE_ENTS or tok.like_num:
        return True
    if tok.text[:1].isupper() and tok.pos_ == "VERB" and tok.dep_ in _SUBJECT_DEPS:
        return True  # a name the tagger calls a verb: "Trump further summed up …"
    if tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN"):
        # a name the tagger calls a noun ("Hannity said", "Hannity interjected:")
        if not tok.is_sent_start or (
            tok.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in tok.lefts)
        ):
            return True
    mention = ctx.mention_of(tok)
    if mention is not None and mention.type in _SOURCE_ENTS:
        return True
    lemma = tok.lemma_.lower()
    if low in lex.share_words or lemma in lex.share_words:
        return True
    if tok.pos_ == "ADJ":  # an age for a person: "the 46-year-old"
        return low == "old" and tok.i >= 2 and ctx.doc[tok.i - 2].lower_ in _AGE_UNITS
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False  # "Of", "the meanest"
    doc = ctx.doc
    for j in range(max(tok.left_edge.i, tok.i - 4), tok.i):
        if doc[j].dep_ in ("compound", "flat") and doc[j].ent_type_ == "PERSON" and not ctx.quoted[j]:
            return True  # "Cruz constituent Dan Golvach", a name the tokenizer split ("Marc TrÃ©vidic")
    for c in ctx.children(tok):
        if c.dep_ == "appos" and is_name(c) and not ctx.quoted[c.i]:
            return True
        if c.dep_ == "prep" and c.lower_ == "of":  # "An average of 10 percent of registered voters"
            obj = next((g for g in ctx.children(c) if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ != "PRON" and can_speak(ctx, obj):
                return True
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_:
        if not doc[tok.i + 1].whitespace_:  # "co-host": the last part is the noun
            tok = doc[tok.i + 2]
            low, lemma = tok.lower_, tok.lemma_.lower()
    if any(lemma in words for words in (lex.person_nouns, lex.organisation_nouns, lex.source_documents)):
        return True
    if lemma in lex.speaking_nouns or low in lex.speaking_nouns:
        return True
    return len(lemma) > 4 and lemma.endswith(lex.agent_suffixes)


def _group_or_person(ctx: QuoteContext, tok: Token) -> bool:
    """The strict test past pronouns: a person, group or organisation mention, a noun for people,
    organisations or writings, or a proper name."""
    mention = ctx.mention_of(tok)
    if mention is not None and mention.type in _STRICT_MENTIONS:
        return True
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        return lemma in lex.person_nouns or lemma in lex.organisation_nouns or lemma in lex.source_documents
    return is_name(tok)


def _dateline(ctx: QuoteContext, tok: Token) -> bool:
    """``tok`` is a dateline's place in capitals at a paragraph's start: ``LONDON (Reuters) -``."""
    if not (tok.text.isupper() and len(tok.text) > 2):
        return False
    first = ctx.tokens_between(ctx.paragraph_bounds(tok.idx)[0], tok.idx + 1).start
    if tok.i - first > 3:
        return False
    doc = ctx.doc
    nxt = tok.i + 1
    while nxt < len(doc) and doc[nxt].text.isupper() and nxt - tok.i < 4:
        nxt += 1
    if nxt >= len(doc):
        return False
    return doc[nxt].text in ("(", "-", "—", "–", "--") or (doc[nxt].text == "," and tok.ent_type_ == "GPE")


def _capitalised_cue_name(ctx: QuoteContext, head: Token) -> Token | None:
    """The name after a capitalised inverted cue: ``Said Ellis: …``."""
    doc = ctx.doc
    if not (head.lower_ in lexicon().capitalised_cues and head.text[:1].isupper() and head.i + 1 < len(doc)):
        return None
    k = head.i + 1
    if not is_name(doc[k]) or ctx.quoted[k]:
        return None
    while k + 1 < len(doc) and is_name(doc[k + 1]) and not ctx.quoted[k + 1]:
        k += 1
    return doc[k]


def _participle_name(ctx: QuoteContext, head: Token) -> Token | None:
    """The name right before a participle cue: ``footage of Hillary Clinton asking, “…”``."""
    if head.i == 0 or head.tag_ != "VBG":
        return None
    before = ctx.doc[head.i - 1]
    if is_name(before) and not ctx.quoted[before.i] and before.ent_type_ not in _NOT_SPEAKER_ENTS:
        return before
    return None


def _contracted_has(ctx: QuoteContext, verb: Token) -> bool:
    """``he's said``: the parse reads the contracted "has" as a passive "is"."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in ctx.children(verb))


def _passive_agent(ctx: QuoteContext, head: Token) -> Token | None:
    """Who speaks through a passive cue: ``Sanders was asked by host Bill Maher, “…”``, ``Asked by Thrush
    if Clinton “gets” race, …``, ``as described by FBI Director James Comey``."""
    if head.tag_ != "VBN":
        return None
    for c in ctx.children(head):
        if c.dep_ == "nsubjpass" and (ctx.quoted[c.i] or not can_speak(ctx, c, strict=True)):
            return None  # "Kasich's speech was interrupted by a protester": who listens is a person
        if c.dep_ == "agent" and not ctx.quoted[c.i]:
            obj = next((g for g in ctx.children(c) if g.dep_ == "pobj"), None)
            return obj if obj is not None and not ctx.quoted[obj.i] and can_speak(ctx, obj) else None
    return None


def climbed_subject(ctx: QuoteContext, head: Token) -> Token | None:
    """The cue's subject, climbing from a second verb or a participle to the clause's subject ("stood
    up and said", "recalled thinking", "after saying …, she was"), or the noun a participle modifies.
    None when no subject may speak (a passive "was told": the subject is the listener)."""
    verb = head
    for level in range(4):
        subjects = [c for c in ctx.children(verb) if c.dep_ in _SUBJECT_DEPS]
        # a subject the parser took from another paragraph (a headline run into the sentence) is none
        subjects = [c for c in subjects if ctx.paragraph(c.idx) == ctx.paragraph(verb.idx)] or subjects
        if len(subjects) > 1 and subjects[0].ent_type_ != "PERSON":
            # "Berea, OH, …, Gov. John Kasich (R-OH), said": a person among the subjects before a place,
            # and one that can speak before one that cannot ("His final assessment: “…,” he said")
            subjects.sort(key=lambda c: (c.ent_type_ != "PERSON", not can_speak(ctx, c), abs(verb.i - c.i)))
        for c in subjects:
            if ctx.quoted[c.i] or (c.ent_type_ in _NOT_SUBJECT_ENTS and not _age(c)):
                continue
            if c.dep_ == "nsubjpass" and level == 0 and not _contracted_has(ctx, verb):
                break  # "was told": the subject is the listener
            return _split_subject_end(ctx, c, subjects)
        if subjects:
            return None
        if level == 0 and head.tag_ == "VBG" and ctx.quoted[verb.head.i]:
            # "Clinton seemed ready, telling the crowd, “Some people …”": the parse hung the participle
            # on the quote's verb; it belongs to the main clause before it
            root = _root_before(ctx, head)
            if root is None:
                return None
            verb = root
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon().causative_verbs:
            # "the timing led [Republicans] to say …", "prompting [them] to focus on": the object speaks
            obj = [c for c in ctx.children(verb.head) if c.dep_ == "dobj" and c.i < verb.i]
            if obj and not ctx.quoted[obj[0].i] and obj[0].pos_ in ("PROPN", "NOUN", "PRON"):
                return obj[0]
        if verb.dep_ in _CLIMB_DEPS and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "stood up and said", "recalled thinking": the subject of the first verb
            if ctx.quoted[verb.i]:
                return None
            continue
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):  # "after saying …, she was"
            verb = verb.head.head
            continue
        if (
            verb.dep_ in ("acl", "relcl")
            and verb.head.pos_ in ("PROPN", "NOUN")
            and not ctx.quoted[verb.head.i]
        ):
            # "Hillary Clinton asking, “…”"; "Trump released an ad calling …": the ad's issuer
            return _issuer(ctx, verb.head) or verb.head
        return None
    return None


def _root_before(ctx: QuoteContext, tok: Token) -> Token | None:
    """The root of ``tok``'s sentence when it is a verb outside quotes before ``tok``."""
    t = tok
    for _ in range(40):
        if t.head.i == t.i:
            break
        t = t.head
    ok = t.head.i == t.i and t.i < tok.i and not ctx.quoted[t.i] and t.pos_ in ("VERB", "AUX")
    return t if ok else None


def _issuer(ctx: QuoteContext, noun: Token) -> Token | None:
    """Who put out the thing a participle cue modifies: the subject of the verb whose object it is
    (``Trump and Ryan issued a statement describing …``, ``Carson rejected the notion …, saying``).
    None for a noun that may speak itself (a name, a person, an official) or that no subject governs."""
    if is_name(noun) or noun.lemma_.lower() in lexicon().person_nouns:
        return None
    mention = ctx.mention_of(noun)
    if mention is not None and mention.type == "PERSON":
        return None
    t = noun
    for _ in range(4):  # up through "on the story", "with an editor's note": the first verb
        if t.dep_ not in ("dobj", "pobj", "prep", "conj") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    for c in ctx.children(t):
        if c.dep_ == "nsubj" and not ctx.quoted[c.i] and c.ent_type_ not in _NOT_SUBJECT_ENTS:
            return c
    return None


def _age(tok: Token) -> bool:
    """``tok`` ends an age that stands for a person: "the 46-year-old"."""
    return tok.lower_ == "old" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ in _AGE_UNITS


def _split_subject_end(ctx: QuoteContext, c: Token, subjects: list[Token]) -> Token:
    """The last word of a subject the parse split into several ("COP28 President Sultan al-Jaber
    called …" read as four subjects of "called"): the name ends the run, titles come first."""
    ids = {t.i for t in subjects}
    doc = ctx.doc
    k, last = c.i, c.i
    while k + 1 < len(doc) and not ctx.quoted[k + 1] and (k + 1 in ids or doc[k + 1].head.i in ids):
        k += 1
        if k in ids:
            last = k
    return doc[last] if last != c.i and is_name(doc[last]) else c


def _inverted_source(ctx: QuoteContext, head: Token) -> Token | None:
    """Inverted order: the noun after a finite cue, ``…,” said the Ministry of Defence``."""
    for c in ctx.rights(head):
        if (
            c.dep_ in _INVERTED_DEPS
            and not ctx.quoted[c.i]
            and (c.ent_type_ not in _NOT_SPEAKER_ENTS or _age(c))
        ):
            if c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
    return None


def _noun_before_verb(ctx: QuoteContext, head: Token) -> Token | None:
    """The parse missed the subject: the noun right before the verb (``“…,” Chief Chuck Jordan said``),
    or the name an apposition before it describes (``“…,” Flynn, a top Trump surrogate, said``)."""
    doc = ctx.doc
    k = head.i - 1
    while k >= 0 and doc[k].pos_ == "ADV" and not ctx.quoted[k]:
        k -= 1
    if k >= 0 and not ctx.quoted[k] and doc[k].pos_ in ("PROPN", "NOUN", "PRON"):
        if doc[k].ent_type_ not in _NOT_SPEAKER_ENTS:
            return doc[k]
    if k >= 2 and not ctx.quoted[k] and doc[k].lower_ == "old" and doc[k - 2].lower_ in _AGE_UNITS:
        return doc[k]  # an age for a person: "“…,” the 46-year-old said"
    if k >= 1 and doc[k].text == ",":
        return _apposed_name(ctx, doc[k - 1])
    return None


def _apposed_name(ctx: QuoteContext, tok: Token) -> Token | None:
    """The name an apposition ending at ``tok`` describes (``Flynn, a top Trump surrogate``), climbing
    from the apposition's last word; None when ``tok`` ends no apposition to a name."""
    for _ in range(8):
        if ctx.quoted[tok.i] or tok.head.i == tok.i:
            return None
        if tok.dep_ == "appos":
            name = tok.head
            if is_name(name) and not ctx.quoted[name.i] and name.i < tok.i:
                return name
            # "her senior policy adviser, Jake Sullivan, said": the apposition is the name
            return tok if is_name(tok) and tok.ent_type_ == "PERSON" else None
        if tok.dep_ == "relcl":  # "Levine, who has given money to Marco Rubio, said"
            name = tok.head
            return name if is_name(name) and not ctx.quoted[name.i] and name.i < tok.i else None
        if tok.head.i > tok.i:
            return None
        tok = tok.head
    return None


def outer_cue(ctx: QuoteContext, cue: Cue, nested_only: bool = False) -> tuple[Cue, Token] | None:
    """The outermost reporting verb above ``cue`` in its sentence, with its subject: for "Lynch said she
    recalled thinking, “…”" the cue "said" and "Lynch". None when there is none. With ``nested_only``
    the climb does not cross a coordination ("She said …, and the mother replied") or a relative clause
    ("meddling the congressman said is …")."""
    doc = ctx.doc
    t = doc[cue.head]
    if cue.kind == "verb" and _follows_quote(ctx, t):
        return None  # "Trump said: “…,” the Times reported": a cue right after a quote is the outer one
    para = ctx.paragraph(t.idx)
    found: tuple[Cue, Token] | None = None
    deps = _OUTER_DEPS - {"conj", "relcl"} if nested_only else _OUTER_DEPS
    for _ in range(8):
        if t.head.i == t.i:
            break
        if t.dep_ not in deps and not (t.dep_ == "conj" and not _own_subject(ctx, t)):
            break  # a second verb sharing the first one's subject is in the first one's clause
        if _separate_statement(ctx, t):
            break  # "Although he says he “loves China,” he also accuses …": a statement of its own
        t = t.head
        if ctx.paragraph(t.idx) != para:
            break
        if ctx.quoted[t.i]:
            continue  # a partial quote's verb: “is not having a good night” under "saying"
        if is_cue_verb(t):
            subj = [c for c in ctx.children(t) if c.dep_ == "nsubj" and not ctx.quoted[c.i]]
            if not subj and t.dep_ in ("conj", "advcl", "xcomp") and not ctx.quoted[t.head.i]:
                # "Clinton had mocked the complaint, saying …", "… and pledged to …": the first verb's
                subj = [c for c in ctx.children(t.head) if c.dep_ == "nsubj" and not ctx.quoted[c.i]]
            if not subj and t.tag_ in _FINITE and t.i > cue.head:
                # "“…,” said Kristen Day, executive director of …, reports USA Today": inverted
                inv = _inverted_source(ctx, t)
                subj = [inv] if inv is not None and is_name(inv) else []
            if subj:
                subj.sort(key=lambda c: not can_speak(ctx, c))  # "LONDON (Reuters) - Donald Trump said"
                found = (Cue(t.i, t.i + 1, t.i, "verb", True), subj[0])
                if _follows_quote(ctx, t):
                    break  # "“…,” Lewandowski added, saying it should be “…”": the cue after a quote is outer
    return found


def _separate_statement(ctx: QuoteContext, verb: Token) -> bool:
    """``verb`` heads a finite adverbial clause ("although he says …", "while Comey said …", "when she
    told …") of another reporting verb: the clause is a statement of its own, not that verb's content (an
    adverbial clause of the reported content, "he says if people think …, we …", is not: its head is no
    reporting verb)."""
    if verb.dep_ != "advcl" or not _own_subject(ctx, verb):
        return False
    marks = [c.lower_ for c in ctx.children(verb) if c.dep_ == "mark"]
    if not marks:
        return False
    # "Rubio suggested that …, while Cruz said that “…”": a contrast sets a cue against the content
    return is_cue_verb(verb.head) or (marks[0] in lexicon().contrast_marks and is_cue_verb(verb))


def _follows_quote(ctx: QuoteContext, verb: Token) -> bool:
    """``verb`` and the subject before it come right after a closing quotation mark: ``“…,” the Times
    reported``. No verb before the quote governs such a cue (a parse that hangs it there is wrong)."""
    subj = next((c for c in ctx.lefts(verb) if c.dep_ in _SUBJECT_DEPS), None)
    if subj is None:
        return False  # “…,” stating …: a participle shares the subject of a verb before
    k = subj.left_edge.i - 1
    while k >= 0 and ctx.doc[k].is_space:
        k -= 1
    return k >= 0 and ctx.quoted[k] and ctx.doc[k].is_punct


def _own_subject(ctx: QuoteContext, verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in ctx.children(verb))


def phrase_span(ctx: QuoteContext, head: Token) -> tuple[int, int]:
    """Char span of the noun phrase ``head`` heads: its left modifiers (not clauses or appositions) and,
    for organisations, an ``of``-phrase (``the Ministry of Defence``)."""
    doc = ctx.doc
    left = head.i
    for c in ctx.lefts(head):
        if c.dep_ in _NP_LEFT_DEPS and not ctx.quoted[c.i]:
            left = min(left, c.left_edge.i)
            break
    first = ctx.tokens_between(ctx.paragraph_bounds(head.idx)[0], head.idx + 1).start
    left = max(left, first)  # never across a paragraph break (a headline the parser ran on)
    linking = lexicon().sentence_adverbs
    while left < head.i and (
        doc[left].is_punct or doc[left].is_space or (doc[left].pos_ == "ADV" and doc[left].lower_ in linking)
    ):
        left += 1
    if left == head.i and is_name(head):  # a name the parse split: "Sultan al-Jaber", "al" "-" "Jaber"
        while left > 0 and not ctx.quoted[left - 1]:
            prev = doc[left - 1]
            glued = prev.text == "-" and not prev.whitespace_ and left > 1 and doc[left - 2].pos_ == "PROPN"
            if not (prev.pos_ == "PROPN" or glued):
                break
            left -= 1
    right = head.i
    if head.pos_ in ("PROPN", "NOUN"):
        for c in ctx.rights(head):
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == right + 1:
                objs = [g for g in ctx.children(c) if g.dep_ == "pobj"]
                if objs and objs[0].pos_ == "PROPN" and objs[0].i - c.i <= 3:
                    right = objs[0].right_edge.i
            elif c.dep_ == "compound" or (c.dep_ == "flat" and c.i == right + 1):
                right = c.i
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def clean_name(ctx: QuoteContext, start: int, end: int, head: Token) -> tuple[int, int]:
    """Strip titles, nationalities and articles from the front of a proper name's span
    ("Russian Defense Minister Sergei Shoigu" -> "Sergei Shoigu"); nominal phrases are kept whole."""
    if not is_name(head):
        return start, end
    cues = lexicon().capitalised_cues
    toks = [ctx.doc[i] for i in ctx.tokens_between(start, end)]
    titled = not head.ent_type_ and any(t.lower_ in lexicon().titles and t.i < head.i for t in toks)
    if head.ent_type_ != "PERSON" and not titled:  # organisations keep their words ("Defense Department")
        while len(toks) > 1 and (toks[0].pos_ in ("DET", "PUNCT") or toks[0].lower_ in cues):
            toks.pop(0)
        return toks[0].idx, end
    lex = lexicon()
    doc = ctx.doc
    toks = [doc[i] for i in ctx.tokens_between(start, end)]
    k = 0
    while k < len(toks) - 1 and toks[k].i < head.i:
        t = toks[k]
        low = t.lower_
        if (
            low in lex.titles
            or low in lex.capitalised_cues
            or t.ent_type_ in ("NORP", "GPE", "ORG")
            and t.ent_type_ != head.ent_type_
            or t.pos_ in ("DET", "ADJ", "PUNCT", "ADP")
            or t.dep_ == "poss"
            or (t.pos_ != "PROPN" and t.i < head.i)
        ):
            k += 1
            continue
        break
    # "COP28 President Sultan al-Jaber": whatever precedes the last title word is the title's own modifier
    last_title = max(
        (j for j, t in enumerate(toks[:-1]) if t.lower_ in lex.titles and t.i < head.i), default=-1
    )
    k = max(k, last_title + 1)
    if k and toks[k:]:
        return toks[k].idx, end
    return start, end
