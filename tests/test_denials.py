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
    "text",
    [
        "Carlyle, an investor in Ampere Computing, sold its stake to SoftBank.",
        "Carlyle, an investor in Ampere Computing, exited last year.",
    ],
)
def test_a_holder_that_gives_up_its_holding_is_ended(extractor, text):
    assert statuses(extractor, text, "Carlyle", "Ampere Computing") == {"ended"}


def test_a_holder_that_sells_something_else_still_holds(extractor):
    text = "Carlyle, an investor in Ampere Computing, sold its aerospace unit to Boeing."
    assert statuses(extractor, text, "Carlyle", "Ampere Computing") == {"confirmed"}
