"""Backfills: the same ``extract`` over millions of archived articles, as a Dask bag job.

No queue of our own: Dask (https://docs.dask.org/en/stable/bag.html) splits the archive into
partitions, runs each partition through ``nlp.pipe`` (:func:`extract_partition`) on its workers,
and retries, spreads and collects the work. Locally it runs on the machine's cores; on a cluster,
connect a ``dask.distributed.Client`` first and the same bag runs there (each worker process loads
the model once). Input and output are JSON Lines: one ``{"id", "text", "published"?}`` per line
in, one ``{"id", "analysis"}`` (the API's JSON) or ``{"id", "error"}`` per line out::

    python -m service.backfill 'archive/*.jsonl' out/ --include entities,money --scheduler processes

``dask`` is needed only here (``pip install dask``), not by the HTTP service.
"""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from schemas import AnalysisSchema

from .extract import SECTIONS, extract_each
from .extract.pipeline import DEFAULT_MODEL
from .extract.published import parse_published

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag

_schema = AnalysisSchema()


def extract_partition(
    records: Iterable[dict[str, Any]],
    *,
    include: Sequence[str] = SECTIONS,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
) -> list[dict[str, Any]]:
    """Read a partition of archived articles with one ``nlp.pipe``.

    Input: records ``{"id", "text", "published"?}`` (``published`` as in the API: YYYY-MM-DD or RFC
    3339). Output: one record per input, in order: ``{"id", "analysis"}`` with the API's JSON, or
    ``{"id", "error"}`` for an article that could not be read (it spoils only itself).
    """
    with _ONE_AT_A_TIME:
        return _extract_partition(records, include=include, model=model, batch_size=batch_size)


# The pipeline of a process is shared, and spaCy's memory zones (which free each batch's new strings)
# are not safe across threads: two partitions read at once by Dask's threaded scheduler raised E018
# ("Can't retrieve string for hash") or OverflowError. One partition at a time per process; for
# parallel work use processes (the default) or a cluster.
_ONE_AT_A_TIME = threading.Lock()


def _extract_partition(
    records: Iterable[dict[str, Any]], *, include: Sequence[str], model: str, batch_size: int
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    ok: list[tuple[int, tuple[str, Any]]] = []
    for record in records:
        out.append({"id": record.get("id")})
        try:
            ok.append((len(out) - 1, _item(record)))
        except ValueError as exc:
            out[-1]["error"] = str(exc)
    outcomes = extract_each((item for _, item in ok), model=model, include=include, batch_size=batch_size)
    for (i, _), outcome in zip(ok, outcomes, strict=True):
        if isinstance(outcome, Exception):
            out[i]["error"] = f"extraction failed: {type(outcome).__name__}: {outcome}"
        else:
            out[i]["analysis"] = _schema.dump(outcome)
    return out


def _item(record: dict[str, Any]) -> tuple[str, Any]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text")
    published = record.get("published")
    if published is None:
        return text, None
    if not isinstance(published, str):
        raise ValueError("published is not a string")
    try:
        return text, parse_published(published)
    except ValueError as exc:
        raise ValueError(f"published {published[:40]!r} is {exc}") from None


def backfill_bag(
    records: dask.bag.Bag, *, include: Sequence[str] = SECTIONS, model: str = DEFAULT_MODEL
) -> dask.bag.Bag:
    """The lazy Dask bag of results for a bag of archived article records (see
    :func:`extract_partition`); compute it, or write it with ``.map(json.dumps).to_textfiles(...)``."""
    return records.map_partitions(extract_partition, include=tuple(include), model=model)


def main(argv: Sequence[str] | None = None) -> int:
    """Read JSON Lines files matching a glob, write results as JSON Lines into a directory."""
    import dask
    import dask.bag as db

    parser = argparse.ArgumentParser(prog="python -m service.backfill", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="JSON Lines file(s) of articles: a path or glob (any fsspec URL)")
    parser.add_argument("target", help="directory for the results, one JSON Lines file per partition")
    parser.add_argument("--include", default=",".join(SECTIONS), help="sections to compute (default: all)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline package")
    parser.add_argument(
        "--scheduler",
        default="processes",
        choices=("processes", "threads", "sync", "distributed"),
        help="where partitions run: local processes (default), threads (one partition at a time), one thread "
        "(sync), or the "
        "cluster of the dask.distributed Client at --address",
    )
    parser.add_argument("--address", help="with --scheduler distributed: the scheduler's address")
    parser.add_argument("--blocksize", default="16MiB", help="bytes of input per partition (default 16MiB)")
    args = parser.parse_args(argv)
    include = tuple(s for s in args.include.split(",") if s)
    unknown = set(include) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    records = db.read_text(args.source, blocksize=args.blocksize).filter(str.strip).map(json.loads)
    results = backfill_bag(records, include=include, model=args.model).map(
        lambda r: json.dumps(r, ensure_ascii=False)
    )
    # Every output line ends with a newline, the last of each file too: ``cat out/*.jsonl`` is JSON Lines.
    target = f"{args.target.rstrip('/')}/*.jsonl"
    if args.scheduler == "distributed":
        from dask.distributed import Client

        with Client(args.address):
            results.to_textfiles(target, last_endline=True)
    else:
        with dask.config.set(scheduler=args.scheduler):
            results.to_textfiles(target, last_endline=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
