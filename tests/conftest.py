"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accords import paths

SHARED = paths.shared_dir()
SKIP_NO_SHARED = "needs ../shared (reference corpus and datasets beside the project); absent"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if SHARED is None:
        pytest.skip(SKIP_NO_SHARED)
    return SHARED


@pytest.fixture(scope="module")
def local(shared_dir: Path, tmp_path_factory):
    """``../shared/data``, with every dataset fetched from it into a fresh data folder for the
    module (tests never download)."""
    from accords import datasets

    mp = pytest.MonkeyPatch()
    mp.setenv("ACCORDS_DATA_DIR", str(tmp_path_factory.mktemp("external")))
    datasets.fetch_all(local=shared_dir / "data")
    yield shared_dir / "data"
    mp.undo()


@pytest.fixture(scope="module")
def reg(shared_dir: Path, tmp_path_factory):
    """The state registry built from COW states 2016 in ``../shared/data``."""
    from accords import datasets
    from accords.datasets.states import registry

    mp = pytest.MonkeyPatch()
    mp.setenv("ACCORDS_DATA_DIR", str(tmp_path_factory.mktemp("external")))
    datasets.fetch("cow_states", local=shared_dir / "data")
    registry.cache_clear()
    yield registry()
    registry.cache_clear()
    mp.undo()


@pytest.fixture(scope="session")
def dev_corpus_path(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return path


@pytest.fixture(scope="session")
def dev_rows(dev_corpus_path: Path) -> list[dict]:
    with dev_corpus_path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
