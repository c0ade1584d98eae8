"""Corpora at scale: Parquet partitions with a fixed schema, the local and Dask engines give
the same records and statuses, bad lines are named by file and line, reruns resume."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from accords.extract import parquet, scale
from accords.extract.records import read_record_file
from accords.link import synthetic

distributed = pytest.importorskip("distributed", reason="the scale extra (dask.distributed)")

# Articles written for these tests: several languages, one without a lexicon, one blank body.
OWN = [
    {"id": "t-en", "lang": "en", "text": "Pact\n\nThe defence ministers of Norway and Chile "
     "signed a defence cooperation agreement on 4 March 2020 in Oslo."},
    {"id": "t-it", "lang": "it", "text": "Difesa\n\nI ministri hanno firmato il 2 aprile 2019 "
     "un accordo di cooperazione tecnico-militare tra l'Italia e il Perù."},
    {"id": "t-hy", "lang": "hy", "text": "Պայմանագիր\n\nՆախարարները ստորագրեցին համաձայնագիր։"},
    {"id": "t-ru", "lang": "ru", "text": "Соглашение\n\nРоссия и Монголия 5 мая 2021 года "
     "подписали соглашение о военном сотрудничестве."},
]


def _write(path, rows, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    synthetic.generate(folder, 60, partitions=3, seed=3)
    _write(folder / "own.jsonl", OWN, ["{not json", json.dumps({"text": "no id"}),
                                       json.dumps(OWN[0])])
    return folder


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _tables(out):
    return {t: pa.concat_tables(pq.read_table(p) for p in sorted((out / t).glob("*.parquet")))
            for t in parquet.TABLES}


def test_files_follow_the_documented_schema(corpus, tmp_path):
    out = tmp_path / "out"
    scale.extract_corpus(corpus, out, jobs=1, progress=False)
    for table, schema in parquet.TABLES.items():
        files = sorted((out / table).glob("*.parquet"))
        assert [p.stem for p in files] == ["own", "part-000", "part-001", "part-002"]
        for path in files:
            assert pq.read_schema(path).equals(schema, check_metadata=False), (table, path)


def test_parquet_records_are_the_json_lines_records(corpus, tmp_path):
    jsonl = tmp_path / "own-records.jsonl"
    done = subprocess.run([sys.executable, "-m", "accords", "extract", str(corpus / "own.jsonl"),
                           "-o", str(jsonl), "-j", "1", "-q"], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the bad lines
    out = tmp_path / "out"
    scale.extract_corpus(corpus / "own.jsonl", out, jobs=2, progress=False)
    expected = {k: v for k, v in read_record_file(jsonl).items() if v}
    assert dict(parquet.read_records(out)) == expected
    assert {"t-en", "t-it", "t-ru"} <= set(expected)
    statuses = {json.loads(line)["id"]: json.loads(line)["status"]
                for line in jsonl.read_text(encoding="utf-8").splitlines()}
    articles = pq.read_table(out / "articles" / "own.parquet").to_pylist()
    assert {a["article_id"]: a["status"] for a in articles} == statuses
    assert statuses["t-hy"] == "no_lexicon"


def test_bad_lines_are_named_by_file_and_line_and_the_partition_is_written(corpus, tmp_path):
    report = scale.extract_corpus(corpus / "own.jsonl", tmp_path / "out", jobs=1,
                                  progress=False)
    messages = [str(e) for e in report.errors]
    assert [m.split(": ", 1)[0] for m in messages] == [
        f"{corpus / 'own.jsonl'}:5", f"{corpus / 'own.jsonl'}:6",
        f"{corpus / 'own.jsonl'}:7 (id 't-en')"]
    assert "not valid JSON" in messages[0] and "no 'id'" in messages[1]
    assert "duplicate id (first on line 1)" in messages[2]
    assert report.written == 4 and not report.ok


def test_dask_gives_the_same_tables_as_the_local_engine(corpus, tmp_path, client):
    local = scale.extract_corpus(corpus, tmp_path / "local", jobs=2, progress=False)
    dask = scale.extract_corpus(corpus, tmp_path / "dask", engine="dask", client=client,
                                progress=False)
    assert dask.tallies == local.tallies and dask.records == local.records > 60
    assert [str(e) for e in dask.errors] == [str(e) for e in local.errors]
    for name, table in _tables(tmp_path / "local").items():
        assert _tables(tmp_path / "dask")[name].equals(table), name
    assert sum(dask.workers().values()) == 4 and len(dask.workers()) <= 2


def test_synthetic_articles_give_their_known_records(tmp_path):
    paths = synthetic.generate(tmp_path / "c", 30, partitions=2, seed=11)
    scale.extract_corpus(tmp_path / "c", tmp_path / "out", jobs=1, progress=False)
    truth = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            truth[row["id"]] = row["truth"]
    got = {aid: [{"parties": list(r.parties), "kind": r.kind, "action": r.action,
                  "date_signed": r.date_signed} for r in recs]
           for aid, recs in parquet.read_records(tmp_path / "out")}
    assert got == {aid: [t] for aid, t in truth.items()}
    assert len({t["kind"] for t in truth.values()}) == 2


def test_a_rerun_skips_partitions_already_done_and_redoes_changed_ones(corpus, tmp_path):
    source = tmp_path / "in"
    synthetic.generate(source, 20, partitions=4, seed=5)
    out = tmp_path / "out"
    first = scale.extract_corpus(source, out, jobs=1, progress=False)
    assert first.skipped == 0 and first.written == 20
    before = {p: p.stat().st_mtime_ns for p in (out / "records").glob("*.parquet")}
    (out / "_done" / "part-002.json").unlink()  # as if the job had been killed there
    text = (source / "part-000.jsonl").read_text(encoding="utf-8")
    (source / "part-000.jsonl").write_text(text.replace("syn-0000000", "new-0000000"),
                                           encoding="utf-8")
    again = scale.extract_corpus(source, out, jobs=1, progress=False)
    assert [p.name for p in again.partitions if not p.skipped] == ["part-000", "part-002"]
    assert again.skipped == 2 and again.written == 20
    for path, mtime in before.items():
        if path.stem in ("part-001", "part-003"):
            assert path.stat().st_mtime_ns == mtime
    assert {a for a, _ in parquet.read_records(out, partitions={"part-000"})} >= {"new-0000000"}


def test_a_partition_that_fails_half_way_leaves_no_file(tmp_path):
    result = {"id": "a", "lang": "en", "status": "read", "status_reason": "",
              "agreements": []}
    with pytest.raises(RuntimeError), parquet.PartitionWriter(tmp_path, "p") as writer:
        writer.add(1, result)
        raise RuntimeError("killed")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_parquet_partitions_are_read_with_row_numbers(tmp_path):
    rows = [OWN[0], {"id": "", "text": "x"}, OWN[3]]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "p.parquet")
    report = scale.extract_corpus(tmp_path / "p.parquet", tmp_path / "out", jobs=1,
                                  progress=False)
    assert [str(e) for e in report.errors] == [f"{tmp_path / 'p.parquet'}:2: no 'id'"]
    assert [a for a, _ in parquet.read_records(tmp_path / "out")] == ["t-en", "t-ru"]


def test_inputs_and_outputs_that_would_clash_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder / "x.jsonl", OWN)
    with pytest.raises(ValueError, match="would both write the partition 'x'"):
        scale.extract_corpus(f"{tmp_path}/*/x.jsonl", tmp_path / "out", progress=False)
    with pytest.raises(FileNotFoundError, match=r"no \.jsonl or \.parquet partitions"):
        scale.extract_corpus(tmp_path / "out-missing-folder-glob*", tmp_path / "o")
    with pytest.raises(ValueError, match="engine='dask'"):
        scale.extract_corpus(tmp_path / "a", tmp_path / "o", scheduler="tcp://x:1")


def test_cli_dask_engine_on_a_local_cluster(tmp_path):
    _write(tmp_path / "own.jsonl", OWN)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "accords", "extract", str(tmp_path / "own.jsonl"), "-o",
               str(out), "--engine", "dask", "-j", "1", "-q"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "4 of 4 lines written" in done.stderr and "hy no_lexicon 1" in done.stderr
    local = [*command[:-5], "--format", "parquet", "-j", "1", "-q"]  # the same done markers
    again = subprocess.run(local, capture_output=True, text=True)
    assert "0 partition(s) extracted, 1 already done" in again.stderr, again.stderr


def test_cli_refuses_inconsistent_options(tmp_path):
    _write(tmp_path / "own.jsonl", OWN)
    base = [sys.executable, "-m", "accords", "extract", str(tmp_path / "own.jsonl"), "-o",
            str(tmp_path / "o")]
    done = subprocess.run([*base, "--engine", "dask", "--format", "jsonl"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "writes Parquet partitions" in done.stderr
    done = subprocess.run([*base, "--scheduler", "tcp://127.0.0.1:1"], capture_output=True,
                          text=True)
    assert done.returncode == 2 and "--scheduler needs --engine dask" in done.stderr


def test_an_id_repeated_in_another_partition_is_reported(tmp_path):
    _write(tmp_path / "a.jsonl", OWN[:2])
    _write(tmp_path / "b.jsonl", [OWN[3], OWN[1]])
    report = scale.extract_corpus(tmp_path, tmp_path / "out", jobs=1, progress=False)
    assert [str(d) for d in report.duplicates] == [
        f"{tmp_path / 'b.jsonl'}:2 (id 't-it'): duplicate id: also written from "
        f"{tmp_path / 'a.jsonl'} line 2; ids must be unique across the corpus, rename one"]
    assert not report.ok and report.written == 4
