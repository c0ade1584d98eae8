"""The package's one code table: ISO 3166-1 alpha-2 ↔ alpha-3 ↔ COW state code, with dates.

``data/cow_iso3.csv`` lists every ISO code CLDR knows and the Correlates of War code it stands
for, and from/until when (DEU is COW 260, the Federal Republic, until 2 October 1990 and 255
from the next day). The state registry (:mod:`accords.datasets.states`), the state-name tables
(:mod:`accords.read.statenames`) and the annotators all read it through this module.

>>> alpha3("KZ"), ccode("KAZ"), ccode("DEU", "1980-01-01"), ccode("PRI")
('KAZ', 705, 260, None)
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["CodeRow", "alpha3", "ccode", "code_rows", "is_iso3"]


@dataclass(frozen=True, slots=True)
class CodeRow:
    """One row: an ISO code and the COW state it stands for (None: a territory, no COW state)
    between ``valid_from`` and ``valid_to`` (None: open)."""

    iso2: str
    iso3: str
    ccode: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str = ""

    def valid_on(self, date: dt.date | None) -> bool:
        if date is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= date) and \
            (self.valid_to is None or date <= self.valid_to)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def code_rows() -> tuple[CodeRow, ...]:
    """Every row of ``data/cow_iso3.csv``, in file order."""
    path = resources.files("accords") / "data" / "cow_iso3.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    rows = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        try:
            rows.append(CodeRow(row["iso2"], row["iso3"],
                                int(row["ccode"]) if row["ccode"] else None,
                                _date(row["valid_from"]), _date(row["valid_to"]),
                                row.get("note") or ""))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"data/cow_iso3.csv, data row {number}: {exc}; each row needs "
                             "iso2, iso3, an integer ccode or blank, ISO dates or blank") from exc
    return tuple(rows)


@cache
def _by_alpha2() -> dict[str, str]:
    return {r.iso2: r.iso3 for r in code_rows()}


@cache
def _by_alpha3() -> dict[str, tuple[CodeRow, ...]]:
    out: dict[str, list[CodeRow]] = {}
    for row in code_rows():
        out.setdefault(row.iso3, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def alpha3(alpha2: str) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code, or None."""
    return _by_alpha2().get(alpha2.upper())


def is_iso3(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 code of the table."""
    return code in _by_alpha3()


def ccode(iso3: str, date: dt.date | str | None = None) -> int | None:
    """The COW code ``iso3`` stands for on ``date`` (without one: today's holder of the code);
    None for a territory that is no COW state or a date outside the code's validity."""
    when = dt.date.fromisoformat(date) if isinstance(date, str) else date
    for row in _by_alpha3().get(iso3, ()):
        if row.ccode is not None and row.valid_on(when):
            return row.ccode
    return None
