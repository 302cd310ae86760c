"""The graph store: loading, idempotency, aggregation, provenance, atomicity, safety.

Every test that takes ``store`` runs on each backend (embedded always, Neo4j when NEO4J_URI is
set). Triples are built as dicts here; extraction is tested elsewhere.
"""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from extract.triples import to_frame
from graph import dialects
from graph.dialects import FALKORDB_BOLT
from graph.errors import LoadError, QueryError, ReadOnlyError, StoreError
from graph.loader import validate_record
from graph.store import EDGE_COLUMNS, EmbeddedStore, Neo4jStore, open_store

ROOT = Path(__file__).resolve().parent.parent
EVIL = "x'}) DETACH DELETE n //"


def dump(store) -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, as sorted canonical text."""
    nodes = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = store.query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS rel, labels(a) AS a_labels, a.id AS a, "
        "labels(b) AS b_labels, b.id AS b, properties(r) AS props"
    )

    def canonical(frame: pd.DataFrame) -> list[str]:
        return sorted(
            json.dumps(
                {k: sorted(v) if k.endswith("labels") else v for k, v in row.items()},
                sort_keys=True,
                default=str,
            )
            for row in frame.to_dict("records")
        )

    return canonical(nodes), canonical(edges)


def count_properties(store) -> int:
    nodes = store.query("MATCH (n) RETURN sum(size(keys(n))) AS n").iloc[0, 0]
    edges = store.query("MATCH ()-[r]->() RETURN sum(size(keys(r))) AS n").iloc[0, 0]
    return int(nodes or 0) + int(edges or 0)


def edge(store, subject: str, relation: str, obj: str) -> dict:
    frame = store.alliance_edges()
    rows = frame[(frame.source == subject) & (frame.relation == relation) & (frame.target == obj)]
    assert len(rows) == 1, f"{subject} {relation} {obj}: {len(rows)} rows"
    return rows.iloc[0].to_dict()


# -- loading and the graph model --------------------------------------------------------------


def test_loading_builds_organisations_products_articles_and_evidence(store, example_triples):
    report = store.load(example_triples)

    assert (report.rows, report.loaded, report.skipped) == (14, 14, [])
    counts = store.stats()
    assert counts["nodes"]["Organization"] == 7
    assert counts["nodes"]["Product"] == 2
    assert counts["nodes"]["Article"] == 6
    assert counts["nodes"]["Evidence"] == 14
    assert counts["relationships"]["INVESTS_IN"] == 4  # Amazon's two claims are one edge
    assert counts["relationships"]["OWNS"] == 2
    assert counts["relationships"]["PARTNERS_WITH"] == 1
    assert counts["relationships"]["IN"] == 14


def test_a_dataframe_loads_the_same_graph_as_records(store, example_triples):
    store.load(example_triples)
    from_records = dump(store)
    store.query("MATCH (n) DETACH DELETE n", write=True)

    report = store.load(to_frame(example_triples))

    assert report.source == "<frame>"
    assert dump(store) == from_records


def test_products_have_their_kind_and_an_owns_edge_from_the_owner(store, example_triples):
    store.load(example_triples)

    rows = store.query(
        "MATCH (o:Organization)-[:OWNS]->(p:Product) "
        "RETURN o.name AS owner, p.id AS id, p.name AS name, p.kind AS kind ORDER BY id"
    )
    assert rows.to_dict("records") == [
        {"owner": "Amazon", "id": "aws", "name": "AWS", "kind": "cloud"},
        {"owner": "Amazon", "id": "trainium", "name": "Trainium", "kind": "chip"},
    ]


def test_organisations_get_role_labels_from_their_edges_and_ids_are_slugs(store, triple):
    store.load(
        [
            triple("Amazon", "INVESTS_IN", "Anthropic"),
            triple("Amazon", "PROVIDES_CLOUD", "Anthropic", start=30),
            triple("Nvidia", "SUPPLIES_CHIPS", "Character.AI", start=60),
        ]
    )

    orgs = store.organizations().set_index("name")
    assert orgs.loc["Amazon", "labels"] == ["CloudProvider", "Investor", "Organization"]
    assert orgs.loc["Nvidia", "labels"] == ["ChipSupplier", "Organization"]
    assert orgs.loc["Anthropic", "labels"] == ["Organization"]
    assert orgs.loc["Character.AI", "id"] == "character-ai"
    aliases = store.query("MATCH (o:Organization {id: 'amazon'}) RETURN o.aliases AS a").iloc[0, 0]
    assert "Amazon.com" in aliases  # from the gazetteer


def test_partners_with_is_stored_once_per_pair_whichever_way_it_is_said(store, triple):
    store.load(
        [
            triple("OpenAI", "PARTNERS_WITH", "Microsoft", article="a1"),
            triple("Microsoft", "PARTNERS_WITH", "OpenAI", article="a2"),
        ]
    )

    edges = store.alliance_edges()
    assert edges[["source", "target", "relation", "mentions"]].values.tolist() == [
        ["Microsoft", "OpenAI", "PARTNERS_WITH", 2]
    ]


# -- idempotency and crash safety -------------------------------------------------------------


def test_loading_the_same_triples_twice_changes_nothing(store, example_triples):
    store.load(example_triples)
    before = (store.stats(), count_properties(store), dump(store))

    store.load(example_triples)

    assert (store.stats(), count_properties(store), dump(store)) == before


def test_a_load_killed_midway_then_run_again_ends_as_one_clean_load(store, triple, tmp_path):
    rows = [
        triple(
            f"Org {i % 40}",
            "INVESTS_IN",
            f"Org {(i * 7 + 1) % 40}",
            article=f"a{i // 5}",
            start=(i % 5) * 40,
            published=f"2024-01-{i // 5 % 28 + 1:02d}",
            status="in_talks" if i % 3 else "confirmed",
        )
        for i in range(1500)
        if i % 40 != (i * 7 + 1) % 40
    ]
    triples_file = tmp_path / "triples.jsonl"
    triples_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    target = (
        f"open_store({str(tmp_path / 'alliances.db')!r})"
        if store.backend == "embedded"
        else "open_store(neo4j_uri=os.environ['NEO4J_URI'])"
    )
    loader = textwrap.dedent(
        f"""
        import os, sys
        from graph.store import open_store
        store = {target}
        def batch_written(n):
            print("batch", flush=True)
        store.load({str(triples_file)!r}, batch_size=50, progress=batch_written)
        print("done", flush=True)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", loader], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "batch"  # one batch written, more to come
    child.kill()
    child.wait()
    assert store.stats()["nodes"].get("Evidence", 0) < len(rows)  # it did stop midway

    store.load(triples_file, batch_size=50)
    resumed = dump(store)
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.load(triples_file)

    assert dump(store) == resumed


# -- aggregation ------------------------------------------------------------------------------


def test_aggregates_add_up_across_articles_and_follow_the_latest_one(store, triple):
    store.load(
        [
            triple(
                "Amazon",
                "INVESTS_IN",
                "Anthropic",
                article="a1",
                published="2024-01-10",
                status="in_talks",
                confidence=0.6,
            ),
            triple(
                "Amazon",
                "INVESTS_IN",
                "Anthropic",
                article="a2",
                published="2024-03-05",
                status="confirmed",
                amount_usd=2e9,
                date="2024-03",
            ),
        ]
    )
    first = edge(store, "Amazon", "INVESTS_IN", "Anthropic")
    assert first["mentions"] == 2
    assert first["amount_usd"] == 2e9
    assert first["status"] == "confirmed"
    assert (first["first_seen"], first["last_seen"]) == ("2024-01-10", "2024-03-05")
    assert first["confidence"] == 0.9

    store.load(
        [
            triple(
                "Amazon",
                "INVESTS_IN",
                "Anthropic",
                article="a3",
                published="2024-06-01",
                status="ended",
            ),
            triple(
                "Amazon",
                "INVESTS_IN",
                "Anthropic",
                article="a0",
                published="2023-12-01",
                status="reported",
                amount_usd=1e9,
            ),
        ]
    )
    second = edge(store, "Amazon", "INVESTS_IN", "Anthropic")
    assert second["mentions"] == 4
    assert second["amount_usd"] == 2e9  # the largest stated
    assert second["status"] == "ended"  # of the latest article, not the last loaded
    assert (second["first_seen"], second["last_seen"]) == ("2023-12-01", "2024-06-01")
    articles = store.query(
        "MATCH (:Organization {id: 'amazon'})-[r:INVESTS_IN]->() RETURN r.articles AS a"
    ).iloc[0, 0]
    assert articles == ["a0", "a1", "a2", "a3"]


def test_first_seen_is_the_earliest_claim_and_last_seen_never_before_it(store, triple):
    planned = {"date": "2026", "status": "in_talks"}  # a deal planned for 2026, told in 2025
    store.load([triple("Nscale", "PROVIDES_CLOUD", "OpenAI", published="2025-09-17", **planned)])
    first = edge(store, "Nscale", "PROVIDES_CLOUD", "OpenAI")
    assert (first["first_seen"], first["last_seen"]) == ("2026", "2026")

    store.load([triple("Nscale", "PROVIDES_CLOUD", "OpenAI", article="a2", published="2025-10-01")])
    later = edge(store, "Nscale", "PROVIDES_CLOUD", "OpenAI")
    assert (later["first_seen"], later["last_seen"]) == ("2025-10-01", "2026")
    assert later["status"] == "confirmed"  # the latest article's


def test_alliance_edges_have_the_contract_columns_and_no_owns(store, example_triples):
    store.load(example_triples)

    edges = store.alliance_edges()

    assert list(edges.columns) == EDGE_COLUMNS
    assert "OWNS" not in set(edges.relation)
    assert len(edges) == 11
    cloud = edge(store, "Amazon", "PROVIDES_CLOUD", "Anthropic")
    assert cloud["via"] == "AWS"
    assert cloud["first_seen"] == "2023-09-25"  # no deal date: the article's


def test_alliance_edges_as_of_a_date_keep_only_the_evidence_until_then(store, example_triples):
    store.load(example_triples)

    until_2023 = store.alliance_edges(as_of="2023")
    amazon = until_2023[(until_2023.source == "Amazon") & (until_2023.relation == "INVESTS_IN")]
    assert amazon[["mentions", "amount_usd"]].values.tolist() == [[1, 4e9]]
    assert "Nvidia" not in set(until_2023.source)  # first seen 2024-03
    assert "Mistral AI" not in set(until_2023.target)
    early = store.alliance_edges(as_of="2023-09")  # Google's deal (2023-10) is not in yet
    assert early[["source", "relation", "target"]].values.tolist() == [
        ["Amazon", "INVESTS_IN", "Anthropic"],
        ["Microsoft", "INVESTS_IN", "OpenAI"],
        ["Microsoft", "PARTNERS_WITH", "OpenAI"],
        ["Amazon", "PROVIDES_CLOUD", "Anthropic"],
        ["Microsoft", "PROVIDES_CLOUD", "OpenAI"],
        ["Amazon", "SUPPLIES_CHIPS", "Anthropic"],
    ]
    assert len(store.alliance_edges(as_of="2030-01-01")) == len(store.alliance_edges())
    with pytest.raises(QueryError, match="as_of"):
        store.alliance_edges(as_of="March 2024")


# -- provenance -------------------------------------------------------------------------------


def test_one_cypher_query_says_which_articles_state_an_edge_and_in_which_words(
    store, example_triples
):
    store.load(example_triples)
    first = "Amazon will invest up to $4 billion in Anthropic."
    latest = "Amazon's investment in Anthropic now totals $8 billion."

    rows = store.query(
        """
        MATCH (:Organization {name: $subject})<-[:SUBJECT]-(e:Evidence)-[:OBJECT]->
              (:Organization {name: $object}), (e)-[:IN]->(a:Article)
        WHERE e.relation = $relation
        RETURN a.id AS article, a.published AS published, e.sentence AS sentence,
               e.start AS start, e.end AS stop
        ORDER BY published
        """,
        subject="Amazon",
        object="Anthropic",
        relation="INVESTS_IN",
    )

    assert rows.to_dict("records") == [
        {
            "article": "a1",
            "published": "2023-09-25",
            "sentence": first,
            "start": 0,
            "stop": len(first),
        },
        {
            "article": "a5",
            "published": "2024-11-22",
            "sentence": latest,
            "start": 0,
            "stop": len(latest),
        },
    ]


# -- all or nothing ---------------------------------------------------------------------------


def test_an_invalid_row_stops_the_load_with_file_line_and_reason_and_changes_nothing(
    store, example_triples, triple, tmp_path
):
    store.load(example_triples[:5])
    before = (store.stats(), dump(store))
    bad = [triple("Meta", "INVESTS_IN", "Scale AI"), triple("Meta", "FUNDS", "Scale AI", start=30)]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in example_triples[5:] + bad))

    with pytest.raises(LoadError) as caught:
        store.load(path)

    assert (caught.value.path, caught.value.line) == (str(path), 11)
    assert "unknown relation 'FUNDS'" in str(caught.value)
    assert (store.stats(), dump(store)) == before


def test_skip_invalid_loads_the_rest_and_reports_each_skipped_row(store, triple):
    rows = [
        triple("Meta", "INVESTS_IN", "Scale AI"),
        triple("Meta", "INVESTS_IN", "Scale AI", start=30, amount_usd="lots"),
        triple("Meta", "PARTNERS_WITH", "Hugging Face", start=60, status="rumoured"),
    ]

    report = store.load(rows, source="rows", skip_invalid=True)

    assert (report.rows, report.loaded) == (3, 1)
    assert [(p.path, p.line) for p in report.skipped] == [("rows", 2), ("rows", 3)]
    assert "bad amount_usd 'lots'" in str(report.skipped[0])
    assert "unknown status 'rumoured'" in str(report.skipped[1])
    assert store.stats()["relationships"] == {"IN": 1, "INVESTS_IN": 1, "OBJECT": 1, "SUBJECT": 1}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"relation": None}, "missing field 'relation'"),
        ({"subject": None, "object": None}, "missing fields 'subject', 'object'"),
        ({"relation": "invests_in"}, "unknown relation 'invests_in'"),
        ({"status": "done"}, "unknown status 'done'"),
        ({"object_type": "PERSON"}, "unknown object_type 'PERSON'"),
        ({"object_type": "CLOUD"}, "INVESTS_IN needs an organisation as object"),
        ({"amount_usd": "4 billion"}, "bad amount_usd '4 billion'"),
        ({"amount_usd": -5}, "bad amount_usd -5 (negative)"),
        ({"date": "2024-13"}, "bad date '2024-13'"),
        ({"published": "yesterday"}, "bad published date 'yesterday'"),
        ({"confidence": 1.5}, "bad confidence 1.5"),
        ({"start": 10, "end": 5}, "bad offsets: start 10, end 5"),
        ({"end": 99}, "bad offsets: end - start is 99 but the sentence has"),
        ({"start": "x"}, "bad offsets: start 'x' is not a whole number"),
        ({"object": "Amazon"}, "subject and object are the same"),
    ],
)
def test_validation_names_the_reason(triple, change, reason):
    record = {**triple("Amazon", "INVESTS_IN", "Anthropic"), **change}

    with pytest.raises(LoadError, match=r"^t\.jsonl:4: ") as caught:
        validate_record(record, source="t.jsonl", line=4)

    assert reason in str(caught.value)


def test_validation_accepts_csv_text_and_normalises_it(triple):
    record = {
        **triple("Amazon", "INVESTS_IN", "Anthropic"),
        "amount_usd": "4000000000.0",
        "confidence": "0.75",
        "start": "0",
        "end": "28",
        "date": "2023-09",
        "via": "",
    }

    row = validate_record(record)

    assert (row["amount_usd"], row["confidence"], row["start"], row["end"]) == (4e9, 0.75, 0, 28)
    assert row["via"] is None
    assert (
        row["evidence_id"]
        == validate_record(triple("Amazon", "INVESTS_IN", "Anthropic"))["evidence_id"]
    )


# -- queries: read-only, errors, injection ----------------------------------------------------


def test_a_query_that_writes_is_refused_without_write_and_changes_nothing(store, example_triples):
    store.load(example_triples)
    before = store.stats()

    with pytest.raises(ReadOnlyError, match="this query writes; pass --write"):
        store.query("MATCH (o:Organization) DETACH DELETE o")
    assert store.stats() == before

    store.query("MATCH (o:Organization {id: 'amazon'}) SET o.note = $note", note="x", write=True)
    assert store.query("MATCH (o:Organization {id: 'amazon'}) RETURN o.note AS n").iloc[0, 0] == "x"


def test_a_database_error_is_one_readable_line_with_its_position(store):
    if store.dialect is FALKORDB_BOLT:
        pytest.skip("FalkorDB's Bolt server reports no error text (the next test covers it)")
    with pytest.raises(QueryError) as caught:
        store.query("MATCH (o:Organization)\nRETRUN o.name")

    assert caught.value.line == 2
    assert caught.value.column is not None
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("query error at line 2, column ")


def test_a_value_too_large_for_the_bolt_server_is_refused_before_anything_is_written(
    store, example_triples, triple
):
    if store.dialect.inline_limit is None:
        pytest.skip(f"{store.dialect.name} takes parameters of any size")
    store.load(example_triples)
    before = store.stats()
    huge = triple("Amazon", "INVESTS_IN", "Anthropic", article="a9", sentence="word " * 2000)

    with pytest.raises(StoreError, match=f"over {store.dialect.inline_limit} bytes"):
        store.load([triple("Google", "INVESTS_IN", "Anthropic", article="a8"), huge])

    assert store.stats() == before  # and the server is still serving


def test_a_long_query_leaves_less_room_for_its_parameters_on_the_bolt_server(store):
    if store.dialect.inline_limit is None:
        pytest.skip(f"{store.dialect.name} takes parameters of any size")
    padded = "RETURN size($text) AS n" + " " * 2000  # the text shares the server's buffer

    assert store.query("RETURN size($text) AS n", text="x" * 2500).n[0] == 2500
    with pytest.raises(QueryError, match="over"):
        store.query(padded, text="x" * 2500)
    assert store.query("RETURN 1 AS one").one[0] == 1  # and the server is still serving


def test_an_error_the_server_gives_no_reason_for_says_so_on_one_line(store):
    if store.dialect is not FALKORDB_BOLT:
        pytest.skip("only FalkorDB's Bolt server hides its reasons")
    with pytest.raises(QueryError) as caught:
        store.query("MATCH (o:Organization)\nRETRUN o.name")

    assert "gave no reason" in str(caught.value) and "embedded store" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_uniqueness_of_ids_is_enforced_by_the_schema(store, example_triples):
    if not store.dialect.enforces_unique:
        pytest.skip(f"{store.dialect.name} has no Cypher for unique constraints")
    store.load(example_triples)
    store.ensure_schema()  # idempotent

    with pytest.raises(QueryError):
        store.query("CREATE (:Organization {id: 'amazon'})", write=True)


def test_a_cypher_injection_through_a_parameter_is_stored_as_a_name(store, triple):
    evil_quotes = 'y"}) MATCH (m) DETACH DELETE m //\\'
    store.load(
        [
            triple("Amazon", "INVESTS_IN", "Anthropic"),
            triple(EVIL, "INVESTS_IN", "Anthropic", start=30),
            triple(evil_quotes, "PARTNERS_WITH", "Amazon", start=60),
        ]
    )

    names = set(store.organizations().name)
    assert names == {"Amazon", "Anthropic", EVIL, evil_quotes}
    found = store.query(
        "MATCH (o:Organization {name: $name}) RETURN o.name AS n", params={"name": EVIL}
    )
    assert found.n.tolist() == [EVIL]
    assert store.named_query("who-funds", org=EVIL).empty
    assert store.named_query("who-funds", org="Anthropic").investor.tolist() == [
        "Amazon",
        EVIL,
    ]
    assert store.stats()["nodes"]["Organization"] == 4


# -- write-back -------------------------------------------------------------------------------


def test_write_back_sets_bloc_and_centrality_on_organisations_by_name(store, example_triples):
    store.load(example_triples)

    updated = store.write_back(
        [
            {"name": "Amazon", "bloc": "Amazon bloc", "centrality": 0.5},
            {"name": "Anthropic", "bloc": "Amazon bloc", "centrality": 0.25},
            {"name": "Nobody", "bloc": "Nobody bloc", "centrality": 1.0},
        ]
    )

    assert updated == 2
    orgs = store.organizations().set_index("name")
    assert orgs.loc["Amazon", ["bloc", "centrality"]].tolist() == ["Amazon bloc", 0.5]
    assert orgs.loc["Anthropic", "bloc"] == "Amazon bloc"
    assert pd.isna(orgs.loc["Google", "bloc"])
    assert store.named_query("bloc", org="Anthropic").set_index("ally").loc["Amazon", "bloc"] == (
        "Amazon bloc"
    )
    with pytest.raises(StoreError, match="cannot set the property 'name'"):
        store.write_back([{"name": "Amazon"}], properties=("name",))


# -- the embedded file: lifecycle -------------------------------------------------------------


def test_the_embedded_store_is_saved_on_close_and_on_errors(tmp_path, example_triples):
    path = tmp_path / "kept.db"
    with pytest.raises(RuntimeError), open_store(path) as store:
        store.load(example_triples)
        raise RuntimeError("boom")

    assert path.exists()
    with open_store(path) as store:
        assert store.stats()["nodes"]["Evidence"] == 14


def test_the_embedded_store_defaults_to_alliances_store_env_else_alliances_db(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLIANCES_STORE", raising=False)
    with open_store() as store:
        assert store.location == str(tmp_path / "alliances.db")
    monkeypatch.setenv("ALLIANCES_STORE", str(tmp_path / "env.db"))
    with open_store() as store:
        assert isinstance(store, EmbeddedStore)
        assert store.location == str(tmp_path / "env.db")


def test_a_folder_or_a_file_that_is_not_a_store_is_refused_before_starting_a_server(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="is not a store file"):
        open_store(text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_dialect_examples_hold():
    failures, tried = doctest.testmod(dialects, optionflags=doctest.ELLIPSIS)
    assert tried > 5 and failures == 0


# -- Neo4j configuration and the password -------------------------------------------------------


def test_neo4j_is_chosen_by_its_uri_and_the_password_never_shows(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_USERNAME", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw")

    with pytest.raises(StoreError) as caught:
        open_store()

    message = str(caught.value)
    assert message.startswith("cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "s3cret-pw" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_neo4j_credentials_in_the_uri_are_refused_without_echoing_them(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)

    with pytest.raises(StoreError, match="NEO4J_USERNAME and NEO4J_PASSWORD") as caught:
        Neo4jStore("neo4j://alice:s3cret-pw@localhost:7687")

    assert "s3cret-pw" not in str(caught.value)


def test_the_neo4j_store_repr_has_no_password(neo4j_store):
    password = os.environ.get("NEO4J_PASSWORD")
    assert neo4j_store.user in repr(neo4j_store)
    if password:
        assert password not in repr(neo4j_store)
