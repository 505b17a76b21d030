"""Speakers for quotes the cue rules leave without one (issue 16, "speaker missing").

Tried in this order (``stage._uncued_speaker``) when no cue was found near the quote:

* the clause that introduces the quote and ends right before its opening mark in a colon, a comma or a
  dash: its subject speaks whatever its verb (``Clinton has since apologized for what happened: “…”``,
  ``Trump issued a statement, “…”``); a colon may end the previous paragraph; a digest's source line
  names the source between a dash and the colon (``… problematic - Pew Research: “…”``);
* a dash signature in a short paragraph of its own right after the quote (``"…"`` / ``- Bernie Sanders.``);
* (the previous speaker's turn, in ``stage``)
* for a fragment (a quote run into the sentence, or opening in lower case), the subject of the nearest
  clause above it that may speak (``Paul Ryan worried that the social safety net was becoming “a hammock
  …”``);
* last, for a quote opening a sentence, a verb of speech with a subject that may speak in the sentence
  right before (``Howard continued his scathing remarks.`` / ``“Eight years ago …”``).

Each returns the speaker's head token and the cue token; none parses text again.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from .attribution import can_speak, is_name
from .context import QuoteContext
from .lexicon import lexicon
from .marks import Marked

_INTRO_PUNCT = {":", ",", "—", "–", "--", "-"}
_SPEAKER_ENTS = {"PERSON", "ORG", "NORP"}
_SIGNATURE = re.compile(r"[ \t\u00a0]*(?:[―—–]|--?)[ \t\u00a0]*")
# a speaker's label opening the paragraph, glued or not to the colon and the mark: ``Rep. Trey Gowdy
# (R-S.C.):"…``, ``Former secretary of state Hillary Rodham Clinton:"…`` (the tokenizer keeps such a
# colon and mark on the name's last word, so the label is read from the text)
_LABEL_BEFORE = re.compile(
    r"(?P<name>[A-Z][\w.'’-]*(?:[ \t\u00a0]+[\w.'’-]+){0,7}?)"  # up to eight words
    r"(?:[ \t\u00a0]*\([^()\n]{1,20}\))?[ \t\u00a0]*:[ \t\u00a0]*"  # a party label, the colon
)
_SIGNATURE_WORDS = 14  # a signature paragraph: the name and a short description
_LABEL_WORDS = 4  # words of a source's name between a dash and a colon
_GOVERNING_LEVELS = 6  # heads climbed from a quote to the clause whose subject speaks
_CLIMB = 3  # levels from the words before the punctuation up to the clause's verb


def introducing_clause(ctx: QuoteContext, m: Marked) -> tuple[Token, Token] | None:
    """(subject, punctuation) of the clause ending in a colon, comma or dash right before the quote's
    opening mark. The quote must open like a sentence (a capital, a bracket, an ellipsis); with a comma or
    a dash the clause must be in the quote's paragraph, with a colon it may close the paragraph before."""
    doc = ctx.doc
    inner = ctx.text[m.start : m.end].lstrip()
    if not inner or not (inner[0].isupper() or inner[0] in "[…."):
        return None
    k = ctx.token_at(m.open) - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if k < 1 or ctx.quoted[k] or doc[k].text not in _INTRO_PUNCT:
        return None
    if doc[k].text != ":" and ctx.paragraph(doc[k].idx) != ctx.paragraph(m.open):
        return None
    subject = _clause_subject(ctx, k)
    return (subject, doc[k]) if subject is not None else None


def _clause_subject(ctx: QuoteContext, k: int) -> Token | None:
    """The subject of the clause whose last word is right before token ``k``: climb from that word to the
    top of the words between the sentence's start and ``k``, then from a verb without a subject through
    "and" / "to" to the verb that has one (``Sanders stood up and delivered a retort:``)."""
    doc = ctx.doc
    # the sentence as far as it lies in the colon's paragraph (the parser runs some over a headline)
    s0 = max(ctx.sentence(k - 1)[0], ctx.tokens_between(*ctx.paragraph_bounds(doc[k].idx)).start)
    label = _dash_label(ctx, s0, k)
    if label is not None:
        return label
    top = doc[k - 1]
    while top.head.i != top.i and s0 <= top.head.i < k and not ctx.quoted[top.head.i]:
        top = top.head
    if top.lower_ == "from":  # "From the report: “…”", "More from the report:"
        objects = [c for c in ctx.children(top) if c.dep_ == "pobj"]
        return objects[0] if objects and can_speak(ctx, objects[0], strict=True) else None
    verb = top
    for _ in range(_CLIMB):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [c for c in ctx.children(verb) if c.dep_ in ("nsubj", "nsubjpass") and s0 <= c.i < k]
        if subjects:
            subj = subjects[0]
            if subj.dep_ == "nsubjpass" or any(ctx.quoted[j] for j in range(subj.left_edge.i, k)):
                return None  # "Rubio was asked:": the subject listens; a quote inside: another cue's
            return subj if can_speak(ctx, subj, strict=True) else None
        if verb.dep_ not in ("conj", "xcomp") or not (s0 <= verb.head.i < k):
            return None
        verb = verb.head
    return None


def _dash_label(ctx: QuoteContext, s0: int, k: int) -> Token | None:
    """The source named between a dash and the colon: ``INDIANA'S DEMOGRAPHICS FAVOR CRUZ - David
    Wasserman: “…”``, ``… are particularly problematic - Pew Research: “…”`` (a digest's source line)."""
    doc = ctx.doc
    if ctx.text[doc[k].idx] != ":":
        return None
    j = k - 1
    while j > s0 and k - j <= _LABEL_WORDS and doc[j].text[:1].isupper() and not ctx.quoted[j]:
        j -= 1
    if j == k - 1 or doc[j].text not in _INTRO_PUNCT - {":", ","} or doc[j].i <= s0:
        return None
    return doc[k - 1] if ctx.paragraph(doc[j].idx) == ctx.paragraph(doc[k].idx) else None


def signature_below(ctx: QuoteContext, m: Marked) -> tuple[Token, Token] | None:
    """(last word of the name, dash) of a signature in the short paragraph right after the quote:
    ``"…"`` / ``- Bernie Sanders.``, ``-President Obama, tweeting after Clinton's speech.``"""
    if m.close is None:
        return None
    text = ctx.text
    p_lo, p_hi = ctx.paragraph_bounds(m.close)
    if text[m.close + 1 : p_hi].strip():
        return None  # the quote's paragraph goes on after it
    nxt = p_hi
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    dash = _SIGNATURE.match(text, nxt)
    if dash is None or dash.end() == nxt or ctx.paragraph(nxt) == ctx.paragraph(m.close):
        return None
    n_lo, n_hi = ctx.paragraph_bounds(nxt)
    if len(text[n_lo:n_hi].split()) > _SIGNATURE_WORDS:
        return None
    doc = ctx.doc
    k = ctx.token_at(dash.end())
    if k >= len(doc) or ctx.quoted[k]:
        return None
    glued = doc[k].idx < dash.end()  # "-President Obama": the tokenizer keeps the dash on the word
    if not (is_name(doc[k]) or (glued and text[dash.end()].isupper())):
        return None
    end = k
    while end + 1 < len(doc) and is_name(doc[end + 1]) and not ctx.quoted[end + 1]:
        end += 1
    return doc[end], doc[ctx.token_at(dash.start())]


def previous_speech(ctx: QuoteContext, m: Marked) -> tuple[Token, Token] | None:
    """(subject, verb) of the sentence right before a quote that opens a sentence (or its paragraph):
    its main verb, else another of its verbs, outside quotes, not negated, that reports speech (or is
    ``speech_verbs``: "spoke", "shared"), with a subject that may speak: ``Howard continued his scathing
    remarks.`` / ``“Eight years ago …”``, ``…, since Trump spoke only in evasive bromides.``"""
    doc = ctx.doc
    inner = ctx.text[m.start : m.end].lstrip()
    if not inner or not (inner[0].isupper() or inner[0] in "[…"):
        return None
    k = ctx.token_at(m.open) - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if k < 1 or ctx.quoted[k] or doc[k].text not in (".", "!"):
        return None
    if ctx.paragraph(doc[k].idx) + 1 < ctx.paragraph(m.open):
        return None
    s0 = ctx.sentence(k)[0]
    root = doc[k].head
    while root.head.i != root.i:
        root = root.head
    # the main verb first, then any other verb of the sentence ("…, since Trump spoke only in bromides")
    verbs = [root] if s0 <= root.i < k else []
    verbs += [doc[j] for j in range(s0, k) if doc[j].pos_ == "VERB" and j != root.i]
    for v in verbs:
        speech = _speech_verb(ctx, v)
        if speech is None or ctx.quoted[v.i] or any(c.dep_ == "neg" for c in ctx.children(v)):
            continue  # a verb inside a quote of that sentence speaks for the quote's speaker
        for c in ctx.children(v):
            if c.dep_ == "nsubj" and can_speak(ctx, c, strict=True):
                return c, speech
    return None


def _speech_verb(ctx: QuoteContext, root: Token) -> Token | None:
    """``root`` or the verb it governs through "to" (``was quick to add``) when it reports speech."""
    lex = lexicon()
    speech = lex.reporting_verbs | lex.speech_verbs
    if root.pos_ == "VERB" and root.lemma_.lower() in speech:
        return root
    for c in ctx.children(root):
        for v in [c, *ctx.children(c)] if c.dep_ == "acomp" else [c]:
            if v.dep_ == "xcomp" and v.pos_ == "VERB" and v.lemma_.lower() in speech:
                return v
    return None


def governing_subject(ctx: QuoteContext, m: Marked) -> tuple[Token, Token] | None:
    """(subject, verb) of the nearest clause above a quote run into the reporter's sentence whose subject
    may speak, whatever its verb: ``Paul Ryan worried that the social safety net was becoming “a hammock
    …”``, ``Sanders credited Clinton's victory to “a closed primary …”``, ``The ad targets a “corrupt
    political system …”``. A clause whose subject may not speak (``the net was becoming``) is passed."""
    doc = ctx.doc
    close_end = (m.close + 1) if m.close is not None else m.end
    q = ctx.tokens_between(m.open, close_end)
    words = (doc[i] for i in q if not (doc[i].is_punct or doc[i].is_space))
    top = next((t for t in words if t.head.i not in q), None)
    if top is None:
        return None
    s0, s1 = ctx.sentence(top.i)
    para = ctx.paragraph(m.open)
    verb = top.head
    for _ in range(_GOVERNING_LEVELS):
        if ctx.quoted[verb.i] or not (s0 <= verb.i < s1):
            return None
        if verb.pos_ in ("VERB", "AUX"):
            for c in ctx.children(verb):
                if c.dep_ == "nsubj" and ctx.paragraph(c.idx) == para and can_speak(ctx, c, strict=True):
                    return c, verb
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def label_before(ctx: QuoteContext, m: Marked) -> tuple[int, int, str | None] | None:
    """(start, end, entity id) of a speaker's label that is all the paragraph holds before the quote:
    ``Rep. Trey Gowdy (R-S.C.):"I have not heard …"``. The name's first and last words are capitalised."""
    p_lo, _ = ctx.paragraph_bounds(m.open)
    while p_lo < m.open and ctx.text[p_lo].isspace():
        p_lo += 1
    label = _LABEL_BEFORE.fullmatch(ctx.text, p_lo, m.open)
    if label is None:
        return None
    a, b = label.span("name")
    last = ctx.text[a:b].split()[-1]
    if not last[:1].isupper():
        return None
    entity = None
    i = bisect.bisect_left(ctx.mention_starts, a)
    while i < len(ctx.mentions) and ctx.mentions[i].start < b:
        if ctx.mentions[i].type in _SPEAKER_ENTS:
            entity = ctx.mentions[i].entity
        i += 1
    return a, b, entity
