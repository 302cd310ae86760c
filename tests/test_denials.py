"""Denials and endings (extract/relations/denials.py): a tie the article denies or says is over
is never also stated live."""

import pytest

from extract import Extractor
from extract.articles import Article


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


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
