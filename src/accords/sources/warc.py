"""WARC archives (Common Crawl's CC-NEWS, or any crawl): HTML responses → the corpus JSON Lines.

Each file is streamed with warcio (gzip per record or plain; a local path or an http(s) URL,
read as it arrives, never held whole): only ``response`` records with status 200 and an HTML
content type are kept, bodies over ``max_bytes`` are skipped, the lexicon pre-filter
(:class:`accords.sources.prefilter.PreFilter`) drops pages that mention no agreement or no
defence word, and the main text of the rest is extracted by trafilatura into the same lines
as the fetcher writes (``id``, ``url``, ``outlet``, ``published``, ``lang``, ``title``,
``text``, plus ``warc_file`` and ``warc_record_id`` as provenance). A URL or a text met twice
(archives overlap) is written once. A file that cannot be opened or is corrupt ends in the
report with its reason; the other files are still read.

Sources: paths, URLs, or a *paths list* (``warc.paths`` / ``warc.paths.gz``, a file or a URL,
as Common Crawl publishes one per CC-NEWS month) whose relative lines are joined to ``base``.

>>> lang_code("ita"), lang_code("en"), lang_code("eng,fra"), lang_code(None)
('it', 'en', 'en', None)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.atomic import atomic_open
from accords.sources.net import NetError, open_stream
from accords.sources.pages import NotArticle, declared_language, decode_html, page_row
from accords.sources.prefilter import PreFilter

__all__ = ["CC_BASE", "WarcReport", "expand_sources", "lang_code", "read_warc", "warc_to_jsonl"]

CC_BASE = "https://data.commoncrawl.org/"

# ISO 639-3 (as in WARC-Identified-Content-Language) → 639-1, for the lexicon languages.
_639_3 = {"eng": "en", "ita": "it", "rus": "ru", "deu": "de", "fra": "fr", "spa": "es",
          "por": "pt", "ukr": "uk", "pol": "pl", "ron": "ro", "cat": "ca", "ces": "cs",
          "tur": "tr", "fas": "fa", "hye": "hy", "ara": "ar", "zho": "zh", "jpn": "ja",
          "nld": "nl", "swe": "sv"}
_HTML = ("text/html", "application/xhtml+xml")


def lang_code(value: str | None) -> str | None:
    """The first language of a header value as a two-letter code where one is known."""
    if not value:
        return None
    first = value.split(",")[0].strip().lower().split("-")[0]
    return _639_3.get(first, first) or None


@dataclass
class WarcReport:
    """What reading WARC files did, record by record."""

    files: int = 0
    records: int = 0
    responses: int = 0
    html: int = 0
    bytes: int = 0
    written: int = 0
    dropped: Counter = field(default_factory=Counter)
    file_errors: list[str] = field(default_factory=list)
    files_done: int = 0  # skipped: already read into the state by an earlier run
    in_state: int | None = None  # lines in the state (and the output) after a resumable run

    def __str__(self) -> str:
        lines = [f"{self.files} WARC files, {self.records:,} records, {self.responses:,} "
                 f"responses, {self.html:,} HTML pages, {self.written:,} written"]
        if self.dropped:
            lines.append("dropped: " + ", ".join(f"{reason} {count:,}" for reason, count
                                                 in sorted(self.dropped.items())))
        for error in self.file_errors:
            lines.append(f"file not read: {error}")
        if self.files_done:
            lines.append(f"{self.files_done} files already read by an earlier run (skipped)")
        if self.in_state is not None:
            lines.append(f"{self.in_state:,} articles in the state and the output")
        return "\n".join(lines)


def expand_sources(sources: str | Path | Iterable[str | Path], base: str = CC_BASE
                   ) -> list[str]:
    """Paths and URLs, with each paths list (``*.paths``, ``*.paths.gz``, ``*.txt``)
    replaced by its lines (relative ones joined to ``base``)."""
    if isinstance(sources, str | Path):
        sources = [sources]
    out: list[str] = []
    for source in sources:
        text = str(source)
        if text.endswith((".paths", ".paths.gz", ".txt")):
            if text.startswith(("http://", "https://")):
                with open_stream(text) as response:
                    data = response.read()
            else:
                path = Path(text)
                if not path.is_file():
                    raise FileNotFoundError(f"{path}: no such paths list; give WARC paths, "
                                            "URLs or a file listing them one a line.")
                data = path.read_bytes()
            if text.endswith(".gz"):
                data = gzip.decompress(data)
            for line in data.decode("utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    out.append(line if line.startswith(("http://", "https://", "/"))
                               or Path(line).is_file() else base.rstrip("/") + "/" + line)
        else:
            out.append(text)
    return out


def _open(source: str, timeout: float):
    if source.startswith(("http://", "https://")):
        return open_stream(source, timeout=timeout)
    return open(source, "rb")


class _Counting:
    """A file wrapper that counts the bytes read (MB/s in the report and the benchmark)."""

    def __init__(self, raw, report: WarcReport) -> None:
        self.raw, self.report = raw, report

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.report.bytes += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.raw.readline(size)
        self.report.bytes += len(data)
        return data


def read_warc(sources, *, prefilter: PreFilter | bool | None = True,
              max_bytes: int = 5_000_000, timeout: float = 60.0, base: str = CC_BASE,
              report: WarcReport | None = None, progress: bool = False
              ) -> Iterator[dict[str, Any]]:
    """Corpus lines from the HTML responses of WARC ``sources`` (see the module docstring).
    ``prefilter=False`` keeps every HTML page; ``report`` is filled in as records are read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if prefilter is True:
        prefilter = PreFilter()
    report = report if report is not None else WarcReport()
    seen_urls: set[bytes] = set()
    seen_texts: set[bytes] = set()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(unit=" records", file=sys.stderr, desc="WARC")
    try:
        for source in expand_sources(sources, base):
            try:
                raw = _open(source, timeout)
            except FileNotFoundError:
                report.file_errors.append(f"{source}: no such file")
                continue
            except (OSError, NetError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                report.file_errors.append(f"{source}: {reason}")
                continue
            report.files += 1
            name = source.rsplit("/", 1)[-1]
            try:
                with raw:
                    for record in ArchiveIterator(_Counting(raw, report)):
                        report.records += 1
                        if bar is not None:
                            bar.update()
                        row = _row(record, name, prefilter, max_bytes, report, seen_urls,
                                   seen_texts)
                        if row is not None:
                            report.written += 1
                            yield row
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, NetError) as exc:
                report.file_errors.append(f"{source}: stopped after {report.records:,} "
                                          f"records ({type(exc).__name__}: {exc})")
    finally:
        if bar is not None:
            bar.close()


def _row(record, name, prefilter, max_bytes, report, seen_urls, seen_texts):
    if record.rec_type != "response":
        return None
    report.responses += 1
    http = record.http_headers
    if http is None:
        report.dropped["no_http_headers"] += 1
        return None
    status = http.get_statuscode()
    if status != "200":
        report.dropped[f"status_{status}"] += 1
        return None
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in _HTML:
        report.dropped["not_html"] += 1
        return None
    report.html += 1
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    key = hashlib.sha256(url.encode("utf-8")).digest()[:16]
    if key in seen_urls:
        report.dropped["duplicate_url"] += 1
        return None
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        report.dropped["too_large"] += 1
        return None
    charset = None
    for part in (http.get_header("Content-Type") or "").split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'")
    html = decode_html(body, charset)
    lang = declared_language(body, None) or lang_code(
        record.rec_headers.get_header("WARC-Identified-Content-Language")) or lang_code(
        http.get_header("Content-Language"))
    if prefilter:
        reason = prefilter.check(html, lang)
        if reason is not None:
            report.dropped[reason] += 1
            return None
    try:
        row = page_row(html, url, lang=lang, extra={
            "warc_file": name,
            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")})
    except NotArticle as exc:
        report.dropped[exc.reason] += 1
        return None
    except Exception:  # a page that breaks the HTML parser is counted, not fatal
        report.dropped["extraction_error"] += 1
        return None
    digest = hashlib.sha256(row["text"].encode("utf-8")).digest()[:16]
    if digest in seen_texts:
        report.dropped["duplicate_text"] += 1
        return None
    seen_urls.add(key)
    seen_texts.add(digest)
    return row


def warc_to_jsonl(sources, output: str | Path, *, state: str | Path | None = None,
                  **options) -> WarcReport:
    """Write the corpus lines of ``sources`` to ``output`` (atomically: an interrupted run
    leaves the old file); options as :func:`read_warc`. Returns the report.

    With ``state`` (an SQLite file), the run is resumable: each WARC file's lines are
    committed to the state when the file has been read to its end, files already read are
    skipped on the next run (``report.files_done``), a URL or text already in the state is
    not written twice, and ``output`` is written from the state, sorted by id.
    """
    report = options.pop("report", None) or WarcReport()
    if state is None:
        with atomic_open(output, "w") as handle:
            for row in read_warc(sources, report=report, **options):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        return report
    import sqlite3

    Path(state).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(state)
    try:
        db.executescript(
            "CREATE TABLE IF NOT EXISTS files (source TEXT PRIMARY KEY, written INTEGER);"
            "CREATE TABLE IF NOT EXISTS pages (id TEXT PRIMARY KEY, text_sha TEXT UNIQUE, "
            "row TEXT NOT NULL);")
        done = {row[0] for row in db.execute("SELECT source FROM files")}
        for source in expand_sources(sources, options.get("base", CC_BASE)):
            if source in done:
                report.files_done += 1
                continue
            errors = len(report.file_errors)
            rows = list(read_warc([source], report=report, **options))
            if len(report.file_errors) > errors:  # unread or broken: tried again next time
                continue
            with db:
                for row in rows:
                    sha = hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
                    cur = db.execute("INSERT OR IGNORE INTO pages VALUES (?, ?, ?)",
                                     (row["id"], sha, json.dumps(row, ensure_ascii=False)))
                    if cur.rowcount == 0:
                        report.written -= 1
                        report.dropped["duplicate_in_state"] += 1
                db.execute("INSERT INTO files VALUES (?, ?)", (source, len(rows)))
        with atomic_open(output, "w") as handle:
            for (row,) in db.execute("SELECT row FROM pages ORDER BY id"):
                handle.write(row + "\n")
        report.in_state = db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    finally:
        db.close()
    return report
