"""Notebook 02 in a real JupyterLab, in a real (headless) browser.

The test starts JupyterLab on 127.0.0.1 with a random free port and token, against a copy of
the project (so the checkout's ``data/`` is never written), opens notebook 02 in Debian's
Chromium driven by Playwright, runs all cells and checks what a researcher would see: every
cell ran, no error output, the seed's "Kazakistan" highlighted with its label, and the review
panel. It then clicks the panel in the page and checks that the decision reached the copy's
annotation file. Screenshots are kept in ``reports/screenshots/`` (and in the test's
``tmp_path``).

Without Chromium the test skips and says how to install it; nothing is ever downloaded
(never ``playwright install``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from accords import paths, store
from accords.articles import read_article
from accords.spans import sort_spans

ROOT = paths.project_root()
NOTEBOOK = "02-annotate-the-article.ipynb"
INSTALL = "apt-get install -y chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
SERVER_START_S = 90
KERNEL_IDLE_MS = 90_000
RUN_ALL_MS = 180_000
KAZ = (7, 17, "STATE")  # "Kazakistan" in the seed's headline


def require_chromium(which=shutil.which, fallback: Path = Path("/usr/bin/chromium")) -> str:
    """Debian's Chromium; skips the test, naming the install command, when it is missing."""
    found = which("chromium") or (str(fallback) if fallback.is_file() else None)
    if found is None:
        pytest.skip(f"Chromium is not installed; install it with: {INSTALL}")
    return found


@pytest.fixture
def chromium() -> str:
    return require_chromium()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    project: Path
    log: Path


def copy_project(target: Path) -> Path:
    for name in ("data", "notebooks"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def quiet_settings(folder: Path) -> Path:
    """User settings for the test's JupyterLab: no news toast, no update checks, and every
    cell rendered (no windowing), so what the test reads does not depend on scrolling."""
    settings = {
        ("apputils-extension", "notification"): {"fetchNews": "false",
                                                 "checkForUpdates": False},
        ("notebook-extension", "tracker"): {"windowingMode": "none"},
    }
    for (package, plugin), values in settings.items():
        target = folder / "@jupyterlab" / package / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    return folder


def wait_for_server(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {proc.returncode}:\n"
                        + log.read_text(encoding="utf-8", errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within {SERVER_START_S} s:\n"
                + log.read_text(encoding="utf-8", errors="replace")[-3000:])


@pytest.fixture
def lab(chromium: str, tmp_path: Path) -> Iterator[Lab]:
    """A JupyterLab server on a copy of the project; always terminated afterwards."""
    project = copy_project(tmp_path / "project")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "ACCORDS_PROJECT_DIR": str(project),
           "ACCORDS_DATA_DIR": str(tmp_path / "datasets"),
           "JUPYTERLAB_SETTINGS_DIR": str(quiet_settings(tmp_path / "lab-settings")),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "MPLBACKEND": "agg"}
    shared = paths.shared_dir()
    if shared is not None:  # the copy has no ../shared beside it: point at the real one
        env["ACCORDS_SHARED_DIR"] = str(shared)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={project / 'notebooks'}",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")
    log = tmp_path / "jupyterlab.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=project)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_server(proc, f"{url}/api/status?token={token}", log)
        yield Lab(url=url, token=token, project=project, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""
ALL_CELLS_RAN = r"""() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map(e => e.textContent);
  return prompts.length > 0 && prompts.every(p => /\[\d+\]/.test(p));
}"""


def save_screenshot(locator_or_page, name: str, tmp_path: Path) -> Path:
    """Save a screenshot in tmp_path and in reports/screenshots/ of the checkout."""
    kept = ROOT / "reports" / "screenshots" / name
    kept.parent.mkdir(parents=True, exist_ok=True)
    locator_or_page.screenshot(path=str(tmp_path / name))
    shutil.copy2(tmp_path / name, kept)
    return kept


def wait_for_decision(article, path: Path, key, status: str, timeout_s: float = 30):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [s.status for s in store.load(article, path).human if s.key == key]
        if found == [status]:
            return found
        time.sleep(0.25)
    return [s.status for s in store.load(article, path).human if s.key == key]


def test_without_chromium_the_browser_test_skips_with_the_install_command(tmp_path):
    with pytest.raises(pytest.skip.Exception, match="install it with: apt-get install -y chromium"):
        require_chromium(which=lambda name: None, fallback=tmp_path / "no-chromium")


def test_notebook_02_runs_in_jupyterlab_and_its_panel_saves_a_click(chromium: str, lab: Lab,
                                                                    tmp_path: Path):
    checkout = ROOT / "data" / "annotations" / "seed-it-001.json"
    checkout_before = checkout.read_bytes()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                    timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1100})
            page.set_default_timeout(30_000)
            page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}", timeout=60_000)
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_IDLE_MS)

            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(ALL_CELLS_RAN, timeout=RUN_ALL_MS)
            page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_IDLE_MS)

            errors = page.locator('[data-mime-type="application/vnd.jupyter.error"]')
            assert errors.count() == 0, errors.all_inner_texts()
            tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback")
            assert tracebacks.count() == 0, tracebacks.all_inner_texts()

            # The highlighted text: the headline's "Kazakistan" as a STATE with its norm.
            highlighted = page.locator('.jp-OutputArea-output[data-mime-type="text/html"]',
                                       has=page.locator(".accords-annotated"))
            assert highlighted.count() == 1
            kazakistan = highlighted.locator("mark.accords-STATE", has_text="Kazakistan").first
            kazakistan.scroll_into_view_if_needed()
            expect(kazakistan).to_be_visible()
            assert kazakistan.text_content() == "Kazakistan"
            assert kazakistan.get_attribute("title").startswith("STATE: KAZ")
            assert "STATE (" in highlighted.locator(".accords-legend").text_content()
            page.evaluate("window.jupyterapp.shell.collapseLeft()")
            save_screenshot(page, "02-annotate.png", tmp_path)

            # The review panel, rendered by the widget manager, and one click on it.
            panel = page.locator(".accords-review")
            panel.wait_for(state="visible", timeout=30_000)
            panel.scroll_into_view_if_needed()
            expect(panel).to_contain_text("Review seed-it-001")

            article = read_article(lab.project / "data" / "articles" / "seed-it-001.txt")
            saved = lab.project / "data" / "annotations" / "seed-it-001.json"
            listed = [s.key for s in sort_spans(store.load(article, saved).spans)]
            panel.locator(".accords-review-spans select").select_option(index=listed.index(KAZ))
            panel.get_by_role("button", name="Reject").click()
            assert wait_for_decision(article, saved, KAZ, "rejected") == ["rejected"]
            message = panel.locator(".accords-review-message")
            expect(message).to_contain_text("Rejected STATE 7-17", timeout=30_000)
            save_screenshot(panel, "02-review-panel.png", tmp_path)
        finally:
            browser.close()
    # The click went to the copy: the checkout's own annotations are untouched.
    assert checkout.read_bytes() == checkout_before
