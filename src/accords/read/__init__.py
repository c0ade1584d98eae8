"""Reading (the first step after collecting): text files, JSON Lines and HTML become
:class:`~accords.read.articles.Article` objects with NFC text and a fingerprint
(:mod:`~accords.read.text`), their language (:mod:`~accords.read.langid`), and the layout of
each — headline, dateline, paragraphs, sentences, boilerplate — as exact spans
(:mod:`~accords.read.layout`; :mod:`~accords.read.overview` summarises a folder), and the
names of states as each language writes them (:mod:`~accords.read.statenames`). It also
guards output paths, so that no command writes over the articles it reads
(:func:`~accords.read.articles.refuse_inputs`).

It may import the base (``paths``, ``lexicon``, ``atomic``, ``spans``, ``codes``) and the
collect step, nothing later (``tests/test_layers.py``).
"""
