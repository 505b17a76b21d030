"""Score the event each date anchors against TimeML's event-to-time links.

    python -m evaluation events PATH [--errors N] [--limit N]

PATH is a JSON Lines file with ``gold.timex``, ``gold.events`` and ``gold.tlinks`` (dates-dev.jsonl:
TimeBank/AQUAINT). A predicted date is matched one-to-one to a gold TIMEX3 by overlap, as the dates
score does. Its ``event`` is right when a gold TLINK joins that timex and a gold EVENT overlapping the
reported event span, in either direction. Counted:

- precision: right events over matched dates that report an event (a lower bound: TimeBank does not
  link every date), and the same over the matched dates that have a gold link to some event;
- recall: right events over the matched dates that have a gold link to an event in the same sentence
  (spaCy's sentences), the ones an anchoring in the sentence can find.

"recall by gold relation": for each relation type, the dates with a gold link of that type to an
event of their sentence, and how many of them the reported event is right for (by that link).
"anchoring" restricts the gold links to the relations that place an event at a date (IS_INCLUDED,
INCLUDES, DURING, SIMULTANEOUS, BEGINS, ENDS, and their inverses' names as TimeML writes them).
"nearest verb" is the baseline: the verb nearest to the date in its sentence. Error classes, over the
dates with a gold link in the sentence that the service gets wrong: the reported word is an auxiliary
or copula, a noun (a head noun), another verb, or nothing.

The documents are split by a hash of their id: ``crc32(id) % 4 == 0`` is the set-aside part, never
used for tuning; the figures are printed for the tuning part, the set-aside part and all.
"""

from __future__ import annotations

import argparse
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from service.extract import analyse_doc
from service.extract.model import TimeExpression
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import PRF, match_by_overlap, overlap, parse_one, published_of, read_jsonl

ANCHORING = frozenset(
    {
        "IS_INCLUDED",
        "INCLUDES",
        "DURING",
        "DURING_INV",
        "SIMULTANEOUS",
        "BEGINS",
        "BEGUN_BY",
        "ENDS",
        "ENDED_BY",
    }
)
_AUX_LEMMAS = frozenset({"be", "have", "do"})
PARTS = ("tune", "set-aside", "all")


def part_of(doc_id: str) -> str:
    """``set-aside`` for the quarter of the documents kept out of tuning, else ``tune``."""
    return "set-aside" if zlib.crc32(doc_id.encode("utf-8")) % 4 == 0 else "tune"


@dataclass
class Scores:
    """Counts for one part of the data."""

    docs: int = 0
    links: PRF = field(default_factory=PRF)
    anchoring: PRF = field(default_factory=PRF)
    linked: PRF = field(default_factory=PRF)  # precision over dates that have a gold link
    baseline: PRF = field(default_factory=PRF)
    classes: Counter[str] = field(default_factory=Counter)
    relations: Counter[tuple[str, bool]] = field(default_factory=Counter)  # (relType, right) -> dates

    def print(self, name: str) -> None:
        print(f"\n== {name}: {self.docs} documents ==")
        print(self.links.line("link (any relation)"))
        print(self.anchoring.line("link (anchoring relations)"))
        print(
            f"{'precision on linked dates':<28} {self.linked.precision:.3f}   "
            f"({self.linked.tp_pred}/{self.linked.n_pred})"
        )
        print(self.baseline.line("nearest verb (baseline)"))
        rels = sorted(
            {r for r, _ in self.relations}, key=lambda r: -self.relations[r, True] - self.relations[r, False]
        )
        print(
            "recall by gold relation: "
            + ", ".join(
                f"{r} {self.relations[r, True]}/{self.relations[r, True] + self.relations[r, False]}"
                for r in rels
            )
        )
        total = sum(self.classes.values())
        print(
            "errors on dates linked in their sentence: "
            + ", ".join(f"{k} {v}" for k, v in self.classes.most_common())
            + f" (of {total})"
        )


def _gold_links(gold: dict[str, Any]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """timex id -> [(relType, gold event)] for every TLINK joining a timex and an event."""
    events = {e["eid"]: e for e in gold.get("events") or []}
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for link in gold.get("tlinks") or []:
        tid = link.get("timeID") or link.get("relatedToTime")
        eid = link.get("eventID") or link.get("relatedToEvent")
        if tid and eid and eid in events and not (link.get("timeID") and link.get("relatedToTime")):
            out.setdefault(tid, []).append((link["relType"], events[eid]))
    return out


def _nearest_verb(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    verbs = [t for t in sent if t.pos_ == "VERB" and not (span.start <= t.i < span.end)]
    if not verbs:
        return None
    best = min(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - (span.end - 1))))
    return best.idx, best.idx + len(best)


def _error_class(doc: Doc, event: tuple[int, int] | None) -> str:
    if event is None:
        return "none"
    span = doc.char_span(event[0], event[1], alignment_mode="expand")
    if span is None:
        return "other"
    tok = span.root
    if tok.pos_ == "AUX" or tok.lemma_.lower() in _AUX_LEMMAS:
        return "auxiliary/copula"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "head noun"
    if tok.pos_ == "VERB":
        return "other verb"
    return "other"


def _right(event: tuple[int, int] | None, links: Iterable[tuple[str, dict[str, Any]]]) -> bool:
    return event is not None and any(overlap(event, (e["start"], e["end"])) > 0 for _, e in links)


def _in_sentence(sent: Span | None, found: list[tuple[str, dict[str, Any]]]) -> bool:
    return sent is not None and any(sent.start_char <= e["start"] < sent.end_char for _, e in found)


def score_document(
    doc: Doc, gold: dict[str, Any], dates: list[TimeExpression], scores: Scores, errors: list[str] | None
) -> None:
    """Add one document's counts to ``scores`` (and its wrong anchorings to ``errors``)."""
    timex = [t for t in gold.get("timex") or [] if t.get("start") is not None]
    links = _gold_links(gold)
    pairs = match_by_overlap([(d.start, d.end) for d in dates], [(t["start"], t["end"]) for t in timex])
    for i, j in pairs:
        date, tx = dates[i], timex[j]
        every = links.get(tx["tid"], [])
        anchoring = [(r, e) for r, e in every if r in ANCHORING]
        span = doc.char_span(tx["start"], tx["end"], alignment_mode="expand")
        sent = span.sent if span is not None else None
        event = (date.event.start, date.event.end) if date.event is not None else None
        base = _nearest_verb(doc, tx["start"], tx["end"])
        for prf, found, pred in (
            (scores.links, every, event),
            (scores.anchoring, anchoring, event),
            (scores.baseline, every, base),
        ):
            right = int(_right(pred, found))
            here = _in_sentence(sent, found)
            prf.add(int(pred is not None), int(here), right, right if here else 0)
        if every and event is not None:
            scores.linked.add(1, 0, int(_right(event, every)), 0)
        for rel in {
            r for r, e in every if sent is not None and sent.start_char <= e["start"] < sent.end_char
        }:
            scores.relations[rel, _right(event, [(r, e) for r, e in every if r == rel])] += 1
        if _in_sentence(sent, every) and not _right(event, every):
            scores.classes[_error_class(doc, event)] += 1
            if errors is not None and sent is not None:
                want = "/".join(sorted({e["text"] for _, e in every}))
                got = date.event.text if date.event is not None else None
                errors.append(f"{date.text!r} -> {got!r}, gold {want!r} | {sent.text.strip()[:200]}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation events")
    parser.add_argument("path")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong anchorings (tuning part)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args(argv)

    docs = list(read_jsonl(args.path))
    if args.limit:
        docs = docs[: args.limit]
    nlp = load_pipeline(DEFAULT_MODEL)
    scores = {name: Scores() for name in PARTS}
    errors: list[str] = []
    for doc in docs:
        parsed = parse_one(nlp, doc["text"])
        dates = analyse_doc(parsed, published_of(doc), include=("dates",)).dates
        part = part_of(doc["id"])
        for name in (part, "all"):
            scores[name].docs += 1
            score_document(parsed, doc["gold"], dates, scores[name], errors if name == "tune" else None)
    print(f"{args.path}: event-to-date links; set-aside part: crc32(id) % 4 == 0")
    for name in PARTS:
        scores[name].print(name)
    if args.errors and errors:
        print("\n--- wrong anchorings (tuning part) ---")
        print("\n".join(errors[: args.errors]))
    return 0
