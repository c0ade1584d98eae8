"""Corpus-scale processing of JSON Lines: streaming, in parallel, one bad line never fatal.

:func:`run` reads an input file line by line in batches, hands each batch to a pool of worker
processes, and writes one output line per good input line, in input order. Memory stays flat in
the corpus size (one batch in flight). A line that cannot be processed — not UTF-8, not JSON,
no id, an id already written, or an article the task fails on — is reported with its true
line number and the reason and skipped, and the rest of the output is still written; the
report (and the command's exit status) says lines were skipped.

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "in.jsonl").write_text('{"id": "a", "text": "x"}\\n{oops\\n', encoding="utf-8")
>>> report = run(folder / "in.jsonl", folder / "out.jsonl", task=echo_id, progress=False)
>>> report.written, [(e.line, e.message[:15]) for e in report.errors]
(1, [(2, 'not valid JSON ')])
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.atomic import atomic_open
from accords.read.articles import OutputError, refuse_inputs

__all__ = ["BatchReport", "LineError", "available_cores", "echo_id", "run",
           "warm_extraction"]

Task = Callable[[dict[str, Any]], dict[str, Any]]
Tally = Callable[[dict[str, Any]], Hashable]


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    article_id: str | None
    message: str

    def __str__(self) -> str:
        who = f" (id {self.article_id!r})" if self.article_id else ""
        return f"line {self.line}{who}: {self.message}"


@dataclass
class BatchReport:
    """Lines read and written, the lines that failed, and ``tallies``: how many written
    results gave each key of the run's ``tally`` function (empty without one)."""

    read: int = 0
    written: int = 0
    errors: list[LineError] = field(default_factory=list)
    tallies: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.errors


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it, else all
    the machine's): the default number of worker processes."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


#: A small text in which every annotator and extraction pass runs: what warming feeds them.
_WARM_TEXT = ("Title\n\nRome, 9 November 2021. The minister signed an agreement with France "
              "for 2022-2024.")


def warm_extraction() -> None:
    """Compile every lexicon's gazetteers, regexes and grammars, and the language identifier,
    in this process.

    The pipeline compiles them lazily, once per process and language (about 1.5 s of CPU for
    all fourteen lexicons and the language model). :func:`run` calls this in the parent
    before it forks its worker processes, which then inherit the compiled tables instead of
    each building them; a Dask worker calls it once when it starts
    (:class:`accords.extract.scale.WarmLexicons`).

    >>> warm_extraction()  # a second call costs nothing: everything is cached
    """
    from accords.extract import extract_row
    from accords.lexicon import available_languages

    for lang in (*available_languages(), None):
        row = {"id": "warm", "text": _WARM_TEXT}
        if lang is not None:
            row["lang"] = lang
        extract_row(row)


def echo_id(row: dict[str, Any]) -> dict[str, Any]:
    """A trivial task (used in examples and tests): the row's id and text length."""
    return {"id": row["id"], "chars": len(row.get("text") or "")}


def _refuse_wide(path: Path, head: bytes) -> None:
    from accords.read.text import sniff_wide

    wide = sniff_wide(head)
    if wide is not None:
        raise ValueError(f"{path}: encoded as {wide.upper()}, but JSON Lines input must be "
                         "UTF-8; convert it first (e.g. iconv -f UTF-16 -t UTF-8 in > out).")


def _lines(path: Path) -> Iterator[tuple[int, str | None, str | None]]:
    """``(number, line, problem)`` for each non-blank line, numbered as an editor numbers them
    (``\\n`` ends a line); a line that is not UTF-8 has ``line`` None and says why."""
    with path.open("rb") as handle:
        _refuse_wide(path, handle.read(4096))
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, (f"not valid UTF-8 at byte {exc.start + 1} of the line "
                                     f"({exc.reason}); the line was skipped — re-save the file "
                                     "as UTF-8 or fix that line")
                continue
            if line.strip():
                yield number, line, None


_Result = tuple[int, str | None, LineError | None, Hashable, str | None]


def _apply(task: Task, number: int, line: str, tally: Tally | None = None) -> _Result:
    """Line number, output text or error, the result's tally key (None without one) and the
    article id (None when the line has none)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return number, None, LineError(number, None, f"not valid JSON ({exc.msg} at column "
                                                     f"{exc.colno})"), None, None
    if not isinstance(row, dict):
        return number, None, LineError(number, None, "not a JSON object"), None, None
    article_id = row.get("id")
    if article_id in (None, ""):
        return number, None, LineError(number, None, "no 'id'"), None, None
    try:
        result = task(row)
        key = tally(result) if tally is not None else None
    except Exception as exc:  # a bad article must not stop the corpus
        return (number, None, LineError(number, str(article_id),
                                        f"{type(exc).__name__}: {exc}"), None, str(article_id))
    return number, json.dumps(result, ensure_ascii=False), None, key, str(article_id)


def _apply_batch(task: Task, batch: list[tuple[int, str]], tally: Tally | None = None):
    return [_apply(task, number, line, tally) for number, line in batch]


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def run(source: str | Path, target: str | Path, *, task: Task, jobs: int = 1,
        batch_size: int = 256, progress: bool = True, description: str = "articles",
        tally: Tally | None = None, prepare: Callable[[], None] | None = None
        ) -> BatchReport:
    """Apply ``task`` to every JSON line of ``source`` and write the results to ``target``.

    ``jobs`` worker processes (``0`` = all cores, :func:`available_cores`) share the work in
    batches of ``batch_size`` lines; output order is input order. The target is written to a
    temporary file beside it and moved into place at the end, so an interrupted run never
    leaves a half-written file.
    Lines that fail are listed in the returned report (line number, id, reason).

    ``tally`` (a picklable function of one result, e.g. :func:`accords.extract.status_key`)
    is applied in the workers; the report's ``tallies`` count its keys as lines are written,
    so only one counter per distinct key is kept, however large the corpus.

    ``prepare`` (e.g. :func:`warm_extraction`) is called once in this process before the
    worker processes start, so that what it builds is inherited by every worker (on systems
    that fork; elsewhere each worker still builds its own); with one job it is not called and
    the task builds what it needs as it goes.
    """
    source, target = Path(source), Path(target)
    if source.is_dir():
        raise FileNotFoundError(
            f"{source}: is a folder; give one JSON Lines file of articles (a folder of "
            f"partitions is read with --format parquet or --engine dask).")
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no such input file; check the path (a JSON Lines "
                                f"file of articles, one object a line).")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give the output file's path, e.g. "
                          f"{target / (source.stem + '.out.jsonl')}.")
    refuse_inputs(target, [source])
    jobs = available_cores() if jobs == 0 else max(1, jobs)
    report = BatchReport()
    pool = None
    if jobs > 1:
        if prepare is not None:
            prepare()
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context())
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=_count_lines(source), unit=" " + description, file=sys.stderr,
                   dynamic_ncols=True)
    written_at: dict[bytes, int] = {}  # digest of each written id -> its line: memory stays small
    try:
        with atomic_open(target) as out:
            for results in _batched_results(source, task, pool, jobs, batch_size, tally):
                for number, text, error, key, article_id in results:
                    report.read += 1
                    if error is None:
                        digest = hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"),
                                                 digest_size=16).digest()
                        if digest in written_at:
                            error = LineError(number, article_id, "duplicate id (first on line "
                                              f"{written_at[digest]}); the line was skipped — "
                                              "ids must be unique, rename one")
                        else:
                            written_at[digest] = number
                    if error is not None:
                        report.errors.append(error)
                    else:
                        out.write(text + "\n")
                        report.written += 1
                        if tally is not None:
                            report.tallies[key] += 1
                if bar is not None:
                    bar.update(len(results))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    report.errors.sort(key=lambda e: e.line)
    return report


def _fork_context():
    """Fork where the OS has it (workers inherit what the parent compiled), else the default."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _batched_results(source: Path, task: Task, pool, jobs: int, batch_size: int,
                     tally: Tally | None = None):
    batch: list[tuple[int, str]] = []
    pending = []
    # Keep at most 2 × jobs batches in flight: memory stays flat however large the input.
    for number, line, problem in _lines(source):
        if problem is not None:  # not even text: reported here, in order with the others
            yield [(number, None, LineError(number, None, problem), None, None)]
            continue
        batch.append((number, line))
        if len(batch) >= batch_size:
            if pool is None:
                yield _apply_batch(task, batch, tally)
            else:
                pending.append(pool.submit(_apply_batch, task, batch, tally))
                if len(pending) >= 2 * jobs:
                    yield pending.pop(0).result()
            batch = []
    if batch:
        if pool is None:
            yield _apply_batch(task, batch, tally)
        else:
            pending.append(pool.submit(_apply_batch, task, batch, tally))
    for future in pending:
        yield future.result()
