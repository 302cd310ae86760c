"""The named query library: headers, portability, and each query's answer on the example graph.

The example graph (``example_triples`` in conftest.py): Amazon ($4B, then $8B in all) and
Google ($2B) invest in Anthropic, which runs on AWS and Google Cloud and trains on Trainium and
Nvidia chips; Microsoft invests in OpenAI ($10B) and Mistral AI, hosts OpenAI on Azure and
partners with it; Nvidia supplies OpenAI too.
"""

from __future__ import annotations

import pytest

from graph.dialects import portability_problems
from graph.errors import QueryError
from graph.queries import get_query, named_queries, parse_query

TESTED = set()


def answers(name):
    """Mark a test as covering the named query ``name``."""
    TESTED.add(name)
    return lambda test: test


@pytest.fixture
def example(store, example_triples):
    store.load(example_triples)
    return store


# -- the library itself -----------------------------------------------------------------------


def test_the_library_has_the_queries_the_issue_asks_for():
    assert set(named_queries()) >= {
        "who-funds",
        "portfolio",
        "compute-stack",
        "evidence",
        "bloc",
        "contested",
        "timeline",
        "top-investors",
        "top-suppliers",
    }


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_query_has_a_header_with_what_it_answers_and_examples_for_its_parameters(name):
    query = get_query(name)

    assert query.cypher.startswith(f"// {name}: ")
    assert len(query.summary) > 20
    for parameter in query.parameters:
        assert parameter.help
        assert parameter.example or not parameter.required
    assert f"alliances query {name}" in query.cypher  # a command line to copy


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_query_uses_only_cypher_both_backends_understand(name):
    assert portability_problems(get_query(name).cypher) == []


def test_portability_problems_names_the_neo4j_only_constructs():
    problems = portability_problems(
        "MATCH (o) WHERE o.name =~ 'A.*' AND EXISTS { (o)--() } RETURN elementId(o), datetime()"
    )
    assert len(problems) == 4


def test_a_header_gives_required_parameters_examples_and_optional_ones_defaults():
    query = parse_query(
        "// pair: two organisations.\n"
        "//   $org    the first (e.g. Amazon)\n"
        "//   $limit  how many (default: 5)\n"
        "MATCH (o) RETURN o LIMIT $limit"
    )

    assert query.name == "pair"
    assert [(p.name, p.required, p.example) for p in query.parameters] == [
        ("org", True, "Amazon"),
        ("limit", False, None),
    ]
    assert query.bind({"org": "Amazon", "limit": "3"}) == {"org": "Amazon", "limit": 3}
    assert query.bind({"org": "Amazon"}) == {"org": "Amazon", "limit": 5}
    with pytest.raises(QueryError, match=r"pair needs \$org"):
        query.bind({})
    with pytest.raises(QueryError, match=r"pair has no parameter \$ogr"):
        query.bind({"ogr": "Amazon"})


def test_an_unknown_name_lists_the_names_there_are():
    with pytest.raises(QueryError, match="no named query 'who-fund'; there are bloc, "):
        get_query("who-fund")


# -- each query on the example graph ----------------------------------------------------------


@answers("who-funds")
def test_who_funds_lists_the_investors_with_the_largest_amount_first(example):
    rows = example.named_query("who-funds", org="anthropic")

    assert rows[["investor", "amount_usd", "mentions", "status"]].values.tolist() == [
        ["Amazon", 8e9, 2, "confirmed"],
        ["Google", 2e9, 1, "confirmed"],
    ]
    assert rows.first_seen.tolist() == ["2023-09", "2023-10"]


@answers("portfolio")
def test_portfolio_lists_what_an_investor_backs(example):
    rows = example.named_query("portfolio", investor="Microsoft")

    assert rows[["company", "relation", "amount_usd"]].values.tolist() == [
        ["OpenAI", "INVESTS_IN", 1e10],
        ["Mistral AI", "INVESTS_IN", 1.6e7],
    ]


@answers("compute-stack")
def test_compute_stack_lists_an_organisations_cloud_and_chip_suppliers(example):
    rows = example.named_query("compute-stack", org="Anthropic")

    assert rows[["layer", "supplier", "via"]].values.tolist() == [
        ["cloud", "Amazon", ["AWS"]],
        ["cloud", "Google", ["Google Cloud"]],
        ["chips", "Amazon", ["Trainium"]],
        ["chips", "Nvidia", []],
    ]


@answers("evidence")
def test_evidence_gives_the_sentences_behind_an_edge_oldest_first(example):
    rows = example.named_query(
        "evidence", subject="Amazon", object="Anthropic", relation="invests_in"
    )

    assert rows[["article", "published", "status", "amount_usd"]].values.tolist() == [
        ["a1", "2023-09-25", "confirmed", 4e9],
        ["a5", "2024-11-22", "confirmed", 8e9],
    ]
    assert rows.sentence[0] == "Amazon will invest up to $4 billion in Anthropic."
    assert (rows.start[0], rows["end"][0]) == (0, len(rows.sentence[0]))
    every = example.named_query("evidence", subject="Amazon", object="Anthropic")
    assert sorted(set(every.relation)) == ["INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS"]
    partners = example.named_query(
        "evidence", subject="OpenAI", object="Microsoft", relation="PARTNERS_WITH"
    )
    assert partners.article.tolist() == ["a3"]  # either direction


@answers("bloc")
def test_bloc_lists_the_allies_within_two_hops(example):
    rows = example.named_query("bloc", org="Anthropic")

    assert rows[["ally", "hops"]].values.tolist() == [
        ["Amazon", 1],
        ["Google", 1],
        ["Nvidia", 1],
        ["OpenAI", 2],
    ]


@answers("contested")
def test_contested_lists_labs_tied_to_more_than_one_big_tech_group(example):
    rows = example.named_query("contested")

    assert rows[["lab", "ties", "groups"]].values.tolist() == [
        ["Anthropic", 2, ["Amazon", "Google"]],
    ]


@answers("timeline")
def test_timeline_lists_an_organisations_edges_by_date(example):
    rows = example.named_query("timeline", org="Amazon")

    assert rows[["first_seen", "relation", "object"]].values.tolist() == [
        ["2023-09", "INVESTS_IN", "Anthropic"],
        ["2023-09-25", "OWNS", "AWS"],
        ["2023-09-25", "OWNS", "Trainium"],
        ["2023-09-25", "PROVIDES_CLOUD", "Anthropic"],
        ["2023-09-25", "SUPPLIES_CHIPS", "Anthropic"],
    ]
    assert rows.last_seen[0] == "2024-11-22"


@answers("top-investors")
def test_top_investors_ranks_by_investments_then_stated_amounts(example):
    rows = example.named_query("top-investors")

    assert rows[["investor", "investments", "stated_usd"]].values.tolist() == [
        ["Microsoft", 2, 1e10 + 1.6e7],
        ["Amazon", 1, 8e9],
        ["Google", 1, 2e9],
    ]
    assert rows.companies[0] == ["Mistral AI", "OpenAI"]
    assert len(example.named_query("top-investors", limit="1")) == 1


@answers("top-suppliers")
def test_top_suppliers_ranks_by_customers(example):
    rows = example.named_query("top-suppliers", limit=2)

    assert rows[["supplier", "customers", "supplies"]].values.tolist() == [
        ["Nvidia", 2, ["chips"]],
        ["Amazon", 1, ["cloud", "chips"]],
    ]
    assert rows.customer_names[0] == ["Anthropic", "OpenAI"]


def test_every_named_query_is_tested_on_the_example_graph():
    assert set(named_queries()) <= TESTED
