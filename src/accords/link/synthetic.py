"""A generated corpus with known records, for trying the scale-out machinery on any size.

:func:`generate` writes short news reports of defence agreements, built from templates written
for this module in six languages (en, it, fr, de, es, ru): two states sign an agreement of a
given kind in a capital on a date. Each article comes with the record it reports (its
``truth``: parties, kind, action, date), so a run can be checked against what was put in.
Nothing here comes from a real article; the states, capitals and dates are drawn with a seeded
random generator, so the same arguments give the same corpus byte for byte.

The corpus is *not* a quality benchmark: its wording is the plain one the rules were written
for. It measures throughput, the engines' equality and the queries.

>>> rows = list(articles(3, seed=7, reports=3))
>>> [(r["lang"], r["truth"]["date_signed"]) for r in rows]  # one event, three reports
[('en', '2017-11-02'), ('fr', '2017-11-02'), ('ru', '2017-11-02')]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from accords.atomic import atomic_open

__all__ = ["LANGS", "STATES", "articles", "generate", "score"]

def _templates() -> dict[str, Any]:
    """The words of the generated articles, by language (``data/synthetic.toml``)."""
    text = (resources.files("accords") / "data" / "synthetic.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_DATA = _templates()
#: ISO3 → name in each language (nominative).
STATES: dict[str, dict[str, str]] = _DATA["states"]
LANGS: tuple[str, ...] = tuple(_DATA["langs"])
_MONTHS: dict[str, str] = _DATA["months"]
#: kind → the agreement's words in each language.
_KINDS: dict[str, dict[str, str]] = _DATA["kinds"]
_TEMPLATES: dict[str, str] = _DATA["templates"]
_SHORT: dict[str, str] = _DATA["short"]


def _capital(name: str) -> str:
    return name[0].upper() + name[1:]


def _event(rng: random.Random, first_year: int, last_year: int) -> dict[str, Any]:
    a, b = rng.sample(sorted(STATES), 2)
    year = rng.randint(first_year, last_year)
    date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return {"parties": sorted((a, b)), "kind": rng.choice(sorted(_KINDS)),
            "action": "signed", "date_signed": date.isoformat()}


def _report(event: dict[str, Any], lang: str, article_id: str) -> dict[str, Any]:
    a, b = event["parties"]
    date = dt.date.fromisoformat(event["date_signed"])
    kind = event["kind"]
    text = _TEMPLATES[lang].format(
        a=STATES[a][lang], b=STATES[b][lang], kind=_KINDS[kind][lang], kind_short=_SHORT[kind],
        day=date.day, month=_MONTHS[lang].split()[date.month - 1], year=date.year)
    lines = text.split("\n")
    lines[0], lines[2] = _capital(lines[0]), _capital(lines[2])
    return {"id": article_id, "lang": lang,
            "published": (date + dt.timedelta(days=1)).isoformat(),
            "url": f"https://news.example.org/{article_id}", "text": "\n".join(lines),
            "truth": dict(event)}


def articles(n: int, *, seed: int = 0, years: tuple[int, int] = (2011, 2024),
             reports: int = 1, prefix: str = "syn-") -> Iterator[dict[str, Any]]:
    """``n`` articles (JSON objects with ``id``, ``lang``, ``published``, ``url``, ``text``
    and ``truth``, the record each reports), drawn with ``seed``; dates within ``years``.
    Each event is reported by 1 to ``reports`` articles, each in another language."""
    if not 1 <= reports <= len(LANGS):
        raise ValueError(f"reports must be between 1 and {len(LANGS)}.")
    rng = random.Random(seed)
    index = 0
    while index < n:
        event = _event(rng, years[0], years[1])
        for lang in rng.sample(LANGS, rng.randint(1, reports)):
            if index == n:
                break
            yield _report(event, lang, f"{prefix}{index:07d}")
            index += 1


def generate(folder: str | Path, n: int, *, partitions: int = 8, seed: int = 0,
             years: tuple[int, int] = (2011, 2024), reports: int = 1) -> list[Path]:
    """Write ``n`` articles (:func:`articles`) as ``partitions`` JSON Lines files
    ``part-000.jsonl`` … in ``folder`` and return their paths. Article ``i`` goes to
    partition ``i % partitions``, so the reports of one event land in different partitions.
    Files are written atomically; the same arguments write the same bytes. Each line keeps
    its ``truth`` (extraction ignores unknown fields).
    """
    if n < 0 or partitions < 1:
        raise ValueError("n must be ≥ 0 and partitions ≥ 1.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part-{part:03d}.jsonl" for part in range(partitions)]
    with contextlib.ExitStack() as stack:
        outs = [stack.enter_context(atomic_open(path)) for path in paths]
        for index, row in enumerate(articles(n, seed=seed, years=years, reports=reports)):
            outs[index % partitions].write(json.dumps(row, ensure_ascii=False) + "\n")
    return paths


def score(out: str | Path, corpus: str | Path) -> pd.DataFrame:
    """Per language: articles, the records put in (``truth``), the records found in the
    Parquet folder ``out``, and how many of those match a truth exactly (parties, kind,
    action and date) — computed in DuckDB over the corpus's JSON Lines and the record
    partitions in place.
    """
    from accords.link.query import connect

    con = connect(out)
    pattern = str(Path(corpus) / "*.jsonl").replace("'", "''")
    frame = con.execute(f"""
        WITH truth AS (
            SELECT id, lang, truth.parties AS parties, truth.kind AS kind,
                   truth.action AS action, truth.date_signed AS date_signed
            FROM read_json('{pattern}', columns = {{id: 'VARCHAR', lang: 'VARCHAR',
                 truth: 'STRUCT(parties VARCHAR[], kind VARCHAR, action VARCHAR,
                                date_signed VARCHAR)'}})),
        found AS (SELECT article_id AS id, parties, kind, action, date_signed FROM records),
        hits AS (SELECT id FROM truth JOIN found USING (id, parties, kind, action, date_signed))
        SELECT t.lang, count(*) AS articles, count(*) AS records_put_in,
               sum((SELECT count(*) FROM found f WHERE f.id = t.id)) AS records_found,
               sum((SELECT count(*) FROM hits h WHERE h.id = t.id)) AS exact
        FROM truth t GROUP BY t.lang ORDER BY t.lang""").df()
    for column in frame.columns[1:]:
        frame[column] = frame[column].astype("int64")
    return frame
