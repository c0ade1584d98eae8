"""GDELT 2.0 events: candidate news articles about defence agreements, with their event ids.

GDELT 2.0 publishes every 15 minutes an *export* file of coded events (a zip holding one
tab-separated file, no header, the 61 columns of :data:`EXPORT_COLUMNS` from the GDELT 2.0
Event codebook). The *master file list* names every file, one a line: its size in bytes, its
MD5 and its URL. This module reads the list for a date range, downloads and verifies the
export files (cached; size and MD5 checked on every use), keeps the events whose CAMEO code
and actors fit a defence agreement, and de-duplicates their source URLs: each
:class:`Candidate` is one URL with every GDELT event id that cites it (the provenance).

Default filter (:data:`DEFAULT_CODES`): CAMEO ``057`` *sign formal agreement*, ``062``
*cooperate militarily*, ``0312`` *express intent to cooperate militarily*. A code matches an
event whose ``EventCode`` starts with it, so ``"06"`` keeps every code of root 06. Both
actors must be states: ``Actor1CountryCode`` and ``Actor2CountryCode`` are ISO 3166-1
alpha-3 codes of two different states (CAMEO's region codes, ``EUR``, ``AFR``, ``WST`` …, are
not states). ``dyad=("RUS", "KAZ")`` keeps that pair only, in either order.

>>> line = "150383 297a16b493de7cf6ca809a7cc31d0b93 http://x.test/20211109123000.export.CSV.zip"
>>> entry = parse_master_line(line)
>>> entry.size, entry.kind, entry.timestamp.isoformat()
(150383, 'export', '2021-11-09T12:30:00')
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from accords import paths
from accords.atomic import atomic_open, atomic_write_bytes
from accords.sources.net import DEFAULT_USER_AGENT, NetError, get, open_stream

__all__ = [
    "DEFAULT_CODES",
    "EXPORT_COLUMNS",
    "MASTER_URL",
    "TRANSLATION_MASTER_URL",
    "Candidate",
    "GdeltError",
    "GdeltReport",
    "MasterEntry",
    "candidates",
    "candidates_frame",
    "download",
    "filter_events",
    "is_state",
    "master_entries",
    "parse_master_line",
    "read_export",
]

MASTER_URL = "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt"
#: GDELT Translingual: events coded from machine-translated non-English sources.
TRANSLATION_MASTER_URL = "http://data.gdeltproject.org/gdeltv2/masterfilelist-translation.txt"

#: CAMEO event codes kept by default, with their CAMEO names.
DEFAULT_CODES: dict[str, str] = {
    "057": "Sign formal agreement",
    "062": "Cooperate militarily",
    "0312": "Express intent to cooperate militarily",
}

#: The 61 columns of a GDELT 2.0 event export file, in order (GDELT 2.0 Event codebook).
EXPORT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{name}" for n in (1, 2) for name in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(EXPORT_COLUMNS) == 61
_COL = {name: i for i, name in enumerate(EXPORT_COLUMNS)}

_STAMP = re.compile(r"/(\d{14})\.(?:translation\.)?(export|mentions|gkg)\.", re.IGNORECASE)


class GdeltError(ValueError):
    """A master list or export file that cannot be used; the message names it and the fix."""


@dataclass(frozen=True)
class MasterEntry:
    """One line of the master file list."""

    size: int
    md5: str
    url: str
    kind: str  # export, mentions, gkg
    timestamp: dt.datetime

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]


def parse_master_line(line: str, where: str = "master list") -> MasterEntry | None:
    """One master-list line (``SIZE MD5 URL``) → :class:`MasterEntry`; None for a blank line
    or a file that is not a 15-minute export/mentions/gkg file. A malformed line raises
    :class:`GdeltError` naming ``where``."""
    parts = line.split()
    if not parts:
        return None
    if len(parts) != 3 or not parts[0].isdigit() or not re.fullmatch(r"[0-9a-fA-F]{32}",
                                                                       parts[1]):
        raise GdeltError(f"{where}: {line.strip()[:120]!r} is not 'SIZE MD5 URL'; the master "
                         "file list may be truncated — delete the cached copy to fetch it "
                         "again.")
    match = _STAMP.search(parts[2])
    if match is None:
        return None
    stamp = dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S")
    return MasterEntry(int(parts[0]), parts[1].lower(), parts[2], match.group(2).lower(), stamp)


def _as_datetime(value: dt.date | dt.datetime | str, end: bool) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = (dt.datetime.fromisoformat(value) if "T" in value or " " in value.strip()
                     else dt.date.fromisoformat(value))
        except ValueError as exc:
            raise GdeltError(f"date {value!r} is not a date; write it as YYYY-MM-DD (or "
                             "YYYY-MM-DDTHH:MM for a time of day, UTC).") from exc
    if isinstance(value, dt.datetime):
        return value
    if end:
        return dt.datetime.combine(value, dt.time(23, 59, 59))
    return dt.datetime.combine(value, dt.time())


def master_entries(lines: Iterable[str], start, end, kind: str = "export",
                   where: str = "master list") -> list[MasterEntry]:
    """The entries of ``kind`` whose 15-minute stamp lies in ``[start, end]`` (dates are whole
    days, UTC), sorted by time.

    >>> rows = ["1 " + "0" * 32 + " http://x.test/20211109000000.export.CSV.zip",
    ...         "2 " + "1" * 32 + " http://x.test/20211110000000.export.CSV.zip"]
    >>> [e.size for e in master_entries(rows, "2021-11-09", "2021-11-09")]
    [1]
    """
    lo, hi = _as_datetime(start, False), _as_datetime(end, True)
    if hi < lo:
        raise GdeltError(f"the date range ends ({hi:%Y-%m-%d}) before it starts "
                         f"({lo:%Y-%m-%d}); swap the two dates.")
    found = []
    for number, line in enumerate(lines, 1):
        entry = parse_master_line(line, f"{where}:{number}")
        if entry is not None and entry.kind == kind and lo <= entry.timestamp <= hi:
            found.append(entry)
    return sorted(found, key=lambda e: e.timestamp)


def cache_dir(root: str | Path | None = None) -> Path:
    """Where GDELT files are cached: ``root`` or ``<ACCORDS_DATA_DIR>/gdelt``."""
    return Path(root) if root is not None else paths.external_data_dir() / "gdelt"


def _verify(data: bytes, entry: MasterEntry) -> str | None:
    if len(data) != entry.size:
        return f"{len(data):,} bytes where the master list says {entry.size:,}"
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest()
    if digest != entry.md5:
        return f"MD5 {digest} where the master list says {entry.md5}"
    return None


def download(entry: MasterEntry, cache: str | Path | None = None, *, timeout: float = 60.0,
             user_agent: str = DEFAULT_USER_AGENT, retries: int = 2) -> Path:
    """The verified local copy of one listed file: from the cache when its size and MD5
    match the master list, else downloaded (again). A copy that still does not match after
    ``retries`` more tries raises :class:`GdeltError`; nothing unverified is kept."""
    folder = cache_dir(cache)
    target = folder / entry.name
    if target.is_file() and _verify(target.read_bytes(), entry) is None:
        return target
    problem = "not downloaded"
    for _ in range(retries + 1):
        try:
            response = get(entry.url, timeout=timeout, max_bytes=max(entry.size * 2, 1 << 20),
                           user_agent=user_agent)
        except NetError as exc:
            problem = str(exc)
            continue
        if response.status != 200:
            problem = f"the server answered {response.status}"
            continue
        problem = _verify(response.body, entry)
        if problem is None:
            atomic_write_bytes(target, response.body)
            return target
    raise GdeltError(f"{entry.url}: {problem}; the file was not kept. Try again later, or "
                     "fetch the master list again if the file was replaced.")


def read_export(path: str | Path) -> Iterator[tuple[int, list[str] | str]]:
    """Rows of an export zip (or its unzipped ``.CSV``): ``(line number, 61 fields)``, or
    ``(line number, problem)`` for a line that does not have 61 fields."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GdeltError(f"{path}: not a zip file ({exc}); delete it so that it is "
                             "downloaded again.") from exc
        with archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if len(names) != 1:
                raise GdeltError(f"{path}: a GDELT export zip holds one file, this one holds "
                                 f"{len(names)}.")
            with archive.open(names[0]) as handle:
                yield from _rows(io.TextIOWrapper(handle, encoding="utf-8", errors="replace",
                                                  newline=""))
    else:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            yield from _rows(handle)


def _rows(handle) -> Iterator[tuple[int, list[str] | str]]:
    reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(reader, 1):
        if not row:
            continue
        if len(row) != len(EXPORT_COLUMNS):
            yield number, f"{len(row)} fields, not the 61 of a GDELT 2.0 export line"
        else:
            yield number, row


@cache
def _iso3() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (the package's one code table, :mod:`accords.codes`)."""
    from accords.codes import code_rows

    return frozenset(row.iso3 for row in code_rows())


def is_state(code: str) -> bool:
    """Whether a GDELT actor country code names a state (an ISO 3166-1 alpha-3 code).

    >>> is_state("KAZ"), is_state("EUR"), is_state("")
    (True, False, False)
    """
    return code in _iso3()


@dataclass
class Candidate:
    """One source URL and the GDELT events that cite it."""

    url: str
    event_ids: list[int] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    dyads: set[tuple[str, str]] = field(default_factory=set)
    first_seen: dt.datetime | None = None

    def to_dict(self) -> dict:
        return {"url": self.url, "gdelt_ids": sorted(self.event_ids),
                "cameo_codes": sorted(self.codes),
                "gdelt_dyads": ["-".join(d) for d in sorted(self.dyads)],
                "gdelt_first_seen": self.first_seen.isoformat() if self.first_seen else None}


@dataclass
class GdeltReport:
    """What a run read: files, lines, events kept, lines that could not be read."""

    files: int = 0
    lines: int = 0
    kept: int = 0
    bad_lines: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (f"{self.files} export files, {self.lines:,} events read, {self.kept:,} kept")
        if self.bad_lines:
            text += (f"; {len(self.bad_lines)} lines unreadable (first: "
                     f"{self.bad_lines[0]})")
        return text


def _normalise_codes(codes: Iterable[str] | None) -> tuple[str, ...]:
    chosen = tuple(DEFAULT_CODES) if codes is None else tuple(codes)
    for code in chosen:
        if not re.fullmatch(r"\d{2,4}", str(code)):
            raise GdeltError(f"CAMEO code {code!r} is not 2 to 4 digits; write it as in the "
                             "CAMEO codebook, with its leading zero ('057', not 57).")
    return tuple(str(c) for c in chosen)


def filter_events(rows: Iterable[tuple[int, list[str] | str]], *,
                  codes: Sequence[str] | None = None, dyad: Sequence[str] | None = None,
                  where: str = "export", report: GdeltReport | None = None
                  ) -> Iterator[list[str]]:
    """The rows of defence-agreement events (see the module's defaults); unreadable lines
    are noted in ``report.bad_lines`` with ``where`` and their number."""
    prefixes = _normalise_codes(codes)
    pair = None
    if dyad is not None:
        if len(dyad) != 2 or not all(is_state(c) for c in dyad):
            raise GdeltError(f"dyad {tuple(dyad)!r} must be two ISO 3166-1 alpha-3 codes of "
                             "states, e.g. ('RUS', 'KAZ').")
        pair = frozenset(dyad)
    code_col, a1, a2 = _COL["EventCode"], _COL["Actor1CountryCode"], _COL["Actor2CountryCode"]
    for number, row in rows:
        if report is not None:
            report.lines += 1
        if isinstance(row, str):
            if report is not None:
                report.bad_lines.append(f"{where}:{number}: {row}")
            continue
        if not row[code_col].startswith(prefixes):
            continue
        first, second = row[a1], row[a2]
        if first == second or not is_state(first) or not is_state(second):
            continue
        if pair is not None and frozenset((first, second)) != pair:
            continue
        if report is not None:
            report.kept += 1
        yield row


def _stamp(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def merge_candidates(rows: Iterable[list[str]], into: dict[str, Candidate] | None = None
                     ) -> dict[str, Candidate]:
    """Group event rows by source URL (the URL as GDELT gives it, without a ``#fragment``)."""
    found = {} if into is None else into
    for row in rows:
        url = row[_COL["SOURCEURL"]].strip().split("#", 1)[0]
        if not url.startswith(("http://", "https://")):
            continue
        cand = found.get(url)
        if cand is None:
            cand = found[url] = Candidate(url)
        cand.event_ids.append(int(row[_COL["GLOBALEVENTID"]]))
        cand.codes.add(row[_COL["EventCode"]])
        cand.dyads.add(tuple(sorted((row[_COL["Actor1CountryCode"]],
                                     row[_COL["Actor2CountryCode"]]))))
        seen = _stamp(row[_COL["DATEADDED"]])
        if seen is not None and (cand.first_seen is None or seen < cand.first_seen):
            cand.first_seen = seen
    return found


def _last_entry(path: Path) -> MasterEntry | None:
    """The last listed file of a master list on disk (read from its end)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(size - 8192, 0))
        tail = handle.read().decode("utf-8", "replace").splitlines()
    for line in reversed(tail):
        try:
            entry = parse_master_line(line)
        except GdeltError:
            continue
        if entry is not None:
            return entry
    return None


def _master_file(master: str | Path, cache: Path, end: dt.datetime, timeout: float,
                 user_agent: str, refresh: bool) -> tuple[Path, str]:
    """The master list on disk: a local file, or a URL's copy cached in ``cache``, fetched
    again when ``refresh`` or when its last entry is older than ``end``. The download is
    streamed to the file (GDELT's list is over 100 MB), never held in memory."""
    master = str(master)
    if not master.startswith(("http://", "https://")):
        path = Path(master)
        if not path.is_file():
            raise GdeltError(f"{path}: no such master file list; give its path or URL "
                             f"(the real one is {MASTER_URL}).")
        return path, str(path)
    digest = hashlib.sha256(master.encode()).hexdigest()[:12]
    local = cache / f"masterfilelist-{digest}.txt"
    if local.is_file() and not refresh:
        last = _last_entry(local)
        if last is not None and last.timestamp >= end:
            return local, master
    try:
        with open_stream(master, timeout=timeout, user_agent=user_agent) as response, \
                atomic_open(local, "wb") as handle:
            while chunk := response.read(1 << 20):
                handle.write(chunk)
    except NetError as exc:
        raise GdeltError(f"{master}: the master file list could not be fetched ({exc}); "
                         "check the URL or the network.") from exc
    except OSError as exc:
        raise GdeltError(f"{master}: the download of the master file list broke off "
                         f"({exc}); run again.") from exc
    return local, master


def candidates(start, end, *, codes: Sequence[str] | None = None,
               dyad: Sequence[str] | None = None,
               master: str | Path | Sequence[str | Path] = MASTER_URL,
               cache: str | Path | None = None, timeout: float = 60.0,
               user_agent: str = DEFAULT_USER_AGENT, refresh: bool = False,
               progress: bool = True, report: GdeltReport | None = None) -> list[Candidate]:
    """Candidate articles for ``[start, end]`` (whole UTC days, or datetimes): one per
    source URL, with the GDELT event ids that cite it, sorted by first sighting then URL.

    ``master`` is the master file list's URL (default: GDELT's), a local copy, or several
    (``[MASTER_URL, TRANSLATION_MASTER_URL]`` adds GDELT Translingual's events from
    non-English sources); the export files listed are downloaded to ``cache`` (default
    ``<ACCORDS_DATA_DIR>/gdelt``) and verified. ``report`` (a :class:`GdeltReport`) is
    filled in when given.
    """
    folder = cache_dir(cache)
    lo, hi = _as_datetime(start, False), _as_datetime(end, True)
    masters = [master] if isinstance(master, str | Path) else list(master)
    entries: list[MasterEntry] = []
    for one in masters:
        path, where = _master_file(one, folder, hi, timeout, user_agent, refresh)
        with path.open(encoding="utf-8", errors="replace") as lines:
            entries += master_entries(lines, lo, hi, where=where)
    entries.sort(key=lambda e: (e.timestamp, e.url))
    report = report if report is not None else GdeltReport()
    found: dict[str, Candidate] = {}
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(entries), unit=" files", file=sys.stderr, desc="GDELT exports")
    try:
        for entry in entries:
            path = download(entry, folder, timeout=timeout, user_agent=user_agent)
            report.files += 1
            merge_candidates(filter_events(read_export(path), codes=codes, dyad=dyad,
                                           where=entry.name, report=report), found)
            if bar is not None:
                bar.update()
    finally:
        if bar is not None:
            bar.close()
    return sorted(found.values(), key=lambda c: (c.first_seen or dt.datetime.min, c.url))


def candidates_frame(found: Sequence[Candidate]):
    """The candidates as a pandas DataFrame (one row per URL), for notebooks."""
    import pandas as pd

    return pd.DataFrame([c.to_dict() for c in found],
                        columns=["url", "gdelt_ids", "cameo_codes", "gdelt_dyads",
                                 "gdelt_first_seen"])
