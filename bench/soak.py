"""Soak and fault test against a real gunicorn (2 workers) on 127.0.0.1.

    .venv/bin/python bench/soak.py                      # 5,000 requests, then the faults
    .venv/bin/python bench/soak.py --requests 500       # a quick proof that it works

This process is the client; it starts gunicorn (gunicorn.conf.py, 2 workers, a free port in
18000-18999, worker recycling off so memory growth shows) and stops it at the end, whatever happens.

1. Soak: ``--requests`` requests from ``--concurrency`` threads, a mix of good articles and bad
   input (malformed JSON, wrong media type, empty text, bad ``published``, invalid UTF-8, unknown
   fields, an oversized body, unknown routes). Each kind has its expected status; anything else,
   or a connection error, is unexpected. Prints latency percentiles and the workers' RSS at the
   start (after a warm-up) and at the end.
2. Kill a worker (SIGKILL) in the middle of a load: gunicorn must start a replacement, and only the
   requests in flight on the killed worker may fail.
3. SIGTERM the master while requests are in flight and more wait in the listen queue: all must
   complete (graceful drain), and the master must exit.

Exit status 0 when every target holds: no unexpected responses in the soak, RSS growth under 10%,
at most one failed request per killed worker, a replacement worker, all in-flight requests drained.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "seeds" / "000_7336a99310a2cd6b.txt").read_text(encoding="utf-8")
SENTENCES = [
    "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready.",
    "Denmark said it was donating 1.7 billion kroner (€228 million) in aid to Ukraine.",
    "“Russia does not have enough munitions to achieve success on the offensive,” the ministry said.",
    "Shares of Apple rose 3% to $172.50 on Tuesday after the company reported record sales.",
    "The talks, which began on 12 March 2023, will resume next week in Geneva, officials said.",
]


@dataclass(frozen=True)
class Kind:
    """One kind of request and the status it must get."""

    name: str
    weight: int
    method: str
    path: str
    body: bytes
    content_type: str | None
    expected: int


def _j(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


KINDS = [
    Kind("sample article", 10, "POST", "/v1/extract", _j({"text": SAMPLE}), "application/json", 200),
    Kind(
        "short article",
        30,
        "POST",
        "/v1/extract",
        _j({"text": " ".join(SENTENCES), "published": "2023-05-02"}),
        "application/json",
        200,
    ),
    Kind(
        "text/plain", 10, "POST", "/v1/extract?published=2023-05-02", SENTENCES[1].encode(), "text/plain", 200
    ),
    Kind(
        "one section",
        5,
        "POST",
        "/v1/extract",
        _j({"text": SENTENCES[0], "include": ["entities"]}),
        "application/json",
        200,
    ),
    Kind("health", 5, "GET", "/healthz", b"", None, 200),
    Kind("readiness", 3, "GET", "/readyz", b"", None, 200),
    Kind("malformed JSON", 5, "POST", "/v1/extract", b'{"text": "Denmark', "application/json", 400),
    Kind("invalid UTF-8", 4, "POST", "/v1/extract", b"caf\xc3\x28 said", "text/plain", 400),
    Kind("duplicate keys", 3, "POST", "/v1/extract", b'{"text": "a", "text": "b"}', "application/json", 400),
    Kind("wrong media type", 4, "POST", "/v1/extract", b"<p>Denmark</p>", "text/html", 415),
    Kind("no media type", 3, "POST", "/v1/extract", b"Denmark said.", None, 415),
    Kind("empty text", 4, "POST", "/v1/extract", _j({"text": "  "}), "application/json", 422),
    Kind(
        "bad published",
        4,
        "POST",
        "/v1/extract",
        _j({"text": "a", "published": "yesterday"}),
        "application/json",
        422,
    ),
    Kind("unknown field", 3, "POST", "/v1/extract", _j({"text": "a", "lang": "en"}), "application/json", 422),
    Kind("wrong type", 3, "POST", "/v1/extract", _j({"text": 42}), "application/json", 422),
    Kind(
        "over the character limit",
        2,
        "POST",
        "/v1/extract",
        _j({"text": "a " * 100_001}),
        "application/json",
        422,
    ),
    Kind("oversized body", 1, "POST", "/v1/extract", b"a" * (5 * 1024 * 1024), "text/plain", 413),
    Kind("unknown route", 2, "GET", "/v2/extract", b"", None, 404),
    Kind("wrong method", 2, "GET", "/v1/extract", b"", None, 405),
]


@dataclass
class Outcome:
    kind: str
    status: int | None  # None: no HTTP response (connection refused, reset, timeout)
    seconds: float
    error: str = ""


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def send(port: int, kind: Kind, timeout: float = 180.0) -> Outcome:
    """One request on a new connection (gunicorn's sync workers close it after each response)."""
    if len(kind.body) > 1024 * 1024:
        return send_headers_first(port, kind, timeout)
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": kind.content_type} if kind.content_type else {}
        conn.request(kind.method, kind.path, body=kind.body or None, headers=headers)
        response = conn.getresponse()
        response.read()
        return Outcome(kind.name, response.status, time.perf_counter() - started)
    except (OSError, http.client.HTTPException) as exc:
        return Outcome(kind.name, None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def send_headers_first(port: int, kind: Kind, timeout: float) -> Outcome:
    """A large body the way a careful client sends it: headers first, and the body only if the
    server has not answered yet (the service refuses an oversized body from its Content-Length,
    without reading it, and closes the connection: writing the body anyway would fail)."""
    started = time.perf_counter()
    head = (
        f"{kind.method} {kind.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: {kind.content_type}\r\nContent-Length: {len(kind.body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("latin-1")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(head)
            sock.settimeout(5.0)
            try:
                first = sock.recv(65536)
            except TimeoutError:
                sock.settimeout(timeout)
                sock.sendall(kind.body)
                first = sock.recv(65536)
            status = int(first.split(b" ", 2)[1])
        return Outcome(kind.name, status, time.perf_counter() - started)
    except (OSError, ValueError, IndexError) as exc:
        return Outcome(kind.name, None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")


def run_load(
    port: int,
    count: int,
    concurrency: int,
    pick: Callable[[], Kind],
    tally: Tally,
    stop: threading.Event | None = None,
) -> None:
    """``count`` requests from ``concurrency`` threads."""
    remaining = iter(range(count))
    guard = threading.Lock()

    def worker() -> None:
        while stop is None or not stop.is_set():
            with guard:
                if next(remaining, None) is None:
                    return
            kind = pick()
            outcome = send(port, kind)
            tally.add(outcome)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def weighted_picker(seed: int) -> Callable[[], Kind]:
    rng = random.Random(seed)
    lock = threading.Lock()
    weights = [k.weight for k in KINDS]

    def pick() -> Kind:
        with lock:
            return rng.choices(KINDS, weights)[0]

    return pick


# --- gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    for port in random.sample(range(18000, 19000), 1000):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18000-18999")


class Server:
    """gunicorn with gunicorn.conf.py on 127.0.0.1:port, 2 workers, no worker recycling."""

    def __init__(self, port: int, workers: int, log_path: Path, extra_args: list[str] | None = None) -> None:
        self.port = port
        env = {
            **os.environ,
            "NEWSFACTS_BIND": f"127.0.0.1:{port}",
            "NEWSFACTS_WORKERS": str(workers),
            "NEWSFACTS_LOG_LEVEL": "warning",
        }
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--max-requests",
                "0",
                "--access-logfile",
                "/dev/null",
                *(extra_args or []),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        ready = Kind("ready", 0, "GET", "/readyz", b"", None, 200)
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log.name}")
            if send(self.port, ready, timeout=5).status == 200 and len(self.workers()) >= 1:
                return
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not become ready")

    def workers(self) -> list[int]:
        """The master's child processes (the workers)."""
        children = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.pid:
                children.append(int(entry))
        return sorted(children)

    def wait_workers(self, n: int, timeout: float = 120.0) -> list[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.workers()
            if len(pids) >= n:
                return pids
            time.sleep(0.2)
        return self.workers()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def expected_of(name: str) -> int:
    return next(k.expected for k in KINDS if k.name == name)


# --- phases ---------------------------------------------------------------------------------------


def soak(server: Server, requests: int, concurrency: int) -> bool:
    # Warm-up: each worker loads its rule data lazily on its first articles, and every kind of
    # request goes through each worker at least once (likely) before the start figure is taken.
    warm = iter(KINDS * 4 + [KINDS[1]] * 20)
    guard = threading.Lock()

    def next_kind() -> Kind:
        with guard:
            return next(warm, KINDS[1])

    run_load(server.port, len(KINDS) * 4 + 20, 2, next_kind, Tally())
    workers = server.workers()
    rss_start = {pid: rss_kib(pid) for pid in workers}
    tally = Tally()
    started = time.perf_counter()
    run_load(server.port, requests, concurrency, weighted_picker(7), tally)
    elapsed = time.perf_counter() - started
    rss_end = {pid: rss_kib(pid) for pid in server.workers()}

    unexpected = [o for o in tally.outcomes if o.status != expected_of(o.kind)]
    latencies = [o.seconds for o in tally.outcomes]
    good = [
        o.seconds
        for o in tally.outcomes
        if expected_of(o.kind) == 200 and o.kind not in ("health", "readiness")
    ]
    statuses = Counter(o.status for o in tally.outcomes)
    print(
        f"soak: {len(tally.outcomes)} requests in {elapsed:.1f} s ({len(tally.outcomes) / elapsed:.1f}/s), "
        f"{concurrency} client threads, 2 workers"
    )
    print(f"  statuses: {dict(sorted(statuses.items(), key=lambda kv: str(kv[0])))}")
    print(f"  unexpected: {len(unexpected)}")
    for o in unexpected[:10]:
        print(f"    {o.kind}: got {o.status} (expected {expected_of(o.kind)}) {o.error}")
    print(
        f"  latency all: p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(
        f"  latency articles: p50 {percentile(good, 50) * 1000:.0f} ms, "
        f"p99 {percentile(good, 99) * 1000:.0f} ms"
    )
    ok = not unexpected
    same = set(rss_start) == set(rss_end)
    for pid in sorted(rss_start):
        end = rss_end.get(pid)
        if end is None:
            print(f"  worker {pid}: RSS start {rss_start[pid] / 1024:.1f} MiB, replaced during the soak")
            continue
        growth = (end - rss_start[pid]) / rss_start[pid] * 100
        print(
            f"  worker {pid}: RSS start {rss_start[pid] / 1024:.1f} MiB, "
            f"end {end / 1024:.1f} MiB ({growth:+.1f}%)"
        )
        ok &= growth < 10
    if not same:
        print("  (a worker was replaced during the soak: that is itself unexpected)")
        ok = False
    return ok


def kill_a_worker(server: Server, requests: int, concurrency: int) -> bool:
    before = server.workers()
    victim = before[0]
    tally = Tally()
    pick = weighted_picker(11)
    load = threading.Thread(target=run_load, args=(server.port, requests, concurrency, pick, tally))
    load.start()
    while len(tally.outcomes) < requests // 3 and load.is_alive():
        time.sleep(0.05)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.perf_counter()
    replacement: list[int] = []
    while time.perf_counter() - killed_at < 120:
        now = server.workers()
        replacement = [p for p in now if p not in before]
        if replacement and victim not in now:
            break
        time.sleep(0.1)
    replaced_in = time.perf_counter() - killed_at
    load.join()
    failed = [o for o in tally.outcomes if o.status != expected_of(o.kind)]
    print(f"kill a worker: SIGKILL to worker {victim} after {requests // 3} of {requests} requests")
    print(f"  replacement worker: {replacement or 'none'} after {replaced_in:.1f} s")
    print(
        f"  failed requests: {len(failed)} of {len(tally.outcomes)} "
        "(allowed: the one in flight on the victim)"
    )
    for o in failed[:5]:
        print(f"    {o.kind}: {o.status} {o.error}")
    after = run_and_count(server.port, 20)
    print(f"  after: {after} of 20 requests answered as expected")
    return bool(replacement) and len(failed) <= 1 and after == 20


def run_and_count(port: int, n: int) -> int:
    tally = Tally()
    run_load(port, n, 2, weighted_picker(3), tally)
    return sum(o.status == expected_of(o.kind) for o in tally.outcomes)


def sigterm_drains(server: Server) -> bool:
    # One long request per worker (the sample article four times), in flight when SIGTERM arrives;
    long = Kind(
        "long article",
        0,
        "POST",
        "/v1/extract",
        _j({"text": "\n\n".join([SAMPLE] * 4)}),
        "application/json",
        200,
    )
    # Two more wait in the listen queue behind them: they must be answered too, not reset.
    outcomes: list[Outcome] = []
    threads = [threading.Thread(target=lambda: outcomes.append(send(server.port, long))) for _ in range(4)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    time.sleep(1.0)  # let the first two reach a worker
    in_flight = 4 - len(outcomes)
    server.proc.send_signal(signal.SIGTERM)
    sent = time.perf_counter()
    for t in threads:
        t.join()
    try:
        code = server.proc.wait(90)
    except subprocess.TimeoutExpired:
        code = None
    exited_in = time.perf_counter() - sent
    refused = send(server.port, KINDS[4], timeout=5).status is None
    drained = [o for o in outcomes if o.status == 200]
    print(
        f"SIGTERM: {in_flight} requests in flight; {len(drained)} of {len(outcomes)} completed with 200 "
        f"(slowest {max(o.seconds for o in outcomes):.1f} s); master exited with {code} "
        f"{exited_in:.1f} s after the signal; new connections refused: {refused}"
    )
    return len(drained) == len(outcomes) and code == 0 and refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=5000, help="requests in the soak (default 5000)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--kill-requests", type=int, default=300, help="requests in the kill-a-worker phase")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one in 18000-18999)")
    args = parser.parse_args(argv)

    port = args.port or free_port()
    log_path = Path(tempfile.gettempdir()) / f"newsfacts-soak-{port}.log"
    print(f"gunicorn on 127.0.0.1:{port}, 2 workers (log: {log_path})", flush=True)
    server = Server(port, 2, log_path)
    results = {}
    try:
        server.wait_ready()
        server.wait_workers(2)
        results["soak"] = soak(server, args.requests, args.concurrency)
        results["kill a worker"] = kill_a_worker(server, args.kill_requests, args.concurrency)
        server.wait_workers(2)
        results["SIGTERM drains"] = sigterm_drains(server)
    finally:
        server.stop()
    print("targets: " + ", ".join(f"{name} {'ok' if ok else 'FAILED'}" for name, ok in results.items()))
    return 0 if results and all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
