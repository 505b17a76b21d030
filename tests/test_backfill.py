"""Backfills run the same ``extract`` as a Dask bag job (locally here, in-process): every archived
article gets the API's JSON or an error of its own, in order."""

from __future__ import annotations

import json

import dask
import dask.bag as db
import pytest

from schemas import AnalysisSchema
from service.backfill import backfill_bag, extract_partition, main
from service.extract import extract
from tests.conftest import REFERENCE_DATE

# (record, what comes back): real news sentences, and the archive's broken records.
RECORDS = [
    {
        "id": "dk",
        "text": "Denmark said it was donating 1.7 billion kroner ($249 million).",
        "published": "2023-05-02",
    },
    {
        "id": "ru",
        "text": "Russian Defense Minister Sergei Shoigu said on Monday that the operation continues.",
    },
    {"id": "empty", "text": ""},
    {"id": "bad date", "text": "Shoigu spoke on Tuesday.", "published": "May 2"},
    {"id": "ua", "text": "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready."},
]
EXPECTED_ERRORS = {"empty": "no text", "bad date": "published 'May 2'"}


def _expected(record: dict) -> dict:
    published = REFERENCE_DATE if record.get("published") else None
    return AnalysisSchema().dump(extract(record["text"], published))


def _check(results: list[dict]) -> None:
    assert [r["id"] for r in results] == [r["id"] for r in RECORDS]
    for record, result in zip(RECORDS, results, strict=True):
        if record["id"] in EXPECTED_ERRORS:
            assert EXPECTED_ERRORS[record["id"]] in result["error"] and "analysis" not in result
        else:
            assert result["analysis"] == _expected(record) and "error" not in result


def test_a_partition_is_read_like_single_articles():
    _check(extract_partition(RECORDS))


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_a_dask_bag_of_articles(scheduler):
    bag = db.from_sequence(RECORDS, npartitions=2)
    with dask.config.set(scheduler=scheduler, num_workers=2):
        _check(backfill_bag(bag).compute())


def test_include_limits_the_sections():
    results = backfill_bag(db.from_sequence(RECORDS[:2], npartitions=1), include=("money",)).compute(
        scheduler="sync"
    )
    assert results[0]["analysis"]["money"] and results[0]["analysis"]["entities"] == []


def test_the_command_line_job_from_json_lines_files_to_json_lines_files(tmp_path):
    source = tmp_path / "archive"
    source.mkdir()
    (source / "2023-05.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS[:3]) + "\n")
    (source / "2023-06.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS[3:]))
    assert main([f"{source}/*.jsonl", str(tmp_path / "out"), "--scheduler", "sync"]) == 0
    lines = [line for p in sorted((tmp_path / "out").glob("*.jsonl")) for line in p.read_text().splitlines()]
    _check([json.loads(line) for line in lines])


def test_output_files_end_with_a_newline_so_they_concatenate_into_json_lines(tmp_path):
    """``cat out/*.jsonl``: 40 records in, 40 lines out (the last record of a file no longer runs
    into the first of the next)."""
    source = tmp_path / "archive"
    source.mkdir()
    records = [{"id": f"a{i}", "text": RECORDS[i % 2]["text"]} for i in range(40)]
    for month in range(4):
        chunk = records[month * 10 : (month + 1) * 10]
        (source / f"2023-0{month + 1}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in chunk))
    out = tmp_path / "out"
    assert main([f"{source}/*.jsonl", str(out), "--scheduler", "sync", "--include", "money"]) == 0
    files = sorted(out.glob("*.jsonl"))
    assert len(files) >= 2
    assert all(p.read_bytes().endswith(b"\n") for p in files)
    catted = b"".join(p.read_bytes() for p in files).decode("utf-8")
    lines = catted.splitlines()
    assert len(lines) == 40
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(r["id"] for r in records)
