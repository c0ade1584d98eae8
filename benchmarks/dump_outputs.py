"""Dump every span and record the rules produce for a set of articles, to diff two builds.

Writes one JSON line per article: its id, the spans of :func:`accords.annotate.annotate`
(``Span.to_dict``) and the result of :func:`accords.extract.extract_row`. Run it before and
after a change that must not change results, then compare the files byte for byte:

    python benchmarks/dump_outputs.py -o before.jsonl     # on the old commit
    python benchmarks/dump_outputs.py -o after.jsonl      # on the new one
    cmp before.jsonl after.jsonl

By default it reads ``../shared/corpus/dev.jsonl`` and ``dev2.jsonl``; ``--crafted`` adds the
scaling benchmark's crafted articles (it, en, ru) at 8, 16 and 32 kB (``--sizes`` for others).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from accords import paths
from accords.annotate import annotate
from accords.extract import extract_row
from accords.read.articles import article_from_row


def _rows(corpora: Sequence[Path], crafted: Sequence[int]) -> Iterator[dict]:
    for path in corpora:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)
    if crafted:
        sys.path.insert(0, str(Path(__file__).parent))
        from bench_scaling import crafted_article

        for lang in ("it", "en", "ru"):
            for size in crafted:
                article = crafted_article(lang, size)
                yield {"id": article.id, "lang": lang, "title": article.title,
                       "text": article.text}


def dump(corpora: Sequence[Path], out, crafted: Sequence[int] = ()) -> int:
    count = 0
    for row in _rows(corpora, crafted):
        article = article_from_row(row, f"id {row.get('id')!r}")
        spans = [s.to_dict() for s in annotate(article)] if article.lang else []
        result = extract_row(row)
        out.write(json.dumps({"id": article.id, "spans": spans, "extract": result},
                             ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path,
                        help="JSON Lines corpora (default: the shared dev and dev2)")
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--crafted", action="store_true",
                        help="add the scaling benchmark's crafted articles")
    parser.add_argument("--sizes", default="8,16,32",
                        help="sizes of the crafted articles in kB, comma-separated (8,16,32)")
    args = parser.parse_args(argv)
    corpora = args.corpus
    if not corpora:
        shared = paths.shared_dir()
        if shared is None:
            sys.exit("dump_outputs: give corpora, or set ACCORDS_SHARED_DIR to the folder "
                     "that holds corpus/dev.jsonl.")
        corpora = [shared / "corpus" / "dev.jsonl", shared / "corpus" / "dev2.jsonl"]
    with args.out.open("w", encoding="utf-8") as out:
        sizes = [int(float(k) * 1024) for k in args.sizes.split(",")] if args.crafted else []
        count = dump(corpora, out, sizes)
    print(f"dump_outputs: {count} articles → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
