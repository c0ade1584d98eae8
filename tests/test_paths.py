"""Paths resolve from the package, not from the working directory."""

from __future__ import annotations

import pytest

from accords import paths


def test_project_root_holds_pyproject_and_data(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # a notebook kernel may start anywhere
    root = paths.project_root()
    assert (root / "pyproject.toml").is_file()
    assert paths.articles_dir() == root / "data" / "articles"
    assert paths.annotations_dir() == root / "data" / "annotations"
    assert paths.records_dir() == root / "data" / "records"


def test_accords_data_dir_overrides_where_datasets_live(monkeypatch, tmp_path):
    monkeypatch.setenv("ACCORDS_DATA_DIR", str(tmp_path / "datasets"))
    assert paths.external_data_dir() == (tmp_path / "datasets").resolve()


def test_default_data_dir_is_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("ACCORDS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert paths.external_data_dir() == (tmp_path / "accords").resolve()


def test_a_wrong_project_dir_override_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("ACCORDS_PROJECT_DIR", str(tmp_path / "missing"))
    with pytest.raises(paths.ProjectNotFoundError, match="ACCORDS_PROJECT_DIR"):
        paths.project_root()


def test_shared_dir_is_none_when_pointed_at_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("ACCORDS_SHARED_DIR", str(tmp_path / "nowhere"))
    assert paths.shared_dir() is None
