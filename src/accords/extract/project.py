"""The edge: the project's records file (``data/records``), reviewed records kept."""

from __future__ import annotations

from dataclasses import dataclass

from accords.extract.passes import extract_reviewed


@dataclass
class RecordsUpdate:
    """What :func:`update_project_records` did: articles kept, added, and stale."""

    kept: list[str]
    added: list[str]
    stale: list[str]

    def __str__(self) -> str:
        lines = [f"kept (reviewed): {', '.join(self.kept) or '-'}",
                 f"added (extracted, to review): {', '.join(self.added) or '-'}"]
        if self.stale:
            lines.append("text changed since the records were written (review them): "
                         + ", ".join(self.stale))
        return "\n".join(lines)


def update_project_records(articles_dir=None, records_path=None) -> RecordsUpdate:
    """Add the records of new articles to the project's records file; never touch reviewed ones.

    Every article of ``articles_dir`` (default ``data/articles``) that has no line in
    ``records_path`` (default ``data/records/news-records.jsonl``) is extracted from its
    reviewed annotations (:func:`extract_reviewed`) and appended; articles already there are
    kept byte for byte, and reported as stale when their text no longer has the fingerprint
    the records were made from. The CSV beside the file is generated from the JSON Lines and
    refused, never overwritten, once someone edited it (``accords.records.check_records_csv``);
    a records path that is not ``.jsonl`` or lies among the articles is refused. Rerunning
    changes nothing.
    """
    from accords import paths
    from accords.articles import read_articles
    from accords.batch import refuse_inputs
    from accords.records import (
        check_records_csv,
        csv_beside,
        read_record_file,
        write_record_file,
        write_records_csv,
    )

    articles_dir = articles_dir or paths.articles_dir()
    records_path = records_path or paths.records_dir() / "news-records.jsonl"
    csv_path = csv_beside(records_path)
    refuse_inputs(records_path, [articles_dir], "records file")
    existing = read_record_file(records_path) if records_path.exists() else {}
    report = RecordsUpdate(kept=list(existing), added=[], stale=[])
    merged = dict(existing)
    for article in read_articles(articles_dir):
        if article.id in existing:
            shas = {s.sha256 for r in existing[article.id] for s in r.sources if s.sha256}
            if shas and article.sha256 not in shas:
                report.stale.append(article.id)
            continue
        merged[article.id] = extract_reviewed(article)
        report.added.append(article.id)
    check_records_csv(csv_path, merged, records_path.name)  # before anything is written
    if report.added or not records_path.exists():
        write_record_file(records_path, merged)
    write_records_csv(csv_path, merged, records_path.name)
    return report
