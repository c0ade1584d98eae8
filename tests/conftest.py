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
