"""Worker memory against texts of new words: a real gunicorn (gunicorn.conf.py, 1 worker, no worker
recycling) on 127.0.0.1, sent ``--requests`` articles in which every third word is random (new).

    .venv/bin/python bench/vocab_memory.py                               # 5,000 requests, 10,000 characters
    .venv/bin/python bench/vocab_memory.py --requests 60 --chars 100000  # the issue's case

spaCy's vocabulary and string store keep every string they meet unless the parse runs in a memory
zone (``nlp.memory_zone()``): 60 requests of 100,000 characters took a worker from 205 to ~500 MB.
The other words are English news (the service refuses other languages). This prints the worker's
RSS after 20 ordinary articles, after a warm-up of ``--warmup`` random ones, and every tenth of the
run. The warm-up spends the one-time allowance by design: a worker reads without memory zones until
its vocabulary has grown by VOCAB_GROWTH_LIMIT (50,000) lexemes, and the attribute index's row cache
and spaCy's lemmatizer cache fill up to their limits (150 requests of 10,000 characters bring ~80,000
new words); that allowance is printed. The target is a growth of less than 10% from the warm-up to the
end: memory that stays flat however many new words come. Exit status 0 when it holds and every
request got 200.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import signal
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak import SENTENCES, Server, free_port, rss_kib  # noqa: E402


def random_text(rng: random.Random, chars: int) -> str:
    """English news sentences with every third word replaced by a random one (3-10 letters: almost all
    new): the text still reads as English (the service refuses other languages), its vocabulary is new."""
    english = " ".join(SENTENCES).split()
    words: list[str] = []
    size = 0
    while size < chars:
        if len(words) % 3 == 2:
            word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 10)))
        else:
            word = english[(len(words) - len(words) // 3) % len(english)]
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:chars]


def post(port: int, text: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        body = json.dumps({"text": text}).encode("utf-8")
        conn.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=5000, help="requests of random words (default 5000)")
    parser.add_argument("--chars", type=int, default=10_000, help="characters per request (default 10000)")
    parser.add_argument(
        "--warmup", type=int, default=150, help="random-word requests before the first RSS (default 150)"
    )
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn (finally) when timed out

    rng = random.Random(args.seed)
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"newsfacts-vocab-{port}.log"
    server = Server(port, 1, log)
    failed = 0
    try:
        server.wait_ready()
        (worker,) = server.wait_workers(1)
        ordinary = " ".join(SENTENCES)
        for _ in range(20):
            failed += post(port, ordinary) != 200
        before = rss_kib(worker)
        for _ in range(args.warmup):
            failed += post(port, random_text(rng, args.chars)) != 200
        start = rss_kib(worker)
        print(
            f"1 worker (pid {worker}); {args.requests} requests of {args.chars:,} random-word characters; "
            f"RSS after 20 ordinary articles {before / 1024:.1f} MiB, after {args.warmup} random ones "
            f"{start / 1024:.1f} MiB (the one-time allowance: {(start - before) / 1024:+.1f} MiB)",
            flush=True,
        )
        began = time.monotonic()
        step = max(1, args.requests // 10)
        for i in range(1, args.requests + 1):
            failed += post(port, random_text(rng, args.chars)) != 200
            if i % step == 0 or i == args.requests:
                rss = rss_kib(worker)
                print(
                    f"  after {i:>5}: RSS {rss / 1024:.1f} MiB ({(rss - start) / start * 100:+.1f}%), "
                    f"{time.monotonic() - began:.0f} s",
                    flush=True,
                )
        if server.workers() != [worker]:
            print(f"the worker was replaced during the run: see {log}")
            return 1
        end = rss_kib(worker)
    finally:
        server.stop()
    growth = (end - start) / start * 100
    print(f"RSS {start / 1024:.1f} -> {end / 1024:.1f} MiB ({growth:+.1f}%); failed requests: {failed}")
    ok = growth < 10 and failed == 0
    print("target (growth < 10%, no failed request):", "ok" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
