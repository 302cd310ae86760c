"""Denials and endings (extract/relations/denials.py): a tie the article denies or says is over
is never also stated live."""

import pytest

from extract.articles import Article


def statuses(extractor, text, subject, obj):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-02-04"))
    return {t["status"] for t in found if (t["subject"], t["object"]) == (subject, obj)}


def test_a_tie_the_article_says_ended_is_not_also_confirmed(extractor):
    text = (
        "Figure AI is ending its collaboration agreement with OpenAI, its chief executive said. "
        "Figure AI and OpenAI announced a partnership a year ago."
    )
    assert statuses(extractor, text, "Figure AI", "OpenAI") == {"ended"}


def test_a_tie_that_never_ended_keeps_its_confirmed_claims(extractor):
    text = (
        "Figure AI is ending its collaboration agreement with OpenAI, its chief executive said. "
        "Figure AI announced a partnership with BMW a year ago."
    )
    assert statuses(extractor, text, "Figure AI", "BMW") == {"confirmed"}


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Carlyle, an investor in Ampere Computing, sold its stake to SoftBank.", "Carlyle"),
        ("Carlyle, an investor in Ampere Computing, exited last year.", "Carlyle"),
        ("Carlyle, an investor in Ampere Computing, has agreed to sell its stake.", "Carlyle"),
        ("Ampere Computing's backers, Oracle and Carlyle, agreed to sell their shares.", "Oracle"),
    ],
)
def test_a_holder_that_gives_up_its_holding_is_ended(extractor, text, holder):
    assert statuses(extractor, text, holder, "Ampere Computing") == {"ended"}


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Carlyle, an investor in Ampere Computing, sold its aerospace unit to Boeing.", "Carlyle"),
        (
            "Ampere Computing's backers, Oracle and Carlyle, agreed to sell their aerospace units.",
            "Oracle",
        ),
    ],
)
def test_a_holder_that_sells_something_else_still_holds(extractor, text, holder):
    assert statuses(extractor, text, holder, "Ampere Computing") == {"confirmed"}


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia agreed to buy Arm for $40 billion in 2020. The deal was abandoned in 2022.",
        "Nvidia was in talks to buy Arm. Talks broke down in the spring.",
        "Nvidia agreed to buy Arm. Regulators objected. The takeover was called off in 2022.",
    ],
)
def test_a_later_sentence_that_ends_the_deal_ends_the_tie(extractor, text):
    assert statuses(extractor, text, "Nvidia", "Arm") == {"ended"}


def test_an_ending_of_another_kind_of_deal_leaves_the_tie(extractor):
    text = "Nvidia invested in Mistral AI in 2024. The partnership was wound down in 2025."
    assert statuses(extractor, text, "Nvidia", "Mistral AI") == {"confirmed"}


def test_an_ending_that_names_other_parties_leaves_the_tie(extractor):
    text = "Nvidia agreed to buy Arm in 2020. Google's deal with HubSpot was abandoned."
    assert statuses(extractor, text, "Nvidia", "Arm") == {"confirmed"}


def test_talks_on_a_topic_of_their_own_refer_to_no_earlier_deal(extractor):
    text = "SoftBank bought shares of Intel. Talks on a chip venture with Intel collapsed."
    assert "confirmed" in statuses(extractor, text, "SoftBank", "Intel")


@pytest.mark.parametrize(
    "text",
    [
        "Alibaba is preparing to invest in DeepSeek, a newspaper reported. Alibaba denied the report.",
        "Bloomberg reported that Apple was in talks to invest in OpenAI. Apple said it has no plans "
        "to do so.",
        "TSMC was said to be discussing a joint venture with Intel. TSMC said it is not considering "
        "any joint venture.",
    ],
)
def test_a_later_denial_of_a_rumoured_deal_leaves_no_tie(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-02-04"))
    assert not [t for t in found if t["relation"] != "OWNS"]


def test_a_denial_by_an_unrelated_party_leaves_the_rumour(extractor):
    text = (
        "Bloomberg reported that Apple was in talks to invest in OpenAI. Nvidia denied the report."
    )
    assert statuses(extractor, text, "Apple", "OpenAI") == {"in_talks"}


def test_a_parenthetical_reporter_makes_the_claim_reported(extractor):
    text = "Alibaba is investing in DeepSeek, a Chinese newspaper reported on Monday."
    assert statuses(extractor, text, "Alibaba", "DeepSeek") == {"reported"}


def test_an_attempt_to_buy_is_a_bid(extractor):
    text = "Meta tried to buy Perplexity earlier this year."
    assert statuses(extractor, text, "Meta", "Perplexity") == {"in_talks"}


def test_an_attempt_that_was_turned_down_is_ended(extractor):
    text = "Meta tried to buy Perplexity earlier this year and was turned down."
    assert statuses(extractor, text, "Meta", "Perplexity") == {"ended"}


def test_talks_that_ended_do_not_end_what_was_done_before(extractor):
    text = (
        "xAI trained Grok on Nvidia H100 chips and discussed a larger contract with Oracle. "
        "Those talks ended in July."
    )
    assert statuses(extractor, text, "Nvidia", "xAI") == {"confirmed"}


@pytest.mark.parametrize(
    "text",
    [
        "Is Samsung investing in OpenAI?",
        "Microsoft invested in Mistral AI. Nor is Samsung an OpenAI shareholder.",
        "Samsung is OpenAI's supplier, not its shareholder.",
    ],
)
def test_a_question_or_a_negated_role_states_no_investment(extractor, text):
    assert "confirmed" not in statuses(extractor, text, "Samsung", "OpenAI")


@pytest.mark.parametrize("predicate", ["dead", "off"])
def test_a_deal_said_to_be_dead_or_off_is_ended(extractor, predicate):
    text = f"The $9bn takeover of Core Scientific by CoreWeave is {predicate}."
    assert statuses(extractor, text, "CoreWeave", "Core Scientific") == {"ended"}


def test_reports_of_a_deal_called_false_state_no_tie(extractor):
    text = (
        "An Alibaba vice-president wrote on Weibo that the reports of an Alibaba investment in "
        "DeepSeek were false."
    )
    found = extractor.extract_article(Article(id="t", text=text))
    assert not any(t["relation"] == "INVESTS_IN" for t in found)


def test_a_headline_denial_the_tagger_reads_as_an_auxiliary_drops_the_claim(extractor):
    text = "Nvidia denies report it plans to buy Arm again"
    assert statuses(extractor, text, "Nvidia", "Arm") == set()


def test_reports_called_wrong_state_no_tie(extractor):
    text = "The reports that Microsoft would buy TikTok were wrong, the company said."
    assert statuses(extractor, text, "Microsoft", "TikTok") == set()


def test_a_deal_not_signed_states_no_tie_for_its_purpose(extractor):
    text = "Meta has not signed a deal to rent Google's TPUs."
    assert statuses(extractor, text, "Google", "Meta") == set()


@pytest.mark.parametrize(
    ("text", "supplier", "customer"),
    [
        ("Apple stopped using Intel processors in 2020.", "Intel", "Apple"),
        ("The US banned Nvidia from selling H20 chips to Alibaba.", "Nvidia", "Alibaba"),
        ("Qualcomm lost its modem chip deal with Apple.", "Qualcomm", "Apple"),
    ],
)
def test_a_supply_stopped_barred_or_lost_is_ended(extractor, text, supplier, customer):
    assert statuses(extractor, text, supplier, customer) == {"ended"}


def test_a_tie_that_is_the_subject_of_a_verb_ending_something_else_stays(extractor):
    text = "Anthropic's reliance on AWS did not stop the deal."
    assert statuses(extractor, text, "Amazon", "Anthropic") == {"confirmed"}


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI is designing its own chip to reduce its reliance on Nvidia.",
        "OpenAI wants to rely less on Nvidia.",
    ],
)
def test_cutting_down_a_dependence_states_no_supply(extractor, text):
    assert statuses(extractor, text, "Nvidia", "OpenAI") == set()
