"""The ``newsfacts`` command, as ``pip install`` makes it: installed into a fresh virtual environment
(the project's dependencies come from the test's environment), run from a folder outside the
repository, with none of the repository on its path."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready.\n"


def _site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    return Path(subprocess.check_output([python, "-c", code], text=True).strip())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with newsfacts installed from a copy of the sources (a wheel, not editable); its bin/."""
    work = tmp_path_factory.mktemp("console")
    source = work / "src"
    keep = ("pyproject.toml", "README.md", "service", "schemas")
    source.mkdir()
    for name in keep:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    ours = _site_packages(Path(sys.executable))
    (_site_packages(python) / "project-deps.pth").write_text(f"{ours}\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index"]
    done = subprocess.run(
        [*pip, "--no-build-isolation", str(source)], capture_output=True, text=True, timeout=300, cwd=work
    )
    assert done.returncode == 0, done.stderr
    return target / "bin"


def _run(bin_dir: Path, *args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        ["newsfacts", *args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=300
    )


def test_newsfacts_extract_reads_a_file_from_another_folder(installed, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run = _run(installed, "extract", "--published", "2023-05-01", "article.txt", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    body = json.loads(run.stdout)
    assert [q for q in body["entities"] if q["name"] == "Oleksiy Reznikov"]
    assert body["dates"][0]["value"] == "2023-05-01"
    assert body["published_source"] == "request"


def test_newsfacts_extract_reads_stdin(installed, tmp_path):
    run = _run(installed, "extract", "--include", "entities", cwd=tmp_path, stdin=ARTICLE)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["entities"]


def test_newsfacts_runs_the_installed_package_not_the_repository(installed, tmp_path):
    where = _run(installed, "openapi", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    spec = yaml.safe_load(where.stdout)
    assert spec["info"]["title"] == "newsfacts" and "/v1/extract" in spec["paths"]
    python = installed / "python"
    origin = subprocess.check_output(
        [python, "-c", "import service; print(service.__file__)"], cwd=tmp_path, text=True
    )
    assert not origin.startswith(str(ROOT))


def test_newsfacts_help_names_its_commands(installed, tmp_path):
    run = _run(installed, "--help", cwd=tmp_path)
    assert run.returncode == 0
    assert run.stdout.startswith("usage: newsfacts")
    for command in ("serve", "extract", "openapi"):
        assert command in run.stdout


def test_serve_outside_a_clone_says_what_to_do(installed, tmp_path):
    run = _run(installed, "serve", cwd=tmp_path)
    assert run.returncode == 2
    assert "gunicorn.conf.py" in run.stderr and "pip install -e ." in run.stderr


def test_newsfacts_serve_from_another_folder_answers_requests(tmp_path):
    """An editable install of the repository (the README's): ``serve`` starts gunicorn with the
    repository's gunicorn.conf.py, wherever it is run from."""
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    (_site_packages(python) / "project-deps.pth").write_text(f"{_site_packages(Path(sys.executable))}\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index"]
    done = subprocess.run(
        [*pip, "--no-build-isolation", "-e", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    server = subprocess.Popen(
        [target / "bin" / "newsfacts", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        for _ in range(240):  # the model loads first: up to a minute on a busy machine
            if server.poll() is not None:
                break
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/v1/extract?offsets=utf16",
                    data=ARTICLE.encode(),
                    headers={"Content-Type": "text/plain"},
                )
                with urllib.request.urlopen(request, timeout=30) as answer:
                    body = json.load(answer)
                break
            except OSError:
                time.sleep(0.5)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=60)
    assert body is not None, errors[-3000:]
    assert body["offsets"] == "utf16" and body["entities"]
