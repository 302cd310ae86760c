"""Pronouns: "it", "its", "they", "we" resolved to the entity they stand for (the clause's subject,
the most salient organisation, the article's author)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from ..sentences import sentences
from .mention import Mention

_ANTECEDENT_TYPES = {"ORG", "CLOUD"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_RELATIVE = {"which", "that", "who"}


def _quoted(token: Token) -> bool:
    """Whether a word stands inside quotation marks of its paragraph: a speaker's "we", not
    the author's."""
    text = sentences(token.doc).text
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    return (before.count('"') % 2 == 1) or before.count("\u201c") > before.count("\u201d")


def name_start(head: Token) -> int:
    """Where the proper name ending at ``head`` starts: back over its compound proper nouns."""
    start = head.i
    doc = head.doc
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return start


def _own_subjects(verb: Token) -> list[Token]:
    """A verb's subjects, a relative pronoun standing for the noun its clause describes."""
    return [
        verb.head if c.lower_ in _RELATIVE and verb.dep_ == "relcl" else c
        for c in verb.children
        if c.dep_ in _SUBJECT_DEPS
    ]


def _verb_object(word: Token) -> bool:
    """Whether a word is a verb's object, directly or through its preposition ("invested in X")."""
    if word.dep_ == "dobj":
        return True
    return word.dep_ == "pobj" and word.head.dep_ == "prep" and word.head.head.pos_ == "VERB"


def _author(named: list[Mention], title: str | None = None) -> Mention | None:
    """The organisation a first-person text speaks for: the first its headline names ("Runway
    partners with Lionsgate"), else the one it names most, if it stands out."""
    counts: dict[str, list[Mention]] = {}
    for mention in named:
        if mention.entity.type == "ORG" and mention.entity.roles != {"investor"}:
            counts.setdefault(mention.entity.id, []).append(mention)
    if title:
        placed = [
            (at, told[0])
            for told in counts.values()
            for name in (told[0].entity.name, *told[0].entity.aliases)
            if (at := _word_at(title, name)) >= 0
        ]
        if placed:  # a release or blog post names its author first
            return min(placed, key=lambda p: p[0])[1]
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 2 or (len(ranked) > 1 and len(ranked[1]) == len(ranked[0])):
        return None
    return ranked[0][0]


def _word_at(text: str, name: str) -> int:
    """Where ``name`` stands in ``text`` as whole words, or -1."""
    found = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
    return found.start() if found else -1


def _clause_subjects(doc: Doc, mentions: list[Mention], position: int) -> set[str]:
    """Entities that are subjects of the verb a description depends on, when it is no subject."""
    token = doc[position]
    head = token
    while head.dep_ in {"compound", "amod", "det"} and head.head.i != head.i:
        head = head.head
    if head.dep_ in _SUBJECT_DEPS:
        return set()
    verb = head
    for _ in range(6):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    subjects = _own_subjects(verb)  # "Nvidia, which owns a stake in the company": not Nvidia
    if verb.dep_ == "acl":
        subjects.append(verb.head)  # "The chipmaker [first invested] in the company": misparse
    subjects += [c for s in subjects for c in s.conjuncts]  # "Nvidia and AMD are its backers"
    return {by_token[c.i].entity.id for c in subjects if c.i in by_token}


def _most_salient(
    doc: Doc, fits: list[Mention], position: int, decay: float = 0.5
) -> Mention | None:
    if not fits:
        return None
    sents = sentences(doc)
    scores: dict[str, float] = {}
    latest: dict[str, Mention] = {}
    for mention in fits:
        root = doc[mention.start : mention.end].root
        weight = 1.0
        if root.dep_ in _SUBJECT_DEPS:
            weight = 2.0 if root.head.dep_ == "ROOT" else 1.5  # a main clause's subject leads
        if root.dep_ in {"conj", "appos"}:
            weight /= 3
        distance = sents.distance(mention.start, position)
        key = mention.entity.id
        scores[key] = scores.get(key, 0.0) + weight * decay**distance
        latest[key] = mention
    best = max(scores, key=lambda k: (scores[k], latest[k].start))
    return latest[best]


def _pronoun_antecedent(
    doc: Doc,
    mentions: list[Mention],
    pronoun: Token,
    lexicon: Lexicon,
) -> Mention | None:
    """Resolve "it" / "its": the clause's subject for a possessive, else the most salient.

    In a copular predicate ("Amazon and Google remain its shareholders") "its" cannot be the
    subject it predicates, so the subject is skipped there.
    """
    # "Nvidia and AMD, whose processors it buys": not the relative clause's own antecedent
    clause = next((a for a in pronoun.ancestors if a.dep_ == "relcl"), None)
    barred = set()
    if clause is not None:
        barred = {t.i for t in clause.head.subtree if t.i < clause.i} | {clause.head.i}
    # a cloud business is a company too: "AWS counts Anthropic among its customers"
    orgs = [
        m
        for m in mentions
        if m.start < pronoun.i and m.entity.type in _ANTECEDENT_TYPES and m.start not in barred
    ]
    if not orgs:
        return None
    by_token = {i: m for m in orgs for i in range(m.start, m.end)}
    everywhere = {
        i: m
        for m in mentions
        if m.entity.type in _ANTECEDENT_TYPES and m.source != "pronoun"
        for i in range(m.start, m.end)
    }
    excluded: set[str] = set()
    sents = sentences(doc)
    sentence = sents.of(pronoun.i)
    if pronoun.dep_ == "poss" and pronoun.head.dep_ == "conj":
        # "OpenAI's letter of intent with Nvidia and its partnership with Broadcom": the
        # possessor of the noun it is coordinated with
        first = pronoun.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "pobj" and first.head.head.pos_ == "NOUN":
            first = first.head.head  # the parse hung it on "with Nvidia" inside the noun phrase
        for owner in (c for c in first.children if c.dep_ == "poss" and c.i in by_token):
            return by_token[owner.i]
    if pronoun.dep_ == "poss":
        verb = pronoun.head
        # "X remains its backer": not X. "Y named X its partner": Y, not X.
        holder = verb
        while True:
            if holder.dep_ in {"nmod", "compound", "conj"} and holder.head.pos_ == "NOUN":
                holder = holder.head  # "its cloud provider and training partner"
            elif (
                holder.dep_ == "pobj"
                and holder.head.dep_ == "prep"
                and holder.head.head.i != holder.i
            ):
                holder = holder.head.head  # "X is one of its investors"
            else:
                break
        predicate = holder.dep_ in {"attr", "acomp"} or (
            # "A and B were among its backers": its is not A's
            pronoun.head.dep_ == "pobj"
            and pronoun.head.head.lower_ == "among"
            and pronoun.head.head.head.lemma_.lower() in {"be", "remain", "become"}
        )
        funding = lexicon.classes["funding"]
        if (
            verb.lemma_.lower() in funding
            or any(c.dep_ == "compound" and c.lemma_.lower() in funding for c in verb.children)
        ) and verb.head.lemma_.lower() in lexicon.words["round_verbs"]:
            # "Nvidia led its $2 billion round": no one leads or joins its own round, nor
            # does a list the leader is named in ("A, B and C, which led its round")
            subjects = _own_subjects(verb.head)
            listed = [t for s in subjects for t in (s, *s.subtree) if t.i in everywhere]
            excluded |= {everywhere[t.i].entity.id for t in listed}
        labelled = any(t.text == ":" for t in doc[holder.head.i + 1 : pronoun.i])
        if holder.dep_ == "appos" and holder.head.i in everywhere and not labelled:
            # "Amazon, its biggest backer": an apposition's "its" is not the name it describes;
            # a list item's label is: "- OpenAI: its first accelerator ..."
            excluded.add(everywhere[holder.head.i].entity.id)
        if verb.dep_ == "oprd":
            excluded |= {
                by_token[c.i].entity.id
                for c in verb.head.children
                if c.dep_ == "dobj" and c.i in by_token
            }
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        for _ in range(3):
            subjects = _own_subjects(verb)  # "the company, which relies on AWS as its partner"
            for subject in subjects:
                members = [subject]  # the subject's own list, not a list in its clause
                for member in members:
                    members.extend(c for c in member.children if c.dep_ == "conj")
                if len(members) > 1 and pronoun.lower_ in lexicon.pronouns["singular"]:
                    # "both Nscale and Nebius build their clouds on its GPUs": not theirs
                    excluded |= {
                        (by_token.get(m.i) or everywhere[m.i]).entity.id
                        for m in members
                        if m.i in by_token or m.i in everywhere
                    }
                    continue
                for member in members:
                    # "Under its partnership with OpenAI, Microsoft ...": the subject may follow
                    mention = by_token.get(member.i) or everywhere.get(member.i)
                    if (
                        mention is None
                        and not predicate
                        and member.lemma_.lower() in lexicon.coreference  # a description noun
                        and any(c.lower_ == "the" for c in member.children)
                    ):
                        return None  # "the startup, which counts A among its backers": its own
                    if mention is None or member.i == pronoun.i:
                        continue
                    if mention.entity.id in excluded:
                        continue
                    if predicate:
                        excluded.add(mention.entity.id)
                    else:
                        return mention
            if subjects or verb.dep_ not in {"xcomp", "advcl", "conj", "ccomp"}:
                break
            verb = verb.head
        if predicate:
            # "Google has invested in Anthropic, while Amazon remains its partner": the object
            # of the verb before, rather than that verb's subject
            objects = [
                m
                for m in orgs
                if m.start >= sentence.start
                and m.entity.id not in excluded
                and _verb_object(doc[m.start : m.end].root)
            ]
            if objects:
                return objects[-1]
    if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp":
        # "Workday said it had agreed", "... and on Monday said it would buy": the sayer
        verb = pronoun.head.head
        while verb.dep_ == "conj" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            verb = verb.head
        for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
            mention = by_token.get(subject.i)
            if mention is None and subject.ent_type_ in {"GPE", "LOC"}:
                # a dateline the parser made the subject: "CAMBRIDGE, Mass. - Liquid AI said"
                named = (by_token.get(c.i) for c in subject.children if c.dep_ == "appos")
                mention = next((m for m in named if m is not None), None)
            if mention is not None:
                return mention
            if subject.pos_ == "PRON":
                return None  # the sayer is an "it" no one could resolve: so is this one
            if (
                subject.pos_ == "PROPN"
                and subject.ent_type_ not in {"PERSON", "GPE", "LOC"}
                and any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in subject.children)
            ):
                return None  # "Denso, a Toyota affiliate, said it ...": a sayer no one knows
    if pronoun.dep_ in {"dobj", "pobj", "dative"}:
        # "OpenAI buys capacity from CoreWeave and owns shares in it": not the subject, the
        # nearest organisation before it.
        verb = pronoun.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subjects = {by_token[c.i].entity.id for c in _own_subjects(verb) if c.i in by_token}
        # nor anywhere else: "Google owns 14% of it" would say "itself" if it were Google
        excluded |= subjects
        same = [
            m for m in orgs if m.start >= sentence.start and m.entity.id not in subjects | excluded
        ]
        if same:
            # "Crusoe built [the campus], and Oracle leases it": a thing named in between
            between = doc[same[-1].end : pronoun.i]
            if any(t.tag_ == "NN" and t.dep_ in {"dobj", "pobj"} for t in between):
                return None
            return same[-1]
    if pronoun.dep_ == "poss":
        # "Meta's biggest deal since its purchase of WhatsApp": the possessor just before
        before = [m for m in orgs if m.start >= sentence.start]
        if (
            before
            and doc[before[-1].start : before[-1].end].root.dep_ == "poss"
            and before[-1].entity.id not in excluded
        ):
            return before[-1]
    previous_start = sents.start(sentence.start - 1) if sentence.start > 0 else 0
    if pronoun.dep_ == "nsubj" and sentence.start > 0 and pronoun.head.dep_ == "ROOT":
        # "Meta took a different route: it bought ...": a subject earlier in its own sentence
        for mention in reversed(orgs):
            if mention.start < sentence.start:
                break
            if doc[mention.start : mention.end].root.dep_ in _SUBJECT_DEPS:
                return mention
        # a main clause's "it" continues the main subject of the sentence before
        root = doc[previous_start : sentence.start].root
        subjects = [c for c in root.children if c.dep_ in _SUBJECT_DEPS]
        for subject in subjects or [root]:  # a name the parser made the root: "Snowflake" NOUN
            mention = by_token.get(subject.i)
            if mention is None:  # "Wiz's earlier investors include A and B. It paid ...": Wiz
                owner = next((c for c in subject.children if c.dep_ == "poss"), None)
                mention = by_token.get(owner.i) if owner is not None else None
            if mention is not None:
                return mention
    number = sents.number[sentence.start]
    personal = lexicon.pronouns.get("personal", frozenset())
    for back in range(1, 4):
        skipped = sents.spans[max(number - back, 0)]
        recent = [m for m in orgs if m.start >= skipped.start and m.entity.id not in excluded]
        if recent or skipped.start == 0 or _about_a_person(skipped, personal):
            break  # a sentence naming no one ("Terms were not disclosed.") is skipped
    return _most_salient(doc, recent, pronoun.i, decay=0.3)


def _about_a_person(sentence: Span, personal: frozenset[str]) -> bool:
    """Whether a sentence speaks of a person ("He did not name the buyer."): the topic moved."""
    return any(ent.label_ == "PERSON" for ent in sentence.ents) or any(
        t.lower_ in personal for t in sentence
    )
