"""Time fetching (from the local copy), loading, cleaning, dyad-year expansion and cached reloads.

Run: ``.venv/bin/python benchmarks/bench_datasets.py``. Uses a fresh temporary
ACCORDS_DATA_DIR so the first load is a cold one; needs ../shared beside the project.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time


def _timed(label: str, func, repeat: int = 1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    rows = f"{len(result):>9,} rows" if hasattr(result, "__len__") else ""
    print(f"{label:42} {best * 1000:9.1f} ms {rows}")
    return result


def main() -> int:
    os.environ["ACCORDS_DATA_DIR"] = tempfile.mkdtemp(prefix="accords-bench-")
    from accords import datasets, paths
    from accords.datasets import model

    shared = paths.shared_dir()
    if shared is None:
        print("needs ../shared (the reference data) beside the project; absent")
        return 1
    local = shared / "data"
    _timed("fetch_all (copy + verify sha256)", lambda: datasets.fetch_all(local=local))
    loaders = {
        "dcad": datasets.load_dcad,
        "atop members": datasets.load_atop,
        "atop alliances": datasets.load_atop_alliances,
        "cow alliances": datasets.load_cow_alliances,
        "cow states": datasets.load_cow_states,
        "cow system": datasets.load_cow_system,
    }
    for name, load in loaders.items():
        _timed(f"load + clean {name} (cold, no cache)", lambda f=load: f(cache=False))
        _timed(f"load {name} (first call, writes cache)", load)
        _timed(f"load {name} (cached Parquet)", load, repeat=5)
    for source in model.SOURCES:
        for directed in (False, True):
            kind = "directed" if directed else "undirected"
            _timed(f"dyad_years {source} {kind}",
                   lambda s=source, d=directed: model.dyad_years(s, directed=d), repeat=3)
    _timed("dyad_panel Russia–Kazakhstan 1990–2020",
           lambda: model.dyad_panel([(365, 705)], (1990, 2020)), repeat=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
