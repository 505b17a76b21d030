"""Step 4, type, name and salience of each group."""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from spacy.tokens import Doc

from ..model import Analysis
from .lexicon import Rules
from .mentions import Feats, TokMention, span_text

_BYLINE = re.compile(r"(?:^|\s)[Bb]y\s+[A-Z]")


def type_of(ms: list[TokMention], rules: Rules) -> str:
    """Majority label; product cues vote PRODUCT, person cues PERSON ("Smith, a spokesman"), twice; ties
    go to the label of the longest name ("Cerberus Capital Management" ORG over "Cerberus" PERSON), then
    to the label seen first.

    Mentions found by rules without a label ("") count only when no mention has one.
    """
    votes: Counter[str] = Counter()
    for m in ms:
        if m.product:
            votes["PRODUCT"] += 2
        elif m.person:
            votes["PERSON"] += 2  # an age or a person's role in apposition ("Smith, a spokesman")
        elif m.label:
            votes[m.label] += 1
    if not votes:
        return rules.untagged_label
    order = {m.label: k for k, m in reversed(list(enumerate(ms)))}
    order.setdefault("PRODUCT", len(ms))
    longest: Counter[str] = Counter()
    for m in ms:
        label = "PRODUCT" if m.product else m.label
        longest[label] = max(longest[label], m.end - m.start)
    return max(votes, key=lambda lab: (votes[lab], longest[lab], -order.get(lab, len(ms))))


def name_of(feats: Feats, ms: list[TokMention], etype: str) -> str:
    """The fullest mention (most words, then most frequent, then longest, then first): of the names,
    else (an unnamed entity) of the nominals."""
    names = [m for m in ms if m.kind == "proper"] or [m for m in ms if m.kind == "common"] or ms
    texts = [span_text(feats, m.start, m.end) for m in names if m.label == etype] or [
        span_text(feats, m.start, m.end) for m in names
    ]
    freq = Counter(texts)
    first = {t: k for k, t in reversed(list(enumerate(texts)))}
    return max(freq, key=lambda t: (len(t.split()), freq[t], len(t), -first[t]))


def byline_end_token(doc: Doc, result: Analysis) -> int:
    """Token index where a first line holding the dateline or a byline ("By Euronews with AP") ends.

    0 when the first line is neither (a headline, or prose).
    """
    text = result.text
    cut = text.find("\n", 0, 300)
    if cut <= 0:
        return 0
    line = text[:cut]
    dated = result.dateline is not None and result.dateline.end <= cut
    if not (dated or _BYLINE.search(line)) or len(line.split()) > 12:
        return 0
    span = doc.char_span(0, cut, alignment_mode="expand")
    return span.end if span is not None else 0


def salience_scores(
    doc: Doc, groups: list[tuple[str, list[TokMention]]], rules: Rules, byline_end: int
) -> list[float]:
    """Per group: sum of mention weights (position, headline, lead) times the type weight (and the
    unnamed weight for a group with no name); sums to 1.

    Mentions in a byline ("By Euronews with AP") weigh ``byline_weight`` and get no bonus; the
    headline is the first sentence after it.
    """
    cfg = rules.salience
    has_sents = len(doc) and doc.has_annotation("SENT_START")
    sents = []
    if has_sents:
        body = (s for s in doc.sents if s.end > byline_end)
        sents = list(islice(body, int(cfg["lead_sentences"])))
    headline_end = sents[0].end if sents else 0
    lead_end = sents[-1].end if sents else 0
    n = max(len(doc), 1)
    scores = []
    for etype, ms in groups:
        total = 0.0
        named = False
        for m in ms:
            named = named or m.kind == "proper"
            if m.start < byline_end:
                total += float(cfg["byline_weight"])
                continue
            w = 1.0 + float(cfg["position_bonus"]) * (1.0 - m.start / n)
            if m.start < headline_end:
                w += float(cfg["headline_bonus"])
            if m.start < lead_end:
                w += float(cfg["lead_bonus"])
            total += w * float(cfg["kind_weights"][m.kind])
        if not named:
            total *= float(cfg["unnamed_weight"])  # "users", "the world": a thing the text never names
        scores.append(total * float(cfg["type_weights"].get(etype, 0.5)))
    s = sum(scores) or 1.0
    return [x / s for x in scores]
