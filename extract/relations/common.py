"""The small shared core of the rules: dependency-label sets and pure helpers over tokens."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import combinations

from spacy.tokens import Token

from ..lexicon import Frame
from ..linking import Mention

SUBJ = {"nsubj", "nsubjpass", "csubj"}
PERCENT = {"%", "percent", "cent"}  # "per cent"
ARG_DEPS = {
    "nummod",
    "nsubj",
    "dobj",
    "attr",
    "dative",
    "poss",
    "compound",
    "appos",
    "npadvmod",
    "amod",
    "nmod",
    "oprd",
    "acomp",
}
RELATIVE = {"which", "that", "who", "whom", "whose"}
GUESS_OBJECTS = {"ACQUIRES", "INVESTS_IN", "PARTNERS_WITH"}
GUESS_SUBJECT_TAGS = {"nsubj", "prep:by"}
# NER labels a name guessed to be a company cannot carry (one bought may be a place: "Paradox")
NOT_COMPANY_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "DATE"})
DESCRIPTION_POS = {"NOUN", "ADJ", "PROPN", "PUNCT", "CCONJ"}  # words of "the chip and cloud firm"
CLAUSE_DEPS = {"relcl", "acl", "xcomp", "ccomp", "advcl"}
TIES = {"INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS", "DISTRIBUTES"}


@cache
def fallback_frame(relation: str) -> Frame:
    return Frame(
        id=f"fallback.{relation.lower()}",
        relation=relation,
        pos=frozenset(),
        lemmas=frozenset(),
        symmetric=relation == "PARTNERS_WITH",
    )


def inside_other_clause(token: Token, top: Token) -> bool:
    """Whether ``token`` sits in a clause of its own below ``top`` ("which ...", "after ...")."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in {
            "relcl",
            "advcl",
            "ccomp",
            "acl",
            "parataxis",
            "conj",
        } and current.pos_ in {"VERB", "AUX"}:
            return True
        current = current.head
    return False


def excluded_conjunct(conj: Token) -> bool:
    """Whether a conjunct is set against its head: "Trainium instead of Nvidia chips"."""
    head = conj.head
    between = conj.doc[head.i + 1 : conj.i]
    return any(
        t.lower_ in {"instead", "rather", "not", "than", "versus", "vs", "vs."} for t in between
    )


def rejected_alternative(prep: Token) -> bool:
    """Whether a preposition brings the alternative set aside: "invested in its own foundry
    [rather than in] Intel"; not "more in X than in Y", which says both."""
    i = prep.i
    return i >= 2 and prep.doc[i - 1].lower_ == "than" and prep.doc[i - 2].lower_ == "rather"


def through_amounts(tokens: Iterable[Token], money: dict) -> list[Token]:
    """The words, and for an amount what it is of: "$5bn [of Intel common stock]"."""
    out = []
    for token in tokens:
        out.append(token)
        if token.i in money or token.like_num or token.lower_ == "worth":
            out.extend(
                g
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            )
    return out


def definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children)


def is_the_venture(mention: Mention, t: Token) -> bool:
    """Whether ``mention`` names the partnership ``t`` itself: "the AI Alliance, a
    collaboration", "a joint venture, Stargate Norway", "the Stargate venture"."""
    inside = range(mention.start, mention.end)
    return (t.dep_ == "appos" and t.head.i in inside) or any(
        c.dep_ in {"appos", "compound"} and c.i in inside for c in t.children
    )


def all_pairs(mentions: list[Mention], relation: str) -> list[tuple]:
    """Each two of ``mentions``, in the order named: the partners of one partnership."""
    return [(a, b, relation, None) for a, b in combinations(mentions, 2)]


def is_org(mention: Mention | None) -> bool:
    return mention is not None and mention.entity.type == "ORG"


def coordinated_attr(t: Token) -> Token | None:
    """The predicate noun a role noun is coordinated with when the parser hung it on the verb:
    "AWS remains its training partner and [cloud provider]" (conj of "remains")."""
    if t.dep_ != "conj" or t.head.pos_ not in {"VERB", "AUX"}:
        return None
    return next(
        (c for c in t.head.children if c.dep_ == "attr" and c.i < t.i and c.pos_ == "NOUN"), None
    )


def headline_subject(token: Token) -> bool:
    """Whether a name the parser hung on the verb is the first of a headline's subjects: "Oracle,
    OpenAI agree $300 billion compute contract" ("Oracle" as a noun-phrase adverbial)."""
    doc = token.doc
    if (
        # "FuriosaAI rejected a takeover offer": a name the parser made an interjection of the
        # verb right after it, which has no subject
        token.dep_ in {"intj", "npadvmod", "dep", "amod"}
        and (token.pos_ == "PROPN" or token.ent_type_ == "ORG")  # "Anthropic" as an adjective
        and token.head.pos_ == "VERB"
        and 0 < token.head.i - token.i <= 2
        and not any(c.dep_ in SUBJ for c in token.head.children)
    ):
        return True
    return (
        token.dep_ == "npadvmod"
        and token.pos_ == "PROPN"
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == ","
        and doc[token.i + 2].dep_ == "nsubj"
        and doc[token.i + 2].head.i == token.head.i
    )
