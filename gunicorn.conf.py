"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py`` (or ``python -m service serve``).

Values come from the same NEWSFACTS_* settings as the app.
"""

import multiprocessing

from service.config import Settings

_settings = Settings.from_env()

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
accesslog = "-"
errorlog = "-"
loglevel = _settings.log_level
# Requests can carry whole articles: the request line and headers stay small.
limit_request_line = 8190
