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
