"""The seed article (../shared/seed/): everything it states about investments, clouds and chips."""

from pathlib import Path

import pytest

from extract import Extractor, iter_articles

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "amazon-anthropic-trainium.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")


@pytest.fixture(scope="module")
def triples():
    [article] = iter_articles([SEED], on_error="raise")
    return Extractor().extract_article(article)


def find(triples, subject, relation, obj, **fields):
    return [
        t
        for t in triples
        if (t["subject"], t["relation"], t["object"]) == (subject, relation, obj)
        and all(t[k] == v for k, v in fields.items())
    ]


def test_amazon_invests_4_billion_in_anthropic_confirmed(triples):
    assert find(triples, "Amazon", "INVESTS_IN", "Anthropic", amount_usd=4e9, status="confirmed")


def test_the_new_investment_is_in_talks(triples):
    assert find(triples, "Amazon", "INVESTS_IN", "Anthropic", status="in_talks")


def test_amazon_provides_cloud_to_anthropic_via_aws(triples):
    assert find(triples, "Amazon", "PROVIDES_CLOUD", "Anthropic", via="AWS")


@pytest.mark.parametrize("chip", ["Trainium", "Inferentia"])
def test_amazon_supplies_chips_to_anthropic_via_its_chips(triples, chip):
    assert find(triples, "Amazon", "SUPPLIES_CHIPS", "Anthropic", via=chip)


def test_nvidia_supplies_chips_to_anthropic(triples):
    assert find(triples, "Nvidia", "SUPPLIES_CHIPS", "Anthropic")


def test_amazon_distributes_anthropic_via_bedrock(triples):
    assert find(triples, "Amazon", "DISTRIBUTES", "Anthropic", via="Amazon Bedrock")


def test_microsoft_partners_with_openai(triples):
    assert find(triples, "Microsoft", "PARTNERS_WITH", "OpenAI")


@pytest.mark.parametrize("product", ["AWS", "Trainium", "Inferentia", "Amazon Bedrock"])
def test_amazon_owns_its_products(triples, product):
    assert find(triples, "Amazon", "OWNS", product)


def test_publications_and_photo_credits_are_no_parties(triples):
    parties = {t["subject"] for t in triples} | {t["object"] for t in triples}
    assert not parties & {"The Information", "Getty Images", "Noah Berger", "Featured Image"}


def test_every_triple_points_at_its_sentence(triples):
    text = SEED.read_text(encoding="utf-8")
    assert all(text[t["start"] : t["end"]] == t["sentence"] for t in triples)
