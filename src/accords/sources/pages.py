"""From one fetched HTML page to one corpus line: id, url, outlet, published, lang, title, text.

The main text comes from trafilatura (menus, comments and tables left out); the language is
the one the page declares (``<html lang>`` or ``Content-Language``), or null — the reader
(:func:`accords.read.articles.article_from_row`) detects it then. Ids are safe file names by
construction: the host name and twelve hex digits of the URL's sha256.

>>> page_id("https://www.example.org/news/2021/11/09/accord.html")
'www.example.org-1789415fc793'
>>> declared_language(b'<!DOCTYPE html><html lang="it-IT"><head>')
'it'
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from typing import Any

__all__ = ["NotArticle", "declared_language", "decode_html", "page_id", "page_row"]

_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]+)?",
                   re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


class NotArticle(ValueError):
    """A page with no main text (menus, links, an empty body); ``reason`` names the class."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def page_id(url: str) -> str:
    """The corpus id of the page at ``url``: ``<host>-<12 hex digits of sha256(url)>``; only
    letters, digits, ``.`` and ``-``, so it is a file name as it is."""
    host = (urllib.parse.urlsplit(url).hostname or "page").lower()
    host = re.sub(r"[^a-z0-9.-]", "-", host).strip(".-") or "page"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def declared_language(html: bytes, header: str | None = None) -> str | None:
    """The two- or three-letter language a page declares (``<html lang>``, else the
    ``Content-Language`` header), lower case; None when it declares none."""
    match = _LANG.search(html[:8192])
    if match:
        return match.group(1).decode("ascii").lower()
    if header:
        code = re.match(r"\s*([A-Za-z]{2,3})\b", header)
        if code:
            return code.group(1).lower()
    return None


def decode_html(body: bytes, charset: str | None = None) -> str:
    """The page's text: the HTTP charset, else a ``<meta charset>``, else UTF-8 (bytes that do
    not decode are replaced, never fatal)."""
    for name in (charset, _meta_charset(body), "utf-8"):
        if not name:
            continue
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None


def _has_prose(text: str, words: int = 5) -> bool:
    return any(len(line.split()) >= words for line in text.split("\n"))


def page_row(html: str, url: str, *, lang: str | None = None,
             extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """One corpus line for the page at ``url``. Raises :class:`NotArticle` when trafilatura
    finds no main text of at least one sentence-long line."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      include_comments=False, include_tables=False)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise NotArticle("no_text", f"{url}: no main text in the page")
    if not _has_prose(body):
        raise NotArticle("no_text", f"{url}: the page holds only short lines (menus, links)")
    title = (getattr(doc, "title", None) or "").strip() or None
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    published = getattr(doc, "date", None)
    row: dict[str, Any] = {
        "id": page_id(url), "url": url,
        "outlet": (getattr(doc, "sitename", None) or "").strip()
                  or urllib.parse.urlsplit(url).hostname,
        "published": published[:10] if isinstance(published, str) and len(published) >= 10
                     else None,
        "lang": lang, "title": title or body.split("\n", 1)[0], "text": body,
    }
    if extra:
        row.update({k: v for k, v in extra.items() if k not in row})
    return row
