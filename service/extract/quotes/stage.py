"""Direct and partial quotes and who said them (issue 3).

Steps, all on the one parsed ``Doc``:

1. ``marks``: pair the quotation marks of each paragraph (straight, curly, single, stray,
   multi-paragraph) into quoted stretches;
2. ``attribution``: find each quote's cue (a reporting verb from ``data/quotes.yaml``, a noun
   cue with a possessive source ("Trump's claim that …"), "according to", a colon introduction) in its
   sentence and the cue's subject, in either order; a cue inside a clause reported by an outer cue
   ("Holm said that the ad “wrongfully” suggests …") gives way to the outer one (PolNeAR's convention);
3. ``resolve``: link the speaker to an entity; resolve "he/she/it/they" and nominal speakers
   ("the ministry") by agreement and recency; a quote with no cue that continues the previous
   speaker's paragraph takes that speaker (``resolution="inferred"``);
   ``intro``: a quote still without a speaker takes the subject of the clause that introduces it with a
   colon, comma or dash, a dash signature below it, the clause governing a fragment, or, last, the
   subject of a speech clause in the sentence before (issue 16, lower confidence);
4. classify: ``direct``, ``partial`` (a fragment inside the reporter's sentence) or ``scare`` (scare
   quotes, titles, headline phrases: never given a speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..docindex import doc_index
from ..model import Analysis, Quote, Span, Speaker
from .attribution import (
    RELATIVE,
    Cue,
    clean_name,
    find_cues,
    is_name,
    outer_cue,
    phrase_span,
    speaker_head,
)
from .context import QuoteContext, build_context
from .intro import governing_subject, introducing_clause, label_before, previous_speech, signature_below
from .lexicon import lexicon
from .marks import Marked, find_marked
from .reported import Reported, find_reported
from .resolve import (
    Referent,
    aside_report,
    link_entity,
    publishing_agent,
    referent_of,
    resolve_pronoun,
    titled,
    trailing_source,
)
from .scare import named_as, speech_above

_SENTENCE_END = ".!?\"”’'…:"
_CLOSING_MARKS = "\"”’'"
_SHORT = 3  # words: a quote this short needs a cue the parse links to it, else it is a scare quote
_HEADLINE_WORDS = 25
_LABEL = re.compile(r"([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):\s")
_WORD = re.compile(r"\S+")
_DASHES = "-‐–—―"


@dataclass(slots=True)
class _Turn:
    """The last attributed quote: its speaker and paragraph, for quotes that continue it."""

    speaker: Speaker
    referent: Referent
    paragraph: int
    end: int


def extract_quotes(doc: Doc, result: Analysis) -> list[Quote]:
    """Quotes in ``doc`` in text order (ids Q1, Q2, …), speakers linked to ``result.entities``.

    Input: the parsed article and the Analysis holding the entities stage's output (and the request's
    ``quote_kinds``: "direct" leaves reported speech out).
    Output: one Quote per quoted stretch (scare quotes are kept with ``kind="scare"`` and no speaker) and
    one ``kind="indirect"`` Quote per reported statement.
    """
    text = doc_index(doc).text  # read once and shared: spaCy rebuilds doc.text on every access
    marked = find_marked(text)
    with_reported = result.quote_kinds != "direct"
    if not len(doc) or not (marked or with_reported):
        return []
    ctx = build_context(doc, result.entities, marked)
    reported = find_reported(ctx) if with_reported else []
    items: list[Marked | Reported] = sorted([*marked, *reported], key=lambda x: (x.start, x.end))
    history: list[Referent] = []
    turn: _Turn | None = None
    quotes: list[Quote] = []
    for item in items:
        if isinstance(item, Reported):
            quote = _one_reported(ctx, item, history)
            quotes.append(quote)
            # a report in a relative clause of the turn's sentence is an aside: the turn stays
            aside = turn is not None and aside_report(ctx, ctx.doc[item.cue.head], turn.end)
            if quote.speaker is not None and not aside and _speech(ctx, item):
                # a quote opening the next paragraph may continue the report (not a stance: "he wants …")
                ref = _remember(ctx, quote.speaker, history)
                turn = _Turn(quote.speaker, ref, ctx.paragraph(item.end - 1), item.end)
            continue
        quote = _one_quote(ctx, item, history, turn)
        quotes.append(quote)
        sp = quote.speaker
        if sp is not None:
            if sp.resolution != "inferred":
                ref = _remember(ctx, sp, history)
                turn = _Turn(sp, ref, ctx.paragraph(item.end - 1), item.end)
            else:
                turn = _Turn(
                    sp, turn.referent if turn else history[-1], ctx.paragraph(item.end - 1), item.end
                )
        elif quote.kind != "scare":
            turn = None  # an unattributed quote breaks the chain
    for k, quote in enumerate(quotes):
        quote.id = f"Q{k + 1}"
    return quotes


def _speech(ctx: QuoteContext, r: Reported) -> bool:
    """The report is of speech (a reporting verb, "according to", a colon), not a stance or a thought."""
    return r.cue.kind != "verb" or ctx.doc[r.cue.start].lemma_.lower() in lexicon().reporting_verbs


def _remember(ctx: QuoteContext, sp: Speaker, history: list[Referent]) -> Referent:
    """What later pronouns may refer back to, added to ``history`` ("I", "we" are no antecedent)."""
    head = ctx.doc[ctx.token_at(sp.start)]
    ref = _referent_for(ctx, sp, head)
    if head.lower_ not in lexicon().unresolved_pronouns:
        history.append(ref)
    return ref


def _one_reported(ctx: QuoteContext, r: Reported, history: list[Referent]) -> Quote:
    """A reported statement's Quote: its source found and resolved as a direct quote's speaker."""
    if r.no_source:
        head = None
    else:
        head = ctx.doc[r.source] if r.source is not None else speaker_head(ctx, r.cue)
    if head is not None and ctx.paragraph(head.idx) != ctx.paragraph(ctx.doc[r.cue.start].idx):
        head = None  # a sentence the parser ran over a headline or a paragraph break
    speaker: Speaker | None = None
    confidence = 0.3
    if head is not None and not ctx.quoted[head.i] and not _relative_to_quote(ctx, head):
        speaker, confidence = _speaker(ctx, head, history)
        confidence -= 0.1
    text = ctx.text[r.start : r.end]
    return Quote("", text, r.start, r.end, "indirect", speaker, _cue_span(ctx, r.cue), round(confidence, 2))


def _cue_span(ctx: QuoteContext, cue: Cue) -> Span:
    c0, c1 = ctx.doc[cue.start], ctx.doc[cue.end - 1]
    return Span(ctx.text[c0.idx : c1.idx + len(c1.text)], c0.idx, c1.idx + len(c1.text))


def _referent_for(ctx: QuoteContext, sp: Speaker, head) -> Referent:  # type: ignore[no-untyped-def]
    """What later pronouns can refer back to: the antecedent of a resolved speaker, else the speaker."""
    if sp.antecedent is not None:
        ahead = ctx.doc[ctx.token_at(sp.antecedent.start)]
        return referent_of(ctx, ahead, sp.antecedent.start, sp.antecedent.end, sp.entity)
    return referent_of(ctx, head, sp.start, sp.end, sp.entity)


def _one_quote(ctx: QuoteContext, m: Marked, history: list[Referent], turn: _Turn | None) -> Quote:
    text = ctx.text
    inner = text[m.start : m.end]
    speaker: Speaker | None = None
    confidence = 0.0
    cue_span: Span | None = None
    n_words = len(inner.split())
    cued = False
    label = _LABEL.match(inner)
    if label is not None:  # a transcript quoted whole: "WALLACE: Let's start with …"
        a, b = m.start + label.start(1), m.start + label.end(1)
        speaker = Speaker(text[a:b], a, b, _label_entity(ctx, text[a:b]), "explicit")
        colon = m.start + label.end(1)
        return Quote("", inner, m.start, m.end, "direct", speaker, Span(":", colon, colon + 1), 0.85)
    if _nickname(ctx, m, n_words):
        return Quote("", inner, m.start, m.end, "scare")
    for cue in find_cues(ctx, m):
        if not (n_words > _SHORT or cue.linked or _whole_sentence(text, m, inner) or not _title_case(inner)):
            continue
        head = speaker_head(ctx, cue, plausible=True)
        # a cue whose subject cannot speak ("the threat", "donations") still makes the quote speech
        cued = cued or (head is None and speaker_head(ctx, cue) is not None)
        if head is not None and _relative_to_quote(ctx, head):
            continue  # "… “some people” who feel that way": the quote is what "who" stands for
        if head is not None and cue.kind != "according" and head.lower_ not in lexicon().unresolved_pronouns:
            # "Lynch said she recalled …", "Holm said that the ad “wrongfully” suggests …": the quote is
            # reported by the outermost speaker (PolNeAR's convention); a named subject of its own verb
            # is kept when the verbs are only coordinated or the cue sits in a relative clause
            outer = outer_cue(ctx, cue, nested_only=head.lower_ not in RELATIVE)
            if outer is not None:
                cue, head = outer
        if head is not None and not ctx.quoted[head.i] and _near(ctx, m, head.idx, ctx.doc[cue.start].idx):
            # "Trump released a marketing video that said “…”": the one who issued the document
            speaker, confidence = _speaker(ctx, publishing_agent(ctx, head) or head, history)
            cue_span = _cue_span(ctx, cue)
            confidence = _adjust(confidence, cue, n_words)
            break
    embedded = _embedded(text, m)
    if _names_a_work(ctx, m, inner):
        return Quote("", inner, m.start, m.end, "scare")
    if speaker is None and not cued and _is_scare(ctx, m, inner, n_words, embedded):
        above = speech_above(ctx, m) or named_as(ctx, m)
        if above is None and n_words > _SHORT and not _headline(text, *ctx.paragraph_bounds(m.open)):
            found = governing_subject(ctx, m)
            if found is not None:
                above = (Cue(found[1].i, found[1].i + 1, found[1].i, "verb", False), found[0])
        if above is None:
            return Quote("", inner, m.start, m.end, "scare")
        cue, head = above
        speaker, confidence = _speaker(ctx, head, history)
        cue_span = _cue_span(ctx, cue)
        confidence = _adjust(confidence - 0.1, cue, n_words)
    if speaker is None:
        speaker, confidence, cue_span = _uncued_speaker(ctx, m, history, turn, embedded)
    kind = "partial" if embedded else "direct"
    return Quote("", inner, m.start, m.end, kind, speaker, cue_span, round(confidence, 2))


def _uncued_speaker(
    ctx: QuoteContext, m: Marked, history: list[Referent], turn: _Turn | None, embedded: bool
) -> tuple[Speaker | None, float, Span | None]:
    """The speaker of a quote no cue rule attributed: a clause run on after it (``“Go back to
    Univision,” Trump barked``), the clause introducing it (``Clinton has since apologized for what
    happened: “…”``), a dash signature below it, the turn it continues, or, last, the subject of the
    speech clause right before it."""
    found = trailing_source(ctx, m)
    drop = 0.15
    label = label_before(ctx, m) if found is None else None
    if label is not None:  # Rep. Trey Gowdy (R-S.C.):"…"
        a, b, entity = label
        return Speaker(ctx.text[a:b], a, b, entity, "explicit"), 0.75, None
    named = titled(ctx.text[m.start : m.end])  # “Hard Hats for Hillary”: a name, no speech
    if found is None:
        found = signature_below(ctx, m) if named else introducing_clause(ctx, m) or signature_below(ctx, m)
        drop = 0.2
    fragment = embedded or ctx.text[m.start : m.start + 1].islower()  # ", “just to pick up two …”"
    if found is None and fragment and not named:
        # a fragment's own clause names who speaks before the turn does ("He also seeks “a …”")
        found = governing_subject(ctx, m)
        drop = 0.3
    if found is None and turn is not None and _continues(ctx, m, turn):
        sp = turn.speaker
        confidence = 0.6 if ctx.paragraph(m.open) != turn.paragraph else 0.7
        return Speaker(sp.text, sp.start, sp.end, sp.entity, "inferred", sp.antecedent), confidence, None
    if found is None and not named:
        found = previous_speech(ctx, m)
        drop = 0.35
    if found is None:
        return None, 0.0, None
    speaker, confidence = _speaker(ctx, found[0], history)
    lead = len(speaker.text) - len(speaker.text.lstrip(_DASHES))  # "-Michelle Marks": one token
    if lead:
        speaker = replace(speaker, text=speaker.text[lead:], start=speaker.start + lead)
    cue_span = _cue_span(ctx, Cue(found[1].i, found[1].i + 1, found[1].i, "verb", False))
    return speaker, confidence - drop, cue_span


def _speaker(ctx: QuoteContext, head, history: list[Referent]) -> tuple[Speaker, float]:  # type: ignore[no-untyped-def]
    """The Speaker for the cue's subject ``head``, resolved when it is a pronoun or a description."""
    lex = lexicon()
    text = ctx.text
    low = head.lower_
    if low in RELATIVE and head.head.dep_ == "relcl":  # "McConnell, who in 2010 said …": cite "who"
        start, end = head.idx, head.idx + len(head.text)
        noun = head.head.head
        while noun.dep_ == "appos" and noun.head.i != noun.i:
            noun = noun.head  # "McConnell, now the Senate majority leader, who …"
        a, b = clean_name(ctx, *phrase_span(ctx, noun), noun)
        entity = link_entity(ctx, noun, a, b)
        return Speaker(head.text, start, end, entity, "pronoun", Span(text[a:b], a, b)), 0.85
    if head.pos_ == "PRON" or low in lex.pronouns:
        start, end = head.idx, head.idx + len(head.text)
        if low in lex.unresolved_pronouns:
            return Speaker(head.text, start, end, None, "explicit"), 0.7
        ref = resolve_pronoun(ctx, head, history)
        if ref is None:
            return Speaker(head.text, start, end, None, "pronoun"), 0.45
        ante = Span(text[ref.start : ref.end], ref.start, ref.end)
        return Speaker(head.text, start, end, ref.entity, "pronoun", ante), 0.8
    start, end = phrase_span(ctx, head)
    start, end = clean_name(ctx, start, end, head)
    entity = link_entity(ctx, head, start, end)
    if is_name(head) or ctx.mention_of(head) is not None:
        return Speaker(text[start:end], start, end, entity, "explicit"), 0.9 if entity else 0.8
    # a description: "the ministry", "The UK defense ministry", "officials"
    return Speaker(text[start:end], start, end, entity, "nominal"), 0.8


def _relative_to_quote(ctx: QuoteContext, head) -> bool:  # type: ignore[no-untyped-def]
    """``head`` is a relative pronoun whose noun is inside a quote: ``“public option”, which would``."""
    if head.lower_ not in RELATIVE or head.head.dep_ != "relcl":
        return False
    return bool(ctx.quoted[head.head.head.i])


def _label_entity(ctx: QuoteContext, label: str) -> str | None:
    """The PERSON entity whose surname is a transcript label ("PENCE" -> Mike Pence)."""
    low = label.lower()
    for ent in ctx.entities.values():
        if ent.type == "PERSON" and ent.name.lower().split()[-1:] == [low]:
            return ent.id
    return None


def _near(ctx: QuoteContext, m: Marked, offset: int, cue_at: int) -> bool:
    """``offset`` lies in the paragraphs from the cue's to the quote's end (a speaker named in another
    paragraph is a parse error: a dateline, a headline)."""
    close = m.close if m.close is not None else m.end
    return min(ctx.paragraph(m.open), ctx.paragraph(cue_at)) <= ctx.paragraph(offset) <= ctx.paragraph(close)


def _adjust(confidence: float, cue: Cue, n_words: int) -> float:
    if not cue.linked:
        confidence -= 0.15
    if n_words <= _SHORT:
        confidence -= 0.1
    return max(0.05, min(0.99, confidence))


def _embedded(text: str, m: Marked) -> bool:
    """The quote is a fragment of the reporter's sentence: a word runs straight into its opening mark
    (``noted … that “logistics problems …”``, ``the “key things”``), not a cue's comma or colon."""
    i = m.open - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0 or text[i] == "\n":
        return False
    ch = text[i]
    if ch.isalnum() or ch in "%$)":
        inner = text[m.start : m.end]
        # a whole sentence run on after the cue with no comma: Trump said "We will win."
        whole = inner[:1].isupper() and len(inner.split()) >= 6 and inner.rstrip()[-1:] in ".!?,"
        return not whole
    return False


def _is_scare(ctx: QuoteContext, m: Marked, inner: str, n_words: int, embedded: bool) -> bool:
    """No cue was found: is this a scare quote, a title or a headline phrase rather than speech?"""
    text = ctx.text
    if _headline(text, *ctx.paragraph_bounds(m.open)):
        return True  # a headline or a caption
    if n_words <= _SHORT:
        return not _whole_sentence(text, m, inner)
    return embedded and not inner[:1].isupper() and n_words <= 8


def _names_a_work(ctx: QuoteContext, m: Marked, inner: str) -> bool:
    """A Title Case quote after a preposition, "titled" or a possessive names a show, book or film, it is
    not speech: ``appeared on “Fox News Sunday,”``, ``the film, titled “Arrogant,”``, ``CNN’s “State of
    the Union”``."""
    if not _title_case(inner):
        return False
    k = ctx.token_at(m.open) - 1
    while k >= 0 and (ctx.doc[k].is_punct or ctx.doc[k].is_space):
        k -= 1
    if k < 0:
        return False
    tok = ctx.doc[k]  # "on “Face the Nation”", "titled “…”", "CNN’s “State of the Union”"
    if tok.lower_ in ("as", "like"):
        return False  # a nickname: hailed him as “The Comeback Kid”
    return tok.pos_ == "ADP" or tok.lower_ in lexicon().title_words or tok.tag_ == "POS"


def _nickname(ctx: QuoteContext, m: Marked, n_words: int) -> bool:
    """A one- or two-word quote inside a name: ``Del. Marcia “Cia” Price``, ``Dwayne “The Rock” Johnson``."""
    if n_words > 2 or m.close is None or ctx.text[m.start : m.end].rstrip()[-1:] in _SENTENCE_END + ",;":
        return False  # "Bush called Trump “unhinged.” Sen. Marco Rubio …": a sentence ends in it
    doc = ctx.doc
    before, after = ctx.token_at(m.open) - 1, ctx.token_at(m.close + 1)
    return (
        before >= 0
        and after < len(doc)
        and doc[before].pos_ == "PROPN"
        and doc[before].is_title
        and doc[after].pos_ in ("PROPN", "NOUN")
        and doc[after].is_title
        and doc[after].idx == m.close + 2
    )


def _title_case(inner: str) -> bool:
    """Every word capitalised but the short ones after the first, as in a title ("Morning Joe",
    "The Apprentice", "State of the Union")."""
    words = [w for w in inner.split() if w[:1].isalpha()]
    minor = lexicon().title_minor_words
    return (
        bool(words)
        and words[0][:1].isupper()
        and all(w[:1].isupper() or (k and w.lower() in minor) for k, w in enumerate(words))
    )


def _whole_sentence(text: str, m: Marked, inner: str) -> bool:
    """A short quote that is a sentence of its own ("Neither do I."), not a title ("The Dealmaker")."""
    words = inner.split()
    if len(words) < 2 or inner.rstrip()[-1:] not in ".?!" or not inner[:1].isupper():
        return False
    if _title_case(inner):
        return False  # a title
    i = m.open - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in '\n.?!"”:'


def _continues(ctx: QuoteContext, m: Marked, turn: _Turn) -> bool:
    """A quote with no cue continues the last speaker's turn when it is in the same paragraph, or opens
    the next paragraph (nothing but the quote at the paragraph's start)."""
    para = ctx.paragraph(m.open)
    if para == turn.paragraph:
        return True
    if para != turn.paragraph + 1:
        return False
    p_lo, _ = ctx.paragraph_bounds(m.open)
    return _WORD.search(ctx.text, p_lo, m.open) is None


def _headline(text: str, p_lo: int, p_hi: int) -> bool:
    """The paragraph ``[p_lo, p_hi)`` is a headline or a caption: at most ``_HEADLINE_WORDS`` words, not
    ending like a sentence (reads only its first words and its end: linear over all quotes)."""
    words = []
    for w in _WORD.finditer(text, p_lo, p_hi):
        words.append(w)
        if len(words) > _HEADLINE_WORDS:
            return False
    # a closing quotation mark is no sentence end: "… as Russian troops 'running out of ammo'"
    return bool(words) and words[-1].group().rstrip(_CLOSING_MARKS)[-1:] not in _SENTENCE_END
