"""Names that are no parties (lexicon ``[parties]``): a trade show or a summit where a deal is
announced is never one of its sides."""

import pytest

from extract.articles import Article


@pytest.mark.parametrize("event", ["VivaTech", "Computex"])
def test_a_trade_show_is_not_linked_as_an_organisation(extractor, event):
    text = f"PARIS - On the {event} stage on Wednesday, Arthur Mensch and Jensen Huang shook hands."
    ((_, doc),) = extractor.docs([Article(id="t", text=text, published="2025-06-11")])
    names = {doc[m.start : m.end].text for m in doc._.mentions}

    assert event not in names


def pairs(extractor, text, relation):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-02-04"))
    return {(t["subject"], t["object"]) for t in found if t["relation"] == relation}


@pytest.mark.parametrize(
    "text",
    [
        "Perplexity raised $500 million in a round led by IVP, alongside Nvidia and SoftBank.",
        "The $500 million round in Perplexity was led by IVP alongside Nvidia and SoftBank.",
    ],
)
def test_investors_alongside_a_rounds_leader_invest_too(extractor, text):
    assert {("Nvidia", "Perplexity"), ("SoftBank", "Perplexity")} <= pairs(
        extractor, text, "INVESTS_IN"
    )


@pytest.mark.parametrize("unit", ["cloud business", "cloud division", "cloud computing business"])
def test_a_customer_of_a_companys_cloud_business_is_its_cloud_customer(extractor, unit):
    text = f"OpenAI is now a customer of Oracle's {unit}."
    assert pairs(extractor, text, "PROVIDES_CLOUD") == {("Oracle", "OpenAI")}


def test_a_customer_of_a_companys_other_business_is_no_cloud_customer(extractor):
    text = "OpenAI is now a customer of Oracle's database business."
    assert pairs(extractor, text, "PROVIDES_CLOUD") == set()


def test_a_stock_exchange_in_a_ticker_is_no_party(extractor):
    text = "IBM (NYSE: IBM) and AMD (NASDAQ: AMD) today announced a collaboration."
    assert pairs(extractor, text, "PARTNERS_WITH") == {("IBM", "AMD")}


def test_an_investment_firm_leading_a_round_is_not_its_investee(extractor):
    text = (
        "Cohere closed a $270 million Series C led by Inovia Capital, with Nvidia, Oracle and "
        "Salesforce Ventures also taking part."
    )
    assert not {o for _, o in pairs(extractor, text, "INVESTS_IN")} & {"Inovia Capital"}


def test_the_capital_of_a_firms_name_tells_no_round(extractor):
    text = (
        "Cohere closed a $270 million Series C led by Inovia Capital, with Nvidia, Oracle and "
        "Salesforce Ventures also taking part."
    )
    assert {("Nvidia", "Cohere"), ("Oracle", "Cohere"), ("Salesforce", "Cohere")} <= pairs(
        extractor, text, "INVESTS_IN"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia took part in a $700 million private placement in Nebius, alongside Accel.",
        "Nebius raised $700 million. Nvidia led the financing with $300 million, alongside Accel.",
    ],
)
def test_investors_alongside_the_leader_of_a_placement_invest_too(extractor, text):
    assert {("Nvidia", "Nebius"), ("Accel", "Nebius")} <= pairs(extractor, text, "INVESTS_IN")


def test_an_extension_from_investors_is_their_investment(extractor):
    text = "Runway disclosed a $141 million extension from Google and Nvidia this week."
    assert pairs(extractor, text, "INVESTS_IN") == {("Google", "Runway"), ("Nvidia", "Runway")}


def names(extractor, text):
    found = extractor.extract_article(Article(id="t", text=text, published="2025-02-04"))
    return {t["subject"] for t in found} | {t["object"] for t in found}


def test_an_investor_the_ner_calls_a_person_stays_a_person(extractor):
    text = (
        "Lambda raised $320 million. The US Innovative Technology Fund, the vehicle of investor "
        "Thomas Tull, led the round."
    )
    assert "Thomas Tull" not in names(extractor, text)
    assert ("US Innovative Technology Fund", "Lambda") in pairs(extractor, text, "INVESTS_IN")


def test_the_surname_of_a_person_named_before_is_no_organisation(extractor):
    text = (
        "Oracle signed four cloud contracts, chief executive Safra Catz said. Catz and OpenAI "
        "signed a partnership."
    )
    assert "Catz" not in names(extractor, text)


def test_a_name_described_as_a_company_names_it_wherever_it_is_written(extractor):
    text = (
        "Google agreed to buy Wiz, the New York cloud-security company, for $32 billion. "
        "Wiz has been a buyer too. It paid about $350 million for the detection start-up Gem "
        "Security last year."
    )
    assert ("Wiz", "Gem Security") in pairs(extractor, text, "ACQUIRES")


def test_it_continues_the_owner_of_the_sentence_befores_subject(extractor):
    text = (
        "Google agreed to buy Wiz, the New York cloud-security company. Wiz's earlier investors "
        "include Index Ventures and Sequoia Capital. It paid $450 million for Dazz in November."
    )
    assert pairs(extractor, text, "ACQUIRES") >= {("Wiz", "Dazz")}
    assert ("Index Ventures", "Dazz") not in pairs(extractor, text, "ACQUIRES")


def test_those_with_a_rounds_leader_invest_too(extractor):
    text = "Groq raised $750 million in September, led by Disruptive, with BlackRock and Cisco."
    assert pairs(extractor, text, "INVESTS_IN") == {
        ("Disruptive", "Groq"),
        ("BlackRock", "Groq"),
        ("Cisco", "Groq"),
    }


def test_leading_it_after_a_round_leads_that_round(extractor):
    text = "Anthropic's Series F raised $13bn; ICONIQ led it, with Fidelity as a co-lead."
    assert {("ICONIQ", "Anthropic"), ("Fidelity", "Anthropic")} <= pairs(
        extractor, text, "INVESTS_IN"
    )


def test_two_names_the_ner_ran_together_are_two_parties(extractor):
    text = "Nvidia has sold its entire stakes in SoundHound AI and Serve Robotics."
    assert pairs(extractor, text, "INVESTS_IN") == {
        ("Nvidia", "SoundHound AI"),
        ("Nvidia", "Serve Robotics"),
    }


def test_the_paragraph_after_a_round_goes_on_with_it(extractor):
    text = (
        "Figure AI said it had raised $675 million in a Series B round.\n\n"
        "Microsoft and Nvidia invested, as did Intel Capital."
    )
    assert {("Microsoft", "Figure AI"), ("Nvidia", "Figure AI"), ("Intel", "Figure AI")} <= pairs(
        extractor, text, "INVESTS_IN"
    )


def test_a_newsletters_next_item_is_another_deal(extractor):
    text = (
        "Figure AI said it had raised $675 million in a Series B round. Its robots walk.\n\n"
        "Microsoft and Nvidia invested."
    )
    assert ("Microsoft", "Figure AI") not in pairs(extractor, text, "INVESTS_IN")


def test_the_start_up_is_no_fund_no_one_knew(extractor):
    text = (
        "Cohere sells AI models. Tiger Global and Alkeon Capital led a $200 million round in 2021 "
        "that valued the start-up at $2.1 billion."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {
        ("Tiger Global", "Cohere"),
        ("Alkeon Capital", "Cohere"),
    }


def test_a_role_noun_coordinated_with_the_predicate_has_its_owner(extractor):
    text = "Anthropic said AWS remains its primary training partner and cloud provider."
    assert pairs(extractor, text, "PROVIDES_CLOUD") == {("Amazon", "Anthropic")}


def test_a_cloud_that_deploys_chips_for_a_customer_rents_it_capacity(extractor):
    text = "Nscale has agreed to deploy about 200,000 Nvidia GB300 GPUs for Microsoft in Texas."
    assert pairs(extractor, text, "PROVIDES_CLOUD") == {("Nscale", "Microsoft")}


def test_a_chip_maker_that_builds_chips_for_a_customer_rents_it_no_cloud(extractor):
    text = "Broadcom builds custom accelerators for OpenAI."
    assert pairs(extractor, text, "PROVIDES_CLOUD") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Samsung and Hyundai will each receive about 50,000 Nvidia Blackwell units.",
        "Samsung and Hyundai took delivery of their first Nvidia H100 GPUs.",
    ],
)
def test_those_who_receive_chips_are_their_makers_customers(extractor, text):
    assert pairs(extractor, text, "SUPPLIES_CHIPS") == {
        ("Nvidia", "Samsung"),
        ("Nvidia", "Hyundai"),
    }


def test_a_letter_ending_a_longer_name_is_not_a_company_of_its_own(extractor):
    doc = extractor.nlp("Naver will run HyperCLOVA X services on Intel's Gaudi accelerators.")
    assert "X" not in {m.entity.name for m in doc._.mentions}


def test_co_designing_a_companys_chip_is_no_partnership_with_it(extractor):
    text = "Broadcom, which co-designs the TPU, delivers the finished chips to Google."
    assert pairs(extractor, text, "PARTNERS_WITH") == set()


def test_we_of_a_blog_post_is_the_company_its_headline_names_first(extractor):
    text = (
        "From the Runway blog\n\nWe're thrilled to announce a partnership with Lionsgate, the "
        "studio behind John Wick. Lionsgate will use the model. Lionsgate owns the library. "
        "Our investors include Nvidia."
    )
    article = Article(
        id="t", title="Runway partners with Lionsgate", text=text, published="2024-09-18"
    )
    found = extractor.extract_article(article)
    invests = {(t["subject"], t["object"]) for t in found if t["relation"] == "INVESTS_IN"}
    assert invests == {("Nvidia", "Runway")}


def test_its_in_a_list_that_was_among_its_backers_is_not_the_lists(extractor):
    text = "Humane raised $230 million. Microsoft, LG and Tiger Global were among its backers."
    assert pairs(extractor, text, "INVESTS_IN") == {
        ("Microsoft", "Humane"),
        ("LG", "Humane"),
        ("Tiger Global", "Humane"),
    }


def test_a_round_up_items_opening_line_tells_whose_round_the_next_sentence_is(extractor):
    text = (
        "FUNDING FRIDAY\n\nMercor, $350m, Series C. The San Francisco company is valued at $10 "
        "billion. Felicis led, with participation from Benchmark and General Catalyst."
    )
    assert {("Felicis", "Mercor"), ("Benchmark", "Mercor")} <= pairs(extractor, text, "INVESTS_IN")


def test_a_round_up_item_named_before_a_dash_and_its_sum_is_a_company(extractor):
    text = (
        "THE WEEK IN FUNDING\n\nQuillbyte - $120 million. The Oslo notebook company's Series B "
        "was led by Accel and Index Ventures."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {
        ("Accel", "Quillbyte"),
        ("Index Ventures", "Quillbyte"),
    }


def test_series_c_with_a_full_stop_ends_the_item_line(extractor):
    text = "Mistral AI, $640m, Series B. Lightspeed led the Paris lab's round."
    assert pairs(extractor, text, "INVESTS_IN") == {("Lightspeed Venture Partners", "Mistral AI")}


def test_its_round_led_in_a_relative_clause_is_not_the_leaders_own(extractor):
    text = (
        "Cohere raised $500 million. Radical Ventures, which led its Series C, came back with "
        "Nvidia."
    )
    assert ("Radical Ventures", "Radical Ventures") not in pairs(extractor, text, "INVESTS_IN")
    assert ("Radical Ventures", "Cohere") in pairs(extractor, text, "INVESTS_IN")


def test_the_company_is_not_one_of_the_backers_it_is_said_of(extractor):
    text = (
        "Cohere, $500m, Series C. Radical Ventures led, and Sequoia Capital came back for more. "
        "Nvidia and AMD are earlier backers of the company."
    )
    assert ("Nvidia", "AMD") not in pairs(extractor, text, "INVESTS_IN")
    assert ("Nvidia", "Cohere") in pairs(extractor, text, "INVESTS_IN")


def test_a_datelines_announcer_is_the_it_of_its_announcement(extractor):
    text = (
        "TORONTO, Ontario, May 2, 2025 - Cohere, the enterprise model company founded by former "
        "Google researchers, today announced that it has raised $500 million led by Radical "
        "Ventures."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {("Radical Ventures", "Cohere")}


def test_a_description_in_apposition_to_an_unknown_name_refers_to_no_one_else(extractor):
    text = (
        "OpenAI signed a cloud deal with Oracle.\n\nSupabase, the open-source database platform "
        "popular with coders, raised $100 million. Accel and Peak XV co-led."
    )
    assert ("Accel", "OpenAI") not in pairs(extractor, text, "INVESTS_IN")
    assert ("Accel", "Supabase") in pairs(extractor, text, "INVESTS_IN")


def test_an_investor_described_in_apposition_joins_no_round_told_before(extractor):
    text = (
        "Cohere raised $500 million in a round led by Radical Ventures.\n\nSoftBank is in talks "
        "to acquire DigitalBridge, the infrastructure investor."
    )
    assert ("DigitalBridge", "Cohere") not in pairs(extractor, text, "INVESTS_IN")


def test_co_investors_hung_on_the_company_share_the_investors_part(extractor):
    text = (
        "Last year SoftBank co-led a $300 million Series A for Pittsburgh-based Skild AI "
        "alongside Lightspeed and Coatue."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {
        ("SoftBank", "Skild AI"),
        ("Lightspeed Venture Partners", "Skild AI"),
        ("Coatue", "Skild AI"),
    }


def test_the_group_can_be_an_investor_that_owns_operating_companies(extractor):
    # SoftBank owns Arm (gazetteer): a group, not a mere fund, so "the group" may be it
    text = (
        "SoftBank agreed to buy ABB's robot unit. In 2021 the group paid $2.8 billion for a "
        "40% stake in AutoStore."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {("SoftBank", "AutoStore")}


def test_a_round_told_in_a_when_clause_is_the_company_the_clause_above_is_about(extractor):
    text = (
        "Intel is in talks to buy SambaNova.\n\nThe price is below the $5 billion valuation "
        "SambaNova reached in 2021, when SoftBank led a $676 million round alongside GIC."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {("SoftBank", "SambaNova"), ("GIC", "SambaNova")}


@pytest.mark.parametrize(
    "head", ["Mistral AI (Paris) - $640 million, Series B.", "Mistral AI: $640 million."]
)
def test_a_round_up_items_known_name_opens_the_round_its_next_sentence_tells(extractor, head):
    text = (
        f"Cohere raised $500 million.\n\n{head} The lab set up by former Meta researchers "
        "closed a round led by Lightspeed; General Catalyst co-invested."
    )
    assert {("Lightspeed Venture Partners", "Mistral AI"), ("General Catalyst", "Mistral AI")} <= (
        pairs(extractor, text, "INVESTS_IN")
    )


def test_a_full_stop_the_tokenizer_kept_on_a_last_name_is_not_part_of_it(extractor):
    text = "Index Ventures led the round in DeepL, joined by Atomico and WiL."
    assert ("WiL", "DeepL") in pairs(extractor, text, "INVESTS_IN")


def test_a_project_is_no_partner(extractor):
    text = "Apptronik and Agility were among the first partners of Project GR00T, Nvidia's model."
    assert not any("Project" in pair for pair in pairs(extractor, text, "PARTNERS_WITH"))


def test_a_round_led_in_a_relative_clause_is_the_company_the_main_clause_names(extractor):
    text = (
        "Apple and Google were in talks.\n\nTencent, which led a $300 million funding round "
        "in 2019, is among Reddit's largest outside shareholders."
    )
    assert pairs(extractor, text, "INVESTS_IN") == {("Tencent", "Reddit")}


@pytest.mark.parametrize("name", ["Holdings", "Ventures", "Consulting"])
def test_an_ending_alone_is_no_name(extractor, name):
    text = f"Aleph Alpha raised $500 million. {name} also took part, with SAP."
    ((_, doc),) = extractor.docs([Article(id="t", text=text)])
    assert name not in {m.entity.name for m in doc._.mentions}


def test_a_based_description_can_name_a_company_no_list_knows(extractor):
    text = (
        "Figma filed to go public on Tuesday, its prospectus shows. The San Francisco company "
        "runs its products on Amazon Web Services, and an outage at AWS could disrupt service."
    )
    assert ("Amazon", "Figma") in pairs(extractor, text, "PROVIDES_CLOUD")


@pytest.mark.parametrize(
    "body", ["US Securities and Exchange Commission", "Japan Fair Trade Commission"]
)
def test_a_regulator_named_in_full_is_no_party(extractor, body):
    text = f"The deal needs the approval of the {body}, Moveworks said."
    ((_, doc),) = extractor.docs([Article(id="t", text=text, published="2025-06-11")])
    assert body not in {m.entity.name for m in doc._.mentions}


def test_an_investing_authority_is_still_a_party(extractor):
    text = "Anthropic raised money from the Qatar Investment Authority."
    assert ("Qatar Investment Authority", "Anthropic") in pairs(extractor, text, "INVESTS_IN")


def test_a_name_followed_by_based_in_is_a_company_throughout(extractor):
    text = (
        "ServiceNow agreed to acquire Moveworks for $2.85 billion. Moveworks, based in Mountain "
        "View, California, sells AI assistants."
    )
    ((_, doc),) = extractor.docs([Article(id="t", text=text, published="2025-03-11")])
    linked = [m for m in doc._.mentions if m.entity.name == "Moveworks"]
    assert len(linked) == 2


def test_a_description_with_a_nationality_is_a_company_from_that_country(extractor):
    text = "Mistral AI raised money from ASML. The Dutch firm became its largest shareholder."
    found = {
        (t["subject"], t["relation"], t["object"])
        for t in extractor.extract_article(Article(id="t", text=text, published="2025-01-01"))
    }
    assert ("Mistral AI", "INVESTS_IN", "ASML") not in found
