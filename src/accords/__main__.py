"""Command line: ``python -m accords <command>``.

    python -m accords evaluate GOLD.jsonl PRED.jsonl [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _evaluate(args: argparse.Namespace) -> int:
    from accords.evaluate import format_report, score_files

    try:
        result = score_files(args.gold, args.pred)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m accords",
                                     description="Defence-agreement news: extract and evaluate.")
    commands = parser.add_subparsers(dest="command", required=True)
    evaluate = commands.add_parser("evaluate", help="score predicted records against gold")
    evaluate.add_argument("gold", help="gold records (JSON Lines: id, agreements)")
    evaluate.add_argument("pred", help="predicted records (JSON Lines: id, agreements)")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.set_defaults(run=_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
