#!/usr/bin/env python3
"""Digest the triples of the annotated sets, so that a change of the rules shows what it moved.

    .venv/bin/python scripts/snapshot_triples.py          # compare with tests/data/triples.sha256
    .venv/bin/python scripts/snapshot_triples.py --write  # record the current triples

One line per article: its id and the SHA-256 of its triples (JSON, sorted keys, in output
order). ``tests/test_snapshot.py`` runs the comparison: a refactoring must leave every line as it
was; a change of the rules rewrites the file in the same commit, so the diff names the articles
whose triples it moved.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests/data/triples.sha256"
SETS = [
    ROOT / "examples/articles.jsonl",
    ROOT / "examples/holdout/articles.jsonl",
    ROOT / "examples/test/articles.jsonl",
]


def digests() -> dict[str, str]:
    """Article id -> SHA-256 of its triples, for every article of the annotated sets."""
    from extract import Extractor, iter_articles

    articles = list(iter_articles([p for p in SETS if p.exists()], on_error="raise"))
    lines: dict[str, list[str]] = defaultdict(list)
    for triple in Extractor().iter_triples(articles):
        lines[triple["article_id"]].append(json.dumps(triple, sort_keys=True, ensure_ascii=False))
    return {
        a.id: hashlib.sha256("\n".join(lines[a.id]).encode("utf-8")).hexdigest() for a in articles
    }


def read_snapshot(path: Path = SNAPSHOT) -> dict[str, str]:
    pairs = (line.split() for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {article: digest for article, digest in pairs}


def changed(now: dict[str, str], recorded: dict[str, str]) -> list[str]:
    """The articles whose triples differ, or that only one side has."""
    return sorted(a for a in now.keys() | recorded.keys() if now.get(a) != recorded.get(a))


def main(argv: list[str]) -> int:
    now = digests()
    if argv == ["--write"]:
        SNAPSHOT.write_text("".join(f"{a} {d}\n" for a, d in sorted(now.items())), "utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(now)} articles")
        return 0
    moved = changed(now, read_snapshot())
    for article in moved:
        print(f"changed: {article}")
    print(f"{len(moved)} of {len(now)} articles changed")
    return 1 if moved else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
