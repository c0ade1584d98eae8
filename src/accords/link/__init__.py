"""Link (after datasets): news-coded records set beside the established datasets. Each
record's parties become a COW dyad on its signing date, and :mod:`~accords.link.dyads` finds
what the dyad already had in DCAD and ATOP, labels the record new, renewal or continuation
(the rule is in that module's docstring), extends DCAD's dyad-years past 2010 with the
news-coded years and adds them to a dyad-year frame; :mod:`~accords.link.query` answers the
same questions in DuckDB over Parquet record partitions, and :mod:`~accords.link.synthetic`
generates corpora of any size to try them on.

It may import the base (``paths``, ``lexicon``, ``atomic``, ``spans``, ``codes``) and every
step before it — collect, read, annotate, review, extract and datasets — nothing later
(``tests/test_layers.py``).
"""
