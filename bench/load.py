"""Benchmark: loading triples into the embedded store, against the bare Cypher it runs.

Synthetic triples (default 100,000 over 20,000 organisations, ten claims an article) are loaded
with `Store.load` into fresh graphs of one embedded store, at several batch sizes, then loaded
again (the idempotent re-load). Beside each, the same ``UNWIND $rows ... MERGE`` statements are
run directly on the same store, prepared beforehand, with nothing else around them (each the best
of ``--repeat`` runs, alternating which goes first): the ratio loader / bare is what validation, batching and the driver layer cost (expected >= 0.7). For
scale, a minimal ``MERGE`` of just the two organisations and their edge is timed too: the cost of
the full model (articles, evidence, aggregates).

    python bench/load.py                       # the full size
    python bench/load.py --rows 5000 --orgs 1000 --batch-sizes 500,2000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.loader import ALLIANCE_RELATIONS, plan_batch, validate_record
from graph.store import EmbeddedStore

STATUSES = ("confirmed", "confirmed", "confirmed", "in_talks", "reported", "ended")
MINIMAL = """\
UNWIND $rows AS row
MERGE (s:Organization {id: row.subject})
MERGE (o:Organization {id: row.object})
MERGE (s)-[:INVESTS_IN]->(o)"""


def synthetic_triples(rows: int, orgs: int, seed: int = 7) -> list[dict]:
    """``rows`` valid triples over ``orgs`` organisations; ten claims an article."""
    rng = random.Random(seed)
    names = [f"Org {i:05d}" for i in range(orgs)]
    triples = []
    for i in range(rows):
        subject, obj = rng.sample(names, 2)
        relation = rng.choice(ALLIANCE_RELATIONS)
        sentence = f"{subject} and {obj}: claim {i} ({relation.lower()})."
        start = (i % 10) * 120
        article = i // 10
        year = 2015 + article % 10
        triples.append(
            {
                "subject": subject,
                "subject_type": "ORG",
                "relation": relation,
                "object": obj,
                "object_type": "ORG",
                "via": None,
                "amount_usd": float(rng.randrange(1, 100)) * 1e7 if rng.random() < 0.3 else None,
                "date": f"{year}-{rng.randrange(1, 13):02d}" if rng.random() < 0.5 else None,
                "status": rng.choice(STATUSES),
                "confidence": round(rng.uniform(0.5, 1.0), 3),
                "article_id": f"article-{article:06d}",
                "sentence": sentence,
                "start": start,
                "end": start + len(sentence),
                "title": f"Article {article}",
                "published": f"{year}-{article % 12 + 1:02d}-{article % 28 + 1:02d}",
                "url": None,
            }
        )
    return triples


def bare(store: EmbeddedStore, statements: list[list[tuple[str, dict]]]) -> float:
    """Seconds to run prepared statements straight through the FalkorDB client."""
    graph = store._graph
    started = time.perf_counter()
    for batch in statements:
        for cypher, params in batch:
            graph.query(cypher, params)
    return time.perf_counter() - started


def fresh(store_path: Path, name: str) -> EmbeddedStore:
    store = EmbeddedStore(store_path, graph=name)
    store.ensure_schema()
    return store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="triples (default 100000)")
    parser.add_argument("--orgs", type=int, default=20_000, help="organisations (default 20000)")
    parser.add_argument(
        "--batch-sizes",
        default="500,1000,2000,5000",
        help="comma-separated (default 500,1000,2000,5000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each measurement; the best counts (default 3)",
    )
    parser.add_argument("--store", default=None, help="store file (default: a temporary one)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.batch_sizes.split(",")]

    triples = synthetic_triples(args.rows, args.orgs)
    folder = tempfile.TemporaryDirectory()
    path = Path(args.store or Path(folder.name) / "bench.db")
    print(
        f"{args.rows:,} triples over {args.orgs:,} organisations, "
        f"{len({t['article_id'] for t in triples}):,} articles; store {path}"
    )
    print(
        f"{'batch':>6} {'loader fresh':>14} {'bare fresh':>12} {'ratio':>6} "
        f"{'loader reload':>14} {'bare reload':>12} {'ratio':>6}   (rows/s)"
    )
    keep = EmbeddedStore(path, graph="bench-keepalive")  # one server for the whole run
    try:
        rows = [validate_record(t) for t in triples]
        for size in sizes:
            prepared = [plan_batch(rows[i : i + size]) for i in range(0, len(rows), size)]
            best = {key: 0.0 for key in ("loader", "bare")}
            best_reload = dict(best)
            for attempt in range(args.repeat):
                for label in ("loader", "bare") if attempt % 2 == 0 else ("bare", "loader"):
                    store = fresh(path, f"bench-{label}-{size}-{attempt}")
                    try:
                        for run in ("fresh", "reload"):  # the same rows twice
                            if label == "loader":
                                seconds = store.load(triples, batch_size=size).seconds
                            else:
                                seconds = bare(store, prepared)
                            table = best if run == "fresh" else best_reload
                            table[label] = max(table[label], args.rows / seconds)
                        if label == "loader":
                            stats = store.stats()
                    finally:
                        store._graph.delete()
                        store.close()
            print(
                f"{size:>6} {best['loader']:>14,.0f} {best['bare']:>12,.0f} "
                f"{best['loader'] / best['bare']:>6.2f} {best_reload['loader']:>14,.0f} "
                f"{best_reload['bare']:>12,.0f} {best_reload['loader'] / best_reload['bare']:>6.2f}"
            )
        nodes = stats["nodes"]
        print(
            f"graph: {nodes.get('Organization', 0):,} organisations, {nodes.get('Article', 0):,} "
            f"articles, {nodes.get('Evidence', 0):,} evidence, "
            f"{sum(stats['relationships'].get(r, 0) for r in ALLIANCE_RELATIONS):,} aggregated edges"
        )
        store = fresh(path, "bench-minimal")
        try:
            size = max(sizes)
            minimal = [
                [
                    (
                        MINIMAL,
                        {
                            "rows": [
                                {"subject": r["subject_id"], "object": r["object_id"]}
                                for r in rows[i : i + size]
                            ]
                        },
                    )
                ]
                for i in range(0, len(rows), size)
            ]
            seconds = bare(store, minimal)
            print(
                f"for scale: a minimal MERGE of two organisations and one edge a row, batch {size}: "
                f"{args.rows / seconds:,.0f} rows/s"
            )
        finally:
            store._graph.delete()
            store.close()
    finally:
        keep._graph.query("RETURN 0")
        keep._graph.delete()
        keep.close()
        folder.cleanup()


if __name__ == "__main__":
    main()
