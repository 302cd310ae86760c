"""Names: whether a span the NER or a cue found is plausibly an organisation's name (not a
headline word, a dateline, a person), and names cued by context ("startup Foo")."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import ORTH, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from ..sentences import sentences
from .pronouns import name_start


def _dictionary(nlp: Language) -> frozenset[str]:
    """The words of the model's rule lemmatizer, if it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))


def _titled(span: Span, lexicon: Lexicon) -> bool:
    """Whether a name comes with a person's title: "chief executive X", "X, the founder"."""
    root = span.root
    near = [
        c
        for c in root.children
        if c.dep_ in {"compound", "appos", "amod"} and c.i not in range(span.start, span.end)
    ]
    if root.dep_ in {"appos", "compound"}:
        near.append(root.head)
    doc = span.doc
    before = [doc[i] for i in range(max(0, span.start - 2), span.start)]
    return any(t.lemma_.lower() in lexicon.person_titles for t in near + before)


def _dateline(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a line as a dateline ("OSLO - Nscale ...", "TOKYO —") or as the
    speaker of a transcript ("HOST 2: ...")."""
    starts_line = i == 0 or "\n" in doc[i - 1].text
    if starts_line and i + 2 < len(doc) and doc[i + 1].like_num and doc[i + 2].text == ":":
        return True  # a speaker of a transcript: "HOST 2: ..."
    if starts_line and i + 1 < len(doc) and doc[i + 1].text == ":":
        # "HOST: ...", "LONDON: ..."; not a digest's "WPP: the advertising group invested ..."
        return doc[i].ent_type_ != "ORG"
    return starts_line and i + 1 < len(doc) and doc[i + 1].text in {"-", "—", "–"}


def _shouting(doc: Doc, i: int) -> bool:
    """Whether token ``i`` sits on a line written in capitals (a heading or a dateline)."""
    text = sentences(doc).text
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.6 * len(words)


# first words of no party's name; "Project GR00T", "Operation Warp" name undertakings
_NOT_FIRST_WORDS = frozenset(
    {"series", "the", "its", "their", "this", "our", "project", "operation"}
)


def _plausible_name(name: str, lexicon: Lexicon) -> bool:
    if not name or name in lexicon.not_orgs or len(name) < 2 or len(name) > 60:
        return False
    if "," in name or ";" in name:
        return False
    if not any(ch.isupper() for ch in name) or "\n" in name:
        return False
    words = name.split()
    if len(words) > 6 or words[0].lower() in _NOT_FIRST_WORDS:
        return False
    if lexicon.public_body_words.intersection(words) and not any(
        e in name for e in lexicon.public_body_exceptions
    ):
        return False  # "US Securities and Exchange Commission": a regulator
    if len(words) == 1 and name in lexicon.org_suffixes:
        return False  # "Christ&Company Consulting" cut short: an ending is no name of its own
    return not re.fullmatch(r"[\d\W]+", name)


def _looks_like_org(ent: Span, lexicon: Lexicon, by_context: bool = True) -> bool:
    """Whether a non-ORG entity of the NER is an organisation by its name or its apposition.

    Places ("the San Francisco lab") count only by the name's own ending, never by the noun
    they modify.
    """
    if ent[-1].text in lexicon.org_suffixes and len(ent) > 1:
        return True
    word = ent.text
    if len(ent) == 1 and any(
        word.endswith(suffix) and word[: -len(suffix)].isalpha() and word[0].isupper()
        for suffix in lexicon.words["glued_org_suffixes"]
    ):
        return True  # "DarwinAI", "PhariaAI": a company's name, whatever the NER calls it
    if _described_right_after(ent, lexicon):
        return True  # "Nuvia, a startup Qualcomm bought": even a name the NER calls a place
    if not by_context:
        return False
    root = ent.root
    neighbours = [child for child in root.children if child.dep_ in {"compound", "appos", "amod"}]
    if root.dep_ in {"appos", "compound"}:
        neighbours.append(root.head)
    personal = lexicon.words["personal_cue_nouns"] if ent.label_ == "PERSON" else ()
    return any(
        t.lemma_.lower() in lexicon.org_cue_nouns and t.lemma_.lower() not in personal
        for t in neighbours
        if t.i not in range(ent.start, ent.end)
    )


def _described_right_after(ent: Span, lexicon: Lexicon) -> bool:
    """Whether the text goes on ", a/the [words] <organisation noun>" right after the name,
    read along the words rather than the parse, which often misplaces the apposition."""
    doc = ent.doc
    i = ent.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
        return False
    for token in doc[i + 2 : i + 6]:
        if token.lemma_.lower() in lexicon.org_cue_nouns or token.lower_ in lexicon.org_cue_nouns:
            return True
        if token.pos_ not in {"ADJ", "NOUN", "PROPN", "ADV"} and token.text != "-":
            return False
    return False


def _numbered_name(token: Token, taken: set[int], lexicon: Lexicon) -> bool:
    """A name made of a number and an organisation ending, which the NER reads as a date."""
    doc = token.doc
    i = token.i
    if i < 1 or token.text not in lexicon.org_suffixes or {i - 1, i} & taken:
        return False
    number = doc[i - 1]
    before = doc[i - 2] if i >= 2 else None
    return number.text.isdigit() and (
        before is None or (before.pos_ not in {"ADP", "SYM"} and before.ent_type_ != "MONEY")
    )


def _cued_names(doc: Doc, taken: set[int], lexicon: Lexicon) -> list[Span]:
    """Proper names the NER missed that an organisation noun introduces ("AI startup Poolside")."""
    spans = []
    suffixes = lexicon.org_suffixes
    proper = doc.to_array(POS) == PROPN
    for token in _tokens(doc, proper | _written_as(doc, ORTH, suffixes)):
        if token.text in suffixes and _numbered_name(token, taken, lexicon):
            spans.append(doc[token.i - 1 : token.i + 1])  # "1789 Capital", "500 Ventures"
            continue
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # part of a longer name, handled at its head
        cues = lexicon.org_cue_nouns
        if token.ent_type_ == "PERSON":  # "investor Thomas Tull": a person the NER knew
            cues = cues - lexicon.words["personal_cue_nouns"]
        cue = any(
            child.lemma_.lower() in cues and child.dep_ in {"compound", "appos"}
            for child in token.children
        ) or (token.dep_ == "appos" and token.head.lemma_.lower() in cues)
        if not cue and token.ent_type_ != "PERSON":
            cue = _based_after(token)  # "Moveworks, based in Mountain View, California, sells"
        if not cue:
            continue
        start = name_start(token)
        if any(i in taken for i in range(start, token.i + 1)):
            continue
        spans.append(doc[start : token.i + 1])
    return spans


def _based_after(token: Token) -> bool:
    """Whether a name goes on ", based in" or ", headquartered in": a company's seat."""
    doc = token.doc
    i = token.i + 1
    return (
        i + 2 < len(doc)
        and doc[i].text == ","
        and doc[i + 1].lower_ in {"based", "headquartered"}
        and doc[i + 2].lower_ == "in"
    )


# -- references ----------------------------------------------------------------------------------


def _written_as(doc: Doc, attr: int, words: frozenset[str]) -> np.ndarray:
    """Which tokens' ``attr`` (ORTH, LOWER) is one of ``words``, read on the doc's arrays rather
    than by asking every token (a doc has tens of thousands; few are these)."""
    values = doc.to_array(attr)
    return np.isin(values, np.fromiter((doc.vocab.strings[w] for w in words), dtype=values.dtype))


def _tokens(doc: Doc, chosen: np.ndarray) -> list[Token]:
    return [doc[i] for i in np.flatnonzero(chosen).tolist()]
