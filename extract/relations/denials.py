"""Denials and endings: reported and rumoured claims a party denies soon after give no triple,
and a tie the article says ended is not also live."""

from __future__ import annotations

from ..status import denies
from .claims import Claim, tie
from .common import (
    SUBJ,
)


class DenialRules:
    """Claims dropped because a party denied them."""

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
