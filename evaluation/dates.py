"""Score the dates stage as TempEval-3 does.

    python -m evaluation dates PATH [--no-publication] [--errors N] [--limit N]

PATH is a JSON Lines file with ``gold.timex`` (dates-dev.jsonl: TimeBank/AQUAINT;
news-dev.jsonl: MEANTIME). Each document is anchored on its ``published`` date, as the
service would be when a client sends the date. Printed: relaxed span P/R/F1 (a predicted
span overlapping a gold span), strict span P/R/F1 (identical offsets), value F1 (relaxed
match with the identical normalised value), type accuracy on relaxed matches, and mod
accuracy where gold has one.

The publication date: in news-dev the dateline ("March 06, 2008") is in the text and is a
gold TIMEX (functionInDocument CREATION_TIME); the service reports it too (role
"publication"), so by default it is scored like any other expression. ``--no-publication``
drops it from both sides, to see the event dates alone.

Set-aside part: every document whose id's SHA-1 is 0 modulo 5 (about a fifth of each file: 50 of
the 256 dates-dev documents, 9 of the 60 news-dev ones) is held out from tuning. Its value F1 is
printed beside the tuning part's, so over-fitting shows; ``--errors`` lists errors of the tuning
part only (``--errors-part held`` to look at the other, which spends it).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import Counter
from typing import Any

from service.extract import Analysis, analyse_doc
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import PRF, match_by_overlap, parse, published_of, read_jsonl


def _analyse(parsed: Any, published: Any) -> Analysis:
    """The dates section as the service computes it (with the stages it reads: quotes, entities)."""
    return analyse_doc(parsed, published, include=("dates",))


def held_out(doc_id: str) -> bool:
    """Whether a document is in the set-aside part (never tuned on): SHA-1 of its id is 0 mod 5."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation dates")
    parser.add_argument("path")
    parser.add_argument("--no-publication", action="store_true", help="leave the dateline out of the scores")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--errors-part", choices=("tune", "held"), default="tune")
    args = parser.parse_args(argv)

    docs = list(read_jsonl(args.path))
    if args.limit:
        docs = docs[: args.limit]
    relaxed, strict, value = PRF(), PRF(), PRF()
    parts = {"tune": PRF(), "held": PRF()}
    types = Counter[str]()
    mods = Counter[str]()
    errors: dict[str, list[str]] = {"missed": [], "spurious": [], "value": [], "span": []}
    nlp = load_pipeline(DEFAULT_MODEL)
    _analyse(nlp("Warm up on Monday."), None)  # load the tables and compile the rules before timing
    stage_time = 0.0
    started = time.perf_counter()
    all_parsed = list(parse(nlp, (d["text"] for d in docs)))
    parse_time = time.perf_counter() - started
    for doc, parsed in zip(docs, all_parsed, strict=True):
        part = "held" if held_out(str(doc["id"])) else "tune"
        show = args.errors if part == args.errors_part else 0
        started = time.perf_counter()
        result = _analyse(parsed, published_of(doc))
        stage_time += time.perf_counter() - started
        text = doc["text"]
        gold = list(doc["gold"].get("timex", []))
        pred = list(result.dates)
        if args.no_publication:
            gold = [
                g for g in gold if g.get("functionInDocument") not in ("CREATION_TIME", "PUBLICATION_TIME")
            ]
            pred = [p for p in pred if p.role != "publication"]
        pairs = match_by_overlap([(p.start, p.end) for p in pred], [(g["start"], g["end"]) for g in gold])
        relaxed.add(len(pred), len(gold), len(pairs))
        right = sum(1 for i, j in pairs if pred[i].value == gold[j].get("value"))
        parts[part].add(len(pred), len(gold), right)
        for prf in (strict, value):
            prf.add(len(pred), len(gold), 0)
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        for i, j in pairs:
            p, g = pred[i], gold[j]
            if (p.start, p.end) == (g["start"], g["end"]):
                strict.tp_pred += 1
                strict.tp_gold += 1
            elif len(errors["span"]) < show:
                errors["span"].append(f"{p.text!r} vs gold {g['text']!r}")
            if p.value == g.get("value"):
                value.tp_pred += 1
                value.tp_gold += 1
            elif len(errors["value"]) < show:
                ctx = text[max(0, g["start"] - 50) : g["end"] + 30].replace("\n", " ")
                errors["value"].append(
                    f"{p.text!r} {p.type} {p.value} vs gold {g.get('type')} {g.get('value')} "
                    f"[{doc.get('published')}] | {ctx}"
                )
            types["right" if p.type == g.get("type") else "wrong"] += 1
            if g.get("mod"):
                mods["right" if p.mod == g["mod"] else "wrong"] += 1
        for j, g in enumerate(gold):
            if j not in matched_g and len(errors["missed"]) < show:
                ctx = text[max(0, g["start"] - 40) : g["end"] + 30].replace("\n", " ")
                errors["missed"].append(f"{g['text']!r} {g.get('type')} {g.get('value')} | {ctx}")
        for i, p in enumerate(pred):
            if i not in matched_p and len(errors["spurious"]) < show:
                ctx = text[max(0, p.start - 40) : p.end + 30].replace("\n", " ")
                errors["spurious"].append(f"{p.text!r} {p.type} {p.value} | {ctx}")

    print(
        f"{args.path}: {len(docs)} documents, {relaxed.n_gold} gold TIMEX3, {relaxed.n_pred} predicted"
        f"{' (publication dates left out)' if args.no_publication else ''}"
    )
    print(relaxed.line("span relaxed"))
    print(strict.line("span strict"))
    print(value.line("value (relaxed span)"))
    for name, label in (("tune", "value, tuning part"), ("held", "value, set-aside part")):
        print(parts[name].line(label))
    total = types["right"] + types["wrong"]
    print(f"{'type accuracy':<28} {types['right'] / total if total else 0:.3f}   ({types['right']}/{total})")
    total = mods["right"] + mods["wrong"]
    share = mods["right"] / total if total else 0
    print(f"{'mod accuracy (gold has mod)':<28} {share:.3f}   ({mods['right']}/{total})")
    print(f"{'time':<28} spaCy parse {parse_time:.1f}s, dates stage {stage_time:.2f}s")
    for kind, lines in errors.items():
        if lines:
            print(f"\n--- {kind} ---")
            print("\n".join(lines))
    return 0
