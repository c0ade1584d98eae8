"""The suite runs on a copy of the shipped material: what a user adds to data/ never changes a
test, and tests never write into the checkout's data/."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from accords import paths
from accords.testing import shipped_copy

CHECKOUT = Path(__file__).resolve().parents[1]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def user_checkout(tmp_path):
    """A small checkout: one shipped article and records file, committed; then the user's own
    article and re-extracted records, not committed."""
    repo = tmp_path / "checkout"
    (repo / "data" / "articles").mkdir(parents=True)
    (repo / "data" / "records").mkdir()
    (repo / "notebooks").mkdir()
    (repo / "pyproject.toml").write_text('[project]\nname = "accords"\n', encoding="utf-8")
    (repo / "data" / "articles" / "shipped.txt").write_text("Shipped\nBody.\n",
                                                          encoding="utf-8")
    (repo / "data" / "records" / "news-records.jsonl").write_text('{"id": "shipped"}\n',
                                                                 encoding="utf-8")
    try:
        _git(repo.parent, "init", "-q", str(repo))
        _git(repo, "add", ".")
        _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "s")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    (repo / "data" / "articles" / "mine-en-001.txt").write_text(
        "France and Mali sign a pact\nBAMAKO – France and Mali signed a defence agreement.\n",
        encoding="utf-8")
    (repo / "data" / "records" / "news-records.jsonl").write_text(
        '{"id": "shipped"}\n{"id": "mine-en-001"}\n', encoding="utf-8")
    return repo


def test_the_copy_holds_data_as_committed_not_the_users_additions(user_checkout, tmp_path):
    described = shipped_copy(user_checkout, tmp_path / "copy")
    assert described.startswith("data/ as committed in HEAD")
    articles = sorted(p.name for p in (tmp_path / "copy" / "data" / "articles").iterdir())
    assert articles == ["shipped.txt"]
    records = tmp_path / "copy" / "data" / "records" / "news-records.jsonl"
    assert records.read_text(encoding="utf-8") == '{"id": "shipped"}\n'
    assert (tmp_path / "copy" / "pyproject.toml").is_file()
    assert (tmp_path / "copy" / "reports").resolve() == (user_checkout / "reports").resolve()


def test_worktree_mode_copies_data_as_it_is(user_checkout, tmp_path):
    described = shipped_copy(user_checkout, tmp_path / "copy", source="worktree")
    assert described == "data/ as it is in the checkout"
    assert (tmp_path / "copy" / "data" / "articles" / "mine-en-001.txt").is_file()


def test_an_unknown_mode_says_which_exist(user_checkout, tmp_path):
    with pytest.raises(ValueError, match=r"'committed'.*'worktree'"):
        shipped_copy(user_checkout, tmp_path / "copy", source="latest")


def test_this_session_reads_the_copy_not_the_checkout():
    root = paths.project_root()
    assert root.resolve() != CHECKOUT.resolve()
    assert paths.articles_dir().is_relative_to(root)
    assert (paths.articles_dir() / "seed-it-001.txt").is_file()
