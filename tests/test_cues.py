"""The overfitting guard (accords.extract.guard) and its command line, on articles written here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accords import lexicon
from accords.__main__ import main
from accords.extract import extract_row
from accords.extract import guard as guard_module
from accords.extract.guard import (
    Cue,
    GuardReport,
    count_firing,
    enumerate_cues,
    guard,
    lexicon_caches,
    switched_off,
)
from accords.read.articles import Article

SRC = Path(__file__).resolve().parents[1] / "src" / "accords"

# Three short Italian articles, written for these tests.
ROWS = [
    {"id": "t-1", "lang": "it", "published": "2023-03-04",
     "text": "Italia e Croazia, intesa sulla difesa\nI ministri della Difesa dell'Italia e "
             "della Croazia hanno firmato ieri a Zagabria un accordo di cooperazione nel "
             "settore della difesa.",
     "agreements": [{"parties": ["HRV", "ITA"], "kind": "defense_cooperation_agreement",
                     "action": "signed", "date_signed": "2023-03-03", "place": "Zagreb",
                     "is_background": False}]},
    {"id": "t-2", "lang": "it", "published": "2023-05-10",
     "text": "Incontro a Roma\nIl ministro della Difesa ha incontrato oggi il suo omologo "
             "greco per discutere di esercitazioni congiunte.",
     "agreements": [], "negative": True},
    {"id": "t-3", "lang": "it", "published": "2022-01-20",
     "text": "Accordo Grecia-Cipro\nGrecia e Cipro hanno sottoscritto martedì un programma "
             "di cooperazione militare per il 2022.",
     "agreements": [{"parties": ["CYP", "GRC"], "kind": "defense_cooperation_agreement",
                     "action": "signed", "date_signed": "2022-01-18", "period_start": 2022,
                     "period_end": 2022, "is_background": False}]},
]


def _article(row: dict) -> Article:
    return Article(id=row["id"], text=row["text"], lang=row["lang"])


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "mini.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS),
                    encoding="utf-8")
    return path


# --------------------------------------------------------------------------- enumeration


def test_walk_enumerates_lists_tables_and_pairs_and_skips_settings():
    tiny = {
        "stopwords": ["il", "la"],
        "actions": {"verbs": {"signed": ["firmat\\w*"], "renewed": ["rinnovat\\w*"]},
                    "planned_cues": ["dovrebbe"], "planned_window": 4},
        "agreements": {"heads": {"accord[oi]": "other"},
                       "kinds": [["difesa", "defense_cooperation_agreement"]],
                       "left_modifier": "x+"},
        "inflect": {"adjective": {"o": ["o", "a"]}},
        "ordinal_dot": False,
    }
    unmapped: set[str] = set()
    found = list(guard_module._walk("it", "tiny.toml", tiny, (), unmapped))
    got = {(c.key, c.cue, c.mode) for c in found}
    assert got == {
        ("stopwords", "il", "token"), ("stopwords", "la", "token"),
        ("actions.verbs.signed", "firmat\\w*", "regex_bounded"),
        ("actions.verbs.renewed", "rinnovat\\w*", "regex_bounded"),
        ("actions.planned_cues", "dovrebbe", "words"),
        ("agreements.heads", "accord[oi]", "regex_bounded"),
        ("agreements.kinds", "difesa", "regex"),
    }
    assert unmapped == set()


def test_unknown_key_is_reported_not_dropped():
    unmapped: set[str] = set()
    found = list(guard_module._walk("it", "tiny.toml", {"new_cues": ["abc"]}, (), unmapped))
    assert [c.cue for c in found] == ["abc"] and unmapped == {"new_cues"}


def test_every_key_of_the_project_lexicons_has_a_compile_rule():
    unmapped: set[str] = set()
    cues = enumerate_cues(unmapped=unmapped)
    assert unmapped == set()
    assert {c.lang for c in cues} == {*lexicon.available_languages(), "common"}
    assert not any(c.key.split(".")[0] in guard_module.NOT_CUES for c in cues)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(lexicon.LexiconError, match=r"no lexicon for language 'xx'.*it"):
        enumerate_cues(["xx"])


# --------------------------------------------------------------------------- counting


def test_a_cue_firing_on_one_article_is_flagged():
    articles = [_article(r) for r in ROWS]
    once = Cue("it", "tiny.toml", "actions.planned_cues", "omologo", "words")
    twice = Cue("it", "tiny.toml", "agreements.defence_cues", "difes", "regex")
    never = Cue("it", "tiny.toml", "actions.planned_cues", "dovrebbe", "words")
    other_lang = Cue("en", "tiny.toml", "actions.planned_cues", "omologo", "words")
    firing = count_firing([once, twice, never, other_lang], articles)
    assert firing == {once: ["t-2"], twice: ["t-1", "t-2"], never: [], other_lang: []}
    report = GuardReport(corpora=["mini"], articles=3, cues=4, firing=firing, before={},
                         after={})
    assert report.flagged == [(once, "t-2")]
    assert report.per_language()["it"] == {"cues": 3, "none": 1, "single": 1, "several": 1}


def test_firing_follows_the_codes_bounds_and_case_rules():
    article = Article(id="a", lang="it",
                      text="Dovrebbero firmare; la kazakistan minuscola; Kazakistan.")
    word = Cue("it", "t", "actions.planned_cues", "dovrebbe", "words")  # not in "Dovrebbero"
    regex = Cue("it", "t", "agreements.defence_cues", "dovrebbe", "regex")  # unbounded
    name = Cue("it", "t", "state_names.KAZ", "Kazakistan", "gazetteer")
    lower_only = Article(id="b", lang="it", text="la kazakistan minuscola")
    firing = count_firing([word, regex, name], [article, lower_only])
    assert firing[word] == [] and firing[regex] == ["a"]
    assert firing[name] == ["a"]  # a capitalised name needs its capital


def test_common_cues_fire_in_any_language():
    cue = Cue("common", "t", "orgs.NATO", "NATO", "gazetteer")
    articles = [Article(id="p", text="Wojska NATO w Polsce.", lang="pl"),
                Article(id="q", text="La nato", lang="it")]
    assert count_firing([cue], articles)[cue] == ["p"]


# --------------------------------------------------------------------------- switching off


def _signed_cues():
    return [c for c in enumerate_cues(["it"])
            if c.key in ("actions.verbs.signed", "actions.paradigms.signed")]


def test_switching_cues_off_changes_extraction_and_is_restored():
    original = lexicon.load_lexicon
    assert extract_row(ROWS[0])["agreements"]
    with switched_off(_signed_cues()) as pruned:
        assert "signed" not in pruned["it"]["actions"]["verbs"]
        assert extract_row(ROWS[0])["agreements"] == []
        from accords.annotate import rules

        assert rules.load_lexicon is not original
    from accords.annotate import rules

    assert rules.load_lexicon is original and lexicon.load_lexicon is original
    assert all(cache.cache_info().currsize == 0 for cache in lexicon_caches().values())
    assert extract_row(ROWS[0])["agreements"][0]["action"] == "signed"


def test_caches_are_cleared_on_entry_and_exit():
    from accords.annotate import rules

    rules._action_rules("it")
    assert rules._action_rules.cache_info().currsize > 0
    with switched_off(_signed_cues()):
        assert rules._action_rules.cache_info().currsize == 0
        assert not rules._action_rules("it").verbs.search("hanno firmato")
    assert rules._action_rules.cache_info().currsize == 0
    assert rules._action_rules("it").verbs.search("hanno firmato")


def test_restored_after_an_error_and_not_nested():
    original = lexicon.load_lexicon
    with pytest.raises(ZeroDivisionError), switched_off(_signed_cues()):
        1 / 0  # noqa: B018
    assert lexicon.load_lexicon is original
    with switched_off([]), pytest.raises(RuntimeError, match="already active"), \
            switched_off([]):
        pass
    assert lexicon.load_lexicon is original


def test_positional_names_are_blanked_not_removed():
    january = [c for c in enumerate_cues(["it"]) if c.key == "months" and c.cue == "gennaio"]
    assert len(january) == 1
    with switched_off(january) as pruned:
        months = pruned["it"]["months"]
        assert len(months) == 12 and months[10] == "novembre"
        row = {**ROWS[0], "text": ROWS[0]["text"].replace("ieri", "il 3 marzo 2023")}
        assert extract_row(row)["agreements"][0]["date_signed"] == "2023-03-03"


def test_every_cache_in_the_source_is_cleared_or_known_to_be_lexicon_free():
    import importlib
    import pkgutil

    import accords

    for info in pkgutil.walk_packages(accords.__path__, "accords."):
        importlib.import_module(info.name)  # a cache counts whichever tests ran before
    declared = set()
    for path in SRC.rglob("*.py"):
        module = "accords." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"^@(?:functools\.)?(?:cache|lru_cache\([^)]*\))\s*\ndef (\w+)",
                               text, flags=re.M):
            declared.add(f"{module}.{name}")
    found = set(lexicon_caches())
    assert declared == found | (declared & guard_module._KEEP)
    assert found <= declared


# --------------------------------------------------------------------------- guard and CLI


def test_guard_on_a_small_corpus(corpus: Path):
    report = guard([corpus], ["it"])
    assert report.articles == 3 and report.cues > 100
    assert report.flagged and all(len(report.firing[c]) == 1 for c, _ in report.flagged)
    name = str(corpus)
    assert report.before[name]["detection_f1"] == 1.0
    assert set(report.after) == {name}
    flagged_keys = {(c.key, c.cue) for c, _ in report.flagged}
    assert ("place_cues", "a") not in flagged_keys  # "a Zagabria", "a Roma": two articles


def test_cli_text_and_json(corpus: Path, capsys):
    assert main(["cues", "--corpus", str(corpus), "--lang", "it"]) == 0
    out = capsys.readouterr().out
    assert "cues firing on exactly one article" in out and "mini.jsonl   before" in out
    assert main(["cues", "--corpus", str(corpus), "--lang", "it", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 3 and data["flagged"][0].keys() >= {"lang", "file", "key",
                                                                     "cue", "article"}
    assert set(data["before"]) == set(data["after"]) == {str(corpus)}


def test_cli_errors(tmp_path: Path, corpus: Path, capsys):
    missing = tmp_path / "absent.jsonl"
    assert main(["cues", "--corpus", str(missing)]) == 2
    assert f"{missing}: no such corpus file" in capsys.readouterr().err
    assert main(["cues", "--corpus", str(corpus), "--lang", "xx"]) == 2
    assert "no lexicon for language 'xx'" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["cues", "--corpus", str(bad)]) == 2
    assert f"{bad}:1: each line needs" in capsys.readouterr().err


def test_cli_skips_without_the_shared_corpus(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("ACCORDS_SHARED_DIR", str(tmp_path / "nowhere"))
    assert main(["cues"]) == 0
    assert "skipped: no development corpus" in capsys.readouterr().err


def test_guard_on_the_development_corpus(shared_dir: Path):
    corpora = [shared_dir / "corpus" / n for n in ("dev.jsonl", "dev2.jsonl")]
    missing = [p for p in corpora if not p.is_file()]
    if missing:
        pytest.skip(f"{missing[0]} is missing")
    report = guard(corpora)
    assert report.articles == sum(1 for p in corpora for line in p.open() if line.strip())
    assert report.flagged
    from accords.extract.guard import load_corpus, quality

    for path in corpora:
        # switching off was undone: the pipeline scores as before
        assert quality(load_corpus(path)) == report.before[str(path)]


def test_bench_quality_on_a_small_corpus(corpus: Path, capsys):
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_quality.py"
    spec = importlib.util.spec_from_file_location("bench_quality", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "mini.jsonl: 3 articles, 2 predicted records, 2 gold news records" in out
    assert "field accuracy: kind" in out
    assert bench.main(["--corpus", str(corpus), "--json", "--guard"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sets"][0]["languages"]["it"]["articles"] == 3
    assert data["guard"]["flagged_by_corpus"][str(corpus)] == len(data["guard"]["flagged"])
    assert bench.main(["--corpus", str(corpus.with_name("absent.jsonl"))]) == 2
    assert "absent.jsonl: no such corpus file" in capsys.readouterr().err
