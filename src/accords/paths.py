"""Where the project's folders are, whatever the current working directory.

Notebooks start their kernel in ``notebooks/``, scripts may run from anywhere, and tests run
from the repository root. Every path the project uses therefore comes from here, resolved from
the location of the installed package rather than from ``os.getcwd()``.

Environment variables:

``ACCORDS_PROJECT_DIR``
    The project root (the folder holding ``pyproject.toml`` and ``data/``). Only needed when
    the package is installed outside a checkout, e.g. from a wheel.
``ACCORDS_DATA_DIR``
    Where external datasets (DCAD, ATOP, COW) are downloaded and cached. Defaults to the user
    cache folder (``$XDG_CACHE_HOME/accords`` or ``~/.cache/accords``).
``ACCORDS_SHARED_DIR``
    The reference material laid beside the project (``../shared``): original dataset files and
    the development corpus. Defaults to ``<project root>/../shared`` when that folder exists.

>>> from accords import paths
>>> paths.articles_dir().name
'articles'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "ProjectNotFoundError",
    "annotations_dir",
    "articles_dir",
    "data_dir",
    "external_data_dir",
    "notebooks_dir",
    "project_root",
    "records_dir",
    "reports_dir",
    "shared_dir",
]

_PACKAGE_DIR = Path(__file__).resolve().parent


class ProjectNotFoundError(RuntimeError):
    """Raised when the project root cannot be located."""


def _is_project_root(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return False
    try:
        head = pyproject.read_text(encoding="utf-8")
    except OSError:
        return False
    return 'name = "accords"' in head


def project_root() -> Path:
    """The repository root: the folder with ``pyproject.toml``, ``data/`` and ``notebooks/``.

    Resolution order: ``ACCORDS_PROJECT_DIR``; the folders above the package (an editable
    install or a checkout); the folders above the current working directory.
    """
    override = os.environ.get("ACCORDS_PROJECT_DIR")
    if override:
        root = Path(override).expanduser().resolve()
        if not root.is_dir():
            raise ProjectNotFoundError(
                f"ACCORDS_PROJECT_DIR={override!r} is not a folder; point it at the accords "
                "checkout (the folder with pyproject.toml) or unset it."
            )
        return root
    for start in (_PACKAGE_DIR, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if _is_project_root(folder):
                return folder
    raise ProjectNotFoundError(
        "cannot find the accords project folder (with pyproject.toml) above "
        f"{_PACKAGE_DIR} or the current directory; set ACCORDS_PROJECT_DIR to your checkout."
    )


def data_dir() -> Path:
    """The project's own material: articles, reviewed annotations, news-coded records."""
    return project_root() / "data"


def articles_dir() -> Path:
    """Articles that belong to the project (text files plus their metadata)."""
    return data_dir() / "articles"


def annotations_dir() -> Path:
    """Reviewed annotations, one JSON file per article."""
    return data_dir() / "annotations"


def records_dir() -> Path:
    """News-coded agreement records (CSV and JSON Lines)."""
    return data_dir() / "records"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def reports_dir() -> Path:
    """Generated figures and tables (``reports/figures`` …)."""
    return project_root() / "reports"


def external_data_dir() -> Path:
    """Where external datasets are downloaded: ``ACCORDS_DATA_DIR`` or the user cache."""
    override = os.environ.get("ACCORDS_DATA_DIR")
    if override:
        return Path(override).expanduser().resolve()
    cache_home = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache_home).expanduser() if cache_home else Path.home() / ".cache"
    return (base / "accords").resolve()


def shared_dir() -> Path | None:
    """The reference folder laid beside the project (``../shared``), or None when absent."""
    override = os.environ.get("ACCORDS_SHARED_DIR")
    if override:
        folder = Path(override).expanduser().resolve()
        return folder if folder.is_dir() else None
    try:
        folder = project_root().parent / "shared"
    except ProjectNotFoundError:
        return None
    return folder if folder.is_dir() else None
