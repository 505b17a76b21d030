"""`POST /v1/extract/batch`: many articles in one request, each answered in its place.

The envelope (``documents``, ``include``) is validated as a whole: a malformed envelope is a 422
for the request. Each document is then validated on its own (:class:`BatchDocumentSchema`): an
invalid document gets a problem object in its place while the others are read.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from service.extract.model import SECTIONS

from .common import offsets_field
from .errors import ValidationProblemSchema
from .extract import _INCLUDE, AnalysisSchema, ExtractRequestSchema, PublishedField

_ID = fields.String(
    validate=validate.Length(min=1, max=256),
    metadata={"description": "The caller's id for the document, echoed back in its result.", "example": "a1"},
)


class BatchDocumentSchema(ExtractRequestSchema):
    """One document of a batch: the fields of a single extract request (``text``, ``published``)
    plus an optional ``id``; ``include`` and ``offsets`` are given once for the whole batch."""

    id = _ID

    class Meta:
        exclude = ("include", "offsets")


class BatchRequestSchema(Schema):
    """The documents of a batch and the sections to compute for all of them."""

    documents = fields.List(
        fields.Nested(BatchDocumentSchema),
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "The articles, read in this order (at most the service's batch limit)."},
    )
    include = fields.List(  # as ExtractRequest's, with its own example list (no shared YAML anchor)
        fields.String(validate=validate.OneOf(SECTIONS)),
        validate=validate.Length(min=1),
        metadata={**_INCLUDE.metadata, "example": list(SECTIONS)},
    )
    offsets = offsets_field(load_default="codepoint")


class BatchEnvelopeSchema(BatchRequestSchema):
    """What the view loads first: the documents stay raw, to be validated one by one."""

    # Any JSON value, null included: a document that is not an object is answered in its place.
    documents = fields.List(fields.Raw(allow_none=True), required=True, validate=validate.Length(min=1))


class BatchItemSchema(Schema):
    """The result of one document: ``analysis`` when it was read, else ``problem``."""

    index = fields.Integer(
        required=True, metadata={"description": "Position of the document in the request (from 0)."}
    )
    id = fields.String(metadata={"description": "The document's `id`, as sent."})
    published = fields.String(metadata={"description": "The document's `published`, as sent."})
    status = fields.Integer(
        required=True,
        metadata={
            "description": "200 when the document was read; otherwise the status a single extract request "
            "would have got (422 invalid fields, 500 unexpected failure).",
            "example": 200,
        },
    )
    analysis = fields.Nested(AnalysisSchema, metadata={"description": "What the article says (status 200)."})
    problem = fields.Nested(
        ValidationProblemSchema,
        metadata={"description": "Why this document was not read (status other than 200), RFC 9457."},
    )


class BatchResponseSchema(Schema):
    results = fields.List(
        fields.Nested(BatchItemSchema),
        required=True,
        metadata={"description": "One result per document, in the order of the request."},
    )
    succeeded = fields.Integer(required=True, metadata={"description": "How many documents were read."})
    failed = fields.Integer(required=True, metadata={"description": "How many documents got a problem."})


__all__ = [
    "BatchDocumentSchema",
    "BatchEnvelopeSchema",
    "BatchItemSchema",
    "BatchRequestSchema",
    "BatchResponseSchema",
    "PublishedField",
]
