"""Atomic writes: a crash, a full disk or Ctrl-C leaves the old file or the new one, never half.

Every file the project writes for a person to keep (annotations, records, figures, cached
tables, corpus outputs) goes through here: the bytes go to a temporary file in the same folder,
are flushed and fsynced, and the temporary file is renamed over the target with
``os.replace``; on any failure it is removed and the target is untouched.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
>>> atomic_write_text(target, "kept\\n"), atomic_write_text(target, "kept\\n")
(True, False)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_open", "atomic_write_bytes", "atomic_write_text"]


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # make the rename durable where the OS allows it
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path`` for writing; on a clean exit it replaces ``path``.

    ``mode`` is ``"w"`` (UTF-8 text, ``\\n`` line endings) or ``"wb"``. If the block raises,
    the temporary file is removed and ``path`` keeps its previous content.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        if "b" in mode:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def atomic_write_bytes(path: str | Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; False (and nothing written) when the file already
    holds exactly these bytes, so rerunning a step leaves files and their times alone."""
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return False
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return True


def atomic_write_text(path: str | Path, text: str) -> bool:
    """:func:`atomic_write_bytes` for UTF-8 text."""
    return atomic_write_bytes(path, text.encode("utf-8"))
