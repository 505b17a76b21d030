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
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from .. import __version__
from . import dates, entities, money, quotes
from .model import SECTIONS, Analysis
from .pipeline import DEFAULT_MODEL, describe, load_pipeline
from .published import resolve_published

__all__ = ["SECTIONS", "Analysis", "analyse_doc", "extract", "extract_many"]

Stage = Callable[[Doc, Analysis], list]  # type: ignore[type-arg]

# (section, stage): run in this order; each fills its own section of the Analysis.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("entities", entities.extract_entities),
    ("quotes", quotes.extract_quotes),
    ("money", money.extract_money),
    ("dates", dates.extract_dates),
)
# What a section needs from earlier stages when it is asked for alone.
_NEEDS = {"quotes": {"entities"}, "dates": {"quotes", "entities"}}


def extract(
    text: str,
    published: dt.date | None = None,
    *,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = SECTIONS,
) -> Analysis:
    """Read one article. ``published`` anchors relative dates; when None, a dateline is used."""
    nlp = load_pipeline(model)
    return analyse_doc(nlp(text), published, include=include, model_info=describe(nlp))


def extract_many(
    items: Iterable[tuple[str, dt.date | None]],
    *,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = SECTIONS,
    batch_size: int = 16,
) -> Iterator[Analysis]:
    """Read many articles with ``nlp.pipe``; yields one Analysis per item, in order."""
    nlp = load_pipeline(model)
    wanted = tuple(include)
    info = describe(nlp)
    for doc, published in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield analyse_doc(doc, published, include=wanted, model_info=info)


def analyse_doc(
    doc: Doc,
    published: dt.date | None = None,
    *,
    include: Iterable[str] = SECTIONS,
    model_info: dict[str, str] | None = None,
) -> Analysis:
    """Run the extractors over an already parsed Doc."""
    anchor, source, dateline = resolve_published(doc.text, published)
    result = Analysis(
        text=doc.text,
        published=anchor,
        published_source=source,
        dateline=dateline,
        model={**(model_info or {}), "service_version": __version__},
    )
    asked = set(include)
    wanted = _closure(asked)
    for section, stage in STAGES:
        if section in wanted:
            setattr(result, section, stage(doc, result))
    # Sections computed only as inputs to others are not returned.
    for section in wanted - asked:
        setattr(result, section, [])
    return result


def _closure(include: Iterable[str]) -> set[str]:
    wanted = set(include)
    for section in list(wanted):
        wanted |= _NEEDS.get(section, set())
    return wanted

