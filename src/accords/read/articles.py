"""Reading articles: ``.txt``, ``.jsonl`` and ``.html`` files, one at a time or a whole folder.

Every reader returns :class:`Article` records whose ``text`` is normalised
(:func:`accords.read.text.normalise`) and fingerprinted with the sha256 of that text. Metadata for a
``.txt`` or ``.html`` article may sit beside it in ``<name>.meta.json`` (id, url, outlet, lang,
published, plus any field of your own, which is kept in ``Article.meta``).

>>> from accords import paths
>>> seed = read_article(paths.articles_dir() / "seed-it-001.txt")
>>> seed.id, seed.lang, seed.outlet
('seed-it-001', 'it', 'Pars Today Italiano')
>>> seed.title
'Russia-Kazakistan: firmato un programma di partenariato per la Difesa'
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from accords.read.text import DecodeError, decode, fingerprint, normalise

__all__ = [
    "ARTICLE_SUFFIXES",
    "Article",
    "ArticleError",
    "OutputError",
    "article_from_row",
    "iter_jsonl",
    "read_article",
    "read_articles",
    "refuse_inputs",
]

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
META_SUFFIX = ".meta.json"
_KNOWN_FIELDS = ("id", "url", "outlet", "lang", "published", "title", "text")


class ArticleError(ValueError):
    """An article file or line that cannot be read; the message names it and says what to do."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    ``text`` is normalised on construction (NFC, ``\\n`` line endings, no BOM) and every offset
    in the project counts code points of it. ``sha256`` is the fingerprint of ``text``.
    ``lang_source`` says whether ``lang`` was declared by the source or detected from the text.
    ``meta`` keeps every other field the source carried (unknown JSONL fields, sidecar fields).
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    published: dt.date | None = None
    lang_source: str | None = None
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    sha256: str = field(init=False, default="")

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ArticleError(f"{self.source or 'article'}: the article id must be a "
                               "non-empty string.")
        if not isinstance(self.text, str):
            raise ArticleError(f"{self.source or self.id}: text must be a string.")
        text = normalise(self.text)
        object.__setattr__(self, "text", text)
        if self.title is not None:
            # A headline is one line: line breaks inside it become spaces.
            title = " ".join(part.strip() for part in normalise(self.title).split("\n"))
            object.__setattr__(self, "title", title.strip() or None)
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        object.__setattr__(self, "sha256", fingerprint(text))

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines form: known fields first, then ``meta``, then ``sha256``."""
        row: dict[str, Any] = {
            "id": self.id, "url": self.url, "outlet": self.outlet, "lang": self.lang,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title, "text": self.text,
        }
        row.update({k: v for k, v in self.meta.items() if k not in row})
        row["sha256"] = self.sha256
        return row


# --------------------------------------------------------------------------- helpers


def _parse_published(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ArticleError(
        f"{where}: published={value!r} is not a date; write it as YYYY-MM-DD, or null when "
        "the article's date is unknown."
    )


def _optional_str(row: Mapping[str, Any], key: str, where: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: field {key!r} must be a string or null, got "
                           f"{type(value).__name__}.")
    return value.strip() or None


def _detect(text: str) -> str | None:
    from accords.read.langid import detect_language

    return detect_language(text).lang


def article_from_row(row: Mapping[str, Any], where: str = "row") -> Article:
    """An Article from one JSON object (id, text, optional url/outlet/lang/published/title;
    other fields kept in ``meta``). Errors name ``where`` (e.g. ``corpus.jsonl:12``).
    """
    if row.get("id") in (None, ""):
        raise ArticleError(f"{where}: no 'id'; give every article a unique id.")
    return _finish(dict(row), where, where)


def _finish(row: dict[str, Any], where: str, source: str) -> Article:
    """Build an Article from a mapping of known fields plus extras."""
    text = row.get("text")
    if not isinstance(text, str):
        raise ArticleError(f"{where}: no 'text' field (a string) — every article needs its "
                           "text; add it or remove the line.")
    text = normalise(text)
    if not text.strip():
        raise ArticleError(f"{where}: the text is empty; remove the article or give its text.")
    if "\x00" in text:
        raise ArticleError(f"{where}: the text holds a NUL character (at offset "
                           f"{text.index(chr(0))}); a NUL means a broken export — remove it.")
    lang = _optional_str(row, "lang", where)
    lang_source = "declared" if lang else "detected"
    if not lang:
        lang = _detect(text)
    extras = {k: v for k, v in row.items() if k not in _KNOWN_FIELDS}
    return Article(
        id=str(row["id"]).strip(),
        text=text,
        title=_optional_str(row, "title", where),
        url=_optional_str(row, "url", where),
        outlet=_optional_str(row, "outlet", where),
        lang=lang.lower() if lang else None,
        published=_parse_published(row.get("published"), where),
        lang_source=lang_source if lang else None,
        source=source,
        meta=extras,
    )


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ArticleError(f"{path}: no such file; check the path (paths.articles_dir() is "
                           "where the project's own articles live).")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder; use read_articles() for folders.")
    data = path.read_bytes()
    if not data.strip():
        raise ArticleError(f"{path}: the file is empty; remove it or add the article's text.")
    return data


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    try:
        return decode(data, str(path), encoding)
    except DecodeError as exc:
        raise ArticleError(str(exc)) from exc


def _sidecar(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArticleError(f"{meta_path}: not valid UTF-8 JSON ({exc}); fix the metadata file "
                           "or delete it.") from exc
    if not isinstance(meta, dict):
        raise ArticleError(f"{meta_path}: must hold one JSON object of article metadata.")
    if "text" in meta:
        raise ArticleError(f"{meta_path}: metadata must not carry 'text'; the text is the "
                           f"file {path.name}.")
    return meta


def _read_txt(path: Path, encoding: str | None) -> Article:
    text = _decode(path, _read_bytes(path), encoding)
    if not text.strip():
        raise ArticleError(f"{path}: the file holds only whitespace; add the article's text.")
    meta = _sidecar(path)
    headline = next((line.strip() for line in text.split("\n") if line.strip()), None)
    row = {"id": path.stem, "title": headline, **meta, "text": text}
    return _finish(row, str(path), str(path))


def _has_prose(text: str, words: int = 5) -> bool:
    """Whether any line of ``text`` runs to ``words`` words: a sentence, not a menu item."""
    return any(len(line.split()) >= words for line in text.split("\n"))


def _read_html(path: Path, encoding: str | None) -> Article:
    import trafilatura

    html = _decode(path, _read_bytes(path), encoding)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if body and not _has_prose(body):  # menus and link lists only: ask the strict extractor
        strict = trafilatura.bare_extraction(html, favor_precision=True, include_comments=False,
                                             include_tables=False)
        strict_body = (getattr(strict, "text", None) or "") if strict is not None else ""
        if not strict_body.strip():
            body = ""
    if not body:
        raise ArticleError(f"{path}: no main text found in the HTML (nothing but markup, "
                           "menus or links); check that this is the article's page, or save "
                           "the article's text as .txt instead.")
    title = (getattr(doc, "title", None) or "").strip() or None
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    row: dict[str, Any] = {"id": path.stem, "title": title or body.split("\n", 1)[0],
                           "url": getattr(doc, "url", None),
                           "outlet": getattr(doc, "sitename", None)}
    published = getattr(doc, "date", None)
    if isinstance(published, str) and len(published) >= 10:
        row["published"] = published[:10]
    row.update(_sidecar(path))
    row["text"] = body
    return _finish(row, str(path), str(path))


def iter_jsonl(path: str | Path, *, encoding: str | None = None) -> Iterator[Article]:
    """Articles of a JSON Lines file, one per non-blank line, read lazily.

    Each line is an object with ``id`` and ``text`` and optionally url, outlet, lang, published,
    title; other fields are kept in ``Article.meta``. A bad line raises :class:`ArticleError`
    naming the file and line number. Duplicate ids are an error.
    """
    path = Path(path)
    data = _read_bytes(path)
    text = _decode(path, data, encoding)
    seen: dict[str, int] = {}
    any_line = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArticleError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); "
                               "each line must be one JSON object.") from exc
        if not isinstance(row, dict):
            raise ArticleError(f"{where}: must be a JSON object with 'id' and 'text', got "
                               f"{type(row).__name__}.")
        if row.get("id") in (None, ""):
            raise ArticleError(f"{where}: no 'id'; give every article a unique id.")
        article_id = str(row["id"]).strip()
        if article_id in seen:
            raise ArticleError(f"{where}: duplicate id {article_id!r} (first on line "
                               f"{seen[article_id]}); ids must be unique — rename one.")
        seen[article_id] = number
        yield _finish(row, where, where)
    if not any_line:
        raise ArticleError(f"{path}: holds no articles (only blank lines).")


def read_article(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one ``.txt`` or ``.html`` article (the first line of a ``.txt`` is its headline).

    ``encoding`` declares the file's encoding when it is not UTF-8; without it, bytes that are
    not valid UTF-8 are an error.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return _read_txt(path, encoding)
    if suffix in (".html", ".htm"):
        return _read_html(path, encoding)
    if suffix == ".jsonl":
        raise ArticleError(f"{path}: a .jsonl file holds many articles; use read_articles().")
    raise ArticleError(f"{path}: unsupported file type {suffix or '(none)'}; accepted: "
                       f"{', '.join(ARTICLE_SUFFIXES)}.")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                  and not p.name.startswith("."))


def read_articles(paths: str | Path | Iterable[str | Path], *,
                  encoding: str | None = None) -> list[Article]:
    """Read articles from files and folders (folders: every .txt/.jsonl/.html, sorted by name).

    Ids must be unique across everything read; a duplicate is an error naming both places.
    A folder without articles is an error, so a typo in a path never yields an empty corpus.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    articles: list[Article] = []
    where_seen: dict[str, str] = {}
    for item in paths:
        item = Path(item)
        if item.is_dir():
            files = _files(item)
            if not files:
                raise ArticleError(f"{item}: no articles here (looked for "
                                   f"{', '.join(ARTICLE_SUFFIXES)} files).")
        elif item.exists():
            files = [item]
        else:
            raise ArticleError(f"{item}: no such file or folder.")
        for file in files:
            batch = (iter_jsonl(file, encoding=encoding) if file.suffix.lower() == ".jsonl"
                     else [read_article(file, encoding=encoding)])
            for article in batch:
                if article.id in where_seen:
                    raise ArticleError(
                        f"{article.source}: duplicate id {article.id!r}, already read from "
                        f"{where_seen[article.id]}; ids must be unique — rename one."
                    )
                where_seen[article.id] = article.source or str(file)
                articles.append(article)
    return articles


# --------------------------------------------------------------------------- outputs


class OutputError(ValueError):
    """An output path that would overwrite an input (the same file, a hard or symbolic link
    to it, or a file the command reads from a folder)."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # same inode: also true for hard and symbolic links
    except OSError:
        return a.resolve() == b.resolve()


def refuse_inputs(target: str | Path, inputs, what: str = "output") -> None:
    """Raise :class:`OutputError` when writing ``target`` would overwrite one of ``inputs``.

    ``inputs`` are files or folders; for a folder, every article file in it counts, and so
    does a new ``.txt``/``.jsonl``/``.html`` file there (the next run would read it as an
    article).

    >>> import tempfile, pathlib
    >>> corpus = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = corpus.write_text("{}\\n", encoding="utf-8")
    >>> refuse_inputs(corpus, [corpus])
    Traceback (most recent call last):
    ...
    accords.read.articles.OutputError: ...c.jsonl: the output is the input file ...
    """
    target = Path(target)
    for item in map(Path, inputs):
        if item.is_dir():
            inside = target.parent.is_dir() and _same_file(target.parent, item)
            if inside and target.suffix.lower() in ARTICLE_SUFFIXES:
                raise OutputError(f"{target}: the {what} would land among the articles of "
                                  f"{item} and be read as articles next time; write it to "
                                  "another folder.")
        elif item.exists() and target.exists() and _same_file(target, item):
            raise OutputError(f"{target}: the {what} is the input file {item} (or a link to "
                              "it), which writing would destroy; choose another output file.")
