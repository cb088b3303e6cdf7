"""The command line reuses the extraction core and prints what the API answers."""

from __future__ import annotations

import io
import json

import pytest

from conftest import SEED_PATHS
from service import __version__, cli


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
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", "-", "--include", "sentiment"])
    assert exit_.value.code == 2
    assert "entities, quotes, quantities" in capsys.readouterr().err


def test_unreadable_files_are_named_one_line_each_and_the_run_goes_on(tmp_path, capsys):
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes("Caf\u00e9 prices rose 5 percent.".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    files = [str(missing), str(tmp_path), str(not_utf8), str(SEED_PATHS[0])]
    status = cli.main(["extract", *files, "--include", "quotes"])
    captured = capsys.readouterr()
    assert status == 1
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == [str(SEED_PATHS[0])]
    errors = captured.err.splitlines()
    assert errors == [
        f"{missing}: skipped: no such file",
        f"{tmp_path}: skipped: is a directory",
        f"{not_utf8}: skipped: not UTF-8 text (byte 3)",
    ]


def test_help_lists_the_choices_in_plain_text(capsys):
    with pytest.raises(SystemExit):
        cli.main(["extract", "--help"])
    help_text = capsys.readouterr().out
    assert "entities,quotes,quantities" in help_text and "codepoint, utf16, utf8" in help_text
    assert "``" not in help_text and ":func:" not in help_text


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"newsfacts {__version__}"


def test_pretty_indents_the_same_object(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Putin said trade rose 40 percent."))
    assert cli.main(["extract", "-", "--pretty"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ") and json.loads(out)["quantities"][0]["text"] == "40 percent"


def test_html_format_writes_the_report_with_the_facts(tmp_path, capsys):
    files = [str(SEED_PATHS[2]), str(SEED_PATHS[3])]
    assert cli.main(["extract", *files, "--format", "html", "--output-dir", str(tmp_path)]) == 0
    pages = sorted(tmp_path.glob("*.html"))
    assert [page.stem for page in pages] == [SEED_PATHS[2].stem, SEED_PATHS[3].stem]
    html = pages[0].read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html and '<script type="application/json" id="facts">' in html
    assert "Putin" in html


def test_html_format_for_several_files_needs_an_output_directory(capsys):
    assert cli.main(["extract", str(SEED_PATHS[0]), str(SEED_PATHS[1]), "--format", "html"]) == 2
    assert "--output-dir" in capsys.readouterr().err
