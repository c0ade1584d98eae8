"""The countries a chart is drawn for: names in any of the registry's languages, ISO3 or COW
codes ("Kazakistan", "KAZ", 705), alone or in a list, resolved to the registry's states.

>>> [s.iso3 for s in resolve_states(["Kazakistan", 703])]  # doctest: +SKIP
['KAZ', 'KGZ']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["resolve_states", "states_frame"]


def resolve_states(countries, *, date=None, local=None) -> list:
    """State records for a country or a list of them (names in six languages, ISO3, ccodes).

    Duplicates are dropped, the given order is kept. An unknown name raises the registry's
    :class:`~accords.datasets.states.UnknownStateError`, which suggests close spellings.

    >>> [s.ccode for s in resolve_states(["Kazakistan", "KGZ", 702])]  # doctest: +SKIP
    [705, 703, 702]
    """
    from accords.datasets.states import registry

    if countries is None:
        return []
    if isinstance(countries, str | int) and not isinstance(countries, bool):
        countries = [countries]
    reg = registry(local)
    out, seen = [], set()
    for query in countries:
        if isinstance(query, np.integer):
            query = int(query)
        state = reg.lookup(query, date=date)
        if state.ccode not in seen:
            seen.add(state.ccode)
            out.append(state)
    if not out:
        raise ValueError("no countries given; pass a name, ISO3 code or COW code "
                         "(e.g. 'Kazakhstan', 'KAZ' or 705), or a list of them")
    return out


def states_frame(states, *, lang: str = "en") -> pd.DataFrame:
    """The states of :func:`resolve_states` as a table: COW code, ISO3, English name and the
    name in ``lang`` (when it is not English).

    >>> states_frame(resolve_states(["Mali", "NER"]))  # doctest: +SKIP
    """
    rows = [{"ccode": s.ccode, "iso3": s.iso3, "name": s.name("en"),
             **({f"name ({lang})": s.name(lang)} if lang != "en" else {})} for s in states]
    out = pd.DataFrame(rows)
    out["ccode"] = out["ccode"].astype("Int64")
    return out
