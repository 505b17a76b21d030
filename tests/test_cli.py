"""The command line: `python -m service extract FILE...`, on the same core, with shell conventions."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import AnalysisSchema
from service.__main__ import main
from service.extract import extract
from tests.conftest import REFERENCE_DATE, SAMPLE

ROOT = Path(__file__).resolve().parent.parent
PROG = "python -m service"
REZNIKOV = "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready."
DENMARK = "Also Tuesday, Denmark said it was donating 1.7 billion kroner (€228 million) in aid to Ukraine."


@pytest.fixture
def files(tmp_path: Path):
    """Write articles to files in a temporary folder; returns their paths as strings."""

    def write(**contents: str | bytes) -> list[str]:
        paths = []
        for name, content in contents.items():
            path = tmp_path / f"{name}.txt"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            paths.append(str(path))
        return paths

    return write


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_one_file_prints_what_the_service_answers(capsys):
    assert main(["extract", str(SAMPLE)]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == AnalysisSchema().dump(extract(SAMPLE.read_text(encoding="utf-8")))
    assert out.err == ""


def test_published_anchors_relative_dates(capsys, files):
    (path,) = files(reznikov=REZNIKOV)
    assert main(["extract", "--published", REFERENCE_DATE.isoformat(), path]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["published"] == "2023-05-02" and body["published_source"] == "request"
    assert [(d["text"], d["value"]) for d in body["dates"]] == [("Monday", "2023-05-01")]


def test_stdin_is_read_when_no_file_is_named(capsys, monkeypatch):
    _stdin(monkeypatch, DENMARK.encode())
    assert main(["extract", "--include", "money"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [(m["amount"], m["currency"]) for m in body["money"]] == [
        ("1700000000", "DKK"),
        ("228000000", "EUR"),
    ]
    assert body["entities"] == [] and body["dates"] == []


def test_many_files_give_json_lines_in_order_with_their_names(capsys, files):
    paths = files(reznikov=REZNIKOV, denmark=DENMARK)
    assert main(["extract", "--include", "money", *paths]) == 0
    out = capsys.readouterr()
    lines = [json.loads(line) for line in out.out.splitlines()]
    assert [line["file"] for line in lines] == paths
    assert [len(line["money"]) for line in lines] == [0, 2]
    assert out.err == ""


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing", None, "No such file or directory"),
        ("empty", "  \n", "empty text"),
        ("latin1", "café".encode("latin-1"), "not valid UTF-8 (byte 3)"),
    ],
)
def test_a_file_that_cannot_be_read_is_reported_and_the_others_are_still_read(
    capsys, files, tmp_path, name, content, reason
):
    (good,) = files(denmark=DENMARK)
    bad = str(tmp_path / f"{name}.txt") if content is None else files(**{name: content})[0]
    assert main(["extract", "--include", "money", bad, good]) == 1
    out = capsys.readouterr()
    assert out.err == f"{PROG}: {bad}: {reason}\n"
    assert [json.loads(line)["file"] for line in out.out.splitlines()] == [good]


def test_a_directory_is_reported(capsys, tmp_path):
    assert main(["extract", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"{PROG}: {tmp_path}: Is a directory\n"


def test_a_byte_order_mark_is_not_part_of_the_text(capsys, files):
    (path,) = files(bom=b"\xef\xbb\xbf" + DENMARK.encode())
    assert main(["extract", "--include", "money", path]) == 0
    assert json.loads(capsys.readouterr().out)["money"][0]["start"] == DENMARK.index("1.7")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "--published", "May 2", "a.txt"], "argument --published: 'May 2'"),
        (["extract", "--include", "people", "a.txt"], "argument --include: 'people': choose among"),
        (["extract", "--jsonl", "--pretty", "a.txt"], "not allowed with argument"),
        (["extract", "-", "-"], "standard input ('-') can be read only once"),
        (["summarise", "a.txt"], "invalid choice: 'summarise'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_exit_2_with_a_message(capsys, argv, message):
    with pytest.raises(SystemExit) as stopped:
        status = main(argv)
        raise SystemExit(status)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_progress_bar_goes_to_stderr_when_asked(capsys, files):
    paths = files(a=REZNIKOV, b=DENMARK, c=REZNIKOV)
    assert main(["extract", "--progress", "--include", "money", *paths]) == 0
    out = capsys.readouterr()
    assert "3/3" in out.err
    assert len(out.out.splitlines()) == 3  # stdout stays clean JSON Lines


def test_pretty_and_jsonl_override_the_default_layout(capsys, files):
    (path,) = files(a=DENMARK)
    assert main(["extract", "--jsonl", "--include", "money", path]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["file"] == path


def test_the_real_command_follows_shell_conventions(tmp_path):
    """In its own process: stdout JSON, `prog: file: reason` on stderr, exit status 1."""
    missing = tmp_path / "gone.txt"
    run = subprocess.run(
        [sys.executable, "-m", "service", "extract", "--include", "money", "-", str(missing)],
        input=DENMARK.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.decode() == f"{PROG}: {missing}: No such file or directory\n"
    (line,) = run.stdout.decode().splitlines()
    assert json.loads(line)["file"] == "-"


def test_web_pages_are_read_as_text_with_offsets_into_the_html(capsys, tmp_path):
    page = tmp_path / "denmark.html"
    source = (
        f"<html><head><title>Aid</title></head><body><p>{DENMARK.replace('Denmark', '<b>Denmark</b>')}</p>"
    )
    page.write_text(source, encoding="utf-8")
    as_text = tmp_path / "denmark.txt"
    as_text.write_text(source, encoding="utf-8")
    assert main(["extract", "--no-progress", "--jsonl", str(page), str(as_text)]) == 0
    html_body, _ = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    money = html_body["money"][0]
    assert source[money["start"] : money["end"]] == money["text"] == "1.7 billion kroner"
    (denmark,) = [e for e in html_body["entities"] if e["name"] == "Denmark"]
    assert [source[m["start"] : m["end"]] for m in denmark["mentions"] if m["kind"] == "proper"] == [
        "Denmark"
    ]
    assert "Aid" not in {e["name"] for e in html_body["entities"]}  # the head is not article text
    # a .txt file is plain text unless --format html says otherwise
    assert main(["extract", "--no-progress", "--format", "html", str(as_text)]) == 0
    assert json.loads(capsys.readouterr().out)["money"] == html_body["money"]


def test_a_page_with_no_text_is_reported(capsys, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><script>x()</script></body></html>")
    assert main(["extract", "--no-progress", str(page)]) == 1
    assert "holds no text" in capsys.readouterr().err
