"""The whole collection in one call: GDELT candidates (or a list of URLs) → fetched pages →
the corpus JSON Lines; what ``python -m accords collect`` runs.

The crawl's state sits beside the output (``<output>.state.sqlite``) unless ``state`` is
given, so running the same command again resumes an interrupted crawl, adds the URLs of a
wider date range and fetches nothing twice; the output is rewritten from the state each time
(sorted by id, atomically).

>>> default_state("corpus.jsonl").name
'corpus.jsonl.state.sqlite'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accords.sources import gdelt
from accords.sources.fetch import Crawl, CrawlReport, FetchSettings

__all__ = ["CollectReport", "collect_gdelt", "collect_urls", "default_state", "read_url_list"]


@dataclass
class CollectReport:
    """The GDELT step's report (when there was one), the crawl's, and the lines written."""

    crawl: CrawlReport
    written: int
    output: Path
    state: Path
    candidates: int | None = None
    gdelt: gdelt.GdeltReport | None = field(default=None)

    def __str__(self) -> str:
        lines = []
        if self.gdelt is not None:
            lines.append(f"GDELT: {self.gdelt}; {self.candidates} candidate URLs")
        lines.append(str(self.crawl))
        lines.append(f"{self.written} articles written to {self.output} (state: {self.state})")
        return "\n".join(lines)


def default_state(output: str | Path) -> Path:
    """Where a crawl writing ``output`` keeps its state."""
    output = Path(output)
    return output.with_name(output.name + ".state.sqlite")


def _crawl(items: Iterable, output: str | Path, state: str | Path | None,
           settings: FetchSettings | None, progress: bool, workers: int = 1
           ) -> tuple[CrawlReport, int, Path]:
    state_path = Path(state) if state is not None else default_state(output)
    with Crawl(state_path, settings) as crawl:
        crawl.add(items)
        try:
            report = crawl.run(progress=progress, workers=workers)
        finally:  # an interrupted crawl still writes what it has
            written = crawl.write_jsonl(output)
    return report, written, state_path


def collect_gdelt(start, end, output: str | Path, *, dyad: Sequence[str] | None = None,
                  codes: Sequence[str] | None = None,
                  master: str | Path | Sequence[str | Path] = gdelt.MASTER_URL,
                  cache: str | Path | None = None, state: str | Path | None = None,
                  settings: FetchSettings | None = None, progress: bool = True,
                  workers: int = 1) -> CollectReport:
    """GDELT candidates for ``[start, end]`` (and ``dyad``, ``codes``) fetched into the corpus
    JSON Lines ``output``; every line carries its ``gdelt_ids``."""
    report = gdelt.GdeltReport()
    found = gdelt.candidates(start, end, codes=codes, dyad=dyad, master=master, cache=cache,
                             progress=progress, report=report,
                             user_agent=(settings or FetchSettings()).user_agent)
    crawl, written, state_path = _crawl((c.to_dict() for c in found), output, state, settings,
                                        progress, workers)
    return CollectReport(crawl, written, Path(output), state_path, len(found), report)


def read_url_list(path: str | Path) -> list[str]:
    """URLs of a text file, one a line (blank lines and ``#`` comments skipped); a line that
    is not an http(s) URL is an error naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such list of URLs; give a text file with one "
                                "http(s) URL a line.")
    urls = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith(("http://", "https://")):
            raise ValueError(f"{path}:{number}: {line[:80]!r} is not an http(s) URL; write "
                             "one absolute URL a line.")
        urls.append(line)
    return urls


def collect_urls(urls: Iterable[str], output: str | Path, *, state: str | Path | None = None,
                 settings: FetchSettings | None = None, progress: bool = True,
                 workers: int = 1) -> CollectReport:
    """Fetch ``urls`` into the corpus JSON Lines ``output``."""
    crawl, written, state_path = _crawl(urls, output, state, settings, progress, workers)
    return CollectReport(crawl, written, Path(output), state_path)
