"""Resources: words that name chips or cloud capacity ("Trainium", "Nvidia's GPUs", "computing
capacity"), their kind, and who supplies them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..gazetteer import Entity
from ..lexicon import Frame
from ..linking import Mention
from .common import (
    excluded_conjunct,
    is_org,
    through_amounts,
)


class ResourceRules:
    """Chips and clouds named in a slot, and their suppliers."""

    def _names_a_resource(self, mention: Mention) -> bool:
        """Whether a company named is the maker in a product's name: "buying Huawei Ascend chips"
        (the parser may take "Huawei" for the object and "Ascend" for a verb)."""
        if mention.end >= len(self.doc):
            return False
        after = self.doc[mention.end]
        following = self.index.get(after.i)
        if following is not None:
            return following.entity.type in {"CHIP", "CLOUD", "MODEL", "SERVICE"}
        return self._kind_of_noun(after) in {"chips", "cloud"}

    def _rejected(self, frame: Frame, slots: dict) -> bool:
        """Whether the object word is a stake or a resource: "sold its stake", "buy Nvidia's chips"."""
        words = through_amounts(
            [tok for tag in frame.object for tok in slots.get(tag, ())], self.money
        )
        words += [  # "buy any of CoreWeave's capacity", "sold its supply of memory"
            g
            for w in words
            if w.lemma_.lower() in self.words["quantifiers"]
            or w.lemma_.lower() in self.cls["partitive"]
            for p in w.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if "STAKE" in frame.reject_object and any(
            w.lemma_.lower() in self.cls["stake"] for w in words
        ):
            return True
        if "PART" in frame.reject_object and any(
            w.lemma_.lower() in self.words["staff_nouns"] for w in words
        ):
            return True  # "sold most of its staff to Microsoft": people, not the company
        return "RESOURCE" in frame.reject_object and any(
            # "Nervana Systems" is a company, whatever its last word says
            (self._kind_of_noun(w) is not None and not is_org(self.index.get(w.i)))
            or (
                w.i in self.index
                and self.index[w.i].entity.type in {"CHIP", "CLOUD", "MODEL", "SERVICE"}
            )
            for w in words
        )

    def _resources(
        self, tokens: Iterable[Token], ownerless: list[str] | None = None, *, buying: bool = False
    ) -> list[tuple[Mention, str]]:
        """(supplier mention, kind) for words naming chips or clouds: "Trainium", "Nvidia's GPUs".

        Kinds named without a maker ("custom chips", "computing capacity") go to ``ownerless``;
        under a verb of ``buying`` a company named is bought, not its chips.
        """
        out: list[tuple[Mention, str]] = []
        queue = list(tokens)
        seen: set[int] = set()
        while queue:
            token = queue.pop(0)
            if token.i in seen:
                continue
            seen.add(token.i)
            queue.extend(c for c in token.children if c.dep_ == "conj" and not excluded_conjunct(c))
            if token.lower_ in self.words["resource_pronouns"] and token.i not in self.index:
                queue.extend(self._resource_before(token))  # "OpenAI will deploy [them] too"
                continue
            mention = self.index.get(token.i)
            if mention is not None:
                if not mention.entity.is_product and buying:
                    if self._names_a_resource(mention):
                        queue.append(self.doc[mention.end])  # "buying Huawei [Ascend] chips"
                    continue  # "SoftBank bought Arm": a company, not its chips
                kind = self._kind_of_entity(mention.entity)
                if kind:
                    out.append((mention, kind))
                    queue.extend(  # lists parse as appositions: "AWS, [Microsoft Azure] and ..."
                        c
                        for c in token.children
                        if c.dep_ in {"compound", "nmod", "appos"}
                        and c.i in self.index
                        and self.index[c.i].source != "pronoun"  # "Untether AI itself"
                    )
                    queue.extend(  # "Google's TPUs, Amazon's Trainium and [Nvidia's GPUs]"
                        c
                        for c in token.children
                        if c.dep_ == "appos"
                        and c.i not in self.index
                        and self._kind_of_noun(c) in {"chips", "cloud"}
                    )
                else:
                    queue.extend(c for c in token.children if c.dep_ in {"appos"})
                continue
            kind = self._kind_of_noun(token)
            if kind is None:
                # "its models, TPUs", "thousands of Nvidia GPUs": go down to what names it.
                partitive = (
                    token.lemma_.lower() in self.cls["partitive"]
                    or token.lemma_.lower() in self.words["quantifiers"]  # "much of its compute"
                    or token.like_num
                    or token.i in self.money
                )
                for child in token.children:
                    if child.dep_ == "appos":
                        queue.append(child)
                    elif partitive and child.dep_ == "prep" and child.lower_ in {"of", "for", "to"}:
                        queue.extend(g for g in child.children if g.dep_ == "pobj")
                    elif partitive and child.dep_ == "compound" and child.i in self.index:
                        queue.append(child)  # "Nvidia GB200 racks": racks of GB200s
                continue
            owners = self._noun_owners(token)
            if not owners and ownerless is not None and kind in {"chips", "cloud"}:
                ownerless.append(kind)
            # "Google Cloud's infrastructure, including TPUs": the examples are resources too
            queue.extend(
                g
                for p in token.children
                if p.dep_ == "prep"
                and (
                    p.lower_ in {"including", "like"} or any(s.lower_ == "such" for s in p.children)
                )
                for g in p.children
                if g.dep_ == "pobj"
            )
            if kind == "chips":
                # "trains on Nvidia chips in data centres run by Fluidstack": their cloud too
                queue.extend(
                    g
                    for p in token.children
                    if p.dep_ == "prep" and p.lower_ == "in"
                    for g in p.children
                    if g.dep_ == "pobj" and self._kind_of_noun(g) == "cloud"
                )
            if kind == "cloud":
                # "clusters of H100 chips", "data centres packed with Nvidia processors"
                for child in token.children:
                    if child.dep_ == "appos":
                        queue.append(child)  # "clusters of up to 131,072 [MI355X GPUs]"
                    elif child.dep_ == "prep" and child.lower_ in {"of", "with"}:
                        queue.extend(g for g in child.children if g.dep_ == "pobj")
                    elif child.dep_ in {"acl", "relcl"}:
                        queue.extend(
                            g
                            for p in child.children
                            if p.dep_ == "prep"
                            and p.lower_ in {"with", "on", "around", "from", "using"}
                            for g in p.children
                            if g.dep_ == "pobj"
                        )
            for owner in owners:
                owner_kind = self._kind_of_entity(owner.entity)
                if kind == "cloud" and owner.entity.type == "ORG" and owner_kind == "chips":
                    out.append((owner, "chips"))  # "Nvidia's accelerated computing": its chips
                    continue
                if kind == "chips_if_chipmaker":
                    if owner_kind == "chips":
                        out.append((owner, "chips"))
                elif owner.entity.type in {"CHIP", "CLOUD"}:
                    out.append((owner, owner_kind))
                else:
                    out.append((owner, kind))
        return out

    def _kind_of_entity(self, entity: Entity) -> str | None:
        if entity.type == "CHIP":
            return "chips"
        if entity.type == "CLOUD":
            return "cloud"
        if entity.type != "ORG":
            return None
        party, _ = self.gaz.party(entity)
        chips = self.gaz.has_role(party, "chipmaker", derived=False)
        cloud = self.gaz.has_role(party, "cloud", derived=False)
        if chips and not cloud:
            return "chips"
        if cloud and not chips:
            return "cloud"
        return None

    def _kind_of_noun(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        words = {lemma, token.lower_, token.lower_.removesuffix("s")}
        if token.i > 0 and token.doc[token.i - 1].dep_ == "compound":
            before = token.doc[token.i - 1].lower_
            words |= {before + " " + token.lower_, before + " " + lemma}
        if words & self.cls["chip_nouns"]:
            return "chips"
        if words & self.cls["cloud_nouns"]:
            return "cloud"
        if words & self.cls["chip_if_chipmaker"]:
            return "chips_if_chipmaker"
        return None

    def _resource_before(self, pronoun: Token) -> list[Token]:
        """The plural chips or cloud a pronoun stands for: the latest named in its sentence or
        the one before ("use AMD's MI300X accelerators, and OpenAI will deploy them")."""
        first = self.sents.spans[max(0, self.sents.number[pronoun.i] - 1)].start
        for i in range(pronoun.i - 1, first - 1, -1):
            word = self.doc[i]
            if word.tag_ not in {"NNS", "NNPS"} and not word.lower_.endswith("s"):
                continue
            mention = self.index.get(i)
            if (mention is not None and mention.entity.type in {"CHIP", "CLOUD"}) or (
                mention is None and self._kind_of_noun(word) in {"chips", "cloud"}
            ):
                return [word]
            named = [  # "the first Nvidia GB200 racks": the chip that names them
                c
                for c in word.children
                if c.dep_ in {"compound", "nmod"}
                and c.i in self.index
                and self.index[c.i].entity.type in {"CHIP", "CLOUD"}
            ]
            if named:
                return named
        return []

    def _noun_owners(self, token: Token) -> list[Mention]:
        """Who makes or provides a resource noun: "Nvidia's GPUs", "GPUs from Nvidia", "chips, Trainium"."""
        owners: list[Mention] = []
        for child in token.children:
            if child.dep_ in {"poss", "compound", "nmod", "amod", "npadvmod", "appos"}:
                found = self._mentions_of(child)
                if child.dep_ != "poss":
                    # "the Colossus supercomputer": an unknown name before the noun names a thing
                    found = [m for m in found if m.entity.known or m.entity.rollup]
                owners.extend(found)
                if child.i not in self.index and child.dep_ == "compound":
                    owners.extend(self._noun_owners(child))
            elif child.dep_ in {"prep", "agent"} and child.lower_ in {"from", "by", "of"}:
                for g in child.children:
                    owners.extend(self._mentions_of(g))
            elif child.dep_ == "acl" and not any(g.dep_ == "neg" for g in child.children):
                for g in child.children:
                    if g.dep_ == "agent":
                        for p in g.children:
                            owners.extend(self._mentions_of(p))
        return owners or self._maker_of(token)
