"""Benchmark: blocs and centrality on synthetic alliance graphs of 1k, 10k and 100k organisations.

Each graph comes from `graph.analytics.synthetic_alliances` (seeded; blocs of about 40
organisations around a patron; about five edges per organisation). For each size it prints the
seconds of

- building the weighted graph from the edge table (`alliance_graph`);
- `find_blocs` by each method: the default path (Louvain on igraph where installed), networkx's
  Louvain (only up to ``--nx-max`` organisations: it takes minutes at 100k), label propagation
  and Leiden (leidenalg);
- `centrality` (weighted degree and betweenness, sampled above 1,000 organisations);

with the number of blocs and the modularity each method reached. Seconds are wall-clock, one run
each, after a warm-up on a small graph (imports, first calls).

    python bench/clusters.py                        # 1k, 10k, 100k
    python bench/clusters.py --sizes 1000,10000     # quicker
    python bench/clusters.py --nx-max 100000        # networkx Louvain at 100k too (minutes)
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.analytics import (  # noqa: E402
    MissingPackageError,
    alliance_graph,
    centrality,
    find_blocs,
    synthetic_alliances,
)

METHODS = [
    ("louvain (default)", {"method": "louvain"}),
    ("louvain networkx", {"method": "louvain", "backend": "networkx"}),
    ("label-propagation", {"method": "label-propagation"}),
    ("leiden", {"method": "leiden"}),
]


def timed(func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - started


def run(size: int, degree: float, nx_max: int, seed: int) -> list[list[str]]:
    edges = synthetic_alliances(size, degree=degree, seed=seed)
    G, build = timed(alliance_graph, edges)
    rows = [[f"{size:,}", f"{len(edges):,}", "build graph", f"{build:.2f}", "", ""]]
    for label, options in METHODS:
        if options.get("backend") == "networkx" and size > nx_max:
            rows.append(["", "", label, "skipped", f"(> --nx-max {nx_max:,})", ""])
            continue
        try:
            result, seconds = timed(find_blocs, G, seed=seed, **options)
        except MissingPackageError as exc:
            rows.append(["", "", label, "n/a", str(exc), ""])
            continue
        note = f"{result.backend}, {result.restarts} run{'s' if result.restarts > 1 else ''}"
        rows.append(
            [
                "",
                "",
                label,
                f"{seconds:.2f}",
                f"{len(result)} blocs, {note}",
                f"{result.modularity:.3f}",
            ]
        )
        if label == "louvain (default)":
            rows.append(["", "", "  graph + default blocs", f"{build + seconds:.2f}", "", ""])
    _, seconds = timed(centrality, G, seed=seed)
    sampled = "exact" if size <= 1000 else "64 sampled sources"
    rows.append(["", "", "centrality", f"{seconds:.2f}", f"betweenness {sampled}", ""])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="organisations, comma separated"
    )
    parser.add_argument("--degree", type=float, default=5.0, help="average edges per organisation")
    parser.add_argument(
        "--nx-max", type=int, default=10_000, help="largest size for networkx Louvain (slow)"
    )
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    run(300, args.degree, args.nx_max, args.seed)  # warm-up: imports and first calls
    header = ["orgs", "edges", "step", "seconds", "result", "modularity"]
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows += run(size, args.degree, args.nx_max, args.seed)
        print(f"... {size:,} done", file=sys.stderr, flush=True)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
