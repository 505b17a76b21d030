"""Temporal expressions (issue 5): TIMEX3 type, value and mod, anchored, with the event each dates.

The stage reads the parsed ``Doc`` once:

1. ``grammar.find_candidates`` finds expressions with regex rules built from
   ``data/dates.yaml`` (spaCy's DATE/TIME spans only vouch for bare years and months);
2. each is normalised against an anchor: the publication date (``result.published``),
   or, inside a quote whose cue verb is dated ("Reznikov said Monday"), that date; the
   tense of the clause (from the dependency parse) picks the direction of a bare weekday;
3. the verb or noun each expression attaches to in the parse is its ``event``;
4. quotes whose cue is such an event get ``said_on``.

The dateline date is reported with ``role="publication"``.

The rule tables parse the absolute date forms news uses (no spaCy DATE span holding a year was
left unparsed in the dev data), at a fraction of dateparser's cost per string. dateparser reads
the locale-ordered numeric layouts ("02.05.2023", "2023/05/02") as isolated strings
(``absolute.py``); its whole-text search is not used: it finds dates in ordinary words
("we" -> Wednesday).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import replace

from spacy.attrs import IDX, IS_LOWER, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..docindex import doc_index
from ..model import Analysis, DateRange, Event, Quote, Span, TimeExpression
from ..published import find_dateline
from . import calendar as cal
from .country import article_country
from .events import anchor_events
from .grammar import Candidate, find_candidates
from .lexicon import lexicon, word_set
from .normalize import Norm, TimexContext, day_of, normalize
from .ranges import with_ranges

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
_PAST_AUX = frozenset({"did", "had", "was", "were", "has", "have", "'d"})
_MODAL_AUX = frozenset({"could", "might", "may", "should", "would", "can", "ca", "must"})
_PRESENT_AUX = frozenset({"is", "are", "am", "does", "do", "'s", "'re", "'m"})
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_YEARISH = re.compile(r"^\d{4}(?:$|-)")  # a value inside one calendar year: 1998, 1998-06, 1998-06-12


def _lower_noun_starts(doc: Doc) -> list[int]:
    """Start offsets of the lower-case tokens tagged NOUN or PROPN, read as whole arrays (no Token
    object per token)."""
    if not len(doc):
        return []
    rows = doc.to_array([POS, IS_LOWER, IDX]).tolist()
    return [idx for pos, lower, idx in rows if lower and (pos == NOUN or pos == PROPN)]


def extract_dates(doc: Doc, result: Analysis) -> list[TimeExpression]:
    """Time expressions in ``doc``, in text order, ids T1, T2, ...

    Inputs: the parsed article and the Analysis so far (``published``, ``dateline``,
    ``quotes``). Output: the ``dates`` section. Side effect: sets ``said_on`` on the
    quotes in ``result.quotes`` whose cue verb one of the expressions dates.
    """
    text = result.text  # the same string as doc.text, which spaCy would rebuild on every read
    ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    nouns = _lower_noun_starts(doc)
    candidates = find_candidates(text, ents, nouns)
    candidates = with_ranges(text, candidates)
    dateline = _dateline_span(text, result)
    if dateline is not None and not any(_overlaps((c.start, c.end), dateline) for c in candidates):
        candidates = _with_dateline(candidates, text, dateline)
    tokens = doc_index(doc, text)
    anchor = result.published
    country = article_country(doc) if any(c.rule == "holiday" for c in candidates) else None
    found: list[tuple[Candidate, Norm, SpacySpan | None]] = []
    contexts: list[TimexContext] = []
    last_day: dt.date | None = None
    last_quarter: str | None = None
    last_point: str | None = None
    for cand in candidates:
        span = tokens.span(cand.start, cand.end)
        if cand.extra.get("coordinated") and last_day is not None:
            cand.groups["year"] = str(last_day.year)  # "April 24 and 25": the year of the first
        publication = dateline is not None and _overlaps((cand.start, cand.end), dateline)
        ctx = _context(
            cand,
            span,
            anchor,
            None if publication else last_day,
            sentence=tokens.sentence_text(cand.start).lower(),
            last_quarter=last_quarter,
            last_point=last_point,
            forward=_forward_rule(cand) and _forward_cue(text, cand.start),
            nearer=cand.rule in _MONTH_RULES and _forward_cue(text, cand.start, "month_forward_cues"),
        )
        if country is not None:
            ctx = replace(ctx, country=country)
        if found and _apposed(text, found[-1], cand):
            ctx = replace(ctx, apposed=True)
        norm = normalize(cand, ctx)
        if norm is None:
            continue
        found.append((cand, norm, span))
        contexts.append(ctx)
        day = day_of(norm.value)
        if day is not None and not publication:
            last_day = day
        if norm.value and _YEARISH.match(norm.value) and not publication:
            last_point = norm.value
        if norm.value and _QUARTER.match(norm.value) and cand.rule in ("quarter", "q"):
            if not _forecast_quarter(norm.value, ctx):
                last_quarter = norm.value
    out = [
        _expression(i, cand, norm, span, text, dateline)
        for i, (cand, norm, span) in enumerate(found, start=1)
    ]
    events = anchor_events(out, [span for _, _, span in found], result.quotes)
    _link_ranges(out, [cand for cand, _, _ in found])
    if result.quotes:
        _date_quotes(out, events, found, contexts, result.quotes)
    return out


def _link_ranges(out: list[TimeExpression], cands: list[Candidate]) -> None:
    """Both ends of a range carry the link to its two ids."""
    index = {id(c): i for i, c in enumerate(cands)}
    for i, cand in enumerate(cands):
        j = index.get(id(cand.range_end)) if cand.range_end is not None else None
        if j is not None:
            link = DateRange(out[i].id, out[j].id)
            out[i].range = out[j].range = link
            _end_after_begin(out[i], out[j])


def _end_after_begin(begin: TimeExpression, end: TimeExpression) -> None:
    """ "from Monday to Friday" in a past clause: the Friday after that Monday, not the one before."""
    first, last = day_of(begin.value), day_of(end.value)
    if first is not None and last is not None and last < first and end.value == last.isoformat():
        if end.relative and (first - last).days < 7:
            end.value = (last + dt.timedelta(days=7)).isoformat()


def _context(
    cand: Candidate,
    span: SpacySpan | None,
    anchor: dt.date | None,
    last_day: dt.date | None,
    sentence: str | None = None,
    last_quarter: str | None = None,
    last_point: str | None = None,
    forward: bool = False,
    nearer: bool = False,
) -> TimexContext:
    tense = "future" if forward else _tense(span) if span is not None else "past"
    if nearer and tense == "past":
        tense = "present"
    if sentence is None and span is not None:
        sentence = ""
    return TimexContext(
        anchor=anchor,
        tense=tense,
        sentence=sentence or "",
        last_day=last_day,
        last_quarter=last_quarter,
        last_point=last_point,
    )


_MONTH_RULES = frozenset({"month", "month_day"})


def _forward_rule(cand: Candidate) -> bool:
    """A weekday, or a clock time on a weekday ("until 9 a.m. Tuesday")."""
    return cand.rule == "weekday" or (cand.rule == "clock" and bool(cand.groups.get("wdref")))


@functools.cache
def _forward_pattern(table: str = "forward_cues") -> tuple[re.Pattern[str], frozenset[str]]:
    lex = lexicon()
    cues = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lex.table(table))
    blockers = frozenset(w.lower() for w in lex.table("forward_cue_blockers"))
    # case-sensitive: a sentence-opening "Until Thursday, police had ..." looks back
    return re.compile(rf"(?:\b(?P<before>\w+)\s+)?\b(?:{cues})\s+(?:on\s+)?$"), blockers


def _forward_cue(text: str, start: int, table: str = "forward_cues") -> bool:
    """Whether a word just before ``start`` points a weekday forward ("postponed until Tuesday"),
    not blocked by the word before it ("not until Tuesday")."""
    pattern, blockers = _forward_pattern(table)
    m = pattern.search(text, max(0, start - 30), start)
    return m is not None and (m.group("before") or "").lower() not in blockers


def _governor(span: SpacySpan) -> Token | None:
    """The verb the expression's clause hangs on (up to four steps up the parse)."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") and tok not in span:
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _past_frame(verb: Token) -> bool:
    """Whether the clause an infinitive hangs on is in the past ("had been scheduled to expire",
    "agreed to acquire"), through chained infinitives ("had tried to sell") and adjectives
    ("had been due to expire", "was unable to meet")."""
    head = verb
    for _ in range(4):
        if head.head is head:
            break
        nxt = head.head
        if head.dep_ == "xcomp" and nxt.pos_ in ("VERB", "AUX") and nxt.tag_ != "VB":
            head = nxt
            break
        head = nxt
        if head.pos_ in ("VERB", "AUX") and head.tag_ != "VB":
            break
    if head is verb:
        return False
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return head.tag_ == "VBD" or bool(aux & {"had", "was", "were", "did", "'d"})


_APPOSITION = re.compile(r",[^\S\n]*")
_COMPLEMENT = re.compile(r"[^\S\n]+\w")


def _apposed(text: str, prev: tuple[Candidate, Norm, SpacySpan | None], cand: Candidate) -> bool:
    """A relative day set off by a comma right after a day-level date and followed by what it is
    relative to: "Eight trading days after Oct. 12, the day before the stock market plunge"."""
    before, norm, _ = prev
    return (
        cand.rule == "relative_day"
        and day_of(norm.value) is not None
        and _APPOSITION.fullmatch(text, before.end, cand.start) is not None
        and _COMPLEMENT.match(text, cand.end) is not None
    )


def _forecast_quarter(value: str, ctx: TimexContext) -> bool:
    """A quarter not yet ended at the anchor, named in a present or future clause ("will result in a
    fourth-quarter charge", "has no estimate of the impact on fourth-quarter results"): a forecast,
    not the quarter the report is about, so "the latest quarter" and "a year ago" do not follow it."""
    if ctx.anchor is None or ctx.tense == "past" or not value[:4].isdigit():
        return False
    return (int(value[:4]), int(value[-1])) >= (ctx.anchor.year, cal.quarter_of(ctx.anchor))


def _tense(span: SpacySpan) -> str:
    """ "past", "present" or "future" for the clause ``span`` sits in (news default: past)."""
    verb = _governor(span)
    if verb is None:
        return "past"
    if verb.lemma_.lower() in word_set("prospective_verbs") and span.start > verb.i:
        # "planned a rally on Saturday", "has scheduled a news conference Thursday"; but
        # "On Friday, the government planned ...": when the planning was done
        return "present"
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and "have" not in aux:
        return "future"  # reported speech: "said it would acquire the bank in January"
    if aux & _MODAL_AUX:
        return "present"  # a possibility: no direction
    if aux & _FUTURE_AUX or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return "future"
    if "to" in aux and (verb.tag_ == "VB" or "be" in aux):  # "plans to open", "is to be completed"
        if _past_frame(verb):
            return "present"  # "had been due to expire Friday", "agreed to buy it Friday": either way
        return "future"  # "plans to open in January", "is to resume trading Tuesday"
    if verb.tag_ == "VBD" or aux & _PAST_AUX:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or aux & _PRESENT_AUX:
        if verb.lemma_ == "say":
            return "past"
        return "present"
    if verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBG" and aux & {"is", "are", "am"}:
        return "present"
    return "past"


def _expression(
    n: int, cand: Candidate, norm: Norm, span: SpacySpan | None, text: str, dateline: tuple[int, int] | None
) -> TimeExpression:
    publication = dateline is not None and _overlaps((cand.start, cand.end), dateline)
    return TimeExpression(
        id=f"T{n}",
        text=text[cand.start : cand.end],
        start=cand.start,
        end=cand.end,
        type=norm.type,
        value=norm.value,
        mod=norm.mod,
        relative=norm.relative and not publication,
        resolved=norm.resolved,
        role="publication" if publication else "event",
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _dateline_span(text: str, result: Analysis) -> tuple[int, int] | None:
    if result.dateline is not None:
        return result.dateline.start, result.dateline.end
    found = find_dateline(text)
    return (found[1].start, found[1].end) if found else None


def _with_dateline(cands: list[Candidate], text: str, span: tuple[int, int]) -> list[Candidate]:
    """Add the dateline as an ISO-date candidate when no rule found it."""
    found = find_dateline(text)
    if found is None:
        return cands
    day = found[0]
    extra = Candidate(
        span[0],
        span[1],
        "iso",
        {"y": f"{day.year:04d}", "m": f"{day.month:02d}", "d": f"{day.day:02d}", "hh": None, "mm": None},
    )
    return sorted([*cands, extra], key=lambda c: c.start)


def _event_offsets(event: Span, span: SpacySpan | None) -> list[int]:
    """Where a cue may sit: the event itself and, for a noun event ("noted in an assessment
    Tuesday"), the verb the noun hangs on."""
    offsets = [event.start]
    if span is not None:
        head = span.root.head
        if head.dep_ in ("prep", "agent"):
            head = head.head
        if head.pos_ in ("NOUN", "PROPN"):
            verb = head.head
            if verb.dep_ == "prep":
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX") and verb is not head:
                offsets.append(verb.idx)
    return offsets


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker.entity and b.speaker.entity:
        return a.speaker.entity == b.speaker.entity
    last = a.speaker.text.split()[-1:], b.speaker.text.split()[-1:]
    return bool(last[0]) and last[0] == last[1] and a.speaker.resolution == "explicit"


def _carry_said_on(quotes: list[Quote]) -> None:
    """A quote with an undated cue right after a dated one by the same speaker was said that day too.

    ("Reznikov said Monday that ..." then "“As of today, ...” Reznikov said in televised
    comments."): news reports one occasion's remarks in a run.
    """
    ordered = sorted(quotes, key=lambda q: q.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.said_on is None and before.said_on and _same_speaker(before, after):
            after.said_on = before.said_on


def _date_quotes(
    out: list[TimeExpression],
    events: list[Event | None],
    found: list[tuple[Candidate, Norm, SpacySpan | None]],
    contexts: list[TimexContext],
    quotes: list[Quote],
) -> None:
    """Set ``said_on`` on quotes whose cue a date's event (``events``: also where the ranker abstains)
    falls in; re-anchor dates inside them."""
    cued = sorted((q.cue.start, q.cue.end, i) for i, q in enumerate(quotes) if q.cue is not None)
    cue_starts = [c[0] for c in cued]
    dated_by: dict[int, int] = {}  # quote index -> the expression that dated its cue
    for n, (expr, event, (_, _, span)) in enumerate(zip(out, events, found, strict=True)):
        if event is None or expr.type not in ("DATE", "TIME") or day_of(expr.value) is None:
            continue
        for at in _event_offsets(event, span):
            j = bisect.bisect_right(cue_starts, at) - 1
            # cues may nest or repeat (one cue for a split quote): check the neighbours too
            for k in range(max(0, j - 2), min(len(cued), j + 3)):
                start, end, qi = cued[k]
                if start <= at < end and quotes[qi].said_on is None:
                    quotes[qi].said_on = expr.value
                    dated_by[qi] = n
    by_cue: dict[tuple[int, int], str] = {}
    for q in quotes:
        if q.cue is not None and q.said_on:
            by_cue.setdefault((q.cue.start, q.cue.end), q.said_on)
    for q in quotes:  # the other pieces of a quote split around its cue
        if q.cue is not None and q.said_on is None and (q.cue.start, q.cue.end) in by_cue:
            q.said_on = by_cue[(q.cue.start, q.cue.end)]
    _carry_said_on(quotes)
    _reanchor_in_quotes(out, found, contexts, quotes, dated_by)


def _reanchor_in_quotes(
    out: list[TimeExpression],
    found: list[tuple[Candidate, Norm, SpacySpan | None]],
    contexts: list[TimexContext],
    quotes: list[Quote],
    dated_by: dict[int, int],
) -> None:
    """Read the relative dates inside a dated quote against the day it was said, in the clause reading
    they had (tense, forward cues), except the date that dated the quote itself ("responded coolly to
    yesterday's announcement": "yesterday" dates "responded", it is not said on that day)."""
    starts = [e.start for e in out]
    for qi, q in enumerate(quotes):
        said = day_of(q.said_on)
        if said is None:
            continue
        i = bisect.bisect_left(starts, q.start)
        while i < len(out) and out[i].end <= q.end:
            cand, norm, _ = found[i]
            if norm.relative and out[i].role == "event" and dated_by.get(qi) != i:
                ctx = replace(contexts[i], anchor=said, last_day=None, last_quarter=None, last_point=None)
                again = normalize(cand, ctx)
                if again is not None:
                    out[i].value, out[i].mod, out[i].resolved = again.value, again.mod, again.resolved
            i += 1
