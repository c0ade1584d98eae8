"""Per-language lexicons: the words the rules look for, kept as data, not code.

Each language is a folder ``lexicons/<code>/`` of TOML files, one per topic (``reading.toml``
for month and weekday names, boilerplate cues, abbreviations and stop words; further topics
such as states, organisations or actions live in files of their own). Adding a language adds a
folder; no code changes. ``lexicons/common/`` holds cues shared by every language (social
networks, URL shapes).

>>> from accords.lexicon import load_lexicon
>>> load_lexicon("it")["months"][10]
'novembre'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from accords.lexicon_schema import contributions, language_problems, problems

__all__ = ["FileReport", "LexiconError", "available_languages", "check_folder", "load_lexicon"]

COMMON = "common"


class LexiconError(ValueError):
    """A lexicon file is missing, malformed, or two files of a language define the same key."""


#: Folders of further lexicons (separated by the path separator): a language folder there is
#: a language like a shipped one, without touching the installed package.
ENV = "ACCORDS_LEXICONS"


def _root():
    return resources.files("accords") / "lexicons"


def _roots() -> list[Any]:
    extra = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    return [_root(), *extra]


def _is_language(p) -> bool:
    return p.is_dir() and p.name != COMMON and not p.name.startswith(("_", "."))


@cache
def available_languages() -> tuple[str, ...]:
    """Language codes that have a lexicon folder, sorted (``common`` excluded): the shipped
    folders and those in the folders named by ``ACCORDS_LEXICONS``."""
    return tuple(sorted({p.name for root in _roots() if root.is_dir()
                         for p in root.iterdir() if _is_language(p)}))


def _folder(lang: str):
    for root in _roots():
        folder = root / lang
        if folder.is_dir():
            return folder
    return None


@cache
def load_lexicon(lang: str) -> Mapping[str, Any]:
    """All topic files of one language merged into one read-only mapping.

    Raises :class:`LexiconError` naming the file when a language has no folder, a file is not
    valid TOML, or two files define the same top-level key.
    """
    folder = _folder(lang)
    if folder is None:
        raise LexiconError(
            f"no lexicon for language {lang!r}; available: {', '.join(available_languages())}. "
            f"Add a folder src/accords/lexicons/{lang}/ with a reading.toml to support it."
        )
    merged: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        where = f"lexicons/{lang}/{entry.name}"
        data = _read(entry, where)
        bad = problems(where, data)
        if bad:
            more = f"; and {len(bad) - 5} more" if len(bad) > 5 else ""
            raise LexiconError("; ".join(bad[:5]) + more + ". Fix the key (the schema is "
                               "accords/lexicon_schema.py; a new key is added there first).")
        for key, value in data.items():
            if key in merged:
                raise LexiconError(
                    f"lexicons/{lang}/{entry.name} defines {key!r}, already defined in "
                    f"lexicons/{lang}/{owner[key]}; keep each key in one file."
                )
            merged[key] = value
            owner[key] = entry.name
    bad = language_problems(f"lexicons/{lang}", merged)
    if bad:
        raise LexiconError("; ".join(bad))
    return _freeze(merged)


def _read(entry, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(entry.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{where}: not valid TOML ({exc})") from exc


@dataclass
class FileReport:
    """One file of a lexicon folder: what it contributes (entries per key) and what is wrong."""

    path: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def check_folder(folder: str | Path) -> list[FileReport]:
    """Check every ``.toml`` file of a lexicon folder (a path, or a language code) against the
    schema; a key defined in two files of the folder is a problem of the second.

    >>> [r.path.split("/")[-1] for r in check_folder("it") if not r.problems]
    ['annotate.toml', 'extract.toml', 'reading.toml', 'states.toml']
    """
    path = Path(folder)
    if not path.is_dir():
        found = _folder(str(folder))
        path = Path(str(found)) if found is not None else path
    if not path.is_dir():
        raise LexiconError(f"{folder}: no such lexicon folder (a path, or one of "
                           f"{', '.join(available_languages())}, common)")
    reports: list[FileReport] = []
    owner: dict[str, str] = {}
    merged: dict[str, Any] = {}
    for entry in sorted(path.glob("*.toml")):
        where = f"lexicons/{path.name}/{entry.name}"
        report = FileReport(str(entry))
        try:
            data = _read(entry, where)
        except LexiconError as exc:
            report.problems.append(str(exc))
            reports.append(report)
            continue
        report.problems += problems(where, data)
        for key in data:
            if key in owner:
                report.problems.append(f"{where} defines {key!r}, already defined in "
                                       f"lexicons/{path.name}/{owner[key]}")
            owner.setdefault(key, entry.name)
            merged.setdefault(key, data[key])
        report.counts = contributions(data)
        reports.append(report)
    if reports:
        reports[-1].problems += language_problems(f"lexicons/{path.name}", merged)
    return reports


def _freeze(value: Any) -> Any:
    from types import MappingProxyType

    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value
