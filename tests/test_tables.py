"""The rule tables in ``service/extract/data/``: each one used, no key that no code reads, and no
entry written twice (a duplicate is a sign of a list edited in two places, and YAML's loader would
silently keep only the last of two equal keys)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.extract.tables import DATA_DIR

CODE = Path(__file__).resolve().parent.parent / "service" / "extract"
SOURCES = {p: p.read_text(encoding="utf-8") for p in CODE.rglob("*.py")}
TABLES = sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".tsv"))
YAML_TABLES = [p for p in TABLES if p.suffix == ".yaml"]


class _StrictLoader(yaml.SafeLoader):
    """safe_load that refuses a mapping with the same key twice."""


def _no_duplicate_keys(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = [k for k, n in Counter(map(repr, keys)).items() if n > 1]
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {twice}", node.start_mark)
    return loader.construct_mapping(node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def _duplicates(value: Any, where: str) -> list[str]:
    """Entries that occur twice in one list, anywhere in ``value``."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _duplicates(inner, f"{where}.{key}")
    elif isinstance(value, list):
        hashable = [repr(v) for v in value]
        found += [f"{where}: {v}" for v, n in Counter(hashable).items() if n > 1]
        for i, inner in enumerate(value):
            if isinstance(inner, dict | list):
                found += _duplicates(inner, f"{where}[{i}]")
    return found


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_table_is_read_by_the_code(path):
    assert any(path.name in source for source in SOURCES.values()), f"{path.name} is read by no module"


@pytest.mark.parametrize("path", YAML_TABLES, ids=lambda p: p.name)
def test_no_key_twice_and_no_entry_twice(path):
    table = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 - SafeLoader
    assert _duplicates(table, path.stem) == []


def _booleans(value: Any, where: str) -> list[str]:
    """List entries YAML read as booleans: a bare on/off/yes/no/true/false (quote it to keep the word)."""
    if isinstance(value, dict):
        return [b for key, inner in value.items() for b in _booleans(inner, f"{where}.{key}")]
    if isinstance(value, list):
        return [f"{where}: {v}" for v in value if isinstance(v, bool)] + [
            b for i, inner in enumerate(value) for b in _booleans(inner, f"{where}[{i}]")
        ]
    return []


@pytest.mark.parametrize("path", YAML_TABLES, ids=lambda p: p.name)
def test_no_word_read_as_a_boolean(path):
    """Found 'on' missing from the quotes, datelines tables and 'off' from the events table."""
    assert _booleans(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem) == []


@pytest.mark.parametrize("path", YAML_TABLES, ids=lambda p: p.name)
def test_every_top_level_key_is_read(path):
    """A key no module names is dead data (or a typo of the key the code reads)."""
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    unread = [
        key
        for key in table
        if not any(re.search(rf"""["']{re.escape(str(key))}["']""", s) for s in SOURCES.values())
    ]
    assert unread == []


def test_the_checks_find_what_they_look_for():
    """The checks themselves: a duplicate key, a duplicate list entry."""
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("a: 1\na: 2\n", Loader=_StrictLoader)  # noqa: S506
    assert _duplicates({"words": ["said", "told", "said"]}, "t") == ["t.words: 'said'"]
