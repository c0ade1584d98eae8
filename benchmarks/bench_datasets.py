"""Time fetching (from the local copy), loading, cleaning, dyad-year expansion, cached reloads,
and the dyad-year grammar for 1816-2018 beside the same merge done by DuckDB over Parquet.

Run: ``.venv/bin/python benchmarks/bench_datasets.py``. Uses a fresh temporary
ACCORDS_DATA_DIR so the first load is a cold one; needs ../shared beside the project.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def _timed(label: str, func, repeat: int = 1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    rows = f"{len(result):>9,} rows" if hasattr(result, "__len__") else ""
    print(f"{label:52} {best * 1000:9.1f} ms {rows}")
    _TIMES[label] = best
    return result


_TIMES: dict[str, float] = {}


def main() -> int:
    os.environ["ACCORDS_DATA_DIR"] = tempfile.mkdtemp(prefix="accords-bench-")
    os.environ["ACCORDS_CACHE_DIR"] = tempfile.mkdtemp(prefix="accords-bench-cache-")
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

    # The naive pandas way, in the same run: read_csv, then row-wise loops.
    print()
    files = datasets.fetch_all(local=local, progressbar=False)
    dcad_csv = files["dcad"]["DCAD-v1.0-main.csv"]
    atop_csv = files["atop"]["atop5_1m.csv"]
    fast_load = _timed("accords: load + clean DCAD (cold)",
                       lambda: datasets.load_dcad(cache=False))
    slow_load = _timed("naive: read_csv + iterrows decoding DCAD", lambda: _naive_dcad(dcad_csv))
    fast_dyads = _timed("accords: ATOP dyad-years (undirected)",
                        lambda: model.dyad_years("atop"))
    slow_dyads = _timed("naive: ATOP dyad-years, loops over pairs and years",
                        lambda: _naive_atop_dyads(atop_csv))
    print(f"(rows: accords {len(fast_load)} / naive {len(slow_load)} agreements; "
          f"accords {len(fast_dyads)} / naive {len(slow_dyads)} dyad-years — the naive loop "
          "counts whole years, accords needs a common day)")
    pairs = {"load + clean DCAD": ("accords: load + clean DCAD (cold)",
                                   "naive: read_csv + iterrows decoding DCAD"),
             "ATOP dyad-years": ("accords: ATOP dyad-years (undirected)",
                                 "naive: ATOP dyad-years, loops over pairs and years")}
    for label, (fast, slow) in pairs.items():
        print(f"speed-up over the naive way, {label}: {_TIMES[slow] / _TIMES[fast]:.0f}x")
    print()
    _grammar_vs_duckdb()
    return 0


def _grammar_vs_duckdb() -> None:
    """create_dyadyears + add_atop + add_cow_alliance + add_dcad for 1816-2018, directed,
    and the same merge as one DuckDB query over Parquet files of the universe and of each
    source's dyad-years, in the same run; both results are compared cell by cell."""
    import pandas as pd

    from accords.datasets import grammar, model

    years = (1816, 2018)

    def verbs():
        frame = grammar.create_dyadyears(directed=True, years=years)
        return grammar.add_dcad(grammar.add_cow_alliance(grammar.add_atop(frame)))

    verbs()  # warm the loaders' caches: both ways then start from cleaned tables
    ours = _timed("grammar: create_dyadyears + add_atop/cow/dcad 1816-2018", verbs, repeat=3)
    try:
        import duckdb
    except ImportError:
        print("duckdb is not installed (pip install 'accords[scale]'): DuckDB timing skipped")
        return
    folder = Path(tempfile.mkdtemp(prefix="accords-duckdb-"))
    universe = grammar.create_dyadyears(directed=True, years=years)
    universe.to_parquet(folder / "universe.parquet")
    for source in ("atop", "cow_alliance", "dcad"):
        model.dyad_years(source, directed=True).to_parquet(folder / f"{source}.parquet")
    members = model.system_membership()
    members.to_parquet(folder / "members.parquet")
    query = _DUCKDB_QUERY.format(folder=folder)

    def with_duckdb():
        with duckdb.connect() as con:
            con.execute("SET threads TO 2")
            return con.execute(query).df()

    theirs = _timed("duckdb: the same joins over Parquet (sources pre-expanded)",
                    with_duckdb, repeat=3)
    keys = ["ccode1", "ccode2", "year"]
    a = ours.sort_values(keys).reset_index(drop=True)
    b = theirs.sort_values(keys).reset_index(drop=True)
    cols = ["atop_defense", "cow_cowally", "dcad_dcaAnyV1"]
    same = all(a[c].astype("string").fillna("NA").tolist()
               == pd.Series(b[c], dtype="boolean").astype("string").fillna("NA").tolist()
               for c in cols)
    print(f"(rows: grammar {len(a):,} / duckdb {len(b):,}; {', '.join(cols)} identical: "
          f"{same}; DuckDB's time excludes expanding member spells into dyad-years)")


_DUCKDB_QUERY = """
WITH m AS (SELECT ccode, year FROM '{folder}/members.parquet')
SELECT u.ccode1, u.ccode2, u.year,
  CASE WHEN u.year NOT BETWEEN 1815 AND 2018 THEN NULL
       WHEN a.ccode1 IS NOT NULL THEN a.defense
       WHEN m1.ccode IS NULL OR m2.ccode IS NULL THEN NULL ELSE FALSE END AS atop_defense,
  CASE WHEN u.year NOT BETWEEN 1816 AND 2012 THEN NULL
       WHEN c.ccode1 IS NOT NULL THEN c.cowally
       WHEN m1.ccode IS NULL OR m2.ccode IS NULL THEN NULL ELSE FALSE END AS cow_cowally,
  CASE WHEN u.year NOT BETWEEN 1980 AND 2010 THEN NULL
       WHEN d.ccode1 IS NOT NULL THEN d.dcaAnyV1
       WHEN m1.ccode IS NULL OR m2.ccode IS NULL THEN NULL ELSE FALSE END AS dcad_dcaAnyV1
FROM '{folder}/universe.parquet' u
LEFT JOIN m m1 ON m1.ccode = u.ccode1 AND m1.year = u.year
LEFT JOIN m m2 ON m2.ccode = u.ccode2 AND m2.year = u.year
LEFT JOIN '{folder}/atop.parquet' a
  ON a.ccode1 = u.ccode1 AND a.ccode2 = u.ccode2 AND a.year = u.year
LEFT JOIN '{folder}/cow_alliance.parquet' c
  ON c.ccode1 = u.ccode1 AND c.ccode2 = u.ccode2 AND c.year = u.year
LEFT JOIN '{folder}/dcad.parquet' d
  ON d.ccode1 = u.ccode1 AND d.ccode2 = u.ccode2 AND d.year = u.year
"""


SENTINELS = {-44, -55, -56, -57, -58, -66, -77, -88, -99}


def _naive_dcad(path):
    import datetime as dt

    import pandas as pd

    raw = pd.read_csv(path)
    rows = []
    for _, row in raw.iterrows():
        record = row.to_dict()
        for column in ("span", "renewType", "renewYears", "terminated", "factivaSign"):
            value = record.get(column)
            if value in SENTINELS:
                record[column + "_reason"] = int(value)
                record[column] = None
        try:
            record["sign_date"] = dt.date(int(row["signYear"]), int(row["signMonth"]),
                                          int(row["signDay"]))
        except (ValueError, TypeError):
            record["sign_date"] = None
        rows.append(record)
    return pd.DataFrame(rows)


def _naive_atop_dyads(path):
    import pandas as pd

    members = pd.read_csv(path)
    rows = []
    for _atopid, group in members.groupby("atopid"):
        spells = [(int(r["member"]), int(r["yrent"]), int(r["yrexit"]) or 2018)
                  for _, r in group.iterrows()]
        for i, (a, a_in, a_out) in enumerate(spells):
            for b, b_in, b_out in spells[i + 1:]:
                if a == b:
                    continue
                for year in range(max(a_in, b_in), min(a_out, b_out) + 1):
                    rows.append({"ccode1": min(a, b), "ccode2": max(a, b), "year": year})
    return pd.DataFrame(rows).drop_duplicates()


if __name__ == "__main__":
    sys.exit(main())
