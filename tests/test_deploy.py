"""deploy/: every overlay renders and every object is valid for the stated Kubernetes version, and
the manifests keep the promises the README makes (probes, drains, read-only root, metrics)."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from bench.live import Gunicorn, request
from conftest import ROOT, SEED_PATHS
from service.config import Config

# The Kubernetes version the manifests are validated against (the Makefile's K8S_VERSION).
K8S_VERSION = os.environ.get("K8S_VERSION", "1.33.0")
DEPLOY = ROOT / "deploy"
OVERLAYS = sorted(path.parent for path in (DEPLOY / "overlays").glob("*/kustomization.yaml"))
BASE_FILES = ("deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml")


def render(folder: Path) -> list[dict]:
    """``kubectl kustomize`` of ``folder``; without kubectl, the base's own files."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return [yaml.safe_load((DEPLOY / "base" / name).read_text()) for name in BASE_FILES]
    result = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [document for document in yaml.safe_load_all(result.stdout) if document]


def validate(document: dict) -> None:
    kubernetes_validate.validate(document, K8S_VERSION, strict=True)


def by_kind(documents: list[dict]) -> dict[str, dict]:
    return {document["kind"]: document for document in documents}


@pytest.fixture(scope="module", params=OVERLAYS, ids=lambda path: path.name)
def overlay(request) -> dict[str, dict]:
    return by_kind(render(request.param))


def test_there_are_overlays():
    assert {path.name for path in OVERLAYS} >= {"local", "production"}


def test_every_object_of_every_overlay_is_valid_kubernetes(overlay):
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= overlay.keys()
    for document in overlay.values():
        validate(document)


def test_strict_validation_rejects_a_misspelt_field(overlay):
    broken = copy.deepcopy(overlay["Deployment"])
    broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"httpGet": {"path": "/readyz"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(broken)


def _container(deployment: dict) -> dict:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def _env(container: dict) -> dict[str, str]:
    return {item["name"]: item["value"] for item in container.get("env", [])}


def test_selectors_pick_exactly_the_pods_of_the_deployment(overlay):
    pod_labels = overlay["Deployment"]["spec"]["template"]["metadata"]["labels"]
    selectors = [
        overlay["Deployment"]["spec"]["selector"]["matchLabels"],
        overlay["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"],
        overlay["Service"]["spec"]["selector"],
    ]
    for selector in selectors:
        assert selector and selector.items() <= pod_labels.items()
    target = overlay["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", overlay["Deployment"]["metadata"]["name"])
    assert overlay["PodDisruptionBudget"]["spec"]["minAvailable"] == 1
    assert overlay["Deployment"]["spec"]["replicas"] >= 2


def test_probes_use_readyz_to_start_and_serve_and_healthz_to_live(overlay):
    container = _container(overlay["Deployment"])
    assert container["startupProbe"]["httpGet"]["path"] == "/readyz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    startup = container["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 60  # time for the pipeline to load
    liveness = container["livenessProbe"]
    request_timeout = Config.from_env(_env(container)).request_timeout_s
    # A worker busy with an extraction answers probes late: only silence longer than a request restarts the pod.
    assert liveness["periodSeconds"] * liveness["failureThreshold"] > request_timeout


def test_in_flight_requests_finish_before_the_pod_is_killed(overlay):
    pod = overlay["Deployment"]["spec"]["template"]["spec"]
    container = _container(overlay["Deployment"])
    env = _env(container)
    config = Config.from_env(env)
    graceful = config.worker_timeout_s  # gunicorn.conf.py's graceful_timeout
    pause = float(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    assert graceful > config.request_timeout_s
    assert pod["terminationGracePeriodSeconds"] > pause + graceful


def test_the_pod_runs_as_the_image_user_on_a_read_only_root_with_tmp_writable(overlay):
    pod = overlay["Deployment"]["spec"]["template"]["spec"]
    container = _container(overlay["Deployment"])
    dockerfile_user = [line.split()[1] for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("USER ")]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert str(pod["securityContext"]["runAsUser"]) == dockerfile_user[-1]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in pod["volumes"]}
    assert "emptyDir" in volumes[mounts[_env(container)["TMPDIR"]]]
    resources = container["resources"]
    assert resources["requests"]["memory"] and resources["limits"]["memory"] and resources["limits"]["cpu"]


def test_prometheus_scrapes_the_metrics_port(overlay):
    annotations = overlay["Deployment"]["spec"]["template"]["metadata"]["annotations"]
    port = _container(overlay["Deployment"])["ports"][0]["containerPort"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert (annotations["prometheus.io/path"], annotations["prometheus.io/port"]) == ("/metrics", str(port))


def test_the_dask_cluster_pods_and_the_batch_job_are_valid_kubernetes():
    documents = by_kind(render(DEPLOY / "dask"))
    validate(documents["Job"])
    validate(documents["PersistentVolumeClaim"])
    cluster = documents["DaskCluster"]
    assert cluster["apiVersion"] == "kubernetes.dask.org/v1"
    # No schema for the operator's custom resource here: its parts are core objects, checked as such.
    for role in ("worker", "scheduler"):
        validate({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": role}, "spec": cluster["spec"][role]["spec"]})
    service = cluster["spec"]["scheduler"]["service"]
    validate({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "scheduler"}, "spec": service})
    scheduler_name = f"{cluster['metadata']['name']}-scheduler:8786"
    assert any(scheduler_name in arg for arg in documents["Job"]["spec"]["template"]["spec"]["containers"][0]["args"])
    worker_args = cluster["spec"]["worker"]["spec"]["containers"][0]["args"]
    assert worker_args[worker_args.index("--nthreads") + 1] == "1"


def _open_files(pid: int) -> list[str]:
    """Paths of the regular files ``pid`` holds open."""
    paths = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("/") and not target.startswith(("/dev/", "/proc/")):
            paths.append(target)
    return paths


@pytest.mark.slow
def test_with_the_deployments_environment_the_service_writes_only_to_its_tmp_volume():
    """The read-only root, checked without Docker: every file gunicorn and its workers hold open while
    serving is a package file read at start-up, the log, or under TMPDIR (the pod's emptyDir)."""
    container = _container(by_kind(render(OVERLAYS[0]))["Deployment"])
    with tempfile.TemporaryDirectory(prefix="newsfacts-tmp-volume-") as volume:
        env = _env(container) | {"TMPDIR": volume}
        server = Gunicorn("read-only", 2, env)
        try:
            server.wait_ready()
            body = SEED_PATHS[0].read_bytes()
            assert request(server.port, "POST", "/v1/extract", body, "text/plain; charset=utf-8").status == 200
            assert request(server.port, "GET", "/metrics").status == 200
            for pid in [server.proc.pid, *server.worker_pids()]:
                for path in _open_files(pid):
                    assert path.startswith(volume) or path == str(server.log_path) or _read_only_open(pid, path), path
            assert any(Path(volume).iterdir())  # the metrics files went to the volume
        finally:
            server.cleanup()


def _read_only_open(pid: int, path: str) -> bool:
    """Whether every descriptor of ``pid`` on ``path`` is open read-only."""
    flags = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) == path:
                flags.append(int(Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().split("flags:")[1].split()[0], 8))
        except OSError:
            continue
    return all(flag & os.O_ACCMODE == os.O_RDONLY for flag in flags)
