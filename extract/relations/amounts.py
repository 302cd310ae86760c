"""Amounts and dates: the money and the date a claim's sentence ties to its trigger, not
valuations, prices or amounts of another clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..dates import normalise_date
from ..money import find_money
from ..status import BARRIERS, scope
from .common import (
    SUBJ,
)


class AmountRules:
    """The amount and date of a claim."""

    def _money_tokens(self) -> dict[int, float]:
        """Token index of each amount's last word -> its value in US dollars."""
        amounts: dict[int, float] = {}
        doc = self.doc
        text = self.sents.text
        for sent in self.sents.spans:
            for money in find_money(text[sent.start_char : sent.end_char]):
                span = doc.char_span(
                    sent.start_char + money.start,
                    sent.start_char + money.end,
                    alignment_mode="expand",
                )
                if span is None:
                    continue
                amounts[span.root.i] = money.usd
                for token in span:
                    amounts.setdefault(token.i, money.usd)
        return amounts

    def _attached(self, token: Token, targets: set[int], hops: int = 4) -> bool:
        """Whether ``token`` hangs from one of ``targets`` within ``hops``, not under a valuation."""
        current = token
        for _ in range(hops):
            if current.i in targets:
                return True
            if (
                current.lemma_.lower() in self.lex.not_amounts
                or current.lower_ in self.lex.not_amounts
            ):
                return False
            if current.dep_ == "pobj" and current.head.lower_ == "at":
                valued = current.head.head
                if not (
                    valued.lemma_.lower() in self.words["deal_value_verbs"]
                    and valued.head.lemma_.lower() in self.words["deal_nouns"]
                    and not any(c.dep_ == "dobj" for c in valued.children)  # "valued xAI at"
                ):
                    return False  # "at $14 billion", "at $23 a share": a valuation or a price
                current = valued.head  # "in a deal valued / reported at $700 million"
                continue
            if (
                current.head.i == current.i
                or current.dep_ in BARRIERS - {"acl"}
                # a finite verb in a list is a clause of its own: "... and later agreed to buy $X"
                or (current.dep_ == "conj" and current.tag_ in {"VBD", "VBZ", "VBP"})
                # so is an adverbial clause with its own subject: "..., while Amazon committed $X"
                or (current.dep_ == "advcl" and any(c.dep_ in SUBJ for c in current.children))
            ):
                return current.i in targets
            current = current.head
        return current.i in targets

    def _modifies_round(self, money: Token) -> bool:
        """Whether an amount sizes a funding round: "the $500 million round", "a $600m Series D"."""
        current = money
        while current.dep_ in {"compound", "nummod", "quantmod", "amod", "nmod"}:
            current = current.head
        if current.i == money.i:
            return False
        round_nouns = self.words["round_nouns"]
        return current.lemma_.lower() in round_nouns or any(  # "Series C"
            c.dep_ == "compound" and c.lemma_.lower() in round_nouns for c in current.children
        )

    def _sums(self, amounts) -> list[Token]:
        """The root word of each sum among the money tokens ``amounts``, prices per unit left
        out ("$40 per share" is a price, not a deal's amount)."""
        sums = []
        for i in amounts:
            token = self.doc[i]
            if token.head.i in self.money and token.head.i != token.i:
                continue  # only the amount's root word counts
            if self.doc[token.i + 1 : token.i + 3].text.lower() in self.words["unit_prices"]:
                continue
            sums.append(token)
        return sums

    def _amount(self, t: Token, *, round_totals: bool = True) -> float | None:
        amounts = self._money_by_sentence.get(self.sents.number[t.i], ())
        if not amounts:
            return None  # most claims: no money in their sentence, nothing to attach
        targets = {t.i}
        if t.pos_ == "NOUN" and t.dep_ == "dobj" and t.head.pos_ == "VERB":
            targets.add(t.head.i)  # "expanded its contract with OpenAI by $6.5 billion"
        if t.dep_ == "xcomp" and t.head.lower_ in self.words["worth_words"]:
            targets.add(t.head.i)  # "an agreement worth $11.9 billion to buy capacity"
        if t.lemma_.lower() in self.words["deal_nouns"]:
            # "a cloud agreement worth $20 billion": a deal's worth is its amount, a company's
            # worth its valuation
            targets.update(c.i for c in t.children if c.lower_ in self.words["worth_words"])
        if t.pos_ == "VERB":
            # "agreed to supply Microsoft with capacity [in a deal worth $17.4 billion]"
            targets.update(
                w.i
                for d in t.subtree
                if d.dep_ == "pobj"
                and d.head.lower_ in {"in", "under"}
                and d.lemma_.lower() in self.words["deal_nouns"]
                for w in d.children
                if w.lower_ in self.words["worth_words"]
            )
        if (
            t.pos_ == "VERB"
            and t.dep_ in {"advcl", "xcomp"}
            and t.head.lemma_.lower() in self.words["spending_verbs"]
        ):
            targets.add(t.head.i)  # "spent $1.2 billion to buy Poshmark": the price spent
        if t.pos_ == "VERB" and t.lemma_.lower() in self.words["buy_verbs"]:
            # "agreed to acquire MosaicML, a start-up that helps companies train models, for $1.3
            # billion": the parser hangs the price on the last verb of the object's description
            targets.update(
                w.i
                for o in t.children
                if o.dep_ == "dobj"  # the name, and its description (an apposition, or a
                for w in o.subtree  # second object as the parser may have it)
                if w.dep_ == "prep"
                and w.lower_ == "for"
                and any(g.dep_ == "pobj" and g.i in self.money for g in w.children)
            )
        values = []
        for token in self._sums(amounts):
            if self._attached(token, targets):
                values.append((self.money[token.i], self._modifies_round(token)))
        # "invested $100 million in its $500 million round": the round's size is not the part
        own = [value for value, sizes_round in values if not sizes_round]
        if own or not round_totals:
            return max(own) if own else None
        return max(value for value, _ in values) if values else None

    def _date(self, t: Token) -> str | None:
        targets = {tok.i for tok in scope(t, self.words["report_nouns"])}
        for ent in self.dates.get(self.sents.number[t.i], ()):
            if self._attached(ent.root, targets, hops=3):
                value = normalise_date(ent.text, self.doc._.published)
                if value:
                    return value
        return None
