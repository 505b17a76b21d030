"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py`` (or ``python -m service serve``).

Values come from the same NEWSFACTS_* settings as the app.
"""

import logging
import os
import shutil
import tempfile

# Prometheus multiprocess mode: each worker writes its metrics to files in this directory and
# GET /metrics adds them up. It must be set before prometheus_client is imported (so here, first).
# Made fresh here (and removed at exit) unless the environment names one, which must start empty.
_metrics_dir_made = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _metrics_dir_made:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="newsfacts-metrics-")

from service.config import Settings  # noqa: E402
from service.logging_setup import configure as _configure_logging  # noqa: E402
from service.serving import available_cores  # noqa: E402

_settings = Settings.from_env()
# The service's logs, one request a line, as JSON on stderr (gunicorn's own access log is off).
_configure_logging(_settings.log_level)

wsgi_app = "service.wsgi:app"
bind = _settings.bind
# The work is CPU-bound (parsing): one worker per core the process may use, its cgroup CPU quota
# included (``docker run --cpus 2`` on a large host: 2 workers, not one per host core).
workers = _settings.workers or available_cores()
# gunicorn's threaded worker, changed to read each request whole in its event loop before one thread
# runs the app: idle and byte-by-byte clients cost a socket, never the worker, and must send their
# request within NEWSFACTS_READ_TIMEOUT seconds (408). One thread: one article at a time per
# worker, as the sync worker did (the parse is CPU-bound, and spaCy's memory zones, which free each
# request's new strings, are not safe across threads). See service/serving.py, and
# bench/slowclients.py for the figures.
worker_class = "service.serving.BufferingWorker"
threads = 1
worker_connections = 1000
# Load the app (and the spaCy model) in the master before forking, so workers share its memory.
preload_app = True
timeout = _settings.timeout
# A stopping worker finishes its request (at most NEWSFACTS_TIMEOUT s of parsing, but a long article
# takes seconds); deploy/deployment.yaml's grace period outlasts preStop + this.
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then to bound memory growth; jitter avoids restarting all at once.
max_requests = 2000
max_requests_jitter = 200
accesslog = None  # the app logs each request as a JSON line with its request id
errorlog = "-"
loglevel = _settings.log_level
# Requests can carry whole articles: the request line and headers stay small.
limit_request_line = 8190
# No control socket (gunicornc): nothing here uses it, and by default it lives in $HOME (which the
# image's user has none of: "Permission denied" at every start), shared by every gunicorn of the user.
control_socket_disable = True
# gunicorn's own lines (booting, worker exits, refused requests) as JSON lines too, on stderr like the
# app's; no access log (the app writes one line per request), nothing on the root logger.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        # Python warnings (a library's UserWarning at start-up), as JSON lines too: see captureWarnings.
        "py.warnings": {"level": "WARNING", "handlers": ["json"], "propagate": False},
    },
    "handlers": {
        "json": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    },
    "formatters": {"json": {"()": "service.logging_setup.JsonFormatter"}},
}


logging.captureWarnings(True)


def child_exit(server, worker):
    """A worker ended: drop its live gauges from the metrics' totals, archive its counts, delete its files."""
    from service.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def worker_abort(worker):
    """A worker is ended for running past ``timeout`` (SIGABRT from the master, or BufferingWorker's
    own watchdog): say so in the log, with the request if known, and count it."""
    import logging

    from service.metrics import WORKER_TIMEOUTS

    WORKER_TIMEOUTS.inc()
    fields = {"pid": worker.pid, "timeout_s": timeout}
    request = getattr(worker, "timed_out", None)
    if request is not None:
        fields.update(method=request[0], path=request[1], running_s=round(request[2], 1))
    logging.getLogger("service.worker").error("worker timeout: request ran over %ss", timeout, extra=fields)


def on_exit(server):
    if _metrics_dir_made:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
