"""A learned decision over the rules' event for a date (issue 14): keep it, choose another, or none.

The rules of ``events.py`` pick one word. TimeBank's annotators leave many dates linked to no event
("from $90.5 million a year ago", "stock of record Nov. 10", "now"), and sometimes link one to another
word of the sentence. This ranker scores the candidates of the date's sentence (verbs, adjectives,
nouns) and a no-event candidate with a conditional logistic regression (a softmax over one date's
candidates) on features of the parse: the dependency path between the date and the candidate, its
part of speech and dependency label, distance and direction, whether it is an auxiliary, copula,
light verb or listed event noun, its tense and aspect, and whether the rules pick it; the no-event
candidate's features are the date's own (``none_features``: its type, words, dependency, head, and
the rules' word). The weights are plain numbers in ``data/event_ranker.json``, trained on the tuning
part of the TimeBank/AQUAINT dev data by ``python -m evaluation train_events PATH``.

The shipped model has no margin: the rules' choice stands and only it and the no-event candidate are
scored (choosing among all candidates cross-validated no better and cost five times the time); with a
margin, another candidate that beats the rules' choice by it is chosen. Either way the ranker
abstains when the no-event candidate, its bias added, scores higher, and never adds an event where
the rules find none (captions, headings).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..tables import DATA_DIR
from .lexicon import event_table, is_event_noun

WEIGHTS_FILE = "event_ranker.json"
_CANDIDATE_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})
_MAX_UP = 6
_MAX_DOWN = 4
_DIST_BINS = (1, 2, 3, 5, 8, 13)
_VERBS_KEY = "newsfacts.dates.verbs"


@dataclass(frozen=True)
class DateView:
    """What every candidate's features read of one date, computed once: its tokens, its root and the
    root's chain of heads, its sentence and the running count of verbs in it."""

    span: SpacySpan
    root: Token
    up: list[Token]
    where: dict[int, int]  # token index -> place in ``up``
    sent: SpacySpan
    verbs: list[int]  # verbs[k]: verbs among the Doc's first k tokens


def _verb_counts(doc: Doc) -> list[int]:
    """``counts[k]``: the tokens tagged VERB among the Doc's first ``k``, read once per Doc (a whole-array
    read, no Token object per token) and kept with it."""
    counts = doc.user_data.get(_VERBS_KEY)
    if counts is None:
        counts = [0]
        for pos in doc.to_array(POS).tolist() if len(doc) else []:
            counts.append(counts[-1] + (pos == VERB))
        doc.user_data[_VERBS_KEY] = counts
    return counts


def date_view(span: SpacySpan) -> DateView:
    root = span.root
    up = _ancestors(root)
    sent = span.sent
    return DateView(span, root, up, {t.i: k for k, t in enumerate(up)}, sent, _verb_counts(span.doc))


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
    return view.verbs[hi] - view.verbs[lo] if lo <= hi else 0  # no tokens between (``doc[lo:hi]`` empty)


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
    if lemma in event_table("copulas"):
        out.append("copula")
    if lemma in event_table("light_verbs"):
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


def none_features(view: DateView, rule: Token, kind: str) -> list[str]:
    """The features of the no-event candidate of the date ``view`` (TIMEX3 type ``kind``): what
    TimeBank leaves unlinked ("from $90.5 million a year ago", "a five year low", "now")."""
    root, head = view.root, view.root.head
    out = [
        "none",
        f"none&type={kind}",
        f"none&date_dep={root.dep_}",
        f"none&date_lemma={root.lemma_.lower()}",
    ]
    out += [f"none&head_pos={head.pos_}", f"none&head_dep={head.dep_}", f"none&rule_pos={rule.pos_}"]
    if head.pos_ == "ADP":
        out.append(f"none&prep={head.lower_}")
    if rule.i in view.where:
        out.append(f"none&rule_up={min(view.where[rule.i], _MAX_UP)}")
    else:
        out.append("none&rule_off_path")
    if view.span.start == view.sent.start:
        out.append("none&sentence_start")
    out += [f"none&rule_lemma={rule.lemma_.lower()}", f"none&rule_dep={rule.dep_}"]
    out += sorted({f"none&date_word={t.lemma_.lower()}" for t in view.span if t.is_alpha})
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


@dataclass(frozen=True)
class Model:
    """The shipped weights; ``margin``: how much another candidate must beat the rules' choice by
    (None: the rules' choice stands, the ranker only decides whether to abstain); ``abstain``: the
    no-event candidate's bias (None: never abstain)."""

    weights: dict[str, float]
    margin: float | None = 0.0
    abstain: float | None = None


@functools.cache
def model() -> Model:
    """The shipped model (no weights when the file is absent: the rules decide alone)."""
    path = DATA_DIR / WEIGHTS_FILE
    if not path.exists():
        return Model({})
    data = json.loads(path.read_text(encoding="utf-8"))
    margin, abstain = data.get("margin"), data.get("abstain")
    return Model(
        {str(k): float(v) for k, v in data["weights"].items()},
        None if margin is None else float(margin),
        None if abstain is None else float(abstain),
    )


def score(feats: Sequence[str], w: dict[str, float]) -> float:
    return math.fsum(w.get(f, 0.0) for f in feats)


def best(scores: Sequence[float], rule: int, margin: float | None) -> int:
    """Index of the chosen candidate: the best scoring one (the first of equals), the rules' choice
    (index ``rule``) counted ``margin`` higher, so that another must beat it by that much (None: the
    rules' choice)."""
    if margin is None:
        return rule
    top, choice = -math.inf, rule
    for k, s in enumerate(scores):
        s = s + margin if k == rule else s
        if s > top:
            top, choice = s, k
    return choice


def abstains(chosen: float, none: float | None) -> bool:
    """Whether the no-event candidate's score ``none`` (its bias included; None: no such candidate)
    beats the chosen candidate's score ``chosen``."""
    return none is not None and none > chosen


def choose(span: SpacySpan, rule: Token, kind: str, m: Model | None = None) -> tuple[Token, bool]:
    """The event of ``span`` (a date of TIMEX3 type ``kind``) the ranker chooses, and whether it
    abstains (TimeBank would link the date to no event): the rules' choice ``rule`` when there are
    no weights; ``m``: the shipped model unless given."""
    m = model() if m is None else m
    if not m.weights:
        return rule, False
    view = date_view(span)
    none = None if m.abstain is None else score(none_features(view, rule, kind), m.weights) + m.abstain
    if m.margin is None:  # only the rules' choice is scored
        return rule, abstains(score(features(view, rule, rule), m.weights), none)
    cands = candidates(view, rule)
    k = next(i for i, c in enumerate(cands) if c.i == rule.i)
    scores = [score(features(view, c, rule), m.weights) for c in cands]
    chosen = best(scores, k, m.margin)
    return cands[chosen], abstains(scores[chosen], none)
