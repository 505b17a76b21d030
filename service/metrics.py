"""Prometheus metrics: ``GET /metrics``, request counts and latencies, documents, characters, stage times.

The NLP core knows nothing of this module: ``extract(..., timings=d)`` fills a plain dict with
the seconds of the spaCy pass and of each stage, and the views hand it to :func:`record_extraction`.

Under gunicorn with several workers each worker counts on its own; ``gunicorn.conf.py`` sets
``PROMETHEUS_MULTIPROC_DIR`` before this module is imported, which switches prometheus-client to
its multiprocess mode (values in files shared through that directory), and ``/metrics`` then
adds up every worker's values.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable, Iterable

from flask import Blueprint, Flask, Response, current_app, g, has_request_context, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.mmap_dict import MmapedDict
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from . import __version__
from .apidoc import content, operation
from .extract.pipeline import describe

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
disable_created_metrics()  # no *_created series: they double the output and nobody graphs them
# prometheus-client chose where values live when it was imported: in files (multiprocess) or in memory.
MULTIPROCESS = values.ValueClass is not values.MutexValue

# Request latency: from a health check (~1 ms) to a long article (seconds).
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUESTS = Counter(
    "newsfacts_http_requests",
    "HTTP requests answered, by route, method and status.",
    ["endpoint", "method", "status"],
)
LATENCY = Histogram(
    "newsfacts_http_request_duration_seconds",
    "Time to answer an HTTP request, by route, method and status.",
    ["endpoint", "method", "status"],
    buckets=_LATENCY_BUCKETS,
)
DOCUMENTS = Counter("newsfacts_documents", "Articles read.")
CHARACTERS = Counter("newsfacts_characters", "Characters of article text read.")
STAGE_SECONDS = Histogram(
    "newsfacts_stage_duration_seconds",
    "Seconds per article in each step: the spaCy pass (parse), then each extractor "
    "(entities, quotes, money, dates).",
    ["stage"],
    buckets=_STAGE_BUCKETS,
)
SERVER_RESPONSES = Counter(
    "newsfacts_server_responses",
    "Responses the server sent itself, before the app saw a request, by status: a malformed request "
    "or one over gunicorn's limits (400, 414, 417, 431, 501), a request not received in time (408).",
    ["status"],
)
WORKER_TIMEOUTS = Counter(
    "newsfacts_worker_timeouts",
    "Workers ended because a request ran longer than the worker timeout (NEWSFACTS_TIMEOUT).",
)
STAGE_FAILURES = Counter(
    "newsfacts_stage_failures",
    "Articles whose section came back empty because its stage failed (the response's `warnings`), by "
    "section. Never expected: each is a bug, logged with the request id.",
    ["section"],
)
INFO = Gauge(
    "newsfacts_build_info",
    "Always 1; the labels name the service version and the spaCy pipeline.",
    ["version", "pipeline", "pipeline_version"],
    multiprocess_mode="max",
)

blueprint = Blueprint("metrics", __name__)
UNMATCHED = "<unmatched>"  # the endpoint label of requests no route matched (404s): bounded cardinality
# The method label: HTTP's registered methods; any other (``curl -X M1AAA``) is counted as OTHER, so
# made-up methods cannot add series without bound.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY"})
OTHER_METHOD = "OTHER"


def record_extraction(chars: int, timings: dict[str, float], failed: Iterable[str] = ()) -> None:
    """Count one article of ``chars`` characters and observe its step ``timings`` (seconds by step);
    ``failed``: the sections whose stage failed on it.

    In a request, also keeps them on ``flask.g`` for the request's log line.
    """
    for section in failed:
        STAGE_FAILURES.labels(section).inc()
    DOCUMENTS.inc()
    CHARACTERS.inc(chars)
    for stage, seconds in timings.items():
        STAGE_SECONDS.labels(stage).observe(seconds)
    if has_request_context():
        done = g.setdefault("extractions", [])
        done.append({"chars": chars, "timings_ms": {k: round(v * 1000, 2) for k, v in timings.items()}})


def init_app(app: Flask) -> None:
    """Time and count every request (``GET /metrics`` is registered with the other views)."""
    nlp = app.extensions.get("newsfacts.nlp")
    if nlp is not None:
        model = describe(nlp)
        INFO.labels(__version__, model["pipeline"], model["pipeline_version"]).set(1)

    @app.before_request
    def _start_timer() -> None:
        g.metrics_started = time.perf_counter()
        g.pop("extractions", None)  # an app context can outlive a request (tests): start afresh

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.pop("metrics_started", None)
        method = request.method if request.method in METHODS else OTHER_METHOD
        labels = (route_of_request() or UNMATCHED, method, str(response.status_code))
        REQUESTS.labels(*labels).inc()
        if started is not None:
            LATENCY.labels(*labels).observe(time.perf_counter() - started)
        return response


def route_of_request() -> str | None:
    """The route (``/docs/<name>``, not the path) the current request matched; for a 405, the route
    of the path under another method; None when no route has the path (404)."""
    if request.url_rule is not None:
        return request.url_rule.rule
    error = request.routing_exception
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        adapter = current_app.url_map.bind("localhost")
        try:
            rule, _ = adapter.match(request.path, method=next(iter(error.valid_methods)), return_rule=True)
        except HTTPException:
            return None
        return rule.rule  # type: ignore[no-any-return]
    return None


@blueprint.get("/metrics")
@operation(
    operation_id="metrics",
    summary="Prometheus metrics",
    description="Requests and latency by route and status, articles and characters read, "
    "time per step (`parse`, `entities`, `quotes`, `money`, `dates`).",
    responses={"200": content("The Prometheus text format.", "text/plain", {"type": "string"})},
)
def metrics() -> Response:
    """The Prometheus text exposition of every metric (all workers' under gunicorn)."""
    if MULTIPROCESS:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def mark_worker_dead(pid: int, path: str | None = None) -> None:
    """For gunicorn's ``child_exit`` hook: fold a dead worker's live gauges out of the totals, and
    move its counts into the directory's archive files, then delete its files.

    prometheus-client keeps one set of files per process id in the multiprocess directory and never
    removes them; with workers recycled (``max_requests``) or killed, the directory grows without
    bound (and with it the time to read ``/metrics``). Each dead worker's counters and histograms are
    added into ``counter_archive.db`` / ``histogram_archive.db`` (its max/min/sum gauges combined
    likewise), which ``/metrics`` reads as one more process: totals never go back. Runs in the
    gunicorn master, one call at a time.
    """
    path = path or os.environ.get(MULTIPROC_ENV)
    if not path:
        return
    multiprocess.mark_process_dead(pid, path)  # type: ignore[no-untyped-call]
    suffix = f"_{pid}.db"
    for file in glob.glob(os.path.join(glob.escape(path), f"*{suffix}")):
        prefix = os.path.basename(file)[: -len(suffix)]  # counter, histogram, gauge_max...
        kind, _, mode = prefix.partition("_")
        if kind != "gauge" or mode in _COMBINE:
            _archive(file, os.path.join(path, f"{prefix}_{ARCHIVE}.db"), _COMBINE.get(mode, _add))
        os.remove(file)


ARCHIVE = "archive"  # the "process id" of the archive files


def _add(old: float, new: float) -> float:
    return old + new


_COMBINE: dict[str, Callable[[float, float], float]] = {"max": max, "min": min, "sum": _add}


def _archive(source: str, target: str, combine: Callable[[float, float], float]) -> None:
    values = MmapedDict.read_all_values_from_file(source)
    archive = MmapedDict(target)
    try:
        held = {key: (value, ts) for key, value, ts in archive.read_all_values()}
        for key, value, timestamp, _ in values:
            if key in held:
                old, old_ts = held[key]
                archive.write_value(key, combine(old, value), max(old_ts, timestamp))
            else:
                archive.write_value(key, value, timestamp)
    finally:
        archive.close()
