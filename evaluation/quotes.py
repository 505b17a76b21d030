"""Score the quotes section on PolNeAR-style data: ``python -m evaluation quotes PATH [PATH …] [--limit N]
[--errors N]``; several files are scored side by side (train, where rules are tuned, next to dev, which is
only reported).

Two views of the same predictions:

* **Quotes** (as before): a predicted quote (kind direct or partial; scare quotes and reported speech are
  not quotes) matches a gold quote when they overlap by at least half of the shorter span; the speaker is
  right when the cited speaker span overlaps the gold source span.
* **Attributions**: every predicted quote but scare quotes (direct, partial and ``indirect`` reported
  speech) against every gold attribution: a prediction matches when its span overlaps the gold content
  (its pieces together) by at least half of the shorter; the source is right when the speaker span
  overlaps a gold source span. Split into attributions with quotation marks in their content and without
  (reported speech): recall over the gold of each kind, precision over direct/partial resp. indirect
  predictions.

Error classes (with ``--errors N``, N examples of each). PolNeAR's quote list only knows ``"`` and ``“”``
marks: quotes in typewriter doubles (``''…''``) are real quotes absent from its gold, so they are also
reported separately. The quotes stage's own time per article (entities excluded) is printed last.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from service.extract import analyse_doc
from service.extract.model import Quote
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

from .common import PRF, overlap, parse, published_of, read_jsonl

Gold = dict[str, Any]


@dataclass
class Scores:
    """Everything counted over one file."""

    docs: int = 0
    spans: PRF = field(default_factory=PRF)
    spans_nt: PRF = field(default_factory=PRF)  # without quotes in typewriter doubles
    speaker: list[int] = field(default_factory=lambda: [0, 0])  # right, matched with a gold speaker
    by_resolution: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    content: PRF = field(default_factory=PRF)  # all attributions
    marked: PRF = field(default_factory=PRF)  # attributions with quotation marks / direct+partial
    reported: PRF = field(default_factory=PRF)  # attributions without / indirect
    source: list[int] = field(default_factory=lambda: [0, 0])
    source_reported: list[int] = field(default_factory=lambda: [0, 0])
    kinds: Counter[str] = field(default_factory=Counter)
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    stage_seconds: float = 0.0


def _matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return overlap(a, b) * 2 >= max(1, min(a[1] - a[0], b[1] - b[0]))


def _content_matches(q: Quote, g: Gold) -> bool:
    """``q`` overlaps the attribution's content pieces together by at least half of the shorter."""
    pieces = g["content"]
    shared = sum(overlap((q.start, q.end), (c["start"], c["end"])) for c in pieces)
    gold_len = sum(c["end"] - c["start"] for c in pieces)
    return shared * 2 >= max(1, min(q.end - q.start, gold_len))


def _typewriter(text: str, q: Quote) -> bool:
    return text[max(0, q.start - 2) : q.start] == "''" or text[max(0, q.start - 3) : q.start].strip() == "''"


def _swapped(g: Gold) -> bool:
    """PolNeAR noise: the gold source span is the cue verb and the cue span is the speaker ("said")."""
    sp = (g.get("speaker") or {}).get("text", "").strip().lower()
    cue = (g.get("cue") or {}).get("text", "").strip()
    return sp in ("said", "says", "say", "added", "told", "wrote") and cue[:1].isupper()


def _speaker_right(q: Quote, spans: list[Gold]) -> bool:
    sp = q.speaker
    return sp is not None and any(overlap((sp.start, sp.end), (s["start"], s["end"])) > 0 for s in spans)


def score_quotes(s: Scores, text: str, gold: list[Gold], quotes: list[Quote]) -> None:
    """The quote view: direct and partial quotes against the gold quotes."""
    preds = [q for q in quotes if q.kind in ("direct", "partial")]
    for prf, ps in ((s.spans, preds), (s.spans_nt, [q for q in preds if not _typewriter(text, q)])):
        tp_pred = sum(1 for q in ps if any(_matches((q.start, q.end), (g["start"], g["end"])) for g in gold))
        tp_gold = sum(1 for g in gold if any(_matches((q.start, q.end), (g["start"], g["end"])) for q in ps))
        prf.add(len(ps), len(gold), tp_pred, tp_gold)
    for q in preds:
        if not any(_matches((q.start, q.end), (g["start"], g["end"])) for g in gold):
            cls = (
                "FP typewriter ''"
                if _typewriter(text, q)
                else ("FP short" if len(q.text.split()) <= 3 else "FP long")
            )
            s.errors[cls].append(f"{q.text[:90]!r} <- {q.speaker.text if q.speaker else None}")
    for g in gold:
        hits = [q for q in preds if _matches((q.start, q.end), (g["start"], g["end"]))]
        if not hits:
            missed = [q for q in quotes if _matches((q.start, q.end), (g["start"], g["end"]))]
            cls = "FN kept as scare" if any(q.kind == "scare" for q in missed) else "FN no span"
            s.errors[cls].append(f"{g['text'][:90]!r} (gold speaker {(g['speaker'] or {}).get('text')})")
            continue
        q, gs = hits[0], g.get("speaker")
        if gs is None:
            continue
        ok = _speaker_right(q, [gs])
        s.speaker[0] += ok
        s.speaker[1] += 1
        res = q.speaker.resolution if q.speaker else "none"
        s.by_resolution[res][0] += ok
        s.by_resolution[res][1] += 1
        if not ok:
            cls = "speaker missing" if q.speaker is None else f"speaker wrong ({res})"
            s.errors["gold source/cue swapped" if _swapped(g) else cls].append(
                f"{q.text[:60]!r}: gold {gs['text'][:40]!r} / cue {(g.get('cue') or {}).get('text')!r}; "
                f"got {q.speaker.text[:40] if q.speaker else None!r} / cue {q.cue.text if q.cue else None!r}"
            )


def score_attributions(s: Scores, gold: list[Gold], quotes: list[Quote]) -> None:
    """The attribution view: every non-scare prediction's span against the gold contents."""
    preds = [q for q in quotes if q.kind != "scare"]
    for prf, ps, gs in (
        (s.content, preds, gold),
        (s.marked, [q for q in preds if q.kind != "indirect"], [g for g in gold if g["has_quote_mark"]]),
        (
            s.reported,
            [q for q in preds if q.kind == "indirect"],
            [g for g in gold if not g["has_quote_mark"]],
        ),
    ):
        tp_pred = sum(1 for q in ps if any(_content_matches(q, g) for g in gold))
        tp_gold = sum(1 for g in gs if any(_content_matches(q, g) for q in preds))
        prf.add(len(ps), len(gs), tp_pred, tp_gold)
    for q in preds:
        if not any(_content_matches(q, g) for g in gold):
            s.errors[f"attr FP {q.kind}"].append(
                f"{q.text[:90]!r} <- {q.speaker.text if q.speaker else None}"
            )
    for g in gold:
        kind = "quoted" if g["has_quote_mark"] else "reported"
        hits = [q for q in preds if _content_matches(q, g)]
        content = " … ".join(c["text"] for c in g["content"])[:90]
        src = " / ".join(x["text"] for x in g["source"])[:40]
        if not hits:
            s.errors[f"attr FN {kind}"].append(
                f"{content!r} (source {src!r}, cue {' '.join(c['text'] for c in g['cue'])!r})"
            )
            continue
        if g["no_source"] or not g["source"]:
            continue
        q = max(hits, key=lambda h: h.end - h.start)
        ok = _speaker_right(q, g["source"])
        for acc in (s.source, s.source_reported) if kind == "reported" else (s.source,):
            acc[0] += ok
            acc[1] += 1
        if not ok:
            cls = "missing" if q.speaker is None else f"wrong ({q.speaker.resolution})"
            s.errors[f"attr source {cls} ({kind})"].append(
                f"{content[:60]!r}: gold {src!r}; got {q.speaker.text[:40] if q.speaker else None!r}"
                f" / cue {q.cue.text if q.cue else None!r}"
            )


def score_file(path: str, limit: int | None, direct_only: bool, offset: int = 0) -> Scores:
    docs = list(itertools.islice(read_jsonl(path), offset, None if limit is None else offset + limit))
    nlp = load_pipeline(DEFAULT_MODEL)
    s = Scores(docs=len(docs))
    for doc, d in zip(parse(nlp, (d["text"] for d in docs)), docs, strict=True):
        timings: dict[str, float] = {}
        kinds = "direct" if direct_only else "all"
        res = analyse_doc(doc, published_of(d), include=("quotes",), timings=timings, quotes=kinds)
        s.stage_seconds += timings.get("quotes", 0.0)
        quotes = res.quotes
        s.kinds.update(q.kind for q in quotes)
        score_quotes(s, d["text"], d["gold"]["quotes"], quotes)
        score_attributions(s, d["gold"]["attributions"], quotes)
    return s


def _ratio(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})" if pair[1] else "-"


def report(names: list[str], all_scores: list[Scores], n_examples: int) -> None:
    rows: list[tuple[str, list[str]]] = [("documents", [str(s.docs) for s in all_scores])]
    for label, get in (
        ("quote spans", lambda s: s.spans),
        ("quote spans (no '' quotes)", lambda s: s.spans_nt),
        ("attribution content", lambda s: s.content),
        ("  with quotation marks", lambda s: s.marked),
        ("  reported speech", lambda s: s.reported),
    ):
        for part in ("P", "R", "F1"):
            rows.append((f"{label} {part}", [_prf(get(s), part) for s in all_scores]))
    rows.append(("speaker accuracy (quotes)", [_ratio(s.speaker) for s in all_scores]))
    for res in sorted({r for s in all_scores for r in s.by_resolution}):
        rows.append(
            (
                f"  {res}",
                [_ratio(s.by_resolution[res]) if res in s.by_resolution else "-" for s in all_scores],
            )
        )
    rows.append(("source accuracy (attributions)", [_ratio(s.source) for s in all_scores]))
    rows.append(("  reported speech", [_ratio(s.source_reported) for s in all_scores]))
    rows.append(
        ("quotes stage ms/article", [f"{1000 * s.stage_seconds / max(1, s.docs):.1f}" for s in all_scores])
    )
    rows.append(
        ("kinds predicted", [" ".join(f"{k}={v}" for k, v in sorted(s.kinds.items())) for s in all_scores])
    )
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'':<{width}}" + "".join(f"{n[-28:]:<30}" for n in names))
    for label, values in rows:
        print(f"{label:<{width}}" + "".join(f"{v:<30}" for v in values))
    print("error classes:")
    classes = sorted(
        {c for s in all_scores for c in s.errors}, key=lambda c: -len(all_scores[0].errors.get(c, []))
    )
    for cls in classes:
        print(f"  {cls:<40}" + "".join(f"{len(s.errors.get(cls, [])):<10}" for s in all_scores))
        for item in all_scores[0].errors.get(cls, [])[:n_examples]:
            print(f"      {item}")


def _prf(p: PRF, part: str) -> str:
    if part == "P":
        return f"{p.precision:.3f} ({p.tp_pred}/{p.n_pred})"
    if part == "R":
        return f"{p.recall:.3f} ({p.tp_gold}/{p.n_gold})"
    return f"{p.f1:.3f}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation quotes")
    ap.add_argument("paths", nargs="+", help="files scored side by side (e.g. train then dev)")
    ap.add_argument("--limit", type=int, default=None, help="score only N documents of each file")
    ap.add_argument("--offset", type=int, default=0, help="skip each file's first N documents")
    ap.add_argument(
        "--errors", type=int, default=0, help="examples of each error class (from the first file)"
    )
    ap.add_argument("--direct-only", action="store_true", help="request quotes=direct (no reported speech)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    all_scores = [score_file(p, args.limit, args.direct_only, args.offset) for p in args.paths]
    report(args.paths, all_scores, args.errors)
    print(f"{time.perf_counter() - t0:.0f} s in all")
    return 0
