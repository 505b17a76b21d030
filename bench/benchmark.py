"""Speed and scale of newsfacts, measured side by side in one run on the same articles.

Not a test: it prints figures (and whether each meets its target) for a person to read. Run it on a
quiet machine; on a shared one the ratios are noisy (each is the best of several repeats).

    .venv/bin/python bench/benchmark.py ../shared/data/news-dev.jsonl ../shared/data/quotes-dev.jsonl
    .venv/bin/python bench/benchmark.py --quick --skip-http            # in-process parts only, briefly
    .venv/bin/python bench/benchmark.py --profile ../shared/data/news-dev.jsonl   # where our time goes

Articles: the sample articles ``seeds/*.txt`` plus the ``text`` of every line of the JSON Lines
files given as arguments (the annotated dev data; never copied into the repository).

What it measures (targets from issue 6):

1. our ``extract`` time per article / the bare spaCy pipeline's time on the same text (<= 1.10,
   issues 16 and 18), with each extractor's share. The bare pipeline is the model as ``spacy.load``
   gives it; ours differs in one way that changes no output — its attribute ruler matches by
   look-up (``service/extract/attribute_index.py``) — and the figures show both;
2. batch throughput (``extract_many``, ``nlp.pipe``) / one ``extract`` call per article (>= 1.3);
3. through gunicorn over HTTP: one request's latency / in-process ``extract`` time (<= 1.10); p50,
   p95, p99 latency and requests per second at 1, 2 and 8 concurrent clients from a second
   process: ``wrk`` when installed (Debian: ``apt-get install -y wrk``), else a Python
   multi-process client;
4. 2 workers / 1 worker throughput (>= 1.7 on 2 cores) and memory of 2 preloaded workers / 1
   (<= 1.5), from /proc/<pid>/smaps_rollup: PSS splits each copy-on-write page shared by the
   master and its forked workers between them, so the sum of PSS is the memory really used
   (the sum of RSS counts the shared model once per process);
5. cost against article length (1k, 10k, 100k characters): time per character must stay flat.

Servers it starts listen on 127.0.0.1 only, on ``--port`` and the next one, and are stopped
before it exits (also on Ctrl-C).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import pstats
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import Pool, get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

from service.extract import STAGES, analyse_doc, extract, extract_many  # noqa: E402
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline  # noqa: E402

CONCURRENCY = (1, 2, 8)
LENGTHS = (1_000, 10_000, 100_000)


# --- articles ---------------------------------------------------------------------------------------


def load_articles(paths: Sequence[str], limit: int) -> list[str]:
    """Texts of ``seeds/*.txt`` and of each JSON Lines file in ``paths`` (at most ``limit`` in all)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    return [t for t in texts if t.strip()][:limit]


def text_of_length(texts: Sequence[str], n: int) -> str:
    """About ``n`` characters of real news: whole paragraphs of the articles, repeated if needed."""
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < n:
        for p in paragraphs:
            out.append(p)
            size += len(p) + 2
            if size >= n:
                break
    return "\n\n".join(out)[:n]


# --- timing -----------------------------------------------------------------------------------------


# The clock of the in-process measures (1, 2, 5): this process's CPU time by default, which other
# processes' load barely disturbs (the work is single-threaded); --clock wall for elapsed time.
# Measures over HTTP (3, 4) are elapsed time, always.
clock: Callable[[], float] = time.process_time


def best_of(repeats: int, fn: Callable[[], object], timer: Callable[[], float] | None = None) -> float:
    """The fastest of ``repeats`` runs of ``fn``, in seconds: the least disturbed by other load."""
    timer = timer or clock
    best = float("inf")
    for _ in range(repeats):
        start = timer()
        fn()
        best = min(best, timer() - start)
    return best


def stage_times(texts: Sequence[str], repeats: int) -> dict[str, float]:
    """Seconds per step over ``texts`` (best of ``repeats`` per article): the spaCy pass, the
    publication date, and each stage, run as ``analyse_doc`` runs them."""
    nlp = load_pipeline(DEFAULT_MODEL)
    totals = {"spacy": 0.0, "published": 0.0, **{stage.section: 0.0 for stage in STAGES}}
    for text in texts:
        best = {k: float("inf") for k in totals}
        for _ in range(repeats):
            t0 = clock()
            doc = nlp(text)
            best["spacy"] = min(best["spacy"], clock() - t0)
            timings: dict[str, float] = {}
            analyse_doc(doc, None, timings=timings)
            for name, seconds in timings.items():
                best[name] = min(best[name], seconds)
        for k, v in best.items():
            totals[k] += v
    return totals


def verdict(value: float, target: float, higher_is_better: bool) -> str:
    ok = value >= target if higher_is_better else value <= target
    return f"{'meets' if ok else 'MISSES'} target {'>=' if higher_is_better else '<='} {target}"


# --- 1, 2, 5: in process ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def stock_pipeline() -> Language:
    """The model exactly as ``spacy.load`` gives it (the service's own load indexes its attribute
    ruler: ``service/extract/attribute_index.py``): the baseline every ratio here is against."""
    return spacy.load(DEFAULT_MODEL)


def overhead(texts: Sequence[str], repeats: int) -> float:
    """Print extract / bare spaCy, per step; return the ratio."""
    stock, ours_nlp = stock_pipeline(), load_pipeline(DEFAULT_MODEL)
    for t in texts[:3]:  # warm up: lazy data loading, regex compilation
        extract(t)
        stock(t)
    bare = parse = ours = 0.0
    for t in texts:  # interleaved, so that all three meet the same background load
        runs = [
            (
                best_of(1, lambda t=t: stock(t)),
                best_of(1, lambda t=t: ours_nlp(t)),
                best_of(1, lambda t=t: extract(t)),
            )
            for _ in range(repeats)
        ]
        bare += min(r[0] for r in runs)
        parse += min(r[1] for r in runs)
        ours += min(r[2] for r in runs)
    ratio = ours / bare
    chars = sum(map(len, texts))
    print(f"\n1. Overhead over the bare spaCy pipeline ({len(texts)} articles, {chars} characters)")
    print(f"   bare spacy.load(model)(text): {bare * 1000 / len(texts):8.1f} ms/article")
    print(
        f"   our spaCy pass:               {parse * 1000 / len(texts):8.1f} ms/article"
        "  (indexed attribute ruler)"
    )
    print(f"   extract(text):                {ours * 1000 / len(texts):8.1f} ms/article")
    print(f"   extract / our spaCy pass {ours / parse:.3f} (the stages' own cost)")
    print(f"   ratio {ratio:.3f}  ({verdict(ratio, 1.10, False)})")
    steps = stage_times(texts, repeats)
    print("   where the time goes (best of repeats, summed over articles):")
    for name, seconds in sorted(steps.items(), key=lambda kv: -kv[1]):
        share = seconds / steps["spacy"]
        print(f"     {name:<10} {seconds * 1000 / len(texts):8.2f} ms/article  {share:6.1%} of spaCy")
    return ratio


def batching(texts: Sequence[str], repeats: int) -> float:
    """Print batch / sequential throughput; return the ratio."""
    items = [(t, None) for t in texts]
    sequential = best_of(repeats, lambda: [extract(t) for t in texts])
    batched = best_of(repeats, lambda: list(extract_many(items)))
    ratio = sequential / batched
    print(f"\n2. Batch (nlp.pipe) against one call per article ({len(texts)} articles)")
    print(f"   sequential: {len(texts) / sequential:7.1f} articles/s")
    print(f"   batch:      {len(texts) / batched:7.1f} articles/s")
    print(f"   ratio {ratio:.3f}  ({verdict(ratio, 1.3, True)})")
    return ratio


def scaling(texts: Sequence[str], repeats: int) -> float:
    """Print cost per 1k characters at each length; return the growth of that cost, longest / shortest."""
    nlp = stock_pipeline()
    print("\n5. Cost against article length (time per 1,000 characters should stay flat)")
    print(
        f"   {'chars':>8} {'spaCy ms':>10} {'extract ms':>11} {'ms/1k':>8} {'ratio':>6} {'peak MiB':>8}"
        "  slowest step"
    )
    per_k: list[float] = []
    for n in LENGTHS:
        text = text_of_length(texts, n)
        r = max(1, repeats if n < 50_000 else repeats // 2)
        bare = best_of(r, lambda text=text: nlp(text))
        ours = best_of(r, lambda text=text: extract(text))
        steps = stage_times([text], 1)
        steps.pop("spacy")
        slow = max(steps, key=lambda k: steps[k])
        per_k.append(ours * 1000 / (n / 1000))
        print(
            f"   {n:>8} {bare * 1000:>10.1f} {ours * 1000:>11.1f} {per_k[-1]:>8.2f} {ours / bare:>6.2f}"
            f" {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>8.0f}"
            f"  {slow} {steps[slow] * 1000:.1f} ms"
        )
    growth = per_k[-1] / per_k[0]
    print("   (peak MiB: the process's peak RSS so far; the growth at 100k is what spaCy needs to parse it)")
    print(
        f"   cost per character, {LENGTHS[-1]} / {LENGTHS[0]} characters: {growth:.2f} "
        f"({verdict(growth, 1.5, False)}: linear is ~1, quadratic would be ~{LENGTHS[-1] // LENGTHS[0]})"
    )
    return growth


def profile(texts: Sequence[str], top: int, what: str) -> None:
    """Print the functions of our own code (service/, schemas/) that cost the most, under cProfile,
    over ``texts`` (``what`` says which)."""
    for t in texts[:3]:
        extract(t[:5000])
    profiler = cProfile.Profile()
    profiler.enable()
    for t in texts:
        extract(t)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    ours = [
        (key, row)
        for key, row in stats.stats.items()  # type: ignore[attr-defined]
        if f"{os.sep}service{os.sep}" in key[0] or f"{os.sep}schemas{os.sep}" in key[0]
    ]
    print(
        f"\nProfile (cProfile, {what}): our own functions by own time (tottime);"
        " cumtime includes what they call (spaCy attributes, regexes, dateparser...)"
    )
    print(f"   {'own ms':>8} {'cum ms':>8} {'calls':>8}  function")
    for (path, line, name), (_, calls, tottime, cumtime, _) in sorted(ours, key=lambda kv: -kv[1][2])[:top]:
        where = os.path.relpath(path, ROOT)
        print(f"   {tottime * 1000:>8.1f} {cumtime * 1000:>8.1f} {calls:>8}  {where}:{line} {name}")
    print(f"   (all profiled time, spaCy included: {total * 1000:.0f} ms)")


# --- 3, 4: over HTTP --------------------------------------------------------------------------------


@dataclass
class Load:
    clients: int
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


@contextmanager
def gunicorn(port: int, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    """A gunicorn master with ``workers`` preloaded workers on 127.0.0.1:``port``, stopped on exit."""
    env = {
        **os.environ,
        "NEWSFACTS_BIND": f"127.0.0.1:{port}",
        "NEWSFACTS_WORKERS": str(workers),
        "NEWSFACTS_LOG_LEVEL": "warning",
    }
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"gunicorn exited: {log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                    if r.status == 200 and len(children(proc.pid)) >= workers:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError(f"gunicorn on port {port} not ready after 180 s")
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memory(pid: int) -> dict[str, int]:
    """Rss, Pss and USS (private clean + dirty) of one process, in kB, from /proc/<pid>/smaps_rollup."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        m = re.match(r"(\w+):\s+(\d+) kB", line)
        if m:
            fields[m.group(1)] = int(m.group(2))
    uss = fields["Private_Clean"] + fields["Private_Dirty"]
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": uss}


def post(port: int, body: bytes, timeout: float = 120) -> float:
    """One POST /v1/extract; its latency in seconds."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/extract", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"status {response.status}")
    return time.perf_counter() - start


def _warm() -> None:
    from service.extract import warm_up

    warm_up()


def _time_extract(text: str) -> float:
    """Elapsed seconds of one ``extract(text)`` in this process."""
    return best_of(1, lambda: extract(text), time.perf_counter)


def _client(args: tuple[int, bytes, float]) -> tuple[list[float], int]:
    port, body, until = args
    latencies, errors = [], 0
    while time.monotonic() < until:
        try:
            latencies.append(post(port, body))
        except Exception:  # noqa: BLE001 - counted, as wrk counts them
            errors += 1
    return latencies, errors


def python_load(port: int, body: bytes, clients: int, seconds: float) -> Load:
    """``clients`` processes posting ``body`` back to back for ``seconds``."""
    until = time.monotonic() + seconds
    start = time.perf_counter()
    with Pool(clients) as pool:
        parts = pool.map(_client, [(port, body, until)] * clients)
    elapsed = time.perf_counter() - start
    latencies = sorted(x for lat, _ in parts for x in lat)
    if not latencies:
        return Load(clients, 0, elapsed, 0, 0, 0, sum(e for _, e in parts))

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    return Load(clients, len(latencies), elapsed, pct(50), pct(95), pct(99), sum(e for _, e in parts))


_WRK_SCRIPT = """\
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("NEWSFACTS_BENCH_BODY"), "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def wrk_load(port: int, body: bytes, clients: int, seconds: float) -> Load:
    """``wrk`` with ``clients`` connections for ``seconds`` (its own latency percentiles)."""
    with tempfile.TemporaryDirectory() as tmp:
        script, body_file = Path(tmp) / "post.lua", Path(tmp) / "body.json"
        script.write_text(_WRK_SCRIPT)
        body_file.write_bytes(body)
        out = subprocess.run(
            [
                "wrk",
                "-t",
                str(min(clients, 2)),
                "-c",
                str(clients),
                "-d",
                f"{max(1, round(seconds))}s",
                "--timeout",
                "120s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}/v1/extract",
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "NEWSFACTS_BENCH_BODY": str(body_file)},
        ).stdout
    m = re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    if not m:
        raise RuntimeError(f"unexpected wrk output: {out}")
    n, duration_us, p50, p95, p99, socket_errors, status_errors = map(int, m.groups())
    return Load(clients, n, duration_us / 1e6, p50 / 1e6, p95 / 1e6, p99 / 1e6, socket_errors + status_errors)


def load(port: int, body: bytes, clients: int, seconds: float) -> Load:
    return (wrk_load if shutil.which("wrk") else python_load)(port, body, clients, seconds)


def http(texts: Sequence[str], port: int, seconds: float, samples: int) -> tuple[float, float, float]:
    """Print 3 and 4; return (latency ratio, 2/1 worker throughput, 2/1 worker memory)."""
    sample = texts[0]
    body = json.dumps({"text": sample}).encode()
    tool = "wrk" if shutil.which("wrk") else "a Python multi-process client (no wrk: apt-get install -y wrk)"
    print(f"\n3. Through gunicorn over HTTP (first article, {len(sample)} chars; load generator: {tool})")
    results: dict[int, dict[str, object]] = {}
    for workers, p in ((1, port), (2, port + 1)):
        with gunicorn(p, workers) as proc:
            for _ in range(3):
                post(p, body)  # warm up (the app loads its rule data before forking: see warm_up)
            # Alternate HTTP and in-process runs so that both meet the same background load.
            # In-process times come from a fresh, warmed-up process like the worker (this one has run
            # the other sections; its heap and garbage collector are busier).
            with get_context("spawn").Pool(1, initializer=_warm) as local:
                pairs = [(post(p, body), local.apply(_time_extract, (sample,))) for _ in range(samples)]
            single = statistics.median(h for h, _ in pairs)
            in_process = statistics.median(x for _, x in pairs)
            # Long enough for each client to finish a few requests even when they queue.
            runs = {
                c: load(p, body, c, max(seconds, 3 * single * c / workers + 1))
                for c in (CONCURRENCY if workers == 1 else (2 * workers, 8))
            }
            pids = [proc.pid, *children(proc.pid)]
            mem = {pid: memory(pid) for pid in pids}
        results[workers] = {"single": single, "runs": runs, "mem": mem, "pids": pids}
        if workers == 1:
            ratio = single / in_process
            print(
                f"   one request: {single * 1000:.1f} ms; in-process extract: {in_process * 1000:.1f} ms; "
                f"ratio {ratio:.3f} ({verdict(ratio, 1.10, False)})"
            )
        head = f"{'clients':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
        print(f"   {workers} worker(s): {head}")
        for c, r in runs.items():
            ms = f"{r.p50 * 1000:>8.1f} {r.p95 * 1000:>8.1f} {r.p99 * 1000:>8.1f}"
            print(f"   {'':>11}{c:>7} {r.rps:>7.2f} {ms} {r.errors:>6}")
    one, two = results[1], results[2]
    rps1 = max(r.rps for r in one["runs"].values())  # type: ignore[attr-defined]
    rps2 = max(r.rps for r in two["runs"].values())  # type: ignore[attr-defined]
    speedup = rps2 / rps1
    print(f"\n4. Two workers against one ({os.cpu_count()} cores here)")
    print(
        f"   throughput: 1 worker {rps1:.2f} req/s, 2 workers {rps2:.2f} req/s; ratio {speedup:.2f} "
        f"({verdict(speedup, 1.7, True)})"
    )
    totals = {}
    for workers, res in results.items():
        mem: dict[int, dict[str, int]] = res["mem"]  # type: ignore[assignment]
        master, *kids = res["pids"]  # type: ignore[misc]
        total = {k: sum(m[k] for m in mem.values()) for k in ("rss", "pss", "uss")}
        totals[workers] = total
        per_worker = ", ".join(f"{mem[k]['uss'] / 1024:.1f}" for k in kids)
        print(
            f"   {workers} worker(s), master + workers: RSS {total['rss'] / 1024:7.1f} MiB (shared pages "
            f"counted in every process), PSS {total['pss'] / 1024:7.1f} MiB, "
            f"USS {total['uss'] / 1024:7.1f} MiB; per worker USS {per_worker} MiB"
        )
    mem_ratio = totals[2]["pss"] / totals[1]["pss"]
    print(
        f"   memory, 2 workers / 1 by PSS: {mem_ratio:.2f} ({verdict(mem_ratio, 1.5, False)}); by RSS "
        f"(double counts the copy-on-write model): {totals[2]['rss'] / totals[1]['rss']:.2f}"
    )
    print(
        "   PSS divides each page among the processes sharing it (master and preloaded workers share the"
        " model's pages until written), so summed PSS is the pod's real footprint; USS is what a worker"
        " alone frees when it exits. Size the Kubernetes memory request from the 2-worker PSS total."
    )
    return ratio, speedup, mem_ratio


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="*", help="JSON Lines files of articles (a 'text' per line)")
    parser.add_argument("--limit", type=int, default=60, help="at most this many articles (default 60)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measure; the best counts")
    parser.add_argument("--seconds", type=float, default=10, help="duration of each load run (default 10)")
    parser.add_argument("--port", type=int, default=18600, help="gunicorn port; 2 workers use the next")
    parser.add_argument("--quick", action="store_true", help="few articles, one repeat, short load runs")
    parser.add_argument("--skip-http", action="store_true", help="in-process measures only (1, 2, 5)")
    parser.add_argument("--profile", action="store_true", help="profile our own code: its top costs")
    parser.add_argument(
        "--profile-long",
        type=int,
        default=30_000,
        metavar="CHARS",
        help="--profile also one text this long, where superlinear costs show (0: no)",
    )
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile (default 25)")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="in-process measures' clock: CPU time (default: robust to other load) or wall",
    )
    args = parser.parse_args(argv)
    global clock
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    if args.quick:
        args.limit, args.repeats, args.seconds = min(args.limit, 12), 1, min(args.seconds, 3)
    texts = load_articles(args.data, args.limit)
    print(
        f"{len(texts)} articles, {sum(map(len, texts))} characters; model {DEFAULT_MODEL}; "
        f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; in-process clock: {args.clock}"
    )
    if args.profile:
        profile(texts, args.top, f"{len(texts)} articles")
        if args.profile_long:
            long_text = text_of_length(texts, args.profile_long)
            profile([long_text], args.top, f"one text of {args.profile_long} characters")
        return 0
    summary = {
        "1. extract / bare spaCy (<= 1.10)": overhead(texts, args.repeats),
        "2. batch / sequential throughput (>= 1.3)": batching(texts, args.repeats),
    }
    if not args.skip_http:
        latency, speedup, mem = http(texts, args.port, args.seconds, 5 if args.quick else 15)
        summary["3. HTTP latency / in-process (<= 1.10)"] = latency
        summary["4. 2 / 1 worker throughput (>= 1.7)"] = speedup
        summary["4. 2 / 1 worker memory, PSS (<= 1.5)"] = mem
    summary["5. cost per char, 100k / 1k chars (~1)"] = scaling(texts, args.repeats)
    print("\nSummary")
    for name, value in summary.items():
        print(f"   {name:<45} {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
