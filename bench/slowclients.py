"""Slow clients against a real gunicorn (gunicorn.conf.py, 2 workers) on 127.0.0.1: they must not
starve the service.

    .venv/bin/python bench/slowclients.py                       # the configured worker
    .venv/bin/python bench/slowclients.py --worker-class sync   # gunicorn's sync worker, for comparison

This process is the client; it starts gunicorn on a free port in 18000-18999 and stops it at the
end, whatever happens. For each kind of slow client it opens ``--slow`` (100) connections that:

- ``idle``: connect and send nothing;
- ``partial-head``: send ``POST /v1/extract HTTP/1.1\\r\\nHost: x\\r\\n`` and stop (the issue's case);
- ``byte-by-byte``: send a whole, valid request one byte every ``--trickle`` seconds;

then, while they hang on, a normal client sends ``--requests`` short articles one after another,
and ``/healthz`` is asked as many times. Its latency is compared with the same requests without
slow connections. Last, it waits until the server's read timeout has passed and counts how many
slow connections the server answered (408) or closed.

Targets (exit status 0 when all hold): with slow connections, the normal client's median latency
at most 2x the baseline's, every request answered (200), and /healthz answered every time. Every
client socket has a timeout (``--client-timeout``): a starved service shows as timeouts, not a hang.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak import SENTENCES, Server, free_port  # noqa: E402

PARTIAL_HEAD = b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n"
ARTICLE = json.dumps({"text": " ".join(SENTENCES), "published": "2023-05-02"}).encode("utf-8")


def request_bytes(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode("ascii") + b"\r\n" + body


def timed(port: int, raw: bytes, timeout: float) -> tuple[int | None, float]:
    """Send one request on a new connection; (status or None on error/timeout, seconds)."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(raw)
            data = b""
            while b"\r\n" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
            while chunk:  # read the rest of the response (Connection: close)
                chunk = sock.recv(65536)
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else None
    except (OSError, ValueError, IndexError):
        status = None
    return status, time.perf_counter() - started


class SlowClients:
    """``n`` connections held open in the background, each sending as its ``kind`` says."""

    def __init__(self, port: int, kind: str, n: int, trickle: float) -> None:
        self.kind, self.trickle = kind, trickle
        self.socks: list[socket.socket] = []
        self.outcome: dict[str, int] = {}
        self.stop = threading.Event()
        for _ in range(n):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if kind == "partial-head":
                sock.sendall(PARTIAL_HEAD)
            self.socks.append(sock)
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        if kind == "byte-by-byte":
            self.thread.start()

    def _trickle(self) -> None:
        payload = request_bytes("POST", "/v1/extract", ARTICLE)
        i = 0
        while not self.stop.is_set() and i < len(payload):
            for sock in self.socks:
                try:
                    sock.send(payload[i : i + 1])
                except OSError:
                    pass
            i += 1
            self.stop.wait(self.trickle)

    def close(self, wait_for_server: float) -> dict[str, int]:
        """Wait up to ``wait_for_server`` seconds for the server to answer or close each connection;
        count what it did (408, other status, closed, still open); close them all."""
        self.stop.set()
        deadline = time.monotonic() + wait_for_server
        counts: dict[str, int] = {}
        for sock in self.socks:
            what = "still open"
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                data = sock.recv(4096)
                if data.startswith(b"HTTP/1.1 "):
                    what = data.split(b" ", 2)[1].decode()
                elif not data:
                    what = "closed"
            except TimeoutError:
                pass
            except OSError:
                what = "closed"
            counts[what] = counts.get(what, 0) + 1
            sock.close()
        return counts


def measure(port: int, n: int, timeout: float) -> dict[str, list]:
    """``n`` articles then ``n`` health checks, one after another; statuses and seconds."""
    out: dict[str, list] = {"extract": [], "healthz": []}
    failed = 0
    for _ in range(n):
        out["extract"].append(timed(port, request_bytes("POST", "/v1/extract", ARTICLE), timeout))
        out["healthz"].append(timed(port, request_bytes("GET", "/healthz"), timeout))
        failed += sum(1 for status, _ in (out["extract"][-1], out["healthz"][-1]) if status != 200)
        if failed >= 4:  # starved: stop here rather than wait out every timeout
            break
    return out


def summary(results: list[tuple[int | None, float]]) -> tuple[int, float, float]:
    """(answered with 200, median ms, max ms)."""
    ok = sum(1 for status, _ in results if status == 200)
    ms = [s * 1000 for _, s in results]
    return ok, statistics.median(ms), max(ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=100, help="slow connections of each kind (default 100)")
    parser.add_argument("--requests", type=int, default=30, help="normal requests per measurement")
    parser.add_argument("--trickle", type=float, default=0.5, help="seconds between bytes, byte-by-byte")
    parser.add_argument("--read-timeout", type=int, default=10, help="the server's NEWSFACTS_READ_TIMEOUT")
    parser.add_argument("--client-timeout", type=float, default=10.0, help="the normal client's timeout")
    parser.add_argument("--worker-class", help="gunicorn worker class instead of gunicorn.conf.py's")
    parser.add_argument(
        "--kinds", default="idle,partial-head,byte-by-byte", help="slow clients to try, comma-separated"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn (finally) when timed out

    os.environ["NEWSFACTS_READ_TIMEOUT"] = str(args.read_timeout)
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"newsfacts-slowclients-{port}.log"
    extra = ["--worker-class", args.worker_class] if args.worker_class else []
    server = Server(port, 2, log, extra_args=extra)
    failures: list[str] = []
    try:
        server.wait_ready()
        print(f"gunicorn on 127.0.0.1:{port}, 2 workers, {args.worker_class or 'gunicorn.conf.py worker'}")
        measure(port, 3, args.client_timeout)  # warm-up
        base = measure(port, args.requests, args.client_timeout)
        b_ok, b_med, b_max = summary(base["extract"])
        h_ok, h_med, h_max = summary(base["healthz"])
        print(f"no slow connections: extract {b_ok}/{args.requests} ok, median {b_med:.1f} ms, ", end="")
        print(f"max {b_max:.1f} ms;")
        print(f"  /healthz {h_ok}/{args.requests} ok, median {h_med:.1f} ms, max {h_max:.1f} ms")
        for kind in args.kinds.split(","):
            slow = SlowClients(port, kind, args.slow, args.trickle)
            time.sleep(1.0)  # let them settle in
            started = time.monotonic()
            got = measure(port, args.requests, args.client_timeout)
            ok, med, mx = summary(got["extract"])
            hok, hmed, hmx = summary(got["healthz"])
            print(
                f"{args.slow} {kind}: extract {ok}/{args.requests} ok, "
                f"median {med:.1f} ms ({med / b_med:.2f}x), max {mx:.1f} ms;"
            )
            print(f"  /healthz {hok}/{args.requests} ok, median {hmed:.1f} ms, max {hmx:.1f} ms")
            remaining = args.read_timeout + 3 - (time.monotonic() - started)
            counts = slow.close(wait_for_server=max(remaining, 1.0))
            print(f"  the slow connections after the read timeout ({args.read_timeout} s): {counts}")
            if ok < args.requests or med > 2 * b_med:
                failures.append(f"{kind}: extract {ok}/{args.requests} ok, median {med / b_med:.2f}x")
            if hok < args.requests:
                failures.append(f"{kind}: /healthz {hok}/{args.requests}")
    finally:
        server.stop()
    for failure in failures:
        print(f"FAIL {failure}")
    print("all targets hold" if not failures else f"{len(failures)} target(s) missed; server log: {log}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
