"""The `entities` section."""

from marshmallow import Schema, fields, validate

from .common import ENTITY_TYPES, SpanSchema


class MentionSchema(SpanSchema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(["proper", "common", "pronoun"]),
        metadata={
            "description": '`proper`: a name ("Ford Motor Company", "Ford"); `common`: a nominal that '
            'refers to the entity ("the company", "the defence minister", a title before the name, an '
            "apposition), from its determiner to its head noun; `pronoun`: a pronoun that refers to it "
            '("it", "his", "which"; "I", "we" in the words of a quote it said). Mentions never overlap.',
            "example": "proper",
        },
    )


class EntitySchema(Schema):
    id = fields.String(required=True, metadata={"example": "E1"})
    name = fields.String(
        required=True,
        metadata={
            "description": "Canonical name: the fullest name. A thing the text refers to without ever "
            'naming it ("users", "analysts", "the world": only `common` and `pronoun` mentions) is named '
            "by its fullest nominal."
        },
    )
    type = fields.String(
        required=True,
        validate=validate.OneOf(ENTITY_TYPES),
        metadata={
            "description": "OntoNotes type: PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, EVENT, "
            "WORK_OF_ART, LAW or LANGUAGE.",
            "example": "PERSON",
        },
    )
    salience = fields.Float(
        required=True,
        metadata={
            "description": "Importance of the entity to the article, in [0, 1]; sums to 1 over entities."
        },
    )
    mentions = fields.List(fields.Nested(MentionSchema), required=True)
