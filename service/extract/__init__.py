"""The NLP core: a plain function from article text (+ publication date) to an Analysis.

No Flask here. Use it as a library::

    from service.extract import extract
    result = extract(text, published=datetime.date(2023, 5, 2))

One spaCy pass parses the text; then each stage reads the parsed ``Doc`` and
what earlier stages found: entities, then quotes (speakers link to
entities), then money, then dates (which also date the quotes' cues).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from . import dates, entities, money, quotes
from .model import SECTIONS, Analysis
from .pipeline import DEFAULT_MODEL, describe, load_pipeline
from .published import resolve_published

__all__ = [
    "SECTIONS",
    "Analysis",
    "analyse_doc",
    "count_tokens",
    "extract",
    "extract_each",
    "extract_many",
    "unneeded_components",
    "warm_up",
]

Stage = Callable[[Doc, Analysis], list]  # type: ignore[type-arg]

# (section, stage): run in this order; each fills its own section of the Analysis.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("entities", entities.extract_entities),
    ("quotes", quotes.extract_quotes),
    ("money", money.extract_money),
    ("dates", dates.extract_dates),
)
# nlp.pipe batches: parsing 32-64 news articles together is ~1.5x faster than one by one with
# en_core_web_sm (bench/benchmark.py); the character cap bounds a batch's memory.
BATCH_SIZE = 64
BATCH_CHARS = 100_000
# What a section needs from earlier stages when it is asked for alone.
_NEEDS = {"quotes": {"entities"}, "dates": {"quotes", "entities"}}
# The spaCy components a section's stage reads, for sections that need fewer than all of them.
# money reads only the text and doc.ents (GPE/NORP for the currency's country); en_core_web_sm's
# ner has its own tok2vec, so the tagger, parser and lemmatizer can be skipped (about half the
# parse time). entities, quotes and dates read tags, lemmas, the parse and sentences: everything.
_COMPONENTS: dict[str, frozenset[str]] = {"money": frozenset({"ner"})}


def extract(
    text: str,
    published: dt.date | None = None,
    *,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = SECTIONS,
    timings: dict[str, float] | None = None,
) -> Analysis:
    """Read one article. ``published`` anchors relative dates; when None, a dateline is used.

    ``timings``, when given, receives the seconds spent in the spaCy pass (``"parse"``) and in
    each stage (by section name), for the caller to report (the service's metrics).
    """
    nlp = load_pipeline(model)
    wanted = tuple(include)
    started = time.perf_counter()
    doc = nlp(text, disable=unneeded_components(nlp, wanted))
    if timings is not None:
        timings["parse"] = time.perf_counter() - started
    return analyse_doc(doc, published, include=wanted, model_info=_model_info(model), timings=timings)


def count_tokens(text: str, model: str = DEFAULT_MODEL) -> int:
    """How many tokens spaCy makes of ``text`` (the tokenizer alone: ~1 ms per 1,000 characters)."""
    return len(load_pipeline(model).make_doc(text))


def extract_many(
    items: Iterable[tuple[str, dt.date | None]],
    *,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = SECTIONS,
    batch_size: int = BATCH_SIZE,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Analysis]:
    """Read many articles with ``nlp.pipe``; yields one Analysis per item, in order."""
    limits = {"batch_size": batch_size, "batch_chars": batch_chars}
    for outcome in extract_each(items, model=model, include=include, **limits):
        if isinstance(outcome, Exception):
            raise outcome
        yield outcome


def extract_each(
    items: Iterable[tuple[str, dt.date | None]],
    *,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = SECTIONS,
    batch_size: int = BATCH_SIZE,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Analysis | Exception]:
    """Like :func:`extract_many`, but an article whose extraction fails yields its exception in its
    place instead of ending the run: one bad document in a batch or a backfill spoils only itself.

    spaCy parses up to ``batch_size`` articles together, fewer when they would pass ``batch_chars``
    characters in all: a batch's memory grows with its text (about 3.5 kB per character with
    en_core_web_sm), so a batch of long articles is cut short."""
    nlp = load_pipeline(model)
    wanted = tuple(include)
    info = _model_info(model)
    disable = unneeded_components(nlp, wanted)
    for group in _batches(items, batch_size, batch_chars):
        for doc, published in nlp.pipe(group, as_tuples=True, batch_size=len(group), disable=disable):
            try:
                yield analyse_doc(doc, published, include=wanted, model_info=info)
            except Exception as exc:  # noqa: BLE001 - reported in the document's place by the caller
                yield exc


def _batches(
    items: Iterable[tuple[str, dt.date | None]], size: int, chars: int
) -> Iterator[list[tuple[str, dt.date | None]]]:
    """``items`` in consecutive groups of at most ``size`` items and ``chars`` characters (or one item)."""
    group: list[tuple[str, dt.date | None]] = []
    total = 0
    for item in items:
        if group and (len(group) >= size or total + len(item[0]) > chars):
            yield group
            group, total = [], 0
        group.append(item)
        total += len(item[0])
    if group:
        yield group


def unneeded_components(nlp: Language, include: Iterable[str]) -> list[str]:
    """Names of the pipeline components that no stage needed for ``include`` reads (to skip them)."""
    needed: set[str] = set()
    for section in _closure(include):
        if section not in _COMPONENTS:
            return []
        needed |= _COMPONENTS[section]
    return [name for name in nlp.pipe_names if name not in needed]


def analyse_doc(
    doc: Doc,
    published: dt.date | None = None,
    *,
    include: Iterable[str] = SECTIONS,
    model_info: dict[str, str] | None = None,
    timings: dict[str, float] | None = None,
) -> Analysis:
    """Run the extractors over an already parsed Doc; ``timings`` (optional) gets each stage's seconds."""
    text = doc.text  # Doc.text joins every token anew on each access (O(n)): read it once
    anchor, source, dateline = resolve_published(text, published)
    result = Analysis(
        text=text,
        published=anchor,
        published_source=source,
        dateline=dateline,
        model={**(model_info or {}), "service_version": __version__},
    )
    asked = set(include)
    wanted = _closure(asked)
    for section, stage in STAGES:
        if section in wanted:
            started = time.perf_counter()
            setattr(result, section, stage(doc, result))
            if timings is not None:
                timings[section] = time.perf_counter() - started
    # Sections computed only as inputs to others are not returned.
    for section in wanted - asked:
        setattr(result, section, [])
    return result


# A sentence that takes every stage down its main paths (entities, a quote and its speaker, an
# ambiguous currency symbol, relative dates), so that their lazily loaded data gets loaded.
_WARM_UP = (
    "KYIV, May 2 (Reuters) - Denmark will donate 1.7 billion kroner ($249 million) next year, "
    '"the largest package yet," Ukrainian Defense Minister Oleksiy Reznikov said on Tuesday. '
    "The first tranche was agreed on 28.04.2023."  # loads dateparser's tables too
)


def warm_up(model: str = DEFAULT_MODEL) -> bool:
    """Load the pipeline and every stage's lazily loaded data (word lists, CLDR tables, regexes)
    now. Under gunicorn's ``preload_app`` this runs once in the master, so the forked workers share
    those pages instead of each loading its own copy on its first request (and that request is
    not slowed by the loading). Returns False, and logs why, if a stage failed: warming up is an
    optimisation, and the failure will show on the requests that meet it."""
    try:
        extract(_WARM_UP, dt.date(2023, 5, 2), model=model)
    except Exception:  # noqa: BLE001
        logging.getLogger(__name__).exception("warming up the extractors failed")
        return False
    return True


@functools.lru_cache(maxsize=4)
def _model_info(model: str) -> dict[str, str]:
    """``describe`` of the loaded pipeline, once per model (reading ``nlp.meta`` costs ~0.5 ms)."""
    return describe(load_pipeline(model))


def _closure(include: Iterable[str]) -> set[str]:
    wanted = set(include)
    for section in list(wanted):
        wanted |= _NEEDS.get(section, set())
    return wanted
