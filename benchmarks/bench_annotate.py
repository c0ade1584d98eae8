"""Annotation throughput on one core: accords' annotators against a general-purpose baseline.

The development corpus (``../shared/corpus/dev.jsonl``) is repeated until it holds at least
``--megabytes`` of UTF-8 text (5 by default) and annotated by :func:`accords.annotate.annotate`
in this process. In the same run, a baseline does what a quick general-purpose script would:
one regular-expression search per gazetteer name (states, organisations and places of the
article's language) and ``dateparser.search.search_dates`` for the dates. The baseline is slow,
so it runs on the first ``--baseline-articles`` articles of the same stream; both are reported
as rates (articles/s, MB/s), so they compare directly.

    python benchmarks/bench_annotate.py            # needs the 'bench' extra for the baseline
    pip install -e '.[bench]'                      # installs dateparser

Without dateparser the baseline's date part is skipped with a message, and the table says so.
"""

from __future__ import annotations

import argparse
import gc
import platform
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accords import paths
from accords.annotate import annotate
from accords.annotate.gazetteer import org_forms, place_forms, state_forms
from accords.lexicon import COMMON, available_languages, load_lexicon
from accords.read.articles import Article, iter_jsonl


@dataclass
class Result:
    method: str
    articles: int
    megabytes: float
    seconds: float
    spans: int
    cpu_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds


def corpus(megabytes: float) -> list[Article]:
    shared = paths.shared_dir()
    source = shared / "corpus" / "dev.jsonl" if shared else None
    if source is None or not source.is_file():
        sys.exit("bench_annotate: needs ../shared/corpus/dev.jsonl (the development corpus); "
                 "set ACCORDS_SHARED_DIR to the folder that holds corpus/.")
    base = list(iter_jsonl(source))
    stream: list[Article] = []
    size = 0
    while size < megabytes * 1_000_000:
        for article in base:
            stream.append(article)
            size += len(article.text.encode("utf-8"))
    return stream


def _size(articles: Sequence[Article]) -> float:
    return sum(len(a.text.encode("utf-8")) for a in articles) / 1_000_000


def run(method: str, articles: Sequence[Article], fn: Callable[[Article], int]) -> Result:
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    spans = sum(fn(a) for a in articles)
    seconds = time.perf_counter() - start
    return Result(method, len(articles), _size(articles), seconds, spans,
                  time.process_time() - cpu)


def baseline_names(lang: str | None) -> list[re.Pattern[str]]:
    lang = lang or "en"
    names = {*state_forms(lang), *org_forms(lang), *place_forms(lang)}
    return [re.compile(rf"\b{re.escape(name)}\b") for name in sorted(names)]


def make_baseline(with_dates: bool) -> Callable[[Article], int]:
    cache: dict[str | None, list[re.Pattern[str]]] = {}
    search_dates = None
    if with_dates:
        from dateparser.search import search_dates

    def baseline(article: Article) -> int:
        patterns = cache.get(article.lang)
        if patterns is None:
            patterns = cache[article.lang] = baseline_names(article.lang)
        found = 0
        for pattern in patterns:  # the per-name loop the gazetteer automaton replaces
            found += sum(1 for _ in pattern.finditer(article.text))
        if search_dates is not None:
            dates = search_dates(article.text, languages=[article.lang] if article.lang
                                 in ("it", "en", "ru", "de", "fr", "es", "pl", "pt") else None)
            found += len(dates or ())
        return found

    return baseline


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--baseline-articles", type=int, default=300)
    args = parser.parse_args(argv)

    # every language loaded, as a corpus in all of them would have it: the lexicons (parsed and
    # checked against the schema), then each language's compiled annotators
    languages = available_languages()
    start = time.perf_counter()
    for lang in (*languages, COMMON):
        load_lexicon(lang)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    for lang in languages:
        annotate(Article(id=f"warm-{lang}", text="1 2024", lang=lang))
    compiled = time.perf_counter() - start
    print(f"{len(languages)} languages ({', '.join(languages)}): lexicons loaded and checked in "
          f"{loaded:.2f} s, annotators compiled in {compiled:.2f} s\n")
    articles = corpus(args.megabytes)
    for article in articles[:60]:  # warm the per-language caches (lexicons, compiled regexes)
        annotate(article)
    results = [run("accords.annotate (grammar + one regex per gazetteer)", articles,
                   lambda a: len(annotate(a)))]
    try:
        import dateparser  # noqa: F401

        with_dates = True
    except ImportError:
        with_dates = False
        print("dateparser is not installed (pip install -e '.[bench]'): the baseline below "
              "runs the per-name regex loop only, without its date parser.\n")
    sample = articles[: args.baseline_articles]
    baseline = make_baseline(with_dates)
    baseline(sample[0])  # compile the per-name patterns and load dateparser before timing
    label = ("baseline: per-name regex loop + dateparser.search_dates" if with_dates
             else "baseline: per-name regex loop (no date parser)")
    results.append(run(label, sample, baseline))

    ours = results[0]
    print(f"Python {platform.python_version()} on {platform.machine()}, one process, "
          f"{ours.megabytes:.2f} MB of dev-corpus text ({ours.articles} articles; the "
          f"baseline on the first {results[1].articles})\n")
    header = f"| {'method':<58} | {'articles/s':>10} | {'MB/s':>7} | {'speed-up':>8} |"
    print(header)
    print("|" + "-" * 60 + "|" + "-" * 12 + ":|" + "-" * 8 + ":|" + "-" * 9 + ":|")
    for result in results:
        speed = result.per_second / results[-1].per_second
        print(f"| {result.method:<58} | {result.per_second:>10.1f} | "
              f"{result.mb_per_second:>7.3f} | {speed:>7.1f}x |")
    # on a shared machine the wall clock counts the time spent waiting for a core; the
    # process's CPU time does not: articles per CPU-second is the rate per core
    print(f"\naccords.annotate: {results[0].articles / results[0].cpu_seconds:.0f} articles "
          f"per CPU-second ({results[0].cpu_seconds:.1f} s of CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
