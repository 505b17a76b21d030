# newsfacts: production image. Build: docker build -t newsfacts .  Run: docker run -p 8080:8080 newsfacts
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Everything, the spaCy model included, comes from the hashed lock file: no download at run time.
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock

FROM python:3.11-slim
# TZ: the slim image has no /etc/localtime; without it tzlocal (dateparser's) warns at every start.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TZ=UTC \
    PYTHONPATH=/app \
    NEWSFACTS_BIND=0.0.0.0:8080
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin newsfacts
COPY --from=build /opt/venv /opt/venv
# The command line of pyproject's [project.scripts], for `docker run … newsfacts extract < article.txt`.
RUN printf '#!/bin/sh\nexec python -m service "$@"\n' > /opt/venv/bin/newsfacts \
 && chmod 755 /opt/venv/bin/newsfacts
WORKDIR /app
# Only what the service runs: its code and the server's config (not tests, seeds or data).
COPY --chown=root:root service/ /app/service/
COPY --chown=root:root schemas/ /app/schemas/
COPY --chown=root:root gunicorn.conf.py /app/gunicorn.conf.py
USER newsfacts
EXPOSE 8080
# Unhealthy after 5 failures 30 s apart: longer than the worker timeout (NEWSFACTS_TIMEOUT, 120 s), which
# ends a stuck request itself; 2 workers busy with long articles cannot answer in the meantime.
# Workers: one per CPU of the container's quota (docker run --cpus N), see service/serving.py.
# docker stop waits 10 s by default; gunicorn's graceful_timeout is 30 s: docker run --stop-timeout 40.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=5 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "service.wsgi:app"]
