"""Endings: cues that a deal, its talks or a holding are over ("the talks collapsed", "regulators
blocked the takeover", "rejected a takeover offer", "Carlyle, an investor in Ampere, sold its
stake"). ``status`` asks these when it works out a claim's status; ``relations.denials`` asks
them of later sentences that refer back to a deal.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from spacy.tokens import Token

from .lexicon import Lexicon

__all__ = [
    "deal_noun",
    "ending_verb",
    "holder_exits",
    "is_definite",
    "offer_rejected",
    "refuses",
    "talks_ended",
]


def deal_noun(trigger: Token) -> Token:
    """The noun a claim's word names the deal with: "offer" for "a takeover offer"."""
    return trigger.head if trigger.dep_ == "compound" else trigger


def offer_rejected(trigger: Token, lexicon: Lexicon) -> bool:
    """Whether the claim's deal or offer is the object of a refusal: "rejected a takeover
    offer", "spurned Meta's bid", "rejected the acquisition" (tried, and over)."""
    offer = deal_noun(trigger)
    if offer.pos_ != "NOUN" or offer.dep_ != "dobj":
        return False
    return refuses(offer.head, lexicon.status)


def talks_ended(chain: list[Token], lexicon: Lexicon) -> bool:
    """ "X held talks to buy Y, but [the discussions ended] without a deal", "agreed to buy Arm,
    but [the companies abandoned the deal]", "but shareholders [voted the deal down]", "saw a sale
    of Arm to Nvidia [collapse]": a clause joined to the claim's says its talks or its deal are
    over."""
    deals = lexicon.words["talk_words"] | lexicon.words["deal_words"]
    for token in chain:
        for clause in token.children:
            if clause.dep_ == "conj" and (
                _ends_deal(clause, deals, lexicon.status) or _rebuffed(clause, lexicon.status)
            ):
                return True
    # "saw [the sale] collapse": the parser hangs the ending verb beside the deal noun
    trigger = chain[0]
    if trigger.lemma_.lower() not in deals:
        return False
    if trigger.dep_ in {"dobj", "nsubjpass"} and ending_verb(trigger.head, lexicon.status):
        return True  # "regulators blocked Nvidia's acquisition of Arm"
    if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() == "be":
        # "the takeover agreed in July is dead"
        predicates = lexicon.status.get("ended_predicates", ())
        if any(
            c.dep_ in {"acomp", "advmod"} and c.lower_ in predicates for c in trigger.head.children
        ):
            return True
    return any(
        s.dep_ in {"ccomp", "xcomp"}
        and s.i > trigger.i
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in s.children)
        and ending_verb(s, lexicon.status)
        for s in trigger.head.children
    )


def _rebuffed(verb: Token, status: Mapping[str, Collection[str]]) -> bool:
    """ "tried to buy SSI and [was turned down]": the one who tried was refused."""
    if not any(c.dep_ == "auxpass" for c in verb.children) or any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
    ):
        return False
    return refuses(verb, status)


def refuses(verb: Token, status: Mapping[str, Collection[str]]) -> bool:
    """Whether a verb is one of refusal (lexicon ``rebuffs``): "rejected", "turned down"."""
    rebuffs = status.get("rebuffs", ())
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return lemma in rebuffs or any(f"{lemma}:{p}" in rebuffs for p in particles)


def ending_verb(verb: Token, status: Mapping[str, Collection[str]]) -> bool:
    """Whether a verb ends what it acts on: "ended", "blocked", "called off"."""
    lemma = verb.lemma_.lower()
    if lemma in status["ended"] or lemma in status["deal_enders"]:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"}}
    return any(f"{lemma}:{p}" in status["ended_particles"] for p in particles)


def _ends_deal(verb: Token, deals: Collection[str], status: Mapping[str, Collection[str]]) -> bool:
    """Whether ``verb`` ends a deal or talks it names as subject or object ("the deal", "the
    exclusivity period of that agreement")."""
    if not ending_verb(verb, status):
        return False
    for c in verb.children:
        if c.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            continue
        named = [c] + [g for p in c.children if p.lower_ == "of" for g in p.children]
        if any(n.lemma_.lower() in deals and is_definite(n) for n in named):
            return True
    return False


def is_definite(noun: Token) -> bool:
    """ "the deal", "that agreement", "its bid": one told before; not "a rival's bid"."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "that", "this", "these", "those"})
        or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in noun.children
    )


def holder_exits(trigger: Token, lexicon: Lexicon) -> bool:
    """Whether a holder named by a role noun is said to give its holding up: "Carlyle, an
    investor in Ampere, sold its stake"; "Oracle and Carlyle, Ampere's main shareholders, are
    selling their stakes"; "Ampere's shareholders, Carlyle and Oracle, have agreed to sell their
    holdings". The role noun states the tie; its holder's own verb ends it."""
    words = lexicon.words
    if trigger.lemma_.lower() not in words["round_roles"]:
        return False
    if trigger.dep_ == "appos":
        holder = trigger.head
        while holder.dep_ == "conj":  # "Oracle and [Carlyle], its shareholders"
            holder = holder.head
    elif trigger.dep_ in {"nsubj", "nsubjpass"}:
        holder = trigger  # the role noun is the subject, its holders an apposition to it
    else:
        return False
    if holder.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    # the holder's verb, or what it agrees or plans to do: "have agreed [to sell] their holdings"
    verbs = [holder.head] + [c for c in holder.head.children if c.dep_ == "xcomp"]
    return any(_gives_up_holding(verb, lexicon) for verb in verbs)


def _gives_up_holding(verb: Token, lexicon: Lexicon) -> bool:
    """ "exited", "divested", "sold its stake"; not "sold its aerospace unit"."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.status["ended"]:
        return True
    return lemma in lexicon.status["ended_with_stake"] and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.classes["stake"] for c in verb.children
    )
