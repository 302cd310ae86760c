"""The store's commands: load, ingest, query, stats, through click's CliRunner.

They run on the embedded store (a file under tmp_path); the store's behaviour on both backends
is tested in test_store.py and test_queries.py.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from extract.triples import TripleWriter
from graph.cli import cli
from graph.store import open_store

SECRET = "s3cret-pw-do-not-print"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def triples_file(tmp_path, example_triples):
    path = tmp_path / "triples.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in example_triples))
    return path


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def stats_of(run, db) -> dict:
    result = run("stats", "--store", db, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_load_writes_the_triples_and_summarises_on_stderr(run, triples_file, db):
    result = run("load", triples_file, "--store", db)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "14 of 14 triples loaded" in result.stderr
    counts = stats_of(run, db)
    assert counts["nodes"]["Organization"] == 7
    assert counts["relationships"]["INVESTS_IN"] == 4


def test_loading_again_changes_nothing(run, triples_file, db):
    run("load", triples_file, "--store", db)
    before = stats_of(run, db)

    result = run("load", triples_file, "--store", db, "--batch-size", "3", "-q")

    assert result.exit_code == 0
    assert result.stderr == ""
    assert stats_of(run, db) == before


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_csv_and_parquet_triples_load_the_same_graph_as_jsonl(
    run, tmp_path, triples_file, example_triples, suffix
):
    other = tmp_path / f"triples{suffix}"
    with TripleWriter(other) as writer:
        for triple in example_triples:
            writer.write(triple)
    run("load", triples_file, "--store", tmp_path / "from-jsonl.db")

    result = run("load", other, "--store", tmp_path / "other.db")

    assert result.exit_code == 0, result.output
    assert stats_of(run, tmp_path / "other.db") == stats_of(run, tmp_path / "from-jsonl.db")


def test_an_invalid_row_stops_the_load_with_file_line_and_reason(run, tmp_path, triple, db):
    path = tmp_path / "bad.jsonl"
    rows = [triple("Meta", "INVESTS_IN", "Scale AI"), triple("Meta", "FUNDS", "Hugging Face")]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))

    result = run("load", path, "--store", db)

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {path}:2: unknown relation 'FUNDS' (expected one of INVESTS_IN, PROVIDES_CLOUD, "
        "SUPPLIES_CHIPS, PARTNERS_WITH, ACQUIRES, OWNS, DISTRIBUTES)"
    )
    assert stats_of(run, db) == {"nodes": {}, "relationships": {}}


def test_skip_invalid_loads_the_rest_names_the_skipped_and_exits_3(run, tmp_path, triple, db):
    path = tmp_path / "bad.jsonl"
    rows = [triple("Meta", "INVESTS_IN", "Scale AI"), triple("Meta", "FUNDS", "Hugging Face")]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))

    result = run("load", path, "--store", db, "--skip-invalid")

    assert result.exit_code == 3
    assert f"skipped {path}:2: unknown relation 'FUNDS'" in result.stderr
    assert stats_of(run, db)["relationships"]["INVESTS_IN"] == 1


def test_a_missing_file_is_one_clean_error(run, tmp_path, db):
    result = run("load", tmp_path / "nope.jsonl", "--store", db)

    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such file"


def test_query_runs_a_named_query_with_parameters_as_json(run, triples_file, db):
    run("load", triples_file, "--store", db)

    result = run(
        "query", "who-funds", "--param", "org=Anthropic", "--store", db, "--format", "json"
    )

    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["investor"], r["amount_usd"]) for r in rows] == [("Amazon", 8e9), ("Google", 2e9)]
    assert result.stderr.strip() == "2 rows"


def test_query_runs_cypher_with_typed_parameters_as_csv(run, triples_file, db):
    run("load", triples_file, "--store", db)

    result = run(
        "query",
        "MATCH (o:Organization) WHERE o.name STARTS WITH $prefix "
        "RETURN o.name AS name, o.aliases AS aliases ORDER BY name LIMIT $n",
        "-p",
        "prefix=M",
        "-p",
        "n=1",
        "--store",
        db,
        "--format",
        "csv",
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "name,aliases",
        'Microsoft,"[""Microsoft Corp."", ""Microsoft Corporation"", ""Microsoft Corp""]"',
    ]


def test_query_refuses_a_write_without_write_and_runs_it_with(run, triples_file, db):
    run("load", triples_file, "--store", db)
    delete = "MATCH (o:Organization {id: $id}) DETACH DELETE o"

    refused = run("query", delete, "-p", "id=amazon", "--store", db)
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "error: query error: this query writes; pass --write (write=True in Python) to run it"
    )
    assert stats_of(run, db)["nodes"]["Organization"] == 7

    allowed = run("query", delete, "-p", "id=amazon", "--store", db, "--write")
    assert allowed.exit_code == 0, allowed.output
    assert stats_of(run, db)["nodes"]["Organization"] == 6


def test_a_query_error_is_one_line_with_its_position_and_no_traceback(run, db):
    result = run("query", "MATCH (o:Organization)\nRETRUN o", "--store", db)

    assert result.exit_code == 1
    assert result.stderr.startswith("error: query error at line 2, column ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_query_list_shows_every_named_query_with_its_parameters(run):
    result = run("query", "--list", "--format", "json")

    assert result.exit_code == 0
    listed = {row["name"]: row["parameters"] for row in json.loads(result.stdout)}
    assert listed["who-funds"] == "org=Anthropic"
    assert listed["top-investors"] == "limit=10 (optional)"
    assert len(listed) >= 9


def test_a_named_query_without_its_parameter_says_what_to_pass(run, db):
    result = run("query", "evidence", "-p", "subject=Amazon", "--store", db)

    assert result.exit_code == 1
    assert "evidence needs $object" in result.stderr
    assert "--param object=Anthropic" in result.stderr


def test_a_param_that_is_not_key_value_is_a_usage_error(run, db):
    result = run("query", "who-funds", "-p", "Anthropic", "--store", db)

    assert result.exit_code == 2
    assert "'Anthropic' is not KEY=VALUE" in result.output


def test_store_and_neo4j_together_are_a_usage_error(run, db):
    result = run("stats", "--store", db, "--neo4j", "bolt://localhost:7687")

    assert result.exit_code == 2
    assert "not both" in result.output


def test_the_neo4j_password_never_appears_in_output_or_help(run):
    env = {
        "NEO4J_URI": "bolt://127.0.0.1:1",
        "NEO4J_USERNAME": "alice",
        "NEO4J_PASSWORD": SECRET,
    }

    result = run("stats", env=env)

    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:1")
    for command in ("load", "ingest", "query", "stats"):
        shown = run(command, "--help", env=env)
        assert "NEO4J_PASSWORD" in shown.output
        assert SECRET not in shown.output
    assert SECRET not in result.output


def test_ingest_extracts_and_loads_in_one_pass_and_again_changes_nothing(run, tmp_path, db):
    article = tmp_path / "articles.jsonl"
    text = "Amazon invested $4 billion in Anthropic in 2024. Anthropic uses AWS as its cloud."
    record = {"id": "deal", "title": "Amazon backs Anthropic", "published": "2024-03-28"}
    article.write_text(json.dumps({**record, "text": text}) + "\n")

    result = run("ingest", article, "--store", db)

    assert result.exit_code == 0, result.output
    assert "1 articles" in result.stderr
    funders = run("query", "who-funds", "-p", "org=Anthropic", "--store", db, "--format", "json")
    assert [(r["investor"], r["amount_usd"]) for r in json.loads(funders.stdout)] == [
        ("Amazon", 4e9)
    ]
    published = run(
        "query", "MATCH (a:Article) RETURN a.published AS p", "--store", db, "--format", "csv"
    )
    assert published.stdout.splitlines() == ["p", "2024-03-28"]
    before = stats_of(run, db)
    assert run("ingest", article, "--store", db, "-q").exit_code == 0
    assert stats_of(run, db) == before


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_or_sigterm_mid_load_closes_the_store_with_its_data_saved(
    tmp_path, triple, signum, code
):
    rows = [triple(f"Org {i}", "INVESTS_IN", f"Org {i + 1}", article=f"a{i}") for i in range(3000)]
    path = tmp_path / "triples.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = tmp_path / "interrupted.db"
    child = textwrap.dedent(
        f"""
        import sys
        from graph import cli, store

        write = store.EmbeddedStore._write_batch
        def announce(self, statements):
            write(self, statements)
            print("batch", flush=True)
        store.EmbeddedStore._write_batch = announce
        sys.argv = ["alliances", "load", {str(path)!r}, "--store", {str(db)!r}, "--batch-size", "50"]
        cli.main()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", child], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "batch"

    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    with open_store(db) as reopened:  # a new server, reading the file that was saved
        saved = reopened.stats()["nodes"]["Evidence"]
    assert 50 <= saved < 3000
