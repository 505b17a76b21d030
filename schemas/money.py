"""The `money` section."""

from marshmallow import Schema, fields

_DECIMAL = {
    "type": "string",
    "format": "decimal",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "description": "Exact decimal number, as a string (no float rounding).",
    "example": "1700000000",
}


class AmountReadingSchema(Schema):
    amount = fields.Decimal(as_string=True, required=True, allow_none=True, metadata=_DECIMAL)
    min = fields.Decimal(as_string=True, required=True, allow_none=True, metadata=_DECIMAL)
    max = fields.Decimal(as_string=True, required=True, allow_none=True, metadata=_DECIMAL)
    confidence = fields.Float(required=True, metadata={"example": 0.3})
    convention = fields.String(
        required=True,
        metadata={
            "enum": ["decimal_point", "decimal_comma"],
            "description": "The number format this reading assumes: decimal_point (1,234.56) or "
            "decimal_comma (1.234,56).",
        },
    )


class MoneySchema(Schema):
    id = fields.String(required=True, metadata={"example": "M1"})
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    amount = fields.Decimal(as_string=True, required=True, allow_none=True, metadata=_DECIMAL)
    currency = fields.String(
        required=True, allow_none=True, metadata={"description": "ISO 4217 code.", "example": "DKK"}
    )
    approximate = fields.Boolean(required=True)
    min = fields.Decimal(as_string=True, required=True, allow_none=True, metadata=_DECIMAL)
    max = fields.Decimal(as_string=True, required=True, allow_none=True, metadata=_DECIMAL)
    per_unit = fields.String(required=True, allow_none=True)
    conversion_of = fields.String(required=True, allow_none=True)
    alternatives = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Other ISO 4217 currencies the context allowed for an ambiguous symbol "
            "or word ($, kroner, pounds); the amount's other readings are in amount_alternatives."
        },
    )
    amount_confidence = fields.Float(
        required=True,
        metadata={
            "description": "How sure the reading of the amount is: 1.0 unless the number's format "
            'allowed two readings ("€1.234": 1.234 or 1234), which the shape of the number, a scale '
            "word, the article's other numbers and the currency's usual locale decide.",
            "example": 1.0,
        },
    )
    amount_alternatives = fields.List(
        fields.Nested(AmountReadingSchema),
        required=True,
        metadata={
            "description": "The amount (or min/max) read in the other decimal convention when the "
            "number's format was ambiguous, with its (lower) confidence; empty otherwise."
        },
    )
