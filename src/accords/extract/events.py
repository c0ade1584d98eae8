"""One event per agreement action, however many articles report it.

Records from different articles (and languages) describe the same event when they have

- the same parties (or, without parties, the same organisation), the same ``kind`` and the
  same ``action``;
- compatible signing dates: equal at the precision both give (``2021-11`` is compatible with
  ``2021-11-09``; ``2021-11-08`` is not), or unknown in one of them;
- compatible periods: equal where both give one;
- and at least one shared anchor: a known date in both, or a known period in both. Two
  undated, period-less records are never merged — nothing shows they are one event.

The merged event keeps every source and the union of the evidence. Where sources disagree on
a field (a different place, a different list of signatories, a more or less precise date),
the event takes the most specific date and, for other fields, the value most sources give
(ties: the most precisely dated report), and lists the disagreement in ``conflicts`` with the
sources behind each value: conflicts are shown, never averaged away.

>>> from accords.extract.records import AgreementRecord, Source
>>> it = AgreementRecord(parties=("KAZ", "RUS"), kind="cooperation_plan", action="signed",
...                      date_signed="2021-11-09", sources=(Source("it-1"),))
>>> ru = AgreementRecord(parties=("KAZ", "RUS"), kind="cooperation_plan", action="signed",
...                      date_signed="2021-11", place="Moscow", sources=(Source("ru-7"),))
>>> [e.record.describe() for e in merge_events([it, ru])]
['KAZ–RUS cooperation_plan signed 2021-11-09']
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from accords.extract.records import AgreementRecord

__all__ = ["Event", "compatible", "events_frame", "merge_events"]

_PRECISION_RANK = {None: 0, "year": 1, "month": 2, "day": 3}


@dataclass(frozen=True)
class Event:
    """A merged event: its id, the merged record, and the records it was merged from."""

    id: str
    record: AgreementRecord
    members: tuple[AgreementRecord, ...]

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(s.doc_id for s in self.record.sources)


def _who(record: AgreementRecord) -> tuple:
    return (record.parties, None) if record.parties else ((), (record.organization or "").upper())


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _period(record: AgreementRecord) -> tuple[int | None, int | None]:
    return record.period_start, record.period_end


def compatible(a: AgreementRecord, b: AgreementRecord) -> bool:
    """Whether two records may describe the same event (see the module's rules)."""
    if _who(a) != _who(b) or a.kind != b.kind or a.action != b.action:
        return False
    if not _dates_compatible(a.date_signed, b.date_signed):
        return False
    pa, pb = _period(a), _period(b)
    known_a, known_b = pa != (None, None), pb != (None, None)
    if known_a and known_b and pa != pb:
        return False
    dated = a.date_signed is not None and b.date_signed is not None
    return dated or (known_a and known_b)


def _sort_key(record: AgreementRecord) -> tuple:
    return (record.parties, record.organization or "", record.kind, record.action,
            -_PRECISION_RANK[record.date_precision], record.date_signed or "",
            tuple(s.doc_id for s in record.sources), record.title_span or "",
            json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False))


def _most_specific(values: list[str | None]) -> str | None:
    known = [v for v in values if v is not None]
    return max(known, key=lambda v: (len(v), v)) if known else None


def _merge(members: list[AgreementRecord]) -> AgreementRecord:
    first = members[0]
    conflicts: dict[str, dict[str, list[str]]] = {}

    def note(field: str, render) -> None:
        seen: dict[str, list[str]] = {}
        for member in members:
            value = render(member)
            if value in (None, "", ()):
                continue
            key = value if isinstance(value, str) else "; ".join(map(str, value))
            seen.setdefault(key, []).extend(s.doc_id for s in member.sources)
        if len(seen) > 1:
            conflicts[field] = {k: sorted(set(v)) for k, v in sorted(seen.items())}

    # Titles are not compared: each language names the agreement in its own words.
    for name in ("date_signed", "place", "period_start", "period_end"):
        note(name, lambda m, n=name: None if getattr(m, n) is None else str(getattr(m, n)))
    # the same person written in two scripts ("Sergei Shoigu", "Сергей Шойгу") is no
    # disagreement: signatories are compared only between reports written in one script
    differ: dict[str, list[str]] = {}
    for script in sorted({_script(m) for m in members if m.signatories}):
        seen: dict[str, list[str]] = {}
        for member in (m for m in members if m.signatories and _script(m) == script):
            seen.setdefault("; ".join(member.signatories), []).extend(
                src.doc_id for src in member.sources)
        if len(seen) > 1:
            differ.update({k: sorted(set(v)) for k, v in seen.items()})
    if differ:
        conflicts["signatories"] = dict(sorted(differ.items()))
    note("is_background", lambda m: str(m.is_background))

    def first_known(name: str):
        """The value most sources give; ties go to the most precisely dated report."""
        votes: dict = {}
        for rank, m in enumerate(members):
            value = getattr(m, name)
            if value in (None, ()):
                continue
            count, best_rank = votes.get(value, (0, rank))
            votes[value] = (count + len(m.sources), min(best_rank, rank))
        if not votes:
            return getattr(first, name)
        return min(votes, key=lambda v: (-votes[v][0], votes[v][1]))

    signatories = tuple(dict.fromkeys(n for m in members for n in m.signatories))
    areas = tuple(dict.fromkeys(a for m in members for a in m.areas))
    return replace(
        first,
        date_signed=_most_specific([m.date_signed for m in members]),
        date_evidence=first_known("date_evidence"),
        period_start=first_known("period_start"),
        period_end=first_known("period_end"),
        place=first_known("place"),
        title_span=first_known("title_span"),
        action_date=_most_specific([m.action_date for m in members]),
        signatories=signatories,
        areas=areas,
        # a report of the event as news makes it news, even if others mention it as background
        is_background=all(m.is_background for m in members),
        evidence=tuple(dict.fromkeys(e for m in members for e in m.evidence)),
        sources=tuple(dict.fromkeys(s for m in members for s in m.sources)),
        conflicts=conflicts,
        notes="; ".join(dict.fromkeys(m.notes for m in members if m.notes)) or None,
    )


def _script(record: AgreementRecord) -> str:
    """The script its signatories are written in (the Unicode name's first word of their
    first letter: LATIN, CYRILLIC, ARABIC…), "" without signatories."""
    for name in record.signatories:
        for ch in name:
            if ch.isalpha():
                return unicodedata.name(ch, "").split(" ", 1)[0]
    return ""


def _event_id(record: AgreementRecord) -> str:
    """A readable, stable id: parties (or organisation), signing date, kind, and six hex
    digits of a hash over the fields that make the event (so two events never share one).

    >>> from accords.extract.records import AgreementRecord
    >>> _event_id(AgreementRecord(parties=("KAZ", "RUS"), kind="cooperation_plan",
    ...                           date_signed="2021-11-09"))[:39]
    'ev-KAZ-RUS-2021-11-09-cooperation_plan-'
    """
    key = "|".join([",".join(record.parties), record.organization or "", record.kind,
                    record.action, record.date_signed or "", str(record.period_start),
                    str(record.period_end)])
    who = "-".join(record.parties) or record.organization or "none"
    return (f"ev-{who}-{record.date_signed or 'undated'}-{record.kind}-"
            + hashlib.sha256(key.encode("utf-8")).hexdigest()[:6])


def merge_events(records: Iterable[AgreementRecord]) -> list[Event]:
    """Group records into events (deterministic: the result does not depend on input order).

    Records are taken most precise first; each joins the first event all of whose members it
    is compatible with, or starts a new one.
    """
    groups: list[list[AgreementRecord]] = []
    for record in sorted(records, key=_sort_key):
        for group in groups:
            if all(compatible(record, member) for member in group):
                group.append(record)
                break
        else:
            groups.append([record])
    events = []
    for group in groups:
        merged = _merge(group)
        events.append(Event(_event_id(merged), merged, tuple(group)))
    events.sort(key=lambda e: (e.record.date_signed or "9999", e.id))
    return events


def events_frame(events: Iterable[Event]):
    """One row per event: id, parties, kind, action, date, period, sources, conflicts."""
    import pandas as pd

    rows = []
    for event in events:
        r = event.record
        rows.append({
            "event": event.id, "parties": "–".join(r.parties) or r.organization,
            "kind": r.kind, "action": r.action, "date_signed": r.date_signed,
            "period": (f"{r.period_start}–{r.period_end}" if r.period_start else None),
            "place": r.place, "sources": ", ".join(event.source_ids),
            "conflicts": "; ".join(f"{k}: " + " | ".join(f"{v} ({', '.join(s)})"
                                                        for v, s in vals.items())
                                   for k, vals in r.conflicts.items()) or None,
        })
    return pd.DataFrame(rows, columns=["event", "parties", "kind", "action", "date_signed",
                                       "period", "place", "sources", "conflicts"])
