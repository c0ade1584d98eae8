"""Every test and notebook test runs on a copy of the project's shipped material.

Before anything is collected, ``data/`` as committed (see :mod:`accords.testing`), the
notebooks and ``pyproject.toml`` are copied to a temporary folder and ``ACCORDS_PROJECT_DIR``
points there, for the tests and for the notebook kernels they start. Articles, annotations and
records a user added to the checkout therefore never change a test, and no test writes into
the checkout's ``data/``. ``ACCORDS_TEST_DATA=worktree`` tests ``data/`` as it is instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent
_COPY = Path(tempfile.mkdtemp(prefix="accords-tests-"))


def _lay_out_the_copy() -> str:
    from accords import paths
    from accords.testing import shipped_copy

    shared = paths.shared_dir()  # ../shared beside the checkout, before the switch
    described = shipped_copy(CHECKOUT, _COPY / "project")
    os.environ["ACCORDS_PROJECT_DIR"] = str(_COPY / "project")
    os.environ["ACCORDS_CHECKOUT_DIR"] = str(CHECKOUT)
    if shared is not None:
        os.environ.setdefault("ACCORDS_SHARED_DIR", str(shared))
    return described


DESCRIBED = _lay_out_the_copy()


def pytest_report_header(config):
    return (f"accords: tests run on a copy of the project ({DESCRIBED}) in "
            f"{_COPY / 'project'}; set ACCORDS_TEST_DATA=worktree to test data/ as it is")


def pytest_unconfigure(config):
    shutil.rmtree(_COPY, ignore_errors=True)
