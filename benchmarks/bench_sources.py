"""Speed of collection: the lexicon pre-filter, WARC reading, and the fetcher's overhead per
page against a server on 127.0.0.1 — in one run. Each figure is given as wall-clock time and
as this process's CPU time: on a shared machine the first depends on the other work running,
the second much less.

Run: ``.venv/bin/python benchmarks/bench_sources.py [--pages 2000] [--fetch 200]``. Needs no
network and no ../shared. Pages are built from the fixture site's articles (written for the
project) and from generated pages of ordinary news about other things (weather, sport,
markets), padded with navigation, scripts and footers to a typical page size; one page in
``--share`` reports a defence agreement, as in a news archive.

1. **pre-filter**: :class:`accords.sources.prefilter.PreFilter` over every page, with the
   declared language and with none (every lexicon at once); MB of HTML and pages per second.
2. **WARC reading**: a gzipped WARC of the pages written with warcio, read by
   :func:`accords.sources.warc.read_warc` with the pre-filter (what CC-NEWS reading does) and
   without it on a tenth of the pages (trafilatura on every page); MB of HTML per second
   (the generated pages compress far better than real ones, so the file's size is shown
   beside it, not used).
3. **fetcher**: ``--fetch`` pages served by :class:`accords.sources.fixtures.FixtureServer`
   and crawled with ``delay=0``: seconds per page in all (HTTP, robots, SQLite state,
   trafilatura), the same pages' trafilatura extraction alone, and the difference — the
   fetcher's own overhead per page.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path

NEUTRAL = {
    "en": ["Heavy rain is expected across the north of the country this weekend.",
           "The home side won the cup final after extra time in front of a full stadium.",
           "Shares in the largest banks rose for a third day as bond yields fell.",
           "The city council approved a new timetable for the tram lines in the centre.",
           "A new exhibition of early photographs opens at the national museum on Friday."],
    "it": ["Sono attese forti piogge nel nord del paese durante il fine settimana.",
           "La squadra di casa ha vinto la finale dopo i tempi supplementari.",
           "Le azioni delle grandi banche sono salite per il terzo giorno consecutivo.",
           "Il consiglio comunale ha approvato il nuovo orario dei tram del centro."],
    "ru": ["В выходные на севере страны ожидаются сильные дожди.",
           "Хозяева поля выиграли финал кубка в дополнительное время.",
           "Акции крупнейших банков росли третий день подряд.",
           "Городской совет утвердил новое расписание трамваев в центре."],
    "de": ["Am Wochenende wird im Norden des Landes starker Regen erwartet.",
           "Die Heimmannschaft gewann das Pokalfinale nach Verlängerung.",
           "Die Aktien der großen Banken stiegen den dritten Tag in Folge."],
}
_NAV = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(60))
_SCRIPT = "<script>" + "var tracker = {id: 42, consent: true, items: [1,2,3]};\n" * 120 \
    + "</script>"
_FOOTER = "<footer>" + "<p>Contact us. Terms of use. Privacy and cookies policy.</p>" * 30 \
    + "</footer>"


def _neutral_page(rng: random.Random, lang: str, number: int) -> str:
    sentences = NEUTRAL[lang]
    paragraphs = "".join("<p>" + " ".join(rng.choice(sentences) for _ in range(6)) + "</p>"
                         for _ in range(12))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>Page {number}</title>{_SCRIPT}</head><body><nav><ul>{_NAV}</ul></nav>"
            f"<article><h1>Page {number}</h1>{paragraphs}</article>{_FOOTER}</body></html>")


def build_pages(count: int, share: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """``(url, html, lang)``: one agreement report in ``share``, the rest neutral."""
    from accords.sources.fixtures import demo_pages

    rng = random.Random(seed)
    reports = [html for path, html in sorted(demo_pages().items())
               if "defence-programme" in path or "programma-difesa" in path]
    pages = []
    for i in range(count):
        if i % share == 0:
            html = reports[(i // share) % len(reports)].replace("<h1>", f"<h1>({i}) ")
            lang = "it" if 'lang="it"' in html else "en"
        else:
            lang = rng.choice(sorted(NEUTRAL))
            html = _neutral_page(rng, lang, i)
        pages.append((f"http://bench.test/{i}.html", html, lang))
    return pages


def _line(label, pages, megabytes, start, cpu, note) -> None:
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:38} {pages:6} pages {megabytes:7.1f} MB | wall {wall:6.2f} s "
          f"{megabytes / wall:6.1f} MB/s {pages / wall:7.0f} pages/s | CPU {cpu:6.2f} s "
          f"{megabytes / cpu:6.1f} MB/s {pages / cpu:7.0f} pages/s | {note}")


_SIZES: dict = {}


def _html_mb(path) -> float:
    return _SIZES.get(str(path), 0.0)


def bench_prefilter(pages) -> None:
    from accords.sources.prefilter import PreFilter

    f = PreFilter()
    f.check("<p>warm up</p>", "en")
    megabytes = sum(len(html.encode("utf-8")) for _, html, _ in pages) / 1e6
    f.language("warm up the language model")
    for label, with_lang in (("declared language", True), ("no language (detected)", False)):
        start, cpu = time.perf_counter(), time.process_time()
        kept = sum(f.check(html, lang if with_lang else None) is None
                   for _, html, lang in pages)
        _line(f"pre-filter, {label}", len(pages), megabytes, start, cpu, f"kept {kept}")


def bench_warc(pages, folder: Path) -> None:
    from accords.sources.fixtures import HTML, write_warc
    from accords.sources.warc import WarcReport, read_warc

    path = write_warc(folder / "bench.warc.gz", [(u, h, HTML) for u, h, _ in pages])
    subset = pages[: max(len(pages) // 10, 1)]
    small = write_warc(folder / "small.warc.gz", [(u, h, HTML) for u, h, _ in subset])
    _SIZES[str(path)] = sum(len(h.encode()) for _, h, _ in pages) / 1e6
    _SIZES[str(small)] = sum(len(h.encode()) for _, h, _ in subset) / 1e6
    for label, source, prefilter in (("with pre-filter", path, True),
                                     ("without pre-filter (1/10)", small, False)):
        report = WarcReport()
        start, cpu = time.perf_counter(), time.process_time()
        rows = sum(1 for _ in read_warc(source, prefilter=prefilter, report=report))
        note = (f"written {rows}; MB of HTML; the gzipped file is "
                f"{source.stat().st_size / 1e6:.1f} MB, all read ({report.bytes / 1e6:.1f})")
        _line(f"WARC, {label}", report.html, _html_mb(source), start, cpu, note)


def bench_fetch(pages, folder: Path) -> None:
    from accords.sources.fetch import Crawl, FetchSettings
    from accords.sources.fixtures import FixtureServer, Route
    from accords.sources.pages import page_row

    with FixtureServer() as server:
        urls = []
        for number, (_, html, _lang) in enumerate(pages):
            path = f"/p/{number}.html"
            server.routes[path] = Route.text(html)
            urls.append(server.url(path))
        with Crawl(folder / "state.sqlite", FetchSettings(delay=0, backoff=0)) as crawl:
            crawl.add(urls)
            start, cpu = time.perf_counter(), time.process_time()
            report = crawl.run(progress=False)
            total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        for url, (_, html, lang) in zip(urls, pages, strict=True):
            with contextlib.suppress(ValueError):  # a page without main text
                page_row(html, url, lang=lang)
        extraction, extraction_cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(pages)
    print(f"fetcher, {n} pages on 127.0.0.1 ({report.fetched} fetched, {report.requests} "
          "requests), ms per page:")
    for label, whole, alone in (("wall", total, extraction), ("CPU", total_cpu,
                                                             extraction_cpu)):
        print(f"  {label:4} in all {whole / n * 1000:6.1f}; trafilatura alone "
              f"{alone / n * 1000:6.1f}; fetcher overhead {(whole - alone) / n * 1000:6.1f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages for the filter/WARC")
    parser.add_argument("--share", type=int, default=20, help="one agreement page in N")
    parser.add_argument("--fetch", type=int, default=200, help="pages for the fetcher")
    args = parser.parse_args(argv)
    pages = build_pages(args.pages, args.share)
    print(f"{len(pages)} pages, average "
          f"{sum(len(h) for _, h, _ in pages) / len(pages) / 1000:.1f} kB of HTML")
    with tempfile.TemporaryDirectory(prefix="accords-bench-sources-") as name:
        folder = Path(name)
        bench_prefilter(pages)
        bench_warc(pages, folder)
        bench_fetch(build_pages(args.fetch, args.share, seed=11), folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
