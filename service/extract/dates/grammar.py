"""Finding temporal expressions in text: regex rules built from the date vocabulary.

Each rule is a compiled pattern plus a cheap check on the surrounding text (capitalised
month names, a preposition before a bare year). All rules run over the whole text (each
pass is linear); overlapping candidates are settled longest first. Modifier words just
before a candidate ("early", "the end of", "more than") are then taken into its span.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..regexscan import finditer_at_word_start, required_substrings, word_start_body, word_start_gate
from .lexicon import lexicon, parse_number, word_set


@dataclass
class Candidate:
    """A stretch of text a rule matched; ``groups`` are the rule's named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, Any]  # named groups of the rule: str, or None when the group did not take part
    mod_word: str | None = None  # a point or quantity modifier taken in front ("early")
    extra: dict[str, str] = field(default_factory=dict)
    range_end: Candidate | None = None  # the other end of a range this one begins ("July 13-15")


class Found:
    """A regex match made on the lower-cased text, read back from the original text."""

    __slots__ = ("m", "string")

    def __init__(self, m: re.Match[str], string: str) -> None:
        self.m = m
        self.string = string

    def group(self, name: str | int = 0) -> Any:  # str, or None for a group that took no part
        start, end = self.m.span(name)
        return None if start < 0 else self.string[start:end]

    def start(self, name: str | int = 0) -> int:
        return self.m.start(name)

    def end(self, name: str | int = 0) -> int:
        return self.m.end(name)

    def groupdict(self) -> dict[str, str | None]:
        return {name: self.group(name) for name in self.m.re.groupindex}


Check = Callable[[str, Found, "DateSpans"], bool]

# start of a word (not inside one, nor after an apostrophe or hyphen, except "mid-")
_WB = r"\b"
_WE = r"(?![\w])"  # end of a word
_YEAR = r"(?:1[6-9]|20)\d\d"


class DateSpans:
    """The spaCy DATE/TIME entity spans of the text, for cheap "is this inside one" checks."""

    def __init__(self, spans: Sequence[tuple[int, int]], nouns: Iterable[int] = ()) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.nouns = frozenset(nouns)  # start offsets of the tokens the parser tagged NOUN or PROPN

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][1] >= end


_PREV_WORD = re.compile(r"([\w'’]+)[^\w]{0,3}$")


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


def _name(m: Found, group: str, ents: DateSpans, abbreviated: bool = False, dated: bool = False) -> bool:
    """A month or weekday name: capitalised, or in lower case ("march 3", "on tuesday") when the
    parser read it as a noun (not "may" the modal, nor "march" the verb) and it is written in full,
    or ``abbreviated`` is allowed (next to a day or a year: "jan 1"). Between a day and a year
    ("9 may 1999", "apr 1, 2000": ``dated``) no verb fits, whatever the tagger says of lower-cased
    text."""
    value = m.group(group)
    if _capitalised(value):
        return True
    word = value.lower().rstrip(".")
    lex = lexicon()
    full = word in lex.weekdays and len(word) >= 6 or word in lex.months and (len(word) > 3 or word == "may")
    return (full or abbreviated) and (dated or m.start(group) in ents.nouns)


def _capitalised(value: str | None) -> bool:
    return bool(value) and value[0].isupper()  # type: ignore[index]


# --- checks -------------------------------------------------------------------------


def _check_month_day(text: str, m: Found, ents: DateSpans) -> bool:
    word_after_month = "dayw" in m.m.re.groupindex and m.group("dayw") and m.start("dayw") > m.start("month")
    if word_after_month and not m.group("year") and not _ORDINAL_DAY_END.match(text, m.end()):
        return False  # "in March the second round", "June first-time buyers"
    return (
        _name(m, "month", ents, abbreviated=True, dated=bool(m.group("year")))
        and 1 <= day_number(m.groupdict()) <= 31
    )


_ORDINAL_DAY_END = re.compile(
    r"(?=\s*(?:[.,;:)!?]|$)|\s+(?:at|in|and|or|to|when|with|for|as|after|before|from|this|next|last)\b)"
)


def _check_day_of_month(text: str, m: Found, ents: DateSpans) -> bool:
    """ "Tuesday the 19th", "the 15th of this month", and a bare "the 15th" after a word that
    introduces a date ("on the 15th", "by the 20th"), never "the 15th floor" (the pattern wants
    the phrase to end there) nor "finished the 15th"; a bare day is written in digits."""
    if not 1 <= day_number(m.groupdict()) <= 31:
        return False
    if m.group("wd"):
        return _name(m, "wd", ents)
    if m.group("mshift"):
        return True
    # alone, in digits or as a word from "tenth" on: "and the first to bear the family name" is no date
    written = bool(m.group("day")) or day_number(m.groupdict()) >= 10
    return written and _prev_word(text, m.start()) in word_set("day_of_month_cues")


def day_number(groups: dict[str, Any]) -> int:
    """The day of the month of a rule's ``day`` ("19", "19th") or ``dayw`` ("nineteenth") group."""
    if groups.get("day"):
        return int(groups["day"])
    word = re.sub(r"[\s-]+", " ", str(groups.get("dayw") or "").lower())
    return int(lexicon().table("day_ordinals").get(word, 0))


def _check_month_year(text: str, m: Found, ents: DateSpans) -> bool:
    return _name(m, "month", ents, abbreviated=True, dated=True)


_NEXT_CAP = re.compile(r"\s+[A-Z][a-z]")


def _check_month(text: str, m: Found, ents: DateSpans) -> bool:
    month = m.group("month")
    if not _name(m, "month", ents):
        return False
    ambiguous = month.lower().rstrip(".") in lexicon().table("ambiguous_months")
    if ambiguous and not _capitalised(month):
        return False  # "joined the march", "this march": the noun, unless a day or a year says otherwise
    if m.group("shift") or m.group("mid") or m.group("yshift"):
        return True
    cue = _prev_word(text, m.start()) in word_set("date_cues")
    if ambiguous:
        return cue or _month_as_modifier(text, m)
    if cue:
        return True
    # "April Glaspie": a capitalised word after it makes it a name.
    return not _NEXT_CAP.match(text, m.end()) and ents.covers(m.start(), m.end())


_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|last|next|a)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?!of\b|and\b|or\b|to\b|in\b)[a-z]{3,}")


def _month_as_modifier(text: str, m: Found) -> bool:
    """ "The March accession", "the May elections": a capitalised month between a determiner and a
    common noun."""
    return bool(
        _DETERMINER_BEFORE.search(text, max(0, m.start() - 6), m.start()) and _NOUN_AFTER.match(text, m.end())
    )


def _check_weekday(text: str, m: Found, ents: DateSpans) -> bool:
    return _name(m, "wd", ents)


def _check_month_named(text: str, m: Found, ents: DateSpans) -> bool:
    return not m.group("month") or _name(m, "month", ents, dated=bool(m.group("year")))


def _check_year(text: str, m: Found, ents: DateSpans) -> bool:
    if m.group("fiscal"):
        return True
    before = text[max(0, m.start() - 1) : m.start()]
    if before in ("$", "#", "€", "£", "/", ".") or text[m.end() : m.end() + 1] in ("-", "/"):
        return False
    if _prev_word(text, m.start()) in word_set("date_cues") or _YEAR_PREFIX.search(
        text, max(0, m.start() - 6), m.start()
    ):
        return True
    return ents.covers(m.start(), m.end())


def _check_short_year(text: str, m: Found, ents: DateSpans) -> bool:
    return _prev_word(text, m.start()) in word_set("date_cues") or ents.covers(m.start(), m.end())


def _check_holiday(text: str, m: Found, ents: DateSpans) -> bool:
    return _capitalised(m.group("holiday").split()[-1]) or _capitalised(m.group("holiday"))


def _check_season(text: str, m: Found, ents: DateSpans) -> bool:
    if m.group("shift") or m.group("year") or m.group("year2") or m.group("syear"):
        return True
    if m.group("season").lower() == "fall":
        return False
    season = text[m.start("season") : m.end("season")]
    if _capitalised(season) and _CAPITALISED_NEXT.match(text, m.end()):
        return False  # "the Summer Olympics", "the Spring Festival": a name
    prev = _prev_word(text, m.start())
    return prev in word_set("date_cues") or m.group(0).startswith("the") or ents.covers(m.start(), m.end())


_DAY_OK_BEFORE = frozenset(
    "for on during throughout through ended end ending closed close closing finished finish finishing "
    "started start opened open began begin of".split()
)
_FIXED_NEEDS = {
    "the present": ("at", "until", "to"),
}


def _check_relative_day(text: str, m: Found, ents: DateSpans) -> bool:
    phrase = re.sub(r"\s+", " ", m.group("rd").lower())
    spec = lexicon().table("relative_days")[phrase]
    if phrase == "today":
        if _capitalised(m.group("rd")) and _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            return False  # "USA Today", "VOA Today": a name
        noun = _GENITIVE_NOUN.match(text, m.end())
        if noun and noun.group(1).lower() in lexicon().table("generic_after_todays"):
            return False  # "today's youth": the present age, not the day
    if spec.get("needs") == "day_context":
        if _LATER_IN.search(text, max(0, m.start() - 20), m.start()):
            return True  # "later in the day": the day of the last date named
        return _prev_word(text, m.start()) in _DAY_OK_BEFORE and not re.match(
            r"\s+(?:of|when|that|before|after|he|she|they|it|we|I)\b", text[m.end() : m.end() + 10]
        )
    return True


_LATER_IN = re.compile(r"\b(?:late|later|early|earlier)\s+in\s+$", re.I)
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?\n])['’\"“”`]*\s*['’\"“”`]*$")
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<![.!?])\b[A-Z][\w&-]*\s+$")
_GENITIVE_NOUN = re.compile(r"['’]s\s+([a-z]+)")


def _check_then(text: str, m: Found, ents: DateSpans) -> bool:
    """ "until then", "by then": a point named before; a bare "then" is a discourse word."""
    return _prev_word(text, m.start()) in ("until", "till", "by")


def _check_fixed(text: str, m: Found, ents: DateSpans) -> bool:
    phrase = re.sub(r"\s+", " ", m.group("fixed").lower())
    if (
        phrase in lexicon().table("discourse_markers")
        and text.startswith(",", m.end())
        and _SENTENCE_OPEN.search(text, max(0, m.start() - 5), m.start())
    ):
        return False  # "Now, he says, ...": a discourse marker
    if phrase == "soon":
        cues = lexicon().table("soon_cues")
        after = _NEXT_WORD.match(text, m.end())
        ahead = after is not None and after.group(1).lower() in lexicon().table("soon_modals_after")
        return (_prev_word(text, m.start()) in cues or ahead) and not (
            after is not None and after.group(1).lower() in ("after", "as", "afterwards", "thereafter")
        )
    need = _FIXED_NEEDS.get(phrase)
    if need:
        return _prev_word(text, m.start()) in need
    return True


_NEXT_WORD = re.compile(r"\s+([\w']+)")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")


def _check_frequency(text: str, m: Found, ents: DateSpans) -> bool:
    if m.group("freq").lower() in lexicon().table("periodicals") and _CAPITALISED_NEXT.match(text, m.end()):
        return False  # "the Communist Party daily Granma": a newspaper
    if _capitalised(m.group("freq")) and not _SENTENCE_OPEN.search(text, max(0, m.start() - 6), m.start()):
        return False  # "NBC Nightly News": a name
    return _prev_word(text, m.start()) not in lexicon().table("frequency_stop_before")


def _check_bare_units(text: str, m: Found, ents: DateSpans) -> bool:
    if m.group(
        "ago"
    ):  # "years ago": some time in the past; not "Six months ago", which the duration rule reads
        return parse_number(_prev_word(text, m.start()).strip("'’")) is None
    return _prev_word(text, m.start()) in _BARE_UNITS_AFTER | word_set("bare_unit_verbs")


def _check_decade(text: str, m: Found, ents: DateSpans) -> bool:
    """ "the 90s" without its apostrophe is a decade, unless the sentence measures something else
    ("temperatures in the 70s")."""
    if len(m.group("dec")) != 2:
        return True
    before = text[max(0, m.start() - 60) : m.start()].lower()
    return not any(w in before.split() for w in word_set("decade_blockers"))


def _check_spoken_year(text: str, m: Found, ents: DateSpans) -> bool:
    """ "in two thousand eight" after a word that introduces a date; not "two thousand eight
    soldiers" (a count)."""
    return not m.group("rest2") or _prev_word(text, m.start()) in word_set("date_cues")


def _check_after_next(text: str, m: Found, ents: DateSpans) -> bool:
    return not m.group("wd") or _name(m, "wd", ents)


def _check_plural_days(text: str, m: Found, ents: DateSpans) -> bool:
    """ "meets on Mondays" (a name, capitalised); "closed at weekends", "on weekends"; not "two
    Fridays ago", "the past three Sundays" (a count of days)."""
    if parse_number(_prev_word(text, m.start())) is not None or _AGO_NEXT.match(text, m.end()):
        return False
    if m.group("wdp"):
        return _capitalised(m.group("wdp"))
    return _prev_word(text, m.start()) in _WEEKENDS_AFTER


_AGO_NEXT = re.compile(r"\s+ago\b", re.I)
_WEEKENDS_AFTER = frozenset(("on", "at", "during", "over", "most", "some", "all"))


_BARE_UNITS_AFTER = frozenset(("for", "in", "over", "within", "after", "than", "just", "only"))


_THE_YEAR_OK_BEFORE = frozenset("for in of during throughout through".split())


def _check_the_year(text: str, m: Found, ents: DateSpans) -> bool:
    """ "for the year", "in the fiscal year ended June 30": the year of the report, not any year."""
    return bool(m.group("ended")) or _prev_word(text, m.start()) in _THE_YEAR_OK_BEFORE


def _check_half(text: str, m: Found, ents: DateSpans) -> bool:
    """ "the first half", "the second half" stand alone in a report; "the last half", "the back half"
    count only with the year they divide ("the last half of 1989"), not "the last half of the game"."""
    named_year = m.group("year") or m.group("rel") or m.group("rel3")
    return bool(named_year) or m.group("ord").lower() in ("first", "second")


def _check_tagged(text: str, m: Found, ents: DateSpans) -> bool:
    """A bare "week" or "the morning" counts only where the tagger, too, saw a date or time, and not
    before "of" ("on the night of Oct. 23": the date that follows is the expression)."""
    if _OF_NEXT.match(text, m.end()):
        return False
    if _greeting(text, m):
        return False  # "Good evening from Central Park"
    unit = m.group("unit")
    if _capitalised(unit) and not _SENTENCE_OPEN.search(text, max(0, m.start() - 6), m.start()):
        return False  # "This Week" mid-sentence: the name of a programme
    if unit.lower() in lexicon().table("parts_of_day") and not m.group("dayref"):
        after = _NEXT_WORD_START.match(text, m.end())
        if after is not None and (after.start(1) in ents.nouns or after.group(1).lower() in ("when", "that")):
            # "state TV's morning talk show", "the evening news": a kind of thing, not a time; "the
            # night that the plane went down": a time named by its event, with no date to give
            return False
    return ents.covers(m.start("unit"), m.end("unit"))


_NEXT_WORD_START = re.compile(r"[^\S\n]+(\w+)")


_OF_NEXT = re.compile(r"\s+of\b")


@functools.cache
def _greetings() -> re.Pattern[str]:
    words = "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in lexicon().table("greetings"))
    return re.compile(rf"\b(?:{words})$", re.I)


def _greeting(text: str, m: Found) -> bool:
    return _greetings().search(text, max(0, m.start() - 20), m.end("unit")) is not None


_FRACTION_OF = re.compile(
    r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+)?(?:year|fiscal|\d{4})\b)"
    r"(?:the|its|his|her|their|our|all|a|an|total|every)\b"
)


def _check_duration(text: str, m: Found, ents: DateSpans) -> bool:
    """ "three-quarters of its food", "a quarter of the market": a fraction, not three months."""
    unit = m.group("unit").lower()
    ago = m.group("ago")
    if ago and _table_heading(text, m):
        return False
    return not (unit.startswith("quarter") and not ago and _FRACTION_OF.match(text, m.end()))


def _table_heading(text: str, m: Found) -> bool:
    """ "Week Ago 58,100 Year Ago 30,800" in a market table: a number before a column heading, not
    "58,100 years ago". Prose agrees the unit with its number ("a year ago", "3 years ago") and
    writes "ago" in lower case except at the start of a sentence."""
    num = parse_number(m.group("num"))
    singular = not m.group("unit").lower().endswith("s")
    if num is not None and num != 1 and singular and "-" not in m.group("sep"):
        return True
    opening = _SENTENCE_OPEN.search(text, max(0, m.start() - 6), m.start())
    return _capitalised(m.group("ago").strip()) and not opening


def _check_unit_shift(text: str, m: Found, ents: DateSpans) -> bool:
    """ "This Week", "Next Year" in title case mid-sentence are names (a TV programme), not dates."""
    unit = m.group("unit")
    return not (_capitalised(unit) and not unit.isupper() and _capitalised(m.group("shift")))


def _check_q(text: str, m: Found, ents: DateSpans) -> bool:
    """The letter of "Q3", "3Q24", "H1 2024" is a capital."""
    letter = text[m.start() + 1] if text[m.start()].isdigit() else text[m.start()]
    return letter in "QH"


def _check_month_quarter(text: str, m: Found, ents: DateSpans) -> bool:
    """Two capitalised months three apart that open a calendar quarter (January, April, July, October)."""
    lex = lexicon()
    first, last = (lex.months[m.group(g).lower()] for g in ("m1", "m2"))
    names = (text[m.start(g) : m.end(g)] for g in ("m1", "m2"))
    return first % 3 == 1 and last == first + 2 and all(_capitalised(n) for n in names)


def clock_hour(word: str) -> int:
    """The hour of "3", "three" in a spoken clock time."""
    return int(word) if word.isdigit() else lexicon().numbers.get(word.lower(), 99)


def _bare_hour(text: str, m: Found) -> bool:
    """An hour without minutes, a.m./p.m. or "o'clock" is a time only after "at" (or "by",
    "until") and beside a day: "at 9 tonight", "at 6 this morning", "tomorrow at 10"."""
    if not 1 <= clock_hour(m.group("h7")) <= 12 or _prev_word(text, m.start()) not in _BARE_HOUR_CUES:
        return False
    if m.group("dayref"):  # "at 9 tonight", "at 3 Monday afternoon"; not "stood at 5 yesterday"
        wd_ok = _capitalised(m.group("wdref")) if m.group("wdref") else True
        return wd_ok and (m.group("podref") is not None or m.group("dayref").lower() == "tonight")
    low = text.lower()
    if _DAY_PART_AFTER.match(low, m.end()):
        return True
    return bool(_DAY_BEFORE_AT.search(low, max(0, m.start() - 40), m.start())) and bool(
        _CLAUSE_END.match(low, m.end())
    )


_BARE_HOUR_CUES = frozenset(("at", "by", "until", "till"))
_DAY_PART_AFTER = re.compile(r"\s+(?:this|tomorrow|yesterday)\s+(?:morning|afternoon|evening)\b")
_DAY_BEFORE_AT = re.compile(
    r"\b(?:tonight|today|tomorrow|yesterday|morning|afternoon|evening|night)\s+(?:at|by|until|till)\s+$"
)
_CLAUSE_END = re.compile(r"(?=\s*(?:[.,;:)!?]|$|\s+(?:and|or|when|with|to|on|in|local|sharp)\b))")


def _check_clock(text: str, m: Found, ents: DateSpans) -> bool:
    if m.group("h6") is not None:  # "at 4 in the morning", "until 10 at night"; not "won 4 in the evening"
        return 1 <= clock_hour(m.group("h6")) <= 12 and _prev_word(text, m.start()) in word_set("clock_cues")
    spoken = m.group("h4") or m.group("h5")
    if spoken is not None:
        return 1 <= clock_hour(spoken) <= 12
    if m.group("h7") is not None:
        return _bare_hour(text, m)
    h = m.group("h") or m.group("h2") or m.group("h3")
    mi = m.group("mi") or m.group("mi2") or m.group("mi3")
    if h is not None and int(h) > 24:
        return False
    if mi is not None and int(mi) > 59:
        return False
    if m.group("h2") is not None and not (m.group("tz") or m.group("dayref")):
        # a bare "16:08" needs a time zone or a day, a word such as "at" before it, or a spaCy TIME entity
        return _prev_word(text, m.start()) in word_set("clock_cues") or ents.covers(m.start(), m.end())
    wd = m.group("wdref")
    return wd is None or _capitalised(wd)


# --- the rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]  # lower case: it runs on the lower-cased text
    check: Check | None = None
    needs: tuple[str, ...] = ()  # the rule can only match a text holding one of these
    required: tuple[str, ...] = ()  # the same, read from the pattern itself (``regexscan.py``)
    body: re.Pattern[str] | None = None  # the pattern without its leading ``\b``, for a faster scan
    gate: re.Pattern[str] | None = None  # or ``\W`` + that, for one


@dataclass(frozen=True)
class _Pieces:
    """Regex fragments shared by the rule families, built from the lexicon."""

    a: dict[str, str]
    month: str
    wd_opt: str
    clock: str
    dayref: str
    quarter_ord: str
    spoken: str
    full_weekday: str


Spec = tuple[str, str, Check | None]


def _pieces() -> _Pieces:
    a = lexicon().alt
    hours = _alternation_of(w for w, v in lexicon().numbers.items() if 1 <= v <= 12 and w not in ("a", "an"))
    month = rf"(?P<month>{a['month']})\.?"
    wd_opt = rf"(?:(?P<lead_wd>{a['weekday']}),?\s+)?"
    clock = (
        r"(?P<clock>(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
        rf"|(?P<h6>\d{{1,2}}|{hours})(?::(?P<mi6>\d\d))?\s+(?:in\s+the|at)\s+(?P<pod6>{a['part_of_day']})\b"
        r"|(?P<h2>\d{1,2}):(?P<mi2>\d\d)(?!\d)"
        rf"|(?P<h3>[0-2]\d)(?P<mi3>[0-5]\d)(?=\s+{a['timezone']}{_WE})"
        rf"|(?P<h4>\d{{1,2}}|{hours})\s+o['’]clock"  # "three o'clock"
        rf"|(?P<frac>half|(?:a\s+)?quarter)\s+(?P<fdir>past|to)\s+(?P<h5>\d{{1,2}}|{hours})"
        r"(?:\s+o['’]clock)?(?!\s*(?:%|percent|per\b|[mb]illion))"  # "half past two", "a quarter to five"
        r"|noon|midnight|midday"
        # a bare hour: "at 9 tonight", "tomorrow at 10" (_bare_hour)
        rf"|(?:(?<=at\s)|(?<=by\s)|(?<=until\s)|(?<=till\s))(?P<h7>\d{{1,2}}|{hours})(?![\w:%]|[.,]\d|\s*(?:percent|per\b)))"
    )
    dayref = (
        rf"(?:,?\s+(?P<dayref>(?:(?:(?P<wdshift>next|last|this)\s+)?(?P<wdref>{a['weekday']})|today|tonight|yesterday|tomorrow)"
        rf"(?:\s+(?P<podref>{a['part_of_day']}))?"  # "2:15 Monday morning"
        rf"|(?P<mref>{a['month']})\.?\s+(?P<dref>\d{{1,2}})(?:,?\s+(?P<yref>{_YEAR}))?))?"
    )
    quarter_ord = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
    spoken = rf"nineteen[-\s]+(?:{a['number']})"  # a year read aloud in broadcast transcripts
    full_weekday = _alternation_of(w for w in lexicon().weekdays if len(w) >= 6)
    return _Pieces(a, month, wd_opt, clock, dayref, quarter_ord, spoken, full_weekday)


# what may follow "the first half" that makes it a half of something else ("the last half hour")
_NOT_HALF_OF = (
    r"(?:hour|minute|second|day|week|month|century|decade|dozen|point|percent|mile|inning|time)s?\b"
)
_YSHIFT = r"(?:(?:\s+of)?\s+(?P<yshift>this|last|next)\s+year)"  # "July last year", "June of next year"


def _calendar_specs(p: _Pieces) -> list[Spec]:
    a = p.a
    month = p.month
    wd_opt = p.wd_opt
    spoken = p.spoken
    return (
        [
            (
                "iso",
                rf"(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:t(?P<hh>[0-2]\d):(?P<mm>[0-5]\d)"
                r"(?::[0-5]\d(?:\.\d+)?)?(?P<zone>z|[+-][0-2]\d:?[0-5]\d)?)?",
                None,
            ),
            # locale-ordered numeric layouts, read by dateparser (absolute.py)
            (
                "dotted_date",
                rf"(?:(?P<dmy>[0-3]?\d\.[01]?\d\.(?:{_YEAR}))|(?P<ymd>(?:{_YEAR})[/.][01]?\d[/.][0-3]?\d))(?![./]?\d)",
                None,
            ),
            (
                "month_day",
                rf"{wd_opt}{month}\s+(?:(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)))?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"|(?:the\s+)?(?P<dayw>{a['day_ordinal']})(?![-\w]))"  # "June first", "May the twenty-first"
                rf"(?:,?\s+(?P<year>{_YEAR})|{_YSHIFT})?(?!\d|:\d)",
                _check_month_day,
            ),
            (
                "day_month",
                rf"{wd_opt}(?:the\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?|(?P<dayw>{a['day_ordinal']})\s+of\s+)"
                rf"{month}(?:,?\s+(?P<year>{_YEAR})|{_YSHIFT})?",
                _check_month_day,
            ),
        ]
        + _nth_specs(p)
        + [
            (
                "weekday_week",
                rf"(?P<wd>{a['weekday']}),?\s+(?:of\s+)?(?P<wshift>next|last|this)\s+week",
                _check_weekday,
            ),
            (
                "day_of_month",
                rf"(?:(?P<wd>{a['weekday']}),?\s+)?the\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)|(?P<dayw>{a['day_ordinal']}))"
                r"(?:\s+of\s+(?P<mshift>this|next|last|the)\s+month"
                r"|(?=\s*(?:[.,;:)]|$)|\s+(?:at|in|and|or|to|when|with|for|as|after|before|from)\b))",
                _check_day_of_month,
            ),
            (
                "week_of",
                rf"the\s+week\s+of\s+{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>{_YEAR}))?(?!\d|:\d)",
                _check_month_day,
            ),
            (
                "month_year",
                rf"{month},?\s+(?:of\s+)?(?:(?P<year>{_YEAR})|(?P<syear>{spoken}))(?!\d)",
                _check_month_year,
            ),
            (
                "month",
                rf"(?:(?P<shift>last|next|this|this\s+past|this\s+coming|early|late|earlier\s+this|later\s+this)\s+"
                rf"|(?P<mid>mid-))?(?P<month>{a['full_month']})\.?{_YSHIFT}?",
                _check_month,
            ),
            ("numeric_date", r"(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])", None),
            (
                "weekday",
                r"(?:(?P<shift>last|next|this|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next"
                rf"|early|late|earlier|later)\s+)?(?P<wd>{a['weekday']})(?:\s+(?P<pod>{a['part_of_day']}))?",
                _check_weekday,
            ),
        ]
    )


def _day_and_clock_specs(p: _Pieces) -> list[Spec]:
    a = p.a
    clock = p.clock
    dayref = p.dayref
    return [
        (
            "day_beside",
            r"the\s+day\s+(?P<dir>before|after)\s+(?:(?P<shift>last|next|this\s+past|this\s+coming)\s+)?"
            rf"(?P<wd>{a['weekday']})",
            _check_weekday,
        ),
        ("then", r"then", _check_then),
        ("clock", rf"{clock}(?:\s+(?P<tz>{a['timezone']}){_WE})?{dayref}", _check_clock),
        ("relative_day", rf"(?P<rd>{a['relative_day']})", _check_relative_day),
        (
            "unit_shift",
            rf"(?:(?P<the>the)\s+)?(?P<shift>{a['shift']}|this\s+past|this\s+coming)\s+"
            r"(?P<fiscal>fiscal\s+|financial\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century)",
            _check_unit_shift,
        ),
        ("weekend", r"the\s+weekend", None),
        # "this time next week", "this time last year": the same day a unit away
        ("this_time", r"(?:at\s+)?this\s+time\s+(?P<shift>next|last)\s+(?P<unit>week|month|year)", None),
        (
            "after_next",
            rf"(?:the\s+)?(?:(?P<unit>week|weekend|month|year)|(?P<wd>{a['weekday']}))\s+"
            r"(?P<dir>after\s+next|before\s+last)",
            _check_after_next,
        ),
        (
            "tagged_unit",
            r"(?:the\s+)?(?:(?P<mid>mid-?))?(?P<unit>week|morning|afternoon|evening|night|overnight)"
            r"(?:\s+(?P<dayref>yesterday|today|tomorrow))?",
            _check_tagged,
        ),
        (
            "unit_edge",
            r"(?P<edge>(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close))\s+of\s+(?:the|this)\s+"
            r"(?P<unit>day|week|month|year|quarter|decade|century)",
            None,
        ),
        (
            "duration",
            r"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|final|latest|following|"
            r"remaining|same|initial|other|additional|further|ensuing|preceding)\s+)?"
            r"(?:(?P<half>half|a\s+quarter\s+of)\s+(?=an?\s))?"  # "half an hour", "a quarter of an hour"
            rf"(?P<num>(?!{_YEAR}[^\d,])(?:{a['number']})|{a['vague']})(?P<frac>\s+1/2|\s*½|\s+and\s+a\s+half)?(?:\s+(?P<more>more|additional|straight|consecutive|full|"
            r"long|successive|trading|business|working|calendar))?(?P<sep>[-\s]+)"
            rf"(?P<unit>{a['unit']})(?![\w-]*-old|-long|\s+old\b)(?P<andhalf>\s+and\s+a\s+half)?"
            r"(?P<orso>\s+or\s+so)?(?P<ago>\s+(?:ago|earlier|later|from\s+now|hence|back|previously))?",
            _check_duration,
        ),
        (
            "bare_units",
            r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?P<ago>\s+ago\b)?(?![\w-])",
            _check_bare_units,
        ),
        ("long", r"(?P<unit>decades|years|months|weeks|days|hours)-long", None),
        # "all day", "the whole week", "an entire year": one unit, as a length of time
        (
            "whole_unit",
            r"(?:all|(?:the|a|an)\s+(?:whole|entire))\s+(?P<unit>day|night|week|month|year)",
            None,
        ),
        (
            "year",
            rf"(?:(?P<fiscal>fiscal(?:\s+year)?|fy)\s*)?(?P<year>{_YEAR})(?!\s*(?:%|percent))(?![\d,.]\d)",
            _check_year,
        ),
        ("short_year", r"['’](?P<yy>\d\d)(?![\w'’])", _check_short_year),
    ] + _decade_and_quarter_specs(p)


def _period_specs(p: _Pieces) -> list[Spec]:
    a = p.a
    spoken = p.spoken
    return (
        [
            (
                "the_year",
                r"the\s+(?P<kind>full\s+|fiscal\s+|current\s+|latest\s+fiscal\s+|calendar\s+)?year"
                r"(?=(?P<ended>\s+(?:ended|ending|that\s+ended|to))?)",
                _check_the_year,
            ),
            ("year_end", r"(?P<the>the\s+)?year(?:-|\s+|['’]s\s+)end", None),
            ("that_year", r"that\s+(?:same\s+)?year", None),
            (
                "spoken_year",
                rf"nineteen[-\s]+(?P<rest>{a['number']})|the\s+year\s+two\s+thousand"
                rf"|two\s+thousand(?:\s+and)?\s+(?P<rest2>{a['number']})(?![-\s]+(?:hundred|thousand|\d))",
                _check_spoken_year,
            ),
            (
                "decade_word",
                r"the\s+(?:(?P<pm>early|late|mid)[-\s]?)?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|"
                r"eighties|nineties)",
                None,
            ),
            # "Q3", "Q3 2024", "Q3 '24", "3Q24"; "H1 2024", "1H24" (a half needs its year)
            (
                "q",
                rf"(?:q(?P<q>[1-4])(?:\s+(?P<year>{_YEAR})|\s*['’](?P<yy>\d\d))?"
                rf"|(?P<qf>[1-4])q\s*(?:(?P<year2>{_YEAR})|(?P<yy2>\d\d))){_WE}",
                _check_q,
            ),
            # "the April-June quarter", "the July-September period": a calendar quarter by its months
            (
                "month_quarter",
                rf"(?:the\s+)?(?P<m1>{a['full_month']})\s*[-–]\s*(?P<m2>{a['full_month']})(?:,?\s+(?P<year>{_YEAR}))?"
                r"\s+(?:quarter|period)(?!s)",
                _check_month_quarter,
            ),
            (
                "h",
                rf"(?:h(?P<h>[12])(?:\s+(?P<year>{_YEAR})|\s*['’](?P<yy>\d\d))"
                rf"|(?P<hf>[12])h\s*(?:(?P<year2>{_YEAR})|(?P<yy2>\d\d))){_WE}",
                _check_q,
            ),
            (
                "quarter_rel",
                r"(?:(?P<the>the|that)\s+|(?P<rel0>this|last\s+year['’]s)\s+)?(?:(?P<rel>latest|last|current|past|previous|"
                rf"prior|next|coming|same|recent|most\s+recent|just-ended|just\s+ended|year-ago|year-earlier|{_YEAR})\s+)?"
                r"(?:fiscal\s+)?(?:quarter(?!s)|(?<=latest\s)period)(?P<yago>\s+(?:a|one)\s+year\s+(?:ago|earlier))?"
                rf"(?=\s+(?:ended|ending)\s+(?P<qend>{a['month']})\b)?",  # "the quarter ended July 31"
                None,
            ),
            (
                "half",
                rf"(?:the\s+)?(?P<ord>{a['half_ordinal']})\s+half(?![-\s]+(?:an?\s+)?(?:{_NOT_HALF_OF}))"
                rf"(?:\s+of\s+(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year"
                r"|the\s+(?P<rel3>year)))?",
                _check_half,
            ),
            (
                "year_ago",
                r"(?:the\s+)?year-(?:ago|earlier)(?:\s+(?P<unit>quarter|period)"
                r"|\s+(?P<qord>first|second|third|fourth)[-\s]quarter)?",
                None,
            ),
            (
                "season",
                r"(?:the\s+(?=(?:early\s+|late\s+)?(?:\d{4}\s+)?(?:" + a["season"] + r")\b))?"  # "the summer"
                rf"(?:(?P<shift>last|next|this|this\s+past|this\s+coming|early|late)\s+)?(?:(?P<year2>{_YEAR})\s+)?"
                rf"(?P<season>{a['season']})(?:\s+(?:of\s+)?(?:(?P<year>{_YEAR})|(?P<syear>{spoken})))?",
                _check_season,
            ),
            (
                "holiday",
                r"(?:(?P<the>the)\s+)?(?:(?P<shift>last|next|this|this\s+past|this\s+coming)\s+)?"
                rf"(?P<holiday>{a['holiday']})(?:\s+(?P<year>{_YEAR}))?"
                r"(?:(?P<hwe>\s+(?:long\s+)?week[-\s]?end\b)|(?P<hwk>\s+week\b(?![-\s]?end)))?",
                _check_holiday,
            ),
            ("fixed", rf"(?P<fixed>{a['fixed']})", _check_fixed),
        ]
        + _recurring_specs(p)
    )


def _nth_specs(p: _Pieces) -> list[Spec]:
    """ "the first Tuesday of October", "the last day of the month", "the first week of June"."""
    a = p.a
    month = p.month
    return [
        (
            "nth_weekday",
            rf"(?:the\s+)?(?P<nth>{a['day_ordinal']}|last|1st|2nd|3rd|4th|5th)\s+(?P<wd>{a['weekday']})\s+(?:of|in)\s+"
            rf"(?:(?P<mshift>this|next|last|the)\s+month|{month}(?:,?\s+(?P<year>{_YEAR}))?)",
            _check_weekday,
        ),
        # "the last day of the month", "the first day of next year", "the last day of May"
        (
            "nth_day",
            r"(?:the\s+)?(?P<nth>first|last|final)\s+day\s+of\s+(?:(?P<mshift>this|next|last|the)\s+month"
            rf"|(?P<yshift>this|next|last|the)\s+year|{month}(?:,?\s+(?P<year>{_YEAR}))?)",
            _check_month_named,
        ),
        (
            "nth_week",
            rf"(?:the\s+)?(?P<nth>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+week\s+(?:of|in)\s+"
            rf"(?:(?P<mshift>this|next|last)\s+month|{month}(?:,?\s+(?P<year>{_YEAR}))?)",
            _check_month_named,
        ),
    ]


def _decade_and_quarter_specs(p: _Pieces) -> list[Spec]:
    a = p.a
    quarter_ord = p.quarter_ord
    return [
        (
            "decade",
            rf"(?P<the>the\s+)?(?:(?P<pm>early|late|mid)[-\s]?)?(?P<dec>(?:1[6-9]|20)\d0|['’]\d0|(?(the)\d0|(?!)))['’]?s{_WE}",
            _check_decade,
        ),
        ("century", rf"(?:the\s+)?(?P<ord>{a['ordinal']})[-\s]century", None),
        (
            "quarter",
            rf"(?:(?P<the>the|this)\s+)?(?:(?P<rel>this|last|next)\s+year['’]s\s+)?(?:(?P<year>{_YEAR})\s+)?"
            rf"(?:(?P<fiscal>fiscal)[-\s]+)?{quarter_ord}[-\s]quarters?"  # "the fiscal-first quarter"
            rf"(?:\s+of\s+(?:(?P<year2>{_YEAR})|(?P<rel2>this|last|next)\s+year|(?:the\s+)?fiscal\s+(?P<year3>{_YEAR})))?",
            None,
        ),
    ]


def _recurring_specs(p: _Pieces) -> list[Spec]:
    """SETs: "every Monday", "every other week", "twice a year", "on Mondays"."""
    a = p.a
    return [
        ("frequency", rf"(?P<freq>{a['frequency']})", _check_frequency),
        (
            "every",
            r"(?:(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<unit>day|night|week|weekend|month|quarter|year|decade|hour|minute)"
            rf"|(?P<wd>{a['weekday']})(?:\s+(?P<wdpod>morning|afternoon|evening|night)(?![\w'’]))?"
            rf"|(?P<month>{a['full_month']})|(?P<pod>morning|afternoon|evening)|(?P<season>{a['season']}))"
            rf"|every\s+(?P<num>{a['number']}|{a['vague']})\s+(?P<units>days|weeks|months|quarters|years|decades|hours|minutes))",
            None,
        ),
        # "twice a year", "once a month", "three times a week": a SET of the unit (TimeML's freq aside)
        (
            "times_per",
            rf"(?:once|twice|thrice|(?:{a['number']})\s+times)\s+(?:a|an|per|each|every)\s+"
            r"(?P<unit>day|night|week|month|quarter|year|decade|hour|minute)",
            None,
        ),
        ("weekdays_ago", rf"(?P<num>{a['number']})\s+(?P<wd>{p.full_weekday})s\s+ago", None),
        # "on Mondays", "at weekends": a weekday or the weekend that recurs
        (
            "plural_days",
            rf"(?:(?P<wdp>{p.full_weekday})(?:s|\s+(?P<pods>morning|afternoon|evening|night)s)|(?P<weekends>weekends))",
            _check_plural_days,
        ),
    ]


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every detection rule, compiled once, in priority order."""
    p = _pieces()
    specs = _calendar_specs(p) + _day_and_clock_specs(p) + _period_specs(p)
    compiled = [
        (name, re.compile(_one_line(_WB + pattern + (_WE if not pattern.endswith(_WE) else ""))), check)
        for name, pattern, check in specs
    ]
    return tuple(
        Rule(
            name,
            regex,
            check,
            _NEEDS.get(name, ()),
            required_substrings(regex),
            word_start_body(regex),
            word_start_gate(regex),
        )
        for name, regex, check in compiled
    )


# Substrings without which a rule cannot match: a whole-text `in` test skips it cheaply.
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("-",),
    "dotted_date": (".", "/"),
    "numeric_date": ("/",),
    "unit_edge": (" of ",),
    "weekend": ("weekend",),
    "after_next": ("after next", "before last"),
    "this_time": ("this time",),
    "the_year": ("year",),
    "year_end": ("year",),
    "that_year": ("that",),
    "spoken_year": ("nineteen", "thousand"),
    "decade_word": ("ies",),
    "decade": ("0s", "0's", "0’s"),
    "century": ("century",),
    "quarter": ("quarter",),
    "q": ("q",),
    "h": ("h",),
    "quarter_rel": ("quarter", "period"),
    "month_quarter": ("quarter", "period"),
    "half": ("half",),
    "year_ago": ("year-",),
    "short_year": ("'", "’"),
    "long": ("-long",),
    "whole_unit": ("all day", "all night", "all week", "all month", "all year", "whole", "entire"),
    "every": ("every", "each"),
    "nth_day": (" day of ",),
    "times_per": ("once a", "once per", "once e", "twice", "thrice", "times a", "times per", "times e"),
    "weekdays_ago": ("days ago",),
    "plural_days": ("days", "weekends", "mornings", "afternoons", "evenings", "nights"),
    "day_beside": ("day b", "day a"),
    "then": ("then",),
    "unit_shift": ("week", "month", "year", "quarter", "decade", "century"),
}


def _one_line(pattern: str) -> str:
    """Whitespace inside an expression never crosses a line break (a dateline is not part of a date)."""
    return (
        pattern.replace(r"[-\s]+", r"[-\t ]+")
        .replace(r"[-\s]?", r"[-\t ]?")
        .replace(r"[-\s]", r"[-\t ]")
        .replace(r"\s+", r"[^\S\n]+")
        .replace(r"\s*", r"[^\S\n]*")
    )


@functools.cache
def _mod_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    a = lexicon().alt
    point = re.compile(rf"{_WB}(?P<mod>{a['point_mod']})(?:\s+|-)$", re.I)
    quantity = re.compile(rf"{_WB}(?P<mod>{a['quantity_mod']})\s+$", re.I)
    return point, quantity


_NOT_RATE = frozenset(
    "within for in over after than about nearly almost under of to by at least more less".split()
)
_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:times|once|twice|percent|one|two|three|four|five|six|seven|eight|nine|ten|dozen|"
    r"hundred|thousand|million|billion))(?:\s+[\w-]+){0,3}\s+$",
    re.I,
)
_NO_POINT_MODS = frozenset(
    {
        "fixed",
        "duration",
        "bare_units",
        "long",
        "frequency",
        "every",
        "unit_edge",
        "decade",
    }
)


def _lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every offset (the few letters that lower to two are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _matches(rule: Rule, text: str, low: str, ents: DateSpans) -> list[Candidate]:
    out = []
    for match in finditer_at_word_start(rule.pattern, rule.body, low, rule.gate):
        m = Found(match, text)
        start = m.start()
        if m.end() == start:
            continue
        if start > 0 and text[start - 1] in "'’-" and not _prefix_ok(rule.name, text, start):
            continue  # inside "Hewlett-Packard", "o'clock", or after an apostrophe
        if rule.check is not None and not rule.check(text, m, ents):
            continue
        if rule.name == "duration" and m.group("num").lower() in ("a", "an") and not m.group("ago"):
            if (
                _RATE_BEFORE.search(text, max(0, start - 40), start)
                and _prev_word(text, start) not in _NOT_RATE
            ):
                continue  # "$1.76 a year", "four flights a week": a rate, not a period of time
        groups = m.groupdict()
        if rule.name == "duration":
            groups["before"] = _prev_word(text, start)  # "in three days"
        if groups.get("dayw"):
            groups["day"] = str(day_number(groups))  # "the first of March": day 1
        out.append(_tidy(Candidate(start, m.end(), rule.name, groups), m))
    return out


_YEAR_PREFIX = re.compile(r"(?:^|[^\w-])(?:pre|post)-$", re.I)
_NUMBER_DASH = re.compile(r"\d(?:st|nd|rd|th)?-$")
_MONTH_PREFIX = re.compile(r"(?:^|[^\w-])(?:early|late)-$", re.I)


def _prefix_ok(rule: str, text: str, start: int) -> bool:
    """ "mid-March" before anything; "post-1959", "pre-1990" before a year; "late-November"."""
    if text[max(0, start - 4) : start].lower() == "mid-":
        return True
    if rule == "month":
        return _MONTH_PREFIX.search(text, max(0, start - 7), start) is not None
    if rule in ("clock", "day_month") and _NUMBER_DASH.search(text, max(0, start - 4), start):
        return True  # the end of a range: "3-4pm", "13-15 August"
    return rule == "year" and _YEAR_PREFIX.search(text, max(0, start - 6), start) is not None


_AND_DAY = re.compile(
    r"\s+(?:and|or|&)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|on|when)\b)"
)


def _coordinated_days(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "on April 24 and 25": the second day is an expression of its own, in the same month."""
    extra = []
    for cand in cands:
        if cand.rule != "month_day" or cand.groups.get("year"):
            continue
        m = _AND_DAY.match(text, cand.end)
        if m and 1 <= int(m.group("day")) <= 31:
            groups = {**cand.groups, "day": m.group("day"), "lead_wd": None}
            extra.append(
                Candidate(m.start("day"), m.end("day"), "month_day", groups, extra={"coordinated": "yes"})
            )
    return extra


@functools.cache
def _day_after_clock() -> re.Pattern[str]:
    a = lexicon().alt
    short = _alternation_of(w for w in lexicon().weekdays if len(w) <= 4)
    return re.compile(
        rf"(?:\s+local\s+time)?,?\s+(?:on\s+)?(?:(?P<wd>{a['weekday']}{_WE}|{short}(?=,)),?\s*)?"
        rf"(?:(?P<month>{a['month']})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
        rf"(?:,?\s+(?P<year>{_YEAR}))?)?"
    )


def _alternation_of(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


@functools.cache
def _part_beside_clock() -> tuple[re.Pattern[str], re.Pattern[str]]:
    parts = _alternation_of(str(p) for p in lexicon().table("pm_parts_of_day"))
    before = re.compile(rf"\b{parts}\s+(?:at|around|about|by)\s+$")
    after = re.compile(rf"\s+(?:this\s+|in\s+the\s+|tomorrow\s+|yesterday\s+)?{parts}\b")
    return before, after


_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*$")


def _note_day_after_clock(text: str, low: str, cands: list[Candidate]) -> None:
    """ "at 6 p.m. local time on Friday", "at 7:30 PM on Fri, Sep 20": the clock time is on that day
    (both stay expressions). "this afternoon at 3:20": after noon. A clock time opening a line is a
    live-blog heading: the day of publication, not the last day the text named."""
    before, after = _part_beside_clock()
    for cand in (c for c in cands if c.rule == "clock"):
        if _LINE_START.search(text, max(0, cand.start - 10), cand.start):
            cand.extra["heading"] = "yes"
        if any(cand.groups.get(h) for h in ("h2", "h4", "h5", "h7")) and (
            before.search(low, max(0, cand.start - 25), cand.start) or after.match(low, cand.end)
        ):
            cand.extra["pm_part"] = "yes"
        if cand.groups.get("dayref"):
            continue
        m = _day_after_clock().match(low, cand.end)
        if m is None:
            continue
        if m.group("month") and _capitalised(text[m.start("month") : m.end("month")]):
            cand.extra["date_after"] = m.group("month")
            cand.extra["dom_after"] = m.group("day")
            if m.group("year"):
                cand.extra["year_after"] = m.group("year")
        elif m.group("wd") and _capitalised(text[m.start("wd") : m.end("wd")]):
            cand.extra["weekday_after"] = text[m.start("wd") : m.end("wd")]


def find_candidates(
    text: str, date_ents: Sequence[tuple[int, int]] = (), nouns: Iterable[int] = ()
) -> list[Candidate]:
    """Temporal expressions in ``text``, in text order, without overlaps.

    ``date_ents`` are spans a tagger marked DATE or TIME; they let a bare year or month count.
    ``nouns`` are the start offsets of tokens the parser tagged NOUN or PROPN: a month or weekday
    name in lower case counts only there.
    """
    ents = DateSpans(date_ents, nouns)
    found: list[Candidate] = []
    low = _lower_same_length(text)
    for rule in rules():
        if rule.needs and not any(n in low for n in rule.needs):
            continue
        if rule.required and not any(n in low for n in rule.required):
            continue
        found.extend(_matches(rule, text, low, ents))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))

    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in found:
        i = bisect.bisect_left(occupied, (cand.start, cand.start))
        clash = (i < len(occupied) and occupied[i][0] < cand.end) or (
            i > 0 and occupied[i - 1][1] > cand.start
        )
        if clash:
            continue
        bisect.insort(occupied, (cand.start, cand.end))
        taken.append(cand)
    taken.extend(_coordinated_days(text, taken))
    _note_day_after_clock(text, low, taken)
    taken.sort(key=lambda c: c.start)
    taken = _take_day_offsets(text, taken)
    _take_modifiers(text, taken)
    _take_edge_mods(text, taken)
    return taken


# rules whose every value is one calendar day: an offset in days before them moves that day
_DAY_RULES = frozenset(
    {"iso", "month_day", "day_month", "day_of_month", "numeric_date", "holiday", "weekday", "relative_day"}
)


# "a week from Monday", "two weeks from today": counted from a day named relative to the anchor
_FROM_RULES = frozenset({"weekday", "relative_day"})


@functools.cache
def _day_offset() -> re.Pattern[str]:
    number = lexicon().alt["number"]
    return re.compile(
        rf"(?:^|(?<=[^\w-]))(?:(?:the\s+)?(?P<day>day)|(?P<num>{number})\s+(?P<unit>days?|weeks?))"
        r"\s+(?P<dir>before|after|from)\s+$",
        re.I,
    )


def _take_day_offsets(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "the day after Thanksgiving", "two days before Christmas", "a week from Monday": one
    expression, the day moved by the offset (``extra["offset_days"]``). The duration the offset
    names ("two days") is no expression of its own then."""
    out: list[Candidate] = []
    for cand in cands:
        m = (
            _day_offset().search(text, max(0, cand.start - 40), cand.start)
            if cand.rule in _DAY_RULES
            else None
        )
        n = 1 if m and m.group("day") else parse_number(m.group("num")) if m else None
        if m and m.group("dir").lower() == "from" and (m.group("day") or cand.rule not in _FROM_RULES):
            n = None  # "ten days from May 3" is a stretch of time that starts then
        if m is None or not isinstance(n, int) or n < 1:
            out.append(cand)
            continue
        days = n * (7 if m.group("unit") and m.group("unit").lower().startswith("week") else 1)
        cand.extra["offset_days"] = str(-days if m.group("dir").lower() == "before" else days)
        cand.start = m.start()
        while out and out[-1].end > cand.start:
            out.pop()  # "two days" inside the offset
        out.append(cand)
    return out


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")


@functools.cache
def _abbreviations() -> frozenset[str]:
    lex = lexicon()
    words = {w for w in lex.months if len(w) <= 4 and w not in ("may", "june", "july")}
    words |= {w for w in lex.weekdays if len(w) <= 5}  # "April" is a whole word, "Thurs" is not
    return frozenset(words | {"a.m", "p.m", "st", "jr", "sr"})


def _tidy(cand: Candidate, m: Found) -> Candidate:
    """Trim what a pattern over-reaches: a sentence's full stop after "January", "the" before "14-month"."""
    text = m.string
    if text[cand.end - 1] == ".":
        last = _LAST_WORD.search(text, max(0, cand.end - 8), cand.end)
        if not last or last.group(1).lower() not in _abbreviations():
            cand.end -= 1
    if cand.rule == "holiday" and m.group("the") and not (m.group("hwe") or m.group("hwk")):
        # "the Easter holiday": "the" belongs to the noun after
        cand.start = m.start("shift") if m.group("shift") else m.start("holiday")
    if cand.rule == "bare_units" and m.group("ago") and _prev_word(text, cand.start) in _BARE_UNITS_AFTER:
        # "just months ago": TimeBank measures how little time has passed (PXM), not a past point
        cand.end, cand.groups["ago"] = m.end("unit"), None
    if cand.rule == "duration" and "-" in (m.group("sep") or "") and not m.group("rel"):
        cand.start = m.start("num")
    return cand


def _has_point_mod(cand: Candidate) -> bool:
    shift = (cand.groups.get("shift") or "").lower()
    return bool(cand.groups.get("pm") or cand.groups.get("mid")) or shift.startswith(("early", "late"))


def _take_modifiers(text: str, cands: list[Candidate]) -> None:
    """Extend candidates over a modifier word just before them ("early 2009", "more than a decade")."""
    point, quantity = _mod_patterns()
    prev_end = 0
    for cand in cands:
        lo = max(prev_end, cand.start - 30)
        if cand.rule in ("duration", "bare_units") or (cand.rule == "clock"):
            m = quantity.search(text, lo, cand.start)
            if m and not (
                m.group("mod").lower() == "over" and (cand.groups.get("the") or "").lower() == "the"
            ):
                cand.start, cand.mod_word = m.start(), m.group("mod")
        elif cand.rule not in _NO_POINT_MODS and not _has_point_mod(cand) and "offset_days" not in cand.extra:
            m = point.search(text, lo, cand.start)
            if m and not (cand.rule == "relative_day" and m.group("mod").lower().endswith(" in")):
                # "later in the day": TimeBank marks the day already named, not the stretch of it
                if not (_approximating(m.group("mod")) and _GENITIVE.match(text, cand.end)):
                    # but "get around Wednesday's ruling": the word belongs to the verb
                    cand.start, cand.mod_word = m.start(), m.group("mod")
        prev_end = cand.end


_GENITIVE = re.compile(r"['’]s\b")


def _approximating(word: str) -> bool:
    return lexicon().table("point_mods").get(re.sub(r"\s+", " ", word.lower())) == "APPROX"


@functools.cache
def _edge_mod_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    a = lexicon().alt
    return (
        re.compile(rf"[^\S\n]+(?P<mod>{a['trailing_mod']})\b", re.I),
        re.compile(rf"(?:^|(?<=[^\w-]))(?P<mod>{a['year_prefix_mod']})-$", re.I),
    )


def _take_edge_mods(text: str, cands: list[Candidate]) -> None:
    """Extend candidates over a modifier after them ("the next year or so", "1990 and beyond") or a
    prefix of a year ("post-1959"); ``extra["edge_mod"]`` keeps the word for the mod."""
    trailing, prefix = _edge_mod_patterns()
    for i, cand in enumerate(cands):
        limit = cands[i + 1].start if i + 1 < len(cands) else len(text)
        m = trailing.match(text, cand.end, limit)
        if m:
            cand.end, cand.extra["edge_mod"] = m.end(), m.group("mod")
        elif cand.rule == "year" and not cand.mod_word:
            m = prefix.search(text, max(0, cand.start - 6), cand.start)
            if m:
                cand.start, cand.extra["edge_mod"] = m.start(), m.group("mod")
