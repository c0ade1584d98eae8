"""One loader per source: read, validate, decode sentinels, assemble dates; typed frames.

Every loader takes an optional ``path`` (default: the verified file from :func:`fetch`, using a
local copy when ``local`` is given; a ``path`` is checked against the registered checksum
unless ``verify=False``) and returns a frame with nullable dtypes whose ``attrs``
name the source, version, file, sha256 and coverage. Results are cached as Parquet.

>>> from accords.datasets import load_dcad
>>> dcad = load_dcad()  # doctest: +SKIP
>>> dcad["categoryConf"].unique()  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .cache import cached
from .clean import DatasetSchemaError, assemble_date, decode_codes, read_text_csv, validate
from .fetch import ChecksumError, FetchError, fetch, mismatch, sha256sum
from .registry import get

__all__ = [
    "DatasetWarning",
    "flag_dcad_codes",
    "flag_non_members",
    "load_atop",
    "load_atop_alliances",
    "load_atop_ddyr",
    "load_cow_alliances",
    "load_cow_states",
    "load_cow_system",
    "load_dcad",
    "official_atop_ddyr",
]

#: the years each dataset codes (from the registry): the schemas check them
_DCAD, _ATOP = get("dcad").coverage, get("atop").coverage
_COW, _STATES = get("cow_alliance").coverage, get("cow_states").coverage

_FIX = ("Check that the file is the original (its sha256 is listed in the registry), or "
        "fetch it again with accords.datasets.fetch().")


def _source(dataset: str, file: str, path, local, verify: bool = True) -> Path:
    """The file to read: ``path`` (checked against the registry unless ``verify=False``) or
    the verified file from :func:`fetch`."""
    if path is None:
        return fetch(dataset, files=[file], local=local)[file]
    path = Path(path)
    if not path.is_file():
        raise FetchError(f"{path} does not exist; pass the path of {file} or leave path= out "
                         "to use the fetched, verified copy.")
    if verify:
        wrong = mismatch(path, get(dataset).file(file))
        if wrong is not None:
            kind, expected, actual = wrong
            raise ChecksumError(
                path, expected, actual,
                f"It is not the official {file}. To read a corrected or modified copy on "
                "purpose, pass verify=False (the frame's attrs keep its own sha256).", kind)
    return path


def _attrs(dataset: str, path: Path, unit: str, **extra) -> dict:
    record = get(dataset)
    return {"source": dataset, "version": record.version, "file": path.name,
            "sha256": sha256sum(path), "coverage": record.coverage, "unit": unit, **extra}


def _int(check=None, *, nullable=True, **kw) -> pa.Column:
    checks = [] if check is None else [check]
    return pa.Column("Int64", checks, coerce=True, nullable=nullable, **kw)


def _text(values=None, *, nullable=True) -> pa.Column:
    checks = [] if values is None else [pa.Check.isin(values)]
    return pa.Column("string", checks, coerce=True, nullable=nullable)


_CCODE = pa.Check.in_range(2, 999)
_DAY = pa.Check.in_range(1, 31)
_MONTH = pa.Check.in_range(1, 12)
_BIN = pa.Check.isin([0, 1])


def _positive_or(*codes: int) -> pa.Check:
    return pa.Check(lambda s: (s > 0) | s.isin(codes), name=f"positive or one of {codes}")


# ---------------------------------------------------------------------------------------- DCAD

RENEW_TYPES = {
    -44: "not renewable",
    -55: "limited renewal with consent",
    -56: "single automatic renewal",
    -57: "indefinite renewal with consent",
    -58: "renewal with consent, length unknown",
    -66: "ongoing automatic renewal",
    -77: "indefinite",
    -88: "renewal provisions indeterminate",
}
SPAN_CODES = {-77: "indefinite", -88: "finite, duration indeterminate"}
RENEW_YEARS_CODES = {
    -44: "not renewable",
    -55: "length set at renewal",
    -66: "ongoing automatic renewal",
    -77: "indefinite",
    -88: "renewal length indeterminate",
}
TERMINATED_CODES = {
    -88: "insufficient information on EIF status",
    -99: "entered into force, termination status unclear",
}
FACTIVA_CODES = {-99: "news reports ambiguous"}
_CATEGORIES = ["DCA", "DIC", "TREX", "PROCUREMENT", "COMMISSION", "RESEARCH"]

DCAD_SCHEMA = pa.DataFrameSchema(
    {
        "ccode1": _int(_CCODE, nullable=False),
        "cowName1": _text(nullable=False),
        "ccode2": _int(_CCODE, nullable=False),
        "cowName2": _text(nullable=False),
        "signDay": _int(_DAY),
        "signMonth": _int(_MONTH),
        "signYear": _int(pa.Check.in_range(*_DCAD), nullable=False),
        "EIFDay": _int(_DAY),
        "EIFMonth": _int(_MONTH),
        "EIFYear": _int(pa.Check.in_range(1900, 2100)),
        "type": _text(["general", "sector"], nullable=False),
        "category1": _text(_CATEGORIES),
        "category2": _text(_CATEGORIES),
        "category3": _text(_CATEGORIES),
        "span": _int(_positive_or(-77, -88)),
        "renewType": _int(pa.Check.isin(list(RENEW_TYPES))),
        "renewYears": _int(_positive_or(*RENEW_YEARS_CODES)),
        "terminated": _int(pa.Check.isin([0, 1, -88, -99]), nullable=False),
        "durationActual": pa.Column("Float64", pa.Check.ge(0), coerce=True, nullable=True),
        "endYearEstimate": _int(pa.Check.in_range(*_DCAD), nullable=False),
        "asymmetry": _int(pa.Check.isin([0, 1, 2]), nullable=False),
        "categoryConf": _text(["high", "med", "medium", "low", "atypical"], nullable=False),
        "UNTS": _text(),
        "fullText": _text(["Y", "N", "NE", "TE"]),
        "sourceType": _text(["treaty", "factiva"], nullable=False),
        "source": _text(),
        "factivaConf": _int(pa.Check.in_range(1, 5)),
        "factivaSign": _int(pa.Check.isin([0, 1, -99])),
        "factivaEIF": _int(pa.Check.isin([0, 1, -99])),
        "DCAid": pa.Column("string", unique=True, coerce=True, nullable=False),
    },
    strict=False,
    name="DCAD-v1.0-main",
)


def _clean_dcad(path: Path) -> pd.DataFrame:
    df = validate(read_text_csv(path), DCAD_SCHEMA, path, _FIX)
    df = df[list(DCAD_SCHEMA.columns)].copy()
    df["sign_date"], df["sign_precision"] = assemble_date(
        df["signYear"], df["signMonth"], df["signDay"], where="signature date", path=path)
    df["eif_date"], df["eif_precision"] = assemble_date(
        df["EIFYear"], df["EIFMonth"], df["EIFDay"], where="entry-into-force date", path=path)
    df["span"], df["span_reason"] = decode_codes(df["span"], SPAN_CODES, blank="unknown")
    codes = df["renewType"]
    df["renewType"] = codes.map(RENEW_TYPES).astype("string")
    df["renewType_reason"] = pd.Series(pd.NA, index=df.index, dtype="string").mask(
        codes.isna(), "no information on renewal")
    df["renewYears"], df["renewYears_reason"] = decode_codes(
        df["renewYears"], RENEW_YEARS_CODES, blank="no information on renewal")
    terminated, df["terminated_reason"] = decode_codes(df["terminated"], TERMINATED_CODES)
    df["terminated"] = terminated.astype("boolean")
    for col in ("factivaSign", "factivaEIF"):
        values, df[f"{col}_reason"] = decode_codes(
            df[col], FACTIVA_CODES, blank="not a factiva source")
        df[col] = values.astype("boolean")
    df["categoryConf"] = df["categoryConf"].replace({"med": "medium"})
    df.attrs = _attrs("dcad", path, "agreement", directed=False)
    return df.reset_index(drop=True)


def load_dcad(path=None, *, local=None, cache: bool = True, verify: bool = True
        ) -> pd.DataFrame:
    """DCAD v1.0 main file, one row per agreement, sentinels decoded.

    ``span``/``renewYears`` are years (Int64) with NA for the codes, explained in
    ``span_reason``/``renewYears_reason``; ``renewType`` is a label; ``terminated``,
    ``factivaSign`` and ``factivaEIF`` are boolean with a ``_reason`` column for -88/-99;
    ``categoryConf`` uses ``medium``; ``sign_date``/``eif_date`` carry a precision column.
    """
    source = _source("dcad", "DCAD-v1.0-main.csv", path, local, verify)
    frame = cached("dcad-main", [source], lambda: _clean_dcad(source), use=cache)
    frame = flag_non_members(frame, "DCAD", "DCAid", ("ccode1", "ccode2"), "signYear",
                             local=local)
    frame = flag_dcad_codes(frame, local=local)
    return _flag_years_outside_system(frame, local=local)


def _flag_years_outside_system(frame: pd.DataFrame, *, local=None) -> pd.DataFrame:
    """List the DCA-years (signYear to endYearEstimate) in which a signatory was not a COW
    system member: DCAD's dyad-years have no cell for them. Reported once, kept in
    ``attrs["outside_system"]`` as ``"<DCAid> <year>"``."""
    system = load_cow_system(local=local)
    members = pd.MultiIndex.from_arrays([system["ccode"].astype("int64"),
                                         system["year"].astype("int64")])
    rows = frame[~frame["same_state"].fillna(False)]
    first = rows["signYear"].astype("int64").to_numpy()
    n = rows["endYearEstimate"].astype("int64").to_numpy() - first + 1
    index = np.repeat(np.arange(len(rows)), np.maximum(n, 0))
    offsets = np.arange(len(index)) - np.repeat(np.cumsum(n) - n, np.maximum(n, 0))
    years = first[index] + offsets
    ok = np.ones(len(index), dtype=bool)
    for col in ("ccode1", "ccode2"):
        codes = rows[col].astype("int64").to_numpy()[index]
        ok &= pd.MultiIndex.from_arrays([codes, years]).isin(members)
    ids = rows["DCAid"].astype(str).to_numpy()[index]
    outside = [f"{i} {y}" for i, y in zip(ids[~ok], years[~ok], strict=True)]
    out = frame.copy()
    out.attrs = {**frame.attrs, "outside_system": outside}
    if outside:
        _report(("DCAD outside", tuple(outside)),
                f"DCAD: {len(outside)} DCA-year(s) fall in years in which a signatory was not "
                "a COW system member, so DCAD's dyad-years have no cell for them "
                f"({', '.join(outside[:6])}{' …' if len(outside) > 6 else ''}); listed in "
                "attrs['outside_system'] of the frame and of its dyad-years.")
    return out


def _report(key: tuple, message: str) -> None:
    import warnings

    if key not in _REPORTED:
        _REPORTED.add(key)  # once per process: a report, not a nag
        warnings.warn(message, DatasetWarning, stacklevel=4)


def flag_dcad_codes(frame: pd.DataFrame, *, local=None) -> pd.DataFrame:
    """Flag DCAD rows whose two signatories have the same code, or whose COW code and COW
    abbreviation name different states; the rows are kept and reported, never dropped.

    ``same_state`` is True when ``ccode1 == ccode2`` (no dyad can be formed: the row is
    left out of dyad-years, which list it in ``attrs["excluded"]``); ``code_abbrev_differ``
    is True when an abbreviation is the COW abbreviation of another state that was a system
    member in the signing year (0108 codes Syria, 652, as ``EGY``). Spellings that are no
    COW abbreviation of a member then (``GER``, ``KOR``) are variants, not disagreements.
    ``attrs`` lists both sets of DCAid.
    """
    system = load_cow_system(local=local)
    named = pd.DataFrame({"abb": system["stateabb"].astype(str).str.strip(),
                          "year": system["year"].astype("int64"),
                          "named": system["ccode"].astype("int64")})
    out = frame.copy()
    same = (out["ccode1"] == out["ccode2"]).fillna(False)
    differ = pd.Series(False, index=out.index)
    for code_col, abb_col in (("ccode1", "cowName1"), ("ccode2", "cowName2")):
        rows = pd.DataFrame({"abb": out[abb_col].astype(str).str.strip().to_numpy(),
                             "year": out["signYear"].astype("int64").to_numpy(),
                             "code": out[code_col].astype("int64").to_numpy()})
        # An abbreviation that is no COW abbreviation of a member that year is a variant.
        hit = rows.merge(named, on=["abb", "year"], how="left")["named"].to_numpy()
        differ |= pd.Series((~pd.isna(hit)) & (hit != rows["code"].to_numpy()),
                            index=out.index)
    out["same_state"] = same.astype("boolean")
    out["code_abbrev_differ"] = differ.astype("boolean")
    same_ids = out.loc[same, "DCAid"].astype(str).tolist()
    differ_ids = out.loc[differ, "DCAid"].astype(str).tolist()
    out.attrs = {**frame.attrs, "same_state": same_ids, "code_abbrev_differ": differ_ids}
    if same_ids:
        _report(("DCAD same", tuple(same_ids)),
                f"DCAD: {len(same_ids)} row(s) give the same COW code to both signatories "
                f"({', '.join(same_ids)}); kept and flagged in 'same_state', left out of "
                "dyad-years (a state forms no dyad with itself). Check them against the "
                "agreement's text before correcting a copy of the file.")
    if differ_ids:
        _report(("DCAD differ", tuple(differ_ids)),
                f"DCAD: {len(differ_ids)} row(s) have a COW code and a COW abbreviation that "
                f"name different states ({', '.join(differ_ids)}); kept and flagged in "
                "'code_abbrev_differ'. Dyad-years use the codes, as DCAD's dyadic file does.")
    return out


_REPORTED: set[tuple[str, tuple[str, ...]]] = set()


class DatasetWarning(UserWarning):
    """A declared repair or caveat in a loaded dataset (the rows are kept and flagged)."""


def flag_non_members(frame: pd.DataFrame, name: str, id_column: str,
                     ccode_columns: tuple[str, ...], year_column: str, *, local=None
                     ) -> pd.DataFrame:
    """Flag rows naming a state that was not a COW system member in that year.

    The rows are kept (nothing is dropped): ``system_members`` says whether every state of
    the row was a member in ``year_column``; ``attrs["not_system_members"]`` lists their ids
    and a :class:`DatasetWarning` names them. (DCAD, for instance, codes the Czech Republic
    as 316 in 1991–1992, before it joined the system on 1 January 1993.)
    """
    import warnings

    system = load_cow_system(local=local)
    members = pd.MultiIndex.from_arrays([system["ccode"].astype("int64"),
                                         system["year"].astype("int64")])
    ok = pd.Series(True, index=frame.index)
    for column in ccode_columns:
        keys = pd.MultiIndex.from_arrays([frame[column].astype("int64"),
                                          frame[year_column].astype("int64")])
        ok &= keys.isin(members)
    out = frame.copy()
    out["system_members"] = ok.astype("boolean")
    bad = out.loc[~ok, id_column].astype(str).tolist()
    out.attrs = {**frame.attrs, "not_system_members": bad}
    if bad and (name, tuple(bad)) not in _REPORTED:
        _REPORTED.add((name, tuple(bad)))  # once per process: a report, not a nag
        warnings.warn(
            f"{name}: {len(bad)} row(s) name a state that was not a COW system member in "
            f"that {year_column} ({', '.join(bad)}); kept and flagged in 'system_members'. "
            "Dyad-years count them only in years both states are members.",
            DatasetWarning, stacklevel=3)
    return out


# ---------------------------------------------------------------------------------------- ATOP

ATOP_END = f"in force on {get('atop').last_day} (end of ATOP coverage)"
_OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"]

ATOP_MEMBER_SCHEMA = pa.DataFrameSchema(
    {
        "atopid": _int(pa.Check.ge(1000), nullable=False),
        "member": _int(pa.Check.in_range(2, 9999), nullable=False),
        "cowsys": _int(_BIN),
        "yrent": _int(pa.Check.in_range(*_ATOP), nullable=False),
        "moent": _int(_MONTH, nullable=False),
        "dayent": _int(_DAY),
        "yrexit": _int(pa.Check(lambda s: (s == 0) | s.between(*_ATOP),
                                name=f"0 or {_ATOP[0]}-{_ATOP[1]}"), nullable=False),
        "moexit": _int(pa.Check.in_range(0, 12)),
        "dayexit": _int(pa.Check.in_range(0, 31)),
        "ineffect": _int(_BIN, nullable=False),
        "phase": _int(pa.Check.ge(0)),
        **{col: _int(_BIN) for col in _OBLIGATIONS},
    },
    strict=False,
    name="atop5_1m",
)

ATOP_ALLIANCE_SCHEMA = pa.DataFrameSchema(
    {
        "atopid": pa.Column("Int64", pa.Check.ge(1000), coerce=True, unique=True),
        "begyr": _int(pa.Check.in_range(*_ATOP), nullable=False),
        "begmo": _int(_MONTH),
        "begday": _int(_DAY),
        "endyr": _int(pa.Check(lambda s: (s == 0) | s.between(*_ATOP),
                               name=f"0 or {_ATOP[0]}-{_ATOP[1]}"), nullable=False),
        "endmo": _int(pa.Check.in_range(0, 12)),
        "endday": _int(pa.Check.in_range(0, 31)),
        "ineffect": _int(_BIN, nullable=False),
        "bilat": _int(_BIN),
        **{col: _int(_BIN) for col in _OBLIGATIONS},
    },
    strict=False,
    name="atop5_1a",
)


def _numeric_rest(df: pd.DataFrame, skip) -> pd.DataFrame:
    for col in df.columns:
        if col in skip or col == "version":
            continue
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    if "version" in df:
        df["version"] = df["version"].astype("string")
    return df


def _decode_exit(df, y, m, d, path, what):
    """ATOP's 0 exit/end date: in force at the end of coverage, not a date."""
    open_ended = (df[y] == 0).fillna(False)
    for col in (y, m, d):
        df[col] = df[col].mask(open_ended | (df[col] == 0).fillna(False))
    date, precision = assemble_date(df[y], df[m], df[d], where=what, path=path)
    reason = pd.Series(pd.NA, index=df.index, dtype="string").mask(open_ended, ATOP_END)
    return date, precision, reason


def _clean_atop_members(path: Path) -> pd.DataFrame:
    df = validate(read_text_csv(path), ATOP_MEMBER_SCHEMA, path, _FIX)
    df = _numeric_rest(df, set(ATOP_MEMBER_SCHEMA.columns))
    df["entry_date"], df["entry_precision"] = assemble_date(
        df["yrent"], df["moent"], df["dayent"], where="entry date", path=path)
    df["exit_date"], df["exit_precision"], df["exit_reason"] = _decode_exit(
        df, "yrexit", "moexit", "dayexit", path, "exit date")
    df.attrs = _attrs("atop", path, "member spell", directed=False)
    return df


def _clean_atop_alliances(path: Path) -> pd.DataFrame:
    df = validate(read_text_csv(path), ATOP_ALLIANCE_SCHEMA, path, _FIX)
    df = _numeric_rest(df, set(ATOP_ALLIANCE_SCHEMA.columns))
    df["begin_date"], df["begin_precision"] = assemble_date(
        df["begyr"], df["begmo"], df["begday"], where="begin date", path=path)
    df["end_date"], df["end_precision"], df["end_reason"] = _decode_exit(
        df, "endyr", "endmo", "endday", path, "end date")
    df.attrs = _attrs("atop", path, "agreement", directed=False)
    return df


def load_atop(path=None, *, local=None, cache: bool = True, verify: bool = True,
              nna: bool = False) -> pd.DataFrame:
    """ATOP 5.1 member file (``atop5_1m.csv``): one row per member per alliance phase.

    ``yrexit == 0`` (in force on 31 Dec 2018) becomes NA with ``exit_reason``; ``entry_date``
    and ``exit_date`` carry a precision column. ATOP's exit date is the first day a member
    is out of the alliance. ``nna=True`` reads ``atop5_1m_NNA.csv`` (pure nonaggression
    pacts removed).
    """
    file = "atop5_1m_NNA.csv" if nna else "atop5_1m.csv"
    source = _source("atop", file, path, local, verify)
    name = "atop-members-nna" if nna else "atop-members"
    return cached(name, [source], lambda: _clean_atop_members(source), use=cache)


def load_atop_alliances(path=None, *, local=None, cache: bool = True, verify: bool = True
        ) -> pd.DataFrame:
    """ATOP 5.1 alliance file (``atop5_1a.csv``): one row per alliance; ``endyr == 0`` decoded."""
    source = _source("atop", "atop5_1a.csv", path, local, verify)
    return cached("atop-alliances", [source], lambda: _clean_atop_alliances(source), use=cache)


ATOP_DDYR_COLUMNS = ("stateA", "stateB", "year", "atopally", *_OBLIGATIONS)


def official_atop_ddyr(*, nna: bool = False, local=None) -> Path | None:
    """The verified official ATOP directed dyad-year file when it is available, else None.

    Looks in ``external_data_dir()`` and in ``local`` (a folder laid out like
    ``../shared/data``); never downloads. A copy that is not the original (its git blob id
    differs from the registered one) raises :class:`ChecksumError`.
    """
    from .fetch import FetchError, file_path

    file = "atop5_1ddyr_NNA.csv" if nna else "atop5_1ddyr.csv"
    in_place = file_path("atop", file).is_file()
    in_local = local is not None and (Path(local) / "atop" / file).is_file()
    if not (in_place or in_local):
        return None
    try:
        return fetch("atop", files=[file], local=local)[file]
    except FetchError as exc:
        if "checksum" in str(exc):
            raise
        return None


def load_atop_ddyr(path=None, *, local=None, nna: bool = False, cache: bool = True,
                   verify: bool = True) -> pd.DataFrame:
    """ATOP 5.1's official directed dyad-year file (``atop5_1ddyr.csv``), verified.

    Columns are kept as in the file (numbers as Int64); the ones read by
    :func:`accords.datasets.model.dyad_years` are ``stateA, stateB, year, atopally`` and
    the five obligations. Raises :class:`FetchError` when the file is not available.
    """
    file = "atop5_1ddyr_NNA.csv" if nna else "atop5_1ddyr.csv"
    source = _source("atop", file, path, local, verify)

    def build() -> pd.DataFrame:
        df = read_text_csv(source)
        missing = [c for c in ATOP_DDYR_COLUMNS if c not in df.columns]
        if missing:
            failures = pd.DataFrame({"column": missing, "check": "column_in_dataframe",
                                     "value": missing, "row": None})
            raise DatasetSchemaError(source, failures, _FIX)
        df = _numeric_rest(df, set())
        df.attrs = _attrs("atop", source, "directed dyad-year", directed=True)
        return df

    return cached(f"atop-ddyr{'-nna' if nna else ''}", [source], build, use=cache)


# ------------------------------------------------------------------------------ COW alliances

COW_END = f"ongoing on {get('cow_alliance').last_day} (right_censor)"
COW_START = f"entered before {_COW[0]}-01-01 (left_censor)"
SS_TYPES = ["Type I: Defense Pact", "Type IIa: Non-Aggression Pact",
            "Type IIb: Non-Aggression Pact", "Type II: Neutrality", "Type III: Entente"]

COW_ALLIANCE_SCHEMA = pa.DataFrameSchema(
    {
        "version4id": _int(pa.Check.ge(1), nullable=False),
        "ccode": _int(_CCODE, nullable=False),
        "state_name": _text(nullable=False),
        "all_st_day": _int(_DAY), "all_st_month": _int(_MONTH),
        "all_st_year": _int(pa.Check.in_range(1000, _COW[1]), nullable=False),
        "all_end_day": _int(_DAY), "all_end_month": _int(_MONTH),
        "all_end_year": _int(pa.Check.in_range(*_COW)),
        "ss_type": _text(SS_TYPES, nullable=False),
        "mem_st_day": _int(_DAY), "mem_st_month": _int(_MONTH),
        "mem_st_year": _int(pa.Check.in_range(*_COW), nullable=False),
        "mem_end_day": _int(_DAY), "mem_end_month": _int(_MONTH),
        "mem_end_year": _int(pa.Check.in_range(*_COW)),
        "left_censor": _int(_BIN), "right_censor": _int(_BIN, nullable=False),
        "defense": _int(_BIN), "neutrality": _int(_BIN),
        "nonaggression": _int(_BIN), "entente": _int(_BIN),
        "version": _text(),
    },
    strict=False,
    name="alliance_v4.1_by_member",
)


def _clean_cow_alliances(path: Path) -> pd.DataFrame:
    df = validate(read_text_csv(path), COW_ALLIANCE_SCHEMA, path, _FIX)
    df = df[list(COW_ALLIANCE_SCHEMA.columns)].copy()
    df["alliance_start"], df["alliance_start_precision"] = assemble_date(
        df["all_st_year"], df["all_st_month"], df["all_st_day"], where="alliance start",
        path=path)
    df["alliance_end"], df["alliance_end_precision"] = assemble_date(
        df["all_end_year"], df["all_end_month"], df["all_end_day"], where="alliance end",
        path=path)
    df["mem_start"], df["mem_start_precision"] = assemble_date(
        df["mem_st_year"], df["mem_st_month"], df["mem_st_day"], where="membership start",
        path=path)
    df["mem_end"], df["mem_end_precision"] = assemble_date(
        df["mem_end_year"], df["mem_end_month"], df["mem_end_day"], where="membership end",
        path=path)
    censored = (df["right_censor"] == 1).fillna(False)
    blank = df["mem_end_year"].isna()
    df["mem_end_reason"] = pd.Series(pd.NA, index=df.index, dtype="string")
    df.loc[blank & censored, "mem_end_reason"] = COW_END
    df.loc[blank & ~censored, "mem_end_reason"] = "missing"
    df["alliance_end_reason"] = pd.Series(pd.NA, index=df.index, dtype="string").mask(
        df["all_end_year"].isna(), COW_END)
    df["mem_start_reason"] = pd.Series(pd.NA, index=df.index, dtype="string").mask(
        (df["left_censor"] == 1).fillna(False), COW_START)
    for col in ("left_censor", "right_censor", "defense", "neutrality", "nonaggression",
                "entente"):
        df[col] = df[col].astype("boolean")
    df.attrs = _attrs("cow_alliance", path, "member spell", directed=False)
    return df


def load_cow_alliances(path=None, *, local=None, cache: bool = True, verify: bool = True
        ) -> pd.DataFrame:
    """COW Formal Alliances v4.1 by member; a blank end is NA with ``mem_end_reason``."""
    source = _source("cow_alliance", "alliance_v4.1_by_member.csv", path, local, verify)
    return cached("cow-alliance", [source], lambda: _clean_cow_alliances(source), use=cache)


# --------------------------------------------------------------------------------- COW states

COW_STATES_SCHEMA = pa.DataFrameSchema(
    {
        "stateabb": _text(nullable=False),
        "ccode": _int(_CCODE, nullable=False),
        "statenme": _text(nullable=False),
        "styear": _int(pa.Check.in_range(*_STATES), nullable=False),
        "stmonth": _int(_MONTH, nullable=False),
        "stday": _int(_DAY, nullable=False),
        "endyear": _int(pa.Check.in_range(*_STATES), nullable=False),
        "endmonth": _int(_MONTH, nullable=False),
        "endday": _int(_DAY, nullable=False),
        "version": _text(),
    },
    strict=False,
    name="states2016",
)

COW_SYSTEM_SCHEMA = pa.DataFrameSchema(
    {
        "stateabb": _text(nullable=False),
        "ccode": _int(_CCODE, nullable=False),
        "year": _int(pa.Check.in_range(*_STATES), nullable=False),
        "version": _text(),
    },
    strict=False,
    unique=["ccode", "year"],
    name="system2016",
)


def _clean_cow_states(path: Path) -> pd.DataFrame:
    df = validate(read_text_csv(path), COW_STATES_SCHEMA, path, _FIX)
    df["start"], _ = assemble_date(df["styear"], df["stmonth"], df["stday"], path=path)
    df["end"], _ = assemble_date(df["endyear"], df["endmonth"], df["endday"], path=path)
    df.attrs = _attrs("cow_states", path, "state spell", directed=False)
    return df


def _clean_cow_system(path: Path) -> pd.DataFrame:
    df = validate(read_text_csv(path), COW_SYSTEM_SCHEMA, path, _FIX)
    df.attrs = _attrs("cow_states", path, "state-year", directed=False)
    return df


def load_cow_states(path=None, *, local=None, cache: bool = True, verify: bool = True
        ) -> pd.DataFrame:
    """COW states2016: one row per spell of system membership, with start/end dates."""
    source = _source("cow_states", "states2016.csv", path, local, verify)
    return cached("cow-states", [source], lambda: _clean_cow_states(source), use=cache)


def load_cow_system(path=None, *, local=None, cache: bool = True, verify: bool = True
        ) -> pd.DataFrame:
    """COW system2016: one row per member state per year."""
    source = _source("cow_states", "system2016.csv", path, local, verify)
    return cached("cow-system", [source], lambda: _clean_cow_system(source), use=cache)
