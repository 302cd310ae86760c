"""Digest lines (extract/relations/digest.py): "A / B: <kind of tie>" states the tie its words
after the colon name, between the two parties before it."""

import pytest

from extract.articles import Article


def ties(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-12-01"))
    return {
        (t["subject"], t["relation"], t["object"], t["status"], t["amount_usd"])
        for t in found
        if t["relation"] != "OWNS"
    }


@pytest.mark.parametrize("separator", [" / ", " and ", "–"])
def test_a_digest_line_names_its_parties_before_the_colon(extractor, separator):
    text = f"Nvidia{separator}Intel: $5 billion investment."
    assert ("Nvidia", "INVESTS_IN", "Intel", "confirmed", 5e9) in ties(extractor, text)


def test_the_party_that_runs_the_cloud_supplies_it_whichever_comes_first(extractor):
    text = "Anthropic / Google: cloud deal for up to one million TPUs."
    found = {(s, r, o) for s, r, o, *_ in ties(extractor, text)}
    assert {
        ("Google", "PROVIDES_CLOUD", "Anthropic"),
        ("Google", "SUPPLIES_CHIPS", "Anthropic"),
    } <= found


def test_a_date_may_lead_a_digest_line(extractor):
    text = "April – Nvidia / Run:ai: agreed takeover of the Israeli start-up."
    assert {(s, r, o) for s, r, o, *_ in ties(extractor, text)} == {
        ("Nvidia", "ACQUIRES", "Run:ai")
    }


def test_a_price_per_share_is_no_deal_amount(extractor):
    text = "Hewlett Packard Enterprise / Juniper Networks: all-cash takeover at $40 a share, about $14bn."
    amounts = {a for s, r, o, _, a in ties(extractor, text) if r == "ACQUIRES"}
    assert amounts == {14e9}


def test_a_negated_digest_line_states_no_tie(extractor):
    text = "Google / Character.AI: not a takeover."
    assert not {r for _, r, *_ in ties(extractor, text)} & {"ACQUIRES"}


def test_a_chip_partnership_is_no_chip_supply(extractor):
    text = "Nvidia / Intel: chip collaboration on x86 processors."
    found = {(s, r, o) for s, r, o, *_ in ties(extractor, text)}
    assert ("Nvidia", "SUPPLIES_CHIPS", "Intel") not in found
    assert ("Nvidia", "PARTNERS_WITH", "Intel") in found


def test_a_colon_after_other_words_is_no_digest_line(extractor):
    text = "The view from Nvidia and Intel: investment is slowing."
    assert not ties(extractor, text)


def test_a_date_in_brackets_may_close_a_digest_head(extractor):
    text = (
        "- Microsoft / Oracle (November 2023): Bing inference moves onto Oracle Cloud "
        "Infrastructure under a multiyear agreement."
    )
    found = {(s, r, o) for s, r, o, *_ in ties(extractor, text)}
    assert ("Oracle", "PROVIDES_CLOUD", "Microsoft") in found


def test_a_name_no_one_knew_is_a_party_of_a_digest_head(extractor):
    text = "May – Nvidia / Deci: a second Israeli buy, this one an optimiser of AI models."
    assert {(s, r, o) for s, r, o, *_ in ties(extractor, text)} == {("Nvidia", "ACQUIRES", "Deci")}


@pytest.mark.parametrize(
    ("topic", "relation"),
    [
        ("more than $1bn for the start-up founded by the creators of Apache Iceberg", "ACQUIRES"),
        ("$1bn for a stake of about 2.9%", "INVESTS_IN"),
    ],
)
def test_a_sum_paid_for_a_company_buys_it_and_for_shares_invests(extractor, topic, relation):
    text = f"June – Databricks / Tabular: {topic}."
    assert {(s, r, o) for s, r, o, *_ in ties(extractor, text)} == {
        ("Databricks", relation, "Tabular")
    }


def test_a_third_makers_chips_are_no_supply_between_the_two(extractor):
    text = "Microsoft / IREN (November 3): $9.7bn over five years for capacity running Nvidia GB300 systems."
    found = {(s, r, o) for s, r, o, *_ in ties(extractor, text)}
    assert ("IREN", "PROVIDES_CLOUD", "Microsoft") in found
    assert not {r for s, r, o in found if r == "SUPPLIES_CHIPS" and {s, o} == {"Microsoft", "IREN"}}


def test_compute_counted_in_chips_is_no_cloud_tie(extractor):
    text = "Meta / Nvidia (January 2024): 350,000 H100s by year end, and compute equal to 600,000."
    found = {(s, r, o) for s, r, o, *_ in ties(extractor, text)}
    assert ("Nvidia", "SUPPLIES_CHIPS", "Meta") in found
    assert ("Nvidia", "PROVIDES_CLOUD", "Meta") not in found


def test_a_list_item_opening_with_a_date_gives_its_verbs_a_subject(extractor):
    text = "Apr 2021 – Microsoft: to buy Nuance Communications for $19.7bn including debt."
    assert ("Microsoft", "ACQUIRES", "Nuance") in {
        (s, r, o) for s, r, o, *_ in ties(extractor, text)
    }


@pytest.mark.parametrize(
    "text",
    [
        "September – Salesforce / Own Company: $1.9bn in cash for the data-backup provider.",
        "September – Nvidia / OctoAI: about $250m for the Seattle inference-software start-up.",
    ],
)
def test_a_sum_for_a_company_buys_it_wherever_the_parser_hangs_the_for(extractor, text):
    assert {r for _, r, *_ in ties(extractor, text)} == {"ACQUIRES"}
