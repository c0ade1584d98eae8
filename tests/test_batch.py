"""Corpus runs: streaming, parallel, ordered, and a bad line never loses the rest."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from accords.extract.batch import echo_id, run


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_output_keeps_input_order_across_workers(tmp_path, jobs):
    rows = [json.dumps({"id": f"a{i}", "text": "x" * i}) for i in range(1000)]
    source = write_lines(tmp_path / "in.jsonl", rows)
    report = run(source, tmp_path / "out.jsonl", task=echo_id, jobs=jobs, batch_size=7,
                 progress=False)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in out] == [f"a{i}" for i in range(1000)]
    assert report.ok and report.read == report.written == 1000


def test_bad_lines_are_reported_by_number_and_the_rest_is_written(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": "ok"}), "{broken", json.dumps({"text": "no id"}), "",
        json.dumps(["not", "an", "object"]), json.dumps({"id": "b", "text": "ok"}),
    ])
    report = run(source, tmp_path / "out.jsonl", task=echo_id, progress=False)
    assert [(e.line, e.message.split(" (")[0]) for e in report.errors] == [
        (2, "not valid JSON"), (3, "no 'id'"), (5, "not a JSON object")]
    assert [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()] \
        == ["a", "b"]


def _fails_on_b(row):
    if row["id"] == "b":
        raise ValueError("cannot handle b")
    return {"id": row["id"]}


def test_an_exception_in_the_task_names_line_and_id(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": i}) for i in "abc"])
    report = run(source, tmp_path / "out.jsonl", task=_fails_on_b, jobs=2, batch_size=1,
                 progress=False)
    assert [str(e) for e in report.errors] == ["line 2 (id 'b'): ValueError: cannot handle b"]
    assert report.written == 2


def test_an_interrupted_run_leaves_no_partial_output(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": i}) for i in "abc"])
    target = tmp_path / "out.jsonl"
    target.write_text("previous results\n", encoding="utf-8")

    def explode(row):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(source, target, task=explode, progress=False)
    assert target.read_text(encoding="utf-8") == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_cli_read_gives_the_layout_of_each_article(tmp_path, dev_corpus_path):
    out = tmp_path / "layout.jsonl"
    done = subprocess.run([sys.executable, "-m", "accords", "read", str(dev_corpus_path),
                           "-o", str(out), "--jobs", "2", "--quiet"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 50 and rows[0]["id"] == "seed-it-001"
    assert rows[0]["dateline"]["place"] == "Mosca"
    assert "50 of 50 lines written" in done.stderr


def test_cli_read_exits_1_and_names_the_bad_line(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": "a", "text": "Ciao."}),
                                                 json.dumps({"id": "b"})])
    done = subprocess.run([sys.executable, "-m", "accords", "read", str(source), "-o",
                           str(tmp_path / "o.jsonl"), "-q"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "line 2 (id 'b'): ArticleError" in done.stderr and "no 'text' field" in done.stderr
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 1
