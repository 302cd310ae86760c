"""Relation frames: how each way of stating a relation becomes a triple."""

from pathlib import Path

import pytest

from extract import Article, Extractor


def triples(extractor, text, published="2024-06-01"):
    found = extractor.extract_article(Article(id="t", text=text, published=published))
    return {(t["subject"], t["relation"], t["object"]) for t in found if t["relation"] != "OWNS"}


def only(extractor, text, **fields):
    found = [
        t
        for t in extractor.extract_article(Article(id="t", text=text, published="2024-06-01"))
        if t["relation"] != "OWNS"
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amazon invested $4 billion in Anthropic.", {("Amazon", "INVESTS_IN", "Anthropic")}),
        (
            "Anthropic was backed by Google and Salesforce Ventures.",
            {("Google", "INVESTS_IN", "Anthropic"), ("Salesforce", "INVESTS_IN", "Anthropic")},
        ),
        ("Microsoft-backed OpenAI released a new model.", {("Microsoft", "INVESTS_IN", "OpenAI")}),
        (
            "Mistral AI raised €600 million from General Catalyst.",
            {("General Catalyst", "INVESTS_IN", "Mistral AI")},
        ),
        (
            "xAI raised $6 billion in a round led by Valor Equity Partners, with participation from Nvidia and AMD.",
            {
                ("Valor Equity Partners", "INVESTS_IN", "xAI"),
                ("Nvidia", "INVESTS_IN", "xAI"),
                ("AMD", "INVESTS_IN", "xAI"),
            },
        ),
        ("Meta took a 49% stake in Scale AI.", {("Meta", "INVESTS_IN", "Scale AI")}),
        (
            "Google's $2 billion investment in Anthropic surprised analysts.",
            {("Google", "INVESTS_IN", "Anthropic")},
        ),
        ("Nvidia is an investor in CoreWeave.", {("Nvidia", "INVESTS_IN", "CoreWeave")}),
    ],
)
def test_investments(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anthropic trains its models on Google's TPUs.",
            {("Google", "SUPPLIES_CHIPS", "Anthropic")},
        ),
        ("OpenAI runs on Microsoft Azure.", {("Microsoft", "PROVIDES_CLOUD", "OpenAI")}),
        (
            "Anthropic made AWS its primary cloud provider.",
            {("Amazon", "PROVIDES_CLOUD", "Anthropic")},
        ),
        (
            "OpenAI signed a $10 billion cloud deal with Oracle.",
            {("Oracle", "PROVIDES_CLOUD", "OpenAI")},
        ),
        ("AMD will supply OpenAI with its MI450 chips.", {("AMD", "SUPPLIES_CHIPS", "OpenAI")}),
        (
            "Inflection AI bought thousands of Nvidia GPUs.",
            {("Nvidia", "SUPPLIES_CHIPS", "Inflection AI")},
        ),
    ],
)
def test_clouds_and_chips(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mistral AI partnered with Microsoft.", {("Mistral AI", "PARTNERS_WITH", "Microsoft")}),
        (
            "The Microsoft-OpenAI partnership is under strain.",
            {("Microsoft", "PARTNERS_WITH", "OpenAI")},
        ),
        ("Apple announced a partnership with OpenAI.", {("Apple", "PARTNERS_WITH", "OpenAI")}),
        ("Nvidia agreed to acquire Run:ai for $700 million.", {("Nvidia", "ACQUIRES", "Run:ai")}),
        (
            "Weights & Biases was acquired by CoreWeave.",
            {("CoreWeave", "ACQUIRES", "Weights & Biases")},
        ),
        (
            "Claude models are available to AWS customers through Amazon Bedrock.",
            {("Amazon", "DISTRIBUTES", "Anthropic")},
        ),
    ],
)
def test_partnerships_acquisitions_and_distribution(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_products_map_to_their_owner_and_stay_in_via(extractor):
    triple = only(extractor, "Anthropic uses Trainium chips.")
    assert (triple["subject"], triple["via"]) == ("Amazon", "Trainium")


def test_venture_arms_roll_up_to_their_parent(extractor):
    triple = only(extractor, "GV invested in Anthropic.")
    assert (triple["subject"], triple["via"]) == ("Google", "GV")


def test_a_denied_claim_gives_no_triple(extractor):
    assert triples(extractor, "Apple denied that it was investing in OpenAI.") == set()


def test_a_negated_claim_gives_no_triple(extractor):
    assert triples(extractor, "Apple is not investing in OpenAI.") == set()


def test_a_subject_negated_by_neither_nor_gives_no_triple(extractor):
    text = (
        "Stargate raised money from SoftBank. Neither Microsoft nor Google is among its investors."
    )
    found = triples(extractor, text)
    assert ("Microsoft", "INVESTS_IN", "Stargate") not in found
    assert ("Google", "INVESTS_IN", "Stargate") not in found


def test_items_of_one_list_are_not_tied_to_each_other(extractor):
    text = (
        "Sakana AI raised $200 million in a round led by Lux Capital. "
        "MUFG, Mizuho and SMBC came in as new shareholders."
    )
    found = triples(extractor, text)
    assert not {("MUFG", "INVESTS_IN", "Mizuho"), ("Mizuho", "INVESTS_IN", "SMBC")} & found
    assert ("MUFG", "INVESTS_IN", "Sakana AI") in found


def test_an_also_invested_continues_the_round_across_a_paragraph(extractor):
    text = "Sakana AI raised $200 million in a round led by Lux Capital.\n\nNvidia also invested."
    assert ("Nvidia", "INVESTS_IN", "Sakana AI") in triples(extractor, text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Amazon is in talks to invest in Anthropic.", "in_talks"),
        ("Amazon is reportedly exploring an investment in Anthropic.", "in_talks"),
        ("Amazon has invested in Anthropic, according to Bloomberg.", "reported"),
        ("Microsoft ended its partnership with OpenAI.", "ended"),
        ("SoftBank sold its stake in Nvidia.", "ended"),
        ("Nvidia's attempt to buy Arm failed amid regulatory opposition.", "ended"),
        ("The deal, under which Nvidia would have bought Arm, collapsed.", "ended"),
        ("Regulators blocked Nvidia's acquisition of Arm.", "ended"),
        ("Amazon invested in Anthropic.", "confirmed"),
        ("Tesla shareholders will vote on whether Tesla should invest in xAI.", "in_talks"),
    ],
)
def test_status_follows_hedges_and_endings(extractor, text, status):
    assert only(extractor, text)["status"] == status


def test_amount_and_date_are_attached_to_the_claim(extractor):
    triple = only(extractor, "Amazon invested $1.25 billion in Anthropic in September 2023.")
    assert (triple["amount_usd"], triple["date"]) == (1.25e9, "2023-09")


def test_a_valuation_is_not_an_amount(extractor):
    triple = only(extractor, "Google invested in Anthropic at a $40 billion valuation.")
    assert triple["amount_usd"] is None


def test_a_round_shared_by_several_investors_has_no_amount(extractor):
    found = extractor.extract_article(
        Article(id="t", text="Mistral AI raised $640 million from Nvidia and Samsung.")
    )
    assert {t["amount_usd"] for t in found if t["relation"] == "INVESTS_IN"} == {None}


def test_the_company_refers_back_to_the_organisation_named_before(extractor):
    text = "Anthropic builds Claude. The startup is backed by Amazon."
    assert ("Amazon", "INVESTS_IN", "Anthropic") in triples(extractor, text)


def test_a_new_startup_the_gazetteer_does_not_know_still_takes_part(extractor):
    text = "Nvidia invested in Zyphra Technologies, a small startup."
    assert ("Nvidia", "INVESTS_IN", "Zyphra Technologies") in triples(extractor, text)


def test_provenance_points_at_the_sentence(extractor):
    text = "Intro line here. Amazon invested in Anthropic."
    [triple] = [
        t
        for t in extractor.extract_article(Article(id="t", text=text))
        if t["relation"] == "INVESTS_IN"
    ]
    assert (
        text[triple["start"] : triple["end"]]
        == triple["sentence"]
        == "Amazon invested in Anthropic."
    )
    assert 0 < triple["confidence"] <= 1


def test_reducing_dependency_on_a_chipmaker_states_no_supply(extractor):
    text = "Amazon aims to leverage its own hardware and reduce dependency on Nvidia."
    assert not {t for t in triples(extractor, text) if t[0] == "Nvidia"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reflection AI raised $2 billion. GIC and DST Global also participated.",
            {("GIC", "INVESTS_IN", "Reflection AI"), ("DST Global", "INVESTS_IN", "Reflection AI")},
        ),
        (
            "Databricks was valued at $38 billion. Earlier, Franklin Templeton led a round in"
            " which Microsoft also invested.",
            {
                ("Franklin Templeton", "INVESTS_IN", "Databricks"),
                ("Microsoft", "INVESTS_IN", "Databricks"),
            },
        ),
        (
            "Anthropic closed a $900 million round. Thrive Capital led, with Accel and DST Global.",
            {
                ("Thrive Capital", "INVESTS_IN", "Anthropic"),
                ("Accel", "INVESTS_IN", "Anthropic"),
                ("DST Global", "INVESTS_IN", "Anthropic"),
            },
        ),
        (
            "Anthropic closed a round. Thrive Capital led, with participation from Accel.",
            {("Thrive Capital", "INVESTS_IN", "Anthropic"), ("Accel", "INVESTS_IN", "Anthropic")},
        ),
    ],
)
def test_a_round_told_before_is_the_one_joined(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_co_led_is_one_word_and_leads_a_round(extractor):
    text = "Reflection AI raised $100 million. Accel co-led."
    assert triples(extractor, text) == {("Accel", "INVESTS_IN", "Reflection AI")}


def test_an_unknown_name_listed_with_organisations_is_one(extractor):
    text = "Cerebras raised $1.1 billion in a round led by Fidelity and Atreides Management."
    assert ("Atreides Management", "INVESTS_IN", "Cerebras") in triples(extractor, text)


def test_a_bought_name_the_ner_took_for_a_place_is_a_company(extractor):
    text = "Workday agreed in August to acquire Paradox, whose chatbots screen job applicants."
    assert triples(extractor, text) == {("Workday", "ACQUIRES", "Paradox")}


def test_money_put_into_a_place_is_no_investment(extractor):
    assert triples(extractor, "Microsoft plans to invest $10 billion in Wisconsin.") == set()


def test_a_debt_syndicate_is_no_funding_round(extractor):
    text = (
        "Databricks closed its Series J in January. Separately, the company took on $5 billion"
        " of debt from a bank group led by JPMorgan Chase."
    )
    assert not {t for t in triples(extractor, text) if t[0] == "JPMorgan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OpenAI agreed to pay about $3 billion for Windsurf.",
            {("OpenAI", "ACQUIRES", "Windsurf")},
        ),
        ("This year Apple has picked up WhyLabs.", {("Apple", "ACQUIRES", "WhyLabs")}),
        (
            "Amazon paid $2.75 billion for a stake in Anthropic.",
            {("Amazon", "INVESTS_IN", "Anthropic")},
        ),
    ],
)
def test_paying_for_a_company_buys_it_but_paying_for_a_stake_invests(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_a_clause_about_whose_data_centres_names_the_customer(extractor):
    text = "CoreWeave, whose data centres run on Nvidia GPUs, has grown rapidly."
    assert triples(extractor, text) == {("Nvidia", "SUPPLIES_CHIPS", "CoreWeave")}


def test_a_partnership_naming_no_party_is_the_one_of_the_pair_the_sentence_ties(extractor):
    text = "Microsoft announced a new investment in OpenAI, extending a partnership begun in 2019."
    assert ("Microsoft", "PARTNERS_WITH", "OpenAI") in triples(extractor, text)


def test_a_partnership_with_its_own_party_is_not_borrowed(extractor):
    text = "Amazon invested in Anthropic, but the partnership with Google continues."
    assert ("Amazon", "PARTNERS_WITH", "Anthropic") not in triples(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amazon has committed $8 billion to Anthropic.", {("Amazon", "INVESTS_IN", "Anthropic")}),
        ("OpenAI committed $250 billion to Azure.", set()),
        (
            "Crusoe raised $600 million in December. Nvidia was in that round.",
            {("Nvidia", "INVESTS_IN", "Crusoe")},
        ),
        (
            "Groq raised $750 million. Samsung and Cisco were among existing shareholders.",
            {("Samsung", "INVESTS_IN", "Groq"), ("Cisco", "INVESTS_IN", "Groq")},
        ),
    ],
)
def test_money_committed_to_a_company_and_places_in_a_round_are_investments(
    extractor, text, expected
):
    assert triples(extractor, text) == expected


def test_a_negated_verb_leaves_its_subjects_reliance_standing(extractor):
    text = "Anthropic's reliance on AWS did not stop the deal."
    assert triples(extractor, text) == {("Amazon", "PROVIDES_CLOUD", "Anthropic")}


def test_an_investment_that_did_not_happen_gives_no_triple(extractor):
    assert triples(extractor, "Amazon's investment in Anthropic did not happen.") == set()


def test_models_hosted_on_a_cloud_run_there(extractor):
    text = "Anthropic's models are hosted on Amazon Web Services."
    assert triples(extractor, text) == {("Amazon", "PROVIDES_CLOUD", "Anthropic")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Microsoft and Oracle are big suppliers of computing capacity to OpenAI.",
            {("Microsoft", "PROVIDES_CLOUD", "OpenAI"), ("Oracle", "PROVIDES_CLOUD", "OpenAI")},
        ),
        (
            "Already the main supplier of high-bandwidth memory to Nvidia, SK Hynix has grown.",
            {("SK Hynix", "SUPPLIES_CHIPS", "Nvidia")},
        ),
    ],
)
def test_a_supplier_is_typed_by_what_it_supplies(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "IBM and Meta launched the AI Alliance, a collaboration of more than 50 companies.",
            {("IBM", "PARTNERS_WITH", "Meta")},
        ),
        (
            "In July, Aker and Nscale agreed to form a joint venture, Stargate Norway.",
            {("Aker", "PARTNERS_WITH", "Nscale")},
        ),
        (
            "OpenAI unveiled Stargate UK, a partnership with Nscale and Nvidia.",
            {
                ("OpenAI", "PARTNERS_WITH", "Nscale"),
                ("OpenAI", "PARTNERS_WITH", "Nvidia"),
                ("Nscale", "PARTNERS_WITH", "Nvidia"),
            },
        ),
        (
            "G42 will build a cluster in partnership with OpenAI and Oracle.",
            {("G42", "PARTNERS_WITH", "OpenAI"), ("G42", "PARTNERS_WITH", "Oracle")},
        ),
    ],
)
def test_who_partners_with_whom_in_a_venture(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_a_passive_purchase_without_agent_names_no_buyer(extractor):
    text = (
        "Nvidia is a big company. Asked whether Mistral AI might be acquired, Nvidia's chief"
        " said no."
    )
    assert not {t for t in triples(extractor, text) if t[1] == "ACQUIRES"}


def test_a_quoted_we_is_the_speaker_not_the_company_the_text_is_about(extractor):
    text = 'TSMC reported results. TSMC grew. Mistral\'s chief said: "We will buy Graphcore."'
    assert not {t for t in triples(extractor, text) if t[0] == "TSMC"}


def test_a_completed_purchase_makes_the_buyer_the_owner(extractor):
    found = extractor.extract_article(Article(id="t", text="Meta bought WhatsApp in 2014."))
    assert ("Meta", "OWNS", "WhatsApp") in {
        (t["subject"], t["relation"], t["object"]) for t in found
    }


def test_an_agreed_purchase_makes_no_owner_yet(extractor):
    found = extractor.extract_article(
        Article(id="t", text="Qualcomm agreed to buy Alphawave Semi.")
    )
    assert not [t for t in found if t["relation"] == "OWNS"]


def test_a_city_named_before_a_description_picks_the_company(extractor):
    text = "Graphcore makes IPUs. SoftBank took control of the Bristol-based AI chip start-up."
    assert ("SoftBank", "ACQUIRES", "Graphcore") in triples(extractor, text)


def test_an_indefinite_description_after_another_name_refers_to_no_one(extractor):
    text = "Databricks agreed to buy Neon, a serverless Postgres database company."
    assert triples(extractor, text) == {("Databricks", "ACQUIRES", "Neon")}


def test_it_in_what_a_company_said_is_that_company(extractor):
    text = (
        "Workday grew. On Tuesday Workday said it had agreed to buy Sana, a Stockholm-based"
        " start-up that makes AI assistants."
    )
    assert triples(extractor, text) == {("Workday", "ACQUIRES", "Sana")}


def test_a_city_and_state_before_based_name_the_company(extractor):
    text = (
        "CoreWeave rents GPUs. The Livingston, New Jersey-based operator agreed to acquire"
        " OpenPipe, a start-up."
    )
    assert ("CoreWeave", "ACQUIRES", "OpenPipe") in triples(extractor, text)


def test_both_after_a_pair_stands_for_the_pair(extractor):
    text = "Amazon and Google invested in Anthropic. Both sell cloud capacity to Anthropic."
    assert {
        ("Amazon", "PROVIDES_CLOUD", "Anthropic"),
        ("Google", "PROVIDES_CLOUD", "Anthropic"),
    } <= triples(extractor, text)


def test_leading_an_amount_after_a_round_joins_that_round(extractor):
    text = "Perplexity raised $500 million. Accel led another $500 million this spring."
    assert only(extractor, text)["subject"] == "Accel"


def test_an_amount_at_a_price_is_no_investment_amount(extractor):
    text = "Perplexity raised $500 million. Accel led another $500 million at $14 billion."
    assert only(extractor, text)["amount_usd"] == 500_000_000


@pytest.mark.parametrize(
    "text",
    [
        "Bloomberg reported that Apple is in talks to invest in Mistral AI. Apple denied the report.",
        "Amazon invested in Anthropic. Amazon denied the report that it would buy the startup.",
    ],
)
def test_a_denied_report_gives_no_triple(extractor, text):
    assert not {t for t in triples(extractor, text) if t[1] != "INVESTS_IN" or t[0] == "Apple"}


def test_declining_to_comment_denies_nothing(extractor):
    text = (
        "The Information reported that Amazon will invest in Anthropic. Amazon declined to comment."
    )
    assert only(extractor, text)["status"] == "reported"


def test_a_confirmed_report_is_confirmed(extractor):
    text = "Amazon confirmed the report that it would invest in Anthropic."
    assert only(extractor, text)["status"] == "confirmed"


def test_a_lexicon_of_ones_own_sets_the_word_lists_the_rules_use(tmp_path):
    bundled = (Path(__file__).resolve().parents[1] / "extract/data/lexicon.toml").read_text()
    own = tmp_path / "lexicon.toml"
    own.write_text(bundled.replace("\nreport_nouns = [", "\nreport_nouns = []\nunused = ["))
    text = "Bloomberg reported that Apple is in talks to invest in Mistral AI. Apple denied the report."
    assert ("Apple", "INVESTS_IN", "Mistral AI") in triples(Extractor(lexicon=str(own)), text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tagger reads the bought name as punctuation; the verb is read along the text
        (
            "Databricks, the San Francisco data and AI company, acquired MosaicML for $1.3 billion.",
            ("Databricks", "ACQUIRES", "MosaicML"),
        ),
        # "invested" parsed as a participle of the apposition
        (
            "Snowflake, the cloud data firm, invested in Reka AI.",
            ("Snowflake", "INVESTS_IN", "Reka"),
        ),
        # "in turn trains": the parser takes "trains" for a noun
        (
            "Cohere in turn trains its models on Oracle Cloud Infrastructure.",
            ("Oracle", "PROVIDES_CLOUD", "Cohere"),
        ),
    ],
)
def test_a_verb_the_parser_misreads_is_read_along_the_text(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_a_passive_verb_is_not_read_along_the_text(extractor):
    found = triples(extractor, "MosaicML, the San Francisco startup, was acquired by Databricks.")
    assert found == {("Databricks", "ACQUIRES", "MosaicML")}


def test_a_relative_clause_without_that_buys_the_name_its_apposition_describes(extractor):
    text = "Sales grew with Splunk, the observability software maker Cisco bought for $28 billion."
    assert ("Cisco", "ACQUIRES", "Splunk") in triples(extractor, text)


def test_its_right_after_a_possessor_is_that_possessor(extractor):
    text = (
        "Meta will invest $14.3 billion in Scale AI. Scale AI said it would stay independent. "
        "The deal is Meta's biggest since its $19 billion purchase of WhatsApp."
    )
    found = triples(extractor, text)
    assert ("Meta", "ACQUIRES", "WhatsApp") in found
    assert ("Scale AI", "ACQUIRES", "WhatsApp") not in found


def test_it_as_main_subject_continues_the_subject_before(extractor):
    text = (
        "Snowflake partnered with Mistral AI to bring the Paris-based model maker's models into "
        "its platform, and invested in the model maker. In 2023 it had bought Neeva."
    )
    found = triples(extractor, text)
    assert ("Snowflake", "ACQUIRES", "Neeva") in found
    assert ("Mistral AI", "ACQUIRES", "Neeva") not in found


def test_a_verb_in_ies_the_tagger_takes_for_a_noun_is_read_as_a_verb(extractor):
    found = triples(extractor, "CoreWeave supplies computing power to OpenAI.")
    assert found == {("CoreWeave", "PROVIDES_CLOUD", "OpenAI")}


def test_names_counted_among_a_companys_backers_back_it(extractor):
    found = triples(extractor, "xAI counts Nvidia and AMD among its backers.")
    assert found == {("Nvidia", "INVESTS_IN", "xAI"), ("AMD", "INVESTS_IN", "xAI")}


def test_a_list_of_leads_the_parser_reads_as_a_modifier_is_still_a_list(extractor):
    text = "Cohere has raised $500 million in a round led by Radical Ventures and Inovia Capital."
    found = triples(extractor, text)
    assert {
        ("Radical Ventures", "INVESTS_IN", "Cohere"),
        ("Inovia Capital", "INVESTS_IN", "Cohere"),
    } <= found


def test_its_prefers_the_main_clause_subject_to_a_subordinate_one(extractor):
    text = (
        "Hugging Face has raised $235 million from a roll call of the technology industry, with "
        "Google, Amazon, Nvidia, AMD, Intel, IBM and Qualcomm all joining a Series D round led by "
        "Salesforce Ventures.\n\nThe round values the New York-based open-source AI platform at "
        "$4.5 billion, more than double its valuation last year. The venture firm Sound Ventures "
        "also took part."
    )
    found = triples(extractor, text)
    assert ("Sound Ventures", "INVESTS_IN", "Hugging Face") in found
    assert ("Sound Ventures", "INVESTS_IN", "Google") not in found


def test_a_name_no_one_knows_that_raises_money_owns_the_round_told_next(extractor):
    found = triples(extractor, "Supabase raised $100 million. Accel co-led.")
    assert found == {("Accel", "INVESTS_IN", "Supabase")}


def test_a_common_word_that_raises_money_is_no_company(extractor):
    assert triples(extractor, "Revenue raised $100 million. Accel co-led.") == set()


def test_a_round_whose_owner_is_not_named_is_the_articles_subject(extractor):
    text = (
        "Cerebras pulled its listing, days after raising $1.1 billion privately. Cerebras no "
        "longer needs public markets.\nBackers\n- Series G: co-led by Fidelity and Atreides "
        "Management; Tiger Global also took part."
    )
    found = triples(extractor, text)
    assert {
        ("Fidelity", "INVESTS_IN", "Cerebras"),
        ("Tiger Global", "INVESTS_IN", "Cerebras"),
    } <= found


def test_a_transcripts_speaker_is_no_company(extractor):
    text = (
        "Crusoe builds data centres. Crusoe has grown fast.\n"
        "HOST 2: Founders Fund led a $600 million Series D in December."
    )
    found = triples(extractor, text)
    assert ("Founders Fund", "INVESTS_IN", "Crusoe") in found
    assert not any("HOST" in (s, o) for s, _, o in found)


def test_its_in_a_list_of_roles_is_not_the_subject_the_roles_describe(extractor):
    text = "Anthropic works with Amazon, which remains its primary cloud provider and training partner."
    assert ("Amazon", "PROVIDES_CLOUD", "Anthropic") in triples(extractor, text)


def test_amounts_of_capacity_are_capacity(extractor):
    text = "OpenAI has agreed to rent vast amounts of computing capacity from Oracle."
    assert triples(extractor, text) == {("Oracle", "PROVIDES_CLOUD", "OpenAI")}


def test_splitting_work_between_chips_uses_each(extractor):
    text = "Anthropic splits its training between Google's TPUs and Amazon's Trainium chips."
    found = triples(extractor, text)
    assert found == {
        ("Google", "SUPPLIES_CHIPS", "Anthropic"),
        ("Amazon", "SUPPLIES_CHIPS", "Anthropic"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AMD issued OpenAI a warrant for up to 160 million AMD shares.",
            ("OpenAI", "INVESTS_IN", "AMD"),
        ),
        (
            "CoreWeave will issue OpenAI $350 million worth of its shares.",
            ("OpenAI", "INVESTS_IN", "CoreWeave"),
        ),
        ("Nvidia will buy $5bn of Intel common stock.", ("Nvidia", "INVESTS_IN", "Intel")),
        (
            "Nvidia is both CoreWeave's main hardware supplier and one of its shareholders.",
            ("Nvidia", "INVESTS_IN", "CoreWeave"),
        ),
    ],
)
def test_shares_issued_bought_or_held_are_investments(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_shares_granted_to_a_person_are_no_investment(extractor):
    assert triples(extractor, "Nvidia granted its chief executive 2 million shares.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Cohere raised $500 million. The round included Nvidia and Oracle.",
        "Cohere's Series D drew Nvidia and Oracle.",
    ],
)
def test_those_a_round_included_invest(extractor, text):
    assert triples(extractor, text) == {
        ("Nvidia", "INVESTS_IN", "Cohere"),
        ("Oracle", "INVESTS_IN", "Cohere"),
    }


def test_a_company_in_which_another_is_a_shareholder_is_backed_by_it(extractor):
    text = "Mistral AI, a company in which Microsoft is a minority shareholder, released a model."
    assert triples(extractor, text) == {("Microsoft", "INVESTS_IN", "Mistral AI")}


def test_a_deal_to_build_something_in_is_no_supply_deal(extractor):
    text = "Perplexity has struck a deal with Samsung to integrate its AI assistant into Galaxy phones."
    assert not any(r == "SUPPLIES_CHIPS" for _, r, _ in triples(extractor, text))


def test_a_party_named_twice_around_a_deal_is_one_party(extractor):
    found = extractor.extract_article(
        Article(
            id="t", text="Microsoft ended its exclusive cloud arrangement with OpenAI in January."
        )
    )
    assert [
        (t["subject"], t["relation"], t["object"], t["status"])
        for t in found
        if t["relation"] != "OWNS"
    ] == [("Microsoft", "PROVIDES_CLOUD", "OpenAI", "ended")]


def test_the_amount_of_a_deal_can_hang_on_its_verb(extractor):
    found = only(extractor, "CoreWeave expanded its contract with OpenAI by $6.5 billion.")
    assert (found["relation"], found["amount_usd"]) == ("PROVIDES_CLOUD", 6.5e9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Microsoft is in discussions to invest in Mistral AI.",
            ("Microsoft", "INVESTS_IN", "Mistral AI", "in_talks"),
        ),
        (
            "Google is nearing a deal to invest in Anthropic.",
            ("Google", "INVESTS_IN", "Anthropic", "in_talks"),
        ),
        ("Meta dropped its plan to acquire FuriosaAI.", ("Meta", "ACQUIRES", "FuriosaAI", "ended")),
    ],
)
def test_an_infinitive_completing_a_noun_takes_its_holder_and_its_status(extractor, text, expected):
    found = extractor.extract_article(Article(id="t", text=text))
    assert expected in {(t["subject"], t["relation"], t["object"], t["status"]) for t in found}


def test_a_cloud_named_with_its_owner_is_read_whole(extractor):
    # read along the text (the apposition breaks the parse): "Nvidia's DGX Cloud" is one phrase
    text = "Cohere, the Toronto startup, trains models on Nvidia's DGX Cloud."
    assert triples(extractor, text) == {("Nvidia", "PROVIDES_CLOUD", "Cohere")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EXCLUSIVE: Amazon in talks to invest in Anthropic again",
            {("Amazon", "INVESTS_IN", "Anthropic")},
        ),
        (
            "- Cohere: raised $500 million led by Radical Ventures and Inovia Capital.",
            {
                ("Radical Ventures", "INVESTS_IN", "Cohere"),
                ("Inovia Capital", "INVESTS_IN", "Cohere"),
            },
        ),
        (
            "Among Anthropic's investors are Google and Salesforce.",
            {("Google", "INVESTS_IN", "Anthropic"), ("Salesforce", "INVESTS_IN", "Anthropic")},
        ),
        (
            "Oracle and SoftBank are partners in Stargate.",
            {("Oracle", "PARTNERS_WITH", "Stargate"), ("SoftBank", "PARTNERS_WITH", "Stargate")},
        ),
        (
            "Lambda signed a multibillion-dollar deal with Microsoft for Nvidia GPU capacity.",
            {("Lambda", "PROVIDES_CLOUD", "Microsoft")},
        ),
    ],
)
def test_headlines_list_items_and_inverted_sentences(extractor, text, expected):
    assert expected <= triples(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anthropic will spend tens of billions of dollars on Google Cloud services.",
            {("Google", "PROVIDES_CLOUD", "Anthropic")},
        ),
        (
            "Meta has agreed to pay Google more than $10 billion for cloud computing services.",
            {("Google", "PROVIDES_CLOUD", "Meta")},
        ),
        (
            "Microsoft agreed to rent Nvidia GPUs from Nebius.",
            {("Nvidia", "SUPPLIES_CHIPS", "Microsoft"), ("Nebius", "PROVIDES_CLOUD", "Microsoft")},
        ),
        (
            "OpenAI gains access to hundreds of thousands of Nvidia GPUs through AWS.",
            {("Nvidia", "SUPPLIES_CHIPS", "OpenAI"), ("Amazon", "PROVIDES_CLOUD", "OpenAI")},
        ),
    ],
)
def test_spending_paying_and_renting_through_a_cloud(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_its_of_an_unresolved_description_is_not_a_name_in_its_clause(extractor):
    text = "The startup, which counts Nvidia and Microsoft among its backers, is growing."
    assert ("Nvidia", "INVESTS_IN", "Microsoft") not in triples(extractor, text)


def test_a_deal_between_two_chipmakers_with_no_word_of_chips_supplies_nothing(extractor):
    text = "Nvidia's deal with Broadcom is the latest example."
    assert not any(r == "SUPPLIES_CHIPS" for _, r, _ in triples(extractor, text))


def test_engineers_working_on_a_chip_do_not_buy_it(extractor):
    text = "Rivos' engineers would work on MTIA, the accelerator Meta already uses."
    assert ("Meta", "SUPPLIES_CHIPS", "Rivos") not in triples(extractor, text)


def test_a_co_verb_the_tagger_calls_a_proper_noun_is_a_verb():
    from extract.pipeline import build_pipeline

    nlp = build_pipeline()
    doc = nlp.make_doc("Accel and Sequoia co-led.")
    doc[3].tag_ = "NNP"  # what the tagger guesses before a paragraph break
    doc = nlp.get_pipe("attribute_ruler")(doc)
    assert (doc[3].tag_, doc[3].pos_, doc[3].lemma_) == ("VBD", "VERB", "co-lead")


def test_a_name_the_text_calls_a_product_is_no_company(extractor):
    doc = extractor.nlp("Cisco launched AI Defense, a product that tests models for weaknesses.")
    assert [doc[m.start : m.end].text for m in doc._.mentions] == ["Cisco"]


def test_an_agreement_worth_an_amount_to_buy_capacity(extractor):
    text = "OpenAI has signed an agreement worth $11.9 billion to buy computing capacity from CoreWeave."
    found = only(extractor, text)
    assert (found["subject"], found["relation"], found["object"], found["amount_usd"]) == (
        "CoreWeave",
        "PROVIDES_CLOUD",
        "OpenAI",
        11.9e9,
    )


def test_a_deal_no_one_is_with_supplies_nothing(extractor):
    text = "Oracle and the private equity firm Carlyle are selling their stakes in the deal."
    assert not any(r == "PROVIDES_CLOUD" for _, r, _ in triples(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Qualcomm signed a memorandum of understanding with Humain.",
        "Qualcomm and Humain are partners.",
    ],
)
def test_memoranda_and_partners_are_partnerships(extractor, text):
    assert triples(extractor, text) == {("Qualcomm", "PARTNERS_WITH", "Humain")}


def test_an_unknown_first_name_of_a_list_of_companies_is_a_company(extractor):
    text = "Perplexity closed a $500 million round. Investors in the round include IVP, NEA and Nvidia."
    assert ("IVP", "INVESTS_IN", "Perplexity") in triples(extractor, text)


def test_a_name_no_one_knows_raising_money_from_an_investor(extractor):
    assert triples(extractor, "Supabase raised $100 million from Accel.") == {
        ("Accel", "INVESTS_IN", "Supabase")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Databricks snapped up MosaicML last year.",
            ("Databricks", "ACQUIRES", "MosaicML", "confirmed", None),
        ),
        (
            "Meta's purchase of a 49% stake in Scale AI closed in June.",
            ("Meta", "INVESTS_IN", "Scale AI", "confirmed", None),
        ),
        (
            "SoftBank's sale of its Nvidia stake raised $5.8 billion.",
            ("SoftBank", "INVESTS_IN", "Nvidia", "ended", None),
        ),
        (
            "Under the terms, HPE will pay $40 per share for Juniper.",
            ("Hewlett Packard Enterprise", "ACQUIRES", "Juniper Networks", "confirmed", None),
        ),
    ],
)
def test_purchases_stakes_and_prices(extractor, text, expected):
    found = extractor.extract_article(Article(id="t", text=text))
    assert expected in {
        (t["subject"], t["relation"], t["object"], t["status"], t["amount_usd"]) for t in found
    }


def test_a_machine_powered_by_chips_is_its_owners(extractor):
    text = "xAI's Colossus supercomputer is powered by 200,000 Nvidia GPUs."
    assert triples(extractor, text) == {("Nvidia", "SUPPLIES_CHIPS", "xAI")}


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic raised $13 billion from investors led by Iconiq.",
        "xAI raised $10 billion from a consortium led by Valor Equity Partners.",
    ],
)
def test_the_leads_of_a_group_of_investors_invest(extractor, text):
    lead, company = (
        ("ICONIQ", "Anthropic") if "Iconiq" in text else ("Valor Equity Partners", "xAI")
    )
    assert triples(extractor, text) == {(lead, "INVESTS_IN", company)}


def test_debt_from_a_bank_group_is_no_investment(extractor):
    text = "Databricks took on $5.25 billion of debt from a bank group led by JPMorgan Chase."
    assert triples(extractor, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TSMC manufactures Nvidia's Blackwell chips.", ("TSMC", "SUPPLIES_CHIPS", "Nvidia")),
        ("Meta's MTIA chips are made by TSMC.", ("TSMC", "SUPPLIES_CHIPS", "Meta")),
    ],
)
def test_a_foundry_supplies_the_owner_of_the_chips_it_makes(extractor, text, expected):
    assert triples(extractor, text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta's next accelerator is expected to be manufactured by TSMC.",
            {("TSMC", "SUPPLIES_CHIPS", "Meta")},
        ),
        (
            "- OpenAI: its first custom processor is to be fabricated by Samsung.",
            {("Samsung", "SUPPLIES_CHIPS", "OpenAI")},
        ),
        ("Wiz is set to be bought by Google.", {("Google", "ACQUIRES", "Wiz")}),
        # no agent: nobody makes or buys anything, and the subject does not become the maker
        ("Nvidia's next chip is to be manufactured in Arizona.", set()),
        ("Wiz is expected to be acquired.", set()),
    ],
)
def test_a_passive_infinitive_takes_the_raised_subject_as_its_object(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Regulators cleared AMD sales of up to 20,000 MI355X chips to Humain.",
            {("AMD", "SUPPLIES_CHIPS", "Humain")},
        ),
        (
            "Shipments of Nvidia H20 processors to ByteDance resumed in July.",
            {("Nvidia", "SUPPLIES_CHIPS", "ByteDance")},
        ),
        (
            "The first deliveries of Blackwell chips to Oracle began in March.",
            {("Nvidia", "SUPPLIES_CHIPS", "Oracle")},
        ),
        # a company sold is bought, not its chips; a stake sold is no chips
        ("SoftBank's sale of Arm to Nvidia collapsed.", {("Nvidia", "ACQUIRES", "Arm")}),
        ("Intel completed the sale of its stake to SoftBank.", set()),
        # chips sold to a country: no customer company
        ("Sales of Nvidia chips to China were banned.", set()),
    ],
)
def test_a_sale_of_chips_supplies_whom_it_goes_to(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cohere runs on Google's TPUs, AMD's MI300X and Nvidia's GPUs.",
            {
                ("Google", "SUPPLIES_CHIPS", "Cohere"),
                ("AMD", "SUPPLIES_CHIPS", "Cohere"),
                ("Nvidia", "SUPPLIES_CHIPS", "Cohere"),
            },
        ),
        # an apposition that names no chips is no item of the list
        (
            "Cohere trains on Google's TPUs, a rival to Nvidia's GPUs.",
            {("Google", "SUPPLIES_CHIPS", "Cohere")},
        ),
    ],
)
def test_every_item_of_a_chip_list_parsed_as_appositions_gets_its_maker(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lambda will house its fleet of Nvidia GPUs in the new Dallas site.",
            {("Nvidia", "SUPPLIES_CHIPS", "Lambda")},
        ),
        ("Nscale operates 50,000 AMD MI355X chips.", {("AMD", "SUPPLIES_CHIPS", "Nscale")}),
        # operating someone's data centre is running a cloud for it, not renting one from it
        (
            "Nscale will operate Microsoft's data centre in Loughton.",
            {("Nscale", "PROVIDES_CLOUD", "Microsoft")},
        ),
        # "it" is the site, not the company it may resolve to
        ("G42 will develop the site; OpenAI and Oracle will operate it.", set()),
    ],
)
def test_housing_or_operating_chips_uses_them(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Texas campus will be built by Crusoe using AMD's MI355X accelerators.",
            {("AMD", "SUPPLIES_CHIPS", "Crusoe")},
        ),
        (
            "The model was trained by Mistral AI using Nvidia H100 chips.",
            {("Nvidia", "SUPPLIES_CHIPS", "Mistral AI")},
        ),
        # no agent: the thing built is no customer
        ("The facility will be built using Nvidia GPUs.", set()),
        (
            "Wiz was acquired by Google, making it the largest deal.",
            {("Google", "ACQUIRES", "Wiz")},
        ),
    ],
)
def test_a_participle_after_a_passive_takes_the_agent_as_its_subject(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MediaTek taped out its Dimensity processor on TSMC's 2-nanometre process.",
            {("TSMC", "SUPPLIES_CHIPS", "MediaTek")},
        ),
        (
            "Microsoft will use Intel's 18A process technology for a custom chip.",
            {("Intel", "SUPPLIES_CHIPS", "Microsoft")},
        ),
        # a process that is no chip making
        ("Anthropic relies on Nvidia's hiring process.", set()),
    ],
)
def test_a_chipmakers_manufacturing_process_is_its_chips(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_designing_chips_is_no_foundry_supply(extractor):
    assert triples(extractor, "Broadcom designed Google's TPUs.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Google rents TPUs to Meta through Google Cloud.",
            {("Google", "SUPPLIES_CHIPS", "Meta"), ("Google", "PROVIDES_CLOUD", "Meta")},
        ),
        (
            "Nvidia supplies GPUs to OpenAI via Oracle.",
            {("Nvidia", "SUPPLIES_CHIPS", "OpenAI"), ("Oracle", "PROVIDES_CLOUD", "OpenAI")},
        ),
    ],
)
def test_supplying_through_a_cloud(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic makes Claude. Anthropic grows. Sequoia led a funding round for a robotics startup.",
        "Anthropic makes Claude. Anthropic grows. Sequoia has led more seed rounds than any other firm.",
    ],
)
def test_a_round_told_of_someone_else_is_not_the_articles_subject(extractor, text):
    assert triples(extractor, text) == set()


def test_an_adjective_between_a_noun_and_its_verb_passes_on_no_subject(extractor):
    text = "Microsoft is looking for a buyer willing to acquire Inflection."
    assert triples(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI signed a deal with CoreWeave to add computing capacity.",
        "CoreWeave and OpenAI signed a contract worth $11.9 billion.",
    ],
)
def test_a_deal_for_capacity_with_a_cloud_is_a_cloud_deal(extractor, text):
    assert triples(extractor, text) == {("CoreWeave", "PROVIDES_CLOUD", "OpenAI")}


def test_a_list_with_a_comma_before_and_is_read_whole(extractor):
    text = "Supabase raised $100 million. Accel, Index Ventures, and Sequoia co-led."
    assert {s for s, _, _ in triples(extractor, text)} == {
        "Accel",
        "Index Ventures",
        "Sequoia Capital",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ByteDance has been buying Huawei Ascend chips.",
            {("Huawei", "SUPPLIES_CHIPS", "ByteDance")},
        ),
        ("Meta agreed to buy Nvidia GPUs worth billions.", {("Nvidia", "SUPPLIES_CHIPS", "Meta")}),
    ],
)
def test_buying_a_makers_chips_buys_chips_not_the_maker(extractor, text, expected):
    assert triples(extractor, text) == expected


def test_those_one_company_partners_with_are_not_partners_of_each_other(extractor):
    found = triples(extractor, "Uber is partnering with Nvidia and Wayve on robotaxis.")
    assert found == {("Uber", "PARTNERS_WITH", "Nvidia"), ("Uber", "PARTNERS_WITH", "Wayve")}


def test_a_companys_acquisition_by_another_is_the_other_buying_it(extractor):
    found = triples(extractor, "MosaicML's acquisition by Databricks closed in July.")
    assert found == {("Databricks", "ACQUIRES", "MosaicML")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Apple may acquire Perplexity.", "in_talks"),
        ("In May, Apple acquired Perplexity.", "confirmed"),
    ],
)
def test_may_as_a_modal_hedges_and_as_a_month_does_not(extractor, text, status):
    assert only(extractor, text)["status"] == status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude is hosted on AWS and Google Cloud.",
            {("Amazon", "PROVIDES_CLOUD", "Anthropic"), ("Google", "PROVIDES_CLOUD", "Anthropic")},
        ),
        ("xAI leases its data center from Oracle.", {("Oracle", "PROVIDES_CLOUD", "xAI")}),
    ],
)
def test_a_model_hosted_on_a_cloud_and_a_data_center_leased_from_one(extractor, text, expected):
    assert triples(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nvidia agreed to rent about 18,000 GPUs from Lambda.",
            {("Lambda", "PROVIDES_CLOUD", "Nvidia")},
        ),
        ("Meta trains its models on CoreWeave's GPUs.", {("CoreWeave", "PROVIDES_CLOUD", "Meta")}),
    ],
)
def test_the_chips_of_a_cloud_are_its_capacity(extractor, text, expected):
    assert expected <= triples(extractor, text)


def test_a_cloud_building_on_its_own_chips_supplies_no_one_else(extractor):
    found = triples(extractor, "Both Nscale and Nebius build their clouds on Nscale's GPUs.")
    assert ("Nscale", "PROVIDES_CLOUD", "Nebius") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Oracle is in talks with Meta about a cloud agreement.",
        "Oracle is negotiating with Meta over a cloud deal.",
    ],
)
def test_talks_about_a_deal_name_its_other_party(extractor, text):
    found = only(extractor, text)
    assert (found["subject"], found["relation"], found["object"], found["status"]) == (
        "Oracle",
        "PROVIDES_CLOUD",
        "Meta",
        "in_talks",
    )


def test_a_deals_worth_is_its_amount(extractor):
    found = only(extractor, "Oracle signed a cloud agreement worth $20 billion with Meta.")
    assert found["amount_usd"] == 20e9


def test_a_misread_verb_shares_what_follows_with_the_verb_after_and(extractor):
    text = "Cohere trains and deploys its models on Oracle Cloud Infrastructure."
    assert ("Oracle", "PROVIDES_CLOUD", "Cohere") in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic raised money. Amazon and Google are its largest shareholders, and both supply"
        " its computing power.",
        "Anthropic raised money. Amazon and Google are its largest shareholders, and both supply"
        " much of its computing power.",
    ],
)
def test_supplying_a_companys_compute_supplies_the_company(extractor, text):
    assert ("Amazon", "PROVIDES_CLOUD", "Anthropic") in triples(extractor, text)


def test_a_supplier_supplying_its_own_chips_names_no_customer(extractor):
    assert triples(extractor, "Nvidia supplies its GPUs.") == set()


def test_its_reaches_past_a_sentence_naming_no_one(extractor):
    text = (
        "CoreWeave said it would buy Monolith AI. Terms were not disclosed. "
        "The deal follows its purchase of Weights & Biases."
    )
    assert ("CoreWeave", "ACQUIRES", "Weights & Biases") in triples(extractor, text)


def test_its_does_not_reach_past_a_sentence_about_a_person(extractor):
    text = (
        "Broadcom said a new customer placed orders. He did not identify the buyer. "
        "Designing its own silicon is meant to reduce its dependence on Nvidia."
    )
    assert not any(s == "Nvidia" for s, _, _ in triples(extractor, text))


def test_a_purchase_completed_in_a_relative_clause_makes_an_owner(extractor):
    found = extractor.extract_article(
        Article(
            id="t",
            text="Databricks signed two deals. Both follow its purchase of MosaicML, which it"
            " completed in July.",
        )
    )
    assert ("Databricks", "OWNS", "MosaicML") in {
        (t["subject"], t["relation"], t["object"]) for t in found
    }


def test_a_name_described_as_a_startup_is_a_company_whatever_the_ner_says(extractor):
    text = "It sued Qualcomm over technology from Nuvia, a startup Qualcomm bought in 2021."
    assert ("Qualcomm", "ACQUIRES", "Nuvia") in triples(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sakana AI raised $200 million. Lux Capital took part, as did Nvidia.",
            {("Lux Capital", "INVESTS_IN", "Sakana AI"), ("Nvidia", "INVESTS_IN", "Sakana AI")},
        ),
        (
            "Wayve raised $1bn in a round led by SoftBank, with Nvidia and existing backer"
            " Microsoft also taking part.",
            {("SoftBank", "INVESTS_IN", "Wayve"), ("Nvidia", "INVESTS_IN", "Wayve")},
        ),
    ],
)
def test_subjects_shared_with_a_clause_beside_the_verb(extractor, text, expected):
    assert expected <= triples(extractor, text)


def test_a_with_that_names_the_partner_is_no_subject_of_the_participle(extractor):
    found = triples(extractor, "Microsoft partnered with OpenAI, with Nvidia providing chips.")
    assert not any(s == "OpenAI" for s, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Cisco's investments include Cohere and Mistral AI.",
        "Cisco set up a fund in June, and its first commitments included Cohere and Mistral AI.",
    ],
)
def test_an_investors_holdings_include_those_it_backs(extractor, text):
    assert triples(extractor, text) == {
        ("Cisco", "INVESTS_IN", "Cohere"),
        ("Cisco", "INVESTS_IN", "Mistral AI"),
    }


def test_a_partnership_with_the_one_company_named_is_the_articles_subjects(extractor):
    text = (
        "Nvidia unveiled new chips. Nvidia also announced a deal with Nokia on 6G. "
        "Nvidia said demand was strong. A similar partnership with CrowdStrike follows."
    )
    assert ("CrowdStrike", "PARTNERS_WITH", "Nvidia") in triples(extractor, text) | {
        (o, r, s) for s, r, o in triples(extractor, text)
    }


def test_a_partnership_with_no_subject_in_an_article_without_one_names_no_pair(extractor):
    text = "Google and Microsoft both spoke. A partnership with CrowdStrike was announced."
    assert not any(r == "PARTNERS_WITH" for _, r, _ in triples(extractor, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nscale plans to install 100,000 Nvidia GPUs in Norway.",
            ("Nvidia", "SUPPLIES_CHIPS", "Nscale"),
        ),
        (
            "Intel will build custom CPUs that Nvidia will integrate into its platforms.",
            ("Intel", "SUPPLIES_CHIPS", "Nvidia"),
        ),
    ],
)
def test_chips_installed_or_integrated_are_supplied_by_their_maker(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_every_maker_of_a_list_makes_what_a_relative_clause_speaks_of(extractor):
    text = (
        "Micron and SK Hynix agreed to supply memory chips for Meta's Ohio project, which Meta"
        " says will double its capacity."
    )
    assert {("Micron", "SUPPLIES_CHIPS", "Meta"), ("SK Hynix", "SUPPLIES_CHIPS", "Meta")} <= (
        triples(extractor, text)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nvidia agreed to buy any of CoreWeave's cloud capacity that goes unsold.",
            {("CoreWeave", "PROVIDES_CLOUD", "Nvidia")},
        ),
        (
            "Perplexity said its Sonar model is served from Cerebras's inference cloud.",
            {("Cerebras", "PROVIDES_CLOUD", "Perplexity")},
        ),
        (
            "CoreWeave agreed to buy Core Scientific, whose data centres already host a large share"
            " of CoreWeave's GPUs.",
            {("Core Scientific", "PROVIDES_CLOUD", "CoreWeave")},
        ),
    ],
)
def test_quantities_of_a_companys_resources_and_models_served_from_a_cloud(
    extractor, text, expected
):
    found = triples(extractor, text)
    assert expected <= found
    assert ("Nvidia", "ACQUIRES", "CoreWeave") not in found


def test_a_number_with_an_organisation_ending_is_a_name(extractor):
    text = "Reflection AI raised $2 billion. GIC and 1789 Capital also participated."
    assert ("1789 Capital", "INVESTS_IN", "Reflection AI") in triples(extractor, text)


def test_a_year_before_a_name_stays_a_year(extractor):
    found = triples(extractor, "In 2024 Capital One bought Discover.")
    assert not any("2024" in s or "2024" in o for s, _, o in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nvidia invested in Mistral AI alongside Microsoft.",
            {("Nvidia", "INVESTS_IN", "Mistral AI"), ("Microsoft", "INVESTS_IN", "Mistral AI")},
        ),
        (
            "Cerebras raised $1.1 billion. Fidelity took part, alongside existing holders Altimeter.",
            {
                ("Fidelity", "INVESTS_IN", "Cerebras"),
                ("Altimeter Capital", "INVESTS_IN", "Cerebras"),
            },
        ),
    ],
)
def test_those_alongside_an_investor_invest_too(extractor, text, expected):
    assert expected <= triples(extractor, text)


def test_a_name_the_ner_once_calls_a_place_is_the_company_it_names_elsewhere(extractor):
    text = (
        "Salesforce agreed to buy Informatica, the data company. Informatica makes software. "
        "The price is net of Salesforce's current investment in Informatica."
    )
    assert ("Salesforce", "INVESTS_IN", "Informatica") in triples(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cohere raised $500 million on Tuesday. The round drew participation from Microsoft"
            " and Samsung.",
            {("Microsoft", "INVESTS_IN", "Cohere"), ("Samsung", "INVESTS_IN", "Cohere")},
        ),
        ("Nvidia made an early bet on Cohere.", {("Nvidia", "INVESTS_IN", "Cohere")}),
    ],
)
def test_participation_in_the_round_just_told_and_bets_on_a_company(extractor, text, expected):
    assert expected <= triples(extractor, text)


def test_a_bet_on_chips_is_no_stake_in_their_maker(extractor):
    assert triples(extractor, "Meta's bet on Nvidia chips paid off.") == set()


def test_a_second_participle_modifies_the_same_round(extractor):
    text = "Cohere raised $500 million in a round led by Thrive Capital and joined by Nvidia."
    assert {("Thrive Capital", "INVESTS_IN", "Cohere"), ("Nvidia", "INVESTS_IN", "Cohere")} <= (
        triples(extractor, text)
    )


def test_a_model_trained_on_chips_leaves_the_chips_to_the_verb(extractor):
    text = "xAI trains Grok on Nvidia H100 GPUs at its Memphis supercomputer."
    assert ("Nvidia", "SUPPLIES_CHIPS", "xAI") in triples(extractor, text)


def test_companies_working_together_are_partners(extractor):
    text = "IBM and Anthropic said they would work together on enterprise AI."
    assert triples(extractor, text) == {("IBM", "PARTNERS_WITH", "Anthropic")}


def test_working_with_a_companys_models_is_no_partnership(extractor):
    assert triples(extractor, "IBM works with Anthropic's models.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anthropic named AWS its primary cloud and training partner.",
            ("Amazon", "PROVIDES_CLOUD", "Anthropic"),
        ),
        (
            "OpenAI's Stargate data center in Abilene is operated by Oracle.",
            ("Oracle", "PROVIDES_CLOUD", "OpenAI"),
        ),
    ],
)
def test_a_cloud_partner_and_the_operator_of_a_data_center_provide_cloud(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_operating_its_own_cloud_serves_no_one(extractor):
    assert triples(extractor, "Microsoft operates Azure in 60 regions.") == set()


def test_an_appositions_its_is_not_the_name_it_describes(extractor):
    text = "Anthropic said Amazon, its biggest backer, would invest more."
    assert ("Amazon", "INVESTS_IN", "Anthropic") in triples(extractor, text)


def test_the_pronoun_of_a_relative_clause_is_the_object_of_its_complement(extractor):
    found = only(extractor, "Wiz, which Google agreed to buy for $32 billion, makes software.")
    assert (found["subject"], found["relation"], found["object"], found["amount_usd"]) == (
        "Google",
        "ACQUIRES",
        "Wiz",
        32e9,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The investment gives Meta a 49% stake in Scale AI.", ("Meta", "INVESTS_IN", "Scale AI")),
        (
            "The agreement grants Microsoft a 27% stake in OpenAI's for-profit company.",
            ("Microsoft", "INVESTS_IN", "OpenAI"),
        ),
    ],
)
def test_the_one_given_a_stake_in_a_company_invests_in_it(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_a_deal_is_typed_by_what_its_purpose_secures(extractor):
    text = "Microsoft has also signed deals with CoreWeave and Nebius to secure GPU capacity."
    assert triples(extractor, text) == {
        ("CoreWeave", "PROVIDES_CLOUD", "Microsoft"),
        ("Nebius", "PROVIDES_CLOUD", "Microsoft"),
    }


def test_a_cloud_business_is_the_antecedent_of_its(extractor):
    text = "AWS counts Anthropic among its largest customers."
    assert triples(extractor, text) == {("Amazon", "PROVIDES_CLOUD", "Anthropic")}


def test_a_headline_infinitive_takes_the_name_before_to(extractor):
    text = "Oracle to spend $40 billion on Nvidia chips for OpenAI's Texas data center"
    assert ("Nvidia", "SUPPLIES_CHIPS", "Oracle") in triples(extractor, text)


def test_selling_a_business_is_no_supply(extractor):
    text = "AMD bought ZT Systems. AMD plans to sell ZT's manufacturing business to Sanmina."
    assert not any(r == "SUPPLIES_CHIPS" for _, r, _ in triples(extractor, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Microsoft already uses AMD's MI300X accelerators, and OpenAI has said it will deploy"
            " them too.",
            ("AMD", "SUPPLIES_CHIPS", "OpenAI"),
        ),
        (
            "Microsoft bought Nvidia GB200 racks. OpenAI trains on them.",
            ("Nvidia", "SUPPLIES_CHIPS", "OpenAI"),
        ),
        (
            "Oracle delivered Nvidia GB200 racks to OpenAI in June.",
            ("Nvidia", "SUPPLIES_CHIPS", "Oracle"),
        ),
    ],
)
def test_them_and_racks_stand_for_the_chips_named(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_a_list_of_clouds_parsed_as_appositions_is_read_whole(extractor):
    text = (
        "Snowflake counts Microsoft and Amazon as cloud partners. Snowflake runs on AWS,"
        " Microsoft Azure and Google Cloud."
    )
    assert {
        ("Amazon", "PROVIDES_CLOUD", "Snowflake"),
        ("Microsoft", "PROVIDES_CLOUD", "Snowflake"),
        ("Google", "PROVIDES_CLOUD", "Snowflake"),
    } <= triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Inflection AI sold most of its staff to Microsoft a year later.",
        "Microsoft bought most of Inflection's team.",
    ],
)
def test_buying_a_companys_staff_is_no_acquisition_of_it(extractor, text):
    assert not any(r == "ACQUIRES" for _, r, _ in triples(extractor, text))


def test_an_amount_of_a_later_clause_is_not_the_first_verbs(extractor):
    text = (
        "Nvidia put $100 million into CoreWeave in 2023 and later agreed to buy $6.3 billion of"
        " its unused capacity."
    )
    found = [
        t
        for t in extractor.extract_article(Article(id="t", text=text))
        if t["relation"] == "INVESTS_IN"
    ]
    assert [t["amount_usd"] for t in found] == [100e6]


def test_paying_for_a_model_licenses_it(extractor):
    found = only(
        extractor, "Apple would pay Google roughly $1 billion a year for a custom Gemini model."
    )
    assert (found["subject"], found["relation"], found["object"]) == (
        "Apple",
        "PARTNERS_WITH",
        "Google",
    )


def test_paying_for_shares_is_no_partnership(extractor):
    text = "SoftBank will pay $23 a share for newly issued Intel common stock."
    assert not any(r == "PARTNERS_WITH" for _, r, _ in triples(extractor, text))


def test_chips_in_data_centres_run_by_clouds_come_with_their_cloud(extractor):
    text = (
        "Mistral trains its models on Nvidia chips in data centres run by Fluidstack and CoreWeave."
    )
    assert triples(extractor, text) == {
        ("Nvidia", "SUPPLIES_CHIPS", "Mistral AI"),
        ("Fluidstack", "PROVIDES_CLOUD", "Mistral AI"),
        ("CoreWeave", "PROVIDES_CLOUD", "Mistral AI"),
    }


def test_a_known_name_with_an_arms_ending_is_the_arm_rolled_up_to_its_parent(extractor):
    found = extractor.extract_article(
        Article(id="t", text="Groq signed a partnership with Aramco Digital, the technology arm.")
    )
    keys = {(t["subject"], t["relation"], t["object"], t["via"]) for t in found}
    assert ("Aramco", "OWNS", "Aramco Digital", None) in keys
    assert any({s, o} == {"Groq", "Aramco"} and r == "PARTNERS_WITH" for s, r, o, _ in keys), keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OpenAI has committed to buying millions of Nvidia GPUs.",
            ("Nvidia", "SUPPLIES_CHIPS", "OpenAI"),
        ),
        (
            "Perplexity raised $73.6 million in a round led by IVP, with NEA and Nvidia taking part.",
            ("Nvidia", "INVESTS_IN", "Perplexity"),
        ),
    ],
)
def test_a_gerund_after_a_preposition_takes_its_subject(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_a_letter_of_intent_is_a_deal_in_talks(extractor):
    text = (
        "Analysts said it mirrors Nvidia's letter of intent to invest up to $100 billion in OpenAI."
    )
    found = only(extractor, text)
    assert (found["subject"], found["relation"], found["object"], found["status"]) == (
        "Nvidia",
        "INVESTS_IN",
        "OpenAI",
        "in_talks",
    )


def test_it_after_a_colon_is_the_subject_before_it(extractor):
    text = (
        "Amazon did something similar with Adept. Meta took a different route: it bought a 49%"
        " stake in Scale AI."
    )
    found = triples(extractor, text)
    assert ("Meta", "INVESTS_IN", "Scale AI") in found
    assert ("Amazon", "INVESTS_IN", "Scale AI") not in found


def test_a_name_the_tagger_misreads_that_raises_money_is_a_company(extractor):
    text = (
        "Supermaven, which raised $12 million from Bessemer last year, was acquired by Anysphere."
    )
    assert {
        ("Bessemer Venture Partners", "INVESTS_IN", "Supermaven"),
        ("Anysphere", "ACQUIRES", "Supermaven"),
    } <= triples(extractor, text)


def test_its_in_a_rounds_relative_clause_is_not_a_name_listed_in_it(extractor):
    text = (
        "Poolside secured $500 million in a round that counted Nvidia and Bain Capital Ventures"
        " among its investors."
    )
    found = triples(extractor, text)
    assert ("Nvidia", "INVESTS_IN", "Poolside") in found
    assert ("Nvidia", "INVESTS_IN", "Bain Capital Ventures") not in found


def test_counting_a_list_among_backers_reads_past_a_person(extractor):
    text = "Perplexity counts Jeff Bezos and Nvidia among its early backers."
    assert triples(extractor, text) == {("Nvidia", "INVESTS_IN", "Perplexity")}


def test_a_main_verb_whose_parse_lost_its_subject_takes_the_name_before_it(extractor):
    text = "In March SoftBank agreed to acquire Ampere Computing for $6.5 billion."
    assert ("SoftBank", "ACQUIRES", "Ampere Computing") in triples(extractor, text)


def test_a_descriptor_names_a_company_only_in_an_article_that_names_it(extractor):
    text = "June 2024 - Rockset. The real-time analytics database company was absorbed by OpenAI."
    _, doc = next(extractor.docs([Article(id="t", text=text)]))
    assert "Oracle" not in {m.entity.name for m in doc._.mentions}


def test_an_it_after_a_thing_named_in_between_is_not_the_company_before(extractor):
    text = "Crusoe built the campus, and Oracle leases it to run capacity for OpenAI."
    assert ("Crusoe", "PROVIDES_CLOUD", "Oracle") not in triples(extractor, text)


def test_an_it_after_things_in_the_plural_is_still_the_company(extractor):
    text = "OpenAI buys capacity from CoreWeave and owns shares in it."
    assert ("OpenAI", "INVESTS_IN", "CoreWeave") in triples(extractor, text)


def test_no_one_leads_its_own_round(extractor):
    text = "Reflection AI, which develops open models, said Nvidia led its $2 billion round."
    assert ("Nvidia", "INVESTS_IN", "Reflection AI") in triples(extractor, text)


def test_a_list_that_led_its_round_does_not_own_it(extractor):
    text = "OpenAI's backers include Microsoft, Thrive Capital and SoftBank, which led its latest round."
    found = triples(extractor, text)
    assert ("SoftBank", "INVESTS_IN", "OpenAI") in found
    assert not any(o == "Microsoft" for _, _, o in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Microsoft will invest up to $5 billion in Anthropic, and Nvidia up to $10 billion.",
            {
                ("Microsoft", "INVESTS_IN", "Anthropic", 5e9),
                ("Nvidia", "INVESTS_IN", "Anthropic", 10e9),
            },
        ),
        (
            "Amazon invested $4 billion in Anthropic and Google $2 billion.",
            {
                ("Amazon", "INVESTS_IN", "Anthropic", 4e9),
                ("Google", "INVESTS_IN", "Anthropic", 2e9),
            },
        ),
    ],
)
def test_a_clause_that_leaves_its_verb_out_has_its_own_subject_and_amount(
    extractor, text, expected
):
    found = extractor.extract_article(Article(id="t", text=text))
    assert {(t["subject"], t["relation"], t["object"], t["amount_usd"]) for t in found} == expected


def test_a_coordinated_clause_with_its_own_subject_keeps_its_own_status(extractor):
    text = (
        "OpenAI is no longer exclusive to Microsoft's cloud, but Microsoft remains its largest"
        " investor."
    )
    found = only(extractor, text)
    assert (found["subject"], found["relation"], found["status"]) == (
        "Microsoft",
        "INVESTS_IN",
        "confirmed",
    )


def test_talks_reach_both_infinitives_of_one_subject(extractor):
    text = "Amazon is in talks to invest in Anthropic and to supply it with chips."
    found = extractor.extract_article(Article(id="t", text=text))
    assert {t["status"] for t in found if t["relation"] != "OWNS"} == {"in_talks"}


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("the company", "confirmed"),
        ("a statement from the company", "confirmed"),
        ("people familiar with the matter", "reported"),
    ],
)
def test_according_to_the_party_itself_is_no_report(extractor, source, status):
    found = only(extractor, f"Google has invested in Anthropic, according to {source}.")
    assert found["status"] == status


def test_venture_firms_the_ner_calls_people_are_investors(extractor):
    text = "Cerebras raised $1.1 billion. Fidelity led, and Alpha Wave and Peak XV took part."
    assert triples(extractor, text) == {
        ("Fidelity", "INVESTS_IN", "Cerebras"),
        ("Alpha Wave Global", "INVESTS_IN", "Cerebras"),
        ("Peak XV Partners", "INVESTS_IN", "Cerebras"),
    }


def test_a_past_tense_hung_on_the_names_as_their_conjunct_is_their_verb(extractor):
    text = (
        "Writer raised $200 million. Premji Invest and Radical Ventures co-led, and were joined"
        " by Salesforce Ventures."
    )
    assert triples(extractor, text) == {
        ("Premji Invest", "INVESTS_IN", "Writer"),
        ("Radical Ventures", "INVESTS_IN", "Writer"),
        ("Salesforce", "INVESTS_IN", "Writer"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Cohere is hiring. The startup's investors, including Nvidia and Salesforce, did not comment.",
        "Cohere is hiring. Its backers, such as Nvidia and Salesforce, declined to comment.",
    ],
)
def test_the_examples_a_role_noun_gives_are_its_holders(extractor, text):
    assert triples(extractor, text) == {
        ("Nvidia", "INVESTS_IN", "Cohere"),
        ("Salesforce", "INVESTS_IN", "Cohere"),
    }


def test_funding_that_came_from_companies_is_their_investment(extractor):
    text = "Cohere's latest funding came from Nvidia and Salesforce. The idea came from Google."
    assert triples(extractor, text) == {
        ("Nvidia", "INVESTS_IN", "Cohere"),
        ("Salesforce", "INVESTS_IN", "Cohere"),
    }


def test_a_supplier_of_capacity_to_a_company_provides_it(extractor):
    text = "Google Cloud became a supplier of computing capacity to OpenAI."
    assert triples(extractor, text) == {("Google", "PROVIDES_CLOUD", "OpenAI")}


def test_a_company_worked_on_is_a_project_not_a_resource(extractor):
    assert triples(extractor, "Samsung is working with OpenAI on Stargate.") == set()


def test_a_chipmakers_name_run_together_is_its_own_alias(extractor):
    found = only(extractor, "Qualcomm is buying Alphawave for $2.4 billion.")
    assert (found["subject"], found["object"]) == ("Qualcomm", "Alphawave Semi")


def test_a_perfect_participle_is_done_whatever_the_main_clause_hedges(extractor):
    text = (
        "Amazon, having already invested $4 billion in Anthropic, is weighing another investment."
    )
    found = only(extractor, text)
    assert (found["subject"], found["status"]) == ("Amazon", "confirmed")


def test_a_deal_that_gives_a_share_of_a_company_is_an_investment(extractor):
    assert triples(extractor, "The deal gives Microsoft about 27% of OpenAI.") == {
        ("Microsoft", "INVESTS_IN", "OpenAI")
    }


def test_chips_rented_from_a_cloud_after_a_preposition_are_its_capacity(extractor):
    text = "Reka trains its models on Nvidia H100 GPUs rented from Oracle Cloud Infrastructure."
    assert triples(extractor, text) == {
        ("Nvidia", "SUPPLIES_CHIPS", "Reka"),
        ("Oracle", "PROVIDES_CLOUD", "Reka"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reka will add capacity from CoreWeave.", ("CoreWeave", "PROVIDES_CLOUD", "Reka")),
        ("OpenAI will get chips from AMD.", ("AMD", "SUPPLIES_CHIPS", "OpenAI")),
    ],
)
def test_getting_or_adding_capacity_from_a_company_is_its_supply(extractor, text, expected):
    assert triples(extractor, text) == {expected}


def test_putting_money_in_after_a_round_is_taking_part(extractor):
    text = "Reka raised $110 million. Existing backers DST Global and Radical Ventures also put in money."
    assert triples(extractor, text) == {
        ("DST Global", "INVESTS_IN", "Reka"),
        ("Radical Ventures", "INVESTS_IN", "Reka"),
    }


def test_talks_a_joined_clause_says_ended_are_ended(extractor):
    text = "Snowflake held talks to buy Reka, but the negotiations collapsed."
    assert only(extractor, text)["status"] == "ended"


def test_the_clouds_a_deal_is_with_are_one_side_of_it(extractor):
    text = "OpenAI has signed cloud contracts with Oracle, Amazon and CoreWeave this year."
    assert triples(extractor, text) == {
        ("Oracle", "PROVIDES_CLOUD", "OpenAI"),
        ("Amazon", "PROVIDES_CLOUD", "OpenAI"),
        ("CoreWeave", "PROVIDES_CLOUD", "OpenAI"),
    }


def test_an_object_it_is_not_its_own_clauses_subject(extractor):
    text = "Anthropic is growing. Google owns about 14% of it and supplies chips to OpenAI."
    assert ("Google", "INVESTS_IN", "Anthropic") in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    ["SoftBank still owns roughly 90% of Arm.", "Deutsche Telekom has a controlling stake in Arm."],
)
def test_a_stake_of_more_than_half_held_makes_a_parent_not_an_investor(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text))
    assert {(t["relation"], t["object"]) for t in found} == {("OWNS", "Arm")}


@pytest.mark.parametrize(
    "text",
    ["SoftBank took a majority stake in Arm.", "SoftBank bought a 51 per cent stake in Arm."],
)
def test_a_stake_of_more_than_half_taken_is_a_takeover_that_makes_a_parent(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text))
    assert {(t["subject"], t["relation"], t["object"]) for t in found} == {
        ("SoftBank", "ACQUIRES", "Arm"),
        ("SoftBank", "OWNS", "Arm"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "The deal makes Anthropic's models available to Microsoft's Foundry customers.",
        "Claude will be offered to Microsoft's cloud customers.",
    ],
)
def test_whose_customers_get_a_model_offers_it(extractor, text):
    assert triples(extractor, text) == {("Microsoft", "DISTRIBUTES", "Anthropic")}


def test_a_unit_offering_its_parents_model_distributes_nothing(extractor):
    text = "xAI trains Grok, the chatbot available to subscribers of X, on Nvidia GPUs."
    assert ("X", "DISTRIBUTES", "xAI") not in triples(extractor, text)


def test_a_merged_name_reads_as_a_proper_noun(extractor):
    doc = extractor.nlp("Premji Invest, Radical Ventures and ICONIQ Growth co-led the round.")
    merged = [t for t in doc if " " in t.text]
    assert [t.text for t in merged] == ["Premji Invest", "Radical Ventures", "ICONIQ Growth"]
    assert {t.pos_ for t in merged} == {"PROPN"}


def test_a_name_with_its_legal_form_is_the_company(extractor):
    text = "Nvidia's chips are made by Taiwan Semiconductor Manufacturing Co in Arizona."
    assert triples(extractor, text) == {("TSMC", "SUPPLIES_CHIPS", "Nvidia")}


def test_taking_part_in_a_round_is_not_raising_it(extractor):
    text = (
        "Mistral AI raised money. DST Global, Andreessen Horowitz and Nvidia also took part in"
        " the Series C."
    )
    assert triples(extractor, text) == {
        ("DST Global", "INVESTS_IN", "Mistral AI"),
        ("Andreessen Horowitz", "INVESTS_IN", "Mistral AI"),
        ("Nvidia", "INVESTS_IN", "Mistral AI"),
    }


def test_a_described_name_in_a_list_is_listed(extractor):
    text = "Oracle, the private equity firm Silver Lake and MGX will take stakes in TikTok."
    assert triples(extractor, text) == {
        ("Oracle", "INVESTS_IN", "TikTok"),
        ("Silver Lake", "INVESTS_IN", "TikTok"),
        ("MGX", "INVESTS_IN", "TikTok"),
    }


def test_chips_supplied_into_a_companys_fleet_are_supplied_to_it(extractor):
    text = "Nvidia supplies most of the GPUs in CoreWeave's fleet."
    assert triples(extractor, text) == {("Nvidia", "SUPPLIES_CHIPS", "CoreWeave")}


def test_every_platform_in_a_list_after_through_offers_the_model(extractor):
    text = "Meta said Llama 2 would also be available through Amazon Web Services, Hugging Face and other providers."
    assert triples(extractor, text) == {
        ("Amazon", "DISTRIBUTES", "Meta"),
        ("Hugging Face", "DISTRIBUTES", "Meta"),
    }


def test_a_hyphenated_model_name_reads_as_a_name(extractor):
    text = "Cerebras and Groq are both running gpt-oss-120b on their own inference chips."
    assert triples(extractor, text) == {
        ("Cerebras", "DISTRIBUTES", "OpenAI"),
        ("Groq", "DISTRIBUTES", "OpenAI"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Vertex AI sells models from Anthropic and Meta alongside its own.",
        "Vertex AI already offers models from Anthropic and from Meta.",
    ],
)
def test_every_maker_in_a_list_of_model_sources_is_distributed(extractor, text):
    assert triples(extractor, text) == {
        ("Google", "DISTRIBUTES", "Anthropic"),
        ("Google", "DISTRIBUTES", "Meta"),
    }


def test_a_role_noun_before_the_names_it_describes_has_their_owner(extractor):
    text = "Deloitte said it will keep working with its alliance partners Amazon Web Services, Google Cloud and Microsoft."
    assert triples(extractor, text) == {
        ("Deloitte", "PARTNERS_WITH", "Amazon"),
        ("Deloitte", "PARTNERS_WITH", "Google"),
        ("Deloitte", "PARTNERS_WITH", "Microsoft"),
    }


def owns(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text))
    return {(t["subject"], t["object"]) for t in found if t["relation"] == "OWNS"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perplexity launched Comet, its own browser, in July.", ("Perplexity", "Comet")),
        (
            "SoftBank will build a site with SB Energy, its renewable power affiliate.",
            ("SoftBank", "SB Energy"),
        ),
        (
            "The models are offered through Model Studio, the AI platform of Alibaba Cloud.",
            ("Alibaba", "Model Studio"),
        ),
    ],
)
def test_a_name_an_apposition_calls_someones_product_or_unit_is_theirs(extractor, text, expected):
    assert expected in owns(extractor, text)


def test_the_gazetteers_owner_of_a_unit_stands_against_a_description(extractor):
    text = "Groq partnered with Aramco Digital, the technology arm of the state oil giant."
    assert ("Aramco", "Aramco Digital") in owns(extractor, text)
    assert all(
        owner == "Aramco" for owner, owned in owns(extractor, text) if owned == "Aramco Digital"
    )


def test_a_companys_short_name_is_the_company(extractor):
    found = only(extractor, "The acquisition of Juniper by HPE closed in July.")
    assert (found["subject"], found["relation"], found["object"]) == (
        "Hewlett Packard Enterprise",
        "ACQUIRES",
        "Juniper Networks",
    )


def test_a_name_without_its_legal_form_stays_with_its_own_entity(extractor):
    found = extractor.extract_article(Article(id="t", text="SoftBank invested in OpenAI."))
    assert {(t["subject"], t["relation"], t["object"]) for t in found} == {
        ("SoftBank", "INVESTS_IN", "OpenAI")
    }


def test_a_new_companys_name_the_ner_misreads_is_known_to_the_gazetteer(extractor):
    text = "Uber invested in Wayve as part of a strategic partnership."
    assert ("Uber", "INVESTS_IN", "Wayve") in triples(extractor, text)


def test_those_a_company_joins_in_an_investment_invest_too(extractor):
    text = "Nvidia joined Microsoft and several wealthy individuals in pouring $1.3bn into Inflection AI."
    assert triples(extractor, text) == {
        ("Nvidia", "INVESTS_IN", "Inflection AI"),
        ("Microsoft", "INVESTS_IN", "Inflection AI"),
    }


def test_a_stake_in_no_one_named_is_in_the_company_the_sentence_says_raised(extractor):
    text = "Intel raised $2 billion in August, when SoftBank agreed to take a stake at $23 a share."
    assert triples(extractor, text) == {("SoftBank", "INVESTS_IN", "Intel")}


def test_a_verb_the_parse_hung_on_its_subjects_name_is_its_verb(extractor):
    text = "Cohere in turn trains and deploys its models on Oracle Cloud Infrastructure."
    assert triples(extractor, text) == {("Oracle", "PROVIDES_CLOUD", "Cohere")}


def test_servers_rented_from_a_cloud_are_not_supplied_by_the_renter(extractor):
    text = "OpenAI is growing. Since then the startup has also rented servers from CoreWeave and Google."
    assert triples(extractor, text) == {
        ("CoreWeave", "PROVIDES_CLOUD", "OpenAI"),
        ("Google", "PROVIDES_CLOUD", "OpenAI"),
    }


def test_chips_talks_are_about_are_to_be_bought_from_those_they_are_with(extractor):
    found = only(extractor, "Oracle is in talks with AMD about its MI450 accelerators.")
    assert (found["subject"], found["relation"], found["object"], found["status"]) == (
        "AMD",
        "SUPPLIES_CHIPS",
        "Oracle",
        "in_talks",
    )


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Nvidia agreed in 2020 to buy Arm from SoftBank, but the companies abandoned the deal in 2022.",
            "ended",
        ),
        ("CoreWeave agreed in July to buy Core Scientific, but the deal collapsed.", "ended"),
        ("CoreWeave agreed to buy Core Scientific, and the deal closed in May.", "confirmed"),
        (
            "Zeta agreed to buy Omicron Labs, but Omicron Labs' shareholders voted the deal down.",
            "ended",
        ),
        (
            "Adobe agreed to buy Figma for $20 billion, but regulators blocked the takeover.",
            "ended",
        ),
        (
            "OpenAI had agreed to buy Windsurf, but the exclusivity period of that agreement expired.",
            "ended",
        ),
        (
            "SoftBank also saw a $40 billion sale of Arm to Nvidia collapse in 2022 under "
            "regulatory opposition.",
            "ended",
        ),
        ("Nvidia invested in Mistral AI, but regulators blocked a rival's bid.", "confirmed"),
    ],
)
def test_a_deal_a_joined_clause_says_is_over_is_ended(extractor, text, status):
    assert only(extractor, text)["status"] == status


def test_teaming_with_companies_is_partnering(extractor):
    text = "Anthropic has teamed with Palantir and AWS to sell Claude to U.S. defense agencies."
    assert triples(extractor, text) == {
        ("Anthropic", "PARTNERS_WITH", "Palantir"),
        ("Anthropic", "PARTNERS_WITH", "Amazon"),
    }


def test_a_noun_after_a_possessive_pronoun_is_no_misread_verb(extractor):
    text = "Anthropic's choice reflected the efficiency its teams had seen with Google's TPUs."
    assert ("Anthropic", "PARTNERS_WITH", "Google") not in triples(extractor, text)


def test_a_parallel_clause_left_its_object_unsaid(extractor):
    text = (
        "Google has invested about $3 billion in Anthropic, while Amazon has committed $8 billion."
    )
    found = extractor.extract_article(Article(id="t", text=text))
    assert {(t["subject"], t["object"], t["amount_usd"]) for t in found} == {
        ("Google", "Anthropic", 3e9),
        ("Amazon", "Anthropic", 8e9),
    }


def test_its_in_a_predicate_is_the_object_of_the_verb_before(extractor):
    text = "Google has invested in Anthropic, while Amazon remains its primary training partner."
    assert ("Amazon", "PARTNERS_WITH", "Anthropic") in triples(extractor, text)


def test_a_report_the_party_then_negates_gives_nothing(extractor):
    text = (
        "The Information reported that OpenAI had started using Google's TPUs. An OpenAI"
        " spokesperson said the company was not using the TPUs in production."
    )
    assert triples(extractor, text) == set()


def test_google_cloud_tensor_processing_units_are_tpus(extractor):
    text = "Anthropic will expand its use of Google Cloud's tensor processing units."
    assert ("Google", "SUPPLIES_CHIPS", "Anthropic") in triples(extractor, text)


def test_paying_a_cloud_for_access_to_capacity_buys_its_cloud(extractor):
    text = "Meta Platforms has agreed to pay CoreWeave up to $14.2 billion for access to computing capacity."
    found = only(extractor, text)
    assert (found["subject"], found["relation"], found["object"], found["amount_usd"]) == (
        "CoreWeave",
        "PROVIDES_CLOUD",
        "Meta",
        14.2e9,
    )


def test_buying_capacity_a_cloud_cannot_sell_is_no_acquisition(extractor):
    text = "CoreWeave is growing. Nvidia agreed to buy any unused capacity the cloud provider cannot sell."
    assert ("Nvidia", "ACQUIRES", "CoreWeave") not in triples(extractor, text)


def test_a_provider_of_many_trades_sells_what_the_customers_needs_name(extractor):
    text = "OpenAI's computing needs are served mainly by Microsoft, Oracle and CoreWeave."
    assert triples(extractor, text) == {
        ("Microsoft", "PROVIDES_CLOUD", "OpenAI"),
        ("Oracle", "PROVIDES_CLOUD", "OpenAI"),
        ("CoreWeave", "PROVIDES_CLOUD", "OpenAI"),
    }


def test_its_on_a_coordinated_noun_is_the_first_nouns_possessor(extractor):
    text = (
        "The agreement follows OpenAI's letter of intent with Nvidia and its custom chip"
        " partnership with Broadcom."
    )
    assert ("OpenAI", "PARTNERS_WITH", "Broadcom") in triples(extractor, text)
    assert ("Nvidia", "PARTNERS_WITH", "Broadcom") not in triples(extractor, text)


def test_developing_a_processor_with_a_company_is_not_running_on_its_cloud(extractor):
    text = "Humain is growing. Qualcomm agreed to develop a data center processor with the startup."
    assert ("Humain", "PROVIDES_CLOUD", "Qualcomm") not in triples(extractor, text)


def test_a_one_word_name_ending_in_ai_is_a_company_whatever_the_ner_says(extractor):
    assert triples(extractor, "Apple bought DarwinAI earlier this year.") == {
        ("Apple", "ACQUIRES", "DarwinAI")
    }


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Nvidia will take over Run:ai in a deal valued at $700 million.", 7e8),
        ("xAI bought X in a deal that valued X at $33 billion.", None),
    ],
)
def test_a_deal_valued_at_an_amount_is_worth_it_a_company_valued_is_not(extractor, text, amount):
    assert only(extractor, text)["amount_usd"] == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Amazon Bedrock customers can now use OpenAI's open-weight models.",
            ("Amazon", "DISTRIBUTES", "OpenAI"),
        ),
        (
            "Snowflake Cortex AI now supports Anthropic's models.",
            ("Snowflake", "DISTRIBUTES", "Anthropic"),
        ),
    ],
)
def test_a_platform_its_customers_use_a_model_on_offers_it(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_putting_a_makers_models_on_a_cloud_offers_them(extractor):
    text = "Microsoft struck a distribution deal that put Mistral's models on Azure."
    assert ("Microsoft", "DISTRIBUTES", "Mistral AI") in triples(extractor, text)


def test_chips_rented_through_a_named_cloud_are_its_capacity(extractor):
    assert triples(extractor, "Anthropic will rent the chips through Google Cloud.") == {
        ("Google", "PROVIDES_CLOUD", "Anthropic")
    }


def test_a_relative_clause_after_a_place_is_about_the_thing_in_it(extractor):
    text = "xAI has been spending to expand Colossus, its supercomputer in Memphis, which is built on Nvidia GPUs."
    assert triples(extractor, text) == {("Nvidia", "SUPPLIES_CHIPS", "xAI")}


def test_a_singular_its_is_not_a_list_of_subjects(extractor):
    text = "For Nvidia, the pattern is familiar: both Nscale and Nebius build their clouds on its GPUs."
    assert triples(extractor, text) == {
        ("Nvidia", "SUPPLIES_CHIPS", "Nscale"),
        ("Nvidia", "SUPPLIES_CHIPS", "Nebius"),
    }


@pytest.mark.parametrize("ending", ["owns a piece of each", "has invested in them"])
def test_them_and_each_are_the_list_before_not_the_clauses_own_subject(extractor, ending):
    text = f"Nscale and Nebius use Nvidia GPUs, and Nvidia {ending}."
    assert {("Nvidia", "INVESTS_IN", "Nscale"), ("Nvidia", "INVESTS_IN", "Nebius")} <= triples(
        extractor, text
    )


def test_the_round_told_long_before_is_the_articles_subjects(extractor):
    text = (
        "Perplexity has raised money every few months since 2024.\n\n"
        "We asked an analyst to explain. The conversation has been edited. Q: Who is backing it?"
        " A: The core is a group of growth funds. Some are new.\n\n"
        "IVP led the $500 million round in December 2024 at a $9 billion valuation."
    )
    assert ("IVP", "INVESTS_IN", "Perplexity") in triples(extractor, text)


def test_well_known_products_and_units_are_their_owners(extractor):
    assert owns(extractor, "Salesforce combined Slack and Tableau with Informatica's tools.") >= {
        ("Salesforce", "Slack"),
        ("Salesforce", "Tableau"),
    }


def test_a_company_bought_long_ago_is_still_an_acquisition(extractor):
    text = "It is Meta's biggest deal since its $19 billion purchase of WhatsApp in 2014."
    assert ("Meta", "ACQUIRES", "WhatsApp") in triples(extractor, text)


def test_a_rival_of_a_company_is_not_the_company(extractor):
    assert triples(extractor, "Intel once backed Mobileye's rival.") == set()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Microsoft was once Inflection's cloud provider.", "ended"),
        ("Once the deal closes, Microsoft will be Inflection's cloud provider.", "confirmed"),
    ],
)
def test_a_tie_that_once_held_is_ended(extractor, text, status):
    assert only(extractor, text)["status"] == status


def test_a_verb_with_its_own_named_arguments_shares_no_object_with_the_next(extractor):
    text = "Snowflake runs on AWS and counts Nvidia as a partner."
    assert triples(extractor, text) == {
        ("Amazon", "PROVIDES_CLOUD", "Snowflake"),
        ("Snowflake", "PARTNERS_WITH", "Nvidia"),
    }


def test_selling_a_supply_of_chips_is_no_acquisition(extractor):
    text = "SK Hynix said its entire supply of high-bandwidth memory for next year has been sold, mostly to Nvidia."
    assert ("Nvidia", "ACQUIRES", "SK Hynix") not in triples(extractor, text)


def test_a_relative_clause_on_a_listed_subject_is_about_the_whole_list(extractor):
    text = "Broadcom and Marvell, which design custom accelerators for Google, are also buying more HBM."
    assert {("Broadcom", "SUPPLIES_CHIPS", "Google"), ("Marvell", "SUPPLIES_CHIPS", "Google")} <= (
        triples(extractor, text)
    )


def test_the_worth_of_the_deal_a_verb_is_done_in_is_its_amount(extractor):
    text = "Nebius agreed to supply Microsoft with GPU capacity in a deal worth $17.4 billion over five years."
    assert only(extractor, text)["amount_usd"] == 17.4e9


def test_a_description_after_a_name_names_no_new_company(extractor):
    text = "OpenAI will build a cluster in partnership with G42, the Emirati AI group."
    found = triples(extractor, text)
    assert ("OpenAI", "PARTNERS_WITH", "G42") in found
    assert not any("Emirati" in party for triple in found for party in triple)


def test_a_possessed_investment_stands_when_another_verb_is_negated(extractor):
    text = "The regulator ruled that Amazon's $4 billion investment in Anthropic does not qualify for review."
    assert ("Amazon", "INVESTS_IN", "Anthropic") in triples(extractor, text)


def test_a_possessed_investment_that_did_not_happen_gives_no_triple(extractor):
    assert triples(extractor, "Apple's investment in OpenAI did not happen.") == set()


def test_ruling_out_a_deal_is_a_denial(extractor):
    assert triples(extractor, "Apple ruled out investing in OpenAI.") == set()


def test_a_company_opening_a_digest_line_is_not_a_dateline(extractor):
    text = "BRIEFS\n\nWPP: the advertising group invested in Stability AI in March."
    assert ("WPP", "INVESTS_IN", "Stability AI") in triples(extractor, text)


def test_a_round_no_one_is_named_to_own_is_the_headline_companys(extractor):
    text = (
        "June 2023 - MosaicML: acquired for $1.3 billion.\n\n"
        "December 2024 - Series J: $10 billion, led by Thrive Capital.\n\n"
        "Databricks has not set a date for a listing."
    )
    article = Article(id="t", text=text, published="2025-06-01", title="Databricks deal log")
    found = {(t["subject"], t["relation"], t["object"]) for t in extractor.extract_article(article)}
    assert ("Thrive Capital", "INVESTS_IN", "Databricks") in found
    assert ("Thrive Capital", "INVESTS_IN", "MosaicML") not in found


def test_an_equity_partner_is_an_investor_not_a_partner(extractor):
    found = triples(extractor, "Oracle is an equity partner in Stargate.")
    assert ("Oracle", "INVESTS_IN", "Stargate") in found
    assert not any(relation == "PARTNERS_WITH" for _, relation, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Apple and Meta on an AI partnership fell apart in June.",
        "Talks on a partnership between Apple and Meta broke down last year.",
        "Apple has pulled out of talks to invest in OpenAI.",
        "Microsoft backed out of a deal to buy Yahoo.",
    ],
)
def test_talks_that_fell_apart_are_ended(extractor, text):
    assert only(extractor, text)["status"] == "ended"


def test_talks_the_article_says_ended_are_no_longer_talks(extractor):
    text = (
        "Apple had been in discussions to join the round led by Thrive Capital in OpenAI. "
        "Apple has since pulled out of talks to invest in OpenAI."
    )
    found = extractor.extract_article(Article(id="t", text=text, published="2024-09-30"))
    apple = {t["status"] for t in found if t["subject"] == "Apple" and t["object"] == "OpenAI"}
    assert apple == {"ended"}


@pytest.mark.parametrize(
    "text",
    [
        "In 2025 SoftBank took full ownership of Ampere Computing.",
        "SoftBank bought a 100% stake in Ampere Computing last year.",
    ],
)
def test_taking_the_whole_of_a_company_acquires_it(extractor, text):
    assert ("SoftBank", "ACQUIRES", "Ampere Computing") in triples(extractor, text)


def test_selling_an_entire_stake_is_no_majority(extractor):
    text = "SoftBank has sold its entire stake in Nvidia for $5.8 billion."
    assert ("SoftBank", "OWNS", "Nvidia") not in triples(extractor, text)


def test_a_cloud_run_in_partnership_with_a_cloud_is_no_cloud_customer(extractor):
    text = "Deutsche Telekom has run a sovereign cloud in partnership with Google Cloud since 2021."
    found = triples(extractor, text)
    assert ("Google", "PROVIDES_CLOUD", "Deutsche Telekom") not in found
    assert ("Deutsche Telekom", "PARTNERS_WITH", "Google") in found


def test_a_chipmaker_partner_in_building_compute_still_supplies_its_chips(extractor):
    text = (
        "Mistral AI is building a data centre in partnership with Nvidia, which will supply "
        "18,000 Grace Blackwell chips."
    )
    assert ("Nvidia", "SUPPLIES_CHIPS", "Mistral AI") in triples(extractor, text)


def test_buying_a_controlling_stake_is_a_takeover(extractor):
    text = (
        "Schneider Electric said it would buy a 75% controlling stake in Motivair for $850 million."
    )
    found = triples(extractor, text)
    assert ("Schneider Electric", "ACQUIRES", "Motivair") in found
    assert ("Schneider Electric", "OWNS", "Motivair") not in found


def test_a_quoted_name_after_the_is_a_thing_not_a_company(extractor):
    text = 'Deutsche Telekom is investing one billion euros in the "Industrial AI Cloud".'
    assert not any(
        t[0] == "Deutsche Telekom" and t[1] == "INVESTS_IN" for t in triples(extractor, text)
    )


def test_terminating_a_merger_agreement_is_no_supply_deal(extractor):
    text = (
        "Intel agreed to buy Tower Semiconductor in 2022. Intel said the two sides had agreed "
        "to terminate the merger agreement."
    )
    assert not any(t[1] == "SUPPLIES_CHIPS" for t in triples(extractor, text))


def test_a_regulator_is_no_party(extractor):
    text = (
        "The Commission blocked the deal in 2022. Illumina completed its $7.1 billion "
        "acquisition of Grail in August 2021 while the EU review was still under way."
    )
    assert triples(extractor, text) == {("Illumina", "ACQUIRES", "Grail")}


@pytest.mark.parametrize(
    ("text", "bought"),
    [
        ("Nvidia sold its Mellanox unit to Intel.", "Mellanox"),
        ("Intel sold its NAND business to SK Hynix.", "NAND"),
    ],
)
def test_a_unit_sold_changes_hands_not_its_owner(extractor, text, bought):
    acquired = {t[2] for t in triples(extractor, text) if t[1] == "ACQUIRES"}
    assert acquired == {bought}


def test_selling_a_company_to_a_buyer_is_no_chip_supply(extractor):
    text = "Graphcore makes chips. The group sold Aldebaran to United Robotics Group in 2022."
    assert not any(t[1] == "SUPPLIES_CHIPS" for t in triples(extractor, text))


def test_a_singular_relative_clause_after_a_list_speaks_of_its_last_name(extractor):
    text = "Oracle, Walmart and ByteDance, which owns TikTok, did not respond."
    found = extractor.extract_article(Article(id="t", text=text))
    owners = {t["subject"] for t in found if t["relation"] == "OWNS" and t["object"] == "TikTok"}
    assert owners == {"ByteDance"}


def test_a_stake_sold_in_a_list_of_companies_names_each(extractor):
    text = "Nvidia has sold its entire stakes in SoundHound AI and Serve Robotics."
    assert {(t[0], t[2]) for t in triples(extractor, text) if t[1] == "INVESTS_IN"} == {
        ("Nvidia", "SoundHound AI"),
        ("Nvidia", "Serve Robotics"),
    }


@pytest.mark.parametrize("verb", ["joined", "signed up to"])
def test_joining_a_partnership_told_before_makes_the_joiners_no_pair(extractor, verb):
    text = (
        "Microsoft and BlackRock launched the partnership last year. "
        f"Nvidia and xAI {verb} the partnership in March."
    )
    assert ("Nvidia", "PARTNERS_WITH", "xAI") not in triples(extractor, text)


def test_a_takeover_offer_is_a_deal_in_talks(extractor):
    text = "Meta made a takeover offer for Rebellions in March."
    found = only(extractor, text)
    assert (found["relation"], found["object"], found["status"]) == (
        "ACQUIRES",
        "Rebellions",
        "in_talks",
    )


def test_a_bid_for_a_companys_product_does_not_buy_the_company(extractor):
    text = "Perplexity made a headline-grabbing bid for Google's browser."
    assert not any(t[1] == "ACQUIRES" for t in triples(extractor, text))


def test_selling_a_labs_models_to_customers_buys_no_lab(extractor):
    text = "Google also sells Claude models to its cloud customers through Vertex AI."
    assert not any(t[1] == "ACQUIRES" for t in triples(extractor, text))


def test_a_company_named_systems_sold_is_no_resource(extractor):
    text = "Rao founded Nervana Systems, sold to Intel in 2016, and later MosaicML."
    assert ("Intel", "ACQUIRES", "Nervana Systems") in triples(extractor, text)


def test_a_list_items_bracketed_note_can_end_its_deal(extractor):
    text = (
        "Feb 2022 \u2013 Intel: to buy Tower Semiconductor for $5.4bn [terminated August 2023 "
        "after Chinese approval failed to arrive]\n\nMay 2022 \u2013 Broadcom: to buy VMware "
        "for about $61bn [closed November 2023]"
    )
    found = extractor.extract_article(Article(id="t", text=text, published="2024-01-01"))
    status = {
        (t["subject"], t["object"]): t["status"] for t in found if t["relation"] == "ACQUIRES"
    }
    assert status[("Intel", "Tower Semiconductor")] == "ended"
    assert status[("Broadcom", "VMware")] != "ended"


@pytest.mark.parametrize(
    "text",
    [
        "Rao founded MosaicML, which Databricks bought in 2023.",
        "Rao founded Nervana Systems, sold to Intel in 2016, and MosaicML, which Databricks "
        "bought in 2023.",
    ],
)
def test_an_object_relative_clause_speaks_of_the_name_before_it(extractor, text):
    bought = {t[2] for t in triples(extractor, text) if t[0] == "Databricks"}
    assert bought == {"MosaicML"}


def test_a_chipmaker_supplying_a_clouds_processors_supplies_the_cloud(extractor):
    text = "Nvidia supplies nearly all of CoreWeave's processors."
    assert ("Nvidia", "SUPPLIES_CHIPS", "CoreWeave") in triples(extractor, text)


def test_the_company_in_a_relative_clause_is_not_the_clauses_own_antecedent(extractor):
    text = "CoreWeave rents out GPUs. Nvidia, which owns a stake in the company, sells chips."
    assert ("Nvidia", "INVESTS_IN", "CoreWeave") in triples(extractor, text)


def test_launch_partners_named_without_a_counterpart_partner_the_one_who_says_so(extractor):
    text = (
        "CoreWeave, Crusoe and Lambda are among the launch partners, offering Blackwell GPUs "
        "through the service, Nvidia said."
    )
    partners = {
        frozenset((t[0], t[2])) for t in triples(extractor, text) if t[1] == "PARTNERS_WITH"
    }
    assert partners == {frozenset(("Nvidia", n)) for n in ("CoreWeave", "Crusoe", "Lambda")}


def test_partners_of_a_named_project_take_no_other_counterpart(extractor):
    text = (
        "OpenAI invested in robots. OpenAI funds 1X.\n\nApptronik and Agility were among the "
        "first partners of Project GR00T."
    )
    assert not any(
        t[1] == "PARTNERS_WITH" and "OpenAI" in (t[0], t[2]) for t in triples(extractor, text)
    )


def test_a_round_that_brought_in_investors_has_them_invest(extractor):
    text = "Cohere raised $500 million in a round that brought in Nvidia and Salesforce."
    invests = {(t[0], t[2]) for t in triples(extractor, text) if t[1] == "INVESTS_IN"}
    assert invests == {("Nvidia", "Cohere"), ("Salesforce", "Cohere")}


def test_a_name_before_a_chip_noun_is_the_chips_not_a_company(extractor):
    text = "KT, an early backer of Rebellions, runs its ATOM chips in KT Cloud."
    ((_, doc),) = extractor.docs([Article(id="t", text=text)])
    assert "ATOM" not in {m.entity.name for m in doc._.mentions if m.entity.type == "ORG"}


def test_chips_included_in_a_cloud_are_supplied_by_their_maker(extractor):
    text = "Mistral AI will use Google Cloud's infrastructure, including Tensor Processing Units."
    assert ("Google", "SUPPLIES_CHIPS", "Mistral AI") in triples(extractor, text)


def test_chips_bought_from_a_server_maker_are_supplied_by_it(extractor):
    text = "IREN is buying the GPUs and related equipment from Dell for about $5.8 billion."
    assert ("Dell", "SUPPLIES_CHIPS", "IREN") in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Thoma Bravo agreed to take Darktrace private for $5.3 billion.",
        "Darktrace was taken private by Thoma Bravo in a $5.3 billion deal.",
    ],
)
def test_taking_a_company_private_acquires_it(extractor, text):
    assert ("Thoma Bravo", "ACQUIRES", "Darktrace") in triples(extractor, text)


def test_a_headline_names_its_subjects_with_a_comma(extractor):
    text = "Oracle, OpenAI agree $300 billion compute contract"
    assert ("Oracle", "PROVIDES_CLOUD", "OpenAI") in triples(extractor, text)


def test_chips_available_on_a_cloud_are_supplied_to_it(extractor):
    text = "AMD's MI300X GPUs are available through Oracle Cloud Infrastructure."
    assert triples(extractor, text) >= {("AMD", "SUPPLIES_CHIPS", "Oracle")}


def test_a_model_available_on_a_cloud_is_no_chip_supply(extractor):
    text = "Claude models are available on Amazon Bedrock."
    assert not any(t[1] == "SUPPLIES_CHIPS" for t in triples(extractor, text))


def test_chips_that_power_a_project_for_a_lab_are_supplied_to_the_lab(extractor):
    text = "Amazon's Trainium2 chips will power Project Rainier for Anthropic."
    assert ("Amazon", "SUPPLIES_CHIPS", "Anthropic") in triples(extractor, text)


def test_chips_a_company_s_machine_houses_are_supplied_to_the_company(extractor):
    text = "xAI's Colossus cluster in Memphis houses 200,000 Nvidia GPUs."
    assert ("Nvidia", "SUPPLIES_CHIPS", "xAI") in triples(extractor, text)


def test_a_progressive_the_tagger_read_as_a_noun_still_states_the_tie(extractor):
    text = "Inflection AI is no longer training models on Microsoft Azure."
    assert only(extractor, text)["status"] == "ended"


def test_a_round_that_valued_a_company_is_that_company_s(extractor):
    text = (
        "ServiceNow will buy Moveworks, the start-up based in Mountain View. Tiger Global led a "
        "$200 million round in 2021 that valued the start-up at $2.1 billion."
    )
    invests = {(t[0], t[2]) for t in triples(extractor, text) if t[1] == "INVESTS_IN"}
    assert invests == {("Tiger Global", "Moveworks")}


def test_the_gpu_cloud_refers_to_the_neocloud_not_a_big_tech_cloud(extractor):
    text = (
        "Analyst note: CoreWeave (CRWV) - backlog keeps climbing. The GPU cloud added a $14.2 "
        "billion agreement with Meta and expanded its contracts with Google. Nvidia remains its "
        "main supplier."
    )
    found = triples(extractor, text)
    assert ("CoreWeave", "PROVIDES_CLOUD", "Meta") in found
    assert ("Nvidia", "SUPPLIES_CHIPS", "CoreWeave") in found


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Jensen Huang said Nvidia would invest $5 billion in Intel.", "confirmed"),
        ("Analyst Dan Ives said Nvidia would invest $5 billion in Intel.", "reported"),
    ],
)
def test_a_company_s_people_state_what_an_analyst_only_reports(extractor, text, status):
    assert only(extractor, text)["status"] == status


def test_a_supplier_which_is_also_a_shareholder_invests_in_its_customer(extractor):
    text = "Nebius buys most of its chips from Nvidia, which is also a shareholder."
    assert ("Nvidia", "INVESTS_IN", "Nebius") in triples(extractor, text)


def test_co_signers_of_supply_deals_sell_to_the_other_side_not_to_each_other(extractor):
    text = "Samsung and SK Hynix signed memory supply deals with OpenAI."
    chips = {(t[0], t[2]) for t in triples(extractor, text) if t[1] == "SUPPLIES_CHIPS"}
    assert chips == {("Samsung", "OpenAI"), ("SK Hynix", "OpenAI")}


def test_a_contract_won_from_a_customer_is_no_investment(extractor):
    text = "Oracle bags $30bn cloud contract from OpenAI"
    assert not any(t[1] == "INVESTS_IN" for t in triples(extractor, text))


def test_a_company_folded_into_another_is_acquired_by_it(extractor):
    text = "Elon Musk has folded X, the social network, into his start-up xAI."
    assert ("xAI", "ACQUIRES", "X") in triples(extractor, text)


def test_taking_on_a_rival_states_no_tie_with_it(extractor):
    text = "Arm is taking on Nvidia with a chip for Meta."
    assert not any("Nvidia" in (t[0], t[2]) for t in triples(extractor, text))


def test_upping_a_stake_invests(extractor):
    text = "Microsoft ups stake in G42 with $1.5bn deal"
    assert ("Microsoft", "INVESTS_IN", "G42") in triples(extractor, text)


@pytest.mark.parametrize(
    "text, full, short",
    [
        (
            "LG said it would run its Exaone models on Furiosa's accelerators.",
            "FuriosaAI",
            "Furiosa",
        ),
        ("Nvidia invested in Sakana last year.", "Sakana AI", "Sakana"),
    ],
)
def test_a_companys_name_without_its_ai_suffix_is_the_same_party(extractor, text, full, short):
    parties = {p for s, _, o in triples(extractor, text) for p in (s, o)}
    assert full in parties and short not in parties


def test_chips_the_parser_hangs_on_the_place_of_training_are_the_verbs(extractor):
    text = (
        "Naver's HyperCLOVA X model is trained in its Gak Sejong data centre on Nvidia "
        "graphics processors."
    )
    assert ("Nvidia", "SUPPLIES_CHIPS", "Naver") in triples(extractor, text)


def test_a_verb_after_an_apposition_is_done_by_the_name_not_the_apposition_owner(extractor):
    found = triples(extractor, "Nvidia, Microsoft's chip supplier, also invested in Mistral AI.")
    assert ("Nvidia", "INVESTS_IN", "Mistral AI") in found
    assert ("Microsoft", "INVESTS_IN", "Mistral AI") not in found


def test_the_alternative_set_aside_with_rather_than_gets_no_tie(extractor):
    text = "Samsung invested in its own foundry rather than in Intel."
    assert ("Samsung", "INVESTS_IN", "Intel") not in triples(extractor, text)


def test_more_in_one_than_in_another_is_a_tie_with_both(extractor):
    text = "Samsung invested more in Rebellions than in Intel."
    assert ("Samsung", "INVESTS_IN", "Intel") in triples(extractor, text)


def test_a_companys_parent_is_not_the_company(extractor):
    text = "Salesforce Ventures invested in Anthropic, while its parent partnered with OpenAI."
    assert ("Anthropic", "PARTNERS_WITH", "OpenAI") not in triples(extractor, text)


def test_a_list_of_members_that_starts_with_a_person_keeps_its_companies(extractor):
    text = (
        "Magic raised $320 million from investors including Eric Schmidt, Jane Street and Sequoia."
    )
    found = triples(extractor, text)
    assert {
        ("Jane Street", "INVESTS_IN", "Magic"),
        ("Sequoia Capital", "INVESTS_IN", "Magic"),
    } <= found


def test_a_list_the_parser_hangs_on_its_last_name_is_read_whole(extractor):
    text = (
        "n8n raised $180 million. Accel led the round, joined by Meritech, Redpoint, Evantic "
        "and Visionaries Club."
    )
    investors = {s for s, r, o in triples(extractor, text) if r == "INVESTS_IN" and o == "n8n"}
    assert {"Meritech Capital", "Redpoint Ventures", "Visionaries Club"} <= investors


def test_a_software_companys_venture_arm_invests_for_its_parent(extractor):
    found = triples(extractor, "Atlassian Ventures joined Synthesia's $180 million Series D.")
    assert ("Atlassian", "INVESTS_IN", "Synthesia") in found


def test_an_investment_after_which_something_happened_is_not_the_main_subjects(extractor):
    found = triples(extractor, "Google cut ties with Scale AI after Meta's investment.")
    assert ("Meta", "INVESTS_IN", "Google") not in found


def test_whose_investors_include_names_the_investors_of_the_fund_not_the_fund(extractor):
    found = triples(extractor, "The fund, whose investors include Mubadala, backed Anthropic.")
    assert ("Mubadala", "INVESTS_IN", "Anthropic") not in found


def test_a_syndicate_that_includes_names_its_members(extractor):
    text = "Anthropic raised money from a syndicate that includes Mubadala and Menlo Ventures."
    assert ("Mubadala", "INVESTS_IN", "Anthropic") in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Amazon weighs second Anthropic investment",
        "Amazon made an Anthropic investment in 2023.",
        "Anthropic secured an Amazon investment.",
        "Anthropic announced a $4 billion Amazon investment.",
        "Anthropic has Amazon backing.",
    ],
)
def test_an_investment_named_by_its_investee_is_made_by_the_verbs_subject(extractor, text):
    found = triples(extractor, text)
    assert ("Amazon", "INVESTS_IN", "Anthropic") in found
    assert ("Anthropic", "INVESTS_IN", "Amazon") not in found


@pytest.mark.parametrize(
    ("text", "acquirer", "target"),
    [
        ("Google agreed to buy Wiz for $32 billion.", "Google", "Wiz"),
        ("Nvidia acquired Gretel in March.", "Nvidia", "Gretel"),
        ("Broadcom completed its purchase of VMware.", "Broadcom", "VMware"),
    ],
)
def test_well_known_deal_targets_are_known_companies(extractor, text, acquirer, target):
    assert (acquirer, "ACQUIRES", target) in triples(extractor, text)


def test_it_after_an_unknown_sayer_with_an_apposition_is_not_the_appositions_name(extractor):
    found = triples(extractor, "Denso, a Toyota affiliate, said it would invest in Rapidus.")
    assert ("Toyota", "INVESTS_IN", "Rapidus") not in found


def test_a_chipmaker_that_supplies_anothers_chips_supplies_their_owner(extractor):
    found = triples(extractor, "Broadcom supplies Google's TPUs.")
    assert ("Broadcom", "SUPPLIES_CHIPS", "Google") in found
    assert ("Google", "SUPPLIES_CHIPS", "Broadcom") not in found


def test_a_reseller_of_a_makers_chips_has_them_from_the_maker(extractor):
    found = triples(extractor, "CoreWeave rents Nvidia GPUs to OpenAI.")
    assert ("Nvidia", "SUPPLIES_CHIPS", "CoreWeave") in found


@pytest.mark.parametrize(
    ("text", "maker", "user"),
    [
        ("KT runs Rebellions' ATOM chips in its cloud.", "Rebellions", "KT"),
        ("Naver will buy Mach-1 chips worth up to 1 trillion won.", "Samsung", "Naver"),
    ],
)
def test_a_chip_named_by_its_product_name_is_supplied_by_its_maker(extractor, text, maker, user):
    assert (maker, "SUPPLIES_CHIPS", user) in triples(extractor, text)


def test_a_chip_names_letter_is_not_a_company(extractor):
    text = "Qualcomm's Snapdragon X processors power Microsoft's Surface laptops."
    assert not any("X" in (s, o) for s, _, o in triples(extractor, text))


def test_joining_others_as_an_investor_in_a_company_makes_all_of_them_investors(extractor):
    text = "MGX joined SoftBank and Oracle as an initial equity investor in Stargate."
    investors = {s for s, r, o in triples(extractor, text) if r == "INVESTS_IN" and o == "Stargate"}
    assert investors == {"MGX", "SoftBank", "Oracle"}


def test_acting_as_a_companys_partner_is_a_partnership_with_it(extractor):
    text = "Oracle has acted as TikTok's trusted technology partner."
    assert ("Oracle", "PARTNERS_WITH", "TikTok") in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kakao and OpenAI agreed to jointly develop AI products.",
        "Kakao will build AI agents together with OpenAI.",
    ],
)
def test_an_act_done_jointly_is_a_partnership(extractor, text):
    assert ("Kakao", "PARTNERS_WITH", "OpenAI") in triples(extractor, text)


def test_investing_jointly_is_no_partnership(extractor):
    found = triples(extractor, "Microsoft and Nvidia jointly invested in Mistral AI.")
    assert ("Microsoft", "PARTNERS_WITH", "Nvidia") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Naver will buy 60,000 graphics processing units from Nvidia.",
        "AMD uses HBM3E from Samsung.",
    ],
)
def test_chips_named_by_a_spelled_out_or_memory_name_are_chips(extractor, text):
    found = triples(extractor, text)
    assert any(r == "SUPPLIES_CHIPS" for _, r, _ in found)


def test_a_letter_of_intent_to_supply_chips_is_a_supply_in_talks(extractor):
    text = "Samsung signed a letter of intent with OpenAI to supply memory chips."
    assert only(extractor, text, relation="SUPPLIES_CHIPS")["status"] == "in_talks"


def test_a_letter_that_is_not_of_intent_is_no_deal(extractor):
    text = "Samsung sent a letter to OpenAI to supply its views on memory chips."
    assert not any(r == "SUPPLIES_CHIPS" for _, r, _ in triples(extractor, text))


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("SK Hynix has begun mass production of HBM4 chips for Nvidia.", "SK Hynix"),
        ("TSMC's production of Blackwell chips for Nvidia began in Arizona.", "TSMC"),
    ],
)
def test_production_of_chips_for_a_customer_supplies_it(extractor, text, maker):
    assert (maker, "SUPPLIES_CHIPS", "Nvidia") in triples(extractor, text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("In May Robinhood agreed to buy Canada's WonderFi for $180 million.", "WonderFi"),
        ("Robinhood spent $200 million to buy Poshmark, the US marketplace.", "Poshmark"),
        ("Robinhood completed its purchase of the Bitstamp exchange in June.", "Bitstamp"),
    ],
)
def test_an_unknown_target_named_as_a_company_is_bought(extractor, text, target):
    assert ("Robinhood", "ACQUIRES", target) in triples(extractor, text)


def test_a_known_name_before_a_company_noun_is_the_company(extractor):
    assert ("Google", "ACQUIRES", "Wiz") in triples(extractor, "Google bought the Wiz company.")


def test_a_one_letter_company_name_ends_its_sentence(extractor):
    text = "xAI merged with X. Investors in Anthropic include Sequoia."
    found = triples(extractor, text)
    assert ("xAI", "ACQUIRES", "X") in found
    assert ("Sequoia Capital", "INVESTS_IN", "Anthropic") in found


def test_a_second_investor_in_a_clause_that_leaves_out_the_verb_invests_too(extractor):
    text = "Microsoft will invest up to $5bn and Nvidia up to $10bn in Anthropic."
    assert ("Nvidia", "INVESTS_IN", "Anthropic") in triples(extractor, text)


def test_a_name_opening_a_clause_of_its_own_is_not_in_the_list_before(extractor):
    text = "Microsoft invested in Anthropic and Nvidia quickly followed."
    assert ("Microsoft", "INVESTS_IN", "Nvidia") not in triples(extractor, text)


@pytest.mark.parametrize(
    "text",
    ["Wiz rejects Google takeover offer", "FuriosaAI rejected a takeover offer from Google."],
)
def test_the_one_who_rejects_a_bid_is_its_target(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-06-01"))
    bids = [(t["subject"], t["object"], t["status"]) for t in found if t["relation"] == "ACQUIRES"]
    assert len(bids) == 1 and bids[0][0] == "Google" and bids[0][2] == "ended"


def test_tapping_a_company_for_chips_is_buying_them_from_it(extractor):
    text = "Anthropic taps Google for up to one million TPUs"
    assert ("Google", "SUPPLIES_CHIPS", "Anthropic") in triples(extractor, text)


def test_a_fund_named_by_its_short_name_is_the_fund(extractor):
    text = "Khosla, Thrive and Kleiner invested in OpenAI."
    investors = {s for s, r, o in triples(extractor, text) if r == "INVESTS_IN"}
    assert {"Thrive Capital", "Khosla Ventures", "Kleiner Perkins"} <= investors


def test_a_funds_unit_acquires_for_its_parent(extractor):
    text = "BlackRock's Global Infrastructure Partners agreed to buy Aligned Data Centers."
    assert ("BlackRock", "ACQUIRES", "Aligned Data Centers") in triples(extractor, text)
