"""The NLP core: a plain function from article text (+ publication date) to an Analysis.

No Flask here. Use it as a library::

    from service.extract import extract
    result = extract(text, published=datetime.date(2023, 5, 2))

One spaCy pass parses the text; then each stage reads the parsed ``Doc`` and
what earlier stages found: entities, then quotes (speakers link to
entities), then money, then dates (which also date the quotes' cues).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import functools
import itertools
import logging
import threading
import time
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from .language import detect_language, language_warning, unsupported
from .model import SECTIONS, Analysis, DetectedLanguage
from .pipeline import DEFAULT_MODEL, describe, load_pipeline
from .published import resolve_published
from .stages import STAGES, Stage, run_stages, unneeded_components

__all__ = [
    "SECTIONS",
    "STAGES",
    "Stage",
    "Analysis",
    "analyse_doc",
    "count_tokens",
    "detect_language",
    "extract",
    "extract_each",
    "extract_many",
    "unneeded_components",
    "warm_up",
]

# nlp.pipe batches: parsing 32-64 news articles together is ~1.5x faster than one by one with
# en_core_web_sm (bench/benchmark.py); the character cap bounds a batch's memory.
BATCH_SIZE = 64
BATCH_CHARS = 100_000


def extract(
    text: str,
    published: dt.date | None = None,
    *,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = SECTIONS,
    timings: dict[str, float] | None = None,
    language: DetectedLanguage | None = None,
    quotes: str = "all",
) -> Analysis:
    """Read one article. ``published`` anchors relative dates; when None, a dateline is used.
    ``quotes="direct"`` leaves reported speech (quotes of kind ``indirect``) out of the quotes section.
    ``language``: the text's, when the caller has detected it already (else it is detected here).

    ``timings``, when given, receives the seconds spent in the spaCy pass (``"parse"``) and in
    each stage (by section name), for the caller to report (the service's metrics).
    """
    nlp = load_pipeline(model)
    wanted = tuple(include)
    info = _model_info(model)
    # Past a growth of the shared vocabulary, a memory zone frees the strings and lexemes this text
    # added when the call ends: see _memory_zone.
    with _memory_zone(nlp):
        started = time.perf_counter()
        doc = nlp(text, disable=unneeded_components(nlp, wanted))
        parse = time.perf_counter() - started
        result = analyse_doc(
            doc, published, include=wanted, model_info=info, timings=timings, language=language, quotes=quotes
        )
        result.timings["parse"] = parse
        if timings is not None:
            timings["parse"] = parse
        return result


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
    quotes: str = "all",
) -> Iterator[Analysis]:
    """Read many articles with ``nlp.pipe``; yields one Analysis per item, in order."""
    limits = {"batch_size": batch_size, "batch_chars": batch_chars}
    for outcome in extract_each(items, model=model, include=include, quotes=quotes, **limits):
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
    quotes: str = "all",
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
        outcomes: list[Analysis | Exception] = []
        parse = 0.0
        with _memory_zone(nlp):  # see extract(): the batch's new strings are freed with it
            docs = nlp.pipe(group, as_tuples=True, batch_size=len(group), disable=disable)
            while True:
                started = time.perf_counter()
                parsed = next(docs, None)
                parse += time.perf_counter() - started
                if parsed is None:
                    break
                doc, published = parsed
                try:
                    outcomes.append(
                        analyse_doc(doc, published, include=wanted, model_info=info, quotes=quotes)
                    )
                except Exception as exc:  # noqa: BLE001 - reported in the document's place by the caller
                    outcomes.append(exc)
        for outcome in outcomes:  # the group is parsed together: each document gets its share
            if isinstance(outcome, Analysis):
                outcome.timings["parse"] = parse / len(group)
        yield from outcomes


# spaCy keeps every string and lexeme it meets in the pipeline's shared vocabulary. Ordinary news
# adds little, less and less (the 1,240 dev articles, 4.8M characters: +33,000 lexemes, +5.8 MiB),
# but text full of new words (random strings, encoded data) would grow a worker's memory without
# bound. spaCy's memory zone frees what a text added when its call ends, at a price of ~8% of the
# parse (steady state, 100 dev articles): so a process reads without zones until its vocabulary has
# grown by VOCAB_GROWTH_LIMIT lexemes since the pipeline was loaded (~10-50 MiB), and in zones from
# then on; gunicorn's worker recycling (max_requests) starts workers afresh now and then.
VOCAB_GROWTH_LIMIT = 50_000
# spaCy's memory zones are not thread-safe: two threads in zones of one shared vocabulary corrupt
# each other's strings (Dask's threaded scheduler, threaded workers), and a zone opened while another
# thread parses outside one would free that thread's strings. Reading is CPU-bound and holds the GIL
# anyway, so one call at a time per process costs threads little.
_ZONE_LOCK = threading.RLock()
_VOCAB_AT_LOAD: dict[int, int] = {}


# spaCy's rule lemmatizer remembers the lemmas of every (word, tag, morphology) it has met, in a dict
# no memory zone empties: ~90 bytes an entry, 220 new entries per 1,000 characters of unseen words
# (a worker's memory grew by ~100 MiB over 5,000 such requests). It is emptied past this many entries.
LEMMA_CACHE_LIMIT = 100_000


# glibc keeps the memory a parse frees for its own reuse rather than giving it back: a worker reading
# text of new words sat ~50 MiB above what it used, more as the heap fragmented. Once calls run in
# memory zones, the heap's free memory is handed back every TRIM_EVERY calls (malloc_trim; a no-op
# where the C library has none).
TRIM_EVERY = 50
_ZONED_CALLS = itertools.count(1)


@contextlib.contextmanager
def _memory_zone(nlp: Language) -> Iterator[None]:
    """A memory zone once the vocabulary has grown past the limit (see VOCAB_GROWTH_LIMIT)."""
    with _ZONE_LOCK:
        try:
            at_load = _VOCAB_AT_LOAD.setdefault(id(nlp), len(nlp.vocab))
            if len(nlp.vocab) - at_load <= VOCAB_GROWTH_LIMIT:
                yield
                return
            with nlp.memory_zone():
                yield
            if next(_ZONED_CALLS) % TRIM_EVERY == 0:
                trim_heap()
        finally:
            _bound_lemma_caches(nlp)


def trim_heap() -> bool:
    """Hand the C heap's free memory back to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim():  # type: ignore[no-untyped-def]
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def _bound_lemma_caches(nlp: Language) -> None:
    for _, pipe in nlp.pipeline:
        cache = getattr(pipe, "cache", None)
        if isinstance(cache, dict) and len(cache) > LEMMA_CACHE_LIMIT:
            cache.clear()


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


def analyse_doc(
    doc: Doc,
    published: dt.date | None = None,
    *,
    include: Iterable[str] = SECTIONS,
    model_info: dict[str, str] | None = None,
    timings: dict[str, float] | None = None,
    language: DetectedLanguage | None = None,
    quotes: str = "all",
) -> Analysis:
    """Run the extractors over an already parsed Doc; ``timings`` (optional) gets each stage's seconds.
    The text's language is detected (unless given): one the pipeline does not read gets a warning."""
    text = doc.text  # Doc.text joins every token anew on each access (O(n)): read it once
    started = time.perf_counter()
    anchor, source, dateline = resolve_published(text, published)
    seconds = time.perf_counter() - started
    result = Analysis(
        text=text,
        published=anchor,
        published_source=source,
        dateline=dateline,
        model={**(model_info or {}), "service_version": __version__},
        language=language or detect_language(text),
        quote_kinds=quotes,
    )
    if result.language is not None and unsupported(result.language, (doc.lang_,)):
        result.warnings.append(language_warning(result.language, (doc.lang_,)))
    run_stages(doc, result, include, result.timings)
    result.timings["published"] = seconds
    if timings is not None:
        timings.update(result.timings)
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
        result = extract(_WARM_UP, dt.date(2023, 5, 2), model=model)
        if result.warnings:
            raise RuntimeError(f"stages failed: {[w.section for w in result.warnings]}")
    except Exception:  # noqa: BLE001
        logging.getLogger(__name__).exception("warming up the extractors failed")
        return False
    return True


@functools.lru_cache(maxsize=4)
def _model_info(model: str) -> dict[str, str]:
    """``describe`` of the loaded pipeline, once per model (reading ``nlp.meta`` costs ~0.5 ms)."""
    return describe(load_pipeline(model))
