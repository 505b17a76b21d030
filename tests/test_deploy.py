"""The Kubernetes manifests in deploy/ agree with the app, its settings, gunicorn and the Dockerfile."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.config import PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def manifests() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(DEPLOY.glob("*.yaml")):
        docs.extend(d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d)
    return docs


def one(kind: str) -> dict[str, Any]:
    found = [d for d in manifests() if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def container() -> dict[str, Any]:
    containers = one("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def env() -> dict[str, str]:
    return {e["name"]: e["value"] for e in container().get("env", [])}


def port_number(port: int | str) -> int:
    """A probe's or Service's port: a number, or the name of a container port."""
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container()["ports"]}
    assert port in named, f"no container port named {port!r}"
    return named[port]


def test_every_manifest_has_api_version_kind_and_name():
    kinds = {d["kind"] for d in manifests()}
    assert {"Deployment", "Service", "HorizontalPodAutoscaler"} <= kinds
    for d in manifests():
        assert d["apiVersion"] and d["metadata"]["name"] == "newsfacts"


def test_the_container_listens_where_the_app_binds():
    settings = Settings.from_env(env())
    bind_port = int(settings.bind.rsplit(":", 1)[1])
    assert [p["containerPort"] for p in container()["ports"]] == [bind_port]
    assert bind_port == int(Settings().bind.rsplit(":", 1)[1])  # the image's default, unchanged
    assert f"EXPOSE {bind_port}" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("probe", "path"),
    [("readinessProbe", "/readyz"), ("livenessProbe", "/healthz"), ("startupProbe", "/healthz")],
)
def test_probes_ask_the_app_on_its_port(client, probe, path):
    http_get = container()[probe]["httpGet"]
    assert http_get["path"] == path
    assert port_number(http_get["port"]) == container()["ports"][0]["containerPort"]
    assert client.get(path).status_code == 200


def test_the_command_is_the_dockerfiles():
    cmd = re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.M)
    assert cmd, "the Dockerfile has no exec-form CMD"
    assert container()["command"] == json.loads(cmd.group(1))
    assert "args" not in container()


def test_every_variable_set_is_a_setting():
    names = {f"{PREFIX}{name.upper()}" for name in Settings.__dataclass_fields__}
    assert set(env()) <= names
    Settings.from_env(env())  # and each value reads (integers are integers...)


def test_one_worker_per_requested_core():
    resources = container()["resources"]
    cores = float(resources["requests"]["cpu"])
    assert int(env()["NEWSFACTS_WORKERS"]) == cores


def _mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()  # type: ignore[union-attr]
    return float(number) * (1024 if unit == "Gi" else 1)


def test_memory_request_and_limit_are_set_and_ordered():
    """Sized from bench/benchmark.py part 4 (2 preloaded workers' summed PSS): see the comment there."""
    resources = container()["resources"]
    request, limit = _mebibytes(resources["requests"]["memory"]), _mebibytes(resources["limits"]["memory"])
    assert 512 <= request <= limit
    assert "cpu" not in resources["limits"]  # no CPU throttling of a latency-bound service


def test_runs_as_the_images_non_root_user_with_a_writable_tmp():
    pod = one("Deployment")["spec"]["template"]["spec"]
    uid = re.search(r"--uid (\d+)", (ROOT / "Dockerfile").read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == int(uid)
    assert container()["securityContext"]["readOnlyRootFilesystem"] is True
    assert {"name": "tmp", "mountPath": "/tmp"} in container()["volumeMounts"]


def test_the_service_and_the_autoscaler_point_at_the_deployment():
    deployment, service, hpa = one("Deployment"), one("Service"), one("HorizontalPodAutoscaler")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    assert port_number(service["spec"]["ports"][0]["targetPort"]) == container()["ports"][0]["containerPort"]
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]


def _gunicorn_setting(name: str) -> int:
    source = (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")
    return int(re.search(rf"^{name} = (\d+)", source, re.M).group(1))  # type: ignore[union-attr]


def test_liveness_gives_up_only_after_the_worker_timeout():
    """A pod whose workers are busy with long articles does not answer /healthz; gunicorn ends a request
    that runs past the worker timeout itself. The probe must wait longer, or it restarts busy pods."""
    probe = container()["livenessProbe"]
    gives_up_after = probe["periodSeconds"] * probe["failureThreshold"]
    assert gives_up_after > Settings.from_env(env()).timeout + probe["timeoutSeconds"]


def test_stopping_waits_for_the_endpoints_then_drains_within_the_grace_period():
    command = container()["lifecycle"]["preStop"]["exec"]["command"]
    assert command[0] == "sleep" and int(command[1]) >= 5
    spec = one("Deployment")["spec"]["template"]["spec"]
    assert spec["terminationGracePeriodSeconds"] > int(command[1]) + _gunicorn_setting("graceful_timeout")


def test_clients_must_send_their_request_well_within_the_worker_timeout():
    settings = Settings.from_env(env())
    assert 0 < settings.read_timeout < settings.timeout
