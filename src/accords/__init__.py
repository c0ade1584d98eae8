"""accords: defence agreements from the news, beside DCAD, ATOP and COW.

The steps, each a package of its own: read (:mod:`accords.read`), annotate
(:mod:`accords.annotate`), review (:mod:`accords.review`: the store and the widget), extract
(:mod:`accords.extract`, :mod:`accords.extract.events`), the datasets and their dyad-year verbs
(:mod:`accords.datasets`), link (:mod:`accords.link`) and chart (:mod:`accords.charts`). The
names a notebook needs most are importable from ``accords`` itself; each is loaded on first
use, so ``import accords`` stays cheap. ``annotate`` and ``extract`` are the steps' packages
(their functions of the same name: ``from accords.extract import extract``), never shadowed by
a function here.

>>> import accords
>>> sorted(accords.__all__)[:4]
['Article', 'add_atop', 'add_cow_alliance', 'add_cow_majors']
>>> accords.add_dcad.__module__
'accords.datasets.grammar'
"""

from __future__ import annotations

import importlib
from typing import Any

#: name → module that defines it (loaded on first use).
_PUBLIC = {
    "Article": "accords.read.articles",
    "read_articles": "accords.read.articles",
    "analyse": "accords.read.layout",
    "merge_events": "accords.extract.events",
    "create_dyadyears": "accords.datasets",
    "create_stateyears": "accords.datasets",
    "add_atop": "accords.datasets",
    "add_cow_alliance": "accords.datasets",
    "add_cow_majors": "accords.datasets",
    "add_dcad": "accords.datasets",
    "add_news_records": "accords.link.dyads",
    "charts": "accords.charts",
}

__all__ = sorted([*_PUBLIC, "cite"])


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'accords' has no attribute {name!r}; the public names "
                             f"are {', '.join(__all__)}")
    value = importlib.import_module(module)
    if name != module.rpartition(".")[2]:
        value = getattr(value, name)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def cite(*names: str) -> str:
    """BibTeX for the datasets used (see :func:`accords.datasets.cite`)."""
    from accords.datasets.cite import cite as _cite

    return _cite(*names)
