"""Frame matching: a trigger word's frames applied to its slots, their conditions, idioms and
verbs the tagger misread as nouns.

A frame of ``data/lexicon.toml`` names its trigger lemmas and where its two parties sit in the
parse; `FrameRules._apply` hands the slots to the pair-finder of the frame's relation family
(`roles`, `supply`, `distribute`) and turns each pair into a claim.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..lexicon import Frame
from .claims import Claim
from .common import (
    through_amounts,
)


class FrameRules:
    """Which frames fire at a word, and whether their conditions hold."""

    def _slots_of(self, t: Token) -> dict[str, list[Token]]:
        """A word's slots: read along the text if its parse failed, else from the parse, worked
        out once for all its frames (a name a later frame guesses joins the index, not these
        slots; the guessed name is read through it)."""
        slots = self._linear.get(t.i)
        if not slots:
            if t.i not in self._slot_cache:
                self._slot_cache[t.i] = self._slots(t)
            slots = self._slot_cache[t.i]
        return slots

    def _apply(self, frame: Frame, t: Token, sent: Span) -> Iterable[Claim]:
        particle = frame.particles.get(t.lemma_.lower())
        if particle and not any(
            c.lower_ == particle and c.dep_ in {"prt", "dobj", "advmod", "prep", "oprd"}
            for c in t.children
        ):
            return []
        if not particle and t.pos_ == "VERB" and self._idiom(t):
            return []  # "took part" is not taking a stake or raising money
        if frame.relation == "SUPPLY" and self._lessened(t):
            return []
        slots = self._slots_of(t)
        if frame.requires and not self._satisfies(frame, t, slots):
            return []
        if frame.relation == "SUPPLY":
            pairs = self._supply_pairs(frame, t, slots)
        elif frame.relation == "DISTRIBUTES" and frame.subject:
            pairs = self._offer_pairs(frame, t, slots)
        elif frame.relation == "DISTRIBUTES":
            pairs = self._distribution_pairs(t, sent)
        else:
            pairs = self._party_pairs(frame, t, slots)
            if "STAKE" in frame.requires or t.lemma_.lower() in self.cls["stake"]:
                # "SoftBank still owns roughly 90% of it": a parent, not an investor; "took full
                # ownership of it": a buyer ("sold its entire stake" is neither)
                owned = "ACQUIRES" if self._whole_taken(t, slots) else None
                if owned is None and self._majority(t, slots):
                    # "would buy a 75% controlling stake": a takeover; "holds 90%": a parent
                    owned = "ACQUIRES" if self._taking(t) else "OWNS"
                if owned is not None:
                    pairs = [(a, b, owned if r == "INVESTS_IN" else r, x) for a, b, r, x in pairs]
        claims = [c for c in (self._claim(frame, t, sent, *p) for p in pairs) if c is not None]
        for pair in pairs:
            if pair[2] == "PARTNERS_WITH" and any(c.relation == "PARTNERS_WITH" for c in claims):
                self.partners = [pair[0], pair[1]]
        return claims

    def _lessened(self, t: Token) -> bool:
        """Whether a dependence is being cut down: "to reduce its [reliance] on Nvidia", "[rely]
        less on Nvidia"."""
        if t.lemma_.lower() not in self.words["dependence_words"]:
            return False
        if t.pos_ == "VERB":
            return any(c.lower_ in self.words["lessening_adverbs"] for c in t.children)
        return (
            t.dep_ in {"dobj", "nsubjpass"}
            and t.head.lemma_.lower() in self.words["lessening_verbs"]
        )

    def _satisfies(self, frame: Frame, t: Token, slots: dict) -> bool:
        requires = frame.requires
        if "JOINTLY" in requires:  # "will jointly develop", "build ... together with X"
            near = [*t.children, *(g for c in t.children if c.lower_ == "with" for g in c.children)]
            return any(c.dep_ == "advmod" and c.lower_ in self.words["joint_adverbs"] for c in near)
        objects = [
            tok for key in ("dobj", "prep:in", "prep:for", "attr") for tok in slots.get(key, ())
        ]
        if "MONEY_SUBJECT" in requires:
            objects += [t.head, *slots.get("nsubj", [])]
        if any(
            w.lemma_.lower() in self.words["debt_words"]
            for w in through_amounts(objects, self.money)
        ):
            return False  # "took on $5.25 billion of debt from a bank group": lenders, not backers
        if frame.relation == "INVESTS_IN" and any(
            w.lemma_.lower() in self.words["contract_nouns"]
            for w in through_amounts(slots.get("dobj", ()), self.money)
        ):
            return False  # "Oracle bags a $30bn cloud contract from OpenAI": a sale
        equity = any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in self.words["equity_modifiers"]
            for c in t.children
        )
        for need in requires:
            if need == "EQUITY_MODIFIER" and equity:
                return True
            if need == "NO_EQUITY_MODIFIER" and not equity:
                return True
            if need in {"MONEY", "MONEY_SUBJECT"} and any(
                tok.i in self.money for o in objects for tok in o.subtree
            ):
                return True
            if need == "FUNDING" and any(self._is_funding(o) for o in objects):
                return True
            if need == "FUNDING_SUBJECT" and any(
                self._is_funding(o) for o in slots.get("nsubj", ())
            ):
                return True
            if need == "MODEL_FOR" and any(
                self._names_a_model(o) for o in slots.get("prep:for", ())
            ):
                return True
            if need == "PORTFOLIO_SUBJECT" and any(
                o.lemma_.lower() in self.words["portfolio_nouns"] for o in slots.get("nsubj", ())
            ):
                return True
            # a verb's stake is its object; a noun's is what it is of ("purchase of a stake")
            held = objects if "VERB" in frame.pos else list(slots.get("prep:of", ()))
            if need == "STAKE" and any(
                w.lemma_.lower() in self.cls["stake"] for w in through_amounts(held, self.money)
            ):
                return True
            if need == "CHIPS" and any(
                self._kind_of_noun(o) == "chips"
                or (o.i in self.index and self.index[o.i].entity.type == "CHIP")
                for o in objects
            ):
                return True
        return False

    def _names_a_model(self, token: Token, depth: int = 0) -> bool:
        """Whether a noun is a model: "a custom Gemini model", "access to a version of Gemini"."""
        if token.lemma_.lower() == "model" or (
            token.i in self.index and self.index[token.i].entity.type == "MODEL"
        ):
            return True
        return depth < 2 and any(
            self._names_a_model(g, depth + 1)
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in {"to", "of"}
            for g in p.children
            if g.dep_ == "pobj"
        )

    def _idiom(self, verb: Token) -> bool:
        """Whether a verb comes with the particle of one of its frames: "took part" (joining a
        round, not raising one), "took over", "snapped up"."""
        if verb.i not in self._idioms:
            lemma = self.lemmas[verb.i]
            particles = {f.particles.get(lemma) for f in self.lex.frames_for(lemma, "VERB")}
            particles.discard(None)
            self._idioms[verb.i] = (
                bool(particles) and any(c.lower_ in particles for c in verb.children)
            ) or any(  # "Arm takes on Nvidia": a rival, not a purchase or a supply
                f"{lemma}:{c.lower_}" in self.words["rivalry_idioms"]
                for c in verb.children
                if c.dep_ in {"prt", "prep"} and c.i == verb.i + 1
            )
        return self._idioms[verb.i]

    def _misread_progressive(self, token: Token) -> tuple[str, Token] | None:
        """(verb lemma, subject) of a progressive the tagger took for a noun: "Inflection AI is
        no longer [training] models on Azure" (parsed as "training models", the attribute)."""
        word = token.lower_
        if token.pos_ != "NOUN" or token.dep_ != "compound" or not word.endswith("ing"):
            return None
        i = token.i - 1
        while i >= 0 and token.doc[i].dep_ in {"advmod", "neg"}:
            i -= 1  # "no longer", "now", "not"
        be = token.doc[i] if i >= 0 else None
        if be is None or be.lemma_ != "be" or token.head.head.i != be.i:
            return None
        subject = next((c for c in be.children if c.dep_ == "nsubj" and c.i in self.index), None)
        if subject is None:
            return None
        stem = word[:-3]
        for lemma in (stem, stem + "e", stem[:-1]):  # "training", "using", "running"
            if lemma in self._verb_lemmas:
                return lemma, subject
        return None

    def _misread_verb(self, token: Token) -> str | None:
        """The verb lemma of a verb the tagger took for a noun: "Lambda [rents] Nvidia GPUs".

        A third-person verb form right after a name, the name not its possessor, is read as
        a verb whose parse is then not to be trusted.
        """
        if token.pos_ not in {"NOUN", "PROPN"} or not token.lower_.endswith("s") or token.i == 0:
            return None
        before = token.doc[token.i - 1]
        mention = self.index.get(before.i)
        if (
            mention is None
            or before.tag_ in {"POS", "PRP$"}  # "its teams": a possessor, and a noun after it
            or mention.entity.type == "MEDIA"
        ):
            return None
        stem = token.lower_[:-3] + "y" if token.lower_.endswith("ies") else ""  # "supplies"
        for lemma in (token.lower_[:-1], token.lower_[:-2], stem):
            if lemma in self._verb_lemmas:
                return lemma
        return None
