"""Fetch the external datasets into ``external_data_dir()``, verifying every file's sha256.

Layout on disk: ``<external_data_dir>/<folder>/<file>``, the same as ``../shared/data``.
A file already there with the right checksum is used without any network access. Otherwise it
is copied from a local folder laid out the same way (``local=``) or downloaded through pooch
from the official distribution (archives are cached under ``<external_data_dir>/downloads``).
Every file is verified after copying or extraction; a file with the wrong checksum raises
:class:`ChecksumError` and is never returned.

>>> from accords import datasets, paths
>>> files = datasets.fetch("dcad", local=paths.shared_dir() / "data")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from accords import paths

from .registry import REGISTRY, DataFile, Dataset, get

__all__ = ["ChecksumError", "FetchError", "fetch", "fetch_all", "file_path", "git_blob_id",
           "mismatch", "sha256sum"]


class FetchError(RuntimeError):
    """A file could not be obtained (missing in the local copy, not in the archive, …)."""


class ChecksumError(FetchError):
    """A file's sha256 (or git blob id) differs from the one the registry lists."""

    def __init__(self, file: Path, expected: str, actual: str, advice: str,
                 kind: str = "sha256"):
        self.file, self.expected, self.actual = Path(file), expected, actual
        super().__init__(
            f"checksum mismatch for {file}:\n  expected {kind} {expected}\n  actual   {kind} "
            f"{actual}\nThe file was not used. {advice}"
        )


def sha256sum(path: Path | str, *, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def git_blob_id(path: Path | str) -> str:
    """The git object id of a file (what ``git hash-object FILE`` prints)."""
    size = Path(path).stat().st_size
    digest = hashlib.sha1(f"blob {size}\0".encode())  # git object id, not for security
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def mismatch(path: Path | str, item: DataFile) -> tuple[str, str, str] | None:
    """``(kind, expected, actual)`` when a file is not the registered one, else None.

    The sha256 is checked when the registry has it, the git blob id otherwise.
    """
    if item.sha256 is not None:
        actual = sha256sum(path)
        return None if actual == item.sha256 else ("sha256", item.sha256, actual)
    if item.git_blob is not None:
        actual = git_blob_id(path)
        return None if actual == item.git_blob else ("git blob", item.git_blob, actual)
    raise FetchError(f"the registry has no checksum for {item.name}; it cannot be verified")


def file_path(dataset: str, file: str) -> Path:
    """Where a dataset's file lives (or will live) under ``external_data_dir()``."""
    record = get(dataset)
    return paths.external_data_dir() / record.folder / record.file(file).name


def _select(record: Dataset, files: Iterable[str] | None) -> list[DataFile]:
    if files is None:
        return [f for f in record.files if f.core]
    return [record.file(name) for name in files]


def _install(tmp: Path, target: Path, item: DataFile, origin: str, advice: str) -> Path:
    """Verify ``tmp`` and move it into place atomically; remove it when the hash is wrong."""
    wrong = mismatch(tmp, item)
    if wrong is not None:
        tmp.unlink(missing_ok=True)
        kind, expected, actual = wrong
        raise ChecksumError(Path(origin), expected, actual, advice, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, target)
    return target


def _tmp_beside(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    return Path(name)


def _from_local(record: Dataset, item: DataFile, local: Path, target: Path) -> Path:
    source = local / record.folder / item.name
    if not source.is_file():
        raise FetchError(
            f"{source} does not exist; `local` must be a folder laid out like ../shared/data "
            f"(<folder>/<file>), e.g. paths.shared_dir() / 'data'."
        )
    tmp = _tmp_beside(target)
    shutil.copyfile(source, tmp)
    return _install(
        tmp, target, item, str(source),
        f"The local copy differs from the official {record.name} {record.version} file; "
        "restore the original file or fetch without `local=` to download it.",
    )


def _remote_url(url: str, mirror: str | None) -> str:
    if mirror is None:
        return url
    return mirror.rstrip("/") + "/" + PurePosixPath(url.split("?")[0]).name


def _download(url: str, *, progressbar: bool) -> Path:
    import pooch

    downloads = paths.external_data_dir() / "downloads"
    fname = hashlib.sha256(url.encode()).hexdigest()[:12] + "-" + PurePosixPath(url).name
    # The archives' own checksums are not published; every member is verified instead.
    return Path(
        pooch.retrieve(
            url, known_hash=None, fname=fname, path=downloads, progressbar=progressbar
        )
    )


def _from_remote(
    record: Dataset, item: DataFile, target: Path, *, mirror: str | None, progressbar: bool
) -> Path:
    url = _remote_url(item.url, mirror)
    try:
        archive = _download(url, progressbar=progressbar)
    except Exception as exc:  # network errors come in many types (requests, OSError, …)
        raise FetchError(
            f"could not download {url} for {record.name}/{item.name}: {exc}. Check the network "
            f"or the URL, or place the file at {target} (or set ACCORDS_DATA_DIR to a folder "
            "holding a copy, or pass local=)."
        ) from exc
    advice = (
        f"Delete {archive} and fetch again; if the mismatch persists the distributor changed "
        f"the file: check {url} against {record.homepage}, or set ACCORDS_DATA_DIR to a "
        "verified copy."
    )
    tmp = _tmp_beside(target)
    if item.member is None:
        shutil.copyfile(archive, tmp)
        return _install(tmp, target, item, str(archive), advice)
    try:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
            wanted = item.member if item.member in names else None
            if wanted is None:  # tolerate a different folder inside the archive
                base = PurePosixPath(item.member).name
                wanted = next((n for n in names if PurePosixPath(n).name == base), None)
            if wanted is None:
                tmp.unlink(missing_ok=True)
                raise FetchError(
                    f"{archive} (from {url}) has no member {item.member!r}; it holds "
                    f"{len(names)} files. Delete the archive and retry, or check the URL."
                )
            with zf.open(wanted) as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst)
    except zipfile.BadZipFile as exc:
        tmp.unlink(missing_ok=True)
        raise FetchError(f"{archive} (from {url}) is not a zip archive: {advice}") from exc
    return _install(tmp, target, item, f"{archive}!{wanted}", advice)


def fetch(
    name: str,
    *,
    files: Iterable[str] | None = None,
    local: Path | str | None = None,
    mirror: str | None = None,
    progressbar: bool = True,
) -> dict[str, Path]:
    """Make a dataset's files available locally and return ``{file name: path}``.

    ``files`` defaults to the core files (the data tables, not the codebooks). ``local`` is a
    folder laid out like ``../shared/data`` to copy from instead of the network; ``mirror``
    replaces the folder part of every official URL (used by tests with a server on
    127.0.0.1). A file already in place is checked and, when its sha256 is wrong, reported
    with :class:`ChecksumError` rather than used or silently replaced.
    """
    record = get(name)
    out: dict[str, Path] = {}
    for item in _select(record, files):
        target = paths.external_data_dir() / record.folder / item.name
        if target.is_file():
            wrong = mismatch(target, item)
            if wrong is not None:
                kind, expected, actual = wrong
                raise ChecksumError(
                    target, expected, actual,
                    f"Delete {target} and fetch again (or point ACCORDS_DATA_DIR at a folder "
                    "with the original files).", kind,
                )
            out[item.name] = target
            continue
        if local is not None:
            out[item.name] = _from_local(record, item, Path(local), target)
        else:
            out[item.name] = _from_remote(
                record, item, target, mirror=mirror, progressbar=progressbar
            )
    return out


def fetch_all(
    *, local: Path | str | None = None, mirror: str | None = None, progressbar: bool = True
) -> dict[str, dict[str, Path]]:
    """Fetch the core files of every registered dataset."""
    return {
        name: fetch(name, local=local, mirror=mirror, progressbar=progressbar)
        for name in REGISTRY
    }
