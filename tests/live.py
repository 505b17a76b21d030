"""A real HTTP server for tests that need one (a generated client, a browser): the app, in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 at a free port while the block runs; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def chromium() -> str:
    """The path of a headless-capable Chromium: Debian's package, installed with apt when missing
    (CI starts without it). Skips the test where neither is possible."""
    import os
    import shutil
    import subprocess

    import pytest

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("chromium is not installed and cannot be installed here (no apt-get as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True, env=env, timeout=600)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"],
        check=True,
        capture_output=True,
        env=env,
        timeout=900,
    )
    found = shutil.which("chromium")
    assert found, "apt-get installed chromium but it is not on PATH"
    return found


def headless(
    url: str, *, tmp_dir: str, screenshot: str | None = None, dump_dom: bool = False, budget_ms: int = 5000
) -> str:
    """Open ``url`` in headless Chromium; save a screenshot (PNG) and/or return the DOM after scripts ran."""
    import subprocess

    args = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_dir}",
        "--window-size=1280,1600",
        f"--virtual-time-budget={budget_ms}",  # let the page's scripts load the spec and draw
    ]
    if screenshot:
        args.append(f"--screenshot={screenshot}")
    if dump_dom:
        args.append("--dump-dom")
    run = subprocess.run([*args, url], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout
