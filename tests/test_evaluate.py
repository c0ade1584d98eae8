"""`accords.extract.evaluate` gives exactly what the project's scorer gives."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys

import pytest

from accords.extract.evaluate import score


@pytest.fixture(scope="module")
def reference_scorer(shared_dir):
    path = shared_dir / "tools" / "score_extraction.py"
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perturb(gold_rows, seed):
    """Predictions made from gold by dropping, altering and inventing records."""
    rng = random.Random(seed)
    predicted = {}
    kinds = ["cooperation_plan", "defense_cooperation_agreement", "other"]
    for row in gold_rows:
        records = []
        for record in row["agreements"]:
            if rng.random() < 0.2:
                continue
            record = copy.deepcopy(record)
            if rng.random() < 0.3:
                record["kind"] = rng.choice(kinds)
            if rng.random() < 0.3:
                record["date_signed"] = None
            if rng.random() < 0.2:
                record["action"] = "announced"
            if rng.random() < 0.2:
                record["signatories"] = [s.upper() for s in record["signatories"]][:1]
            if rng.random() < 0.2:
                record["place"] = (record.get("place") or "x").lower()
            records.append(record)
        if rng.random() < 0.25:
            records.append({"parties": ["FRA", "ITA"], "kind": "other", "action": "signed",
                            "date_signed": None})
        if rng.random() < 0.1 and records:
            records.append(copy.deepcopy(records[0]))
        predicted[row["id"]] = {"id": row["id"], "agreements": records}
    return predicted


@pytest.mark.parametrize("seed", range(8))
def test_scores_match_the_reference_scorer(dev_rows, reference_scorer, seed):
    gold = {row["id"]: row for row in dev_rows}
    predicted = perturb(dev_rows, seed)
    assert score(gold, predicted) == reference_scorer.score(gold, predicted)


def test_gold_against_itself_is_perfect(dev_rows):
    gold = {row["id"]: row for row in dev_rows}
    result = score(gold, gold)
    assert result["detection_f1"] == 1.0 and result["strict_f1"] == 1.0
    assert result["hallucination_rate"] == 0.0


def test_cli_evaluate_prints_the_report(tmp_path, dev_corpus_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "accords", "evaluate", str(dev_corpus_path),
                          str(pred), "--json"], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["predicted_records"] == 0 and result["detection_recall"] == 0.0


def test_cli_evaluate_names_a_bad_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "agreements": []}\n{oops\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "accords", "evaluate", str(gold), str(gold)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert "gold.jsonl:2: not valid JSON" in out.stderr
