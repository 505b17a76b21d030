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
_INVERTED_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "dep", "oprd", "appos", "pobj")
_NP_LEFT_DEPS = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct"}
_FINITE = {"VBD", "VBZ", "VBP", "NNP"}  # NNP: a capitalised "Said" the tagger misreads
RELATIVE = {"who", "which", "that", "whom"}
_NOT_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_DASH = re.compile(r"[ \t\u00a0]*(?:[―—–]|--?)[ \t\u00a0]*")
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
}
_CLIMB_DEPS = ("conj", "xcomp", "advcl", "dobj", "ccomp", "pcomp")
# a cue this close to the end of the sentence before a quote introduces it ("…, Schiff said.")
_TAIL = 6


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


def _is_cue_verb(tok: Token) -> bool:
    lex = lexicon()
    if tok.lower_ in lex.capitalised_cues and tok.text[:1].isupper():
        return True  # "Said Ellis: …" (the tagger calls a capitalised "Said" a name)
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in lex.reporting_verbs:
        return True
    parts = lex.particle_cues.get(lemma) or frozenset()
    return bool(parts) and any(c.dep_ == "prt" and c.lower_ in parts for c in tok.children)


def _connected(ctx: QuoteContext, cue: Token, q0: int, q1: int) -> bool:
    """The parse links ``cue`` and the quote's tokens ``[q0, q1)``: one is an ancestor of the other."""
    for i in range(q0, min(q1, q0 + 60)):
        tok = ctx.doc[i]
        if tok.head.i == cue.i or cue.head.i == tok.i:
            return True
    if cue.is_ancestor(ctx.doc[q0]) or (q1 > q0 and cue.is_ancestor(ctx.doc[q1 - 1])):
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
        elif inner_text.endswith(","):
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
        if _is_cue_verb(tok):
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
        ranked.append((score, i, cue))
    if ranked:
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [c for _, _, c in ranked[:3]]
    other = (
        _colon_cue(ctx, q, q0)
        or _dash_cue(ctx, q)
        or _previous_colon_cue(ctx, q, q0)
        or _introducing_clause_cue(ctx, q0)
    )
    return [other] if other else []


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
        if verb.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    lex = lexicon()
    for c in verb.children:
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
    for c in noun.children:
        if c.dep_ == "poss" and not ctx.quoted[c.i] and c.ent_type_ not in _NOT_SPEAKER_ENTS:
            return c
    return None


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
    opens_paragraph = not ctx.text[p_lo : q.open].strip()
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
            if _is_cue_verb(doc[i]):
                if any(c.dep_ == "neg" for c in doc[i].children):
                    return None  # "He didn't suggest retaliation.": a cue denied introduces nothing
                return Cue(i, i + 1, i, "verb", False)
        # the sentence's main verb is a cue with a named subject and nothing quoted: "Cummings called him
        # a master at bolting together deals. “He showed again and again …”"
        s0 = ctx.sentence(k)[0]
        root = doc[k].head
        if (
            root.head.i == root.i
            and s0 <= root.i < k
            and _is_cue_verb(root)
            and not any(ctx.quoted[j] for j in range(s0, k))
            and not any(c.dep_ == "neg" for c in root.children)
            and any(
                c.dep_ == "nsubj" and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in ("he", "she", "they"))
                for c in root.children
            )
        ):
            return Cue(root.i, root.i + 1, root.i, "verb", False)
        return None
    if doc[k].text != ":" or not opens_paragraph:
        return None
    sent_start = ctx.sentence(k)[0]
    for i in range(k - 1, max(sent_start, k - _MAX_GAP) - 1, -1):
        if not ctx.quoted[i] and _is_cue_verb(doc[i]):
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
    if not names or len(names) > 5 or not all(t.pos_ == "PROPN" or t.text.isupper() for t in names):
        return None
    return Cue(k, k + 1, k - 1, "colon", True)


def speaker_head(ctx: QuoteContext, cue: Cue) -> Token | None:
    """The token naming who speaks: the cue's subject (climbing from a participle or a second verb to
    the clause's subject), the object of "according to", the name before a colon, the noun a participle
    modifies ("Hillary Clinton asking, “…”"), or, inverted (``said the Ministry of Defence``), the noun
    after a finite verb. A relative pronoun subject ("who said") is returned as it stands."""
    doc = ctx.doc
    head = doc[cue.head]
    if cue.kind in ("colon", "dash"):
        return head
    if cue.kind == "noun":
        return _source_of_noun(ctx, head)
    if cue.kind == "according":
        for c in head.children:
            if c.dep_ == "pobj":
                return c
        return None
    lex = lexicon()
    if head.lower_ in lex.capitalised_cues and head.text[:1].isupper() and head.i + 1 < len(doc):
        k = head.i + 1  # "Said Ellis: …"
        if is_name(doc[k]) and not ctx.quoted[k]:
            while k + 1 < len(doc) and is_name(doc[k + 1]) and not ctx.quoted[k + 1]:
                k += 1
            return doc[k]
    before = doc[head.i - 1] if head.i > 0 else head
    if (
        head.tag_ == "VBG"
        and is_name(before)
        and not ctx.quoted[before.i]
        and before.ent_type_ not in _NOT_SPEAKER_ENTS
    ):
        return doc[head.i - 1]  # "footage of Hillary Clinton asking, “…”"
    verb = head
    for level in range(4):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        for c in subjects:
            if ctx.quoted[c.i] or c.ent_type_ in _NOT_SPEAKER_ENTS:
                continue
            if c.dep_ == "nsubjpass" and level == 0:
                break  # "was told": the subject is the listener
            return c
        if subjects:
            break
        if verb.dep_ in _CLIMB_DEPS and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "stood up and said", "recalled thinking": the subject of the first verb
            if ctx.quoted[verb.i]:
                break
            continue
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):  # "after saying …, she was"
            verb = verb.head.head
            continue
        if (
            verb.dep_ in ("acl", "relcl")
            and verb.head.pos_ in ("PROPN", "NOUN")
            and not ctx.quoted[verb.head.i]
        ):
            return verb.head  # "Hillary Clinton asking, “…”"
        break
    if head.tag_ not in _FINITE:
        return None  # a participle's object is what is said, not who says it
    # inverted order: "…,” said the Ministry of Defence"
    for c in head.rights:
        if c.dep_ in _INVERTED_DEPS and not ctx.quoted[c.i] and c.ent_type_ not in _NOT_SPEAKER_ENTS:
            if c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
    # the parse missed the subject: take the noun right before the verb (“…,” Chief Chuck Jordan said)
    k = head.i - 1
    while k >= 0 and doc[k].pos_ == "ADV" and not ctx.quoted[k]:
        k -= 1
    if k >= 0 and not ctx.quoted[k] and doc[k].pos_ in ("PROPN", "NOUN", "PRON"):
        if doc[k].ent_type_ not in _NOT_SPEAKER_ENTS:
            return doc[k]
    if k >= 1 and doc[k].text == ",":
        return _apposed_name(ctx, doc[k - 1])  # “…,” Flynn, a top Trump surrogate, said
    return None


def _apposed_name(ctx: QuoteContext, tok: Token) -> Token | None:
    """The name an apposition ending at ``tok`` describes (``Flynn, a top Trump surrogate``), climbing
    from the apposition's last word; None when ``tok`` ends no apposition to a name."""
    for _ in range(8):
        if ctx.quoted[tok.i] or tok.head.i == tok.i:
            return None
        if tok.dep_ == "appos":
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
    para = ctx.paragraph(t.idx)
    found: tuple[Cue, Token] | None = None
    deps = _OUTER_DEPS - {"conj", "relcl"} if nested_only else _OUTER_DEPS
    for _ in range(8):
        if t.head.i == t.i or t.dep_ not in deps:
            break
        t = t.head
        if ctx.paragraph(t.idx) != para:
            break
        if ctx.quoted[t.i]:
            continue  # a partial quote's verb: “is not having a good night” under "saying"
        if _is_cue_verb(t):
            subj = [c for c in t.children if c.dep_ == "nsubj" and not ctx.quoted[c.i]]
            if not subj and t.dep_ in ("conj", "advcl", "xcomp") and not ctx.quoted[t.head.i]:
                # "Clinton had mocked the complaint, saying …", "… and pledged to …": the first verb's
                subj = [c for c in t.head.children if c.dep_ == "nsubj" and not ctx.quoted[c.i]]
            if subj:
                found = (Cue(t.i, t.i + 1, t.i, "verb", True), subj[0])
    return found


def phrase_span(ctx: QuoteContext, head: Token) -> tuple[int, int]:
    """Char span of the noun phrase ``head`` heads: its left modifiers (not clauses or appositions) and,
    for organisations, an ``of``-phrase (``the Ministry of Defence``)."""
    doc = ctx.doc
    left = head.i
    for c in head.lefts:
        if c.dep_ in _NP_LEFT_DEPS and not ctx.quoted[c.i]:
            left = min(left, c.left_edge.i)
            break
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    right = head.i
    if head.pos_ in ("PROPN", "NOUN"):
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == right + 1:
                objs = [g for g in c.children if g.dep_ == "pobj"]
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
    if head.ent_type_ != "PERSON":  # organisations keep their words ("Defense Department"), less "the"
        toks = [ctx.doc[i] for i in ctx.tokens_between(start, end)]
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
    if k and toks[k:]:
        return toks[k].idx, end
    return start, end
