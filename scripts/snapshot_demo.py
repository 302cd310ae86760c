#!/usr/bin/env python3
"""Digest the demo's outputs, so that a refactoring of the graph side can prove it moved nothing.

    .venv/bin/python scripts/snapshot_demo.py OUT          # compare OUT/ with tests/data/demo.sha256
    .venv/bin/python scripts/snapshot_demo.py OUT --write  # record OUT/'s digests

OUT is the folder of an ``alliances build`` of the bundled examples (``make demo`` writes out/).
One line per output file: its name and the SHA-256 of its bytes (the store file is left out: it
is a database snapshot, not an output). ``tests/test_cli_analytics.py`` runs the comparison; a
change that is meant to move an output (new rules, a new diagram style) rewrites the file in the
same commit, together with ``tests/data/triples.sha256``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests/data/demo.sha256"
NOT_OUTPUTS = {"alliances.db"}

# The same record format and comparison as the triples' snapshot.
_spec = importlib.util.spec_from_file_location(
    "snapshot_triples", ROOT / "scripts/snapshot_triples.py"
)
_triples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_triples)
changed = _triples.changed


def digests(out: Path) -> dict[str, str]:
    """Output file name -> SHA-256 of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.iterdir())
        if path.is_file() and path.name not in NOT_OUTPUTS
    }


def read_snapshot(path: Path = SNAPSHOT) -> dict[str, str]:
    return _triples.read_snapshot(path)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: snapshot_demo.py OUT [--write]", file=sys.stderr)
        return 2
    current = digests(Path(argv[0]))
    if "--write" in argv[1:]:
        SNAPSHOT.write_text("".join(f"{n} {d}\n" for n, d in sorted(current.items())), "utf-8")
        print(f"wrote {len(current)} digests to {SNAPSHOT.relative_to(ROOT)}")
        return 0
    moved = changed(current, read_snapshot())
    for name in moved:
        print(f"changed: {name}")
    return 1 if moved else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
