"""A learned choice among the events of a date's sentence (issue 14), over the rule's choice.

The rules of ``events.py`` pick one word; TimeBank's annotators sometimes link the date to another
word of the sentence (a nearby event noun rather than the verb, the verb of the clause the date phrase
really modifies when the parser attached it elsewhere). This ranker scores every candidate of the
sentence (verbs, adjectives, nouns) with a conditional logistic regression (a softmax over the
candidates of one date) on features of the parse: the dependency path between the date and the
candidate, its part of speech and dependency label, distance and direction, whether it is an
auxiliary, copula, light verb or listed event noun, its tense and aspect, and whether the rules
pick it. The weights are plain numbers in ``data/event_ranker.json``, trained on the tuning part of
the TimeBank/AQUAINT dev data by ``python -m evaluation train_events PATH``; the ranker never adds
an event where the rules find none (captions, headings), it only chooses another one.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..tables import DATA_DIR
from .eventwords import is_event_noun, table

WEIGHTS_FILE = "event_ranker.json"
_CANDIDATE_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})
_MAX_UP = 6
_MAX_DOWN = 4
_DIST_BINS = (1, 2, 3, 5, 8, 13)


@dataclass(frozen=True)
class DateView:
    """What every candidate's features read of one date, computed once: its tokens, its root and the
    root's chain of heads, its sentence and the running count of verbs in it."""

    span: SpacySpan
    root: Token
    up: list[Token]
    where: dict[int, int]  # token index -> place in ``up``
    sent: SpacySpan
    verbs: list[int]  # verbs[k]: verbs among the sentence's first k tokens


def date_view(span: SpacySpan) -> DateView:
    root = span.root
    up = _ancestors(root)
    sent = span.sent
    verbs = [0]
    for t in sent:
        verbs.append(verbs[-1] + (t.pos_ == "VERB"))
    return DateView(span, root, up, {t.i: k for k, t in enumerate(up)}, sent, verbs)


def candidates(view: DateView, rule: Token | None) -> list[Token]:
    """The words of the date's sentence that may be its event (the rule's choice always among them)."""
    start, end = view.span.start, view.span.end
    out = [t for t in view.sent if t.pos_ in _CANDIDATE_POS and not (start <= t.i < end) and not t.is_punct]
    if rule is not None and all(t.i != rule.i for t in out):
        out.append(rule)
    return out


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _path(view: DateView, cand: Token) -> tuple[list[str], list[str]] | None:
    """Dependency labels from the date's root up to the common ancestor, and from it down to ``cand``."""
    down: list[str] = []
    for t in _ancestors(cand):
        if t.i in view.where:
            return [u.dep_ for u in view.up[: view.where[t.i]]], down[::-1]
        down.append(t.dep_)
    return None


def _verbs_between(view: DateView, lo: int, hi: int) -> int:
    s0, s1 = view.sent.start, view.sent.end
    if s0 <= lo <= hi <= s1:
        return view.verbs[hi - s0] - view.verbs[lo - s0]
    return sum(1 for t in view.span.doc[lo:hi] if t.pos_ == "VERB")  # the rule's word in another sentence


def _bin(n: int) -> str:
    for b in _DIST_BINS:
        if n <= b:
            return str(b)
    return "more"


def _word_class(cand: Token) -> list[str]:
    lemma = cand.lemma_.lower()
    out = [f"pos={cand.pos_}", f"tag={cand.tag_}", f"dep={cand.dep_}", f"lemma={lemma}"]
    if cand.dep_ in ("aux", "auxpass") or cand.pos_ == "AUX":
        out.append("aux")
    if lemma in table("copulas"):
        out.append("copula")
    if lemma in table("light_verbs"):
        out.append("light_verb")
    if is_event_noun(cand):
        out.append("event_noun")
    if cand.dep_ == "ROOT":
        out.append("sentence_root")
    kids = {(c.dep_, c.lemma_.lower()) for c in cand.children}
    for dep, lemma_ in sorted(kids):  # TimeML-ish tense and aspect from the auxiliaries
        if dep in ("aux", "auxpass"):
            out.append(f"aux_child={lemma_ if lemma_ in ('will', 'would', 'have', 'be', 'do') else 'modal'}")
        if dep == "neg":
            out.append("negated")
    if any(dep == "auxpass" for dep, _ in kids):
        out.append("passive")
    return out


def features(view: DateView, cand: Token, rule: Token | None) -> list[str]:
    """The (binary) features of ``cand`` as the event of the date ``view``."""
    out = _word_class(cand)
    if rule is not None:
        out += _against_rule(cand, rule)
    date_dep = view.root.dep_
    out.append(f"date_dep={date_dep}&pos={cand.pos_}")
    path = _path(view, cand)
    if path is not None:
        up, down = path
        nu, nd = min(len(up), _MAX_UP), min(len(down), _MAX_DOWN)
        out += [f"up={nu}", f"down={nd}", f"updown={nu},{nd}", f"pos={cand.pos_}&down={nd}"]
        out += [f"up_label={d}" for d in up] + [f"down_label={d}" for d in down]
        if len(up) + len(down) <= 4:
            out.append(f"path={'>'.join(up)}|{'>'.join(down)}")
        if not down:
            out.append(f"ancestor&pos={cand.pos_}")
            out.append(f"ancestor&date_dep={date_dep}&up={nu}")
        if len(up) + len(down) <= 5:
            out.append(f"path_pos={'>'.join(up)}|{'>'.join(down)}&{cand.pos_}")
    start, end = view.span.start, view.span.end
    before = cand.i < start
    gap = start - cand.i if before else cand.i - end + 1
    out += [f"dist={_bin(gap)}", f"dir={'left' if before else 'right'}"]
    lo, hi = (cand.i, start) if before else (end, cand.i)
    verbs = _verbs_between(view, lo, hi)
    out.append(f"verbs_between={min(verbs, 3)}")
    return out


def _against_rule(cand: Token, rule: Token) -> list[str]:
    """Where ``cand`` stands from the rules' choice."""
    if cand.i == rule.i:
        return ["rule"]
    if cand.i == rule.head.i:
        return ["rule_head"]
    if cand.head.i == rule.i:
        return ["rule_child"]
    return []


@functools.cache
def model() -> tuple[dict[str, float], float]:
    """The shipped weights and margin (no weights when the file is absent: the rules decide alone)."""
    path = DATA_DIR / WEIGHTS_FILE
    if not path.exists():
        return {}, 0.0
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}, float(data["margin"])


def score(feats: Sequence[str], w: dict[str, float]) -> float:
    return math.fsum(w.get(f, 0.0) for f in feats)


def best(scores: Sequence[float], rule: int, margin: float) -> int:
    """Index of the chosen candidate: the best scoring one (the first of equals), the rules' choice
    (index ``rule``) counted ``margin`` higher, so that another must beat it by that much."""
    top, choice = -math.inf, rule
    for k, s in enumerate(scores):
        s = s + margin if k == rule else s
        if s > top:
            top, choice = s, k
    return choice


def choose(span: SpacySpan, rule: Token, w: dict[str, float] | None = None, margin: float = 0.0) -> Token:
    """The event of ``span`` the ranker chooses (the rule's choice ``rule`` when there are no weights);
    ``w``, ``margin``: the shipped model unless given."""
    if w is None:
        w, margin = model()
    if not w:
        return rule
    view = date_view(span)
    cands = candidates(view, rule)
    k = next(i for i, c in enumerate(cands) if c.i == rule.i)
    return cands[best([score(features(view, c, rule), w) for c in cands], k, margin)]
