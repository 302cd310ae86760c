"""ACQUIRES and OWNS: owner-of-product facts from the gazetteer, ownership an apposition states,
and acquisitions told as done (which make the buyer the owner).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..gazetteer import Entity, slugify
from ..linking import name_start
from ..status import scope
from .claims import DEFAULT_RULE_PRECISION, OWNS_CONFIDENCE, Claim, rule_precision
from .common import (
    is_org,
)


class OwnershipRules:
    """Ownership claims, once per article."""

    def ownership_claims(self, claims: list[Claim]) -> list[Claim]:
        """Owner OWNS product, unit or subsidiary, once per article for each one it names.

        The gazetteer knows owners as of today. When the article itself tells the acquisition of
        a subsidiary, the article decides: ownership only once the deal is done (a confirmed
        claim stated in the past tense), not while it is agreed, pending or over.
        """
        acquired: dict[str, bool] = {}
        bought: dict[str, Claim] = {}
        for claim in claims:
            if claim.relation == "ACQUIRES":
                done = claim.status == "confirmed" and self._completed(self.doc[claim.trigger])
                acquired[claim.object.id] = acquired.get(claim.object.id, False) or done
                if done:
                    bought.setdefault(claim.object.id, claim)
        # A purchase the article tells as done makes the buyer the owner ("Meta bought WhatsApp").
        claims = [
            Claim(
                "OWNS",
                c.subject,
                c.object,
                None,
                c.sentence,
                c.trigger,
                "owns.acquired",
                rule_precision().get("owns.acquired", DEFAULT_RULE_PRECISION),
                date=c.date,
            )
            for c in bought.values()
            if c.object.owner in {None, c.subject.id}
        ]
        claims += self._described_as_owned()
        seen = {c.object.id for c in claims}
        for mention in self.mentions:
            entity = mention.entity
            if (
                mention.source not in {"gazetteer", "ner", "short"}
                or not entity.owner
                or entity.id in seen
            ):
                continue
            if not (entity.is_product or entity.rollup) and not acquired.get(entity.id, True):
                continue

            seen.add(entity.id)
            owner = self.gaz[entity.owner]
            sent = self.sents.of(mention.start)
            claims.append(
                Claim(
                    "OWNS",
                    owner,
                    entity,
                    None,
                    sent,
                    mention.start,
                    "owns.gazetteer",
                    OWNS_CONFIDENCE,
                )
            )
        return claims

    def _described_as_owned(self) -> list[Claim]:
        """A name an apposition calls someone's product or unit: "PhariaAI, its operating
        system", "SB Energy, its renewable power affiliate", "Agent Bricks, Databricks' product",
        "Model Studio, the AI development platform of Alibaba Cloud"."""
        things, units = self.words["owned_things"], self.words["owned_units"]
        claims = []
        for i, lemma in enumerate(self.lemmas):
            if lemma not in things and lemma not in units:
                continue
            noun = self.doc[i]
            if noun.dep_ != "appos" or noun.pos_ != "NOUN":
                continue
            owners = [m for m in self._owner_of_thing(noun) if is_org(m)] or [
                self.index[g.i]
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj" and g.i in self.index
            ]
            owner = self.gaz.party(owners[0].entity)[0] if len(owners) == 1 else None
            owned = self._owned_name(noun.head, "ORG" if lemma in units else "SERVICE")
            if owner is None or owner.type != "ORG" or owned is None or owned.id == owner.id:
                continue
            claims.append(self._rule_claim("OWNS", owner, owned, noun, "owns.apposition"))
        return claims

    def _owned_name(self, head: Token, kind: str) -> Entity | None:
        """The entity a name stands for, made up for a name no one linked ("PhariaAI")."""
        if head.i in self.index:
            entity = self.index[head.i].entity  # the gazetteer's owner, if it knows one, stands
            return None if entity.type == "MEDIA" or entity.owner else entity
        if head.pos_ != "PROPN" or not head.text[:1].isupper():
            return None  # a name the NER calls a person is still a product here
        start = name_start(head)
        if any(i in self.index for i in range(start, head.i)):
            return None  # "Bell AI Fabric" starts with a company's name: leave it alone
        name = self.doc[start : head.i + 1].text
        return Entity(id=slugify(name), name=name, type=kind, known=False)

    def _completed(self, trigger: Token) -> bool:
        """Whether a deal is told as done: "bought", "completed its purchase", not "agreed to buy"."""
        chain = scope(trigger, self.words["report_nouns"])
        verbs = [t for t in chain if t.pos_ in {"VERB", "AUX"}]
        if any(t.lemma_.lower() in self.words["pending"] for t in chain):
            return False
        done = self.words["completion_verbs"]
        # "its purchase of W&B, which it completed in May": the clause may hang on the object
        held = [trigger] + [
            g for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
        ]
        if any(t.lemma_.lower() in done for t in chain) or any(
            c.dep_ == "relcl" and c.lemma_.lower() in done for h in held for c in h.children
        ):
            return True
        return (
            bool(verbs)
            and verbs[0].tag_ in {"VBD", "VBN"}
            and not any(
                c.dep_ == "aux" and c.lower_ in {"will", "would", "to"} for c in verbs[0].children
            )
        )
