"""The test suite's own copy of the project, so that a user's data never changes a test.

``make test`` runs the tests and notebooks against a copy of the material the project ships
(``data/`` as committed), laid out in a temporary folder that ``ACCORDS_PROJECT_DIR`` points
at. Articles a user added to ``data/articles/``, records extracted from them and annotations
reviewed since are in the checkout, not in the copy, so they never break a test; and nothing
the tests write reaches the user's ``data/``.

``ACCORDS_TEST_DATA=worktree`` copies ``data/`` as it is in the checkout instead (for a
developer testing a change to the shipped data before committing it). Outside a git checkout
the working copy is used, and :func:`shipped_copy` says so.

>>> from accords.testing import shipped_copy  # doctest: +SKIP
>>> shipped_copy(Path("."), Path("/tmp/accords-tests"))  # doctest: +SKIP
'data/ as committed in HEAD (3ff124a)'
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

__all__ = ["shipped_copy"]

# what a test may read from the project besides data/ (notebooks as they are: they are the
# code under test)
_AS_IS = ("notebooks", "pyproject.toml")


def _git(checkout: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(checkout), *args], capture_output=True,
                              check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def shipped_copy(checkout: Path, target: Path, *, source: str | None = None) -> str:
    """Lay the project's shipped material from ``checkout`` into ``target``; say what was
    copied. ``source`` is ``"committed"`` (default, or ``ACCORDS_TEST_DATA``) or
    ``"worktree"``. ``target/reports`` links to the checkout's ``reports/`` so that figures
    and screenshots made by the tests can be looked at afterwards."""
    source = source or os.environ.get("ACCORDS_TEST_DATA", "committed")
    if source not in ("committed", "worktree"):
        raise ValueError(f"ACCORDS_TEST_DATA={source!r}: use 'committed' (the default: data/ "
                         "as committed) or 'worktree' (data/ as it is in the checkout)")
    checkout, target = Path(checkout).resolve(), Path(target)
    target.mkdir(parents=True, exist_ok=True)
    described = None
    if source == "committed":
        archive = _git(checkout, "archive", "--format=tar", "HEAD", "data")
        head = _git(checkout, "rev-parse", "--short", "HEAD")
        if archive is not None and head is not None:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")
            described = f"data/ as committed in HEAD ({head.decode().strip()})"
    if described is None:
        shutil.copytree(checkout / "data", target / "data", dirs_exist_ok=True)
        described = ("data/ as it is in the checkout" if source == "worktree" else
                     "data/ as it is in the checkout (not a git checkout)")
    for name in _AS_IS:
        path = checkout / name
        if path.is_dir():
            shutil.copytree(path, target / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif path.is_file():
            shutil.copy2(path, target / name)
    reports = checkout / "reports"
    reports.mkdir(exist_ok=True)
    if not (target / "reports").exists():
        (target / "reports").symlink_to(reports, target_is_directory=True)
    return described
