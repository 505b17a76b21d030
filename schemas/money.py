"""The `money` section."""

from marshmallow import Schema, fields

_DECIMAL = {
    "type": "string",
    "format": "decimal",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "description": "Exact decimal number, as a string (no float rounding).",
    "example": "1700000000",
}


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
    alternatives = fields.List(fields.String(), required=True)
