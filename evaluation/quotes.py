"""Score the quotes section on PolNeAR-style data: ``python -m evaluation quotes PATH [--errors N]``.

A predicted quote (kind direct or partial; scare quotes are not attributed quotes) matches a gold quote
when they overlap by at least half of the shorter span; the speaker is right when the cited speaker
span overlaps the gold source span. Prints precision, recall, F1, speaker accuracy on matched quotes,
and counts of error classes (with ``--errors N``, N examples of each).

PolNeAR's quote list only knows ``"`` and ``“”`` marks: quotes in typewriter doubles (``''…''``, as in
newspaper archives) are real quotes but absent from its gold, so they are also reported separately.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from typing import Any

from service.extract import extract_many
from service.extract.model import Quote

from .common import PRF, overlap, published_of, read_jsonl


def _matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return overlap(a, b) * 2 >= max(1, min(a[1] - a[0], b[1] - b[0]))


def _typewriter(text: str, q: Quote) -> bool:
    return text[max(0, q.start - 2) : q.start] == "''" or text[max(0, q.start - 3) : q.start].strip() == "''"


def _swapped(g: dict[str, Any]) -> bool:
    """PolNeAR noise: the gold source span is the cue verb and the cue span is the speaker ("said")."""
    sp = (g.get("speaker") or {}).get("text", "").strip().lower()
    cue = (g.get("cue") or {}).get("text", "").strip()
    return sp in ("said", "says", "say", "added", "told", "wrote") and cue[:1].isupper()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation quotes")
    ap.add_argument("path")
    ap.add_argument("--errors", type=int, default=0, help="print this many examples of each error class")
    args = ap.parse_args(argv)
    docs = list(read_jsonl(args.path))
    t0 = time.perf_counter()
    results = list(extract_many(((d["text"], published_of(d)) for d in docs), include=("quotes",)))
    elapsed = time.perf_counter() - t0
    spans, spans_nt = PRF(), PRF()
    speaker_ok = speaker_n = 0
    by_resolution: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: dict[str, list[str]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    for doc, res in zip(docs, results, strict=True):
        text = doc["text"]
        gold: list[dict[str, Any]] = doc["gold"]["quotes"]
        preds = [q for q in res.quotes if q.kind != "scare"]
        kinds.update(q.kind for q in res.quotes)
        for prf, ps in ((spans, preds), (spans_nt, [q for q in preds if not _typewriter(text, q)])):
            prf.n_pred += len(ps)
            prf.n_gold += len(gold)
            prf.tp_pred += sum(
                1 for q in ps if any(_matches((q.start, q.end), (g["start"], g["end"])) for g in gold)
            )
            prf.tp_gold += sum(
                1 for g in gold if any(_matches((q.start, q.end), (g["start"], g["end"])) for q in ps)
            )
        for q in preds:
            if not any(_matches((q.start, q.end), (g["start"], g["end"])) for g in gold):
                scare = len(q.text.split()) <= 3
                cls = "FP typewriter ''" if _typewriter(text, q) else ("FP short" if scare else "FP long")
                errors[cls].append(f"{q.text[:90]!r} <- {q.speaker.text if q.speaker else None}")
        for g in gold:
            hits = [q for q in preds if _matches((q.start, q.end), (g["start"], g["end"]))]
            if not hits:
                missed = [q for q in res.quotes if _matches((q.start, q.end), (g["start"], g["end"]))]
                cls = "FN kept as scare" if missed else "FN no span"
                errors[cls].append(f"{g['text'][:90]!r} (gold speaker {(g['speaker'] or {}).get('text')})")
                continue
            q = hits[0]
            gs = g.get("speaker")
            if gs is None:
                continue
            speaker_n += 1
            sp = q.speaker
            ok = sp is not None and overlap((sp.start, sp.end), (gs["start"], gs["end"])) > 0
            speaker_ok += int(ok)
            res_name = sp.resolution if sp else "none"
            by_resolution[res_name][0] += int(ok)
            by_resolution[res_name][1] += 1
            if not ok:
                cls = "speaker missing" if sp is None else f"speaker wrong ({sp.resolution})"
                if _swapped(g):
                    cls = "gold source/cue swapped"
                errors[cls].append(
                    f"{q.text[:60]!r}: gold {gs['text'][:40]!r} / cue {(g.get('cue') or {}).get('text')!r}; "
                    f"got {sp.text[:40] if sp else None!r} / cue {q.cue.text if q.cue else None!r}"
                )
    print(f"{len(docs)} documents, {sum(len(d['gold']['quotes']) for d in docs)} gold quotes, {elapsed:.1f}s")
    print("kinds predicted:", dict(kinds))
    print(spans.line("quote spans"))
    print(spans_nt.line("quote spans (no '' quotes)"))
    acc = speaker_ok / speaker_n if speaker_n else 0.0
    print(f"{'speaker accuracy (matched)':<28} {acc:.3f}   ({speaker_ok}/{speaker_n})")
    for name, (right, n) in sorted(by_resolution.items()):
        print(f"  {name:<12} {right}/{n}")
    print("error classes:")
    for cls, items in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        print(f"  {cls:<28} {len(items)}")
        for item in items[: args.errors]:
            print(f"      {item}")
    return 0
