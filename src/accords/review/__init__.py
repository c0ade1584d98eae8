"""Review (after annotate): people confirm, correct and add the annotators' spans. The store
(:mod:`~accords.review.store`) keeps each decision in ``data/annotations/<id>.json`` under a
file lock, merged and never lost; the brat-like widget (:mod:`~accords.review.widget`) and the
panel of ipywidgets (:mod:`~accords.review.panel`) make those decisions in JupyterLab;
:mod:`~accords.review.render` highlights spans as HTML or plain text; and the exchange formats
carry spans to other tools and back — brat and W3C Web Annotation
(:mod:`~accords.review.exchange`), Label Studio (:mod:`~accords.review.labelstudio`) and
INCEpTION (:mod:`~accords.review.inception`).

It may import the base (``paths``, ``lexicon``, ``atomic``, ``spans``, ``codes``), collect,
read and annotate, nothing later (``tests/test_layers.py``).
"""
