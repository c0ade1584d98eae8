"""The network of states linked by DCAs in force in one year: a seeded layout (same seed,
same picture) and labels moved apart so that none overlaps another.

>>> net = dca_network_data(2010, countries="France", scope="partners")  # doctest: +SKIP
>>> sorted(Network.__dataclass_fields__)
['edges', 'nodes', 'year']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from accords.charts.countries import resolve_states
from accords.charts.style import (
    PALETTE,
    SMALL_PT,
    _dataset_label,
    _figure,
    _lay_out,
    _maybe_save,
    _note,
    _source_note,
    _title,
    house_style,
)
from accords.datasets.registry import REGISTRY

__all__ = ["Network", "dca_network", "dca_network_data"]

#: the default year: DCAD's last (from the dataset registry)
DCAD_LAST = REGISTRY["dcad"].coverage[1]


@dataclass(frozen=True)
class Network:
    """Nodes (ccode, name, degree, x, y, labelled, highlighted) and edges (ccode1, ccode2,
    n_dcas, dca_ids) of the DCA network in one year."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    year: int


def dca_network_data(
    year: int = DCAD_LAST, *, countries=None, top: int = 5, seed: int = 6, lang: str = "en",
    scope: str = "all", dcad: pd.DataFrame | None = None, local=None,
) -> Network:
    """States linked by DCAs in force in ``year`` (DCAD: signYear ≤ year ≤ endYearEstimate).

    ``scope="all"`` keeps every state with at least one DCA that year; ``scope="partners"``
    keeps ``countries`` and the states they have a DCA with, and the DCAs among them.
    ``degree`` always counts a state's partners in the whole network. Node positions come
    from a seeded spring layout (same seed, same picture). ``countries`` are highlighted and
    labelled, and so are the ``top`` best-connected other states of the scope. A year outside
    DCAD's 1980–2010 raises ValueError: nobody coded it, so an empty network would mislead.
    ``dcad`` (:func:`accords.datasets.load_dcad`, checked) may be given, loaded once elsewhere.

    >>> net = dca_network_data(2010, countries="France", scope="partners")  # doctest: +SKIP
    >>> net.nodes.sort_values("degree").iloc[-1]["name"]  # doctest: +SKIP
    """
    import networkx as nx

    from accords.datasets.states import registry
    from accords.link.frames import provide

    start, end = REGISTRY["dcad"].coverage
    if not start <= int(year) <= end:
        raise ValueError(f"DCAD codes DCAs in {start}–{end}; {year} is not coded, so its "
                         f"network would be empty for want of data. Choose a year in "
                         f"{start}–{end}.")
    if scope not in ("all", "partners"):
        raise ValueError(f"scope must be 'all' or 'partners', got {scope!r}")
    year = int(year)
    d = provide("dcad", dcad, local=local)
    live = d[(d["signYear"] <= year) & (d["endYearEstimate"] >= year)]
    lo = live[["ccode1", "ccode2"]].min(axis=1).astype("int64")
    hi = live[["ccode1", "ccode2"]].max(axis=1).astype("int64")
    edges = (live.assign(ccode1=lo, ccode2=hi)
             .groupby(["ccode1", "ccode2"], as_index=False)
             .agg(n_dcas=("DCAid", "size"),
                  dca_ids=("DCAid", lambda s: ";".join(sorted(s)))))
    edges = edges.sort_values(["ccode1", "ccode2"]).reset_index(drop=True)
    whole = nx.Graph()
    whole.add_edges_from(zip(edges["ccode1"], edges["ccode2"], strict=True))
    highlight = [s.ccode for s in resolve_states(countries, date=year, local=local)] \
        if countries is not None else []
    if scope == "partners":
        if not highlight:
            raise ValueError("scope='partners' needs countries: the network of which states?")
        keep = set(highlight)
        for c in highlight:
            if c in whole:
                keep.update(whole.neighbors(c))
        edges = edges[edges["ccode1"].isin(keep) & edges["ccode2"].isin(keep)]
        edges = edges.reset_index(drop=True)
    graph = nx.Graph()
    codes = sorted(set(edges["ccode1"]) | set(edges["ccode2"]) | (
        set(highlight) if scope == "partners" else set()))
    graph.add_nodes_from(codes)
    graph.add_edges_from(zip(edges["ccode1"], edges["ccode2"], strict=True))
    pos = _layout(graph, seed)
    reg = registry(local)
    nodes = pd.DataFrame({
        "ccode": codes,
        "name": [reg.lookup(c).name(lang) for c in codes],
        "degree": [whole.degree(c) if c in whole else 0 for c in codes],
        "x": [round(float(pos[c][0]), 6) for c in codes],
        "y": [round(float(pos[c][1]), 6) for c in codes],
    })
    ranked = nodes[~nodes["ccode"].isin(highlight)].sort_values(
        ["degree", "ccode"], ascending=[False, True])
    labelled = set(ranked["ccode"].head(top)) | set(highlight)
    nodes["labelled"] = nodes["ccode"].isin(labelled)
    nodes["highlighted"] = nodes["ccode"].isin(highlight)
    for col in ("ccode", "degree"):
        nodes[col] = nodes[col].astype("Int64")
    for col in ("ccode1", "ccode2", "n_dcas"):
        edges[col] = edges[col].astype("Int64")
    nodes.attrs = edges.attrs = {"source": "dcad", "year": year, "seed": seed, "scope": scope,
                                 "states_in_network": whole.number_of_nodes(),
                                 "ranks": {c: 1 + sum(1 for _, d in whole.degree()
                                                      if d > whole.degree(c))
                                           for c in highlight if c in whole},
                                 "highlighted": [reg.lookup(c).name(lang) for c in highlight]}
    return Network(nodes=nodes, edges=edges, year=year)


def _layout(graph, seed: int) -> dict:
    """Seeded spring layout of the connected states, scaled to [-1, 1]; states without a DCA
    that year sit in a row below, so that they neither fly off nor squeeze the others."""
    import networkx as nx

    alone = sorted(n for n in graph.nodes if graph.degree(n) == 0)
    linked = graph.subgraph([n for n in graph.nodes if graph.degree(n) > 0])
    pos = {}
    if linked.number_of_nodes():
        raw = nx.spring_layout(linked, seed=seed, iterations=100,
                               k=2.2 / np.sqrt(linked.number_of_nodes()))
        xy = np.array([raw[n] for n in sorted(linked.nodes)])
        span = np.where(np.ptp(xy, axis=0) > 0, np.ptp(xy, axis=0), 1.0)
        xy = (xy - xy.min(axis=0)) / span * 2 - 1
        pos = {n: xy[i] for i, n in enumerate(sorted(linked.nodes))}
    for i, n in enumerate(alone):
        x = -1 + 2 * (i + 0.5) / len(alone) if len(alone) > 1 else 0.0
        pos[n] = np.array([x, -1.3 if pos else 0.0])
    return pos


def _place_labels(fig: Figure, ax, texts: list, xs, ys) -> None:
    """Move ``texts`` apart (adjustText, a fixed number of iterations: same input, same
    picture) and draw a thin leader line from each moved label to its node."""
    from adjustText import adjust_text

    if not texts:
        return
    _lay_out(fig)
    adjust_text(texts, x=list(xs), y=list(ys), ax=ax, iter_lim=400, time_lim=None,
                expand=(1.15, 1.35), force_text=(0.3, 0.5), ensure_inside_axes=True,
                arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.5})


def dca_network(
    year: int = DCAD_LAST, *, countries=None, top: int = 5, seed: int = 6, lang: str = "en",
    scope: str = "all", dcad: pd.DataFrame | None = None, local=None, figsize=(9.0, 6.5),
    save: str | None = None,
) -> Figure:
    """The DCA network in one year: node size by degree, ``countries`` highlighted in
    vermillion with their DCAs, the ``top`` best-connected other states labelled in black;
    labels are moved apart so that none overlaps another. ``lang`` picks the labels'
    language (English by default; "ru" gives Cyrillic). ``scope="partners"`` draws only the
    highlighted states and their partners. Data: :func:`dca_network_data`.

    >>> fig = dca_network(2010, countries=["Russia", "Kazakhstan"])  # doctest: +SKIP
    """
    net = dca_network_data(year, countries=countries, top=top, seed=seed, lang=lang,
                           scope=scope, dcad=dcad, local=local)
    nodes = net.nodes.set_index("ccode")
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        from matplotlib.collections import LineCollection

        ends = net.edges[["ccode1", "ccode2"]].astype("int64")
        a = nodes.loc[ends["ccode1"], ["x", "y", "highlighted"]].to_numpy()
        b = nodes.loc[ends["ccode2"], ["x", "y", "highlighted"]].to_numpy()
        hot = a[:, 2].astype(bool) | b[:, 2].astype(bool)
        both = a[:, 2].astype(bool) & b[:, 2].astype(bool)
        segments = np.stack([a[:, :2], b[:, :2]], axis=1).astype(float)
        ax.add_collection(LineCollection(segments[~hot], colors="#BBBBBB", linewidths=0.3,
                                         alpha=0.45, zorder=1))
        ax.add_collection(LineCollection(segments[hot], colors=PALETTE["vermillion"],
                                         linewidths=np.where(both[hot], 1.4, 0.6),
                                         alpha=0.8, zorder=1.5))
        size = 8 + 4 * nodes["degree"].astype(float)
        colour = np.where(nodes["highlighted"], PALETTE["vermillion"], PALETTE["blue"])
        ax.scatter(nodes["x"], nodes["y"], s=size, c=colour, edgecolor="white",
                   linewidth=0.5, zorder=2)
        shown = nodes[nodes["labelled"]]
        texts = [ax.text(n["x"], n["y"], f"{n['name']} ({n['degree']})",
                         fontsize=9 if n["highlighted"] else SMALL_PT + 0.5,
                         fontweight="bold" if n["highlighted"] else "normal",
                         color=PALETTE["vermillion"] if n["highlighted"] else "black",
                         zorder=4, gid=f"label-{c}",
                         bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75,
                               "pad": 0.6})
                 for c, n in shown.iterrows()]
        ax.set_axis_off()
        pad = 0.08
        ax.set_xlim(nodes["x"].min() - pad, nodes["x"].max() + pad)
        ax.set_ylim(nodes["y"].min() - pad, nodes["y"].max() + pad)
        where = (f"{', '.join(net.nodes.attrs['highlighted'])} and their DCA partners"
                 if net.nodes.attrs["scope"] == "partners" else "all states with a DCA")
        _title(fig, f"DCA network, {net.year}: {where}\n{len(nodes)} states, "
                     f"{len(net.edges)} dyads with a DCA in force; node size and (n) = "
                     "partners in the whole network")
        _place_labels(fig, ax, texts, shown["x"], shown["y"])
        _source_note(fig, _note(_dataset_label("dcad") + f", DCAs in force in {net.year} "
                                "(signYear to endYearEstimate), all confidence levels")
                     + f" Spring layout, seed {net.nodes.attrs['seed']}.")
        fig.accords_alt = (
            f"Network diagram of the defence cooperation agreements in force in {net.year} "
            f"({where}): {len(nodes)} states and {len(net.edges)} dyads. Highlighted: "
            + "; ".join(f"{n['name']} with {n['degree']} partners"
                        for _, n in nodes[nodes["highlighted"]].iterrows()) + ".")
    return _maybe_save(fig, save)
