"""Amounts a claim's sentence ties to it (extract/relations/amounts.py): a deal's stated worth is
the claim's amount; a company's valuation never is."""

import pytest

from extract.articles import Article


def amount(extractor, text, subject, relation, obj):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-07-01"))
    (triple,) = [
        t for t in found if (t["subject"], t["relation"], t["object"]) == (subject, relation, obj)
    ]
    return triple["amount_usd"]


@pytest.mark.parametrize(
    "text",
    [
        "Snowflake will buy Crunchy Data in a deal reported at around $250 million.",
        "Snowflake will buy Crunchy Data in an all-stock transaction valued at about $250 million.",
        "Snowflake will buy Crunchy Data in a deal priced at $250 million.",
    ],
)
def test_the_worth_a_deal_is_valued_or_reported_at_is_its_amount(extractor, text):
    assert amount(extractor, text, "Snowflake", "ACQUIRES", "Crunchy Data") == 250e6


def test_a_company_valued_at_a_sum_gives_no_amount(extractor):
    text = "Snowflake will buy Crunchy Data, which was valued at $250 million last year."
    assert amount(extractor, text, "Snowflake", "ACQUIRES", "Crunchy Data") is None


def test_a_price_after_the_bought_companys_description_is_the_deals_amount(extractor):
    text = (
        "Databricks has agreed to acquire MosaicML, a start-up that helps companies train "
        "their own language models, for $1.3 billion."
    )
    assert amount(extractor, text, "Databricks", "ACQUIRES", "MosaicML") == 1.3e9


def test_a_sum_inside_the_bought_companys_description_is_not_the_price(extractor):
    text = "Databricks has agreed to acquire MosaicML, a start-up that raised $64 million in 2021."
    assert amount(extractor, text, "Databricks", "ACQUIRES", "MosaicML") is None


@pytest.mark.parametrize(
    "text",
    [
        "IVP led the $500 million round in Perplexity.",
        "IVP led a $500 million Series C in Perplexity.",
    ],
)
def test_the_size_of_a_round_an_investor_leads_is_not_its_amount(extractor, text):
    assert amount(extractor, text, "IVP", "INVESTS_IN", "Perplexity") is None


def test_a_led_rounds_size_never_becomes_the_leaders_amount(extractor):
    text = "IVP led Perplexity's $500 million round with $100 million."
    assert amount(extractor, text, "IVP", "INVESTS_IN", "Perplexity") in {100e6, None}


def test_money_spent_to_buy_a_company_is_the_price(extractor):
    found = extractor.extract_article(
        Article(id="t", text="Naver spent $1.2 billion to buy Poshmark, the US marketplace.")
    )
    deal = next(t for t in found if t["relation"] == "ACQUIRES")
    assert deal["amount_usd"] == 1.2e9


def test_a_round_total_is_not_the_part_of_one_that_took_part(extractor):
    text = "MGX took part in OpenAI's $6.6 billion round in October 2024."
    found = extractor.extract_article(Article(id="t", text=text))
    stake = next(t for t in found if t["relation"] == "INVESTS_IN")
    assert stake["subject"] == "MGX" and stake["amount_usd"] is None
