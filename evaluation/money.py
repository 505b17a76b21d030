"""Score the ``money`` section on news annotated with MONEY spans (MEANTIME-style ``gold.money``).

    python -m evaluation money ../shared/data/news-dev.jsonl [--errors N]

Detection: a predicted figure matches a gold figure when their spans overlap; matching is
one-to-one, pairs with the largest overlap first. Precision, recall and F1 are printed for the
raw spaCy ``MONEY`` entities (nothing else done) and for the service's money section.

Values, on matched pairs: the share with the right ``amount`` (compared as decimals, so "3.50"
equals "3.5"; both None counts as right), the right ISO ``currency``, both right, and the right
``min``/``max``, ``approximate`` and ``per_unit``. The service's figures are also given over all
gold figures (a missed figure counts as wrong). ``--errors N`` lists up to N misses, false alarms
and wrong values.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from service.extract import analyse_doc
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import PRF, match_by_overlap, published_of, read_jsonl

Span = tuple[int, int]


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation money")
    parser.add_argument("path")
    parser.add_argument("--errors", type=int, default=0, help="list up to N errors of each kind")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)

    nlp = load_pipeline(args.model)
    docs = [d for d in read_jsonl(args.path) if "money" in d.get("gold", {})]
    raw, ours = PRF(), PRF()
    fields = ("amount", "currency", "both", "min/max", "approximate", "per_unit")
    right = dict.fromkeys(fields, 0)
    matched = 0
    misses: list[str] = []
    alarms: list[str] = []
    wrong: list[str] = []
    for doc, d in zip(nlp.pipe(d["text"] for d in docs), docs, strict=True):
        gold = d["gold"]["money"]
        gspans = [(g["start"], g["end"]) for g in gold]

        spacy_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "MONEY"]
        pairs = match_by_overlap(spacy_spans, gspans)
        raw.add(len(spacy_spans), len(gspans), len(pairs))

        result = analyse_doc(doc, published_of(d), include=("money",))
        pred = result.money
        pairs = match_by_overlap([(m.start, m.end) for m in pred], gspans)
        ours.add(len(pred), len(gspans), len(pairs))
        hit_p = {i for i, _ in pairs}
        hit_g = {j for _, j in pairs}
        misses += [f"{d['id']}: {g['text']!r}" for j, g in enumerate(gold) if j not in hit_g]
        alarms += [
            f"{d['id']}: {m.text!r} {m.amount} {m.currency}" for i, m in enumerate(pred) if i not in hit_p
        ]
        for i, j in pairs:
            m, g = pred[i], gold[j]
            matched += 1
            ok = {
                "amount": m.amount == _dec(g["amount"]),
                "currency": m.currency == g["currency"],
                "min/max": (m.min, m.max) == (_dec(g["min"]), _dec(g["max"])),
                "approximate": m.approximate == bool(g["approximate"]),
                "per_unit": m.per_unit == g["per_unit"],
            }
            ok["both"] = ok["amount"] and ok["currency"]
            for name in fields:
                right[name] += ok[name]
            if not all(ok.values()):
                bad = ", ".join(k for k, v in ok.items() if not v)
                wrong.append(
                    f"{d['id']}: {m.text!r} -> amount {m.amount} {m.currency} min {m.min} max {m.max} "
                    f"approx {m.approximate} unit {m.per_unit}; gold {g['text']!r} amount {g['amount']} "
                    f"{g['currency']} min {g['min']} max {g['max']} approx {g['approximate']} "
                    f"unit {g['per_unit']} [{bad}]"
                )

    print(f"{len(docs)} documents, {ours.n_gold} gold figures")
    print(raw.line("spaCy MONEY entities"))
    print(ours.line("service money"))
    print(f"values on {matched} matched figures (and over all {ours.n_gold} gold figures):")
    for name in fields:
        share = right[name] / matched if matched else 0.0
        overall = right[name] / ours.n_gold if ours.n_gold else 0.0
        print(f"  {name:<12} {share:.3f}   ({right[name]}/{matched}; {overall:.3f} of gold)")
    if args.errors:
        for title, items in (("missed", misses), ("false alarms", alarms), ("wrong values", wrong)):
            print(f"\n{title} ({len(items)}):")
            for line in items[: args.errors]:
                print("  " + line)
    return 0
