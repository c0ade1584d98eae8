"""A record lists the named rules that shaped it (issue 10, part 1; design principle 8)."""

from __future__ import annotations

import datetime as dt
import json

from accords import paths
from accords.articles import Article, read_article
from accords.extract import RULES, evidence_table, extract
from accords.records import AgreementRecord


def test_the_seed_records_name_the_rules_behind_their_fields():
    seed = read_article(paths.articles_dir() / "seed-it-001.txt")
    programme, plan = extract(seed)
    assert "date_signed: date-of-the-verb" in programme.rules
    assert "period: period-after-title" in programme.rules
    assert "date_signed: same-occasion" in plan.rules  # the plan's date is the programme's
    for record in (programme, plan):
        assert all(entry.split(": ", 1)[1] in RULES for entry in record.rules)


def test_every_rule_names_the_guideline_it_implements():
    for name, text in RULES.items():
        assert text.split(":", 1)[0].replace(",", " ").split(), name
        assert all(part.isdigit() for part in text.split(":", 1)[0].replace(",", " ").split())


def test_rules_survive_the_json_lines_form():
    text = ("Defence news\nChile will sign a defence cooperation pact with Peru next week.\n"
            "Officials of Ecuador, Chile and Peru are to sign the pact in Quito.")
    [record] = extract(Article(id="r", text=text, title="Defence news", lang="en",
                               published=dt.date(2023, 3, 14)))
    assert "action: planned-signing-announced" in record.rules
    assert "parties: merging-never-widens" in record.rules
    row = json.loads(json.dumps(record.to_json()))
    assert AgreementRecord.from_json(row).rules == record.rules
    assert "rules" not in record.to_json(provenance=False)


def test_the_evidence_table_shows_the_rules_of_each_field():
    seed = read_article(paths.articles_dir() / "seed-it-001.txt")
    table = evidence_table(extract(seed)[0]).set_index("field")
    assert table.loc["date_signed", "rules"] == "date-of-the-verb"
    assert table.loc["signatories", "rules"] == "—"
