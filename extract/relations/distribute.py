"""DISTRIBUTES: a model maker's models offered through a platform ("Claude on Amazon Bedrock",
"Mistral Large is offered on Azure", "GitHub offers Claude inside Copilot").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..lexicon import Frame
from ..linking import Mention


class DistributionRules:
    """Platforms that offer another maker's models."""

    def _distribution_pairs(self, t: Token, sent: Span) -> list[tuple]:
        """A model maker's models offered through a platform, in the clause of the trigger.

        The trigger is a word of offering ("available", "offer", "sell") or a preposition
        ("through", "via", "on") whose object is a model platform (Amazon Bedrock, Vertex AI).
        With a word of offering, a cloud counts as the platform too ("Mistral Large is offered on
        Azure"), but then a model must be named, so that "OpenAI runs on Azure" stays a cloud.
        """
        preposition = t.pos_ == "ADP"
        top = t  # the clause of the trigger: its nearest verb, not the whole sentence
        while top.pos_ not in {"VERB", "AUX"} and top.head.i != top.i:
            top = top.head
        clause = {tok.i for tok in top.subtree}
        in_clause = [
            m for m in self.mentions if m.start in clause and sent.start <= m.start < sent.end
        ]
        if preposition:
            named = [self.index[g.i] for g in t.children if g.dep_ == "pobj" and g.i in self.index]
            platforms = [  # "through Amazon Web Services, Hugging Face and other providers"
                m
                for m in named + [x for m in named for x in self._list_after(m)]
                if "platform" in m.entity.roles
            ]
        else:
            platforms = [m for m in in_clause if "platform" in m.entity.roles]
        models_named = any(m.entity.type == "MODEL" for m in in_clause) or any(
            self.doc[i].lemma_.lower() == "model" for i in clause
        )
        offering = t.lemma_.lower() in self.words["offering"]
        if not preposition and models_named and offering:
            platforms += [m for m in in_clause if m.entity.type == "CLOUD"] + [
                owner
                for i in clause
                if self._kind_of_noun(self.doc[i]) == "cloud"
                or self._offered_to_customers(self.doc[i])  # "available to Microsoft's customers"
                for owner in self._noun_owners(self.doc[i])
                if owner.entity.type == "ORG"
            ]
        pairs = []
        customer_nouns = self.words["customer_nouns"]
        for platform in platforms:
            owner, _ = self.gaz.party(platform.entity)
            for m in in_clause:
                party, _ = self.gaz.party(m.entity)
                is_maker = m.entity.type == "MODEL" or (
                    m.entity.type == "ORG"
                    and (not party.known or "lab" in party.roles)
                    and self._owns_models(m)
                )
                if not is_maker or party.id in {owner.id, owner.owner} or party.owner == owner.id:
                    continue  # one group: X offering its parent xAI's Grok distributes nothing
                word = self.doc[m.start]
                if word.dep_ == "compound" and word.head.lemma_.lower() in customer_nouns:
                    continue
                pairs.append((platform, m, "DISTRIBUTES", None))
        return pairs

    def _offered_to_customers(self, token: Token) -> bool:
        """ "[offered] to Microsoft's cloud customers": whose customers get a model offers it."""
        return (
            token.lemma_.lower() in self.words["customer_nouns"]
            and token.dep_ == "pobj"
            and token.head.lower_ in {"to", "for"}
        )

    def _models(self, tokens: Iterable[Token]) -> list[Mention]:
        """Whose models words name: "Claude" (Anthropic), "Anthropic's models", "models from Meta"."""
        found: list[Mention] = []
        queue = list(tokens)
        while queue:
            token = queue.pop(0)
            queue.extend(c for c in token.children if c.dep_ in {"conj", "appos"})
            mention = self.index.get(token.i)
            if mention is not None and mention.entity.type == "MODEL":
                found.append(mention)
                continue
            if token.lemma_.lower() not in self.words["model_nouns"]:
                continue
            for child in token.children:
                if child.dep_ in {"poss", "compound", "nmod"} and child.i in self.index:
                    found.extend(self._mentions_of(child))
                elif child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                    for g in child.children:
                        if g.dep_ == "pobj":
                            found.extend(self._mentions_of(g))
        return found

    def _offer_pairs(self, frame: Frame, t: Token, slots: dict) -> list[tuple]:
        """(distributor, model maker) where an organisation offers, serves or hosts another's
        models: "GitHub has offered Claude inside Copilot", "Databricks is serving the models"."""
        makers = self._models(tok for tag in frame.object for tok in slots.get(tag, ()))
        if not makers:
            return []
        distributors = [
            m
            for m in self._resolve(frame.subject, t, slots)
            if m.entity.type in {"ORG", "CLOUD", "SERVICE"}
        ]
        pairs = []
        for d in distributors:
            party, _ = self.gaz.party(d.entity)
            for maker in makers:
                if self.gaz.party(maker.entity)[0].id != party.id:
                    pairs.append((d, maker, "DISTRIBUTES", {"frame": "offer-model.verb"}))
        return pairs

    def _owns_models(self, mention: Mention) -> bool:
        """Whether a maker is named with its models: "Cohere's models", "its Jamba models"."""
        word = self.doc[mention.start : mention.end].root
        while word.dep_ == "conj" and word.head.i != word.i:
            word = word.head  # "models from Anthropic and [Meta]"
        if (
            word.dep_ in {"poss", "compound", "nmod"}
            and word.head.lemma_.lower() in self.words["model_nouns"]
        ):
            return True
        # "models from Anthropic", "models from Meta and [from] Cohere"
        preposition = word.head
        while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
            preposition = preposition.head
        return (
            word.dep_ == "pobj"
            and preposition.lower_ in {"from", "by"}
            and preposition.head.lemma_.lower() in self.words["model_nouns"]
        )
