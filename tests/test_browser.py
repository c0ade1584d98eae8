"""The notebooks in a real JupyterLab, in a real (headless) browser.

Each test starts JupyterLab on 127.0.0.1 with a random free port and token, against a copy of
the project (so the checkout's ``data/`` is never written), in Debian's Chromium driven by
Playwright.

- Notebook 02: all cells run, no error output, the seed's "Kazakistan" highlighted with its
  label; then the annotation widget is driven as a reviewer would: a mouse drag over words
  makes a span, a number key labels it, the arrows move, Enter accepts, Delete rejects,
  Ctrl+Z undoes, and keys JupyterLab would take in command mode (``a``, ``b``, ``d d``,
  ``m``, Shift+Enter …) are pressed in the widget. After the keystrokes the notebook has the
  same cells with the same sources, still in command mode, and every decision is checked in
  the copy's annotation file. With a second article (written for the test) in the copy,
  ``n`` opens it from the article list, and its first decision creates its file and turns
  its state to "in progress".
- Every notebook of the collection, opened as committed (no kernel run), is screenshotted,
  so that what a reader first sees can be looked at.

Screenshots are kept in ``reports/screenshots/`` of the checkout (``02-annotate.png``,
``02-annotation-widget.png``, and ``notebook-NN-<name>.png`` per notebook) and in the test's
``tmp_path``.

Without Chromium the tests skip and say how to install it; nothing is ever downloaded
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

from accords import paths
from accords.read.articles import read_article
from accords.review import store

ROOT = paths.project_root()
NOTEBOOK = "02-annotate-the-article.ipynb"
INSTALL = "apt-get install -y chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
SERVER_START_S = 90
KERNEL_IDLE_MS = 90_000
RUN_ALL_MS = 180_000


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


def test_without_chromium_the_browser_test_skips_with_the_install_command(tmp_path):
    with pytest.raises(pytest.skip.Exception, match="install it with: apt-get install -y chromium"):
        require_chromium(which=lambda name: None, fallback=tmp_path / "no-chromium")


SECOND_ARTICLE = ("La Russia e il Kazakistan firmano a Astana un accordo di cooperazione "
                  "militare.\nASTANA - Il ministro della Difesa russo ha firmato ieri un "
                  "accordo con il Kazakistan.\n")
CELLS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return {mode: panel.content.mode,
          sources: panel.content.widgets.map(c => c.model.sharedModel.getSource())};
}"""
# Client coordinates of the code point at an offset of the widget's text (the middle of it).
POINT_AT = """([offset, side]) => {
  const box = document.querySelector('.accords-widget-text');
  const seg = [...box.querySelectorAll('[data-start]')].find(
    s => Number(s.dataset.start) <= offset && offset < Number(s.dataset.end));
  seg.scrollIntoView({block: 'center'});
  const node = seg.firstChild;
  const chars = Array.from(node.data);
  const before = chars.slice(0, offset - Number(seg.dataset.start)).join('').length;
  const range = document.createRange();
  range.setStart(node, before);
  range.setEnd(node, before + chars[offset - Number(seg.dataset.start)].length);
  const r = range.getBoundingClientRect();
  return {x: side === 'left' ? r.left + 1 : r.right - 1, y: r.top + r.height / 2};
}"""


def human_status(article, path: Path, key) -> str | None:
    found = [s.status for s in store.load(article, path).human if s.key == key]
    return found[0] if found else None


def wait_for_status(article, path: Path, key, status: str | None, timeout_s: float = 30):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if human_status(article, path, key) == status:
            return status
        time.sleep(0.2)
    return human_status(article, path, key)


def selected_key(widget) -> tuple[int, int, str] | None:
    value = widget.get_attribute("data-selected") or ""
    if not value:
        return None
    start, end, label = value.split(" ")
    return int(start), int(end), label


def open_notebook(page, lab: Lab, name: str) -> None:
    page.goto(f"{lab.url}/lab/tree/{name}?token={lab.token}", timeout=60_000)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_IDLE_MS)


def test_notebook_02_runs_in_jupyterlab_and_its_widget_is_driven_by_mouse_and_keys(
        chromium: str, lab: Lab, tmp_path: Path):
    checkout = ROOT / "data" / "annotations" / "seed-it-001.json"
    checkout_before = checkout.read_bytes()
    article = read_article(lab.project / "data" / "articles" / "seed-it-001.txt")
    saved = lab.project / "data" / "annotations" / "seed-it-001.json"
    # a second article in the copy, for the widget's article list (a text written for this test)
    second_file = lab.project / "data" / "articles" / "zz-test-it-002.txt"
    second_file.write_text(SECOND_ARTICLE, encoding="utf-8")
    second = read_article(second_file)
    second_saved = lab.project / "data" / "annotations" / "zz-test-it-002.json"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                    timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1100})
            page.set_default_timeout(30_000)
            open_notebook(page, lab, NOTEBOOK)

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

            # The annotation widget, rendered live by anywidget (not the static fallback).
            widget = page.locator(".accords-widget")
            widget.wait_for(state="visible", timeout=30_000)
            widget.scroll_into_view_if_needed()
            expect(widget).to_contain_text("Review seed-it-001")
            expect(widget.locator(".accords-widget-article").first).to_contain_text("in progress")
            text = widget.locator(".accords-widget-text")
            assert "".join(text.locator("[data-start]").all_text_contents()) == article.text
            before = page.evaluate(CELLS)

            # 1. A drag from inside "Forze" to inside "Armate", words no annotator marked,
            #    makes a span of the two whole words; key 2 labels it ORG, and the decision
            #    is on disk at once.
            words = article.text.index("Forze Armate")
            added = (words, words + len("Forze Armate"), "ORG")
            assert all(s.key != added for s in store.load(article, saved).spans)
            start = page.evaluate(POINT_AT, [words + 2, "left"])
            end = page.evaluate(POINT_AT, [words + len("Forze Arm"), "right"])
            page.mouse.move(start["x"], start["y"])
            page.mouse.down()
            page.mouse.move(end["x"], end["y"], steps=8)
            page.mouse.up()
            expect(widget).to_have_attribute("data-pending", f"{added[0]} {added[1]}")
            assert page.evaluate("document.activeElement.classList.contains('accords-widget')")
            page.keyboard.press("2")
            assert wait_for_status(article, saved, added, "accepted") == "accepted"
            expect(widget).to_have_attribute("data-selected", " ".join(map(str, added)))
            save_screenshot(widget, "02-annotation-widget-added.png", tmp_path)

            # The editor (key e): typing a norm there stays in the widget; Enter saves it.
            page.keyboard.press("e")
            norm = widget.locator(".accords-widget-editor-norm")
            expect(norm).to_be_focused()
            page.keyboard.type("armed_forces")
            page.keyboard.press("Enter")
            expect(widget.locator(".accords-widget-editor")).to_be_hidden()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not any(
                    s.key == added and s.norm == "armed_forces"
                    for s in store.load(article, saved).human):
                time.sleep(0.2)
            assert [s.norm for s in store.load(article, saved).human if s.key == added] == [
                "armed_forces"]

            # 2. The arrows move to the next span; Enter accepts it.
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "(k) => document.querySelector('.accords-widget').dataset.selected !== k",
                arg=" ".join(map(str, added)))
            accepted = selected_key(widget)
            assert accepted is not None and accepted[0] > added[0]
            page.keyboard.press("Enter")
            assert wait_for_status(article, saved, accepted, "accepted") == "accepted"

            # 3. The right arrow moves on to a span nobody decided yet; Delete rejects it.
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "(k) => document.querySelector('.accords-widget').dataset.selected !== k",
                arg=" ".join(map(str, accepted)))
            rejected = selected_key(widget)
            assert rejected is not None and rejected[0] > accepted[0]
            assert human_status(article, saved, rejected) is None  # a proposed rule span
            page.keyboard.press("Delete")
            assert wait_for_status(article, saved, rejected, "rejected") == "rejected"
            expect(widget.locator(".accords-widget-status")).to_contain_text("Rejected")
            save_screenshot(widget, "02-annotation-widget.png", tmp_path)

            # 4. Ctrl+Z takes the rejection back, on disk too; the acceptance stays.
            page.keyboard.press("Control+z")
            assert wait_for_status(article, saved, rejected, None) is None
            expect(widget.locator(".accords-widget-status")).to_contain_text("Undid: rejected")
            assert human_status(article, saved, accepted) == "accepted"

            # The left arrow goes back to the span made with the mouse.
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("ArrowLeft")
            expect(widget).to_have_attribute("data-selected", " ".join(map(str, added)))

            # A click on a highlight selects the span under it.
            mark = text.locator(".accords-mark", has_text="Bektanov").last
            mark.scroll_into_view_if_needed()
            mark.click()
            bounds = (int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end")))
            page.wait_for_function(
                "(k) => document.querySelector('.accords-widget').dataset.selected.startsWith(k)",
                arg=f"{bounds[0]} {bounds[1]} ")
            assert selected_key(widget)[:2] == bounds

            # 5. Keys that JupyterLab's command mode would act on never reach it.
            for key in ["a", "b", "x", "c", "v", "m", "y", "d", "d", "z", "Shift+Enter",
                        "Control+Enter", "Alt+Enter", "Shift+ArrowDown", "Escape", "Escape"]:
                page.keyboard.press(key)
            page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_IDLE_MS)
            after = page.evaluate(CELLS)
            assert after["sources"] == before["sources"], "a keystroke changed the cells"
            assert after["mode"] == "command"
            assert len(page.locator(".jp-Notebook .jp-Cell").all()) == len(before["sources"])

            # 6. The article list: n opens the next article not yet reviewed; a decision
            #    there creates its file, and its row turns "in progress".
            rows = widget.locator(".accords-widget-article")
            expect(rows).to_have_count(2)
            expect(rows.nth(1)).to_have_attribute("data-state", "not started")
            assert not second_saved.exists()
            page.keyboard.press("n")
            expect(widget.locator(".accords-widget-header")).to_contain_text(
                "Review zz-test-it-002")
            page.keyboard.press("ArrowRight")
            expect(widget).to_have_attribute("data-selected", "3 9 STATE")
            page.keyboard.press("Enter")
            assert wait_for_status(second, second_saved, (3, 9, "STATE"), "accepted") == \
                "accepted"
            expect(rows.nth(1)).to_have_attribute("data-state", "in progress")
            expect(widget.locator(".accords-widget-summary")).to_contain_text(
                "2 articles: 0 reviewed, 2 in progress, 0 not started")
            save_screenshot(widget, "02-annotation-widget-list.png", tmp_path)
            assert page.evaluate(CELLS)["sources"] == before["sources"]
        finally:
            browser.close()
    # Everything the widget did is in the copy's file; the checkout's own file is untouched.
    final = {s.key: s.status for s in store.load(article, saved).human}
    assert final[added] == "accepted" and final[accepted] == "accepted"
    assert checkout.read_bytes() == checkout_before


SHOWS = """(name) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!w && !!w.context && w.context.path.endsWith(name)
    && !!w.content && w.content.widgets.length > 0;
}"""


def test_every_notebook_opened_in_jupyterlab_is_screenshotted(chromium: str, lab: Lab,
                                                              tmp_path: Path):
    """Each notebook as a reader first sees it (committed outputs, nothing run): its top,
    and where it shows a widget, the widget's output as drawn without the widget's kernel."""
    names = sorted(p.name for p in (lab.project / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert names, "no notebooks in the copy of the project"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                    timeout=60_000)
        try:
            for name in names:
                page = browser.new_page(viewport={"width": 1300, "height": 1400})
                page.set_default_timeout(30_000)
                page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}",
                          timeout=60_000)
                page.wait_for_function(SHOWS, arg=name, timeout=60_000)
                page.evaluate("window.jupyterapp.shell.collapseLeft()")
                page.wait_for_timeout(500)
                stem = Path(name).stem
                shot = save_screenshot(page, f"notebook-{stem}.png", tmp_path)
                assert shot.stat().st_size > 10_000, f"{shot} is (nearly) empty"
                widgets = page.locator(".jp-OutputArea-output",
                                       has=page.locator(".accords-widget-static"))
                if widgets.count():
                    widgets.first.scroll_into_view_if_needed()
                    expect(widgets.first).to_contain_text("Human decisions")
                    save_screenshot(widgets.first, f"notebook-{stem}-widget.png", tmp_path)
                page.close()
        finally:
            browser.close()
