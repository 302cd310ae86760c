"""Slots: the words a trigger's arguments hang on, read from the dependency parse.

Passive voice is made active, participles and relative clauses point at the noun they modify,
control verbs ("agreed to invest") and coordinated verbs inherit their subject, prepositions
the parser attached to the amount or the object go back to the trigger.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Token

from .common import (
    ARG_DEPS,
    CLAUSE_DEPS,
    RELATIVE,
    SUBJ,
    coordinated_attr,
    headline_subject,
    rejected_alternative,
)


class SlotRules:
    """The slots of a trigger: dependency label (or ``prep:<word>``) -> the words in it."""

    def _slots(self, t: Token) -> dict[str, list[Token]]:
        slots: dict[str, list[Token]] = defaultdict(list)
        # "a round led by X and [joined] by Y": the second participle modifies the same noun
        participle = self._first_participle(t) or t
        passive = t.pos_ in {"VERB", "ADJ"} and (
            any(c.dep_ in {"nsubjpass", "auxpass"} for c in t.children)
            or (t.tag_ == "VBN" and participle.dep_ in {"acl", "amod", "advcl"})
        )
        for child in t.children:
            self._add_child(slots, child, passive, t)
        if t.pos_ == "NOUN":
            # "production of HBM4 chips [for Nvidia]": the parser hangs the noun's own "for" or
            # "to" on what it is of
            for of in list(slots.get("prep:of", ())):
                for prep in (c for c in of.children if c.dep_ == "prep"):
                    key = "prep:" + prep.lower_
                    if prep.lower_ in {"for", "to"} and key not in slots:
                        slots[key] = [g for g in prep.children if g.dep_ == "pobj"]
        if t.pos_ == "ADJ" and t.dep_ == "acomp":
            slots["head:nsubj"].extend(self._own_subjects(t.head))  # "GPUs are [available]"
        # "X is to be acquired by Y", "X is expected to be made by Y": the raised subject
        raised = passive and t.dep_ == "xcomp" and "dobj" not in slots
        if raised and (held := [c for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}]):
            # "- OpenAI: its chip is to be made by TSMC": the label's apposition is the subject
            slots["dobj"].extend(
                next((a for a in c.children if a.dep_ == "appos" and a.i > c.i + 1), c)
                if c.i + 1 < len(self.doc) and self.doc[c.i + 1].text == ":"
                else c
                for c in held
            )
        # Coordinated role nouns share their owner: "its [training partner and cloud provider]";
        # so does a role noun before the name it describes: "its alliance [partners] AWS".
        if (
            t.pos_ == "NOUN"
            and "poss" not in slots
            and (
                (t.dep_ == "conj" and t.head.pos_ == "NOUN")
                or (t.dep_ == "compound" and t.head.i in self.index)
            )
        ):
            slots["poss"].extend(c for c in t.head.children if c.dep_ == "poss")
        elif t.pos_ == "NOUN" and "poss" not in slots and (attr := coordinated_attr(t)):
            # the parser hung the second role noun on the verb: "remains its partner and provider"
            slots["poss"].extend(c for c in attr.children if c.dep_ == "poss")
        # Right node raising: "trains and deploys its models on OCI"; not when the verb has an
        # object of its own ("leverage its hardware and reduce dependency on Nvidia"), nor from a
        # conjunct with its own subject ("X led, and Y took part").
        if t.pos_ == "VERB" and "dobj" not in slots:
            for conj in (
                c
                for c in t.children
                if c.dep_ == "conj"
                and c.pos_ == "VERB"
                and not any(g.dep_ in SUBJ for g in c.children)
            ):
                for child in conj.children:
                    if child.dep_ == "prep" and "prep:" + child.lower_ not in slots:
                        slots["prep:" + child.lower_].extend(
                            g for g in child.children if g.dep_ == "pobj"
                        )
                    elif (
                        child.dep_ == "dobj"
                        and "dobj" not in slots
                        # not "runs on AWS and counts Nvidia as a partner": its own arguments
                        and not any(
                            c.dep_ == "prep" and any(g.i in self.index for g in c.children)
                            for c in t.children
                        )
                    ):
                        slots["dobj"].append(child)
        # "Its workloads there [will run] on X": a main verb parsed as a clause of its subject.
        if (
            t.pos_ == "VERB"
            and t.dep_ == "acl"
            and t.head.dep_ == "ROOT"
            and "nsubj" not in slots
            and any(
                c.dep_ == "aux" and c.lower_ in {"will", "would", "can", "could", "may"}
                for c in t.children
            )
        ):
            slots["nsubj"].append(t.head)
        # Prepositions misattached to the amount, stake or object noun belong to the trigger:
        # "invested [$4 billion [in Anthropic]]", "trains [its models [on TPUs]]".
        holders = ("dobj", "npadvmod", "attr", "nsubj" if passive else "_")
        if t.pos_ == "VERB":
            holders += ("prep:with",)  # "led the round [with [$1 billion [, alongside Y]]]"
        if t.pos_ in {"NOUN", "PROPN"}:
            holders += ("amod",)  # "a contract [worth $11.9 billion [with OpenAI]]"
            # "a supplier of [computing capacity [to OpenAI]]"
            holders += ("prep:of",)
        for key in holders:
            for holder in list(slots.get(key, ())):
                if holder.i in self.index and not (
                    t.pos_ == "VERB" and self.index[holder.i].entity.type == "MODEL"
                ):
                    continue  # a company keeps its prepositions; "trains [Grok [on GPUs]]"
                if key == "prep:with" and holder.i not in self.money:
                    continue
                if (
                    holder.lemma_.lower() in self.words["quantity"]
                    or holder.i in self.money
                    or t.pos_ == "VERB"
                    or key == "amod"
                    or (key == "prep:of" and holder.lemma_.lower() in self.cls["cloud_nouns"])
                ):
                    # Two levels down: "trains [some [of its models [on TPUs]]]".
                    for grand in holder.children:
                        if grand.dep_ != "prep":
                            continue
                        objs = [g for g in grand.children if g.dep_ in {"pobj", "pcomp"}]
                        slots.setdefault("prep:" + grand.lower_, []).extend(objs)
                        if grand.lower_ == "of":
                            for obj in objs:
                                for deeper in obj.children:
                                    if deeper.dep_ == "prep" and obj.i not in self.index:
                                        slots["prep:" + deeper.lower_].extend(
                                            g for g in deeper.children if g.dep_ == "pobj"
                                        )
        # "raised $675 million [at a valuation [from investors ...]]", "trained [in its data
        # centre [on Nvidia GPUs]]": the parser's misattachment.
        if t.pos_ == "VERB":
            for child in list(t.children):
                if child.dep_ != "prep" or child.lower_ not in {"at", "in"}:
                    continue
                for obj in (
                    g for g in child.children if g.dep_ == "pobj" and g.i not in self.index
                ):
                    for deeper in obj.children:
                        key = "prep:" + deeper.lower_
                        if (
                            deeper.dep_ == "prep"
                            and deeper.lower_ in {"from", "by", "with", "on"}
                            and key not in slots
                        ):
                            slots[key].extend(g for g in deeper.children if g.dep_ == "pobj")
        # A participle modifies its noun: "a round led by X", "X-backed Y". Without an agent at
        # the head of the sentence it is a misparsed main verb: "[GV invested] in Anthropic".
        fronted = t.i < t.head.i
        if (
            t.tag_ == "VBN"
            and t.dep_ == "advcl"
            and fronted
            and not any(c.dep_ in SUBJ | {"aux"} for c in t.children)
        ):
            slots["dobj"].extend(s for s in self._subjects(t.head))
        if t.tag_ in {"VBN", "VBD"} and participle.dep_ in {"acl", "amod"}:
            noun = participle.head
            before = t.doc[participle.i - 1]
            if (
                participle.dep_ == "acl"
                and before.dep_ == "pobj"
                and before.head.head.i == noun.i
                and self._kind_of_noun(before)
            ):
                noun = before  # "trains its models on [GPUs rented from OCI]": the parse went high
            has_agent = "nsubj" in slots or any(c.dep_ == "agent" for c in t.children)
            if (
                not has_agent
                and participle.dep_ == "acl"
                and noun.dep_ == "ROOT"
                and noun.i in self.index
            ):
                slots["nsubj"].append(noun)
            else:
                slots["dobj"].append(noun)
                slots["_alone"].append(noun)  # "Microsoft-backed OpenAI and Broadcom": OpenAI
        # "Rao founded MosaicML, which Databricks bought": a relative clause parsed as a
        # complement; its pronoun still stands for the name before the comma
        which = next(
            (c for c in t.children if c.lower_ in {"which", "who"} and c.dep_ in {"dobj", "nsubj"}),
            None,
        )
        if which is not None and t.dep_ != "relcl" and which.i >= 2:
            before = t.doc[which.i - 2]
            if t.doc[which.i - 1].text == "," and before.i in self.index:
                for key, tokens in list(slots.items()):
                    slots[key] = [before if tok == which else tok for tok in tokens]
        # A relative clause's pronoun stands for the noun it modifies.
        if t.dep_ == "relcl":
            rel = [c for c in t.children if c.lower_ in RELATIVE] or [
                g
                for c in t.children
                if c.dep_ == "prep"
                for g in c.children
                if g.lower_ in RELATIVE
            ]
            if rel and rel[0].dep_ == "nsubj" and len(slots.get("nsubj", ())) > 1:
                # "technology, which Anthropic favors": two subjects, so the pronoun is the object.
                slots["nsubj"] = [tok for tok in slots["nsubj"] if tok != rel[0]]
                slots["dobj"].append(rel[0])
            antecedent = t.head
            if (
                antecedent.ent_type_ in {"GPE", "LOC", "FAC"}
                and antecedent.dep_ == "pobj"
                and antecedent.head.head.pos_ in {"NOUN", "PROPN"}
            ):
                # "its supercomputer in Memphis, which is built on Nvidia GPUs": the thing, not
                # the place it is in
                antecedent = antecedent.head.head
            first = antecedent
            while first.dep_ == "conj" and first.head.i in self.index:
                first = first.head
            listed = [c for c in antecedent.conjuncts if c.i < t.i]
            object_relative = bool(rel) and rel[0].dep_ == "dobj"
            if (t.tag_ == "VBZ" or object_relative) and listed:
                # "Oracle, Walmart and ByteDance, which owns TikTok": the verb agrees with one,
                # the nearest, wherever the parser hung the clause; so does "A, sold to Intel,
                # and MosaicML, which Databricks bought"
                antecedent = max([antecedent, *listed], key=lambda c: c.i)
            elif first.dep_ in SUBJ:
                antecedent = first  # "Broadcom and Marvell, which design ...": the whole list
            if rel:
                for key, tokens in list(slots.items()):
                    if rel[0] in tokens:
                        slots[key] = [antecedent if tok == rel[0] else tok for tok in tokens]
            elif "dobj" not in slots:
                slots["dobj"].append(antecedent)
        # "Wiz, which Google agreed to buy": the pronoun stands for the noun of the relative
        # clause the verb is the complement of
        clause = t
        for _ in range(3):
            if clause.dep_ not in {"xcomp", "ccomp", "conj"}:
                break
            clause = clause.head
        if clause is not t and clause.dep_ == "relcl":
            for key, tokens in list(slots.items()):
                slots[key] = [
                    clause.head if tok.lower_ in RELATIVE and tok.head.i == t.i else tok
                    for tok in tokens
                ]
            if "dobj" not in slots and any(
                c.dep_ == "dobj" and c.lower_ in RELATIVE for c in clause.children
            ):
                slots["dobj"].append(clause.head)  # the parser hangs "which" on "agreed"
        # "the startup in which Oracle is an investor": the role's "in which" hangs on the verb
        if t.pos_ == "NOUN" and t.dep_ == "attr" and t.head.dep_ == "relcl":
            for p in t.head.children:
                if p.dep_ == "prep" and any(g.lower_ in RELATIVE for g in p.children):
                    slots["prep:" + p.lower_].append(t.head.head)
        # Licensing: "licensed Inflection's models".
        for obj in slots.get("dobj", ()):
            slots["dobj.poss"].extend(c for c in obj.children if c.dep_ in {"poss", "compound"})
            # "co-designs [Google's TPUs]": partners are named, not the owners of what is made
            if obj.i not in self.index or self.index[obj.i].entity.type == "ORG":
                slots["dobj.org"].append(obj)
        # Control and coordination: "agreed to invest", "invested ... and became its provider".
        if (
            t.pos_ in {"VERB", "AUX"}
            and "nsubj" not in slots
            and not (passive and any(c.dep_ == "nsubjpass" for c in t.children))
            and not (raised and slots.get("dobj"))
        ):  # "whether Mistral might be acquired" has no acquirer to inherit
            slots["nsubj"].extend(self._inherited_subject(t))
        # A noun that names the deal of a compound head: "licensing deal with X".
        noun = t
        offer = t.head.lemma_.lower() in self.words["offer_nouns"]
        if t.dep_ == "compound" and (offer or t.head.lemma_.lower() in self.words["deal_nouns"]):
            noun = t.head
            for child in noun.children:
                if child.i != t.i:
                    self._add_child(slots, child, False, noun)
            if offer:  # "a takeover offer from Meta": the bidder, wherever "from" hangs
                slots["prep:by"].extend(slots.pop("prep:from", []))
                if noun.dep_ == "dobj":
                    slots["prep:by"].extend(
                        g
                        for c in noun.head.children
                        if c.dep_ == "prep" and c.lower_ == "from"
                        for g in c.children
                        if g.dep_ == "pobj"
                    )
        if noun.pos_ in {"NOUN", "PROPN"}:
            for clause in (c for c in noun.children if c.dep_ == "relcl"):
                subjects = [
                    c for c in clause.children if c.dep_ in SUBJ and c.lower_ not in RELATIVE
                ]
                if subjects:  # "the partnership that CMA CGM signed with Mistral AI"
                    slots["head:nsubj"].extend(subjects)
                    for prep in (
                        c
                        for c in clause.children
                        if c.dep_ == "prep" and c.lower_ in {"with", "between"}
                    ):
                        slots["prep:" + prep.lower_].extend(
                            g for g in prep.children if g.dep_ == "pobj"
                        )
            head_verb = self._governing_verb(noun)
            if head_verb is not None:
                slots["head:nsubj"].extend(self._subjects(head_verb))
                slots["_head_verb"].append(head_verb)
                # "struck a deal with X", "announced a partnership with X": the verb's "with".
                for child in head_verb.children:
                    if (
                        child.dep_ == "prep"
                        and child.lower_ in {"with", "between"}
                        and child.i > noun.i
                    ):
                        key = "prep:" + child.lower_
                        if key not in slots:
                            slots[key].extend(g for g in child.children if g.dep_ == "pobj")
                    elif (
                        child.dep_ == "prep"
                        and child.lower_ in {"in", "into"}
                        and child.i > noun.i
                        and noun.dep_ == "dobj"
                        and noun.lemma_.lower() in self.cls["stake"]
                        and "prep:in" not in slots
                    ):
                        # "sold its stakes [in A and B]": the parser hung the stake's "in" on
                        # the verb
                        slots["prep:in"].extend(g for g in child.children if g.dep_ == "pobj")
                # "integrates OpenAI's ChatGPT ..., in a partnership": the verb's own objects.
                for child in head_verb.children:
                    if child.dep_ in {"dobj", "dative"} and child.i != noun.i:
                        slots["head:args"].append(child)
            # "in talks with Meta about a cloud agreement", "negotiating with Meta over a deal":
            # those the talks are with are the deal's other party
            talks = noun.head.head if noun.dep_ == "pobj" else None
            if (
                talks is not None
                and noun.head.lower_ in self.words["talk_topic_prepositions"]
                and talks.lemma_.lower() in self.words["talk_words"]
                and "prep:with" not in slots
            ):
                for child in talks.children:
                    if child.dep_ == "prep" and child.lower_ == "with":
                        slots["prep:with"].extend(g for g in child.children if g.dep_ == "pobj")
        if t.pos_ == "VERB":
            self._shared_subjects(t, slots)
        # A verb without a subject of its own: a name right before it ("Microsoft and Meta use").
        if t.pos_ in {"VERB", "NOUN"} and t.dep_ in CLAUSE_DEPS and "nsubj" not in slots:
            slots["nsubj"].extend(
                c
                for c in t.children
                if c.dep_ in {"nmod", "npadvmod"} and c.i < t.i and c.i in self.index
            )
        return slots

    @staticmethod
    def _first_participle(t: Token) -> Token | None:
        """The participle a second one is coordinated with: "a round led by A and [joined] by
        B", also where the parser hung the second one on the main verb."""
        if t.dep_ != "conj" or t.tag_ != "VBN":
            return None
        if t.head.tag_ in {"VBN", "VBD"} and t.head.dep_ in {"acl", "amod"}:
            return t.head
        if any(c.dep_ == "agent" for c in t.children) and not any(
            c.dep_ in SUBJ | {"aux", "auxpass"} for c in t.children
        ):
            before = [
                x for x in t.head.subtree if x.i < t.i and x.tag_ == "VBN" and x.dep_ == "acl"
            ]
            return before[-1] if before else None
        return None

    def _shared_subjects(self, t: Token, slots: dict) -> None:
        """Subjects a verb shares with a clause beside it: "NEA took part, [as did Nvidia]";
        "raised $1bn, [with Nvidia and Microsoft] also taking part"."""
        for clause in t.children:
            if (
                clause.dep_ == "advcl"
                and clause.lemma_.lower() == "do"
                and any(c.dep_ == "mark" and c.lower_ in {"as", "so"} for c in clause.children)
            ):
                slots["nsubj"].extend(c for c in clause.children if c.dep_ in SUBJ)
        if t.tag_ != "VBG" or t.dep_ != "advcl":
            return
        for prep in t.head.children:
            # the absolute "with": after a comma, its names before the participle
            if (
                prep.dep_ == "prep"
                and prep.lower_ == "with"
                and prep.i < t.i
                and prep.i > 0
                and self.doc[prep.i - 1].text == ","
                and all(c.i > prep.i for c in t.children if c.dep_ in SUBJ)
            ):
                slots["nsubj"].extend(g for g in prep.children if g.dep_ == "pobj")

    def _add_child(self, slots: dict, child: Token, passive: bool, t: Token) -> None:
        dep = child.dep_
        if dep == "dative" and child.pos_ == "ADP":
            dep = "prep"  # "sell capacity [to] Anthropic", parsed as a dative preposition
        if dep in {"prep", "agent"}:
            if rejected_alternative(child):
                return
            objs = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if dep == "agent" and passive:
                slots["nsubj"].extend(objs)
            else:
                slots["prep:" + child.lower_].extend(objs)
                # "for Google ... and for Meta"
                for conj in child.children:
                    if conj.dep_ == "conj" and conj.dep_ != "prep" and conj.lower_ == child.lower_:
                        slots["prep:" + child.lower_].extend(
                            g for g in conj.children if g.dep_ == "pobj"
                        )
                # "along with X", "together with X"
                for g in child.children:
                    if g.dep_ == "prep":
                        slots["prep:" + g.lower_].extend(x for x in g.children if x.dep_ == "pobj")
        elif dep == "nsubjpass" or (dep == "nsubj" and passive and t.dep_ in {"acl", "amod"}):
            slots["dobj"].append(child)
        elif headline_subject(child):
            slots["nsubj"].append(child)
        elif dep in ARG_DEPS:
            named_modifier = dep in {"nummod", "amod"} and child.i in self.index
            slots["compound" if named_modifier or dep == "nummod" else dep].append(child)
