"""Notebook tests (nbval) without the reference material: the notebooks that load the
agreement datasets need their files from ``../shared/data``, and tests never download, so
without that folder they are skipped with the reason; the others run as usual."""

from __future__ import annotations

import pytest

from accords import paths

NEEDS_DATASETS = ("03-load-agreement-datasets.ipynb", "05-chart-defence-ties.ipynb",
                  "06-collect-news.ipynb",
                  "07-a-corpus-at-scale.ipynb")


def datasets_missing_reason() -> str | None:
    """Why the dataset notebooks cannot run here, or None when ``../shared/data`` is present."""
    shared = paths.shared_dir()
    if shared is not None and (shared / "data").is_dir():
        return None
    return ("needs the dataset files of ../shared/data (DCAD, ATOP, COW); tests never "
            "download them — lay ../shared beside the project or set ACCORDS_SHARED_DIR")


def pytest_collection_modifyitems(config, items):
    reason = datasets_missing_reason()
    if reason is None:
        return
    for item in items:
        if item.path.name in NEEDS_DATASETS:
            item.add_marker(pytest.mark.skip(reason=reason))
