"""What a text must pass before it is read, and how it is handed to the NLP core.

The cost guard: a text is refused (422) over ``max_chars`` characters or ``max_tokens`` spaCy
tokens, and a batch over ``max_batch_tokens`` tokens in all, before any parsing starts (parse time
grows with the tokens: text of one token a character, such as emoji or quote marks, costs five
times what news of the same length does). Counting takes the tokenizer alone (~1 ms per 1,000
characters), and only where the characters could pass the limit (a token has at least one).

The language: a text surely in a language the pipeline does not read is refused (422, naming the
language) unless the ``allow_any_language`` setting lets it through (the core then warns).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marshmallow import ValidationError

from .config import Settings
from .extract import count_tokens, detect_language
from .extract.language import describe_unsupported, unsupported
from .extract.markup import Markup, UnreadableMarkup, page_text
from .extract.model import DetectedLanguage
from .extract.pipeline import load_pipeline
from .problems import Problem

BOM = "\ufeff"


def for_extraction(text: str) -> str:
    """``text`` as the core reads it: a leading byte order mark becomes a space (one character for
    one), so the core's offsets index the text the client sent, BOM included, and the first word is
    read as a word."""
    return " " + text[1:] if text.startswith(BOM) else text


def readable(loaded: dict[str, Any]) -> tuple[str, Markup | None]:
    """The text the extractors read from validated request fields: ``text`` itself, or for
    ``format: html`` the plain text of the HTML (with the way back to its offsets); 422 (a field error
    on ``text``) for HTML the parser gives up on or that holds no text."""
    if loaded.get("format", "text") != "html":
        return loaded["text"], None
    try:
        markup = page_text(loaded["text"])
    except UnreadableMarkup as exc:
        raise ValidationError({"text": [str(exc)]}) from None
    return markup.text, markup


def check_length(text: str, limit: int) -> None:
    """422 (a field error on ``text``) for a text over the ``limit`` in characters."""
    if len(text) > limit:
        raise ValidationError({"text": [f"Longer than the limit of {limit} characters ({len(text)})."]})


def check_tokens(text: str, config: Settings) -> None:
    """422 (a field error on ``text``) for a text of more than ``config.max_tokens`` tokens."""
    if len(text) <= config.max_tokens:
        return
    n = count_tokens(text, config.model)
    if n > config.max_tokens:
        raise ValidationError(
            {
                "text": [
                    f"More than the limit of {config.max_tokens} tokens ({n}): news has about one token "
                    "per five characters; text this dense would not be read within the time limit."
                ]
            }
        )


def check_language(text: str, config: Settings) -> DetectedLanguage:
    """The text's language; 422 when it is surely one the pipeline does not read (unless allowed)."""
    language = detect_language(text)
    supported = (str(load_pipeline(config.model).lang),)
    if not config.allow_any_language and unsupported(language, supported):
        detail = describe_unsupported(language, supported)
        raise Problem(
            422,
            detail,
            errors={"text": [detail]},
            extra={"language": {"code": language.code, "confidence": language.confidence}},
        )
    return language


def check_batch_tokens(texts: Sequence[str], config: Settings) -> None:
    """422 (a field error on ``documents``) when ``texts`` have more than ``config.max_batch_tokens``
    tokens in all: the batch as a whole would not be read within the time limit."""
    limit = config.max_batch_tokens
    if sum(len(t) for t in texts) <= limit:
        return
    n = sum(count_tokens(t, config.model) for t in texts)
    if n > limit:
        raise ValidationError(
            {
                "documents": [
                    f"More than the limit of {limit} tokens in all ({n}): the batch would not be read "
                    "within the time limit; send fewer documents per request."
                ]
            }
        )
