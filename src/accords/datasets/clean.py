"""Helpers shared by the loaders: reading CSVs as text, schema validation, dates, sentinels.

>>> import pandas as pd
>>> date, precision = assemble_date(pd.Series([2021]), pd.Series([11]), pd.Series([pd.NA]))
>>> str(date[0].date()), precision[0]
('2021-11-01', 'month')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["DatasetSchemaError", "assemble_date", "decode_codes", "read_text_csv", "validate"]


class DatasetSchemaError(ValueError):
    """A dataset file does not match its schema: columns, types or codes.

    ``failures`` is a frame with one row per problem (column, check, value, row), where
    ``row`` is the line number in the file (the header is line 1).
    """

    def __init__(self, file: Path | str, failures: pd.DataFrame, what_to_do: str):
        self.file = Path(file)
        self.failures = failures
        lines = [f"{self.file.name} does not match its schema ({self.file}):"]
        for (column, check), group in failures.groupby(["column", "check"], sort=True,
                                                       dropna=False):
            rows = [int(r) for r in group["row"].tolist() if r is not None and not pd.isna(r)]
            if check == "column_in_dataframe":
                lines.append(f"  - column {column!r} is missing")
                continue
            values = group["value"].astype(str).unique().tolist()[:5]
            where = (f"rows {', '.join(map(str, rows[:10]))}" + (" …" if len(rows) > 10 else "")
                     if rows else "whole column")
            lines.append(f"  - column {column!r}: fails {check}; {where}; values {values}")
        lines.append(what_to_do)
        super().__init__("\n".join(lines))


def read_text_csv(path: Path | str) -> pd.DataFrame:
    """Read a CSV with every cell as text; only empty cells are missing."""
    return pd.read_csv(
        path, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8"
    )


def validate(df: pd.DataFrame, schema, path: Path | str, what_to_do: str) -> pd.DataFrame:
    """Validate with a pandera schema (all failures collected), raising DatasetSchemaError."""
    import pandera.errors

    try:
        return schema.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases.copy()
        missing = cases["check"].astype(str).eq("column_in_dataframe").to_numpy()
        cases["column"] = cases["column"].astype(object).where(
            cases["column"].notna().to_numpy() & ~missing, cases["failure_case"]
        )
        # A column that cannot be converted also fails its value checks; report the cause only.
        bad_type = set(cases.loc[cases["check"].astype(str).str.startswith("coerce_dtype"),
                                 "column"])
        keep = ~cases["column"].isin(bad_type) | cases["check"].astype(str).str.startswith(
            "coerce_dtype")
        cases = cases[keep]
        index = pd.to_numeric(cases["index"], errors="coerce")
        failures = pd.DataFrame(
            {
                "column": cases["column"].astype(str).to_numpy(),
                "check": cases["check"].astype(str).to_numpy(),
                "value": cases["failure_case"].astype(str).to_numpy(),
                "row": (index + 2).astype("Int64").to_numpy(),
            }
        )
        raise DatasetSchemaError(path, failures, what_to_do) from None


def assemble_date(
    year: pd.Series, month: pd.Series, day: pd.Series, *, where: str = "", path=None
) -> tuple[pd.Series, pd.Series]:
    """Build a date column from year/month/day parts, with its precision.

    Precision is ``'day'`` when all three parts are known, ``'month'`` (first of the month)
    when the day is missing, ``'year'`` (1 January) when only the year is known, and NA
    when the year is missing. An impossible date (31 February) raises ValueError naming the
    rows. Dates are ``datetime64[s]``, which holds years before 1677.
    """
    y = pd.array(year, dtype="Int64")
    m = pd.array(month, dtype="Int64")
    d = pd.array(day, dtype="Int64")
    has_y, has_m, has_d = ~y.isna(), ~m.isna(), ~d.isna()
    precision = np.where(has_y & has_m & has_d, "day",
                         np.where(has_y & has_m, "month", np.where(has_y, "year", "")))
    yy = y.to_numpy(dtype="int64", na_value=1970)
    mm = np.where(has_m, m.to_numpy(dtype="int64", na_value=1), 1)
    dd = np.where(has_d, d.to_numpy(dtype="int64", na_value=1), 1)
    bad = has_y & ((mm < 1) | (mm > 12) | (dd < 1) | (dd > 31))
    months = (yy - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (
        np.clip(mm, 1, 12) - 1)
    days = months.astype("datetime64[D]") + (np.clip(dd, 1, 31) - 1)
    bad |= has_y & (days.astype("datetime64[M]") != months)
    if bad.any():
        rows = (np.flatnonzero(bad) + 2).tolist()
        raise ValueError(
            f"{Path(path).name if path else 'data'}: impossible {where or 'date'} on rows "
            f"{rows[:10]} (year-month-day {yy[bad][:3]}-{mm[bad][:3]}-{dd[bad][:3]}); correct "
            "the day or month in the file or report it to the distributor."
        )
    values = days.astype("datetime64[s]")
    values[~np.asarray(has_y)] = np.datetime64("NaT")
    index = year.index if isinstance(year, pd.Series) else None
    date = pd.Series(values, index=index)
    prec = pd.Series(precision, index=index, dtype="string").replace("", pd.NA)
    return date, prec


def decode_codes(
    values: pd.Series, codes: Mapping[int, str], *, blank: str | None = "missing"
) -> tuple[pd.Series, pd.Series]:
    """Split a numeric column into values (codes become NA) and a reason column.

    ``codes`` maps each sentinel to its meaning; blank cells get ``blank`` as reason.
    """
    numbers = pd.array(values, dtype="Int64")
    series = pd.Series(numbers, index=values.index)
    reason = pd.Series(pd.NA, index=values.index, dtype="string")
    for code, meaning in codes.items():
        hit = (series == code).fillna(False)
        reason[hit] = meaning
    is_code = reason.notna()
    if blank is not None:
        reason[series.isna()] = blank
    return series.mask(is_code), reason
