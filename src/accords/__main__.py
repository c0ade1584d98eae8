"""Command line: ``python -m accords <command>``.

    python -m accords read IN.jsonl -o OUT.jsonl [--jobs N]
    python -m accords extract IN.jsonl -o OUT.jsonl [--jobs N] [--no-evidence]  (N: all cores)
    python -m accords extract IN... -o FOLDER --format parquet [--engine dask]
                              [--scheduler ADDRESS] [--force]
    python -m accords evaluate GOLD.jsonl PRED.jsonl [--json]
    python -m accords records [--articles DIR] [--out FILE] [--annotations DIR] [--reviews DIR]
    python -m accords cues [--corpus FILE ...] [--lang LANG ...] [--json]
    python -m accords export {records,links,related,dyad-years} -o OUT.dta|.parquet|.csv
    python -m accords collect gdelt (--demo | --from DATE --to DATE) [--dyad A B] -o OUT.jsonl
    python -m accords collect urls LIST.txt -o OUT.jsonl
    python -m accords collect warc FILE|URL|LIST ... -o OUT.jsonl [--no-prefilter]

Exit status: 0 when everything was done; 1 when ``read``/``extract`` skipped lines or
``collect warc`` could not read a file (each is listed on stderr with its reason; the rest was
written); 2 when nothing was done (a missing input, an output that would overwrite an input,
a records CSV edited since it was generated …), with the reason on stderr. ``collect`` exits
with 130 when interrupted (what was fetched is kept in its state; the same command resumes).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["format_statuses", "main"]


def _evaluate(args: argparse.Namespace) -> int:
    from accords.extract.evaluate import format_report, score_files

    try:
        result = score_files(args.gold, args.pred)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


def _report_batch(report, output, source=None) -> int:
    for error in report.errors:
        # "corpus.jsonl: line 3 (id 'x'): not valid JSON …": the file, then the line
        print(f"error: {source}: {error}" if source else f"error: {error}", file=sys.stderr)
    print(f"{report.written} of {report.read} lines written to {output}"
          + (f"; {len(report.errors)} skipped (listed above; exit status 1)"
             if report.errors else ""), file=sys.stderr)
    if report.tallies:
        print(format_statuses(report.tallies), file=sys.stderr)
    return 0 if report.ok else 1


def format_statuses(tallies) -> str:
    """``status by language: it read 12; uk no_lexicon 2``: counts of ``(lang, status)`` keys,
    by language, ``read`` first within a language.

    >>> format_statuses({("uk", "no_lexicon"): 2, ("it", "mostly_boilerplate"): 1,
    ...                  ("it", "read"): 12})
    'status by language: it read 12; it mostly_boilerplate 1; uk no_lexicon 2'
    """
    keys = sorted(tallies, key=lambda k: (k[0], k[1] != "read", k[1]))
    return "status by language: " + "; ".join(f"{lang} {status} {tallies[(lang, status)]}"
                                              for lang, status in keys)


def _batch(args: argparse.Namespace, task, tally=None, prepare=None) -> int:
    from accords.extract.batch import run

    try:
        report = run(args.input, args.output, task=task, jobs=args.jobs,
                     progress=not args.quiet, tally=tally, prepare=prepare)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _report_batch(report, args.output, args.input)


def _read(args: argparse.Namespace) -> int:
    from accords.read.layout import layout_row

    return _batch(args, layout_row)


def _extract(args: argparse.Namespace) -> int:
    from functools import partial

    fmt = args.format or ("parquet" if args.engine == "dask" else "jsonl")
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask.", file=sys.stderr)
        return 2
    if fmt == "parquet":
        return _extract_partitions(args)
    if args.engine == "dask":
        print("error: --engine dask writes Parquet partitions (-o FOLDER); leave out "
              "--format jsonl, or use the local engine for one JSON Lines file.",
              file=sys.stderr)
        return 2

    from accords.extract import extract_row, status_key
    from accords.extract.batch import warm_extraction

    return _batch(args, partial(extract_row, provenance=not args.no_evidence), status_key,
                  warm_extraction)


def _extract_partitions(args: argparse.Namespace) -> int:
    from accords.extract.scale import extract_corpus

    try:
        report = extract_corpus(args.input, args.output, engine=args.engine, jobs=args.jobs,
                                scheduler=args.scheduler, evidence=not args.no_evidence,
                                progress=not args.quiet, force=args.force)
    except (OSError, ValueError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for duplicate in report.duplicates:
        print(f"error: {duplicate}", file=sys.stderr)
    done = len(report.partitions) - report.skipped
    print(f"{report.written} of {report.read} lines written to {report.output}: "
          f"{report.records} records; {done} partition(s) extracted, {report.skipped} already "
          "done" + (f"; {len(report.errors)} lines skipped (listed above; exit status 1)"
                    if report.errors else "")
          + (f"; {len(report.duplicates)} ids written by two partitions (listed above; "
             "exit status 1)" if report.duplicates else ""), file=sys.stderr)
    if report.tallies:
        print(format_statuses(report.tallies), file=sys.stderr)
    return 0 if report.ok else 1


def _records(args: argparse.Namespace) -> int:
    from pathlib import Path

    from accords.extract import update_project_records

    try:
        report = update_project_records(
            Path(args.articles) if args.articles else None, Path(args.out) if args.out else None,
            annotations_dir=Path(args.annotations) if args.annotations else None,
            reviews_dir=Path(args.reviews) if args.reviews else None)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report)
    return 0


def _cues(args: argparse.Namespace) -> int:
    from accords.extract.guard import default_corpora, format_guard, guard
    from accords.lexicon import LexiconError

    corpora = args.corpus or default_corpora()
    if not corpora:
        print("skipped: no development corpus (../shared/corpus/dev.jsonl and dev2.jsonl are "
              "absent); pass --corpus FILE or set ACCORDS_SHARED_DIR.", file=sys.stderr)
        return 0
    try:
        report = guard(corpora, args.lang)
    except (OSError, ValueError, LexiconError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json
          else format_guard(report))
    return 0


def _lexicon(args: argparse.Namespace) -> int:
    from accords.lexicon import COMMON, LexiconError, available_languages, check_folder

    folders = args.folder or [*available_languages(), COMMON]
    failed = 0
    for folder in folders:
        try:
            reports = check_folder(folder)
        except LexiconError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for report in reports:
            print(f"{report.path}:")
            line = " "
            for key, n in sorted(report.counts.items()):
                item = f" {key} {n}"
                if len(line) + len(item) > 96:
                    print(line)
                    line = " "
                line += item
            print(line if report.counts else "  nothing")
            for problem in report.problems:
                print(f"  error: {problem}")
            failed += len(report.problems)
    print(f"{failed} problem(s)" if failed else "ok: every file follows the schema")
    return 1 if failed else 0


def _shown(path) -> str:
    """``path`` relative to the project when it lies inside it (no machine's folders in an
    export's codebook), else as given."""
    from accords import paths

    try:
        return path.resolve().relative_to(paths.project_root().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from accords.datasets import FetchError, export
    from accords.link import dyads
    from accords.read.articles import refuse_inputs

    source = Path(args.records) if args.records else dyads.news_records_path()
    try:
        refuse_inputs(args.output, [source], "export")
        by_article = dyads.load_news_records(source)
        if args.what == "records":
            frame = export.records_table(by_article, file=_shown(source))
        elif args.what == "links":
            frame = dyads.classify(by_article)
        elif args.what == "related":
            frame = dyads.related(by_article)
        else:
            frame = dyads.extended_dyad_years(by_article, flag=args.flag)
        written = export.export(frame, args.output, format=args.format)
    except (OSError, ValueError, FetchError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    extra = (f" and its codebook {written.with_suffix('.codebook.csv')}"
             if (args.format or written.suffix.lstrip(".")).lower() == "csv" else "")
    print(f"{len(frame)} rows ({frame.attrs.get('unit', 'rows')}) of {source} written to "
          f"{written}{extra}", file=sys.stderr)
    return 0


def _collect(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from accords.sources import collect, gdelt, warc
    from accords.sources.fetch import FetchSettings

    delay = args.delay if args.delay is not None else 0.1 if getattr(args, "demo", False) \
        else 1.0
    settings = FetchSettings(delay=delay, timeout=args.timeout, retries=args.retries,
                             max_bytes=args.max_bytes, user_agent=args.user_agent)
    try:
        if args.source == "warc":
            report = warc.warc_to_jsonl(args.inputs, args.output,
                                        state=args.state or collect.default_state(args.output),
                                        prefilter=not args.no_prefilter,
                                        max_bytes=args.max_bytes, timeout=args.timeout,
                                        progress=not args.quiet)
            print(report, file=sys.stderr)
            print(f"{report.in_state} articles written to {args.output}", file=sys.stderr)
            if report.file_errors:  # each is listed above with its file and reason
                print(f"{len(report.file_errors)} WARC file(s) not read (exit status 1); "
                      "check the paths or URLs and run the same command again to add them.",
                      file=sys.stderr)
                return 1
            return 0
        if args.source == "urls":
            report = collect.collect_urls(collect.read_url_list(args.list), args.output,
                                          state=args.state, settings=settings,
                                          progress=not args.quiet, workers=args.workers)
        else:
            master = args.master or [gdelt.MASTER_URL]
            if args.translingual:
                master = [*master, gdelt.TRANSLATION_MASTER_URL]
            cache, state = args.cache, args.state
            start, end, dyad = args.start, args.end, args.dyad
            if args.demo:  # the fixture site on 127.0.0.1, in this process
                from accords.sources import fixtures

                master = [fixtures.demo_server().url("/gdeltv2/masterfilelist.txt")]
                start, end = start or fixtures.DEMO_RANGE[0], end or fixtures.DEMO_RANGE[1]
                dyad = dyad or list(fixtures.DEMO_DYAD)
                scratch = Path(tempfile.mkdtemp(prefix="accords-demo-"))
                cache = cache or scratch / "gdelt"
                state = state or scratch / "state.sqlite"
            if start is None or end is None:
                print("error: give the date range, --from YYYY-MM-DD --to YYYY-MM-DD (or "
                      "--demo for the local fixture site)", file=sys.stderr)
                return 2
            report = collect.collect_gdelt(start, end, args.output, dyad=dyad,
                                           codes=args.codes, master=master,
                                           cache=cache, state=state, settings=settings,
                                           progress=not args.quiet, workers=args.workers)
    except KeyboardInterrupt:
        print("interrupted: every page fetched so far is kept in the crawl's state and "
              "written; run the same command again to resume.", file=sys.stderr)
        return 130
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report, file=sys.stderr)
    return 0


def _add_collect(commands) -> None:
    from accords.sources.net import DEFAULT_USER_AGENT

    collect = commands.add_parser("collect", help="collect a corpus (JSON Lines) from GDELT "
                                                  "candidates, a list of URLs or WARC files")
    sources = collect.add_subparsers(dest="source", required=True)
    g = sources.add_parser("gdelt", help="GDELT 2.0 events of a date range → fetched pages")
    g.add_argument("--demo", action="store_true",
                   help="use the local fixture site on 127.0.0.1 (no internet; its range "
                        "2021-11-09..10 and dyad RUS KAZ unless given)")
    g.add_argument("--from", dest="start", help="first day (YYYY-MM-DD, UTC)")
    g.add_argument("--to", dest="end", help="last day (YYYY-MM-DD, UTC)")
    g.add_argument("--dyad", nargs=2, metavar=("ISO3", "ISO3"),
                   help="keep only events between these two states (either order)")
    g.add_argument("--codes", nargs="+", metavar="CAMEO",
                   help="CAMEO code prefixes (default: 057 062 0312)")
    g.add_argument("--master", nargs="+", help="master file list URL(s) or file(s) "
                                               "(default: GDELT's)")
    g.add_argument("--translingual", action="store_true",
                   help="add GDELT Translingual's list (events from non-English sources)")
    g.add_argument("--cache", help="folder for GDELT files (default ACCORDS_DATA_DIR/gdelt)")
    u = sources.add_parser("urls", help="fetch the URLs of a file, one a line")
    u.add_argument("list", help="text file of URLs")
    w = sources.add_parser("warc", help="HTML responses of WARC files (CC-NEWS), pre-filtered")
    w.add_argument("inputs", nargs="+", help="WARC files, URLs, or warc.paths(.gz) lists")
    w.add_argument("--no-prefilter", action="store_true",
                   help="keep every HTML page (no agreement/defence cue check)")
    for command in (g, u, w):
        command.add_argument("-o", "--output", required=True, help="corpus JSON Lines file")
        command.add_argument("--timeout", type=float, default=20.0, help="seconds (20)")
        command.add_argument("--max-bytes", type=int, default=5_000_000,
                             help="largest page accepted (5000000)")
        command.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    for command in (g, u, w):
        command.add_argument("--state", help="state file, to resume (default "
                                             "OUTPUT.state.sqlite)")
    for command in (g, u):
        command.add_argument("--delay", type=float,
                             help="seconds between requests to one host (1.0; 0.1 with "
                                  "--demo; robots.txt Crawl-delay wins when longer)")
        command.add_argument("--retries", type=int, default=2, help="retries (2)")
        command.add_argument("--workers", type=int, default=1,
                             help="hosts fetched at the same time (1; each host still gets "
                                  "one request per --delay)")
        command.add_argument("--user-agent", default=DEFAULT_USER_AGENT,
                             help="User-Agent sent and matched against robots.txt")
    w.set_defaults(delay=1.0, retries=2, user_agent=DEFAULT_USER_AGENT)
    collect.set_defaults(run=_collect)


def _add_batch_options(command: argparse.ArgumentParser, jobs: int = 1,
                       partitions: bool = False) -> None:
    command.add_argument("input", help="articles, JSON Lines: id, text, optional lang, "
                                       "published, url, title"
                         + ("; with --format parquet or --engine dask also a folder or "
                            "glob of .jsonl/.parquet partitions" if partitions else ""))
    command.add_argument("-o", "--output", required=True, help="output JSON Lines file"
                         + (" (a folder with --format parquet or --engine dask)"
                            if partitions else ""))
    command.add_argument("-j", "--jobs", type=int, default=jobs,
                         help="worker processes (0 = all cores; default "
                              + ("all cores)" if jobs == 0 else f"{jobs})"))
    command.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m accords",
                                     description="Defence-agreement news: extract and evaluate.")
    commands = parser.add_subparsers(dest="command", required=True)
    read = commands.add_parser("read", help="layout of each article: language, headline, "
                                            "dateline, sentences, boilerplate")
    _add_batch_options(read)
    read.set_defaults(run=_read)
    extract = commands.add_parser("extract", help="agreement records of each article "
                                                  "(id, agreements) in the corpus format")
    _add_batch_options(extract, jobs=0, partitions=True)
    extract.add_argument("--no-evidence", action="store_true",
                         help="leave out evidence spans and sources (smaller output)")
    extract.add_argument("--format", choices=("jsonl", "parquet"),
                         help="jsonl (default with the local engine): one output file; "
                              "parquet (default with dask): -o is a folder of partitioned "
                              "tables (records, articles, evidence) and the input may be a "
                              "folder or glob of .jsonl/.parquet partitions")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local processes (default) or a Dask cluster, one task per "
                              "partition")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address (tcp://host:8786); default: a "
                              "LocalCluster of --jobs workers")
    extract.add_argument("--force", action="store_true",
                         help="parquet: extract partitions again even if already done")
    extract.set_defaults(run=_extract)
    records = commands.add_parser("records", help="bring data/records in step with the "
                                                  "articles, their annotations and the rules "
                                                  "(records a person reviewed are kept)")
    records.add_argument("--articles", help="articles folder (default data/articles)")
    records.add_argument("--out", help="records file (default "
                                       "data/records/news-records.jsonl)")
    records.add_argument("--annotations", help="annotations folder (default "
                                               "data/annotations)")
    records.add_argument("--reviews", help="record reviews folder (default: reviews/ beside "
                                           "the records file)")
    records.set_defaults(run=_records)
    evaluate = commands.add_parser("evaluate", help="score predicted records against gold")
    evaluate.add_argument("gold", help="gold records (JSON Lines: id, agreements)")
    evaluate.add_argument("pred", help="predicted records (JSON Lines: id, agreements)")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.set_defaults(run=_evaluate)
    cues = commands.add_parser("cues", help="overfitting guard: lexicon cues that fire on one "
                                            "development article, and quality without them")
    cues.add_argument("--corpus", nargs="+", metavar="FILE",
                      help="corpora with gold records (default: dev.jsonl and dev2.jsonl "
                           "of ../shared/corpus)")
    cues.add_argument("--lang", nargs="+", metavar="LANG",
                      help="only these lexicons (codes, or 'common'; default: all)")
    cues.add_argument("--json", action="store_true", help="print one JSON object")
    cues.set_defaults(run=_cues)
    lexicon = commands.add_parser("lexicon", help="check lexicon folders against the schema "
                                                  "and show what each file contributes")
    lexicon.add_argument("action", choices=["check"])
    lexicon.add_argument("folder", nargs="*", help="lexicon folders (paths or language "
                                                   "codes; default: every shipped folder)")
    lexicon.set_defaults(run=_lexicon)


    exporter = commands.add_parser(
        "export", help="news-coded records, their links to DCAD/ATOP (labels new/renewal/"
                       "continuation) or the DCAD+news dyad-years as Stata, Parquet or CSV "
                       "with a codebook")
    exporter.add_argument("what", choices=("records", "links", "related", "dyad-years"),
                          help="records: one row per record; links: each record dyad labelled "
                               "new/renewal/continuation with what the dyad had; related: the "
                               "DCAD/ATOP/news agreements each record dyad relates to; "
                               "dyad-years: DCAD's dyad-years united with the news-coded ones")
    exporter.add_argument("-o", "--output", required=True,
                          help="output file: .dta (variable labels), .parquet or .csv "
                               "(+ .codebook.csv)")
    exporter.add_argument("--format", choices=("dta", "parquet", "csv"),
                          help="format when the output's suffix does not say it")
    exporter.add_argument("--records", help="records file (default "
                                            "data/records/news-records.jsonl)")
    exporter.add_argument("--flag", default="dcaAnyV1",
                          help="DCAD flag of the dyad-years (default dcaAnyV1)")
    exporter.set_defaults(run=_export)
    _add_collect(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
