"""The language of an article, detected offline by py3langid (its model ships inside the package).

The extractors read English (the spaCy pipeline's language, and the rule tables'): a text in another
language gets confident nonsense. :func:`detect_language` says which language a text is in, and
:func:`unsupported` whether it is one the pipeline does not read, with the confidence needed to say
so. The service refuses such a text (422) or, when configured, reads it with a warning.

py3langid was chosen over lingua-language-detector: on the news-dev articles it took 0.6-2 ms an
article, +103 MB (its model's arrays, shared by gunicorn's forked workers) and 1.2 s to load; lingua
(all languages, preloaded) took 30-45 ms an article, +1.3 GB and over a minute to load. Both found
every dev article English and the German test article German.

Thresholds, measured on the sentences of quotes-train (40,000 English sentences): none was taken for
another language with a confidence of 0.9 or more, even the shortest; a text of fewer than 20 letters
is too short to tell ("und").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError

from .model import DetectedLanguage, StageWarning

UNDETERMINED = "und"
MIN_LETTERS = 20  # fewer letters than this: "und"
MIN_CONFIDENCE = 0.9  # a text is refused only when the detector is at least this sure
SAMPLE_CHARS = 10_000  # the detector reads the start of a long text (linear: ~20 ms for 10,000)


@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> DetectedLanguage:
    """The language of ``text`` and the detector's confidence in it."""
    code, confidence = _classify(text[:SAMPLE_CHARS])
    return DetectedLanguage(code, confidence)


@functools.lru_cache(maxsize=256)
def _classify(sample: str) -> tuple[str, float]:
    """Cached: the service checks a text's language before reading it, and the core reads it again."""
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    code, confidence = _identifier().classify(sample)
    return str(code), round(float(confidence), 4)


def unsupported(language: DetectedLanguage, supported: Iterable[str]) -> bool:
    """Whether ``language`` is surely not one of ``supported`` (ISO 639-1 codes)."""
    return (
        language.code != UNDETERMINED
        and language.code not in set(supported)
        and language.confidence >= MIN_CONFIDENCE
    )


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code ("de": "German"), from CLDR; the code if it has none."""
    try:
        return str(Locale("en").languages.get(code, code))
    except UnknownLocaleError:  # pragma: no cover - "en" is always there
        return code


def describe_unsupported(language: DetectedLanguage, supported: Iterable[str]) -> str:
    """What to tell the caller about a text in ``language``."""
    readable = ", ".join(language_name(c) for c in supported)
    return (
        f"The text is in {language_name(language.code)} ({language.code}, confidence "
        f"{language.confidence}); newsfacts reads {readable} only."
    )


def language_warning(language: DetectedLanguage, supported: Iterable[str]) -> StageWarning:
    """The warning of a text read although it is in a language the pipeline does not read."""
    message = describe_unsupported(language, supported) + " Every section may be wrong."
    return StageWarning(None, "unsupported_language", message)
