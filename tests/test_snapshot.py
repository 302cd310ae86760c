"""The triples of the annotated sets change only on purpose.

A refactoring of the rules must leave them byte-identical; a change of the rules records the new
digests (``scripts/snapshot_triples.py --write``) in the same commit, so that its diff names the
articles whose triples moved.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("snapshot", ROOT / "scripts/snapshot_triples.py")
snapshot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(snapshot)


def test_the_annotated_sets_give_the_recorded_triples():
    moved = snapshot.changed(snapshot.digests(), snapshot.read_snapshot())
    assert moved == [], f"triples changed in {moved}: run scripts/snapshot_triples.py --write"


def test_a_changed_article_is_named():
    assert snapshot.changed({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == ["b", "c"]
