"""One HTTP GET with limits: a timeout, a size cap, no automatic redirects.

Everything in :mod:`accords.sources` that reaches the network goes through :func:`get`, so the
limits hold everywhere: the GDELT downloads, the page fetcher and WARC files read by URL. A
failure is a :class:`NetError` whose ``reason`` is one short word (``timeout``,
``connection``, ``too_large`` …) that reports count by, never a traceback.

>>> NetError("timeout", "http://127.0.0.1:9/ took too long").reason
'timeout'
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field

__all__ = ["DEFAULT_USER_AGENT", "NetError", "Response", "get", "open_stream"]

DEFAULT_USER_AGENT = "accords/0.1 (research on defence agreements; polite crawler)"


class NetError(Exception):
    """A request that failed; ``reason`` is a short class name for reports."""

    def __init__(self, reason: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Response:
    """A response read to the end (or to the size cap)."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)
# This machine's own servers (tests, the fixture site) are reached directly, never through
# a proxy named in the environment.
_LOCAL_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))
_LOCAL_STREAM = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_LOOPBACK = ("127.", "localhost", "[::1]")


def _is_local(url: str) -> bool:
    rest = url.split("://", 1)[-1]
    return rest.startswith(_LOOPBACK)


def _request(url: str, user_agent: str) -> urllib.request.Request:
    return urllib.request.Request(url, headers={"User-Agent": user_agent,
                                                "Accept-Encoding": "identity"})


def _classify(exc: BaseException, url: str) -> NetError:
    if isinstance(exc, NetError):
        return exc
    if isinstance(exc, TimeoutError | socket.timeout):
        return NetError("timeout", f"{url}: no answer within the timeout")
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, TimeoutError
                                                             | socket.timeout):
        return NetError("timeout", f"{url}: no answer within the timeout")
    if isinstance(exc, ValueError):
        return NetError("bad_url", f"{url}: not a URL that can be fetched ({exc})")
    if isinstance(exc, http.client.HTTPException):
        return NetError("protocol", f"{url}: broken HTTP response ({exc!r})")
    return NetError("connection", f"{url}: cannot connect ({exc})")


def open_stream(url: str, *, timeout: float = 30.0, user_agent: str = DEFAULT_USER_AGENT):
    """An open response to read in chunks (file-like), following redirects; for big files
    (WARC archives) that are streamed, not held in memory. Raises :class:`NetError`."""
    try:
        opener = _LOCAL_STREAM if _is_local(url) else urllib.request.build_opener()
        response = opener.open(_request(url, user_agent), timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise NetError(f"http_{exc.code}", f"{url}: the server answered {exc.code}",
                       exc.code) from exc
    except Exception as exc:  # every way a connection can fail ends as a NetError
        raise _classify(exc, url) from exc
    return response


def get(url: str, *, timeout: float = 30.0, max_bytes: int | None = None,
        user_agent: str = DEFAULT_USER_AGENT, accept=None) -> Response:
    """GET ``url`` without following redirects (a 3xx comes back as a Response with its
    ``location`` header). ``max_bytes`` caps the body: a larger one raises ``too_large``
    (checked on ``Content-Length`` first, then while reading). ``accept(content_type)`` may
    refuse a body by its type before it is read (raises ``not_html`` style errors itself).
    Error statuses (4xx, 5xx) come back as Responses too; only transport failures raise.
    """
    try:
        try:
            opener = _LOCAL_OPENER if _is_local(url) else _OPENER
            raw = opener.open(_request(url, user_agent), timeout=timeout)
        except urllib.error.HTTPError as exc:  # 3xx (redirects not followed), 4xx, 5xx
            raw = exc
        with raw:
            status = raw.status if hasattr(raw, "status") else raw.code
            headers = {k.lower(): v for k, v in raw.headers.items()}
            if accept is not None and 200 <= status < 300:
                accept(headers.get("content-type", ""))
            length = headers.get("content-length", "")
            if max_bytes is not None and length.isdigit() and int(length) > max_bytes:
                raise NetError("too_large", f"{url}: {int(length):,} bytes, more than the "
                                            f"cap of {max_bytes:,}")
            chunks, size = [], 0
            while True:
                chunk = raw.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise NetError("too_large", f"{url}: more than the cap of {max_bytes:,} "
                                                "bytes")
                chunks.append(chunk)
        return Response(url=url, status=status, headers=headers, body=b"".join(chunks))
    except NetError:
        raise
    except Exception as exc:  # every way a transfer can fail ends as a NetError
        raise _classify(exc, url) from exc
