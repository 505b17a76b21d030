"""Command line: ``python -m service {extract,serve,openapi}``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence

from .config import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="read articles from files (or stdin) and print JSON")
    ex.add_argument("files", nargs="*", help="article text files; none or '-' reads stdin")
    ex.add_argument("--published", help="publication date (YYYY-MM-DD or RFC 3339) for every file")
    commands.add_parser("serve", help="run the production server (gunicorn, gunicorn.conf.py)")
    commands.add_parser("openapi", help="print the OpenAPI document (YAML) for the current settings")

    args = parser.parse_args(argv)
    if args.command == "openapi":
        from .openapi import build_spec, dump_yaml

        sys.stdout.write(dump_yaml(build_spec(Settings.from_env())))
        return 0
    if args.command == "serve":
        conf = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gunicorn.conf.py")
        os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", conf, "service.wsgi:app"])
    return _extract(args.files or ["-"], args.published)


def _extract(paths: list[str], published_text: str | None) -> int:
    from schemas import AnalysisSchema

    from .extract import extract
    from .extract.published import parse_published

    published: dt.date | None = None
    if published_text:
        try:
            published = parse_published(published_text)
        except ValueError as exc:
            print(f"python -m service extract: --published {published_text!r}: {exc}", file=sys.stderr)
            return 2
    settings = Settings.from_env()
    schema = AnalysisSchema()
    status = 0
    many = len(paths) > 1
    for path in paths:
        try:
            text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"python -m service extract: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        if not text.strip():
            print(f"python -m service extract: {path}: empty text", file=sys.stderr)
            status = 1
            continue
        body = schema.dump(extract(text, published, model=settings.model))
        if many:
            print(json.dumps({"file": path, **body}, ensure_ascii=False))
        else:
            print(json.dumps(body, ensure_ascii=False, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
