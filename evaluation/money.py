"""Score the ``money`` section on news annotated with MONEY spans (MEANTIME-style ``gold.money``).

    python -m evaluation money ../shared/data/news-dev.jsonl [--errors N]

Detection: a predicted figure matches a gold figure when their spans overlap; matching is
one-to-one, pairs with the largest overlap first. Precision, recall and F1 are printed for the
raw spaCy ``MONEY`` entities (nothing else done) and for the service's money section.

Values, on matched pairs: the share with the right ``amount`` (compared as decimals, so "3.50"
equals "3.5"; both None counts as right), the right ISO ``currency``, both right, and the right
``min``/``max``, ``approximate`` and ``per_unit``. The service's figures are also given over all
gold figures (a missed figure counts as wrong).

Amounts wrong with the right currency are the worst error (nothing looks wrong): they are counted
on their own, split into *silent* ones and those whose right value is among the figure's
``amount_alternatives`` (an ambiguous number format, flagged with a lower ``amount_confidence``).

Every figure is printed for all documents, then for two fixed parts of them: ``tune`` (the
documents rules may be tuned on) and ``held-out`` (set aside: about a third of the documents,
chosen by a checksum of their id, never looked at while writing rules). ``--errors N`` lists up
to N misses, false alarms and wrong values.
"""

from __future__ import annotations

import argparse
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from service.extract import analyse_doc
from service.extract.model import Money
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import PRF, match_by_overlap, parse, published_of, read_jsonl

FIELDS = ("amount", "currency", "both", "min/max", "approximate", "per_unit")
PARTS = ("tune", "held-out")


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def part_of(doc_id: object) -> str:
    """The fixed part a document belongs to: ``held-out`` for about a third of the ids."""
    return "held-out" if zlib.crc32(str(doc_id).encode("utf-8")) % 3 == 0 else "tune"


@dataclass
class Tally:
    raw: PRF = field(default_factory=PRF)
    ours: PRF = field(default_factory=PRF)
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    docs: int = 0
    wrong_amount_right_currency: int = 0
    silent: int = 0
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _checks(m: Money, g: dict[str, Any]) -> dict[str, bool]:
    ok = {
        "amount": m.amount == _dec(g["amount"]),
        "currency": m.currency == g["currency"],
        "min/max": (m.min, m.max) == (_dec(g["min"]), _dec(g["max"])),
        "approximate": m.approximate == bool(g["approximate"]),
        "per_unit": m.per_unit == g["per_unit"],
    }
    ok["both"] = ok["amount"] and ok["currency"]
    return ok


def _in_alternatives(m: Money, g: dict[str, Any]) -> bool:
    gold = (_dec(g["amount"]), _dec(g["min"]), _dec(g["max"]))
    return any((a.amount, a.min, a.max) == gold for a in m.amount_alternatives)


def _wrong_line(doc_id: str, m: Money, g: dict[str, Any], ok: dict[str, bool]) -> str:
    bad = ", ".join(k for k, v in ok.items() if not v)
    return (
        f"{doc_id}: {m.text!r} -> amount {m.amount} {m.currency} min {m.min} max {m.max} "
        f"approx {m.approximate} unit {m.per_unit}; gold {g['text']!r} amount {g['amount']} "
        f"{g['currency']} min {g['min']} max {g['max']} approx {g['approximate']} "
        f"unit {g['per_unit']} [{bad}]"
    )


def _score_pairs(
    t: Tally, doc_id: str, pred: list[Money], gold: list[dict[str, Any]], pairs: Iterable
) -> None:
    for i, j in pairs:
        m, g = pred[i], gold[j]
        t.matched += 1
        ok = _checks(m, g)
        for name in FIELDS:
            t.right[name] += ok[name]
        if ok["currency"] and not (ok["amount"] and ok["min/max"]):
            t.wrong_amount_right_currency += 1
            t.silent += not _in_alternatives(m, g)
        if not all(ok.values()):
            t.wrong.append(_wrong_line(doc_id, m, g, ok))


def _score_doc(t: Tally, d: dict[str, Any], spacy_spans: list[tuple[int, int]], pred: list[Money]) -> None:
    gold = d["gold"]["money"]
    gspans = [(g["start"], g["end"]) for g in gold]
    t.docs += 1
    t.raw.add(len(spacy_spans), len(gspans), len(match_by_overlap(spacy_spans, gspans)))
    pairs = match_by_overlap([(m.start, m.end) for m in pred], gspans)
    t.ours.add(len(pred), len(gspans), len(pairs))
    hit_p = {i for i, _ in pairs}
    hit_g = {j for _, j in pairs}
    t.misses += [f"{d['id']}: {g['text']!r}" for j, g in enumerate(gold) if j not in hit_g]
    t.alarms += [
        f"{d['id']}: {m.text!r} {m.amount} {m.currency}" for i, m in enumerate(pred) if i not in hit_p
    ]
    _score_pairs(t, d["id"], pred, gold, pairs)


def _report(t: Tally, prefix: str = "") -> None:
    print(f"{prefix}{t.docs} documents, {t.ours.n_gold} gold figures")
    print(prefix + t.raw.line("spaCy MONEY entities"))
    print(prefix + t.ours.line("service money"))
    print(f"{prefix}values on {t.matched} matched figures (and over all {t.ours.n_gold} gold figures):")
    for name in FIELDS:
        share = t.right[name] / t.matched if t.matched else 0.0
        overall = t.right[name] / t.ours.n_gold if t.ours.n_gold else 0.0
        print(f"{prefix}  {name:<12} {share:.3f}   ({t.right[name]}/{t.matched}; {overall:.3f} of gold)")
    flagged = t.wrong_amount_right_currency - t.silent
    print(
        f"{prefix}amount wrong with the right currency: {t.wrong_amount_right_currency} "
        f"(silent: {t.silent}; right value among amount_alternatives: {flagged})"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation money")
    parser.add_argument("path")
    parser.add_argument("--errors", type=int, default=0, help="list up to N errors of each kind")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)

    nlp = load_pipeline(args.model)
    docs = [d for d in read_jsonl(args.path) if "money" in d.get("gold", {})]
    total = Tally()
    parts = {name: Tally() for name in PARTS}
    for doc, d in zip(parse(nlp, (d["text"] for d in docs)), docs, strict=True):
        spacy_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "MONEY"]
        pred = analyse_doc(doc, published_of(d), include=("money",)).money
        for tally in (total, parts[part_of(d["id"])]):
            _score_doc(tally, d, spacy_spans, pred)

    _report(total)
    for name in PARTS:
        print()
        _report(parts[name], f"[{name}] ")
    if args.errors:
        for title, items in (
            ("missed", total.misses),
            ("false alarms", total.alarms),
            ("wrong values", total.wrong),
        ):
            print(f"\n{title} ({len(items)}):")
            for row in items[: args.errors]:
                print(f"  [{part_of(row.split(':')[0])}] {row}")
    return 0
