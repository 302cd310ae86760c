"""Lists of parties: "A, B, C and D", the members of a group noun, "they" and "the two
companies", and clauses that leave their verb out ("and Nvidia up to $10 billion").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..linking import Mention
from .claims import Claim
from .common import (
    RELATIVE,
    SUBJ,
    is_org,
)


class ListRules:
    """Lists read along the text, and the claims a gapped clause shares."""

    def _list_after(self, first: Mention) -> list[Mention]:
        """The other items of a list that starts at ``first``: "A, B, C and D".

        Read along the text, because long lists parse as chains of conjuncts and appositions
        that break at any unknown name; an item counts when the parser attached it as a conjunct
        or apposition, so that "A invested in B, C raised ..." stops at C.
        """
        doc = self.doc
        items: list[Mention] = []
        i = first.end
        sent_end = self.sents.of(first.start).end
        while i < sent_end:
            word = doc[i]
            if word.text in {",", ";"} or word.lower_ in {"and", "or", "the", "as", "well", "plus"}:
                i += 1
                continue
            mention = self.index.get(i)
            if mention is not None and mention.start == i:
                root = doc[mention.start : mention.end].root
                while root.dep_ == "compound" and root.head.i != root.i:
                    root = root.head
                if root.dep_ not in {"conj", "appos", "nmod"} or mention.entity.type == "MEDIA":
                    break
                if self._gapped(root):
                    break  # "in Anthropic, and Nvidia up to $10 billion": a clause of its own
                items.append(mention)
                i = mention.end
                continue
            if word.pos_ == "PROPN" and word.dep_ in {"compound", "conj", "appos", "poss"}:
                i += 1  # an unknown name in the list, or "Japan's": skip it, keep reading
                continue
            if word.tag_ == "POS" or (
                word.pos_ in {"ADJ", "NOUN"} and word.dep_ in {"amod", "compound", "appos"}
            ):
                i += 1  # "Oracle, the private equity firm Silver Lake and MGX": a description
                continue
            break
        return items

    def _coordinated_before(self, last: Token, sent: Span) -> list[Token]:
        """The names listed up to ``last``, read leftwards: "A, B and [C]"."""
        names = [last]
        i = self.index[last.i].start - 1
        while i >= sent.start:
            if self.doc[i].lower_ in {",", "and"}:
                i -= 1  # "A, B, and C": any run of separators
            elif self.doc[i + 1].lower_ in {",", "and"} and i in self.index:
                names.insert(0, self.doc[self.index[i].start])
                i = self.index[i].start - 1
            else:
                break
        return names

    def _members(self, token: Token) -> list[Mention]:
        """Who a group noun lists: "investors including A and B", "a syndicate that includes A"."""
        found: list[Mention] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"including", "like", "as"}:
                for g in child.children:
                    if g.dep_ == "pobj" and self._heads_a_list(g):
                        found.extend(self._mentions_of(g, depth=1))
            elif (
                child.dep_ in {"relcl", "acl"}
                and child.lemma_.lower() in {"include", "comprise", "feature"}
                # "the fund, whose investors include Mubadala": the fund's members, not the fund
                and not any(c.dep_ in SUBJ and c.lower_ not in RELATIVE for c in child.children)
            ):
                for g in child.children:
                    if g.dep_ in {"dobj", "attr"} and self._heads_a_list(g):
                        found.extend(self._mentions_of(g, depth=1))
            elif child.dep_ == "appos" and child.i in self.index:
                found.extend(self._mentions_of(child, depth=1))
        return found

    def _heads_a_list(self, token: Token) -> bool:
        """Whether a member word names organisations: a known name, or the first item of a list
        of them whatever that item is ("investors including [Eric Schmidt], Jane Street and
        Sequoia": a person first, the companies after)."""
        return token.i in self.index or any(
            c.dep_ == "conj" and is_org(self.index.get(c.i)) for c in token.children
        )

    def _plural(self, pronoun: Token) -> list[Mention]:
        """ "They": the organisations of the latest list named as a subject, in this sentence or
        the one before ("Samsung and SK Hynix signed ..., under which they plan to supply")."""
        first = self.sents.spans[max(0, self.sents.number[pronoun.i] - 1)].start
        for i in range(pronoun.i - 1, first - 1, -1):
            mention = self.index.get(i)
            if mention is None or mention.start != i:
                continue
            root = self.doc[mention.start : mention.end].root
            if root.dep_ in SUBJ:
                group = [mention, *self._list_after(mention)]
                if len(group) > 1:
                    return group  # not "... and Nvidia has invested in them": its own subject
        return []

    def _pair(self, token: Token) -> list[Mention]:
        """ "The two companies", "the pair": the two organisations the article is about."""
        words = " ".join(
            t.lower_
            for t in token.subtree
            if (t.i <= token.i and t.dep_ in {"det", "nummod", "predet", "amod"}) or t.i == token.i
        )
        if not any(w in words for w in self.words["pair_words"]):
            return []
        # The latest sentence before that names organisations, if it names exactly two.
        for sent in reversed(self.sents.spans[: self.sents.number[token.i] + 1]):
            named = [
                m
                for m in self.mentions
                if sent.start <= m.start < min(sent.end, token.i)
                and self.gaz.party(m.entity)[0].type == "ORG"
            ]
            distinct = {self.gaz.party(m.entity)[0].id: m for m in named}
            if len(distinct) >= 2:
                return list(distinct.values()) if len(distinct) == 2 else []
        return []

    def _gapped_claims(self, verb: Token, found: list[Claim]) -> list[Claim]:
        """The claims of a clause that leaves its verb out: "Microsoft will invest $5 billion in
        Anthropic, and [Nvidia up to $10 billion]" says Nvidia invests in Anthropic too."""
        if not found or verb.pos_ != "VERB":
            return []
        out = []
        for conj in verb.subtree:
            mention = self.index.get(conj.i)
            if (
                conj.dep_ != "conj"
                or conj.i < verb.i
                or not is_org(mention)
                or next((a for a in conj.ancestors if a.pos_ in {"VERB", "AUX"}), None) != verb
            ):
                continue
            amount = self._amount_after(conj)
            if amount is None:
                continue
            subject = self.gaz.party(mention.entity)[0]
            out.extend(
                replace(claim, subject=subject, via=None, amount_usd=amount)
                for claim in found
                if claim.relation in {"INVESTS_IN", "ACQUIRES"} and subject.id != claim.object.id
            )
        return out

    def _gapped(self, conj: Token) -> bool:
        """Whether a conjunct opens a clause of its own: its verb left out, an amount straight
        after it ("Microsoft will invest $5 billion in Anthropic, and [Nvidia] up to $10
        billion"), or a verb straight after it that the parser left without a subject
        ("Microsoft invested in Anthropic and [Nvidia] quickly followed")."""
        if self._amount_after(conj) is not None:
            return True
        i = self._after_name(conj)
        while i < len(self.doc) and self.doc[i].dep_ == "advmod" and self.doc[i].pos_ == "ADV":
            i += 1
        verb = self.doc[i] if i < len(self.doc) else None
        return (
            verb is not None
            and verb.tag_ in {"VBD", "VBZ", "VBP"}
            and verb.dep_ in {"advcl", "conj", "ccomp"}
            and not any(c.dep_ in SUBJ for c in verb.children)
        )

    def _amount_after(self, conj: Token) -> float | None:
        """The amount straight after a name ("Nvidia [up to $10 billion]"), if one follows."""
        i = self._after_name(conj)
        end = i + 4  # a hedge of a few words at most
        while (
            i < len(self.doc)
            and i not in self.money
            and self.doc[i].dep_ in {"quantmod", "advmod"}
            and i < end
        ):
            i += 1  # "up to", "about"
        return self.money.get(i)

    def _after_name(self, token: Token) -> int:
        """The index of the word after the name at ``token`` (after the word, if no name)."""
        mention = self.index.get(token.i)
        return mention.end if mention is not None else token.i + 1
