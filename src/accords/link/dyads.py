"""Link news-coded agreement records to DCAD and ATOP, label them, and extend the dyad-years.

A news-coded record (:class:`accords.extract.records.AgreementRecord`) names its parties by
ISO3; this module turns each pair of parties into a COW dyad on the signing date (the state
registry is year-aware), then answers three questions. What is counted is the **event**, not
the report: the records of all articles are merged first (:func:`news_events`, by
:func:`accords.extract.events.merge_events`), so one signing reported by two outlets, in two
languages, is one agreement with two sources everywhere below.

**What does the dyad already have?** (:func:`related`) The DCAD agreements of the same dyad
signed before the record (``prior DCA``; DCAD stops in 2010, so whether such a DCA is still
in force after 2010 is not coded), the ATOP alliances whose members' common spell contains
the signing date (``alliance in force on signing date``) or, for a date after ATOP's
coverage (31 Dec 2018), those in force at the end of coverage (``alliance in force at end of
ATOP coverage``), and the other news-coded records of the dyad signed before or on the
same day.

**New, renewal or continuation?** (:func:`classify`) The rule, applied in this order:

1. ``continuation`` — an earlier news-coded record of the same dyad and the same ``kind``
   has a period that ends the year before this record's period starts, or in that same
   year (a programme series: 2019–2021 → 2022–2024);
2. ``renewal`` — the record's ``action`` is ``renewed``, or an earlier news-coded record of
   the same dyad and kind exists whose period does not adjoin (a gap, or no period);
3. ``new`` — otherwise: nothing of the same kind precedes it in the news-coded records.

DCAD and ATOP do not say whether an agreement replaces an older one, so they do not change
the label; their prior agreements are reported beside it (``prior_dcas``,
``alliances_in_force``) so a reader sees what the dyad had before.

**Dyad-years across sources.** (:func:`extended_dyad_years`) DCAD's dyad-years (every pair
of COW system members 1980–2010) united with the news-coded records' dyad-years (from the
signing year, or ``period_start`` when no date is known, to ``period_end``, or the signing
year when no period is known — DCAD's own rule of counting from signature to end). Each row
says which source(s) it comes from; ``coverage`` is ``dcad`` inside DCAD's years (a full
grid: False means no DCA) and ``news-coded only`` outside them, where only dyad-years with
a news-coded record exist and an absent dyad-year is *not observed*, never "no agreement".

>>> from accords.link import dyads
>>> labels = dyads.classify(local=None)  # doctest: +SKIP
>>> labels[["record_id", "kind", "label"]].iloc[0].tolist()  # doctest: +SKIP
['seed-it-001#1', 'strategic_partnership_programme', 'new']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from accords import paths
from accords.datasets.registry import REGISTRY
from accords.extract.events import Event, merge_events
from accords.extract.records import AgreementRecord, read_record_file
from accords.link.frames import check, provide

__all__ = [
    "LABELS",
    "NEWS_SOURCE",
    "RecordsInput",
    "add_news_records",
    "classify",
    "extended_dyad_years",
    "load_news_records",
    "news_events",
    "news_frame",
    "news_records_path",
    "pair_spells",
    "related",
]

LABELS = ("new", "renewal", "continuation")
NEWS_SOURCE = "news"
#: the last day DCAD and ATOP code (from the dataset registry)
DCAD_END = pd.Timestamp(REGISTRY["dcad"].last_day)
ATOP_END = pd.Timestamp(REGISTRY["atop"].last_day)

RecordsInput = Mapping[str, Sequence[AgreementRecord]] | str | Path | None


def news_records_path() -> Path:
    """The project's reviewed news-coded records: ``data/records/news-records.jsonl``."""
    return paths.records_dir() / "news-records.jsonl"


def load_news_records(records: RecordsInput = None) -> dict[str, list[AgreementRecord]]:
    """``{article id: [records]}`` from a mapping, a records file, or (None) the project's file.

    >>> recs = load_news_records()  # doctest: +SKIP
    >>> sorted(recs)[:1]  # doctest: +SKIP
    ['seed-it-001']
    """
    if records is None:
        records = news_records_path()
    if isinstance(records, str | Path):
        return read_record_file(records)
    if not isinstance(records, Mapping):
        raise TypeError(
            f"records must be a mapping {{article id: [AgreementRecord, ...]}}, a path to a "
            f"records file, or None (the project's file); got {type(records).__name__}."
        )
    return {str(k): list(v) for k, v in records.items()}


_NEWS_COLUMNS = [
    "record_id", "article_id", "record", "iso3_1", "iso3_2", "ccode1", "ccode2", "kind",
    "action", "date_signed", "date_precision", "year_signed", "period_start", "period_end",
    "first_year", "last_year", "title_span", "is_background", "sources", "event_id",
    "record_ids", "n_sources",
]


def news_events(records: RecordsInput = None) -> list[tuple[Event, tuple[str, ...]]]:
    """The events the news-coded records report, each with the ids of its records.

    Reports of one signing in several articles (and languages) are one event
    (:func:`accords.extract.events.merge_events`) with every source; the ids are
    ``"<article id>#<n>"``, the earliest published report first: it names the event in the
    frames below.

    >>> from accords.extract.records import AgreementRecord, Source
    >>> def report(doc): return AgreementRecord(parties=("FRA", "IND"), date_signed="2024-03-12",
    ...                                         sources=(Source(doc),))
    >>> [(e.source_ids, ids) for e, ids in news_events({"fr-1": [report("fr-1")],
    ...                                                 "en-1": [report("en-1")]})]
    [(('en-1', 'fr-1'), ('en-1#1', 'fr-1#1'))]
    """
    by_article = load_news_records(records)
    ids: dict[int, str] = {}
    flat = []
    for article_id in sorted(by_article):
        for n, record in enumerate(by_article[article_id], start=1):
            ids[id(record)] = f"{article_id}#{n}"
            flat.append(record)
    out = []
    for event in merge_events(flat):
        members = tuple(ids[id(m)] for m in sorted(event.members,
                                                   key=lambda m: _report_order(m, ids)))
        out.append((event, members))
    return sorted(out, key=lambda pair: _id_order(pair[1][0]))


def _report_order(record: AgreementRecord, ids: Mapping[int, str]) -> tuple:
    """The first report names an event: the earliest published, then by article id (a stable
    choice whatever the article ids are made of)."""
    published = min((s.published for s in record.sources if s.published), default="9999")
    return (published, *_id_order(ids[id(record)]))


def _id_order(record_id: str) -> tuple[str, int]:
    article_id, _, n = record_id.rpartition("#")
    return article_id, int(n)


def _signed(record: AgreementRecord) -> pd.Timestamp | None:
    if record.date_signed is None:
        return None
    text = record.date_signed
    text = text + "-01" * ((10 - len(text)) // 3)
    return pd.Timestamp(text)


def news_frame(records: RecordsInput = None, *, local=None) -> pd.DataFrame:
    """One row per news-coded **event** and pair of its state parties, with COW codes.

    Reports of the same signing in several articles or languages are one event
    (:func:`news_events`), so a signing is counted once however many outlets reported it:
    ``sources`` lists its articles, ``n_sources`` counts them, ``record_ids`` lists its
    records and ``event_id`` is :func:`accords.extract.events.merge_events`' id. ``record_id``
    is the first of its records, ``"<article id>#<n>"`` (n counts from 1 in the file's order), and
    names the event in :func:`related`, :func:`classify` and the dyad-years. COW codes
    are those on the signing date (``ccode1 < ccode2``). ``first_year``/``last_year`` are the
    years the event puts the dyad under an agreement (see the module docstring). Events
    with fewer than two state parties (an organisation alone, one state) have no dyad: they
    are listed with the reason in ``attrs["skipped"]``, never dropped silently.

    >>> frame = news_frame()  # doctest: +SKIP
    >>> row = frame.iloc[0]  # doctest: +SKIP
    >>> row["record_id"], row["ccode1"], row["ccode2"], row["first_year"]  # doctest: +SKIP
    ('seed-it-001#1', 365, 705, 2021)
    """
    frame = events_frame(news_events(records), local=local)
    frame.attrs["file"] = (str(records) if isinstance(records, str | Path) else
                           (str(news_records_path()) if records is None else "in memory"))
    return check(frame, "news")


def events_frame(pairs: Iterable[tuple[Event, Sequence[str]]], *, local=None) -> pd.DataFrame:
    """:func:`news_frame` of events already merged: ``(event, record ids)`` pairs, as
    :func:`news_events` gives them (or :func:`accords.link.query.events` at scale);
    ``attrs["file"]`` is ``"merged events"``."""
    from accords.datasets.states import UnknownStateError, registry

    reg = registry(local)
    rows, skipped = [], []
    for event, record_ids in pairs:
        rec = event.record
        record_id = record_ids[0]
        article_id, _, number = record_id.rpartition("#")
        n = int(number)
        states = [p for p in rec.parties]
        if len(states) < 2:
            skipped.append({"record_id": record_id, "reason": (
                f"{len(states)} state part{'y' if len(states) == 1 else 'ies'} "
                f"({', '.join(states) or 'none'}; organization {rec.organization!r}): "
                "no dyad")})
            continue
        signed = _signed(rec)
        when = signed if signed is not None else (
            rec.period_start if rec.period_start is not None else None)
        first = signed.year if signed is not None else rec.period_start
        last = rec.period_end if rec.period_end is not None else first
        if first is None:
            skipped.append({"record_id": record_id,
                            "reason": "no date_signed and no period: no year to place"})
            continue
        last = max(last, first)
        for a, b in itertools.combinations(states, 2):
            try:
                ca = reg.ccode_for(a, when) if when is not None else reg.lookup(a).ccode
                cb = reg.ccode_for(b, when) if when is not None else reg.lookup(b).ccode
            except UnknownStateError as exc:  # a party that was no state on that date
                skipped.append({"record_id": record_id,
                                "reason": f"{a}–{b}: no COW dyad on {when} ({exc})"})
                continue
            (c1, i1), (c2, i2) = sorted([(ca, a), (cb, b)])
            rows.append({
                "record_id": record_id, "article_id": article_id, "record": n,
                "iso3_1": i1, "iso3_2": i2, "ccode1": c1, "ccode2": c2,
                "kind": rec.kind, "action": rec.action, "date_signed": signed,
                "date_precision": rec.date_precision,
                "year_signed": signed.year if signed is not None else None,
                "period_start": rec.period_start, "period_end": rec.period_end,
                "first_year": first, "last_year": last, "title_span": rec.title_span,
                "is_background": rec.is_background,
                "sources": ";".join(dict.fromkeys(s.doc_id for s in rec.sources))
                or ";".join(dict.fromkeys(i.rpartition("#")[0] for i in record_ids)),
                "event_id": event.id, "record_ids": ";".join(record_ids),
                "n_sources": max(len({s.doc_id for s in rec.sources}), 1),
            })
    frame = pd.DataFrame(rows, columns=_NEWS_COLUMNS)
    for col in ("record", "ccode1", "ccode2", "year_signed", "period_start", "period_end",
                "first_year", "last_year", "n_sources"):
        frame[col] = frame[col].astype("Int64")
    for col in ("record_id", "article_id", "iso3_1", "iso3_2", "kind", "action",
                "date_precision", "title_span", "sources", "event_id", "record_ids"):
        frame[col] = frame[col].astype("string")
    frame["date_signed"] = pd.to_datetime(frame["date_signed"])
    frame["is_background"] = frame["is_background"].astype("boolean")
    frame = frame.sort_values(["ccode1", "ccode2", "date_signed", "record_id"],
                              na_position="first", kind="stable").reset_index(drop=True)
    frame.attrs = {"source": NEWS_SOURCE, "unit": "record dyad", "directed": False,
                   "file": "merged events",
                   "skipped": skipped,
                   "rule": "years from the signing year (or period_start) to period_end "
                           "(or the signing year)"}
    return frame


# ----------------------------------------------------------------------------- related


_RELATED_COLUMNS = [
    "record_id", "ccode1", "ccode2", "relation", "source", "agreement_id", "kind",
    "date_signed", "end", "end_reason", "detail",
]


def _dcad_related(news: pd.DataFrame, d: pd.DataFrame) -> list[dict]:
    lo = d[["ccode1", "ccode2"]].min(axis=1)
    hi = d[["ccode1", "ccode2"]].max(axis=1)
    d = d.assign(c1=lo, c2=hi)
    out = []
    for row in news.itertuples(index=False):
        mine = d[(d["c1"] == row.ccode1) & (d["c2"] == row.ccode2)]
        if pd.notna(row.date_signed):
            mine = mine[mine["sign_date"] < row.date_signed]
        else:
            mine = mine[mine["signYear"] < row.first_year]
        for a in mine.sort_values(["sign_date", "DCAid"]).itertuples(index=False):
            capped = int(a.endYearEstimate) == DCAD_END.year
            out.append({
                "record_id": row.record_id, "ccode1": row.ccode1, "ccode2": row.ccode2,
                "relation": "prior DCA", "source": "dcad", "agreement_id": a.DCAid,
                "kind": f"{a.type} / {a.category1}", "date_signed": a.sign_date,
                "end": pd.Timestamp(f"{int(a.endYearEstimate)}-12-31"),
                "end_reason": (f"in force at end of DCAD coverage ({DCAD_END.year}); not "
                               "coded after" if capped else "endYearEstimate"),
                "detail": f"categoryConf {a.categoryConf}",
            })
    return out


def pair_spells(source: str = "atop", *, local=None) -> pd.DataFrame:
    """ATOP alliance spells per undirected dyad: the days both states were members.

    One row per alliance, pair and overlapping pair of member phases, with ``start``,
    ``end`` (the first day out, ATOP's exit date; NaT = in force at the end of ATOP
    coverage, 31 Dec 2018) and ``end_reason``.
    """
    from accords.datasets import load_atop
    from accords.datasets.states import registry

    if source != "atop":
        raise ValueError(f"pair_spells covers 'atop' only; got {source!r}")
    m = load_atop(local=local)
    m = m[m["member"].isin(registry(local).ccodes())]
    spells = pd.DataFrame({
        "agreement_id": m["atopid"].astype("int64"), "ccode": m["member"].astype("int64"),
        "start": m["entry_date"].astype("datetime64[s]"),
        "end": m["exit_date"].astype("datetime64[s]"),
        "open": m["exit_reason"].notna().to_numpy(),
    })
    pairs = spells.merge(spells, on="agreement_id", suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] < pairs["ccode2"]]
    end1 = pairs["end1"].fillna(ATOP_END)
    end2 = pairs["end2"].fillna(ATOP_END)
    start = pairs[["start1", "start2"]].max(axis=1)
    end = pd.concat([end1, end2], axis=1).min(axis=1)
    open_ = (pairs["open1"] | end1.ne(end)) & (pairs["open2"] | end2.ne(end))
    out = pd.DataFrame({
        "agreement_id": pairs["agreement_id"], "ccode1": pairs["ccode1"],
        "ccode2": pairs["ccode2"], "start": start, "end": end.where(~open_),
    })
    # ATOP's exit date is the first day out: a member joining on the day another leaves
    # never shares the alliance with it (Germany 260 and 255 on 1990-10-03).
    out = out[(start < end) | (out["end"].isna() & (start <= end))]
    out["end_reason"] = pd.Series(pd.NA, index=out.index, dtype="string").mask(
        out["end"].isna(), f"in force on {ATOP_END:%Y-%m-%d} (end of ATOP coverage)")
    out = out.drop_duplicates().sort_values(
        ["ccode1", "ccode2", "start", "agreement_id"]).reset_index(drop=True)
    for col in ("agreement_id", "ccode1", "ccode2"):
        out[col] = out[col].astype("Int64")
    out.attrs = {"source": "atop", "unit": "dyad alliance spell", "directed": False,
                 "coverage": REGISTRY["atop"].coverage}
    return check(out, "spells")


def _atop_related(news: pd.DataFrame, spells: pd.DataFrame, atop: pd.DataFrame) -> list[dict]:
    kinds = atop.set_index("agreement_id")["kind"]
    out = []
    for row in news.itertuples(index=False):
        when = row.date_signed if pd.notna(row.date_signed) else pd.Timestamp(
            f"{int(row.first_year)}-07-01")
        mine = spells[(spells["ccode1"] == row.ccode1) & (spells["ccode2"] == row.ccode2)]
        if when <= ATOP_END:
            in_force = mine["end"].isna() | (mine["end"] > when)  # end: the first day out
            hit = mine[(mine["start"] <= when) & in_force]
            relation = "alliance in force on signing date"
        else:
            hit = mine[mine["end"].isna()]
            relation = "alliance in force at end of ATOP coverage"
        for a in hit.drop_duplicates("agreement_id").itertuples(index=False):
            out.append({
                "record_id": row.record_id, "ccode1": row.ccode1, "ccode2": row.ccode2,
                "relation": relation, "source": "atop", "agreement_id": str(a.agreement_id),
                "kind": kinds.get(str(a.agreement_id), pd.NA), "date_signed": a.start,
                "end": a.end, "end_reason": a.end_reason,
                "detail": (f"status on the signing date not coded (after {ATOP_END.year})"
                           if when > ATOP_END else "dyad's common membership"),
            })
    return out


def _news_related(news: pd.DataFrame) -> list[dict]:
    out = []
    for (_c1, _c2), group in news.groupby(["ccode1", "ccode2"], sort=True):
        for row in group.itertuples(index=False):
            for other in group.itertuples(index=False):
                if other.record_id == row.record_id:
                    continue
                same_day = (pd.notna(row.date_signed) and pd.notna(other.date_signed)
                            and other.date_signed == row.date_signed)
                before = (pd.notna(row.date_signed) and pd.notna(other.date_signed)
                          and other.date_signed < row.date_signed) or (
                    (pd.isna(row.date_signed) or pd.isna(other.date_signed))
                    and other.first_year < row.first_year)
                if not (same_day or before):
                    continue
                out.append({
                    "record_id": row.record_id, "ccode1": row.ccode1, "ccode2": row.ccode2,
                    "relation": "news-coded, same day" if same_day else "prior news-coded",
                    "source": NEWS_SOURCE, "agreement_id": other.record_id,
                    "kind": other.kind, "date_signed": other.date_signed,
                    "end": (pd.Timestamp(f"{int(other.period_end)}-12-31")
                            if pd.notna(other.period_end) else pd.NaT),
                    "end_reason": "period_end" if pd.notna(other.period_end) else pd.NA,
                    "detail": other.title_span,
                })
    return out


def related(records: RecordsInput = None, *, news: pd.DataFrame | None = None,
            dcad: pd.DataFrame | None = None, spells: pd.DataFrame | None = None,
            atop: pd.DataFrame | None = None, local=None) -> pd.DataFrame:
    """For each news-coded record dyad, the related DCAD, ATOP and news-coded agreements.

    ``relation`` is one of ``prior DCA``, ``alliance in force on signing date``, ``alliance
    in force at end of ATOP coverage`` (signing after 2018), ``prior news-coded`` and
    ``news-coded, same day``. Sorted by record, source, signing date.

    The frames it reads may be given, built once elsewhere: ``news`` (:func:`news_frame`,
    instead of ``records``), ``dcad`` (:func:`accords.datasets.load_dcad`), ``spells``
    (:func:`pair_spells`) and ``atop`` (``accords.datasets.model.agreements("atop")``);
    each is checked (:mod:`accords.link.frames`), and one not given is built from ``local``.

    >>> rel = related()  # doctest: +SKIP
    >>> rel.query("source == 'dcad'")["agreement_id"].iloc[0]  # doctest: +SKIP
    'DCADv1.0-1320'
    """
    news = provide("news", news, records=records, local=local)
    dcad = provide("dcad", dcad, local=local)
    spells = provide("spells", spells, local=local)
    atop = provide("atop", atop, local=local)
    rows = (_dcad_related(news, dcad) + _atop_related(news, spells, atop)
            + _news_related(news))
    frame = pd.DataFrame(rows, columns=_RELATED_COLUMNS)
    order = {"news": 0, "dcad": 1, "atop": 2}
    frame = frame.assign(_o=frame["source"].map(order)).sort_values(
        ["record_id", "ccode1", "ccode2", "_o", "date_signed", "agreement_id"],
        kind="stable").drop(columns="_o").reset_index(drop=True)
    for col in ("record_id", "relation", "source", "agreement_id", "kind", "end_reason",
                "detail"):
        frame[col] = frame[col].astype("string")
    for col in ("ccode1", "ccode2"):
        frame[col] = frame[col].astype("Int64")
    for col in ("date_signed", "end"):
        frame[col] = pd.to_datetime(frame[col])
    frame.attrs = {"unit": "record–agreement link", "records": news.attrs.get("file"),
                   "skipped": news.attrs.get("skipped", [])}
    return frame


# ----------------------------------------------------------------------------- classify


def _label(row, earlier: pd.DataFrame) -> tuple[str, str]:
    """(label, basis) for one record dyad given the earlier records of its dyad and kind."""
    if not earlier.empty and pd.notna(row.period_start):
        ends = earlier["period_end"].dropna()
        adjoining = earlier[ends.reindex(earlier.index).between(
            int(row.period_start) - 1, int(row.period_start))]
        if not adjoining.empty:
            prev = adjoining.iloc[-1]
            span = (f"{prev['period_start']}–{prev['period_end']}"
                    if pd.notna(prev["period_start"]) else f"…–{prev['period_end']}")
            return "continuation", (f"follows {prev['record_id']} ({span}) in the same series "
                                    f"({row.period_start}–{row.period_end})")
    if row.action == "renewed":
        return "renewal", "the article says the agreement was renewed (action 'renewed')"
    if not earlier.empty:
        prev = earlier.iloc[-1]
        return "renewal", (f"an earlier {row.kind} of the dyad ({prev['record_id']}) "
                           "whose period does not adjoin this one")
    return "new", f"no earlier {row.kind} of the dyad in the news-coded records"


def classify(records: RecordsInput = None, *, news: pd.DataFrame | None = None,
             dcad: pd.DataFrame | None = None, spells: pd.DataFrame | None = None,
             atop: pd.DataFrame | None = None, local=None) -> pd.DataFrame:
    """Label each news-coded record dyad ``new``, ``renewal`` or ``continuation``.

    The rule is in the module docstring; ``basis`` says which part applied. The columns
    ``prior_dcas`` (DCAD agreements of the dyad signed earlier), ``latest_prior_dca``,
    ``dcas_at_dcad_end`` (those still coded in 2010, DCAD's last year) and
    ``alliances_in_force`` (ATOP ids in force on the signing date, or at the end of ATOP's
    coverage for later signings) tell what the dyad already had. The frames it reads may be
    given, as to :func:`related`.

    >>> labels = classify()  # doctest: +SKIP
    >>> labels.set_index("record_id").loc["seed-it-001#1", "label"]  # doctest: +SKIP
    'new'
    """
    news = provide("news", news, records=records, local=local)
    rel = related(news=news, dcad=dcad, spells=spells, atop=atop, local=local)
    rows = []
    for row in news.itertuples(index=False):
        same = news[(news["ccode1"] == row.ccode1) & (news["ccode2"] == row.ccode2)
                    & (news["kind"] == row.kind) & (news["record_id"] != row.record_id)]
        if pd.notna(row.date_signed):
            earlier = same[same["date_signed"] < row.date_signed]
        else:
            earlier = same[same["first_year"] < row.first_year]
        if pd.notna(row.period_start):
            # a record whose period starts later is never "earlier" in a series
            earlier = earlier[earlier["period_start"].isna()
                              | (earlier["period_start"] < row.period_start)]
        earlier = earlier.sort_values(["first_year", "record_id"])
        label, basis = _label(row, earlier)
        mine = rel[(rel["record_id"] == row.record_id) & (rel["ccode1"] == row.ccode1)
                   & (rel["ccode2"] == row.ccode2)]
        dca = mine[mine["source"] == "dcad"]
        atop = mine[mine["source"] == "atop"]
        rows.append({
            "record_id": row.record_id, "ccode1": row.ccode1, "ccode2": row.ccode2,
            "iso3_1": row.iso3_1, "iso3_2": row.iso3_2, "kind": row.kind,
            "action": row.action, "date_signed": row.date_signed,
            "period_start": row.period_start, "period_end": row.period_end,
            "label": label, "basis": basis,
            "prior_dcas": len(dca),
            "latest_prior_dca": (dca["date_signed"].max() if len(dca) else pd.NaT),
            "dcas_at_dcad_end": int(dca["end"].eq(DCAD_END).sum()),
            "alliances_in_force": ";".join(sorted(atop["agreement_id"].unique(), key=int)),
        })
    frame = pd.DataFrame(rows, columns=[
        "record_id", "ccode1", "ccode2", "iso3_1", "iso3_2", "kind", "action", "date_signed",
        "period_start", "period_end", "label", "basis", "prior_dcas", "latest_prior_dca",
        "dcas_at_dcad_end", "alliances_in_force"])
    for col in ("ccode1", "ccode2", "period_start", "period_end", "prior_dcas",
                "dcas_at_dcad_end"):
        frame[col] = frame[col].astype("Int64")
    for col in ("date_signed", "latest_prior_dca"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("record_id", "iso3_1", "iso3_2", "kind", "action", "label", "basis",
                "alliances_in_force"):
        frame[col] = frame[col].astype("string")
    frame.attrs = {"unit": "record dyad", "labels": LABELS,
                   "rule": "continuation: earlier same-kind record of the dyad whose period "
                           "ends the year before (or the year) this one starts; renewal: "
                           "action 'renewed' or an earlier same-kind record without "
                           "adjoining period; new: otherwise",
                   "skipped": news.attrs.get("skipped", [])}
    return frame


# ----------------------------------------------------------------------------- dyad-years


def extended_dyad_years(
    records: RecordsInput = None, *, flag: str = "dcaAnyV1",
    news: pd.DataFrame | None = None, dcad_years: pd.DataFrame | None = None, local=None,
) -> pd.DataFrame:
    """DCAD dyad-years ∪ news-coded dyad-years, undirected, each row flagged with its source.

    Columns: ``ccode1 < ccode2``, ``year``, ``dcad`` (DCAD's ``flag``; NA outside 1980–2010),
    ``news`` (True where a news-coded record covers the dyad-year; NA where none does,
    since news coding is not a census), ``n_records`` and ``record_ids`` (the news events of
    the dyad-year, each counted once however many reports it has), ``agreement`` (True
    when either source has one, False only where DCAD coded none and no record exists),
    ``source`` (``dcad``, ``news`` or ``dcad+news``: who contributes the row's agreement;
    ``dcad`` for DCAD's no-agreement rows) and ``coverage`` (``dcad`` where DCAD's grid
    holds the dyad-year, ``news-coded only`` elsewhere: other years, or pairs that were not
    both COW members). ``attrs["coverage"]`` repeats the rule. ``news`` (:func:`news_frame`,
    instead of ``records``) and ``dcad_years`` (``accords.datasets.model.dyad_years("dcad")``)
    may be given, built once elsewhere; each is checked.

    >>> ext = extended_dyad_years()  # doctest: +SKIP
    >>> ext.query("year > 2010")["coverage"].unique().tolist()  # doctest: +SKIP
    ['news-coded only']
    """
    from accords.datasets import model
    from accords.datasets.registry import get

    if flag not in model.DCA_FLAGS:
        raise ValueError(f"unknown DCAD flag {flag!r}; choose one of {', '.join(model.DCA_FLAGS)}")
    dcad = provide("dcad_years", dcad_years, local=local, flag=flag)
    dcad = dcad[["ccode1", "ccode2", "year", flag]].rename(columns={flag: "dcad"})
    news = provide("news", news, records=records, local=local)
    if news.empty:
        years = pd.DataFrame(columns=["ccode1", "ccode2", "year", "n_records", "record_ids"])
    else:
        expanded = pd.DataFrame(
            [(r.ccode1, r.ccode2, y, r.record_id) for r in news.itertuples(index=False)
             for y in range(int(r.first_year), int(r.last_year) + 1)],
            columns=["ccode1", "ccode2", "year", "record_id"])
        years = expanded.groupby(["ccode1", "ccode2", "year"], as_index=False).agg(
            n_records=("record_id", "nunique"),
            record_ids=("record_id", lambda s: ";".join(sorted(set(s)))))
    for col in ("ccode1", "ccode2", "year"):
        years[col] = years[col].astype("Int64")
    out = dcad.merge(years, on=["ccode1", "ccode2", "year"], how="outer")
    start, end = get("dcad").coverage
    inside = out["year"].between(start, end)
    out["n_records"] = out["n_records"].fillna(0).astype("Int64")
    out["record_ids"] = out["record_ids"].astype("string")
    has_news = out["n_records"] > 0
    out["news"] = pd.array(has_news.where(has_news, pd.NA), dtype="boolean")
    out["dcad"] = out["dcad"].astype("boolean")
    agreement = out["dcad"].fillna(False) | has_news
    out["agreement"] = pd.array(agreement.where(agreement | out["dcad"].notna(), pd.NA),
                                dtype="boolean")
    dcad_yes = out["dcad"].fillna(False)
    out["source"] = pd.Series("dcad", index=out.index, dtype="string")
    out.loc[has_news & dcad_yes, "source"] = "dcad+news"
    out.loc[has_news & ~dcad_yes, "source"] = NEWS_SOURCE
    out["coverage"] = pd.Series("news-coded only", index=out.index, dtype="string")
    out.loc[inside & out["dcad"].notna(), "coverage"] = "dcad"
    out = out[["ccode1", "ccode2", "year", "dcad", "news", "n_records", "record_ids",
               "agreement", "source", "coverage"]]
    out = out.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    out.attrs = {
        "source": "dcad+news", "unit": "dyad-year", "directed": False, "flag": flag,
        "version": {"dcad": get("dcad").version, NEWS_SOURCE: news.attrs.get("file")},
        "coverage": {
            "dcad": (start, end),
            NEWS_SOURCE: "only dyad-years with a news-coded record; elsewhere not observed",
        },
        "note": (f"Years {start}–{end}: DCAD's full grid of COW member pairs (False = no "
                 f"DCA). Other years: only dyad-years where news-coded records exist; a "
                 "missing dyad-year there is not observed, not 'no agreement'."),
        "skipped": news.attrs.get("skipped", []),
    }
    return check(out, "extended")


def add_news_records(frame: pd.DataFrame, records: RecordsInput = None, *,
                     news: pd.DataFrame | None = None, local=None) -> pd.DataFrame:
    """News-coded agreement records onto a dyad-year frame from the dyad-year grammar.

    Adds ``news_agreement`` (True where an event puts the dyad under an agreement that year,
    by the rule of :func:`news_frame`), ``news_records`` (how many events: reports of one
    signing count once) and ``news_record_ids`` (each event's first record).
    News coding is no census: where no record exists the three are NA (not observed), never
    False or 0. Both directions of a directed frame are filled. ``attrs["news_skipped"]``
    lists the records that could not become dyads, with the reason. ``news``
    (:func:`news_frame`, instead of ``records``) may be given, built once elsewhere.

    >>> from accords.datasets import create_dyadyears
    >>> dy = add_news_records(create_dyadyears(years=(2016, 2018)))  # doctest: +SKIP
    """
    from accords.datasets.grammar import _require

    _require(frame, "add_news_records", ("dyad-year",))
    taken = [c for c in ("news_agreement", "news_records", "news_record_ids") if c in frame]
    if taken:
        raise ValueError(f"the frame already has {', '.join(taken)}: add news records once.")
    return _add_news_frame(frame, provide("news", news, records=records, local=local))


def _add_news_frame(frame: pd.DataFrame, news: pd.DataFrame) -> pd.DataFrame:
    """:func:`add_news_records` with the events' frame (:func:`events_frame`) given."""
    expanded = pd.DataFrame(
        [(r.ccode1, r.ccode2, y, r.record_id) for r in news.itertuples(index=False)
         for y in range(int(r.first_year), int(r.last_year) + 1)],
        columns=["ccode1", "ccode2", "year", "record_id"])
    if frame.attrs.get("directed"):
        mirror = expanded.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
        expanded = pd.concat([expanded, mirror], ignore_index=True)
    keys = ["ccode1", "ccode2", "year"]
    years = expanded.groupby(keys, as_index=False).agg(
        news_records=("record_id", "nunique"),
        news_record_ids=("record_id", lambda s: ";".join(sorted(set(s)))))
    for col in keys:
        years[col] = years[col].astype("Int64")
    out = frame.merge(years, on=keys, how="left", validate="many_to_one")
    out["news_records"] = out["news_records"].astype("Int64")
    out["news_record_ids"] = out["news_record_ids"].astype("string")
    out["news_agreement"] = pd.array(out["news_records"].notna().where(
        out["news_records"].notna(), pd.NA), dtype="boolean")
    out = out[[c for c in out.columns if c not in ("news_agreement",)] + ["news_agreement"]]
    out.attrs = {**frame.attrs, "added": [*frame.attrs.get("added", []), NEWS_SOURCE],
                 "coverage": {**frame.attrs.get("coverage", {}),
                              NEWS_SOURCE: "only dyad-years with a news-coded record"},
                 "news_skipped": news.attrs.get("skipped", [])}
    return out
