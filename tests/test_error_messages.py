"""A catalogue of bad command-line inputs (issue 13): every message names the file (or the
value) that is wrong and says what to do, never a bare OS error or a temporary path, and the
exit status says nothing (2) or part (1) was done."""

from __future__ import annotations

import pytest

from accords.__main__ import main


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.jsonl").write_text('{"id": "a", "text": "Roma"}\n', encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": \n', encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


CASES = [
    # argv, exit status, words the message must hold
    (["extract", "missing.jsonl", "-o", "out.jsonl", "-q"], 2, ["missing.jsonl", "check the path"]),
    (["extract", "folder", "-o", "out.jsonl", "-q"], 2, ["folder", "is a folder", "give one"]),
    (["extract", "ok.jsonl", "-o", "folder", "-q"], 2, ["folder", "give the output file's path"]),
    (["extract", "ok.jsonl", "-o", "ok.jsonl", "-q"], 2, ["ok.jsonl"]),
    (["extract", "broken.jsonl", "-o", "out.jsonl", "-q"], 1, ["broken.jsonl", "line 1",
                                                              "not valid JSON"]),
    (["read", "missing.jsonl", "-o", "out.jsonl", "-q"], 2, ["missing.jsonl", "check the path"]),
    (["evaluate", "missing.jsonl", "ok.jsonl"], 2, ["missing.jsonl"]),
    (["lexicon", "check", "nowhere"], 2, ["nowhere", "no such lexicon folder"]),
    (["collect", "urls", "missing.txt", "-o", "c.jsonl", "-q"], 2, ["missing.txt",
                                                                  "one http(s) URL a line"]),
    (["collect", "warc", "missing.warc", "-o", "c.jsonl", "-q"], 1, ["missing.warc",
                                                                   "check the paths"]),
    (["collect", "gdelt", "--from", "2021-13-01", "--to", "2021-13-02", "-o", "c.jsonl", "-q"],
     2, ["2021-13-01", "YYYY-MM-DD"]),
    (["export", "records", "-o", "x.txt", "--records", "ok.jsonl"], 2, ["x.txt", ".dta"]),
]


@pytest.mark.parametrize(("argv", "status", "words"), CASES,
                         ids=[" ".join(c[0][:2]) + f" {i}" for i, c in enumerate(CASES)])
def test_a_bad_input_is_named_with_what_to_do(files, capsys, argv, status, words):
    assert main(argv) == status
    err = capsys.readouterr().err
    for word in words:
        assert word in err, err
    assert "Errno" not in err and ".tmp" not in err, err
