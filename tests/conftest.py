"""Shared fixtures: the spaCy pipeline and the app, each built once per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from spacy.language import Language

from service.app import create_app
from service.extract.pipeline import DEFAULT_MODEL, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_7336a99310a2cd6b.txt"
# Every date test resolves relative dates against this fixed day, never the clock.
REFERENCE_DATE = dt.date(2023, 5, 2)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    yield create_app({"TESTING": True})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-seeds",
        action="store_true",
        help="rewrite seeds/*.json from the live output (review the diff!)",
    )
