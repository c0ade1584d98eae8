"""Command line: ``python -m accords <command>``.

    python -m accords read IN.jsonl -o OUT.jsonl [--jobs N]
    python -m accords extract IN.jsonl -o OUT.jsonl [--jobs N] [--no-evidence]
    python -m accords evaluate GOLD.jsonl PRED.jsonl [--json]
    python -m accords records [--articles DIR] [--out FILE] [--annotations DIR] [--reviews DIR]
    python -m accords cues [--corpus FILE ...] [--lang LANG ...] [--json]
    python -m accords export {records,links,related,dyad-years} -o OUT.dta|.parquet|.csv

Exit status: 0 when everything was done; 1 when ``read``/``extract`` skipped lines (each is
listed on stderr with its line number and reason; the rest was written); 2 when nothing was
done (a missing input, an output that would overwrite an input, a records CSV edited since it
was generated …), with the reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["format_statuses", "main"]


def _evaluate(args: argparse.Namespace) -> int:
    from accords.evaluate import format_report, score_files

    try:
        result = score_files(args.gold, args.pred)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


def _report_batch(report, output) -> int:
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
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


def _batch(args: argparse.Namespace, task, tally=None) -> int:
    from accords.batch import run

    try:
        report = run(args.input, args.output, task=task, jobs=args.jobs,
                     progress=not args.quiet, tally=tally)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _report_batch(report, args.output)


def _read(args: argparse.Namespace) -> int:
    from accords.layout import layout_row

    return _batch(args, layout_row)


def _extract(args: argparse.Namespace) -> int:
    from functools import partial

    from accords.extract import extract_row, status_key

    return _batch(args, partial(extract_row, provenance=not args.no_evidence), status_key)


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
    from accords.cues import default_corpora, format_guard, guard
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

    from accords import link
    from accords.batch import refuse_inputs
    from accords.datasets import FetchError, export

    source = Path(args.records) if args.records else link.news_records_path()
    try:
        refuse_inputs(args.output, [source], "export")
        by_article = link.load_news_records(source)
        if args.what == "records":
            frame = export.records_table(by_article, file=_shown(source))
        elif args.what == "links":
            frame = link.classify(by_article)
        elif args.what == "related":
            frame = link.related(by_article)
        else:
            frame = link.extended_dyad_years(by_article, flag=args.flag)
        written = export.export(frame, args.output, format=args.format)
    except (OSError, ValueError, FetchError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    extra = (f" and its codebook {written.with_suffix('.codebook.csv')}"
             if (args.format or written.suffix.lstrip(".")).lower() == "csv" else "")
    print(f"{len(frame)} rows ({frame.attrs.get('unit', 'rows')}) of {source} written to "
          f"{written}{extra}", file=sys.stderr)
    return 0


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("input", help="articles, JSON Lines: id, text, optional lang, "
                                       "published, url, title")
    command.add_argument("-o", "--output", required=True, help="output JSON Lines file")
    command.add_argument("-j", "--jobs", type=int, default=1,
                         help="worker processes (0 = all cores; default 1)")
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
    _add_batch_options(extract)
    extract.add_argument("--no-evidence", action="store_true",
                         help="leave out evidence spans and sources (smaller output)")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
