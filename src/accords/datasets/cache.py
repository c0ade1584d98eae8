"""Cleaned tables cached as Parquet in the user cache folder, keyed by source and code.

A cache file is ``<cache dir>/<name>-<key>.parquet``; the key hashes the sha256 of every
source file, :data:`CODE_VERSION` and the bytes of the cleaning code itself
(:data:`CLEANING_MODULES`), so a changed source file or any edit to the cleaning code gives a
new key and a stale table is never read. The cache folder is never beside the data:
``ACCORDS_DATA_DIR`` may be a shared, read-only folder even when its mode bits say otherwise.
It is ``ACCORDS_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/accords/tables`` (or
``~/.cache/accords/tables``).

Each entry records the sha256 of its own bytes in a ``.sha256`` file beside it; an entry whose
bytes no longer match (a partial copy, a disk error, an edit) is rebuilt with a
:class:`CacheWarning`. The frame's ``attrs`` and its dtypes are stored in the Parquet
metadata, so a cached frame has exactly the dtypes of a freshly built one. Writes are atomic.

>>> from accords.datasets import cache
>>> cache.cache_dir().name
'tables'
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from accords.atomic import atomic_open

from .fetch import sha256sum

__all__ = ["CLEANING_MODULES", "CODE_VERSION", "CacheWarning", "cache_dir", "cache_path",
           "cached", "code_digest"]

#: Bump to invalidate every cache entry by hand (the code digest does it for code edits).
CODE_VERSION = "2"
#: The modules whose bytes enter the cache key: the loaders and what they call.
CLEANING_MODULES = ("cache.py", "clean.py", "load.py", "registry.py")
_ATTRS_KEY = b"accords.attrs"
_DTYPES_KEY = b"accords.dtypes"


class CacheWarning(UserWarning):
    """A cache entry was damaged and has been rebuilt from the source file."""


_DIGEST: dict[str, str] = {}


def code_digest() -> str:
    """sha256 over the cleaning code (:data:`CLEANING_MODULES`) and :data:`CODE_VERSION`,
    computed once per process."""
    if "code" not in _DIGEST:
        digest = hashlib.sha256(CODE_VERSION.encode())
        folder = Path(__file__).resolve().parent
        for name in CLEANING_MODULES:
            digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
        _DIGEST["code"] = digest.hexdigest()
    return _DIGEST["code"]


def cache_dir() -> Path:
    """``ACCORDS_CACHE_DIR``, else the user cache folder; never the data folder."""
    override = os.environ.get("ACCORDS_CACHE_DIR")
    if override:
        return Path(override).expanduser().resolve()
    cache_home = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache_home).expanduser() if cache_home else Path.home() / ".cache"
    return base / "accords" / "tables"


def cache_path(name: str, sources: Sequence[Path]) -> Path:
    """Where the table built from ``sources`` by the current cleaning code is cached."""
    digest = hashlib.sha256(code_digest().encode())
    for source in sources:
        digest.update(sha256sum(source).encode())
    return cache_dir() / f"{name}-{digest.hexdigest()[:16]}.parquet"


def _write(df: pd.DataFrame, target: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[_ATTRS_KEY] = json.dumps(df.attrs, default=list).encode()
    meta[_DTYPES_KEY] = json.dumps({c: str(t) for c, t in df.dtypes.items()}).encode()
    table = table.replace_schema_metadata(meta)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(target, "wb") as handle:
        pq.write_table(table, handle)
    with atomic_open(_checksum_file(target), "w") as handle:
        handle.write(sha256sum(target) + "\n")


def _checksum_file(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _restore(df: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    for column, dtype in dtypes.items():
        if column in df and str(df[column].dtype) != dtype:
            df[column] = df[column].astype(dtype)
    return df


def _read(target: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    table = pq.read_table(target)
    meta = table.schema.metadata or {}
    df = table.to_pandas()
    raw = meta.get(_ATTRS_KEY)
    attrs = json.loads(raw) if raw else {}
    if isinstance(attrs.get("coverage"), list):
        attrs["coverage"] = tuple(attrs["coverage"])
    df = _restore(df, json.loads(meta.get(_DTYPES_KEY, b"{}")))
    df.attrs = attrs
    return df


def _intact(target: Path) -> bool:
    record = _checksum_file(target)
    if not record.is_file():
        return False
    return record.read_text().strip() == sha256sum(target)


def cached(
    name: str, sources: Sequence[Path], build: Callable[[], pd.DataFrame], *, use: bool = True
) -> pd.DataFrame:
    """Return the cached table for these source files, building and storing it when absent.

    A damaged entry (its bytes differ from its recorded sha256, or it cannot be read) is
    rebuilt with a :class:`CacheWarning`, never trusted.
    """
    if not use:
        return build()
    target = cache_path(name, sources)
    if target.is_file():
        problem = None
        if _intact(target):
            try:
                return _read(target)
            except Exception as exc:  # any unreadable entry is rebuilt, never trusted
                problem = f"it cannot be read ({type(exc).__name__})"
        else:
            problem = "its bytes differ from the sha256 recorded when it was written"
        warnings.warn(f"cache entry {target} is damaged: {problem}; rebuilding it from "
                      f"{', '.join(str(s) for s in sources)}.", CacheWarning, stacklevel=3)
        target.unlink(missing_ok=True)
        _checksum_file(target).unlink(missing_ok=True)
    df = build()
    _write(df, target)
    return df
