"""Display: a record's evidence as spans to highlight and as a table."""

from __future__ import annotations

from accords.extract.records import AgreementRecord
from accords.read.articles import Article
from accords.spans import Span

_FIELD_VALUES = {
    "title_span": lambda r: r.title_span,
    "action": lambda r: r.action,
    "date_signed": lambda r: r.date_signed,
    "action_date": lambda r: r.action_date,
    "period": lambda r: (f"{r.period_start}–{r.period_end}" if r.period_start is not None
                         else None),
    "place": lambda r: r.place,
    "signatories": lambda r: ", ".join(r.signatories) or None,
}


def evidence_spans(article: Article, record: AgreementRecord) -> list[Span]:
    """The record's evidence as spans of ``article`` (label as annotated, norm = the field it
    supports), ready for :func:`accords.review.render.to_html`. Evidence from another article is
    left out; evidence that no longer matches the text raises, naming the field."""
    from accords.spans import make_span

    out = []
    for e in record.evidence:
        if e.doc_id != article.id:
            continue
        if article.text[e.start:e.end] != e.exact:
            raise ValueError(f"evidence for {e.field} of {record.describe()!r} at "
                             f"{e.start}-{e.end} no longer matches the text of {article.id!r}; "
                             "extract the record again from the current text.")
        value = _FIELD_VALUES.get(e.field, lambda r: None)(record)
        norm = f"{e.field}: {value}" if value is not None else e.field
        out.append(make_span(article, e.start, e.end, e.label or "EVIDENCE", norm=norm,
                             origin="rule:extract", status="accepted"))
    return out


def evidence_table(record: AgreementRecord):
    """One row per field of ``record``: its value and the words of the text it rests on."""
    import pandas as pd

    rows = []
    for name in ("parties", "kind", "title_span", "action", "date_signed", "action_date",
                 "period", "place", "signatories"):
        if name == "parties":
            value = ", ".join(record.parties) or record.organization
            fields = ("parties",)
        elif name == "kind":
            value, fields = record.kind, ("title_span",)
        else:
            value, fields = _FIELD_VALUES[name](record), (name,)
        words = [e.exact for e in record.evidence if e.field in fields]
        shaped = [r.split(": ", 1)[1] for r in record.rules
                  if r.split(": ", 1)[0] == name]
        rows.append({"field": name, "value": "—" if value is None else value,
                     "evidence": " | ".join(dict.fromkeys(words)) or "—",
                     "rules": ", ".join(shaped) or "—"})
    return pd.DataFrame(rows, columns=["field", "value", "evidence", "rules"])
