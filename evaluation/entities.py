"""Score the ``entities`` section on MEANTIME-style annotated news.

    python -m evaluation entities ../shared/data/news-dev.jsonl [--errors N] [--gold nam|all]

Every mention of every predicted entity is compared with the gold entity mentions whose
``syntactic_type`` is a name: NAM, plus PRE.NAM (a name used as a modifier, "Apple" in "Apple
shares", "Japanese" in "Japanese stocks") unless ``--gold nam``. Matching is one-to-one by
character overlap (MEANTIME spans are whole noun phrases: "the long awaited iPhones Software
Development Kit" is matched by "iPhones Software Development Kit"); pairs with the largest overlap
are taken first.

Types: spaCy's OntoNotes labels are mapped to MEANTIME's (``_TYPE_MAP``). MEANTIME's FIN
(indices, currencies, exchanges: "Dow Jones", "the NYSE", "the yen") has no OntoNotes label, so an
ORG prediction is accepted for FIN gold; gold without a label accepts any type.

MEANTIME annotates no events, laws or languages, so predictions labelled EVENT, LAW or LANGUAGE
are left out of the counts (for both systems); NORP is scored, as MEANTIME tags demonyms used as
modifiers ("Japanese stocks") LOC.

Printed side by side: raw spaCy ``doc.ents`` (numeric labels dropped, nothing else done) and the
service's entities: untyped and typed P/R/F1, then typed recall per gold label and typed precision
per predicted label.

Parts: the typed figures are also printed for the tuning part and the set-aside part, the same split
as ``coref`` (every third document in file order is set aside). ``--errors`` lists the tuning part's
errors only (``--errors-part held`` to look at the other, which spends it).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from typing import Any

from service.extract import analyse_doc
from service.extract.entities import not_entity_labels
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import PRF, overlap, parse_one, published_of, read_jsonl
from .coref import in_part

# spaCy label -> the MEANTIME labels it may stand for.
_TYPE_MAP: dict[str, frozenset[str]] = {
    "PERSON": frozenset({"PER"}),
    "ORG": frozenset({"ORG", "FIN"}),
    "GPE": frozenset({"LOC"}),
    "LOC": frozenset({"LOC"}),
    "FAC": frozenset({"LOC"}),
    "NORP": frozenset({"LOC", "ORG"}),  # "Japanese" stocks (LOC), "Democrats" (ORG)
    "PRODUCT": frozenset({"PRO"}),
    "WORK_OF_ART": frozenset({"PRO"}),
}
_UNSCORED = frozenset({"EVENT", "LAW", "LANGUAGE"})

Item = tuple[int, int, str]  # start, end, label


def _compatible(pred_label: str, gold_label: str | None) -> bool:
    return gold_label is None or gold_label in _TYPE_MAP.get(pred_label, frozenset())


def match(
    pred: list[Item], gold: list[tuple[int, int, str | None]], typed: bool
) -> tuple[set[int], set[int]]:
    """One-to-one matching by overlap; returns (indices of matched predictions, of matched gold).

    Candidate pairs are sorted by overlap, largest first, and taken greedily. Sorting both lists
    by offset keeps this close to linear for news-length documents.
    """
    pairs: list[tuple[int, int, int]] = []
    for i, (ps, pe, pl) in enumerate(pred):
        for j, (gs, ge, gl) in enumerate(gold):
            if ge <= ps or gs >= pe:
                continue
            if typed and not _compatible(pl, gl):
                continue
            pairs.append((overlap((ps, pe), (gs, ge)), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    return used_p, used_g


def _count(
    prf: PRF, pred: list[Item], gold: list[tuple[int, int, str | None]], typed: bool
) -> tuple[set[int], set[int]]:
    mp, mg = match(pred, gold, typed)
    prf.add(len(pred), len(gold), len(mp), len(mg))
    return mp, mg


def _recall(stat: PRF | None, name: str) -> str:
    stat = stat or PRF()
    return f"{name:<10} R {stat.recall:.3f} {f'({stat.tp_gold}/{stat.n_gold})':<10}"


def _precision(stat: PRF | None, name: str) -> str:
    stat = stat or PRF()
    return f"{name:<18} P {stat.precision:.3f} {f'({stat.tp_pred}/{stat.n_pred})':<10}"


def _gold_names(doc: dict[str, Any], kinds: Iterable[str]) -> list[tuple[int, int, str | None]]:
    wanted = set(kinds)
    return sorted(
        (g["start"], g["end"], g.get("label"))
        for g in doc["gold"]["entities"]
        if g.get("syntactic_type") in wanted
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation entities")
    parser.add_argument("path", help="annotated JSON Lines (news-dev.jsonl)")
    parser.add_argument(
        "--gold", choices=("nam", "all"), default="all", help="nam: NAM only; all: NAM + PRE.NAM"
    )
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind (ours)")
    parser.add_argument("--errors-part", choices=("tune", "held"), default="tune")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)

    kinds = ("NAM",) if args.gold == "nam" else ("NAM", "PRE.NAM")
    nlp = load_pipeline(args.model)
    systems = ("spacy", "ours")
    untyped = {s: PRF() for s in systems}
    typed = {s: PRF() for s in systems}
    recall_by_gold: dict[str, dict[str, PRF]] = {s: {} for s in systems}
    precision_by_pred: dict[str, dict[str, PRF]] = {s: {} for s in systems}
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    wrong_type: Counter[str] = Counter()
    parts = {"tune": PRF(), "held": PRF()}
    n_docs = 0
    for index, item in enumerate(read_jsonl(args.path)):
        n_docs += 1
        part = "held" if in_part(index, "held") else "tune"
        text = item["text"]
        doc = parse_one(nlp, text)
        gold = _gold_names(item, kinds)
        skip = not_entity_labels() | _UNSCORED
        raw = sorted((e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ not in skip)
        result = analyse_doc(doc, published_of(item), include=("entities",))
        ours = sorted(
            (m.start, m.end, e.type)
            for e in result.entities
            if e.type not in _UNSCORED
            for m in e.mentions
            if m.kind == "proper"  # names: nominals and pronouns are scored by ``coref``
        )
        for name, pred in (("spacy", raw), ("ours", ours)):
            _count(untyped[name], pred, gold, typed=False)
            mp, mg = _count(typed[name], pred, gold, typed=True)
            if name == "ours":
                _count(parts[part], pred, gold, typed=True)
            for j, g in enumerate(gold):
                stat = recall_by_gold[name].setdefault(g[2] or "?", PRF())
                stat.n_gold += 1
                stat.tp_gold += j in mg
            for i, p in enumerate(pred):
                stat = precision_by_pred[name].setdefault(p[2], PRF())
                stat.n_pred += 1
                stat.tp_pred += i in mp
            if name == "ours" and args.errors and part == args.errors_part:
                up, ug = match(pred, gold, typed=False)
                for i, p in enumerate(pred):
                    if i not in up:
                        false_pos[f"{text[p[0] : p[1]]!r} {p[2]}"] += 1
                    elif i not in mp:
                        wrong_type[f"{text[p[0] : p[1]]!r} {p[2]}"] += 1
                for j, g in enumerate(gold):
                    if j not in ug:
                        false_neg[f"{text[g[0] : g[1]]!r} {g[2]}"] += 1

    print(f"entities: {n_docs} documents, gold = {'+'.join(kinds)} mentions, matched one-to-one by overlap")
    for title, table in (("untyped", untyped), ("typed", typed)):
        for name in systems:
            print(table[name].line(f"{title:<8} {name}"))
    print(parts["tune"].line("typed    ours, tuning part"))
    print(parts["held"].line("typed    ours, set-aside"))
    print("typed recall per gold label:")
    for label in sorted(recall_by_gold["ours"]):
        print(
            "  " + "   ".join(_recall(recall_by_gold[name].get(label), f"{label} {name}") for name in systems)
        )
    print("typed precision per predicted label:")
    for label in sorted(set(precision_by_pred["ours"]) | set(precision_by_pred["spacy"])):
        print(
            "  "
            + "   ".join(
                _precision(precision_by_pred[name].get(label), f"{label} {name}") for name in systems
            )
        )
    if args.errors:
        for title, counter in (
            ("false positives (ours)", false_pos),
            ("wrong type (ours)", wrong_type),
            ("missed gold", false_neg),
        ):
            print(f"{title}:")
            for key, n in counter.most_common(args.errors):
                print(f"  {n:3d}  {key}")
    return 0
