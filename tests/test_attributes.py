"""The indexed attribute rules: the same matches as the model's own attribute_ruler, and so the same
parts of speech, morphology and lemmas."""

from pathlib import Path

import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG

from extract import iter_articles
from extract.attributes import CachedLemmas, IndexedRules
from extract.lexicon import load_lexicon
from extract.pipeline import keep_whole, load_model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"


@pytest.fixture(scope="module")
def parsed():
    """The model with the project's hyphenated words, and the dev articles run up to the ruler."""
    nlp = load_model()
    keep_whole(nlp, load_lexicon().tokens)
    texts = [a.text for a in iter_articles([EXAMPLES], on_error="raise")]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts))
    extra = nlp.make_doc("Y'all ain't gonna believe it: there were 4 co-led rounds, nothin' else.")
    for _, component in nlp.pipeline[:3]:
        extra = component(extra)
    return nlp, [*docs, extra]


def test_the_indexed_rules_find_the_rulers_own_matches(parsed):
    nlp, docs = parsed
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    for doc in docs:
        assert indexed.match(doc) == ruler.match(doc)


def test_the_indexed_rules_set_the_same_token_attributes(parsed):
    nlp, docs = parsed
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    for doc in docs[:20]:
        ours, theirs = doc.copy(), doc.copy()
        ruler.set_annotations(ours, indexed.match(ours))
        ruler(theirs)
        columns = [POS, TAG, MORPH, LEMMA]
        assert (ours.to_array(columns) == theirs.to_array(columns)).all()


def test_a_rule_of_several_tokens_is_matched(parsed):
    nlp, _ = parsed
    ruler = nlp.get_pipe("attribute_ruler")
    doc = nlp.make_doc("There is a round, and we're gonna join it.")
    for _, component in nlp.pipeline[:3]:
        doc = component(doc)
    matches = IndexedRules(ruler).match(doc)
    assert any(end - start == 2 for _, _, start, end in matches)
    assert matches == ruler.match(doc)


def test_cached_lemmas_are_the_lemmatizers_own(parsed):
    nlp, docs = parsed
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    cached = CachedLemmas(lemmatizer)
    for parsed_doc in docs[:30]:
        doc = ruler(parsed_doc.copy())
        ours, theirs = doc.copy(), doc.copy()
        lemmatizer(cached(ours))
        lemmatizer(theirs)
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        assert any(t.lemma_ != t.lower_ for t in ours)  # the lemmatizer had work to do
