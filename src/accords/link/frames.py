"""The frames that cross into link and charts, and the pandera schemas that check them.

Link and charts compute on frames built once by the dataset verbs and by
:func:`accords.link.dyads.news_frame`; a function given a frame checks it here, at the
boundary, so that a wrong frame (another dataset's, a column dropped, text where dates
belong) stops with one message naming the frame, every failing column and the function that
builds the right one, instead of a KeyError deep inside a chart. Only the columns link and
charts read are checked; other columns may be present, and rows may be filtered freely.

========================  ==========================================================
frame                     built by
========================  ==========================================================
``dcad``                  :func:`accords.datasets.load_dcad`
``spells``                :func:`accords.link.dyads.pair_spells` (ATOP alliance spells)
``atop``                  :func:`accords.datasets.model.agreements` ``("atop")``
``dcad_years``            :func:`accords.datasets.model.dyad_years` ``("dcad")``
``news``                  :func:`accords.link.dyads.news_frame`
``extended``              :func:`accords.link.dyads.extended_dyad_years`
========================  ==========================================================

>>> import pandas as pd
>>> check(pd.DataFrame({"DCAid": ["x"]}), "dcad")
Traceback (most recent call last):
...
accords.link.frames.FrameError: the dcad frame ...: column 'ccode1' is missing; ...
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa
from pandas.api import types

__all__ = ["BUILT_BY", "SCHEMAS", "FrameError", "check", "provide"]


class FrameError(ValueError):
    """A frame given to link or charts lacks a column they read, or holds the wrong kind."""


def _kind(test: Callable[[object], bool], what: str) -> pa.Check:
    # one verdict per column, on its dtype: any resolution of dates, any string storage
    return pa.Check(lambda s: bool(test(s.dtype)), name=f"holds {what}",
                    error=f"holds {what}")


_INT = _kind(types.is_integer_dtype, "integers")
_TEXT = _kind(lambda d: types.is_string_dtype(d) or types.is_object_dtype(d), "text")
_DATES = _kind(types.is_datetime64_any_dtype, "dates")
_FLAGS = _kind(types.is_bool_dtype, "True/False flags")


def _columns(**kinds: tuple[pa.Check, bool]) -> dict[str, pa.Column]:
    return {name: pa.Column(checks=kind, nullable=nullable)
            for name, (kind, nullable) in kinds.items()}


def _ordered_pair(frame: pd.DataFrame) -> bool:
    return bool((frame["ccode1"] < frame["ccode2"]).all())


_PAIR = pa.Check(_ordered_pair, name="ccode1 < ccode2",
                 error="ccode1 < ccode2 (an undirected dyad)")

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "dcad": pa.DataFrameSchema(_columns(
        DCAid=(_TEXT, False), ccode1=(_INT, False), ccode2=(_INT, False),
        sign_date=(_DATES, True), signYear=(_INT, False), endYearEstimate=(_INT, False),
        type=(_TEXT, False), category1=(_TEXT, True), categoryConf=(_TEXT, False))),
    "spells": pa.DataFrameSchema(_columns(
        agreement_id=(_INT, False), ccode1=(_INT, False), ccode2=(_INT, False),
        start=(_DATES, False), end=(_DATES, True), end_reason=(_TEXT, True)),
        checks=_PAIR),
    "atop": pa.DataFrameSchema(_columns(agreement_id=(_TEXT, False), kind=(_TEXT, True))),
    "dcad_years": pa.DataFrameSchema(_columns(
        ccode1=(_INT, False), ccode2=(_INT, False), year=(_INT, False)), checks=_PAIR),
    "news": pa.DataFrameSchema(_columns(
        record_id=(_TEXT, False), ccode1=(_INT, False), ccode2=(_INT, False),
        iso3_1=(_TEXT, True), iso3_2=(_TEXT, True), kind=(_TEXT, True),
        action=(_TEXT, True), date_signed=(_DATES, True), date_precision=(_TEXT, True),
        period_start=(_INT, True), period_end=(_INT, True), first_year=(_INT, False),
        last_year=(_INT, False), title_span=(_TEXT, True)), checks=_PAIR),
    "extended": pa.DataFrameSchema(_columns(
        ccode1=(_INT, False), ccode2=(_INT, False), year=(_INT, False),
        dcad=(_FLAGS, True), news=(_FLAGS, True), agreement=(_FLAGS, True),
        source=(_TEXT, False), coverage=(_TEXT, False)), checks=_PAIR),
}

#: the call that builds each frame, for the error message
BUILT_BY = {
    "dcad": "accords.datasets.load_dcad()",
    "spells": "accords.link.dyads.pair_spells()",
    "atop": 'accords.datasets.model.agreements("atop")',
    "dcad_years": 'accords.datasets.model.dyad_years("dcad")',
    "news": "accords.link.dyads.news_frame()",
    "extended": "accords.link.dyads.extended_dyad_years()",
}


def check(frame: pd.DataFrame, name: str, *, flag: str | None = None) -> pd.DataFrame:
    """``frame`` itself (unchanged, ``attrs`` kept) when it is a ``name`` frame (a key of
    :data:`SCHEMAS`), else :class:`FrameError` listing every failing column. ``flag`` names
    one more boolean column the caller reads (a DCAD flag of the dyad-years)."""
    import pandera.errors

    made = f"Pass the frame {BUILT_BY[name]} returns (filtered rows are fine)."
    if not isinstance(frame, pd.DataFrame):
        raise FrameError(f"the {name} frame must be a pandas DataFrame, got "
                         f"{type(frame).__name__}. {made}")
    schema = SCHEMAS[name]
    if flag is not None:
        schema = schema.add_columns({flag: pa.Column(checks=_FLAGS, nullable=True)})
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        problems = []
        for case in exc.failure_cases.itertuples(index=False):
            if str(case.check) == "column_in_dataframe":
                problems.append(f"column {case.failure_case!r} is missing")
            elif str(case.check) == "not_nullable":
                problems.append(f"column {case.column!r} has missing values")
            elif pd.isna(case.column):
                problems.append(f"not every row has {case.check!s}")
            else:
                problems.append(f"column {case.column!r} should hold "
                                f"{str(case.check).removeprefix('holds ')}")
        problems = list(dict.fromkeys(problems))
        raise FrameError(f"the {name} frame does not have what link and charts read: "
                         f"{'; '.join(problems)}. {made}") from None
    return frame


def provide(name: str, given: pd.DataFrame | None = None, *, local=None, records=None,
            flag: str | None = None) -> pd.DataFrame:
    """The ``name`` frame: ``given`` when a caller passes one (checked), else built once by
    its function (:data:`BUILT_BY`) from the data folder ``local`` — or, for ``news``, from
    ``records`` — and checked the same way. Giving both ``records`` and a ``news`` frame is
    ambiguous and refused."""
    if given is not None:
        if name == "news" and records is not None:
            raise ValueError("give the records or a news frame built from them, not both: "
                             "the news frame already holds its records")
        return check(given, name, flag=flag)
    from accords.datasets import load_dcad, model
    from accords.link import dyads

    build = {
        "dcad": lambda: load_dcad(local=local),
        "spells": lambda: dyads.pair_spells("atop", local=local),
        "atop": lambda: model.agreements("atop", local=local),
        "dcad_years": lambda: model.dyad_years("dcad", directed=False, local=local),
        "news": lambda: dyads.news_frame(records, local=local),
    }.get(name)
    if build is None:
        raise ValueError(f"the {name} frame is not built here; pass it (from {BUILT_BY[name]})")
    return check(build(), name, flag=flag)
