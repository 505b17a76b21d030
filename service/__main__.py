"""Command line: ``python -m service {extract,serve,openapi}`` (installed as ``newsfacts``).

``extract FILE...`` reads articles (``-`` or no file: standard input) with the same core as the
service and prints the result: one file as indented JSON, several as JSON Lines (one object per
file, with its ``file`` name), read together with ``nlp.pipe``; a progress bar goes to stderr.
Exit status: 0 when every file was read, 1 when some could not be (each reported on stderr as
``prog: FILE: reason``; the others are still printed), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .config import Settings
from .extract.model import SECTIONS

if TYPE_CHECKING:
    from .extract.markup import Markup

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _prog() -> str:
    return "newsfacts" if os.path.basename(sys.argv[0]) == "newsfacts" else "python -m service"


def _sections(value: str) -> tuple[str, ...]:
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [n for n in names if n not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"{value!r}: choose among {', '.join(SECTIONS)} (comma-separated)")
    return names


def _date(value: str) -> dt.date:
    from .extract.published import parse_published

    try:
        return parse_published(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r}: {exc}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_prog(), description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = commands.add_parser("extract", help="read articles from files (or stdin) and print JSON")
    ex.add_argument("files", nargs="*", metavar="FILE", help="article text files (UTF-8); none or '-': stdin")
    ex.add_argument("--published", type=_date, help="publication date of every file (YYYY-MM-DD or RFC 3339)")
    ex.add_argument(
        "--include", type=_sections, default=SECTIONS, help="sections to compute, comma-separated"
    )
    ex.add_argument(
        "--offsets",
        choices=("codepoint", "utf16", "utf8"),
        default="codepoint",
        help="unit of start/end: code points (Python), UTF-16 units (JavaScript), UTF-8 bytes",
    )
    ex.add_argument(
        "--quotes",
        choices=("all", "direct"),
        default="all",
        help="direct: no reported speech (kind indirect)",
    )
    ex.add_argument(
        "--format",
        choices=("auto", "text", "html"),
        default="auto",
        help="html: web pages (their text is read; offsets index the HTML); auto (default): html for "
        ".html/.htm files, else text",
    )
    output = ex.add_mutually_exclusive_group()
    output.add_argument("--jsonl", action="store_true", help="JSON Lines even for one file")
    output.add_argument("--pretty", action="store_true", help="indented JSON even for several files")
    progress = ex.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help="progress bar on stderr (default: for several files, on a terminal)",
    )
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar")

    serve = commands.add_parser("serve", help="run the production server (gunicorn, gunicorn.conf.py)")
    serve.add_argument("--bind", help="address to listen on (default: NEWSFACTS_BIND, 0.0.0.0:8080)")
    serve.add_argument(
        "--workers", type=int, help="worker processes (default: NEWSFACTS_WORKERS, one per core)"
    )
    commands.add_parser("openapi", help="print the OpenAPI document (YAML) for the current settings")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "openapi":
        from .openapi import build_spec, dump_yaml

        sys.stdout.write(dump_yaml(build_spec(Settings.from_env())))
        return EXIT_OK
    if args.command == "serve":
        return _serve(args.bind, args.workers)
    paths: list[str] = args.files or ["-"]
    if paths.count("-") > 1:
        print(f"{_prog()}: standard input ('-') can be read only once", file=sys.stderr)
        return EXIT_USAGE
    many = len(paths) > 1
    jsonl = args.jsonl or (many and not args.pretty)
    show_progress = args.progress if args.progress is not None else (many and sys.stderr.isatty())
    try:
        return _extract(
            paths,
            args.published,
            args.include,
            jsonl=jsonl,
            show_progress=show_progress,
            offsets=args.offsets,
            quotes=args.quotes,
            text_format=args.format,
        )
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as shell tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _serve(bind: str | None, workers: int | None) -> int:
    if bind:
        os.environ["NEWSFACTS_BIND"] = bind
    if workers is not None:
        os.environ["NEWSFACTS_WORKERS"] = str(workers)
    conf = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gunicorn.conf.py")
    if not os.path.isfile(conf):
        print(
            f"{_prog()}: serve runs gunicorn with the repository's gunicorn.conf.py, not found at {conf}: "
            "install newsfacts from a clone with `pip install -e .`, or run "
            "`gunicorn -c gunicorn.conf.py` there",
            file=sys.stderr,
        )
        return EXIT_USAGE
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", conf, "service.wsgi:app"])


def read_article(path: str) -> str:
    """The text of ``path`` (``-``: stdin), UTF-8 with an optional byte order mark.

    Raises OSError (with ``strerror``) or ValueError with a message for the user.
    """
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as file:
            raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise ValueError("empty text")
    return text


def _is_html(path: str, text_format: str) -> bool:
    if text_format == "auto":
        return path.lower().endswith((".html", ".htm"))
    return text_format == "html"


def _extract(
    paths: list[str],
    published: dt.date | None,
    include: tuple[str, ...],
    *,
    jsonl: bool,
    show_progress: bool,
    offsets: str = "codepoint",
    quotes: str = "all",
    text_format: str = "auto",
) -> int:
    """Read every file with ``nlp.pipe``; print each result as soon as it is ready."""
    from tqdm import tqdm

    from schemas import AnalysisSchema

    from .extract import extract_each
    from .extract.markup import anchor_of, as_asked, page_text
    from .extract.offsets import convert_offsets

    prog = _prog()
    schema = AnalysisSchema()
    failed = 0
    bar = tqdm(total=len(paths), file=sys.stderr, unit="file", disable=not show_progress, dynamic_ncols=True)
    read: list[str] = []  # the paths fed to the pipeline, in order
    pages: list[Markup | None] = []  # for each, the HTML it was read from (None: plain text)

    def fail(path: str, reason: str) -> None:
        nonlocal failed
        failed += 1
        bar.write(f"{prog}: {path}: {reason}", file=sys.stderr)
        bar.update()

    def articles() -> Iterator[tuple[str, dt.date | None]]:
        for path in paths:
            try:
                text = read_article(path)
                # UnreadableMarkup (no text, or HTML the parser gives up on) is a ValueError
                page = page_text(text) if _is_html(path, text_format) else None
            except OSError as exc:
                fail(path, exc.strerror or str(exc))
                continue
            except ValueError as exc:
                fail(path, str(exc))
                continue
            read.append(path)
            pages.append(page)
            yield (page.text if page else text), anchor_of(page, published)

    model = Settings.from_env().model
    for i, outcome in enumerate(extract_each(articles(), model=model, include=include, quotes=quotes)):
        path = read[i]
        if isinstance(outcome, Exception):
            first_line = (str(outcome).strip().splitlines() or [""])[0]
            fail(path, f"extraction failed: {type(outcome).__name__}: {first_line}")
            continue
        outcome = as_asked(pages[i], outcome, published)
        body: dict[str, Any] = schema.dump(convert_offsets(outcome, offsets))
        if jsonl:
            sys.stdout.write(json.dumps({"file": path, **body}, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
        bar.update()
    bar.close()
    return EXIT_FAILED if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
