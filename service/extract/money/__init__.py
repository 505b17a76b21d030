"""The ``money`` section: amounts with their ISO 4217 currency (``stage.extract_money``)."""

from .stage import extract_money

__all__ = ["extract_money"]
