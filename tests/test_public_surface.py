"""The public surface (issue 18): the names a notebook needs come from ``accords`` itself,
loaded on first use, so that importing the package stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import accords


@pytest.mark.parametrize("name", accords.__all__)
def test_every_public_name_resolves(name):
    assert getattr(accords, name) is not None


def test_importing_accords_loads_no_heavy_library():
    code = ("import sys, accords; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_the_steps_packages_are_not_shadowed_by_functions():
    import accords.annotate
    import accords.extract

    assert accords.extract.__name__ == "accords.extract"
    assert accords.annotate.__name__ == "accords.annotate"


def test_an_unknown_name_lists_the_public_ones():
    with pytest.raises(AttributeError, match=r"public names are .*read_articles"):
        accords.no_such_name  # noqa: B018


def test_a_notebook_cell_of_public_names_extracts_the_seed():
    from accords import Article
    from accords.extract import extract

    text = ("Notizie\nMOSCA - Il programma di partenariato strategico nel settore della difesa "
            "per il 2022-2024 tra Russia e Kazakistan è stato firmato a Mosca.")
    [record] = extract(Article(id="x", text=text, lang="it"))
    assert record.parties == ("KAZ", "RUS")
