"""TypeScript types generated from openapi.yaml (openapi-typescript) type-check the documented example
with ``tsc --strict``, and the compiled example slices every span right with ``offsets: "utf16"`` against
the live service.

The npm tools are pinned in tests/js/package-lock.json (not in the Python lock) and installed by the
test with ``npm ci`` into a temporary folder: CI needs node (18+) and npm, and access to the npm
registry. Skipped where node or npm is missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.live import serve
from tests.test_offsets import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tests" / "js"
CLIENTS_DOC = ROOT / "docs" / "clients.md"
TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noUncheckedIndexedAccess": False,
        "target": "es2022",
        "module": "commonjs",
        "lib": ["es2022"],
        "types": ["node"],
        "outDir": "out",
        "skipLibCheck": False,
    },
    "files": ["example.ts"],
}

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="node and npm are not installed (Debian: apt-get install nodejs npm)",
)


def ts_example() -> str:
    [block] = re.findall(r"```ts\n(.*?)```", CLIENTS_DOC.read_text(encoding="utf-8"), re.S)
    return block


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the pinned tools installed and the types generated from openapi.yaml."""
    work = tmp_path_factory.mktemp("ts")
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(TOOLS / name, work / name)
    installed = subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    generated = subprocess.run(
        [
            work / "node_modules" / ".bin" / "openapi-typescript",
            ROOT / "openapi.yaml",
            "-o",
            "newsfacts.d.ts",
            # a request field with a default (offsets, quotes) stays optional for the caller
            "--default-non-nullable",
            "false",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    (work / "tsconfig.json").write_text(json.dumps(TSCONFIG, indent=2), encoding="utf-8")
    return work


def tsc(project: Path, source: str) -> subprocess.CompletedProcess[str]:
    (project / "example.ts").write_text(source, encoding="utf-8")
    return subprocess.run(
        [project / "node_modules" / ".bin" / "tsc", "-p", "."],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_generated_types_are_precise(project):
    types = (project / "newsfacts.d.ts").read_text(encoding="utf-8")
    assert re.search(r"published\?: string;", types)  # not `unknown`
    assert '"direct" | "partial" | "scare"' in types
    assert '"codepoint" | "utf16" | "utf8"' in types
    assert '"PERSON" | "ORG"' in types


def test_the_documented_example_type_checks_and_slices_every_span_right(project, app):
    checked = tsc(project, ts_example())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (project / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with serve(app) as base_url:
        run = subprocess.run(
            ["node", "out/example.js"],
            cwd=project,
            env={**os.environ, "NEWSFACTS_URL": base_url},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "2023-05-02 en utf16"
    people = [re.fullmatch(r'(.+) \(first name mention: "(.+)"\)', line) for line in lines[1:]]
    people = [m.groups() for m in people if m]
    assert ("Sergei Shoigu", "Sergei Shoigu") in people, lines
    # A span that slices wrong in JavaScript is shifted text: it does not end the name it mentions.
    assert all(name.endswith(mention.split()[-1]) for name, mention in people), people
    quotes = [line for line in lines if ": " in line]
    # "…,” Shoigu said, according to 𠮷 TASS": the outer source is cited; its span starts past an astral
    # character, so a UTF-16 slice that went wrong would cut it
    assert "𠮷 TASS: Right now it is necessary to double the production 🚀," in quotes


def test_tsc_refuses_a_value_outside_an_enum(project):
    wrong = ts_example().replace('offsets: "utf16"', 'offsets: "utf32"')
    checked = tsc(project, wrong)
    assert checked.returncode != 0
    assert "Type '\"utf32\"' is not assignable" in checked.stdout
