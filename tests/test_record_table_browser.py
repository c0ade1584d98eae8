"""The record table's filter box and sortable headings work in a real browser, on the plain
HTML a static copy of a notebook holds (Debian's Chromium through Playwright; skips, naming
the install command, without it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from accords.extract.record_review import RecordTable

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def test_the_static_record_table_filters_and_sorts_in_chromium(tmp_path):
    fallback = Path("/usr/bin/chromium")
    chromium = shutil.which("chromium") or (str(fallback) if fallback.is_file() else None)
    if chromium is None:
        pytest.skip("Chromium is not installed; install it with: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    frame = pd.DataFrame({"record_id": ["a#1", "b#1", "c#1"],
                          "place": ["Rabat", "Paris", "Astana"],
                          "date_signed": ["2024-03-14", "2021-11-09", "2023-01-11"]})
    page_file = tmp_path / "table.html"
    page_file.write_text(f"<html><body>{RecordTable(frame)._repr_html_()}</body></html>",
                         encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.fill("input[type=search]", "paris")
            assert page.inner_text(".accords-count") == "1 of 3 records"
            visible = [r for r in page.locator("tbody tr").all() if r.is_visible()]
            assert [r.locator("td").first.inner_text() for r in visible] == ["b#1"]
            page.fill("input[type=search]", "")
            page.click("th:has-text('date_signed')")
            first = [r.locator("td").first.inner_text() for r in page.locator("tbody tr").all()]
            assert first == ["b#1", "c#1", "a#1"]
            page.click("th:has-text('date_signed')")
            again = [r.locator("td").first.inner_text() for r in page.locator("tbody tr").all()]
            assert again == ["a#1", "c#1", "b#1"]
        finally:
            browser.close()
