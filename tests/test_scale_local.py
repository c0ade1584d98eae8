"""One machine first: the extract command uses every core by default, and the lexicons are
compiled once in the parent before the worker processes fork."""

from __future__ import annotations

import json

import pytest

from accords.__main__ import build_parser
from accords.extract.batch import available_cores, run


def test_extract_uses_all_cores_by_default():
    args = build_parser().parse_args(["extract", "in.jsonl", "-o", "out.jsonl"])
    assert args.jobs == 0  # 0 = available_cores() in batch.run
    assert available_cores() >= 1
    assert build_parser().parse_args(["read", "in.jsonl", "-o", "o.jsonl"]).jobs == 1


_PREPARED: list[int] = []


def _prepare():
    _PREPARED.append(1)


def _prepared_in_worker(row):
    return {"id": row["id"], "prepared": len(_PREPARED)}


def test_prepare_runs_once_in_the_parent_and_forked_workers_inherit_it(tmp_path):
    _PREPARED.clear()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{i}"}) + "\n" for i in range(20)),
                      encoding="utf-8")
    report = run(source, tmp_path / "out.jsonl", task=_prepared_in_worker, jobs=2,
                 batch_size=3, progress=False, prepare=_prepare)
    assert report.ok and _PREPARED == [1]
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert {r["prepared"] for r in rows} == {1}  # each worker saw the parent's preparation


def test_prepare_is_not_called_for_one_job(tmp_path):
    _PREPARED.clear()
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a"}) + "\n", encoding="utf-8")
    run(source, tmp_path / "out.jsonl", task=_prepared_in_worker, jobs=1, progress=False,
        prepare=_prepare)
    assert _PREPARED == []


def test_warming_compiles_the_lexicons_of_every_language():
    from accords.annotate import gazetteer
    from accords.extract.batch import warm_extraction
    from accords.lexicon import available_languages, load_lexicon

    warm_extraction()
    cached = load_lexicon.cache_info().currsize
    assert cached >= len(available_languages())
    before = {name: f.cache_info().misses for name, f in vars(gazetteer).items()
              if callable(f) and hasattr(f, "cache_info")}
    warm_extraction()
    after = {name: f.cache_info().misses for name, f in vars(gazetteer).items()
             if callable(f) and hasattr(f, "cache_info")}
    assert before == after  # nothing compiled the second time


@pytest.mark.parametrize("name", ["accords.extract.batch", "accords.extract.parquet",
                                  "accords.extract.scale", "accords.link.query",
                                  "accords.link.synthetic"])
def test_docstring_examples_of_the_scale_modules(name):
    import doctest
    import importlib

    pytest.importorskip("duckdb", reason="the scale extra (duckdb)")
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0, name
