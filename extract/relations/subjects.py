"""Subjects: who does what a verb says when the parse gives it no subject of its own.

Control verbs ("agreed to invest"), coordinated and adverbial clauses, absolute constructions
("with NEA taking part"), nouns that govern an infinitive ("SoftBank's agreement to take a
stake") and list items' labels ("- Cohere: raised $500 million") pass theirs on.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..status import infinitival
from .common import RELATIVE, SUBJ, headline_subject


class SubjectRules:
    def _subjects(self, verb: Token) -> list[Token]:
        return self._own_subjects(verb) or self._inherited_subject(verb)

    def _inherited_subject(self, verb: Token) -> list[Token]:
        """The subject a verb without one takes from above it, or from its list item's label."""
        return self._controller(verb) or self._label(verb)

    def _controller(self, verb: Token) -> list[Token]:
        current = verb
        for _ in range(3):
            if current.dep_ in {"acl", "xcomp", "relcl"} and current.head.i in self.index:
                return [current.head]  # headline style: "Qualcomm to buy Alphawave Semi"
            if (
                current.dep_ == "pcomp"
                and current.head.dep_ == "prep"
                and current.head.head.pos_ in {"VERB", "AUX"}
            ):
                if current.head.lower_ in {"with", "without"}:
                    # "with NEA and Nvidia taking part": the absolute construction's own names
                    return [g for g in current.head.children if g.dep_ == "pobj"]
                # "committed [to [buying]]": the subject of the verb the preposition is on
                parent = current.head.head
                if subjects := self._own_subjects(parent):
                    if parent.lemma_.lower() in self.words["joining_verbs"]:
                        # "Nvidia joined Microsoft in pouring $1.3bn into Inflection": both do
                        subjects += [c for c in parent.children if c.dep_ == "dobj"]
                    return subjects
                current = parent
                continue
            # "a deal to invest in X" (parsed as a relative clause), "an agreement worth $N [to buy]"
            worth = current.dep_ == "amod" and current.lower_ in self.words["worth_words"]
            if (current.dep_ == "acl" or infinitival(current) or worth) and current.head.pos_ in {
                "NOUN",
                "PROPN",
            }:
                if self._verb_after_apposition(current):
                    # "Nvidia, Microsoft's chip supplier, also invested in X": the main clause's
                    # verb, which the parser hangs on the apposition; its subject is the name
                    return [current.head.head]
                # "Amazon is in talks to invest": the talks' holder invests;
                # "SoftBank's agreement to take a stake": the agreement's owner does.
                owners = [
                    c for c in current.head.children if c.dep_ == "poss" and c.i in self.index
                ]
                if owners:
                    return owners
                noun = current.head
                governing = self._governing_verb(noun)
                for _ in range(2):  # "signed a letter [of intent [to invest]]"
                    if governing is not None or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
                        break
                    noun = noun.head.head
                    if noun.i in self.index:
                        return [noun]  # a headline: "Amazon in talks to invest in Anthropic"
                    owners = [c for c in noun.children if c.dep_ == "poss" and c.i in self.index]
                    if owners:
                        return owners  # "Nvidia's letter of intent to invest"
                    governing = self._governing_verb(noun)
                if governing is None:
                    return []
                return self._subjects(governing)
            if (
                current.dep_ not in {"xcomp", "advcl", "conj", "ccomp"}
                or current.head.i == current.i
            ):
                return []
            parent = current.head
            if parent.dep_ == "amod" and parent.lower_ in self.words["worth_words"]:
                current = parent
                continue
            if parent.pos_ not in {"VERB", "AUX"}:
                return []
            # Object control: "wants Anthropic to use" has its own subject; "asked X to ..." -> X,
            # also where the parser calls the infinitive an adverbial clause.
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if current.dep_ == "xcomp" or (current.dep_ == "advcl" and infinitive):
                objects = [c for c in parent.children if c.dep_ == "dobj" and c.i in self.index]
                if objects:
                    return objects
            if current.dep_ == "advcl" and current.tag_ == "VBG":
                # "will be built by G42 using Nvidia's systems": the agent does the using
                agents = [g for c in parent.children if c.dep_ == "agent" for g in c.children]
                if agents := [g for g in agents if g.dep_ == "pobj"]:
                    return agents
            if subjects := self._own_subjects(parent):
                return subjects
            if parent.dep_ == "ROOT" and (
                left := self._left_party(parent, self.sents.of(parent.i))
            ):
                return [left]  # "In March SoftBank agreed to acquire": the name the parse lost
            current = parent
        return []

    def _verb_after_apposition(self, verb: Token) -> bool:
        """ "Nvidia, Microsoft's chip supplier, [invested]": a verb after the comma that closes
        an apposition to a name, read by the parser as the apposition's modifier; not a
        participle with its agent ("the partnership [run] by Nat Friedman")."""
        noun = verb.head
        return (
            verb.dep_ == "acl"
            and verb.tag_ in {"VBD", "VBZ", "VBP", "VBN"}
            and noun.dep_ == "appos"
            and noun.head.i in self.index
            and verb.i > noun.i
            and any(t.text == "," for t in verb.doc[noun.i + 1 : verb.i])
            and not any(c.dep_ == "agent" for c in verb.children)
        )

    @staticmethod
    def _own_subjects(verb: Token) -> list[Token]:
        """A verb's own subjects, a relative pronoun standing for the noun of its clause."""
        return [
            verb.head if s.lower_ in RELATIVE and verb.dep_ == "relcl" else s
            for s in verb.children
            if s.dep_ in SUBJ or headline_subject(s)
        ]

    def _label(self, verb: Token) -> list[Token]:
        """The name a list item opens with, for its verbs without a subject:
        "- Cohere: raised $500 million ...", "Apr 2021 – Microsoft: to buy Nuance ..."."""
        sent = self.sents.of(verb.i)
        i = self._head_start(sent, verb.i)  # past bullets, dashes and "Nov 12 –"
        mention = self.index.get(i)
        if mention is None or mention.end >= verb.i or self.doc[mention.end].text != ":":
            return []
        if any(c.dep_ in SUBJ for c in verb.children):
            return []
        return [self.doc[i]]
