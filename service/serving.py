"""The gunicorn worker: whole requests in, so a slow or idle client never holds the worker.

gunicorn's sync worker reads a request on the worker itself: two clients that send
``POST /v1/extract HTTP/1.1\\r\\nHost: x\\r\\n`` and stop hold both workers of a pod, until the
120 s worker timeout kills them. :class:`BufferingWorker` (``worker_class`` in ``gunicorn.conf.py``)
is gunicorn's threaded worker with one change of order: its event loop reads each connection,
without blocking, until a whole request (headers and body) has arrived, and only then hands it to
the thread that runs the app. Meanwhile the connection costs a file descriptor and its bytes.

- A request must arrive whole within ``read_timeout`` seconds (setting ``NEWSFACTS_READ_TIMEOUT``),
  counted from its first byte, or from the connection for a new one; otherwise the worker answers
  ``408`` (problem+json) and closes the connection.
- One request at a time per worker (``threads = 1``): the work is CPU-bound parsing, as with sync
  workers. While its thread is busy the worker stops accepting connections, so new ones wait in
  the listen queue for an idle worker instead of queueing behind a long article.
- A request that runs longer than gunicorn's ``timeout`` ends the worker as the sync worker's
  timeout did (the threaded worker's event loop keeps telling the master it is alive): the
  ``worker_abort`` hook logs and counts it, the client gets a 503 (problem+json) instead of a
  closed connection, and the master starts a new worker.
- Requests gunicorn refuses itself (malformed, too long a request line or header: 400, 414, 431,
  417, 501) are answered in problem+json, like the app's errors, not gunicorn's HTML page.

A request whose head or body cannot be read by these rules (malformed, or a body larger than
``max_body_bytes``) is handed over as soon as that is known: gunicorn's parser or the app then
refuses it at once.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import socket
import time
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

from .config import Settings

# How many bytes a request head may take before it is handed to gunicorn's parser (which then
# answers 414 or 431 from its own limits): request line + 100 fields of 8190 bytes, gunicorn's defaults.
MAX_HEAD_BYTES = 8190 + 100 * 8190
_READ_SIZE = 65536
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_STOP_IDLE_LINGER = 1.0  # stopping: how long a new connection may take to send its first bytes
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


@dataclass(frozen=True)
class Scan:
    """How far a request in a buffer has arrived: ``complete`` (hand it over), or not yet; ``handover``
    when it should be handed to gunicorn's parser now (malformed, or too large: refused there)."""

    complete: bool
    handover: bool = False
    expects_continue: bool = False


INCOMPLETE = Scan(complete=False)
HANDOVER = Scan(complete=True, handover=True)


def scan_request(buf: bytes | bytearray, max_body: int) -> Scan:
    """Whether ``buf`` holds a whole HTTP/1.x request: its head, then the body that its
    ``Content-Length`` or chunked ``Transfer-Encoding`` announces."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return HANDOVER if len(buf) > MAX_HEAD_BYTES else INCOMPLETE
    lines = bytes(buf[:end]).split(b"\r\n")
    length: int | None = None
    chunked = False
    expects = False
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep:
            return HANDOVER
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            if not value.isdigit() or (length is not None and int(value) != length):
                return HANDOVER
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = value.split(b",")[-1].strip() == b"chunked"
            if not chunked:
                return HANDOVER  # gunicorn refuses other codings (501)
        elif name == b"expect":
            expects = value == b"100-continue"
    body = memoryview(buf)[end + 4 :]
    if chunked:
        if length is not None:
            return HANDOVER
        state = _scan_chunked(body, max_body)
    elif length is None or length == 0:
        return Scan(complete=True)
    elif length > max_body:
        return HANDOVER  # the app answers 413 from the Content-Length, without reading the body
    else:
        state = Scan(complete=len(body) >= length)
    if not state.complete and expects:
        return Scan(complete=False, expects_continue=True)
    return state


def _scan_chunked(body: memoryview, max_body: int) -> Scan:
    pos, total = 0, 0
    data = body.tobytes()
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            return HANDOVER if len(data) - pos > 4096 else INCOMPLETE
        size_field = data[pos:eol].split(b";", 1)[0].strip()
        if not _CHUNK_SIZE.fullmatch(size_field):
            return HANDOVER
        size = int(size_field, 16)
        total += size
        if total > max_body:
            return HANDOVER  # the app stops reading at max_body_bytes and answers 413
        if size == 0:
            # Trailer fields, then an empty line.
            if data.startswith(b"\r\n", eol + 2):
                return Scan(complete=True)
            return Scan(complete=data.find(b"\r\n\r\n", eol) >= 0)
        pos = eol + 2 + size + 2
        if pos > len(data):
            return INCOMPLETE


def problem_bytes(status: int, detail: str, *, reason: str | None = None) -> bytes:
    """A whole HTTP/1.1 response (``Connection: close``) with an RFC 9457 problem+json body."""
    title = reason or _phrase(status)
    body = json.dumps(
        {"type": "about:blank", "title": title, "status": status, "detail": detail[:300]}, ensure_ascii=False
    ).encode("utf-8")
    head = (
        f"HTTP/1.1 {status} {title}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
        f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n"
    )
    return head.encode("latin-1") + body


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _count_server_answer(status: int) -> None:
    from .metrics import SERVER_RESPONSES

    SERVER_RESPONSES.labels(str(status)).inc()


def write_problem(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error`` (its answer to a request it refuses), in problem+json."""
    _count_server_answer(status_int)
    detail = mesg or "The server could not handle the request."
    util.write_nonblock(sock, problem_bytes(status_int, detail, reason=reason))


# gunicorn's workers answer the requests they refuse through util.write_error (an HTML page).
util.write_error = write_problem


class BufferingWorker(ThreadWorker):
    """gunicorn's threaded worker, reading whole requests in its event loop (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = Settings.from_env()
        self.read_timeout = float(settings.read_timeout)
        self.max_body = settings.max_body_bytes
        self.reading: dict[TConn, float] = {}  # connection -> deadline of its request
        self.in_flight = 0
        # What the threads are doing: connection -> (started, method, path); read by the watchdog.
        self.running: dict[TConn, tuple[float, str, str]] = {}
        self.timed_out: tuple[str, str, float] | None = None

    # Accepting: only while the thread is free.

    def set_accept_enabled(self, enabled: bool) -> None:
        super().set_accept_enabled(enabled and self.in_flight < self.cfg.threads)

    def accept(self, listener: socket.socket) -> None:
        try:
            client, addr = listener.accept()
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                return
            raise
        self.nr_conns += 1
        conn = TConn(self.cfg, client, addr, listener.getsockname())  # non-blocking
        self._start_reading(conn)

    def on_client_socket_readable(self, conn: TConn, client: socket.socket) -> None:
        """A kept-alive connection has a next request: read it whole, as a new one."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._start_reading(conn)
        self._on_readable(conn, client)

    # Reading in the event loop.

    def _start_reading(self, conn: TConn) -> None:
        conn.buffered = bytearray()
        conn.continue_sent = False
        conn.reading_since = time.monotonic()
        self.reading[conn] = time.monotonic() + self.read_timeout
        self.poller.register(conn.sock, 1, partial(self._on_readable, conn))  # 1: selectors.EVENT_READ

    def _stop_reading(self, conn: TConn) -> None:
        self.reading.pop(conn, None)
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass

    def _close(self, conn: TConn, answer: bytes = b"") -> None:
        self._stop_reading(conn)
        if answer:
            try:
                conn.sock.send(answer)
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def _on_readable(self, conn: TConn, client: socket.socket) -> None:
        try:
            data = client.recv(_READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away
            self._close(conn)
            return
        self._feed(conn, data)

    def _feed(self, conn: TConn, data: bytes) -> None:
        """Add bytes of the request; once it is whole, hand it to the thread."""
        conn.buffered += data
        scan = scan_request(conn.buffered, self.max_body)
        if not scan.complete:
            if scan.expects_continue and not conn.continue_sent:
                conn.continue_sent = True
                try:
                    conn.sock.send(_CONTINUE)
                except OSError:
                    pass
            return
        self._stop_reading(conn)
        conn.data_ready = True
        self.enqueue_req(conn)

    # Stopping (SIGTERM): requests already waiting in the listen queue are served, not reset.

    def _cap_keepalive(self, deadline: float) -> None:
        super()._cap_keepalive(deadline)
        self._drain_backlog()

    def _drain_backlog(self) -> None:
        """Accept the connections waiting in the listen queue (the master has stopped listening,
        but the queue lives until the workers close the socket): each gets its answer, with
        ``Connection: close``, within the graceful timeout."""
        for listener in self.sockets:
            listener.setblocking(False)
            for _ in range(self.worker_connections):
                before = self.nr_conns
                self.accept(listener)
                if self.nr_conns == before:
                    break

    def murder_pending(self) -> None:
        super().murder_pending()
        if not self.alive:
            self._drain_backlog()
        now = time.monotonic()
        for conn, deadline in list(self.reading.items()):
            if not self.alive and not conn.buffered and now > conn.reading_since + _STOP_IDLE_LINGER:
                self._close(conn)  # stopping: a connection that has sent nothing has no request to finish
            elif now > deadline:
                _count_server_answer(408)
                self.log.info("Request not received within %ss from %s", self.read_timeout, conn.client)
                detail = f"The request did not arrive whole within {self.read_timeout:g} seconds."
                self._close(conn, problem_bytes(408, detail))
        self._watchdog(now)

    # Handing whole requests to the thread.

    def enqueue_req(self, conn: TConn) -> None:
        self.in_flight += 1
        self.set_accept_enabled(False)
        super().enqueue_req(conn)

    def finish_request(self, conn: TConn, fs: Any) -> None:
        self.in_flight -= 1
        keepalive = not fs.cancelled() and fs.exception() is None and fs.result() is True
        if keepalive and self.alive and conn.parser.unreader.buf.getvalue():
            # The client sent (part of) its next request with this one: read the rest here too.
            conn.sock.setblocking(False)
            self._start_reading(conn)
            self._feed(conn, conn.parser.unreader.take_buffered())
            return
        super().finish_request(conn, fs)

    def handle(self, conn: TConn) -> Any:
        data = bytes(getattr(conn, "buffered", b""))
        if data:
            conn.buffered = bytearray()
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(data)
        return super().handle(conn)

    def handle_request(self, req: Any, conn: TConn) -> Any:
        if getattr(conn, "continue_sent", False):
            req._expected_100_continue = False  # already sent by the event loop
        # The body is here already; what is left is writing the answer: a client that does not
        # read it gets read_timeout seconds per send, not the worker forever.
        conn.sock.settimeout(self.read_timeout)
        self.running[conn] = (time.monotonic(), req.method, req.path)
        try:
            return super().handle_request(req, conn)
        finally:
            self.running.pop(conn, None)

    def _watchdog(self, now: float) -> None:
        """End the worker when a request has run past gunicorn's timeout, as the sync worker's
        master would: the worker_abort hook logs it, the master starts a new worker."""
        for conn, (started, method, path) in list(self.running.items()):
            if now - started > self.cfg.timeout:
                self.timed_out = (method, path, now - started)
                self.alive = False
                try:
                    self.cfg.worker_abort(self)
                    # The app has not answered (its answer is written when it returns): answer for it.
                    detail = f"The request took longer than the {self.cfg.timeout} s the service allows."
                    conn.sock.setblocking(False)
                    conn.sock.send(problem_bytes(503, detail))
                except OSError:
                    pass
                finally:
                    os._exit(1)


def available_cores(cgroup_root: str = "/sys/fs/cgroup") -> int:
    """The CPUs this process may use: its CPU quota (cgroup v2 ``cpu.max``, or v1
    ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``) rounded up, at most the CPUs it may run on.

    ``docker run --cpus 2`` on a 32-core host gives 2, not 32 (``os.cpu_count()``)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = _cgroup_quota(cgroup_root)
    if quota is not None:
        cpus = min(cpus, max(1, math.ceil(quota)))
    return max(1, cpus)


def _cgroup_quota(root: str) -> float | None:
    """CPUs of quota per period, or None for no quota (or no cgroup files)."""
    try:
        with open(os.path.join(root, "cpu.max"), encoding="ascii") as file:
            quota, _, period = file.read().strip().partition(" ")
        if quota == "max":
            return None
        return int(quota) / int(period or 100000)
    except (OSError, ValueError):
        pass
    try:
        with open(os.path.join(root, "cpu", "cpu.cfs_quota_us"), encoding="ascii") as file:
            quota_us = int(file.read())
        with open(os.path.join(root, "cpu", "cpu.cfs_period_us"), encoding="ascii") as file:
            period_us = int(file.read())
    except (OSError, ValueError):
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None
