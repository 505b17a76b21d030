"""The gunicorn worker (service/serving.py): whole requests only, read timeouts, problem+json for
gunicorn's own refusals, a watchdog for the worker timeout; and the CPU quota read from cgroups.

The first tests read bytes and files; the others run a real gunicorn (gunicorn.conf.py, one worker)
on 127.0.0.1 and talk to it with raw sockets, as slow or broken clients do.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.serving import available_cores, problem_bytes, scan_request

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Denmark said it was donating 1.7 billion kroner (€228 million) in aid to Ukraine."
BODY = json.dumps({"text": ARTICLE}, ensure_ascii=False).encode("utf-8")
POST_HEAD = "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
HEAD = POST_HEAD + f"Content-Length: {len(BODY)}\r\n"


def chunked(body: bytes, size: int) -> bytes:
    out = b""
    for i in range(0, len(body), size):
        piece = body[i : i + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


CHUNKED_HEAD = POST_HEAD.encode() + b"Transfer-Encoding: chunked\r\n\r\n"

# (bytes received so far, whole?, hand over now?, send 100 Continue?)
SCANS = [
    (b"", False, False, False),
    (b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n", False, False, False),  # the slow client
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", True, False, False),
    (HEAD.encode() + b"\r\n", False, False, False),
    (HEAD.encode() + b"\r\n" + BODY[:10], False, False, False),
    (HEAD.encode() + b"\r\n" + BODY, True, False, False),
    (HEAD.encode() + b"Expect: 100-continue\r\n\r\n", False, False, True),
    (HEAD.encode() + b"Expect: 100-continue\r\n\r\n" + BODY, True, False, False),
    (CHUNKED_HEAD + chunked(BODY, 16)[:-5], False, False, False),
    (CHUNKED_HEAD + chunked(BODY, 16), True, False, False),
    (CHUNKED_HEAD + chunked(BODY, 16)[:-2] + b"X-Trailer: 1\r\n\r\n", True, False, False),
    # Malformed or too large: gunicorn's parser or the app refuses it at once (400, 413, 501).
    (CHUNKED_HEAD + b"zz\r\n", True, True, False),
    (b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", True, True, False),
    (b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", True, True, False),
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", True, True, False),
    (b"POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", True, True, False),
    (b"GET /" + b"a" * 900_000, True, True, False),  # no end of head in sight
]


@pytest.mark.parametrize(("data", "whole", "handover", "expects"), SCANS)
def test_a_request_is_handed_to_the_app_once_it_has_arrived_whole(data, whole, handover, expects):
    scan = scan_request(data, max_body=4 * 1024 * 1024)
    assert (scan.complete, scan.handover, scan.expects_continue) == (whole, handover, expects)


def test_the_servers_own_answers_are_problem_json():
    raw = problem_bytes(408, "The request did not arrive whole within 30 seconds.")
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.1 408 Request Timeout"
    assert "Content-Type: application/problem+json" in lines and "Connection: close" in lines
    assert f"Content-Length: {len(body)}" in lines
    assert json.loads(body) == {
        "type": "about:blank",
        "title": "Request Timeout",
        "status": 408,
        "detail": "The request did not arrive whole within 30 seconds.",
    }


@pytest.mark.parametrize(
    ("files", "cores"),
    [
        ({"cpu.max": "200000 100000\n"}, 2),  # docker run --cpus 2
        ({"cpu.max": "150000 100000\n"}, 2),  # --cpus 1.5: rounded up
        ({"cpu.max": "50000 100000\n"}, 1),
        ({"cpu.max": "max 100000\n"}, None),  # no quota: every CPU it may run on
        ({"cpu/cpu.cfs_quota_us": "100000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),  # cgroup v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({}, None),
    ],
)
def test_workers_follow_the_cgroup_cpu_quota(tmp_path, files, cores):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    allowed = len(os.sched_getaffinity(0))
    assert available_cores(str(tmp_path)) == (min(cores, allowed) if cores else allowed)


# --- a real gunicorn ------------------------------------------------------------------------------

READ_TIMEOUT = 3
WORKER_TIMEOUT = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _exchange(port: int, data: bytes, timeout: float = 30.0) -> bytes:
    """Send ``data`` on a new connection, return everything the server sends until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    return out


def _status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def _problem(response: bytes) -> dict:
    head, _, body = response.partition(b"\r\n\r\n")
    assert b"\r\nContent-Type: application/problem+json" in head, head
    return json.loads(body)  # type: ignore[no-any-return]


class Gunicorn:
    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.log = tmp / "gunicorn.log"
        self.metrics_dir = tmp / "metrics"
        self.metrics_dir.mkdir()
        env = {
            **os.environ,
            "NEWSFACTS_BIND": f"127.0.0.1:{self.port}",
            "NEWSFACTS_WORKERS": "1",
            "NEWSFACTS_READ_TIMEOUT": str(READ_TIMEOUT),
            "NEWSFACTS_TIMEOUT": str(WORKER_TIMEOUT),
            "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir),
        }
        self._log_file = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                if _status(self.get("/readyz", timeout=2)) == 200:
                    return
            except (OSError, IndexError, ValueError):
                time.sleep(0.3)
        raise AssertionError("gunicorn did not start: " + self.log.read_text()[-3000:])

    def get(self, path: str, timeout: float = 30.0) -> bytes:
        return _exchange(
            self.port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), timeout
        )

    def metrics(self) -> str:
        return self.get("/metrics").partition(b"\r\n\r\n")[2].decode("utf-8")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log_file.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    running = Gunicorn(tmp_path_factory.mktemp("gunicorn"))
    try:
        yield running
    finally:
        running.stop()


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _metric(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        series, _, value = line.rpartition(" ")
        if series == (f"{name}{{{want}}}" if labels else name):
            return float(value)
    return 0.0


def test_slow_clients_do_not_hold_the_only_worker(server):
    """The issue's case: connections that sent part of a request head and stopped. With one worker,
    /healthz and an article are still answered at once; after the read timeout each slow client
    gets 408 (problem+json) and is closed."""
    slow = []
    for _ in range(5):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=READ_TIMEOUT + 10)
        sock.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n")
        slow.append(sock)
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=READ_TIMEOUT + 10)
    try:
        started = time.monotonic()
        assert _status(server.get("/healthz", timeout=5)) == 200
        answer = _exchange(server.port, HEAD.encode() + b"Connection: close\r\n\r\n" + BODY, timeout=10)
        assert _status(answer) == 200 and b'"currency": "DKK"' in answer.replace(b'":"', b'": "')
        assert time.monotonic() - started < READ_TIMEOUT
        for sock in [*slow, idle]:
            response = b""
            while chunk := sock.recv(4096):
                response += chunk
            assert _status(response) == 408
            assert _problem(response)["status"] == 408
    finally:
        for sock in [*slow, idle]:
            sock.close()
    assert _metric(server.metrics(), "newsfacts_server_responses_total", status="408") >= 6


def test_a_request_sent_byte_by_byte_within_the_timeout_is_answered(server):
    data = HEAD.encode() + b"Connection: close\r\n\r\n" + BODY
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as sock:
        step = len(data) // 20 + 1
        for i in range(0, len(data), step):
            sock.sendall(data[i : i + step])
            time.sleep(0.05)
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    assert _status(response) == 200


def test_chunked_and_expect_continue_requests_are_answered(server):
    answer = _exchange(
        server.port, CHUNKED_HEAD.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n") + chunked(BODY, 7)
    )
    assert _status(answer) == 200
    head = HEAD.encode() + b"Expect: 100-continue\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as sock:
        sock.sendall(head)
        assert sock.recv(4096) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(BODY)
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    assert _status(response) == 200 and b"100 Continue" not in response


def test_keep_alive_connections_carry_several_requests(server):
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as sock:
        reader = sock.makefile("rb")
        for _ in range(3):
            sock.sendall(request)
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                head += reader.readline()
            length = int(re.search(rb"Content-Length: (\d+)", head).group(1))  # type: ignore[union-attr]
            assert _status(head) == 200 and reader.read(length) == b'{"status":"ok"}\n'
        # Two requests in one send (pipelined): both answered.
        sock.sendall(request + request.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
        response = reader.read()
    assert response.count(b"HTTP/1.1 200 ") == 2


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 101 + b"\r\n", 431),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
        (b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 400),
        (b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417),
    ],
)
def test_requests_gunicorn_refuses_are_answered_in_problem_json(server, request_bytes, status):
    before = _metric(server.metrics(), "newsfacts_server_responses_total", status=str(status))
    response = _exchange(server.port, request_bytes)
    assert _status(response) == status
    assert _problem(response)["status"] == status
    assert _metric(server.metrics(), "newsfacts_server_responses_total", status=str(status)) == before + 1


def test_made_up_methods_share_one_metric_label(server):
    for i in range(30):
        _exchange(server.port, f"M{i}AAA /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    text = server.metrics()
    assert not re.search(r'method="M\d+AAA"', text)
    assert (
        _metric(text, "newsfacts_http_requests_total", endpoint="/healthz", method="OTHER", status="405")
        >= 30
    )


def test_a_request_past_the_worker_timeout_ends_the_worker_with_a_log_line_and_a_count(server):
    """Runs last: it replaces the worker. The watchdog answers 503 (problem+json), ends the worker, and
    the worker_abort hook logs a JSON line naming the request and counts it; the new worker answers;
    the dead worker's metric files are folded into the archive (totals kept) and removed."""
    requests_before = _metric(
        server.metrics(), "newsfacts_http_requests_total", endpoint="/healthz", method="GET", status="200"
    )
    text = (ROOT / "seeds" / "000_7336a99310a2cd6b.txt").read_text(encoding="utf-8")
    long_text = "\n\n".join([text] * (190_000 // len(text)))
    body = json.dumps({"text": long_text}).encode("utf-8")
    raw = (f"{POST_HEAD}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    started = time.monotonic()
    answer = _exchange(server.port, raw, timeout=WORKER_TIMEOUT + 60)
    assert _status(answer) == 503 and _problem(answer)["status"] == 503
    assert time.monotonic() - started < WORKER_TIMEOUT + 10
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _status(server.get("/healthz", timeout=5)) == 200:
                break
        except (OSError, IndexError):
            time.sleep(0.5)
    lines = [json.loads(line) for line in server.log.read_text(encoding="utf-8").splitlines() if line.strip()]
    aborted = [line for line in lines if line["logger"] == "service.worker"]
    assert len(aborted) == 1 and aborted[0]["path"] == "/v1/extract" and aborted[0]["level"] == "error"
    text_metrics = server.metrics()
    assert _metric(text_metrics, "newsfacts_worker_timeouts_total") == 1
    assert (
        _metric(
            text_metrics, "newsfacts_http_requests_total", endpoint="/healthz", method="GET", status="200"
        )
        > requests_before
    )
    # The dead worker's files are gone, its counts kept in the archive (the master's and the new
    # worker's files remain).
    owners = {p.name[: -len(".db")].rsplit("_", 1)[1] for p in server.metrics_dir.glob("*.db")}
    assert "archive" in owners and str(aborted[0]["pid"]) not in owners
    assert owners - {"archive"} == {str(server.proc.pid), *map(str, _children(server.proc.pid))}
    # Every line gunicorn and the app wrote is JSON (parsed above): none in gunicorn's plain format.
    assert any(line["logger"] == "gunicorn.error" for line in lines)
