"""`make site`: a static HTML site of the notebooks, built offline from their saved outputs."""

from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path

import pytest

from accords import paths
from accords.charts.site import build_site, notebook_pages

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    real_connect = socket.socket.connect

    def refuse(self, address):  # the build must not reach any server
        raise AssertionError(f"the site build tried to connect to {address}")

    socket.socket.connect = refuse
    try:
        files = build_site(out)
    finally:
        socket.socket.connect = real_connect
    return out, files


def test_the_site_has_an_index_and_a_page_per_notebook(site):
    out, files = site
    names = [p.name for p in files]
    expected = [f"{p.stem}.html" for p in notebook_pages()]
    assert names == ["index.html", *expected] and len(expected) >= 5
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in expected:
        assert f'href="{page}"' in index
    assert "Chart defence ties" in index


def test_pages_load_nothing_from_the_network(site):
    _, files = site
    for page in files:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]*\ssrc="https?:', text), page.name
        assert not re.search(r'<link[^>]*\shref="https?:', text), page.name


def test_links_between_notebooks_point_at_their_pages(site):
    out, _ = site
    text = (out / "05-chart-defence-ties.html").read_text(encoding="utf-8")
    assert 'href="03-load-agreement-datasets.html"' in text
    assert "03-load-agreement-datasets.ipynb\"" not in text


def test_every_figure_of_the_chart_notebooks_has_alt_text(site):
    out, _ = site
    for name in ("01-read-the-article", "03-load-agreement-datasets", "05-chart-defence-ties"):
        text = (out / f"{name}.html").read_text(encoding="utf-8")
        images = re.findall(r"<img\b[^>]*>", text)
        assert images, name
        for tag in images:
            alt = re.search(r'\salt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) > 20, (name, tag[:80])


def test_make_site_builds_into_build_site():
    plan = subprocess.run(["make", "-n", "site"], cwd=CHECKOUT, capture_output=True, text=True)
    if plan.returncode != 0 and "No rule" in plan.stderr:
        pytest.fail("the Makefile has no `site` target")
    assert "accords.charts.site" in plan.stdout and "build/site" in plan.stdout
    assert paths.notebooks_dir().is_dir()
