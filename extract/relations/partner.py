"""PARTNERS_WITH beyond the frames: partnership words whose parties the frames miss, read from
the clause's two organisations, the pair the sentence ties, or the article's subject.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Frame
from ..linking import Mention
from .claims import Claim
from .common import (
    SUBJ,
    TIES,
    definite,
    fallback_frame,
    inside_other_clause,
    is_org,
)


class PartnerRules:
    """Partnerships the frames leave without parties."""

    def _unnamed_partnership(
        self, sent: Span, claims: list[Claim], nouns: list[Token]
    ) -> list[Claim]:
        """A partnership noun whose frame found no party is the partnership of the pair the
        sentence ties: "Microsoft announced an investment in OpenAI, extending a partnership
        begun in 2019"."""
        if not nouns or any(c.relation == "PARTNERS_WITH" for c in claims):
            return []
        ties = [c for c in claims if c.relation in TIES]
        if not ties:
            return self._topics_partnership(sent, nouns)
        if len({frozenset((c.subject.id, c.object.id)) for c in ties}) != 1:
            return []
        subject, obj = ties[0].subject, ties[0].object
        for token in nouns:
            if any(w.i in self.index for w in token.subtree):
                return []  # "the partnership with Google" names its own party
            status = self._status_at(token)
            if status is None:
                return []
            return [
                self._rule_claim(
                    "PARTNERS_WITH", subject, obj, token, "partnership.unnamed", status
                )
            ]
        return []

    def _topics_partnership(self, sent: Span, nouns: list[Token]) -> list[Claim]:
        """A partnership "with" the one company a sentence names, no partner given, is the
        article's subject's: "A similar partnership with CrowdStrike follows" in a piece
        about Nvidia."""
        named = {
            self.gaz.party(self.index[i].entity)[0].id
            for i in range(sent.start, sent.end)
            if i in self.index and self.index[i].entity.type != "MEDIA"
        }
        if len(named) != 1:
            return []
        for token in nouns:
            partners = [
                self.index[g.i]
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children
                if g.i in self.index and is_org(self.index[g.i])
            ]
            if len(partners) != 1 or any(c.dep_ == "poss" for c in token.children):
                continue
            topic = self._topic(token, exclude=named)
            status = self._status_at(token)
            if topic is None or status is None:
                continue
            rule, factor = "partnership.topic", min(topic.confidence, partners[0].confidence)
            claim = self._rule_claim(
                "PARTNERS_WITH", topic.entity, partners[0].entity, token, rule, status, factor
            )
            return [claim]
        return []

    def _fallback(self, t: Token, frames: list[Frame], sent: Span) -> list[Claim]:
        """When no frame finds the parties of a partnership: the two organisations of its clause.

        Only when the clause of the partnership word names exactly two organisations. The claims
        carry the frame ``fallback.partners_with``, whose measured precision sets their
        confidence.
        """
        # Measured on the development set, guessing directions of investments and acquisitions
        # this way is wrong too often; partnerships, which have no direction, gain.
        # a frame whose condition failed ("pay" for no model) says nothing of a partnership
        partner_frames = [f for f in frames if f.relation == "PARTNERS_WITH" and not f.requires]
        if not partner_frames or t.lemma_.lower() in self.words["no_fallback"]:
            return []
        if definite(t) and self._joins_existing(t):
            return []  # "Nvidia and xAI signed up to the partnership": joiners, not a pair
        particle = partner_frames[0].particles.get(t.lemma_.lower())
        if particle and not any(c.lower_ == particle for c in t.children):
            return []  # "join" alone is no partnership, "join forces" is
        relation = "PARTNERS_WITH"
        top = t
        while top.pos_ not in {"VERB", "AUX"} and top.head.i != top.i:
            top = top.head
        parties: dict[str, Mention] = {}
        for token in top.subtree:
            mention = self.index.get(token.i)
            if mention is None or mention.start != token.i or not sent.start <= token.i < sent.end:
                continue
            if inside_other_clause(token, top):
                continue
            party, _ = self.gaz.party(mention.entity)
            if party.type == "ORG" and mention.entity.type != "MEDIA":
                parties.setdefault(party.id, mention)
        if len(parties) != 2:
            return []
        first, second = sorted(parties.values(), key=lambda m: m.start)
        frame = fallback_frame(relation)
        claim = self._claim(frame, t, sent, first, second, relation, None)
        return [claim] if claim is not None else []

    def _last_partners(self, t: Token) -> list[Mention]:
        """The parties of the latest partnership told before ``t`` in this article."""
        return self.partners if self.partners and self.partners[0].start < t.i else []

    def _partners_host(self, t: Token, own: set[str]) -> list[Mention]:
        """The counterpart of partners named without one: the organisation that says so in
        their sentence ("..., Nvidia said"), else the one the article is about."""
        sent = self.sents.of(t.i)
        for token in sent:
            if token.lemma_.lower() not in self.words["saying_verbs"] or token.i < t.i:
                continue
            sayers = [
                self.index[c.i] for c in token.children if c.dep_ in SUBJ and c.i in self.index
            ]
            sayers = [m for m in sayers if is_org(m) and m.entity.id not in own]
            if sayers:
                return sayers[:1]
        topic = self._topic(t, exclude=own)
        return [topic] if topic is not None and topic.entity.id not in own else []

    def _joins_existing(self, t: Token) -> bool:
        """Whether a partnership noun is one its clause's subjects join ("joined the partnership",
        "signed up to the alliance")."""
        verb = t.head if t.dep_ == "dobj" else t.head.head if t.dep_ == "pobj" else None
        return verb is not None and self.lemmas[verb.i] in self.words["partnership_joining"]
