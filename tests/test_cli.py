"""The command line reuses the extraction core and prints what the API answers."""

from __future__ import annotations

import io
import json

from conftest import SEED_PATHS
from service import cli


def test_extract_prints_one_json_object_per_file_like_the_api(client, capsys):
    assert cli.main(["extract", str(SEED_PATHS[0]), str(SEED_PATHS[1])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    api = client.post("/v1/extract", json={"text": SEED_PATHS[0].read_text(encoding="utf-8")}).get_json()
    assert first["id"] == str(SEED_PATHS[0])
    for feature in ("entities", "quotes", "quantities", "model", "offset_encoding"):
        assert first[feature] == api[feature]


def test_extract_reads_standard_input(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Vladimir Putin met Min Aung Hlaing in Moscow."))
    assert cli.main(["extract", "-", "--include", "entities"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert "quotes" not in body and any(e["label"] == "PERSON" for e in body["entities"])


def test_blank_input_is_reported_and_fails(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("   "))
    assert cli.main(["extract", "-"]) == 1
    assert "skipped" in capsys.readouterr().err


def test_unknown_feature_is_a_usage_error(capsys):
    assert cli.main(["extract", "-", "--include", "sentiment"]) == 2
