"""``python -m evaluation NAME PATH [options]``: run one scoring script."""

from __future__ import annotations

import importlib
import sys

NAMES = ("entities", "quotes", "money", "dates", "events")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in NAMES:
        print(f"usage: python -m evaluation {{{','.join(NAMES)}}} PATH [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(f"evaluation.{argv[0]}")
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
