"""A polite, resumable page fetcher whose output is the corpus JSON Lines.

:class:`Crawl` keeps its whole state in one SQLite file: every URL with its state
(``pending``, ``fetched``, ``duplicate``, ``robots``, ``failed``) and reason, every page body
once by its sha256 (zlib-compressed, so text can be extracted again without fetching), and
every host's robots.txt. Each URL's outcome is committed as soon as it is known, so a crawl
that is interrupted (Ctrl-C, a crash, a closed laptop) resumes where it stopped when run
again, and nothing is fetched twice: finished URLs are skipped, robots.txt files are read
from the state.

Politeness, per request: robots.txt honoured for the user agent (a host whose robots.txt
cannot be read, 5xx or no connection, is not crawled; 401/403 forbid the host; 404 allows
it), at most one request per ``delay`` seconds per host (or the host's ``Crawl-delay`` when
longer), hosts interleaved so that waiting on one does not stall the rest (and, with
``workers``, several hosts fetched at once, each by one worker at a time), retries with
exponential back-off for timeouts, lost connections, 429 and 5xx answers, a timeout on every
request, a size cap, and HTML only (``text/html``, ``application/xhtml+xml``). Redirects are
followed by hand (at most ``max_redirects``), each hop checked against its own host's robots.

Every outcome is a report line, never an exception: :class:`CrawlReport` counts pages
fetched, duplicates (a body already stored under another URL), URLs skipped by robots.txt and
failures by reason (``http_404``, ``http_500``, ``timeout``, ``too_large``, ``not_html``,
``too_many_redirects``, ``connection``, ``no_text`` …).

>>> import tempfile, pathlib
>>> crawl = Crawl(pathlib.Path(tempfile.mkdtemp()) / "state.sqlite")
>>> crawl.add(["http://127.0.0.1:9/a.html", "http://127.0.0.1:9/a.html"])
1
>>> crawl.report().pending
1
>>> crawl.close()
"""

from __future__ import annotations

import hashlib
import heapq
import json
import queue
import sqlite3
import sys
import threading
import time
import urllib.parse
import urllib.robotparser
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.atomic import atomic_open
from accords.sources.net import DEFAULT_USER_AGENT, NetError, Response, get
from accords.sources.pages import NotArticle, declared_language, decode_html, page_row

__all__ = ["HTML_TYPES", "Crawl", "CrawlReport", "FetchSettings"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_RETRY_REASONS = frozenset({"timeout", "connection", "protocol"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, seq INTEGER NOT NULL, host TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', reason TEXT, detail TEXT, status INTEGER,
    final_url TEXT, sha256 TEXT, attempts INTEGER NOT NULL DEFAULT 0, extra TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS urls_state ON urls(state, seq);
CREATE TABLE IF NOT EXISTS pages (
    sha256 TEXT PRIMARY KEY, url TEXT NOT NULL, id TEXT NOT NULL, row TEXT, html BLOB
);
CREATE INDEX IF NOT EXISTS pages_id ON pages(id);
CREATE TABLE IF NOT EXISTS robots (
    origin TEXT PRIMARY KEY, status INTEGER, body TEXT, reason TEXT
);
"""


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently to fetch. ``delay`` is seconds between two requests to
    one host; ``backoff`` the first retry's wait (doubled each retry)."""

    delay: float = 1.0
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    keep_html: bool = True


@dataclass
class CrawlReport:
    """Counts of a crawl's URLs by outcome (from the state file, so it covers every run)."""

    fetched: int = 0
    duplicates: int = 0
    robots: int = 0
    failed: Counter = field(default_factory=Counter)
    pending: int = 0
    requests: int = 0  # HTTP requests made by this run (robots.txt included)

    @property
    def total(self) -> int:
        return self.fetched + self.duplicates + self.robots + sum(self.failed.values()) \
            + self.pending

    def __str__(self) -> str:
        lines = [f"{self.total} URLs: {self.fetched} fetched, {self.duplicates} duplicates of a "
                 f"page already stored, {self.robots} skipped by robots.txt, "
                 f"{sum(self.failed.values())} failed, {self.pending} pending"]
        if self.failed:
            lines.append("failed by reason: " + ", ".join(
                f"{reason} {count}" for reason, count in sorted(self.failed.items())))
        lines.append(f"{self.requests} HTTP requests in this run")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"fetched": self.fetched, "duplicates": self.duplicates, "robots": self.robots,
                "failed": dict(sorted(self.failed.items())), "pending": self.pending,
                "requests": self.requests}


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc.lower()


def _not_html(content_type: str) -> None:
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind not in HTML_TYPES:
        raise NetError("not_html", f"content type {kind or 'unknown'!r} is not HTML")


class _Failure(Exception):
    def __init__(self, state: str, reason: str, detail: str, status: int | None = None):
        super().__init__(detail)
        self.state, self.reason, self.detail, self.status = state, reason, detail, status


class Crawl:
    """A crawl kept in the SQLite file ``state``: :meth:`add` URLs, :meth:`run`, then
    :meth:`write_jsonl`. Opening an existing state file resumes it."""

    def __init__(self, state: str | Path, settings: FetchSettings | None = None) -> None:
        self.path = Path(state)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.settings = settings or FetchSettings()
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.executescript(_SCHEMA)
        self._lock = threading.RLock()  # the database, the robots and rate-limit tables
        self._origin_locks: dict[str, threading.Lock] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | _Failure] = {}
        self._next: dict[str, float] = {}
        self.requests = 0

    # ------------------------------------------------------------------ state
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Crawl:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, urls: Iterable[str | Mapping[str, Any]]) -> int:
        """Queue URLs (strings, or mappings with ``url`` and extra fields such as
        ``gdelt_ids``, which are merged into a URL already queued). Returns how many URLs
        are new; a URL already known is never queued twice."""
        if isinstance(urls, str | Mapping):
            urls = [urls]
        added = 0
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM urls").fetchone()[0]
        with self.db:
            for item in urls:
                extra = {} if isinstance(item, str) else {k: v for k, v in item.items()
                                                           if k != "url"}
                url = (item if isinstance(item, str) else item["url"]).strip()
                if not url.startswith(("http://", "https://")):
                    raise ValueError(f"{url!r} is not an http(s) URL; give absolute URLs.")
                known = self.db.execute("SELECT extra FROM urls WHERE url = ?",
                                        (url,)).fetchone()
                if known is None:
                    seq += 1
                    added += 1
                    self.db.execute("INSERT INTO urls (url, seq, host, extra) VALUES "
                                    "(?, ?, ?, ?)", (url, seq, _host(url),
                                                     json.dumps(extra, sort_keys=True)))
                elif extra:
                    merged = _merge_extra(json.loads(known[0]), extra)
                    self.db.execute("UPDATE urls SET extra = ? WHERE url = ?",
                                    (json.dumps(merged, sort_keys=True), url))
        return added

    def report(self) -> CrawlReport:
        """Counts by outcome over every URL in the state."""
        report = CrawlReport(requests=self.requests)
        with self._lock:
            counts = self.db.execute("SELECT state, reason, COUNT(*) FROM urls "
                                     "GROUP BY state, reason").fetchall()
        for state, reason, count in counts:
            if state == "fetched":
                report.fetched += count
            elif state == "duplicate":
                report.duplicates += count
            elif state == "robots":
                report.robots += count
            elif state == "failed":
                report.failed[reason] += count
            else:
                report.pending += count
        return report

    def outcomes(self) -> list[dict[str, Any]]:
        """Every URL with its state, reason, HTTP status and final URL, in queue order."""
        cols = ("url", "state", "reason", "detail", "status", "final_url", "attempts")
        return [dict(zip(cols, row, strict=True)) for row in self.db.execute(
            f"SELECT {', '.join(cols)} FROM urls ORDER BY seq")]

    def retry_failed(self, reasons: Iterable[str] | None = None) -> int:
        """Queue failed URLs again (all, or those failed for ``reasons``); returns how many."""
        with self.db:
            if reasons is None:
                cur = self.db.execute("UPDATE urls SET state = 'pending', reason = NULL, "
                                      "detail = NULL WHERE state = 'failed'")
            else:
                wanted = list(reasons)
                cur = self.db.execute(
                    "UPDATE urls SET state = 'pending', reason = NULL, detail = NULL WHERE "
                    f"state = 'failed' AND reason IN ({','.join('?' * len(wanted))})", wanted)
        return cur.rowcount

    # ------------------------------------------------------------------ fetching
    def _wait(self, host: str) -> None:
        with self._lock:
            ready = self._next.get(host, 0.0)
        now = time.monotonic()
        if ready > now:
            time.sleep(ready - now)

    def _spaced(self, host: str, delay: float) -> None:
        with self._lock:
            self._next[host] = time.monotonic() + delay

    def _request(self, url: str, accept=None) -> Response:
        host = _host(url)
        self._wait(host)
        with self._lock:
            self.requests += 1
        try:
            return get(url, timeout=self.settings.timeout, max_bytes=self.settings.max_bytes,
                       user_agent=self.settings.user_agent, accept=accept)
        finally:
            self._spaced(host, self._host_delay(url))

    def _host_delay(self, url: str) -> float:
        with self._lock:
            parser = self._robots.get(_origin(url))
        delay = self.settings.delay
        if isinstance(parser, urllib.robotparser.RobotFileParser):
            crawl_delay = parser.crawl_delay(self.settings.user_agent)
            if crawl_delay is not None:
                delay = max(delay, float(crawl_delay))
        return delay

    def _robots_for(self, url: str):
        origin = _origin(url)
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one robots.txt request per origin, whatever the workers
            with self._lock:
                if origin in self._robots:
                    return self._robots[origin]
                row = self.db.execute("SELECT status, body, reason FROM robots WHERE "
                                      "origin = ?", (origin,)).fetchone()
            if row is None:
                status, body, reason = self._fetch_robots(origin)
                with self._lock, self.db:
                    self.db.execute("INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                                    (origin, status, body, reason))
            else:
                status, body, reason = row
            parser = _robots_parser(origin, status, body, reason)
            with self._lock:
                self._robots[origin] = parser
            return parser

    def _fetch_robots(self, origin: str) -> tuple[int | None, str | None, str | None]:
        """robots.txt of ``origin``: (status, text, None) or (None, None, failure reason);
        redirects are followed (at most five), 5xx and lost connections retried."""
        url, hops, attempt = origin + "/robots.txt", 0, 0
        while True:
            try:
                response = self._request(url)
            except NetError as exc:
                if exc.reason in _RETRY_REASONS and attempt < self.settings.retries:
                    time.sleep(self.settings.backoff * 2 ** attempt)
                    attempt += 1
                    continue
                return None, None, exc.reason
            if response.status in _RETRY_STATUSES and attempt < self.settings.retries:
                time.sleep(self.settings.backoff * 2 ** attempt)
                attempt += 1
                continue
            location = response.headers.get("location")
            if response.status in (301, 302, 303, 307, 308) and location and hops < 5:
                url, hops = urllib.parse.urljoin(url, location), hops + 1
                continue
            return response.status, response.body.decode("utf-8", "replace"), None

    def _allowed(self, url: str) -> None:
        parser = self._robots_for(url)
        if isinstance(parser, _Failure):
            raise parser
        if not parser.can_fetch(self.settings.user_agent, url):
            raise _Failure("robots", "robots", f"{url}: disallowed by {_origin(url)}/robots.txt")

    def _get_with_retries(self, url: str) -> Response:
        for attempt in range(self.settings.retries + 1):
            try:
                response = self._request(url, accept=_not_html)
            except NetError as exc:
                if exc.reason in _RETRY_REASONS and attempt < self.settings.retries:
                    time.sleep(self.settings.backoff * 2 ** attempt)
                    continue
                raise _Failure("failed", exc.reason, str(exc)) from exc
            if response.status in _RETRY_STATUSES and attempt < self.settings.retries:
                time.sleep(self.settings.backoff * 2 ** attempt)
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _fetch(self, url: str) -> tuple[Response, str]:
        """The final response for ``url`` after redirects, and the final URL."""
        current, seen = url, {url}
        for _ in range(self.settings.max_redirects + 1):
            self._allowed(current)
            response = self._get_with_retries(current)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise _Failure("failed", "bad_redirect", f"{current}: a redirect without "
                                   "a Location header", response.status)
                target = urllib.parse.urljoin(current, location).split("#", 1)[0]
                if target in seen:
                    raise _Failure("failed", "redirect_loop", f"{url}: redirects back to "
                                   f"{target}", response.status)
                if not target.startswith(("http://", "https://")):
                    raise _Failure("failed", "bad_redirect", f"{current}: redirects to "
                                   f"{target!r}", response.status)
                seen.add(target)
                current = target
                continue
            if response.status != 200:
                raise _Failure("failed", f"http_{response.status}", f"{current}: the server "
                               f"answered {response.status}", response.status)
            return response, current
        raise _Failure("failed", "too_many_redirects", f"{url}: more than "
                       f"{self.settings.max_redirects} redirects")

    def _process(self, url: str) -> str:
        """Fetch one URL and commit its outcome; returns its state."""
        try:
            response, final = self._fetch(url)
        except _Failure as failure:
            self._record(url, failure.state, failure.reason, failure.detail, failure.status)
            return failure.state
        digest = hashlib.sha256(response.body).hexdigest()
        if self._duplicate(url, digest, response.status, final):
            return "duplicate"
        html = decode_html(response.body, response.charset)
        lang = declared_language(response.body, response.headers.get("content-language"))
        try:
            row = page_row(html, url, lang=lang)
        except NotArticle as exc:
            self._record(url, "failed", exc.reason, str(exc), response.status, final, digest)
            return "failed"
        except Exception as exc:  # a page that breaks the HTML parser is reported, not fatal
            self._record(url, "failed", "extraction_error", f"{url}: {type(exc).__name__}: "
                         f"{exc}", response.status, final, digest)
            return "failed"
        stored = zlib.compress(response.body, 6) if self.settings.keep_html else None
        with self._lock:
            if self._duplicate(url, digest, response.status, final):  # another worker's
                return "duplicate"
            with self.db:
                self.db.execute("INSERT INTO pages VALUES (?, ?, ?, ?, ?)",
                                (digest, url, row["id"], json.dumps(row, ensure_ascii=False),
                                 stored))
                self._update(url, "fetched", None, None, response.status, final, digest)
        return "fetched"

    def _duplicate(self, url, digest, status, final) -> bool:
        """Record ``url`` as a duplicate when a page with this body is already stored."""
        with self._lock:
            known = self.db.execute("SELECT url FROM pages WHERE sha256 = ?",
                                    (digest,)).fetchone()
            if known is None:
                return False
            self._record(url, "duplicate", "same_content", f"same page as {known[0]}",
                         status, final, digest)
            return True

    def _record(self, url, state, reason, detail, status=None, final=None, digest=None):
        with self._lock, self.db:
            self._update(url, state, reason, detail, status, final, digest)

    def _update(self, url, state, reason, detail, status, final, digest):
        self.db.execute("UPDATE urls SET state = ?, reason = ?, detail = ?, status = ?, "
                        "final_url = ?, sha256 = ?, attempts = attempts + 1 WHERE url = ?",
                        (state, reason, detail, status, final, digest, url))

    def _schedule(self) -> list[str]:
        """Pending URLs, hosts interleaved: the host that may be asked soonest goes next."""
        by_host: dict[str, deque] = {}
        for url, host in self.db.execute(
                "SELECT url, host FROM urls WHERE state = 'pending' ORDER BY seq"):
            by_host.setdefault(host, deque()).append(url)
        heap = [(0, i, host) for i, host in enumerate(by_host)]
        heapq.heapify(heap)
        order = []
        while heap:
            count, i, host = heapq.heappop(heap)
            order.append(by_host[host].popleft())
            if by_host[host]:
                heapq.heappush(heap, (count + 1, i, host))
        return order

    def run(self, *, progress: bool = True, limit: int | None = None, workers: int = 1,
            on_url: Callable[[str, str], None] | None = None) -> CrawlReport:
        """Fetch every pending URL (at most ``limit``), committing each outcome at once.
        ``workers`` threads fetch from different hosts at the same time (each host is asked
        by one worker at a time, so the per-host delay holds). ``on_url(url, state)`` is
        called after each URL, in this thread (a notebook's own progress, a test's
        interruption). Returns the report over the whole state."""
        self.requests = 0
        order = self._schedule()
        if limit is not None:
            order = order[:limit]
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(order), unit=" pages", file=sys.stderr, desc="fetching")
        outcomes = (self._threaded(order, workers) if workers > 1
                    else ((url, self._process(url)) for url in order))
        try:
            for url, state in outcomes:
                if bar is not None:
                    bar.update()
                if on_url is not None:
                    on_url(url, state)
        finally:
            outcomes.close()  # the workers finish the URL in hand and stop
            if bar is not None:
                bar.close()
        return self.report()

    def _threaded(self, order: list[str], workers: int) -> Iterator[tuple[str, str]]:
        """``(url, state)`` as ``workers`` threads finish URLs; on an exception here (Ctrl-C,
        ``on_url``) the workers finish the URL in hand and stop."""
        by_host: dict[str, deque] = {}
        for url in order:
            by_host.setdefault(_host(url), deque()).append(url)
        ready = deque(by_host)
        guard = threading.Lock()
        results: queue.Queue = queue.Queue()
        stop = threading.Event()

        def work() -> None:
            while not stop.is_set():
                with guard:
                    if not ready:
                        return
                    host = ready.popleft()
                    url = by_host[host].popleft()
                try:
                    state = self._process(url)
                except BaseException as exc:  # handed to the caller's thread
                    results.put((url, exc))
                    return
                with guard:
                    if by_host[host]:
                        ready.append(host)
                results.put((url, state))

        threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
        for thread in threads:
            thread.start()
        try:
            for _ in order:
                while True:
                    try:
                        url, state = results.get(timeout=0.2)
                        break
                    except queue.Empty:
                        if not any(t.is_alive() for t in threads) and results.empty():
                            return
                if isinstance(state, BaseException):
                    raise state
                yield url, state
        finally:
            stop.set()
            for thread in threads:
                thread.join()

    # ------------------------------------------------------------------ output
    def rows(self) -> Iterator[dict[str, Any]]:
        """The corpus lines, read lazily: one per distinct page, sorted by id, with the GDELT
        ids of every URL that gave that page, the other URLs as ``also_at`` and a redirect's
        ``final_url``."""
        extras: dict[str, list[tuple[str, dict, str | None]]] = {}
        for url, extra, digest, final in self.db.execute(
                "SELECT url, extra, sha256, final_url FROM urls "
                "WHERE state IN ('fetched', 'duplicate') ORDER BY seq"):
            extras.setdefault(digest, []).append((url, json.loads(extra), final))
        for digest, url, row_json in self.db.execute(
                "SELECT sha256, url, row FROM pages WHERE row IS NOT NULL ORDER BY id, sha256"):
            row = json.loads(row_json)
            sources = extras.get(digest, [])
            merged: dict[str, Any] = {}
            for _, extra, _ in sources:
                merged = _merge_extra(merged, extra)
            final = next((f for u, _, f in sources if u == url), None)
            if final and final != url:
                row["final_url"] = final
            others = sorted(u for u, _, _ in sources if u != url)
            if others:
                row["also_at"] = others
            row["gdelt_ids"] = sorted(merged.pop("gdelt_ids", []))
            row.update({k: v for k, v in sorted(merged.items()) if k not in row})
            yield row

    def write_jsonl(self, path: str | Path) -> int:
        """Write the corpus JSON Lines atomically (streamed: memory stays flat); returns the
        number of lines."""
        count = 0
        with atomic_open(path, "w") as handle:
            for row in self.rows():
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        return count


def _merge_extra(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Lists are united (sorted, no repeats); other values keep the first one given."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = sorted(set(merged[key]) | set(value))
        elif key not in merged:
            merged[key] = sorted(set(value)) if isinstance(value, list) else value
    return merged


def _robots_parser(origin: str, status, body, reason):
    parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
    if reason is not None or status is None:  # the host does not answer: its own reason
        return _Failure("failed", reason or "connection", f"{origin}/robots.txt could not "
                        f"be read ({reason}); the host is not crawled")
    if status in (401, 403):
        parser.disallow_all = True
    elif 400 <= status < 500:
        parser.allow_all = True
    elif status >= 500:
        return _Failure("failed", "robots_unavailable", f"{origin}/robots.txt answered "
                        f"{status}; the host is not crawled")
    elif 300 <= status < 400:
        parser.allow_all = True  # a robots.txt that redirects: treated as none
    else:
        parser.parse(body.splitlines())
    return parser
