"""The declared stage list: what each stage needs from spaCy, which sections of the
:class:`~service.extract.model.Analysis` it reads, and which it writes.

Everything that runs the extractors goes through :func:`run_stages` (``extract``, batches, warm-up,
the benchmark, the scoring scripts), so what a stage may depend on is written here once:

========  =======================  ===============  ===================================================
stage     spaCy components read    sections read    sections written
========  =======================  ===============  ===================================================
entities  all (tags, parse, NER)   —                ``entities``
quotes    all                      ``entities``     ``quotes``, ``sources``, ``entities[].mentions``
money     ``ner`` only             —                ``money``
dates     all                      ``quotes``       ``dates``, ``quotes[].said_on``
========  =======================  ===============  ===================================================

A section asked for alone is computed exactly as in a full request: the stages it reads run
first, and so do the stages that fill in one of its fields (the dates stage, for ``quotes[].said_on``;
the quote stage, for the first-person pronouns of a quote, mentions of its speaker's entity);
their sections are then dropped from the answer. A section computed only as another's input does
not pull in the stages that fill in its own fields (``entities`` alone runs the quote stage, not
the dates stage). No stage reads a section it has not declared, so a
section's answer never depends on which other sections were asked for.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .dates import extract_dates
from .entities import extract_entities
from .entities.quoted import link_quoted_speakers
from .model import SECTIONS, Analysis, Quote, StageWarning
from .money import extract_money
from .quotes import extract_quotes
from .quotes.sources import roll_up


@dataclass(frozen=True, slots=True)
class Stage:
    section: str  # the Analysis field the stage returns
    run: Callable[[Doc, Analysis], list]  # type: ignore[type-arg]
    components: frozenset[str] | None = None  # spaCy components read; None: the whole pipeline
    reads: tuple[str, ...] = ()  # sections of the Analysis read (computed first)
    also_writes: tuple[str, ...] = ()  # fields of other sections it fills in
    owns: tuple[str, ...] = ()  # other Analysis fields it writes, returned and emptied with its section


def _quotes_and_speakers(doc: Doc, result: Analysis) -> list[Quote]:
    """The quote stage, then its step that writes ``entities[].mentions``: first-person pronouns in a
    quote are mentions of its speaker's entity (which only the quote stage knows); then ``sources``,
    the quotes counted by speaker."""
    quotes = extract_quotes(doc, result)
    link_quoted_speakers(doc, result, quotes)
    result.sources = roll_up(quotes, result.entities)
    return quotes


STAGES: tuple[Stage, ...] = (
    Stage("entities", extract_entities),
    Stage(
        "quotes",
        _quotes_and_speakers,
        reads=("entities",),
        also_writes=("entities.mentions",),
        owns=("sources",),
    ),
    # money reads the text and doc.ents (GPE/NORP for the currency's country); en_core_web_sm's ner
    # has its own tok2vec, so the tagger, parser and lemmatizer can be skipped (half the parse time)
    Stage("money", extract_money, components=frozenset({"ner"})),
    Stage("dates", extract_dates, reads=("quotes",), also_writes=("quotes.said_on",)),
)
assert tuple(s.section for s in STAGES) == SECTIONS
_log = logging.getLogger(__name__)


def closure(include: Iterable[str]) -> set[str]:
    """The sections to compute for ``include``: those asked for, every stage that fills in a field of
    theirs (``quotes`` asked alone still gets its ``said_on``), and every section these read."""
    by_name = {s.section: s for s in STAGES}
    asked = set(include)
    wanted: set[str] = set()
    todo = [*asked, *(s.section for s in STAGES if any(w.split(".")[0] in asked for w in s.also_writes))]
    while todo:
        section = todo.pop()
        if section not in wanted:
            wanted.add(section)
            todo.extend(by_name[section].reads)
    return wanted


def unneeded_components(nlp: Language, include: Iterable[str]) -> list[str]:
    """Names of the pipeline components that no stage needed for ``include`` reads (to skip them)."""
    needed: set[str] = set()
    for stage in STAGES:
        if stage.section in closure(include):
            if stage.components is None:
                return []
            needed |= stage.components
    return [name for name in nlp.pipe_names if name not in needed]


def run_stages(
    doc: Doc, result: Analysis, include: Iterable[str], timings: dict[str, float] | None = None
) -> Analysis:
    """Fill ``result`` with the sections of ``include`` (in stage order), computing what they read;
    ``timings`` (optional) gets each stage's seconds by section name.

    A stage that raises is isolated: its section is left empty, a :class:`StageWarning` says so in
    ``result.warnings``, the exception is logged (stage and type, never the text) and the other
    stages still run, so one failing expression does not cost the caller the whole article."""
    asked = set(include)
    wanted = closure(asked)
    for stage in STAGES:
        if stage.section in wanted:
            started = time.perf_counter()
            _run_isolated(stage, doc, result)
            if timings is not None:
                timings[stage.section] = time.perf_counter() - started
    for stage in STAGES:
        if stage.section in wanted - asked:  # computed only as inputs to others: not returned
            _empty(stage, result)
    return result


def _empty(stage: Stage, result: Analysis) -> None:
    for name in (stage.section, *stage.owns):
        setattr(result, name, [])


def _run_isolated(stage: Stage, doc: Doc, result: Analysis) -> None:
    try:
        setattr(result, stage.section, stage.run(doc, result))
    except Exception as exc:  # noqa: BLE001 - isolated: reported in result.warnings and the log
        # the exception's type and where it was raised, never its message: it may quote the article
        trace = "".join(traceback.format_tb(exc.__traceback__))
        _log.error("stage %s failed: %s\n%s", stage.section, type(exc).__name__, trace)
        _empty(stage, result)
        result.warnings.append(
            StageWarning(
                stage.section,
                "stage_failed",
                f"The {stage.section} stage failed on this text "
                f"({type(exc).__name__}); its section is empty.",
            )
        )
