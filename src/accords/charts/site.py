"""A static HTML site of the notebook collection, built from the saved outputs (nothing is run)
and readable offline.

``make site`` (or ``python -m accords.charts.site [OUT]``) writes ``build/site/index.html`` and one
page per notebook with nbconvert's JupyterLab template. Nothing is fetched while building, and
the pages load nothing from the network: the template's CDN scripts (RequireJS, MathJax,
jQuery, widget managers) are left out — the notebooks need none of them, since figures are
images with alt text and tables are plain HTML. Links between notebooks
(``03-load-agreement-datasets.ipynb``) point at their pages.

>>> from accords.charts.site import build_site  # doctest: +SKIP
>>> [p.name for p in build_site("build/site")][:2]  # doctest: +SKIP
['index.html', '01-read-the-article.html']
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from accords import paths
from accords.atomic import atomic_write_bytes

__all__ = ["build_site", "notebook_pages"]

_NOTEBOOK_LINK = re.compile(r'href="((?:\./)?(\d\d-[A-Za-z0-9_-]+))\.ipynb(#[^"]*)?"')


def notebook_pages(folder: Path | None = None) -> list[Path]:
    """The collection's notebooks, in reading order (``NN-verb-topic.ipynb``)."""
    folder = Path(folder) if folder is not None else paths.notebooks_dir()
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    for trait in ("mathjax_url", "require_js_url", "jquery_url", "mermaid_js_url",
                  "mermaid_layout_elk_js_url", "jupyter_widgets_base_url",
                  "widget_renderer_url"):
        if exporter.has_trait(trait):
            setattr(exporter, trait, "")
    return exporter


def _title_and_summary(nb) -> tuple[str, str]:
    title, summary = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            if not title and line.startswith("# "):
                title = line[2:].strip()
            if line.strip() == "## Overview" and not summary:
                rest = []
                for following in lines[i + 1:]:
                    if not following.strip() or following.startswith("#"):
                        if rest:
                            break
                        continue
                    rest.append(following.strip())
                summary = " ".join(rest)
        if title and summary:
            break
    return title, summary


def _offline(page: str) -> str:
    """Drop any script or stylesheet the template would still load from the network."""
    page = re.sub(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>', "", page)
    page = re.sub(r'<link[^>]*\shref="https?://[^"]*"[^>]*>', "", page)
    return _NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(3) or ""}"', page)


def _markdown_inline(text: str) -> str:
    text = html.escape(text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def build_site(out: str | Path = "build/site", *, notebooks: list[Path] | None = None
               ) -> list[Path]:
    """Write the site into ``out``: ``index.html`` and one page per notebook; return the
    files written. The notebooks are rendered with the outputs they were saved with."""
    import nbformat

    out = Path(out)
    notebooks = notebook_pages() if notebooks is None else [Path(p) for p in notebooks]
    if not notebooks:
        raise FileNotFoundError("no notebooks (NN-name.ipynb) to build a site from; run from "
                                "the project or pass notebooks=")
    exporter = _exporter()
    entries, written = [], []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        title, summary = _title_and_summary(nb)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title
                                                                          or path.stem}})
        page = out / f"{path.stem}.html"
        atomic_write_bytes(page, _offline(body).encode("utf-8"))
        written.append(page)
        entries.append((page.name, title or path.stem, summary))
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a>'
        + (f"<p>{_markdown_inline(summary)}</p>" if summary else "") + "</li>"
        for name, title, summary in entries)
    index = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>accords — the notebooks</title>
<style>
body {{ font-family: sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }}
li {{ margin-bottom: 1em; }} li p {{ margin: 0.2em 0 0 0; }}
a {{ color: #0072B2; font-weight: bold; }}
</style>
</head>
<body>
<h1>accords — the notebooks</h1>
<p>Defence agreements between states: reading and annotating news articles, agreement
records, and the DCAD, ATOP and COW datasets. Read the notebooks in order; each page shows the
outputs the notebook was saved with (run it in JupyterLab to change its parameters).</p>
<ol>
{items}
</ol>
</body>
</html>
"""
    atomic_write_bytes(out / "index.html", index.encode("utf-8"))
    return [out / "index.html", *written]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else paths.project_root() / "build" / "site"
    files = build_site(out)
    print(f"{len(files)} pages written to {out} (open {out / 'index.html'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
