"""Status of a claim from hedges, attribution and negation around its trigger word.

A cue marks a claim when it sits in the claim's scope: the trigger, the words it hangs from up to
the root of its sentence, and their adverbs, auxiliaries and prepositional phrases. Claims inside a
relative clause or an apposition ("X, which invested in Y last year, is in talks ...") are outside
the scope of the main clause's cues: they are background, stated as fact.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from itertools import pairwise

from spacy.tokens import Token

from .endings import deal_noun, holder_exits, offer_rejected, talks_ended
from .lexicon import Lexicon

__all__ = [
    "BARRIERS",
    "claim_status",
    "denies",
    "infinitival",
    "scope",
]

BARRIERS = {"relcl", "acl", "appos", "parataxis"}
_CUE_DEPS = {
    "advmod",
    "aux",
    "auxpass",
    "neg",
    "npadvmod",
    "prep",
    "det",
    "amod",
    "acomp",
    "prt",
    "advcl",
    "nsubj",
}


def scope(trigger: Token, report_nouns: Collection[str] = ()) -> list[Token]:
    """The trigger and the words it depends on, up to a clause barrier or the root; through
    what a report says when ``report_nouns`` are given."""
    tokens = [trigger]
    current = trigger
    while current.head.i != current.i and (
        current.dep_ not in BARRIERS or _complement(current, report_nouns)
    ):
        if _own_clause_in_list(current) or _perfect_participle(current):
            break  # "X is no longer exclusive ..., but [Microsoft remains its investor]"
        current = current.head
        tokens.append(current)
    return tokens


def _own_clause_in_list(token: Token) -> bool:
    """A clause coordinated with another and saying its own subject stands on its own: cues of
    the first clause do not reach it."""
    return (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    )


def _perfect_participle(token: Token) -> bool:
    """ "[Having invested $4 billion], Amazon is weighing more": done before the main clause,
    whose hedges are about what comes next."""
    return token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ == "having" for c in token.children
    )


def _complement(token: Token, report_nouns: Collection[str]) -> bool:
    """An infinitive completing a noun ("talks to invest", "a deal to buy") is no background,
    nor what a report says ("denied the report [that it would buy X]")."""
    if token.dep_ in {"acl", "ccomp"} and token.head.lemma_.lower() in report_nouns:
        return True
    return infinitival(token)


def infinitival(token: Token) -> bool:
    """An infinitive completing a noun; the parser calls some of them relative clauses."""
    return token.dep_ in {"acl", "relcl"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _stems(word: str) -> Iterator[str]:
    """The base forms a regular verb form may have: "denies" -> "deny", "dismissed" -> "dismiss"."""
    for ending, base in (("ies", "y"), ("ied", "y"), ("es", ""), ("ed", ""), ("s", ""), ("d", "")):
        if word.endswith(ending):
            yield word.removesuffix(ending) + base


def denies(token: Token, status: Mapping[str, Collection[str]]) -> bool:
    """A word of denial: "denied", "false"; "ruled" only with "out"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "AUX" and lemma == token.lower_:
        # a headline's "Nvidia denies report ...": tagged an auxiliary, the verb keeps its ending
        lemma = next((f for f in _stems(lemma) if f in status["denial"]), lemma)
    if lemma not in status["denial"] and token.lower_ not in status["denial"]:
        return False
    particles = {
        p for verb, _, p in (x.partition(":") for x in status["denial_particles"]) if verb == lemma
    }
    return not particles or any(c.dep_ == "prt" and c.lower_ in particles for c in token.children)


def _said_false(chain: list[Token], status: Mapping[str, Collection[str]]) -> bool:
    """Whether a word on the claim's chain is the subject of "is false", "were untrue"."""
    return any(
        t.dep_ in {"nsubj", "nsubjpass"}
        and t.head.lemma_.lower() == "be"
        and any(c.dep_ in {"acomp", "attr"} and denies(c, status) for c in t.head.children)
        for t in chain
    )


def _negated_subject(negator: Token, own: set[int]) -> bool:
    """ "Neither Microsoft nor Google is among its investors", "No bank has invested": a negating
    word on the subject of the clause negates the clause."""
    subject = negator.head
    return (
        negator.dep_ in {"det", "preconj"}
        and subject.dep_ in {"nsubj", "nsubjpass"}
        and subject.head.i in own
    )


def _subject_negators(trigger: Token, own: set[int], negation: Collection[str]) -> list[Token]:
    """The negating words on the subjects of the trigger's clause verbs."""
    doc = trigger.doc
    return [
        g
        for i in own
        for c in doc[i].children
        if c.dep_ in {"nsubj", "nsubjpass"}
        for g in c.children
        if g.dep_ in {"det", "preconj"} and g.lower_ in negation
    ]


def _own_clause(
    trigger: Token, presupposing: Collection[str], realising: Collection[str] = ()
) -> list[Token]:
    """The trigger and the words above it up to its clause's verb, through complements
    ("is not expected [to invest]", "has no plans [to invest]") but not through a clause of
    its own ("Meta confirmed the deal; terms were not disclosed")."""
    tokens = [trigger]
    current = trigger
    while current.head.i != current.i and (
        current.dep_ not in _CLAUSE_EDGES
        or infinitival(current)
        # "has not signed a deal [to rent] TPUs": the parser may hang the deal's infinitive
        # on the verb; what was not done was not done for a purpose either
        or (
            current.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        )
    ):
        if current.pos_ in {"NOUN", "PROPN"} and (
            (current.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in current.head.children))
            or (current.dep_ == "dobj" and current.head.lemma_.lower() in presupposing)
            or (
                current.dep_ == "nsubj"
                and any(c.dep_ == "poss" for c in current.children)
                and current.head.lemma_.lower() not in realising
            )
        ):
            break  # "X's reliance on AWS did not stop the deal": the reliance holds; not
            # "the investment did not happen"
        current = current.head
        tokens.append(current)
    return tokens


_CLAUSE_EDGES = {"ccomp", "advcl", "conj", "parataxis", "relcl", "ROOT"}


def _cues(chain: list[Token]) -> list[Token]:
    """The words that can hedge, attribute or negate a claim, from its scope ``chain`` (the
    trigger first).

    The scope's words, their adverbs, auxiliaries and determiners, and the heads of their
    prepositional phrases ("in talks", "according to people familiar"); not whole subordinate
    clauses, which state events of their own ("after OpenAI's planned takeover collapsed").
    """
    seen = {t.i for t in chain}
    cues = chain[1:]

    def add(token: Token) -> None:
        if token.i not in seen:
            seen.add(token.i)
            cues.append(token)

    for token in chain:
        for child in token.children:
            if child.i in seen or child.dep_ not in _CUE_DEPS or child.dep_ == "advcl":
                continue
            if child.dep_ == "nsubj" and child.lower_ not in {"sources", "people", "reports"}:
                continue
            add(child)
            for grand in child.children:
                if child.dep_ == "prep" and grand.dep_ in {"pobj", "prep"}:
                    add(grand)  # "in talks", "according to"
                    for deeper in grand.children:
                        if deeper.dep_ in {"pobj", "amod", "compound"}:
                            add(deeper)  # "according to people familiar"
                elif child.dep_ in {"advmod", "npadvmod", "acomp"} and grand.dep_ in {
                    "advmod",
                    "neg",
                    "prep",
                    "det",
                }:
                    add(grand)  # "no longer"
    return sorted(cues, key=lambda t: t.i)


def _ended_by(chain: list[Token], enders: Collection[str]) -> bool:
    """Whether a word above the claim ends it: "the partnership [ended]", "[stopped] using Intel
    processors". Not a verb the claim is the subject of that ends something else: "Anthropic's
    reliance on AWS did not [stop] the deal"."""
    for below, t in pairwise(chain):
        if t.lemma_.lower() not in enders:
            continue
        if below.dep_ in {"nsubj", "nsubjpass", "csubj"} and any(
            c.dep_ == "dobj" for c in t.children
        ):
            continue
        return True
    return False


def _first_hand(cues: list[Token], sources: Collection[str]) -> bool:
    """Whether every "according to" among the cues names the party itself, not a reporter."""
    named = [
        g
        for t in cues
        if t.lower_ == "according"
        for p in t.children
        if p.lower_ == "to"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    return bool(named) and all(g.lemma_.lower() in sources for g in named)


def _parenthetical_report(chain: list[Token], lexicon: Lexicon) -> bool:
    """ "Alibaba is investing in DeepSeek, a Chinese newspaper reported": a reporter and its verb
    after a comma, which the parser hangs below the claim as a noun with a participle."""
    status, words = lexicon.status, lexicon.words
    reporting = status["reported"] - status["reporting_subjects_only"]
    for token in chain:
        for noun in token.children:
            if (
                noun.dep_ not in {"npadvmod", "dobj", "appos", "attr", "nsubj"}
                or noun.i < token.i
                or noun.left_edge.i == 0
                or noun.doc[noun.left_edge.i - 1].text != ","
            ):
                continue
            for verb in noun.children:
                lemma = verb.lemma_.lower()
                if verb.dep_ == "acl" and (
                    lemma in reporting
                    or (
                        lemma in status["reporting_subjects_only"]
                        and noun.lemma_.lower() in words["reporters"]
                    )
                ):
                    return True
    return False


def claim_status(trigger: Token, lexicon: Lexicon, media: set[int] | None = None) -> str | None:
    """Return the status of the claim stated at ``trigger``, or None when it is negated or denied;
    an offer ("made a takeover offer for X") is not yet a deal."""
    status = _stated_status(trigger, lexicon, media)
    offer = deal_noun(trigger)
    if (
        status == "confirmed"
        and offer.pos_ == "NOUN"
        and offer.lemma_.lower() in lexicon.words["offer_nouns"]
    ):
        return "in_talks"
    return status


def _stated_status(trigger: Token, lexicon: Lexicon, media: set[int] | None = None) -> str | None:
    """Return the status of the claim stated at ``trigger``, or None when it is negated or denied.

    Parameters
    ----------
    trigger : Token
        The word that states the claim ("invested", "partnership").
    lexicon : Lexicon
        Status cues (``[status]`` of the lexicon).
    media : set of int, optional
        Token indices of publications and people, whose "say" reports rather than confirms.
    """
    status, words = lexicon.status, lexicon.words
    chain = scope(trigger, words["report_nouns"])
    if (
        trigger.dep_ in {"nsubj", "nsubjpass"}
        and trigger.lemma_.lower() in words["round_roles"]
        and trigger.head.lemma_.lower() not in words["copulas"]
    ):
        # "Its investors, including A and B, did not comment": the role noun says the tie; what
        # its holders then do or do not do is another matter
        chain = [trigger]
    cues = _cues(chain)
    lemmas = {t.lemma_.lower() for t in cues} | {t.lower_ for t in cues}
    text = " " + " ".join(t.lower_ for t in cues) + " "
    scope_lemmas = {t.lemma_.lower() for t in chain[1:]}

    if any(f" {p} " in text for p in status["ended_phrases"]) or talks_ended(chain, lexicon):
        return "ended"
    if offer_rejected(trigger, lexicon):
        return "ended"  # "FuriosaAI rejected a takeover offer from Meta": tried, and over
    denying = {t.lemma_.lower() for t in cues if denies(t, status)}
    if (
        denying
        and any(
            denies(t, status)
            # a headline's "Nvidia denies report it plans ...": the tagger makes "denies" an auxiliary
            or any(c.dep_ == "aux" and denies(c, status) for c in t.children)
            for t in chain[1:]
        )
    ):
        return None
    if _said_false(chain, status):
        return None  # "the reports of an Alibaba investment in DeepSeek were false"
    own = {t.i for t in _own_clause(trigger, words["presupposing"], words["realising"])}
    if any(
        t.dep_ in {"neg", "det", "preconj"}
        and t.lower_ in status["negation"]
        and (t.head.i in own or _negated_subject(t, own))
        for t in cues
    ) or any(_negated_subject(t, own) for t in _subject_negators(trigger, own, status["negation"])):
        return None  # "Apple is not investing", "has no plans to invest"; not "..., terms were not disclosed"
    if trigger.pos_ == "VERB" and any(
        c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        for c in trigger.children
    ):
        return None  # "Oracle holds no stake in OpenAI"
    if trigger.pos_ in {"NOUN", "PROPN"} and any(
        c.lower_ == "not" and c.dep_ in {"neg", "advmod"} for c in trigger.children
    ):
        return None  # "Oracle is OpenAI's landlord, not its shareholder"
    first = trigger.sent[0]
    if first.lower_ in {"nor", "neither"} and first.i < trigger.i:
        return None  # "Nor is Apple an OpenAI shareholder."
    if trigger.lemma_.lower() in {"stake", "share", "equity", "holding", "investment"} and (
        scope_lemmas & status["ended_with_stake"]
    ):
        return "ended"
    if _ended_by(chain, status["ended"]) or lemmas & {"former", "formerly"}:
        return "ended"
    if holder_exits(trigger, lexicon):
        return "ended"
    auxiliaries = {c.lower_ for c in trigger.children if c.dep_ == "aux"}
    if (
        trigger.tag_ == "VBN"
        and "have" in auxiliaries
        and auxiliaries & status["unrealised_modals"]
    ):
        return "ended"  # "the deal, under which Microsoft would have bought Activision"
    if any(
        t.lower_ in status.get("ended_adverbs", ()) and t.dep_ == "advmod" and t.head.tag_ == "VBD"
        for t in cues
    ):
        return "ended"  # "Microsoft was once its cloud provider"
    modal = any(t.tag_ == "MD" and t.lower_ in status.get("in_talks_modals", ()) for t in cues)
    if (
        trigger.lemma_.lower() in words["talk_words"]  # the trigger is the talks: "talks about X"
        or lemmas & status["in_talks"]
        or modal  # "Apple may acquire Perplexity"; not the month of May
        or any(f" {p} " in text for p in status["in_talks_phrases"])
        or any(  # "shareholders will vote on whether the company should invest in xAI"
            c.dep_ == "mark" and c.lower_ in status.get("open_question_marks", ())
            for t in chain
            for c in t.children
        )
    ):
        return "in_talks"
    if scope_lemmas & words["confirming"]:
        return "confirmed"  # "Amazon confirmed the report that it would invest"
    reported = (lemmas & status["reported"]) - status["reporting_subjects_only"]
    phrases = status["reported_phrases"]
    if _first_hand(cues, words.get("first_hand_sources", frozenset())):
        # "according to the company", "according to a statement": the party itself says so
        reported -= {"according"}
        phrases = tuple(p for p in phrases if p != "according to")
    if reported or any(f" {p} " in text for p in phrases) or _parenthetical_report(chain, lexicon):
        return "reported"
    for token in chain[1:]:
        if token.lemma_.lower() in status["reporting_subjects_only"]:
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            reporter = words["reporters"]
            if any(s.lemma_.lower() in reporter or (media and s.i in media) for s in subjects):
                return "reported"
    return "confirmed"
