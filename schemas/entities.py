"""The `entities` section."""

from marshmallow import Schema, fields, validate

from .common import ENTITY_TYPES, SpanSchema


class MentionSchema(SpanSchema):
    pass


class EntitySchema(Schema):
    id = fields.String(required=True, metadata={"example": "E1"})
    name = fields.String(required=True, metadata={"description": "Canonical name: the fullest mention."})
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
