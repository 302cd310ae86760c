"""Denials and endings: reported and rumoured claims a party denies soon after give no triple,
a deal a later sentence says fell through is ended, and a tie the article says ended is not also
live."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from spacy.tokens import Token

from ..endings import ending_verb, is_definite
from ..status import denies
from .claims import Claim, tie
from .common import (
    SUBJ,
)

# how many sentences back a noun like "the deal" can refer
_REFERENCE_REACH = 2
# prepositions by which a deal noun names its own parties or object: no reference back
_NAMING_PREPOSITIONS = {"with", "between", "for", "to", "on", "over", "about", "of", "into", "in"}
_CORE = {"INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS", "PARTNERS_WITH", "ACQUIRES"}


class DenialRules:
    """Claims dropped because a party denied them, or ended because the article says so."""

    def with_aftermath(self, claims: list[Claim]) -> list[Claim]:
        """Apply what a later sentence says of an earlier one's deal through a noun that refers
        back: "Nvidia agreed to buy Arm. The deal was abandoned in 2022" ends the purchase (an
        ended claim is added, spanning both sentences); "Reports said Alibaba would invest in
        DeepSeek. Alibaba denied the report" and "TSMC was said to be discussing a joint venture
        with Intel. TSMC said it is not considering any joint venture" drop the claim."""
        words = self.words
        nouns = words.get("reference_nouns", frozenset()) | words["report_nouns"]
        if not nouns or not claims:
            return claims
        by_sentence: dict[int, list[Claim]] = defaultdict(list)
        for claim in claims:
            by_sentence[self.sents.number[claim.sentence.start]].append(claim)
        triggers = {c.trigger for c in claims}
        dropped: set[int] = set()
        ended: list[Claim] = []
        for sent in self.sents.spans:
            number = self.sents.number[sent.start]
            for token in sent:
                if (
                    token.pos_ not in {"NOUN", "PROPN"}
                    or token.i in triggers
                    or token.lemma_.lower() not in nouns
                ):
                    continue
                verdict = self._reference_verdict(token)
                if verdict is None:
                    continue
                talks = token.lemma_.lower() in words["talk_words"]
                for claim in self._referred(token, by_sentence, number):
                    if talks and claim.status not in {"in_talks", "reported"}:
                        continue  # "those talks ended": the talks, not what was done before
                    if verdict == "ended" and claim.status != "ended":
                        span = self.doc[claim.sentence.start : sent.end]
                        ended.append(
                            replace(claim, status="ended", sentence=span, frame="aftermath.ended")
                        )
                    elif verdict == "denied" and (
                        claim.status in {"reported", "in_talks"}
                        or token.lemma_.lower() in words["report_nouns"]
                    ):
                        dropped.add(id(claim))
        ended += self._bracketed_endings(claims)
        if not dropped and not ended:
            return claims
        return [c for c in claims if id(c) not in dropped] + ended

    def _bracketed_endings(self, claims: list[Claim]) -> list[Claim]:
        """A deal a list item's bracketed note ends: "Feb 2022 - Intel: to buy Tower for $5.4bn
        [terminated August 2023]", the note inside the item's sentence or cut off as one."""
        out = []
        for claim in claims:
            if claim.status == "ended":
                continue
            start = next(
                (
                    i
                    for i in range(claim.trigger + 1, min(claim.sentence.end + 1, len(self.doc)))
                    if self.doc[i].text in {"[", "("}
                ),
                None,
            )
            if start is None or any(
                "\n" in t.text or "\n" in t.whitespace_ for t in self.doc[claim.trigger : start]
            ):
                continue  # a note on the item's own line, not "(END)" below the article
            note = []
            for token in self.doc[start + 1 :]:
                if token.text in {"]", ")"} or "\n" in token.text:
                    break
                note.append(token)
            if any(ending_verb(t, self.lex.status) for t in note):
                span = self.doc[
                    claim.sentence.start : max(claim.sentence.end, start + len(note) + 1)
                ]
                out.append(replace(claim, status="ended", sentence=span, frame="aftermath.ended"))
        return out

    def _reference_verdict(self, noun: Token) -> str | None:
        """ "ended" when the sentence says the deal ``noun`` refers to is over, "denied" when
        it denies it or says there is none, else None."""
        status, words = self.lex.status, self.words
        lemma = noun.lemma_.lower()
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        talks = lemma in words["talk_words"] or lemma in {"plan", "plans"}
        if dets & {"no"} and talks:
            return "denied"  # "there are no talks", "has no plans to do so"
        if not (is_definite(noun) or dets & {"any", "such"} or (talks and not dets)):
            return None  # "a deal with Meta" tells a new one
        if any(
            c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in _NAMING_PREPOSITIONS)
            for c in noun.children
        ):
            return None  # "talks on a collaboration", "the deal to buy X": one of its own
        verb = noun.head if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} else None
        if verb is None or verb.pos_ not in {"VERB", "AUX", "ADJ"}:
            return None
        if denies(verb, status):
            return "denied"  # "denied the report", "the reports were denied by Apple"
        negated = any(c.dep_ == "neg" for c in verb.children)
        if negated and noun.dep_ == "dobj" and verb.lemma_.lower() in status["in_talks"]:
            return "denied"  # "is not considering any joint venture"
        if negated:
            return None
        if ending_verb(verb, status) or self._status_at(noun) == "ended":
            return "ended"  # "the deal was abandoned", "talks broke down"
        return None

    def _referred(
        self, noun: Token, by_sentence: dict[int, list[Claim]], number: int
    ) -> list[Claim]:
        """The claims of the nearest sentence before ``noun``'s that it can refer to: of a
        relation its word names, involving a party its sentence names if it names any."""
        words = self.words
        lemma = noun.lemma_.lower()
        relations = (
            {"ACQUIRES"}
            if lemma in words.get("acquisition_references", ())
            else {"INVESTS_IN"}
            if lemma in words.get("investment_references", ())
            else {"PARTNERS_WITH"}
            if lemma in words.get("partnership_references", ())
            else _CORE
        )
        sent = noun.sent
        parties = {
            self.gaz.party(m.entity)[0].id
            for i in range(sent.start, sent.end)
            if (m := self.index.get(i)) is not None
        }
        for back in range(_REFERENCE_REACH + 1):
            found = [
                c
                for c in by_sentence.get(number - back, ())
                if c.relation in relations
                and (not parties or {c.subject.id, c.object.id} & parties)
                and (back or c.trigger < noun.i)
            ]
            if found:
                # a claim earlier in its own sentence is what the noun refers to, and the
                # sentence's own status rules have read it
                return found if back else []
        return []

    def without_denied(self, claims: list[Claim]) -> list[Claim]:
        """Drop the reported and rumoured claims a party denies soon after: "Reuters reported
        that Apple is in talks to invest in Mistral. Apple denied the report." Confirmed claims
        stay: a denial answers a rumour."""
        denials: list[tuple[int, str]] = []  # (sentence number, denying party)
        for sent in self.sents.spans:
            for token in sent:
                if token.pos_ != "VERB" or not denies(token, self.lex.status):
                    continue
                said = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
                if not any(
                    c.lemma_.lower() in self.words["report_nouns"] or c.pos_ == "PRON" for c in said
                ):
                    continue  # "denied the report", not "declined to comment"
                for subject in (c for c in token.children if c.dep_ in SUBJ):
                    mention = self.index.get(subject.i)
                    if mention is not None:
                        party = self.gaz.party(mention.entity)[0].id
                        denials.append((self.sents.number[token.i], party))
        if not denials and not self.negated:
            return claims
        kept = []
        for claim in claims:
            number = self.sents.number[claim.sentence.start]
            key = (claim.subject.id, claim.relation, claim.object.id)
            denied = claim.status in {"reported", "in_talks"} and (
                any(
                    0 <= at - number <= 2 and party in {claim.subject.id, claim.object.id}
                    for at, party in denials
                )
                # "X reported that OpenAI uses TPUs. OpenAI said it was not using them."
                or any(abs(at - number) <= 2 for at in self.negated.get(key, ()))
            )
            if not denied:
                kept.append(claim)
        return kept

    def without_superseded(self, claims: list[Claim]) -> list[Claim]:
        """Drop the live claims of a tie the article says has ended: "Apple had been in
        discussions to join the round ... Apple has pulled out of talks to invest in OpenAI"
        states one tie, over; so does "Figure is ending its collaboration with OpenAI ... The two
        announced their partnership a year ago". The article's word on the tie is that it is
        over, and a live claim beside it would make the graph call it live (its status follows
        the article's last claim)."""
        ended = {tie(c) for c in claims if c.status == "ended"}
        if not ended:
            return claims
        return [c for c in claims if c.status == "ended" or tie(c) not in ended]
