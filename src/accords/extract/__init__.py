"""From annotated text to agreement records.

Extract (after review): the spans of an article — the annotators', or a person's where they
reviewed them — become agreement records. The rules run candidates, parties, dates,
signatories, grouping and build (:mod:`~accords.extract.passes`), and each record names the
rules that shaped it (:mod:`~accords.extract.rules`); :mod:`~accords.extract.records` is the
record and its JSON Lines and CSV files, :mod:`~accords.extract.project` keeps the project's
records file in step with the articles, their annotations and the rules, and
:mod:`~accords.extract.record_review` keeps a person's decisions on records. Beside the rules
(:data:`~accords.extract.project.NOT_RULES`: changing them re-extracts nothing),
:mod:`~accords.extract.events` merges records into events, :mod:`~accords.extract.evaluate`
scores them against gold records, :mod:`~accords.extract.guard` is the overfitting guard
(``python -m accords cues``; :mod:`~accords.extract.cues` holds the per-language cues the
rules read), :mod:`~accords.extract.batch` streams a corpus in parallel, and
:mod:`~accords.extract.parquet` and :mod:`~accords.extract.scale` write Parquet partitions,
with Dask past one machine.

It may import the base (``paths``, ``lexicon``, ``atomic``, ``spans``, ``codes``), collect,
read, annotate and review, nothing later (``tests/test_layers.py``).

The rules follow the corpus annotation guidelines:

1. **A record needs an agreement and an action in one sentence.** Every ACTION span (signed,
   ratified, entered into force, renewed, terminated) that is not negated is paired with the
   nearest AGREEMENT span of its sentence. Mentions without an action ("the US also has DCAs
   with…"), meetings and statements without a named agreement give nothing.
2. **Planned signings are ``announced``**; other planned steps ("will enter into force", "to be
   ratified") give no record of their own — the text has not said they happened.
3. **Parties** are the states named in the sentence (and the states of the people who sign);
   when the sentence names fewer than two, the states of the headline and lead complete them.
   A record needs two parties, or an organisation, or — for a ratification — the ratifying
   state.
4. **Dates** come only from the record's own sentence (a bare "X and Y signed" has no date);
   relative dates were resolved by the DATE annotator. **Periods** are the PERIOD spans inside
   or right after the agreement's words.
5. **One record per agreement**: candidates of an article that name the same parties and action
   are merged when one of them is generic (a bare "agreement", "accordo", "соглашение") or both
   have the same kind; two specific agreements of different kinds (a programme and its yearly
   plan) stay two records.
6. **Background**: a record dated two or more years before the article's news event (its
   publication date, or the latest date of its other records) is background.

Human-reviewed spans take precedence: :func:`extract_reviewed` runs the same rules over the
spans of the annotation store (human decisions merged with the rules' spans).

>>> from accords import paths
>>> from accords.read.articles import read_article
>>> records = extract(read_article(paths.articles_dir() / "seed-it-001.txt"))
>>> for r in records:
...     print(r.kind, r.date_signed, r.period_start, r.period_end)
strategic_partnership_programme 2021-11-09 2022 2024
cooperation_plan 2021-11-09 2022 2022
"""

from __future__ import annotations

from accords.extract.evidence import evidence_spans, evidence_table
from accords.extract.passes import extract, extract_reviewed, extract_row, status_key
from accords.extract.project import RecordsUpdate, update_project_records
from accords.extract.rules import RULES
from accords.extract.status import (
    BOILERPLATE_SHARE,
    STATUS_CODES,
    ExtractionWarning,
    Status,
    article_status,
)

__all__ = ["BOILERPLATE_SHARE", "RULES", "STATUS_CODES", "ExtractionWarning", "RecordsUpdate",
           "Status", "article_status", "evidence_spans", "evidence_table", "extract",
           "extract_reviewed", "extract_row", "status_key", "update_project_records"]
