"""The extract and evaluate commands: formats, exit codes, messages."""

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from graph.cli import cli

ARTICLE = {
    "id": "a1",
    "title": "Deal",
    "published": "2024-03-01",
    "text": "Amazon invested $4 billion in Anthropic.",
}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def articles(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n")
    return path


def test_extract_writes_jsonl_triples_to_stdout(runner, articles):
    result = runner.invoke(cli, ["extract", str(articles), "-q"])
    assert result.exit_code == 0, result.output
    triples = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(t["subject"], t["relation"], t["object"]) for t in triples} == {
        ("Amazon", "INVESTS_IN", "Anthropic")
    }


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_extract_writes_each_format_by_suffix(runner, articles, tmp_path, suffix):
    out = tmp_path / f"triples.{suffix}"
    result = runner.invoke(cli, ["extract", str(articles), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    frame = {
        "csv": pd.read_csv,
        "parquet": pd.read_parquet,
        "jsonl": lambda p: pd.read_json(p, lines=True),
    }[suffix](out)
    assert frame.loc[0, "amount_usd"] == 4e9
    assert list(frame.columns)[:4] == ["subject", "subject_type", "relation", "object"]


def test_a_summary_table_follows_the_extraction(runner, articles, tmp_path):
    result = runner.invoke(cli, ["extract", str(articles), "-o", str(tmp_path / "t.jsonl")])
    assert "1 articles" in result.stderr and "INVESTS_IN" in result.stderr


def test_skipped_inputs_are_named_and_exit_3(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n{broken\n")
    result = runner.invoke(cli, ["extract", str(path), "-o", str(tmp_path / "t.jsonl"), "-q"])
    assert result.exit_code == 3
    assert "mixed.jsonl:2" in result.stderr


def test_strict_stops_at_bad_input_with_exit_2_and_no_traceback(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("{broken\n" + json.dumps(ARTICLE) + "\n")
    result = runner.invoke(cli, ["extract", str(path), "--strict", "-o", str(tmp_path / "t.jsonl")])
    assert result.exit_code == 2
    assert "mixed.jsonl:1: not valid JSON" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_missing_file_is_a_clean_error(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "nope.jsonl"), "--strict"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_parquet_to_stdout_is_refused(runner, articles):
    result = runner.invoke(cli, ["extract", str(articles), "--format", "parquet"])
    assert result.exit_code == 2
    assert "Parquet cannot be written to stdout" in result.stderr


def test_an_unknown_model_is_a_clean_error(runner, articles):
    result = runner.invoke(cli, ["extract", str(articles), "--model", "no_such_model_xyz"])
    assert result.exit_code == 4
    assert "no spaCy model" in result.stderr


def test_workers_give_the_same_triples_as_one_process(runner, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({**ARTICLE, "id": f"a{i}"}) + "\n" for i in range(12)))
    one = runner.invoke(cli, ["extract", str(path), "-q"]).stdout
    two = runner.invoke(cli, ["extract", str(path), "-q", "--workers", "2"]).stdout
    assert one == two and one.count("\n") == 12


def _gold(tmp_path, **fields):
    """A gold file of one line: Amazon INVESTS_IN Anthropic in article a1."""
    gold = tmp_path / "gold.jsonl"
    line = {"article_id": "a1", "subject": "Amazon", "relation": "INVESTS_IN"}
    gold.write_text(json.dumps({**line, "object": "Anthropic", **fields}) + "\n")
    return gold


def test_evaluate_prints_scores_per_relation(runner, articles, tmp_path):
    gold = _gold(tmp_path)
    result = runner.invoke(
        cli, ["evaluate", str(articles), "--gold", str(gold), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["relations"]["INVESTS_IN"]["f1"] == 1.0


def test_evaluate_rejects_an_unknown_relation(runner, articles, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    result = runner.invoke(
        cli, ["evaluate", str(articles), "--gold", str(gold), "--relations", "LIKES"]
    )
    assert result.exit_code == 2
    assert "LIKES" in result.output + result.stderr


def test_evaluate_set_scores_the_named_bundled_set(runner):
    result = runner.invoke(cli, ["evaluate", "--set", "holdout", "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["core"]["tp"] > 0 and scores["dead_deals"] >= 1


def test_evaluate_table_reports_dead_deals_and_reliability(runner, articles, tmp_path):
    gold = _gold(tmp_path, status="denied")
    result = runner.invoke(cli, ["evaluate", str(articles), "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "denied or ended deals stated as live: 1 of 1" in result.stdout
    assert "reliability" in result.stdout


def test_evaluate_set_refuses_articles_beside_it(runner, articles):
    result = runner.invoke(cli, ["evaluate", "--set", "dev", str(articles)])
    assert result.exit_code == 2
    assert "--set" in result.output + result.stderr
