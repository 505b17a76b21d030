"""Absolute dates in numeric layouts the rule tables leave to dateparser.

The grammar's own rules read the layouts news uses most (``2 May 2023``, ``May 2, 2023``,
``5/2/2023``, ISO). Layouts whose field order depends on the writer's locale, dotted
``02.05.2023`` and year-first ``2023/05/02``, are handed to dateparser, which knows those
orders, as an isolated string: with ``RELATIVE_BASE`` set to the anchor (never the clock) and no
``PREFER_DATES_FROM``. Its whole-text ``search_dates`` is not used: it finds dates in ordinary
words ("we" -> Wednesday).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

# dateparser's period names -> how many ISO characters of the date the value keeps
_PERIOD_WIDTH = {"day": 10, "month": 7, "year": 4}


@functools.lru_cache(maxsize=8)
def _parser(order: str, base: dt.date) -> Any:
    from dateparser.date import DateDataParser  # imported on first use: ~0.1 s

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "DATE_ORDER": order,
        "STRICT_PARSING": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)  # ~1 ms a string: a document repeating a date pays once
def parse_absolute(text: str, order: str, anchor: dt.date | None) -> str | None:
    """The TIMEX3 value (``2023-05-02``, ``2023-05``) of an isolated date string, or None.

    ``order`` is dateparser's ``DATE_ORDER`` ("DMY" for dotted dates, "YMD" for year-first);
    the anchor only fills what the string leaves out and is never needed for a full date.
    """
    data = _parser(order, anchor or dt.date(2000, 1, 1)).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    width = _PERIOD_WIDTH.get(data.period or "day", 10)
    return data.date_obj.date().isoformat()[:width]
