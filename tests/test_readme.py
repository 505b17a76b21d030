"""The README's quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    serve, test = commands
    assert "newsfacts serve" in serve and "requirements.lock" in serve
    assert "pytest" in test and "requirements-dev.lock" in test
    # The project itself is installed too (the `newsfacts` command), after its locked dependencies.
    for command in commands:
        assert command.index("--no-deps -e .") > command.index("--require-hashes")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == quick_start_commands()[1]


def test_every_setting_is_documented():
    from dataclasses import fields

    from service.config import PREFIX, Settings

    settings_doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for f in fields(Settings):
        assert f"`{PREFIX}{f.name.upper()}`" in settings_doc, f.name


def test_every_document_the_readme_links_to_exists():
    links = re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)(?:#[\w-]+)?\)", README)
    assert len(links) >= 7
    for link in links:
        assert (ROOT / link).is_file(), link
    for doc in (ROOT / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([\w./-]+\.md)(?:#[\w-]+)?\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / link).is_file(), (doc.name, link)


def test_the_usage_guide_shows_what_the_service_answers(client):
    """docs/usage.md's first curl example says "a real run": its JSON is the answer to its request
    (rewrite it from a real run when the extractors change what they find)."""
    import json

    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    request = json.loads(re.search(r"-d '(\{.*?\})'", usage).group(1))
    shown = json.loads(re.search(r"gives \(a real run.*?```json\n(.*?)```", usage, re.S).group(1))
    assert client.post("/v1/extract", json=request).get_json() == shown
