"""Cleaned tables cached as Parquet, keyed by the checksums of their source files.

A cache file is ``<external_data_dir>/cache/<name>-<key>.parquet`` where the key hashes the
sha256 of every source file and :data:`CODE_VERSION`; a changed source file or a change in the
cleaning code gives a new key, so a stale table is never read. Writes are atomic and the
frame's ``attrs`` are stored in the Parquet metadata.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from accords import paths
from accords.atomic import atomic_open

from .fetch import sha256sum

__all__ = ["CODE_VERSION", "cache_path", "cached"]

#: Bump when the cleaning code changes the output of any loader.
CODE_VERSION = "1"
_ATTRS_KEY = b"accords.attrs"


def cache_path(name: str, sources: Sequence[Path]) -> Path:
    digest = hashlib.sha256(CODE_VERSION.encode())
    for source in sources:
        digest.update(sha256sum(source).encode())
    return cache_dir() / f"{name}-{digest.hexdigest()[:16]}.parquet"


def _writable(folder: Path) -> bool:
    """A folder we may write in: it (or its nearest existing parent) has write bits and
    access. Root passes ``os.access`` everywhere, so the mode bits are checked too: a
    read-only copy of the data (``ACCORDS_DATA_DIR=../shared/data``) is never written to."""
    while not folder.exists():
        folder = folder.parent
    return bool(folder.stat().st_mode & 0o222) and os.access(folder, os.W_OK)


def cache_dir() -> Path:
    """``<data dir>/cache``, or the user cache when the data folder is read-only."""
    data = paths.external_data_dir()
    if _writable(data):
        return data / "cache"
    cache_home = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache_home).expanduser() if cache_home else Path.home() / ".cache"
    return base / "accords" / "cache"


def _write(df: pd.DataFrame, target: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[_ATTRS_KEY] = json.dumps(df.attrs, default=list).encode()
    table = table.replace_schema_metadata(meta)
    with atomic_open(target, "wb") as handle:
        pq.write_table(table, handle)


def _read(target: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    table = pq.read_table(target)
    df = table.to_pandas()
    raw = (table.schema.metadata or {}).get(_ATTRS_KEY)
    attrs = json.loads(raw) if raw else {}
    if isinstance(attrs.get("coverage"), list):
        attrs["coverage"] = tuple(attrs["coverage"])
    df.attrs = attrs
    return df


def cached(
    name: str, sources: Sequence[Path], build: Callable[[], pd.DataFrame], *, use: bool = True
) -> pd.DataFrame:
    """Return the cached table for these source files, building and storing it when absent."""
    if not use:
        return build()
    target = cache_path(name, sources)
    if target.is_file():
        try:
            return _read(target)
        except Exception:  # a damaged cache file is rebuilt, never trusted
            target.unlink(missing_ok=True)
    df = build()
    _write(df, target)
    return df
