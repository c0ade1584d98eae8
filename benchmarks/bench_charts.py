"""Time the linking functions and each chart (data, drawing, saving PNG + SVG).

Run: ``.venv/bin/python benchmarks/bench_charts.py``. Needs ../shared beside the project.
Datasets load from the Parquet cache when it is warm (run it twice to see that case); the
figures are written to a temporary folder and checked to be byte-identical on a second save.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

COUNTRY = "Russia"
PARTNERS = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def _timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:46} {(time.perf_counter() - start) * 1000:9.1f} ms")
    return result


def main() -> int:
    from accords import charts, datasets, paths
    from accords.link import dyads

    shared = paths.shared_dir()
    if shared is None:
        print("needs ../shared (the reference data) beside the project; absent")
        return 1
    local = shared / "data"
    datasets.fetch_all(local=local, progressbar=False)
    _timed("dyads.news_frame", lambda: dyads.news_frame(local=local))
    _timed("dyads.related", lambda: dyads.related(local=local))
    _timed("dyads.classify", lambda: dyads.classify(local=local))
    _timed("dyads.extended_dyad_years", lambda: dyads.extended_dyad_years(local=local))
    draws = {
        "timeline (Russia + 5 partners)": lambda: charts.timeline(COUNTRY, PARTNERS,
                                                                  local=local),
        "dca_signings 1980-2010": lambda: charts.dca_signings(local=local),
        "dca_network 2010": lambda: charts.dca_network(2010, countries=[COUNTRY, *PARTNERS],
                                                       local=local),
        "coverage": lambda: charts.coverage(local=local),
        "dyad_matrix (6 states, 1992-2024)": lambda: charts.dyad_matrix(
            [COUNTRY, *PARTNERS], local=local),
    }
    folder = Path(tempfile.mkdtemp(prefix="accords-bench-figures-"))
    identical = True
    for label, draw in draws.items():
        fig = _timed(f"{label}: data + draw", draw)
        stem = label.split()[0]
        first = _timed(f"{label}: save PNG + SVG",
                       lambda fig=fig, stem=stem: charts.save_figure(fig, stem,
                                                                     folder=folder / "a"))
        second = charts.save_figure(draw(), stem, folder=folder / "b")
        identical &= all(a.read_bytes() == b.read_bytes()
                         for a, b in zip(first, second, strict=True))
    print(f"two runs give identical files: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
