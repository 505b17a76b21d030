"""The result of reading one article: plain dataclasses, no Flask, no spaCy.

Offsets everywhere are code-point offsets into the submitted text, so that
``text[start:end]`` is the span's text (Python ``str`` indexing); ``offsets.convert_offsets``
turns them into UTF-16 or UTF-8 offsets for other languages' clients.

Each extractor owns one section of :class:`Analysis` and the dataclasses that
section is made of. ``schemas/`` dumps these objects to JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

PublishedSource = Literal["request", "page", "dateline", "none"]  # "page": a web page's metadata
SECTIONS = ("entities", "quotes", "money", "dates")
QUOTE_OPTIONS = ("all", "direct")  # request option: every attribution, or only quotes in quotation marks


@dataclass(slots=True)
class Span:
    """A stretch of the submitted text."""

    text: str
    start: int
    end: int


# --- entities -----------------------------------------------------------------


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int
    kind: str = "proper"  # proper (a name), common (a nominal: "the company"), pronoun ("it")


@dataclass(slots=True)
class Entity:
    """One real-world thing, with every mention of it in the text."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE
    salience: float
    mentions: list[Mention] = field(default_factory=list)


# --- quotes -------------------------------------------------------------------


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: the span in the text that names them."""

    text: str
    start: int
    end: int
    entity: str | None = None  # id of the Entity this speaker refers to
    # "explicit" (the cue's subject names them), "pronoun"/"nominal" (resolved), "inferred"
    # (no cue; continues the previous speaker's turn)
    resolution: str = "explicit"
    # for a "pronoun" speaker ("it said", "who said"): the earlier phrase it refers to ("The UK defense
    # ministry"), named entity or not; an "inferred" speaker keeps its source speaker's antecedent
    antecedent: Span | None = None


@dataclass(slots=True)
class Quote:
    id: str
    text: str  # the quoted words, without the quotation marks
    start: int
    end: int
    # "direct", "partial", "scare" (scare quotes / titles: never attributed), "indirect" (reported speech:
    # the content of "X said that …", "according to X, …", "X's claim that …", no quotation marks)
    kind: str
    speaker: Speaker | None = None
    cue: Span | None = None
    confidence: float = 0.0
    said_on: str | None = None  # TIMEX3 value of the date that dates the cue ("said Monday")


@dataclass(slots=True)
class Source:
    """One speaker and the quotes attributed to them: who gets quoted, and how often (a roll-up of
    ``quotes``, written by the quote stage)."""

    entity: str | None  # id of the speaker's Entity; None for a speaker no entity names ("officials")
    name: str  # the entity's name, else the speaker's words ("the minister")
    type: str | None  # the entity's type (PERSON, ORG...); None without an entity
    quotes: list[str] = field(default_factory=list)  # ids of the quotes, in text order
    direct: int = 0
    partial: int = 0
    indirect: int = 0


# --- money --------------------------------------------------------------------


@dataclass(slots=True)
class AmountReading:
    """Another reading of a money figure's number, in another decimal convention."""

    amount: Decimal | None  # None for a range
    min: Decimal | None
    max: Decimal | None
    confidence: float
    convention: str  # "decimal_point" (1,234.56) or "decimal_comma" (1.234,56)


@dataclass(slots=True)
class Money:
    id: str
    text: str
    start: int
    end: int
    amount: Decimal | None  # exact; None for a range given only as min/max
    currency: str | None  # ISO 4217
    approximate: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    per_unit: str | None = None  # "share" for "$3.50 a share"
    conversion_of: str | None = None  # id of the Money this one converts ("kroner (€228 million)")
    alternatives: list[str] = field(default_factory=list)  # other currencies the context allowed
    # How sure the amount's reading is: 1.0 unless the number's format allowed two readings
    # ("€1.234": 1.234 or 1234), then the other reading is in amount_alternatives.
    amount_confidence: float = 1.0
    amount_alternatives: list[AmountReading] = field(default_factory=list)


# --- dates --------------------------------------------------------------------


@dataclass(slots=True)
class Event(Span):
    """The word of the event a date dates ("said" in "said Monday")."""

    kind: str  # "verb", "noun" ("a meeting on Tuesday") or "adjective" (the predicate of "was weak")
    quote: str | None = None  # id of the quote whose cue this word is


@dataclass(slots=True)
class DateRange:
    """A range written as one phrase ("July 13-15", "3-4pm"): the ids of its two end points, each an
    expression of its own (TIMEX3's beginPoint and endPoint)."""

    begin: str
    end: str


@dataclass(slots=True)
class TimeExpression:
    id: str
    text: str
    start: int
    end: int
    type: str  # TIMEX3: DATE, TIME, DURATION, SET
    value: str | None  # TIMEX3 value: 2023-05-01, 2023-W18, P14M, PRESENT_REF, XXXX-12-25 ...
    mod: str | None = None  # TIMEX3 mod: APPROX, START, END, MORE_THAN ...
    relative: bool = False  # the value depends on an anchor (publication date or a cue's date)
    resolved: bool = True  # False when relative and no anchor was available
    role: str = "event"  # "event", or "publication" for the dateline
    event: Event | None = None  # the event this expression dates
    range: DateRange | None = None  # set on both ends of a range ("July 13-15": T1 and T2)


# --- the whole result ------------------------------------------------------------


@dataclass(slots=True)
class StageWarning:
    """A stage that failed on this text (its section is returned empty, the others as usual), or a
    warning about the whole text (``section`` None): a language the pipeline does not read."""

    section: str | None
    code: str  # "stage_failed", "unsupported_language"
    message: str


@dataclass(slots=True)
class DetectedLanguage:
    """The language of the text, as the language detector sees it."""

    code: str  # ISO 639-1 ("en", "de"); "und" when the text has too few letters to tell
    confidence: float  # in [0, 1]


@dataclass(slots=True)
class Analysis:
    text: str
    published: dt.date | None
    published_source: PublishedSource
    dateline: Span | None = None  # where the publication date was read, when it came from the text
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # written with ``quotes``
    money: list[Money] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    model: dict[str, str] = field(default_factory=dict)
    warnings: list[StageWarning] = field(default_factory=list)
    offsets: str = "codepoint"  # the unit of every start/end: codepoint, utf16 or utf8
    language: DetectedLanguage | None = None
    # seconds of the spaCy pass ("parse"), the publication date and each stage, for metrics;
    # not part of the response
    timings: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    # request option read by the quotes stage: "all", or "direct" (no reported speech); not returned
    quote_kinds: str = "all"
