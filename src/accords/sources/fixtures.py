"""A local news site and GDELT mirror on 127.0.0.1, for tests, notebook 06, the ``collect``
command's demonstration and the benchmark — so that collection runs end to end without the
internet.

:class:`FixtureServer` serves a table of :class:`Route` s (status, body, headers, a delay
before answering, a streamed body of any size) from a thread and counts the requests per
path. :func:`export_zip` and :func:`master_list` build GDELT 2.0 files in the documented
layout (61 tab-separated columns; ``SIZE MD5 URL`` lines). :func:`demo_site` fills a server
with a small news site whose pages were written for this project (reports of the 9 November
2021 Russia–Kazakhstan defence programme, a meeting, a duplicate page, a page robots.txt
forbids, a missing page) and the GDELT files that point at it.

>>> with FixtureServer({"/hello.html": Route(body=b"<html><p>hi</p></html>")}) as server:
...     from accords.sources.net import get
...     get(server.url("/hello.html")).status, server.hits["/hello.html"]
(200, 1)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from accords.sources.gdelt import EXPORT_COLUMNS

__all__ = ["DEMO_DYAD", "DEMO_RANGE", "FixtureServer", "Route", "demo_pages", "demo_server",
           "demo_site", "demo_warc", "event_row", "export_zip", "master_list", "write_warc"]

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Route:
    """One answer: ``status``, ``body`` (or ``stream_bytes`` of filler sent in chunks with no
    Content-Length), ``content_type``, extra ``headers``, and ``delay`` seconds of silence
    before the answer (a slow server)."""

    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream_bytes: int = 0

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Route:
        return cls(status=status, headers={"Location": location})

    @classmethod
    def text(cls, body: str, status: int = 200, content_type: str = HTML, **kw) -> Route:
        return cls(body=body.encode("utf-8"), status=status, content_type=content_type, **kw)


class _Handler(BaseHTTPRequestHandler):
    server_version = "accords-fixture/1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        server: _Server = self.server  # type: ignore[assignment]
        with server.lock:
            server.hits[self.path] += 1
        route = server.routes.get(self.path)
        if route is None:
            route = Route.text("<html><body><h1>Not found</h1></body></html>", status=404)
        with contextlib.suppress(OSError):  # the client may have given up (timeouts)
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.stream_bytes:
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"filler " * 1400 + b"</p>\n"
                sent = 0
                while sent < route.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class FixtureServer:
    """An HTTP server on 127.0.0.1 (a free port) serving ``routes`` until :meth:`stop`."""

    def __init__(self, routes: Mapping[str, Route] | None = None) -> None:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.routes = dict(routes or {})
        self._httpd.hits = Counter()
        self._httpd.lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def routes(self) -> dict[str, Route]:
        return self._httpd.routes

    @property
    def hits(self) -> Counter:
        """Requests received, by path (query included)."""
        return self._httpd.hits

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FixtureServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever,
                                            kwargs={"poll_interval": 0.05}, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ----------------------------------------------------------------------------- GDELT files


def event_row(event_id: int, code: str, actor1: str, actor2: str, url: str,
              added: str = "20211109120000", **fields: str) -> list[str]:
    """One export line (61 fields) with the given event id, CAMEO code, actors' country
    codes, DATEADDED and SOURCEURL; other columns blank unless given by name."""
    values = dict.fromkeys(EXPORT_COLUMNS, "")
    values.update({"GLOBALEVENTID": str(event_id), "SQLDATE": added[:8],
                   "MonthYear": added[:6], "Year": added[:4], "EventCode": code,
                   "EventBaseCode": code[:3], "EventRootCode": code[:2],
                   "Actor1Code": actor1, "Actor1CountryCode": actor1,
                   "Actor2Code": actor2, "Actor2CountryCode": actor2,
                   "IsRootEvent": "1", "DATEADDED": added, "SOURCEURL": url})
    unknown = set(fields) - set(EXPORT_COLUMNS)
    if unknown:
        raise KeyError(f"not GDELT export columns: {sorted(unknown)}")
    values.update(fields)
    return [values[c] for c in EXPORT_COLUMNS]


def export_zip(stamp: str, rows: Iterable[Sequence[str]]) -> bytes:
    """The bytes of ``<stamp>.export.CSV.zip`` holding the tab-separated ``rows``."""
    text = "".join("\t".join(row) + "\n" for row in rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(f"{stamp}.export.CSV", date_time=(2021, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def master_list(files: Iterable[tuple[str, bytes]]) -> str:
    """Master-list lines (``SIZE MD5 URL``) for ``(url, bytes)`` pairs."""
    return "".join(f"{len(data)} {hashlib.md5(data, usedforsecurity=False).hexdigest()} "
                   f"{url}\n" for url, data in files)


# ----------------------------------------------------------------------------- the demo site

#: The demo's date range and dyad (notebook 06 and ``python -m accords collect --demo``).
DEMO_RANGE = (dt.date(2021, 11, 9), dt.date(2021, 11, 10))
DEMO_DYAD = ("RUS", "KAZ")


def _page(lang: str, title: str, published: str, paragraphs: Sequence[str],
          site: str = "Steppe Defence Review") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title>"
            f'<meta property="og:site_name" content="{site}">'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{published}T10:00:00+00:00">'
            "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>\n{body}</article>"
            "<footer>Contact the newsroom. All rights reserved.</footer></body></html>")


# Pages written for this project; the facts of the 9 November 2021 signing are the seed's.
_PROGRAMME_EN = _page("en", "Russia and Kazakhstan sign defence partnership programme",
                      "2021-11-09", [
    "MOSCOW, 9 November 2021. The defence ministers of Russia and Kazakhstan, Sergei Shoigu "
    "and Murat Bektanov, signed in Moscow on Tuesday a programme of strategic partnership in "
    "the defence sector for 2022-2024.",
    "The two ministers also approved a plan of military cooperation for 2022, which sets out "
    "how the programme will be carried out. Its contents were not made public.",
    "Bektanov was in Moscow on his first official visit since he took office. The talks also "
    "covered the situation in Afghanistan and the transit of Russian military cargo across "
    "Kazakhstan.",
])
_PROGRAMME_IT = _page("it", "Mosca e Astana firmano il programma di partenariato nella difesa",
                      "2021-11-10", [
    "ROMA, 10 novembre 2021. Russia e Kazakistan hanno firmato ieri a Mosca il programma di "
    "partenariato strategico nel settore della difesa per il 2022-2024: lo hanno sottoscritto "
    "i ministri della Difesa Sergei Shoigu e Murat Bektanov.",
    "Durante la visita, la prima di Bektanov da ministro, le due delegazioni hanno discusso "
    "anche della sicurezza regionale e della situazione in Afghanistan.",
], site="Cronache dall'Asia Centrale")
_WEATHER_EN = _page("en", "Heavy snow closes the mountain passes", "2021-11-10", [
    "ALMATY, 10 November 2021. Heavy snow closed two mountain passes south of the city on "
    "Wednesday, and the road service asked drivers to wait for the ploughs.",
    "Forecasters expect the snow to ease by Friday, with frost at night across the region.",
])
_MEETING_EN = _page("en", "Kazakh and Russian officers discuss joint exercises", "2021-11-10", [
    "ASTANA, 10 November 2021. Senior officers of Kazakhstan and Russia met in Astana to "
    "discuss the calendar of joint exercises for next year.",
    "No document was signed. The officers said they would meet again in the spring to review "
    "the training of staff and the exchange of cadets.",
])


def demo_pages() -> dict[str, str]:
    """The demo site's pages by path (HTML written for this project)."""
    return {
        "/news/2021/11/09/russia-kazakhstan-defence-programme.html": _PROGRAMME_EN,
        "/amp/2021/11/09/russia-kazakhstan-defence-programme.html": _PROGRAMME_EN,
        "/it/2021/11/10/mosca-astana-programma-difesa.html": _PROGRAMME_IT,
        "/news/2021/11/10/kazakh-russian-officers-exercises.html": _MEETING_EN,
        "/news/2021/11/10/snow-closes-passes.html": _WEATHER_EN,
        "/private/2021/11/09/subscribers-only.html": _PROGRAMME_EN,
    }


def write_warc(path, pages: Iterable[tuple[str, bytes | str, str]], *, gzip: bool = True):
    """Write a WARC file of HTTP 200 ``response`` records, one per ``(url, body,
    content type)``, with warcio (a warcinfo record first, as crawlers write)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(str(path).rsplit("/", 1)[-1],
                                                          {"software": "accords fixtures"}))
        for url, body, content_type in pages:
            data = body.encode("utf-8") if isinstance(body, str) else body
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(data), http_headers=http))
    return path


def demo_warc(path, base: str = "http://news.fixture.test"):
    """A small WARC of the demo site's pages (and an image), as a news crawl would hold them:
    the pre-filter keeps the reports of agreements and drops the weather."""
    pages = [(base + p, html, HTML) for p, html in demo_pages().items()
             if not p.startswith("/private/")]
    pages.append((base + "/img/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))
    return write_warc(path, pages)


def demo_site(server: FixtureServer) -> dict[str, str]:
    """Fill ``server`` with the demo news site and a GDELT mirror for :data:`DEMO_RANGE`;
    returns ``{"master": URL of the master file list, ...}``. Candidates for
    :data:`DEMO_DYAD` in that range: the English and the Italian report (the English one
    cited by two events), a copy of the English one at another address, a meeting, a page
    robots.txt forbids and a missing page; events of other dyads, of regions, of one state
    with itself, outside the range or of other CAMEO codes are filtered out."""
    routes = server.routes
    routes["/robots.txt"] = Route.text("User-agent: *\nDisallow: /private/\n",
                                       content_type="text/plain")
    for path, html in demo_pages().items():
        routes[path] = Route.text(html)
    u = server.url
    first = [
        event_row(1001, "057", "RUS", "KAZ", u("/news/2021/11/09/russia-kazakhstan-defence-"
                                               "programme.html"), "20211109120000"),
        event_row(1002, "057", "KAZ", "RUS", u("/news/2021/11/09/russia-kazakhstan-defence-"
                                               "programme.html"), "20211109120000"),
        event_row(1003, "057", "RUS", "KAZ", u("/amp/2021/11/09/russia-kazakhstan-defence-"
                                               "programme.html"), "20211109120000"),
        event_row(1004, "057", "RUS", "KAZ", u("/private/2021/11/09/subscribers-only.html"),
                  "20211109120000"),
        event_row(1005, "057", "RUS", "BLR", u("/news/2021/11/09/other-dyad.html"),
                  "20211109120000"),
        event_row(1006, "057", "RUS", "EUR", u("/news/2021/11/09/region.html"),
                  "20211109120000"),
        event_row(1007, "040", "RUS", "KAZ", u("/news/2021/11/09/consult.html"),
                  "20211109120000"),
    ]
    second = [
        event_row(1011, "057", "RUS", "KAZ", u("/it/2021/11/10/mosca-astana-programma-"
                                               "difesa.html"), "20211110081500"),
        event_row(1012, "0312", "KAZ", "RUS", u("/news/2021/11/10/kazakh-russian-officers-"
                                                "exercises.html"), "20211110081500"),
        event_row(1013, "062", "KAZ", "RUS", u("/news/2021/11/10/removed-page.html"),
                  "20211110081500"),
        event_row(1014, "057", "KAZ", "KAZ", u("/news/2021/11/10/domestic.html"),
                  "20211110081500"),
    ]
    later = [event_row(1021, "057", "RUS", "KAZ", u("/news/2021/12/01/later.html"),
                       "20211201000000")]
    files = []
    for stamp, rows in (("20211109120000", first), ("20211110081500", second),
                        ("20211201000000", later)):
        data = export_zip(stamp, rows)
        path = f"/gdeltv2/{stamp}.export.CSV.zip"
        routes[path] = Route(body=data, content_type="application/zip")
        files.append((u(path), data))
        mentions = f"/gdeltv2/{stamp}.mentions.CSV.zip"
        files.append((u(mentions), b"not fetched"))
    routes["/gdeltv2/masterfilelist.txt"] = Route.text(master_list(files),
                                                       content_type="text/plain")
    return {"master": u("/gdeltv2/masterfilelist.txt"), "base": server.base}


_DEMO: FixtureServer | None = None


def demo_server() -> FixtureServer:
    """The demo site, started once per process (rerunning a notebook cell reuses it, so its
    URLs, and the ids made from them, stay the same)."""
    global _DEMO
    if _DEMO is None:
        server = FixtureServer().start()
        demo_site(server)
        _DEMO = server
    return _DEMO
