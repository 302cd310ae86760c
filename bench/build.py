"""Benchmark: `alliances build` end to end on a corpus of 1,000 articles, each phase timed.

The corpus is the bundled development set repeated under new ids until it holds ``--articles``
articles (written to a temporary JSONL), built into a fresh store in a temporary folder.

    python bench/build.py                    # 1,000 articles, one process
    python bench/build.py --workers 2
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extract import corpus  # noqa: E402
from graph.build import build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for article in corpus(args.articles):
                handle.write(json.dumps(article.to_dict()) + "\n")
        started = time.perf_counter()
        report = build([source], out=Path(folder) / "out", workers=args.workers)
        total = time.perf_counter() - started
    stats = report.extraction
    print(
        f"alliances build: {stats.articles} articles, {stats.words:,} words, "
        f"{sum(stats.triples.values()):,} triples, workers={args.workers}"
    )
    for phase, seconds in report.seconds.items():
        print(f"  {phase:<11} {seconds:7.1f} s")
    print(f"  {'total':<11} {total:7.1f} s  ({len(report.analysis.blocs.blocs)} blocs)")


if __name__ == "__main__":
    main()
