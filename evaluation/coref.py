"""Score how the ``entities`` section groups mentions (coreference) on MEANTIME-style news.

    python -m evaluation coref ../shared/data/news-dev.jsonl [--part tune|held|all] [--errors N]

Gold: the mentions of ``gold.entities`` labelled PER, ORG or LOC (people, organisations, places);
mentions with one ``instance`` form one chain. Two views are scored:

- *names*: gold NAM mentions against the service's ``proper`` mentions;
- *all*: gold NAM, NOM, PRO and APP mentions against every mention the service returns.

Predicted mentions are those of entities typed PERSON, ORG, GPE, LOC, FAC or NORP. As the data's
README says, each predicted mention (its whole span) is aligned one-to-one to the gold mention
whose *head* it overlaps most (a gold name or pronoun: its whole span; a gold nominal or apposition:
its head noun, the root of the span in spaCy's parse), largest overlap first. Gold mentions of
other syntactic types (PRE.NAM, PRE.NOM, CONJ, PTV, HLS, ARC: names and nouns used as modifiers,
coordinations, partitives...) are not scored, as the README lists only NAM, NOM, PRO and APP.
A gold mention left unaligned stays in the counts as a chain member nobody found
(it costs recall). A predicted mention left unaligned is not scored (MEANTIME annotates only some
labels, and a mention may be of a thing outside them: a product, an index), but counted and listed
as *unaligned* so that spurious mentions stay visible.

Metrics (CoNLL-2012 formulas, micro-averaged over documents): B-cubed and MUC precision, recall and
F1; and the same *strict*, where a predicted mention that overlaps no gold mention at all (of any
label or syntactic type) stays in its entity as a mention nobody annotated, costing precision (the
README does not say how unaligned predictions count: the first figures leave them out, the strict
ones count the spurious ones). Error classes, counted over aligned mentions:

- *wrong merge*: a predicted entity holding mentions of more than one gold chain (counted once per
  extra chain);
- *missed merge*: a gold chain whose aligned mentions are split over several predicted entities
  (counted once per extra entity), in the names view;
- *unlinked nominal / pronoun*: a gold NOM/APP or PRO mention whose chain holds other mentions, and
  which is not in a predicted entity with any other mention of its chain.

Data split: documents are taken in file order; every third one (index 2, 5, 8...: 20 of 60, ten
per topic) is the *held* part, set aside and never tuned on; the rest is the *tune* part.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from service.extract import analyse_doc
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import match_by_overlap, overlap, parse_one, published_of, read_jsonl

GOLD_LABELS = frozenset({"PER", "ORG", "LOC"})
PRED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
NAME_KINDS = ("NAM",)
ALL_KINDS = ("NAM", "NOM", "PRO", "APP")
_HEADED = frozenset({"NOM", "APP"})  # aligned by their head noun

Cluster = Iterable[object]


# --- the formulas ---------------------------------------------------------------------------------


@dataclass
class Score:
    """Numerators and denominators of recall and precision, summed over documents."""

    r_num: float = 0.0
    r_den: float = 0.0
    p_num: float = 0.0
    p_den: float = 0.0

    def add(self, other: Score) -> None:
        self.r_num += other.r_num
        self.r_den += other.r_den
        self.p_num += other.p_num
        self.p_den += other.p_den

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _b3_side(key: Sequence[set[object]], response: Sequence[set[object]]) -> tuple[float, float]:
    where = {m: k for k, cluster in enumerate(response) for m in cluster}
    num = 0.0
    for cluster in key:
        shared = Counter(where[m] for m in cluster if m in where)
        num += sum(n * n for n in shared.values()) / len(cluster)
    return num, float(sum(len(c) for c in key))


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """B-cubed: per mention, the share of its key chain found in its response entity (and back)."""
    k = [set(c) for c in key if c]
    r = [set(c) for c in response if c]
    r_num, r_den = _b3_side(k, r)
    p_num, p_den = _b3_side(r, k)
    return Score(r_num, r_den, p_num, p_den)


def _muc_side(key: Sequence[set[object]], response: Sequence[set[object]]) -> tuple[float, float]:
    where = {m: k for k, cluster in enumerate(response) for m in cluster}
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return float(num), float(den)


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """MUC: links kept, |K| - |partition of K by the response|, over |K| - 1 (and back)."""
    k = [set(c) for c in key if c]
    r = [set(c) for c in response if c]
    r_num, r_den = _muc_side(k, r)
    p_num, p_den = _muc_side(r, k)
    return Score(r_num, r_den, p_num, p_den)


# --- one document ---------------------------------------------------------------------------------


@dataclass
class GoldMention:
    start: int
    end: int
    kind: str  # NAM, NOM, PRO, APP
    instance: str
    head: tuple[int, int]


@dataclass
class Errors:
    wrong_merge: Counter[str] = field(default_factory=Counter)
    missed_merge: Counter[str] = field(default_factory=Counter)
    unlinked: Counter[str] = field(default_factory=Counter)  # "NOM ..." / "PRO ..."
    unaligned: Counter[str] = field(default_factory=Counter)  # predicted mentions no gold mention takes


def gold_mentions(item: dict[str, Any], doc: Doc, kinds: Sequence[str]) -> list[GoldMention]:
    """The scored gold mentions of one document, with the span each is aligned by."""
    out = []
    for g in item["gold"]["entities"]:
        kind = g.get("syntactic_type")
        if kind not in kinds or g.get("label") not in GOLD_LABELS or not g.get("instance"):
            continue
        head = (g["start"], g["end"])
        if kind in _HEADED:
            span = doc.char_span(g["start"], g["end"], alignment_mode="expand")
            if span is not None and len(span):
                root = span.root
                head = (root.idx, root.idx + len(root.text))
        out.append(GoldMention(g["start"], g["end"], kind, str(g["instance"]), head))
    return out


def predicted(result: Any, proper_only: bool) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of every scored predicted mention, by its whole span: the data's README
    aligns "each predicted mention ... to the gold mention whose head it overlaps most", the head
    being the gold mention's (a name's or pronoun's whole span, a nominal's head noun)."""
    out = []
    for e in result.entities:
        if e.type not in PRED_TYPES:
            continue
        for m in e.mentions:
            if proper_only and m.kind != "proper":
                continue
            out.append((m.start, m.end, e.id))
    return out


def score_doc(
    text: str,
    gold: list[GoldMention],
    pred: list[tuple[int, int, str]],
    errors: Errors | None,
    twinless: Collection[int] = (),
) -> tuple[Score, Score]:
    """B-cubed and MUC of one document (aligned mentions share an id; others are their own).

    A predicted mention of ``twinless`` (indexes into ``pred``) left unaligned stays in the response,
    where it costs precision (the *strict* figures: spurious mentions counted)."""
    pairs = match_by_overlap([(s, e) for s, e, _ in pred], [g.head for g in gold])
    gold_of = dict(pairs)
    key: dict[str, set[object]] = defaultdict(set)
    for j, g in enumerate(gold):
        key[g.instance].add(("g", j))
    response: dict[str, set[object]] = defaultdict(set)
    for i, (start, end, eid) in enumerate(pred):
        if i in gold_of:
            response[eid].add(("g", gold_of[i]))
            continue
        if i in twinless:
            response[eid].add(("p", i))
        if errors is not None:
            errors.unaligned[text[start:end]] += 1
    if errors is not None:
        _errors(text, gold, pred, gold_of, errors)
    return b_cubed(list(key.values()), list(response.values())), muc(
        list(key.values()), list(response.values())
    )


def _errors(
    text: str,
    gold: list[GoldMention],
    pred: list[tuple[int, int, str]],
    gold_of: dict[int, int],
    errors: Errors,
) -> None:
    by_entity: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_chain: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    entity_of_gold: dict[int, str] = {}
    for i, j in gold_of.items():
        eid, inst = pred[i][2], gold[j].instance
        by_entity[eid][inst].append(i)
        by_chain[inst][eid].append(i)
        entity_of_gold[j] = eid

    def show(idxs: list[int]) -> str:
        return "/".join(sorted({text[pred[i][0] : pred[i][1]] for i in idxs}))

    for chains in by_entity.values():
        if len(chains) > 1:
            errors.wrong_merge[" + ".join(sorted(show(v) for v in chains.values()))] += len(chains) - 1
    for entities in by_chain.values():
        if len(entities) > 1:
            errors.missed_merge[" | ".join(sorted(show(v) for v in entities.values()))] += len(entities) - 1
    chain_size = Counter(g.instance for g in gold)
    for j, g in enumerate(gold):
        if g.kind == "NAM" or chain_size[g.instance] < 2:
            continue
        entity = entity_of_gold.get(j)
        linked = entity is not None and any(
            k != j and gold[k].instance == g.instance and entity_of_gold.get(k) == entity
            for k in entity_of_gold
        )
        if not linked:
            kind = "PRO" if g.kind == "PRO" else "NOM"
            errors.unlinked[f"{kind} {text[g.start : g.end]!r}"] += 1


def spurious(item: dict[str, Any], pred: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of the predicted mentions that overlap no gold mention at all (of any label or
    syntactic type): mentions of nothing the annotators saw, as opposed to mentions of a thing they
    annotated but this scorer leaves out (an index, a product, a name used as a modifier)."""
    spans = [(g["start"], g["end"]) for g in item["gold"]["entities"]]
    return {i for i, (start, end, _) in enumerate(pred) if not any(overlap((start, end), g) for g in spans)}


# --- the script -----------------------------------------------------------------------------------


def in_part(index: int, part: str) -> bool:
    """Document ``index`` (file order) belongs to ``part``: held = every third, tune = the rest."""
    held = index % 3 == 2
    return part == "all" or (part == "held") == held


def _line(name: str, s: Score) -> str:
    return f"  {name:<10} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation coref")
    parser.add_argument("path", help="annotated JSON Lines (news-dev.jsonl)")
    parser.add_argument("--part", choices=("tune", "held", "all"), default="all")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each class")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)

    nlp = load_pipeline(args.model)
    views = {"names": (NAME_KINDS, True), "all": (ALL_KINDS, False)}
    totals = {v: (Score(), Score()) for v in views}
    strict = {v: (Score(), Score()) for v in views}
    errors = {v: Errors() for v in views}
    n_docs = 0
    for index, item in enumerate(read_jsonl(args.path)):
        if not in_part(index, args.part):
            continue
        n_docs += 1
        doc = parse_one(nlp, item["text"])
        result = analyse_doc(doc, published_of(item), include=("entities",))
        for view, (kinds, proper_only) in views.items():
            gold = gold_mentions(item, doc, kinds)
            pred = predicted(result, proper_only)
            b3, m = score_doc(item["text"], gold, pred, errors[view])
            totals[view][0].add(b3)
            totals[view][1].add(m)
            b3, m = score_doc(item["text"], gold, pred, None, spurious(item, pred))
            strict[view][0].add(b3)
            strict[view][1].add(m)

    print(f"coref: {n_docs} documents (part {args.part}), gold PER/ORG/LOC chains")
    for view, (b3, m) in totals.items():
        print(f"{view} ({'+'.join(views[view][0])}):")
        print(_line("B3", b3))
        print(_line("MUC", m))
        print(_line("B3 strict", strict[view][0]) + " (spurious mentions counted)")
        print(_line("MUC strict", strict[view][1]))
        err = errors[view]
        counts = {
            "wrong merges": err.wrong_merge,
            "missed merges": err.missed_merge,
            "unlinked nominals": Counter({k: n for k, n in err.unlinked.items() if k.startswith("NOM")}),
            "unlinked pronouns": Counter({k: n for k, n in err.unlinked.items() if k.startswith("PRO")}),
            "unaligned predictions": err.unaligned,
        }
        print("  errors: " + ", ".join(f"{name} {sum(c.values())}" for name, c in counts.items()))
        if args.errors:
            for name, c in counts.items():
                print(f"  {name}:")
                for key, n in c.most_common(args.errors):
                    print(f"    {n:3d}  {key}")
    return 0
