"""``/metrics`` and its multiprocess directory under junk: a real gunicorn (gunicorn.conf.py, 2 workers
recycled every ``--max-requests`` requests) on 127.0.0.1.

    .venv/bin/python bench/metrics_growth.py                  # 3,000 requests with made-up methods
    .venv/bin/python bench/metrics_growth.py --requests 300   # quicker

Sends ``--requests`` requests, each with a new made-up HTTP method (``M1AAA``, ``M2AAA``...), to
``/healthz``, and prints the size of ``/metrics`` and of the multiprocess directory (bytes on disk)
before and after. Made-up methods once added one series each (69 KB -> 5.6 MB after 3,000) and every
recycled worker left its files behind (0.3 -> 12 MB). Targets (exit status 0): ``/metrics`` at most
10% larger after than before (a few new series, no more), the directory at most 2x, and the counts
of requests kept across recycled workers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak import Server, free_port  # noqa: E402


def request(port: int, method: str, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def disk_bytes(directory: Path) -> int:
    """Bytes the files take on disk (prometheus-client's files are sparse: 1 MiB apparent each)."""
    return sum(p.stat().st_blocks * 512 for p in directory.iterdir() if p.is_file())


def counted(metrics: bytes, method: str) -> float:
    labels = f'endpoint="/healthz",method="{method}",status="405"'
    pattern = rf"^newsfacts_http_requests_total\{{{labels}\}} (\S+)$"
    found = re.search(pattern.encode(), metrics, re.M)
    return float(found.group(1)) if found else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests with made-up methods")
    parser.add_argument("--max-requests", type=int, default=200, help="gunicorn's worker recycling")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn (finally) when timed out

    directory = Path(tempfile.mkdtemp(prefix="newsfacts-metrics-bench-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"newsfacts-metrics-{port}.log"
    server = Server(port, 2, log, extra_args=["--max-requests", str(args.max_requests)])
    try:
        server.wait_ready()
        for i in range(20):  # every series the junk will touch exists before the first measure
            request(port, "GET", "/healthz")
            request(port, f"W{i}ARM", "/healthz")
            request(port, "GET", "/metrics")
        _, before = request(port, "GET", "/metrics")
        dir_before = disk_bytes(directory)
        files_before = len(list(directory.iterdir()))
        counted_before = counted(before, "OTHER")
        for i in range(args.requests):
            request(port, f"M{i}AAA", "/healthz")
        _, after = request(port, "GET", "/metrics")
        dir_after = disk_bytes(directory)
        files_after = len(list(directory.iterdir()))
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)
    recycled = max(0, (args.requests + 40) // args.max_requests)
    kept = counted(after, "OTHER") - counted_before
    print(
        f"{args.requests} requests with made-up methods, 2 workers recycled every ~{args.max_requests} "
        f"requests (about {recycled} replacements):"
    )
    print(f"  /metrics: {len(before) / 1024:.1f} KiB -> {len(after) / 1024:.1f} KiB")
    print(
        f"  multiprocess directory: {dir_before / 1024:.0f} KiB in {files_before} files -> "
        f"{dir_after / 1024:.0f} KiB in {files_after} files"
    )
    print(f"  counted under method=OTHER: {kept:.0f} of {args.requests}")
    ok = len(after) <= 1.1 * len(before) and dir_after <= 2 * dir_before and kept == args.requests
    print("targets:", "ok" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
