"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py`` (or ``python -m service serve``).

Values come from the same NEWSFACTS_* settings as the app.
"""

import multiprocessing
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

_settings = Settings.from_env()
# The service's logs, one request a line, as JSON on stderr (gunicorn's own access log is off).
_configure_logging(_settings.log_level)

wsgi_app = "service.wsgi:app"
bind = _settings.bind
# The work is CPU-bound (parsing): one worker per core.
workers = _settings.workers or multiprocessing.cpu_count()
worker_class = "sync"
# Load the app (and the spaCy model) in the master before forking, so workers share its memory.
preload_app = True
timeout = _settings.timeout
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


def child_exit(server, worker):
    """A worker ended: drop its live gauges from the metrics' totals."""
    from service.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def on_exit(server):
    if _metrics_dir_made:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
