"""Store fixtures: the store under test on every backend, and triples to fill it.

``store`` is parameterised over the backends: the embedded store always (a fresh file under
``tmp_path``), Neo4j when ``NEO4J_URI`` is set (the tests empty that database), else reported as
skipped with the reason.
"""

from __future__ import annotations

import os

import pytest

from graph.store import EmbeddedStore, Neo4jStore

NEO4J_SKIP = (
    "NEO4J_URI not set: the Neo4j backend was not tested "
    "(set NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD to run it; the tests empty that database)"
)


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    """A fresh, empty store of each backend."""
    if request.param == "embedded":
        opened = EmbeddedStore(tmp_path / "alliances.db")
    else:
        if not os.environ.get("NEO4J_URI"):
            pytest.skip(NEO4J_SKIP)
        opened = Neo4jStore()
        opened.query("MATCH (n) DETACH DELETE n", write=True)
    with opened:
        yield opened


@pytest.fixture
def triple():
    """Build a valid triple record; offsets follow the sentence."""

    def make(subject, relation, obj, *, article="a1", start=0, sentence=None, **fields):
        sentence = sentence or f"{subject} {relation.lower().replace('_', ' ')} {obj}."
        record = {
            "subject": subject,
            "subject_type": "ORG",
            "relation": relation,
            "object": obj,
            "object_type": "ORG",
            "via": None,
            "amount_usd": None,
            "date": None,
            "status": "confirmed",
            "confidence": 0.9,
            "article_id": article,
            "sentence": sentence,
            "start": start,
            "end": start + len(sentence),
            "title": f"Article {article}",
            "published": None,
            "url": None,
        }
        record.update(fields)
        return record

    return make


@pytest.fixture
def example_triples(triple):
    """A small alliance graph: Amazon and Google around Anthropic, Microsoft around OpenAI."""
    a1 = {"article": "a1", "published": "2023-09-25"}
    a2 = {"article": "a2", "published": "2023-10-27"}
    a3 = {"article": "a3", "published": "2023-01-23"}
    a4 = {"article": "a4", "published": "2024-03-01"}
    a5 = {"article": "a5", "published": "2024-11-22"}
    a6 = {"article": "a6", "published": "2024-02-26"}
    return [
        triple(
            "Amazon",
            "INVESTS_IN",
            "Anthropic",
            **a1,
            amount_usd=4e9,
            date="2023-09",
            sentence="Amazon will invest up to $4 billion in Anthropic.",
        ),
        triple(
            "Amazon",
            "PROVIDES_CLOUD",
            "Anthropic",
            **a1,
            start=51,
            via="AWS",
            sentence="Anthropic will use AWS as its primary cloud.",
        ),
        triple(
            "Amazon",
            "SUPPLIES_CHIPS",
            "Anthropic",
            **a1,
            start=96,
            via="Trainium",
            sentence="It will train its models on Trainium chips.",
        ),
        triple(
            "Amazon",
            "OWNS",
            "AWS",
            **a1,
            start=51,
            object_type="CLOUD",
            sentence="Anthropic will use AWS as its primary cloud.",
        ),
        triple(
            "Amazon",
            "OWNS",
            "Trainium",
            **a1,
            start=96,
            object_type="CHIP",
            sentence="It will train its models on Trainium chips.",
        ),
        triple("Google", "INVESTS_IN", "Anthropic", **a2, amount_usd=2e9, date="2023-10"),
        triple("Google", "PROVIDES_CLOUD", "Anthropic", **a2, start=40, via="Google Cloud"),
        triple("Microsoft", "INVESTS_IN", "OpenAI", **a3, amount_usd=1e10, date="2023-01"),
        triple("Microsoft", "PROVIDES_CLOUD", "OpenAI", **a3, start=40, via="Azure"),
        triple("OpenAI", "PARTNERS_WITH", "Microsoft", **a3, start=80),
        triple("Nvidia", "SUPPLIES_CHIPS", "OpenAI", **a4),
        triple("Nvidia", "SUPPLIES_CHIPS", "Anthropic", **a4, start=40),
        triple(
            "Amazon",
            "INVESTS_IN",
            "Anthropic",
            **a5,
            amount_usd=8e9,
            date="2024-11",
            sentence="Amazon's investment in Anthropic now totals $8 billion.",
        ),
        triple("Microsoft", "INVESTS_IN", "Mistral AI", **a6, amount_usd=1.6e7, date="2024-02"),
    ]
