"""A record lists the named rules that shaped it (issue 10, part 1; design principle 8)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accords import paths
from accords.extract import RULES, evidence_table, extract
from accords.extract.records import AgreementRecord
from accords.read.articles import Article, read_article


def test_the_seed_records_name_the_rules_behind_their_fields():
    seed = read_article(paths.articles_dir() / "seed-it-001.txt")
    programme, plan = extract(seed)
    assert "date_signed: date-of-the-verb" in programme.rules
    assert "period: period-after-title" in programme.rules
    assert "parties: parties-from-officials" in programme.rules  # the signers' states
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


RULE_EXAMPLES = [
    ("parties: parties-from-lead", "en", "Chile and Peru deepen their ties\nLIMA – The two "
     "governments signed a defence cooperation agreement on Monday."),
    ("place: dateline-place", "en", "Chile and Peru sign a pact\nLIMA – Chile and Peru signed a "
     "defence cooperation agreement on Monday."),
    ("action: furthest-step", "en", "Defence news\nChile and Peru signed a defence cooperation "
     "agreement in May; Peru ratified the defence cooperation agreement on Monday."),
    ("is_background: old-date-background", "en", "Defence news\nChile and Peru signed a new "
     "defence cooperation plan on Monday. They had signed a defence cooperation agreement in "
     "2015."),
    ("is_background: vote-today-is-news", "it", "Notizie\nLa Camera ha approvato il disegno di "
     "legge di ratifica dell'accordo di cooperazione nel settore della difesa tra l'Italia e il "
     "Cile, fatto a Roma il 3 maggio 2016."),
    ("parties: party-from-host-capital", "it", "Notizie\nIl ministro della Difesa cileno ha "
     "firmato oggi a Roma un accordo di cooperazione militare."),
    ("parties: parties-from-capitals", "it", "Notizie\nRoma e Santiago firmeranno il prossimo "
     "mese un accordo di cooperazione militare."),
    ("action: ratification-law", "ru", "Новости\nПрезидент России подписал закон о ратификации "
     "соглашения о военном сотрудничестве с Лаосом."),
]


@pytest.mark.parametrize(("entry", "lang", "text"), RULE_EXAMPLES)
def test_each_named_rule_is_listed_on_the_record_it_shapes(entry, lang, text):
    found = extract(Article(id="r", text=text, title=text.split("\n", 1)[0], lang=lang,
                            published=dt.date(2023, 3, 14)))
    assert any(entry in r.rules for r in found), [(r.describe(), r.rules) for r in found]
