"""Roles: who fills a frame's subject and object, and the (subject, object) pairs of the
relations whose parties are organisations on both sides (INVESTS_IN, PARTNERS_WITH, ACQUIRES,
OWNS), with the frame-specific turns: role nouns that *are* a party, possessors that received
an investment, partnerships told before, lists of partners.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..lexicon import Frame
from ..linking import Mention
from .common import (
    GUESS_OBJECTS,
    GUESS_SUBJECT_TAGS,
    all_pairs,
    coordinated_attr,
    definite,
    is_org,
    is_the_venture,
    through_amounts,
)


class RoleRules:
    """A frame's parties, resolved from its slots."""

    def _self_tokens(self, t: Token) -> list[Token]:
        """The words that *are* a role noun: "AWS is X's provider", "X, an investor in Y"."""
        if (
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.head.head.lower_ in self.words["partitive_heads"]
        ):
            t = t.head.head  # "X is one of its shareholders": X is the one
        t = coordinated_attr(t) or t  # "remains its training partner and [cloud provider]"
        while (
            t.dep_ in {"nmod", "conj", "compound"}
            and t.head.pos_ in {"NOUN", "PROPN"}
            and t.head.i not in self.index
        ):
            t = t.head  # "its primary cloud provider and training partner"
        out = [c for c in t.children if c.dep_ == "nsubj"]
        head = t.head
        if t.dep_ == "attr":
            out.extend(self._subjects(head))
        if t.dep_ in {"oprd", "xcomp", "ccomp", "advcl"} and not out:
            out.extend(c for c in head.children if c.dep_ == "dobj")
        if t.dep_ == "appos":
            out.append(head)
        out.extend(c for c in t.children if c.dep_ == "appos")
        if t.dep_ == "compound" and head.i in self.index:
            out.append(head)
        if t.dep_ == "nsubj":
            # "Already the main supplier to Nvidia, SK Hynix has ...": parsed as two subjects
            out.extend(c for c in head.children if c.dep_ == "nsubj" and c.i > t.i)
        if t.dep_ == "nsubj" and head.lemma_.lower() in self.words["copulas"]:
            out.extend(c for c in head.children if c.dep_ in {"dobj", "attr"})
        if (
            t.dep_ in {"npadvmod", "advcl", "nmod", "dobj"}
            and head.pos_ in {"VERB", "AUX"}
            and t.i < head.i
            and (t.dep_ != "dobj" or any(s.i > t.i for s in self._subjects(head)))
        ):
            # a role noun fronted before its clause ("Already the main supplier to Nvidia, SK
            # Hynix has grown"), which the parser may even call the verb's object
            out.extend(self._subjects(head))
        if t.dep_ == "pobj" and head.lower_ == "among":
            # "with A and B among the other backers": among hangs on A, or on the verb beside "with"
            holder = head.head
            objects = [  # "counts Jeff Bezos and Nvidia among its backers": the list is read
                c
                for c in holder.children
                if c.dep_ == "dobj"
                and any(g.i in self.index for g in (c, *(x for x in c.subtree if x.dep_ == "conj")))
            ]
            if objects and holder.pos_ == "VERB":
                out.extend(objects)  # "xAI counts Nvidia and AMD among its backers"
            elif holder.lemma_.lower() in self.words["copulas"]:
                out.extend(self._subjects(holder))  # "A and B were among the other investors"
                # "Among its investors are A and B"
                out.extend(c for c in holder.children if c.dep_ == "attr" and c.i in self.index)
            elif holder.pos_ in {"VERB", "AUX"}:
                out.extend(
                    g
                    for p in holder.children
                    if p.dep_ == "prep" and p.lower_ == "with"
                    for g in p.children
                    if g.dep_ == "pobj"
                )
            else:
                out.append(holder)
        if t.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in {"NOUN", "PROPN"}:
            out.append(head.head)  # "A and B as co-leads"
        if t.dep_ == "pobj" and head.lower_ == "as" and head.head.lower_ == "with":
            out.extend(
                g for g in head.head.children if g.dep_ == "pobj"
            )  # "with A and B as co-leads"
        if t.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
            # "Amazon chose AWS as its provider", "X joined as an investor"
            verb = head.head
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if not objs:  # "relies on AWS as its partner"
                objs = [
                    g
                    for p in verb.children
                    if p.dep_ == "prep"
                    and p.i != head.i
                    and p.lower_ in {"on", "with", "to", "upon"}
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
            if verb.lemma_.lower() == "join" and objs and any(c.dep_ == "prep" for c in t.children):
                # "MGX joined SoftBank and Oracle as an investor in Stargate": all of them
                objs = [*objs, *self._subjects(verb)]
            out.extend(objs or self._subjects(verb))
        if any(
            c.dep_ == "prep"
            and (c.lower_ in {"including", "like"} or any(g.lower_ == "such" for g in c.children))
            for c in t.children
        ):
            out.append(t)  # "the startup's investors, including A and B": its members
        return out

    def _resolve(
        self,
        tags: Iterable[str],
        t: Token,
        slots: dict,
        compound: bool = False,
        frame: Frame | None = None,
    ) -> list[Mention]:
        found: list[Mention] = []
        for tag in tags:
            if tag == "self":
                tokens = self._self_tokens(t)
            elif tag == "FUNDING_SUBJECT":  # "a round that also included Nvidia": the round's
                found.extend(
                    m
                    for o in slots.get("nsubj", ())
                    if o.pos_ in {"NOUN", "PROPN"}
                    and self._is_funding(o)
                    and o.lemma_.lower() not in self.words["portfolio_nouns"]
                    for m in self._round_owner(o)
                )
                continue
            elif tag == "PORTFOLIO_SUBJECT":  # "its first commitments included Cohere": its
                found.extend(
                    m
                    for o in slots.get("nsubj", ())
                    if o.lemma_.lower() in self.words["portfolio_nouns"]
                    for m in self._owner_of_thing(o)
                )
                continue
            elif tag == "FUNDING":
                funding = [
                    o
                    for k in ("dobj", "prep:in", "prep:of", "attr")
                    for o in slots.get(k, ())
                    if self._is_funding(o)
                ]
                found.extend(m for o in funding for m in self._round_owner(o))
                particle = frame.particles.get(t.lemma_.lower()) if frame else None
                named = [
                    o
                    for o in slots.get("dobj", ())
                    if o.lower_ != particle and o.i not in self.money
                ]
                if not funding and not (t.pos_ == "VERB" and named):
                    # not "a bank group led by X"; "Accel led another $500 million": the round
                    # told before
                    found.extend(
                        self._context_funding(t)
                        or (self._last_round(t, sentences=3) if slots.get("dobj") else [])
                    )
                continue
            elif tag == "ROUND_CONTEXT":
                # "Microsoft and Nvidia also took part": the round told just before, when the
                # verb names no object of its own.
                particle = frame.particles.get(t.lemma_.lower()) if frame else None
                objects = [
                    tok
                    for k in ("dobj", "prep:in", "prep:into", "prep:with")
                    for tok in slots.get(k, ())
                    if not (
                        k == "prep:with"
                        and (
                            is_org(self.index.get(tok.i))
                            or tok.lemma_.lower() in self.words["round_roles"]
                        )
                    )
                ]
                told = self._last_round(t, sentences=2)
                if not [
                    o
                    for o in objects
                    if o.lower_ != particle
                    and o.i not in self.money
                    and not (o.pos_ == "PRON" and told)  # "The Series F raised $13bn; A led it"
                ]:
                    also = any(
                        c.dep_ == "advmod" and c.lower_ in self.words["additive_adverbs"]
                        for c in t.children
                    )
                    found.extend(self._last_round(t, sentences=3, same_paragraph=not also))
                continue
            elif tag == "STAKE":
                held = [*slots.get("dobj", ())] if t.pos_ == "VERB" else [*slots.get("prep:of", ())]
                stakes = [
                    o
                    for o in through_amounts(held, self.money)
                    if o.lemma_.lower() in self.cls["stake"]
                ]
                tokens = (
                    [
                        g
                        for s in stakes
                        for p in s.children
                        if p.dep_ == "prep" and p.lower_ in {"in", "of"}
                        for g in p.children
                    ]
                    + [
                        c
                        for s in stakes
                        for c in s.children
                        if c.dep_ in {"compound", "poss", "nmod"} and c.i in self.index
                    ]
                    + slots.get("prep:in", [])
                )
                if stakes and not tokens and self.round and self.round[0] == self.sents.start(t.i):
                    # "Intel raised fresh equity, when SoftBank agreed to take a $2bn stake": in
                    # the company the sentence tells raised money
                    found.extend(self.round[1])
                    continue
            else:
                tokens = slots.get(tag, [])
            alone = {tok.i for tok in slots.get("_alone", ())}
            guess = (
                frame is not None
                and frame.relation in GUESS_OBJECTS
                and (tag in frame.object or (tag in GUESS_SUBJECT_TAGS and tag in frame.subject))
            )
            for token in tokens:
                if token.i in alone and token.i in self.index:
                    found.append(self.index[token.i])
                    found.extend(self._sharing(token))
                    continue
                mentions = self._mentions_of(token, compound)
                if not mentions and guess:
                    mentions = self._guessed(token, bought=frame.relation == "ACQUIRES")
                if not mentions and guess and token.lemma_.lower() in self.lex.org_cue_nouns:
                    # "its purchase of the Bitstamp exchange": the name before a company noun
                    mentions = [
                        m
                        for c in token.children
                        if c.dep_ == "compound" and c.i == token.i - 1
                        for m in (
                            [self.index[c.i]]
                            if is_org(self.index.get(c.i))
                            else self._guessed(c, bought=frame.relation == "ACQUIRES")
                        )
                    ]
                found.extend(mentions)
        unique: dict[int, Mention] = {}
        for m in found:
            unique.setdefault(m.start, m)
        return list(unique.values())

    def _units_sold(self, objects: list[Mention], slots: dict) -> list[Mention]:
        """ "sold its Mellanox unit to Intel", "bought Activision's games business", "a bid for
        Google's browser": the unit or product changes hands, named or not, not its owner."""
        units = [
            tok
            for key in ("dobj", "prep:of", "prep:for")
            for tok in slots.get(key, ())
            # a bid for "Google's browser" buys the product, not its maker; but "TikTok's
            # operations in the US" are the company, in one region (lexicon regional_units)
            if (
                tok.lemma_.lower() in self.words["unit_nouns"]
                and tok.lemma_.lower() not in self.words["regional_units"]
            )
            or tok.lemma_.lower() in self.words["owned_things"]
        ]
        if not units:
            return objects
        owners = {c.i for u in units for c in u.children if c.dep_ == "poss"}
        named = [
            self.index[c.i]
            for u in units
            for c in u.children
            if c.dep_ == "compound" and c.i in self.index and not self.index[c.i].entity.is_product
        ]  # "sells Claude models to customers": a product on offer, no company changing hands
        kept = [o for o in objects if not any(o.start <= i < o.end for i in owners)]
        return kept + [m for m in named if m not in kept]

    def _party_pairs(self, frame: Frame, t: Token, slots: dict) -> list[tuple]:
        symmetric = frame.symmetric
        subjects = self._resolve(frame.subject, t, slots, compound=symmetric, frame=frame)
        objects = self._resolve(frame.object, t, slots, compound=symmetric, frame=frame)
        if (
            frame.id in {"investment.noun", "acquisition.noun"}
            and objects == []
            and any(slots.get(k) for k in ("prep:from", "prep:by"))
        ):
            # "Anthropic's investment from Amazon", "MosaicML's acquisition by Databricks": the
            # possessor received it.
            poss = self._resolve(["poss"], t, slots)
            subjects = [m for m in subjects if m not in poss]
            objects = poss
        if frame.relation == "INVESTS_IN" and subjects and objects:
            # "co-led a Series A for Skild AI alongside Lightspeed": the parser hangs the
            # co-investors on the company; they share the investors' part, not the company's
            shared = [
                m
                for o in objects
                for m in self._sharing(self.doc[o.start : o.end].root)
                if m not in subjects
            ]
            if shared and len(shared) < len(objects):
                objects = [m for m in objects if m not in shared]
                subjects = subjects + shared
        flexible = frame.flexible
        head_verbs = slots.get("_head_verb", [])
        resolved = {
            tag: self._resolve([tag], t, slots, compound=symmetric, frame=frame) for tag in flexible
        }
        if (
            frame.id == "investment.noun"
            and not subjects
            and not objects
            and self._subject_invests(t, resolved, head_verbs)
        ):
            flexible = sorted(flexible, key=lambda tag: tag != "head:nsubj")
        if (
            frame.id == "acquisition.noun"
            and head_verbs
            and head_verbs[0].lemma_.lower() in self.lex.status["rebuffs"]
        ):
            # "Wiz rejects Google takeover offer": the one who turns a bid down is its target
            flexible = sorted(flexible, key=lambda tag: tag == "head:nsubj")
        for tag in flexible:
            extra = [m for m in resolved[tag] if m not in subjects and m not in objects]
            if not extra:
                continue
            gives = bool(head_verbs) and head_verbs[0].lemma_.lower() in frame.head_subject_gives
            if tag == "head:nsubj" and frame.head_subject_gives and not gives:
                # "Anthropic secured funding": the subject received the funding.
                if not objects:
                    objects = extra
                elif not subjects:
                    subjects = extra
            elif not subjects:
                subjects = extra
            elif not objects:
                objects = extra
        if (
            subjects
            and not objects
            and frame.id == "invest.verb"
            and t.dep_ in {"advcl", "conj"}
            and t.head.lemma_.lower() in frame.lemmas
        ):
            # "Google has invested $3 billion in Anthropic, while Amazon has committed $8
            # billion": the parallel clause's object, left unsaid
            parallel = self._resolve(frame.object, t.head, self._slots_of(t.head))
            objects = [m for m in parallel if m not in subjects]
        if t.lemma_.lower() in frame.inverse_lemmas:
            subjects, objects = objects, subjects
        # One list cannot stand on both sides ("Existing investors A, B and C took part").
        subject_starts = {m.start for m in subjects}
        objects = [m for m in objects if m.start not in subject_starts]
        if frame.id == "partnership.noun" and definite(t) and self._joins_existing(t):
            return []  # "Nvidia and xAI joined the partnership": not partners of each other
        if frame.id == "partnership.noun" and len(subjects) + len(objects) < 2 and definite(t):
            # "the partnership", "under the collaboration": the one told before
            known = {m.entity.id for m in subjects + objects}
            earlier = self._last_partners(t)
            if earlier and (not known or known & {m.entity.id for m in earlier}):
                return [(earlier[0], earlier[1], frame.relation, None)]
            named = subjects + objects or self._nearest_subject(t)
            if not earlier and len(named) == 1:
                # "AMD expects the partnership to ...": with the organisation the article is about
                other = self._topic(t, exclude={named[0].entity.id})
                if other is not None:
                    return [(named[0], other, frame.relation, None)]
        if frame.id == "partnership.noun" and len(subjects) >= 2:
            # "IBM and Meta launched the AI Alliance, a collaboration of ...": the alliance is
            # what they formed, not a partner of theirs
            objects = [m for m in objects if not is_the_venture(m, t)]
        # "X and Y partnered", "a partnership between X and Y": a list of partners; not "A, B and
        # C are among the launch partners" or "licensing designs to A, B and C" (each with
        # someone else).
        pairwise = frame.id in {"partner.verb", "partnership.noun", "joint-act.verb"} or (
            frame.id == "partner.noun" and t.dep_ == "attr"  # "Nvidia and Nokia are partners"
        )
        if frame.id == "partnership.noun" and subjects and len(objects) >= 2 and t.dep_ == "appos":
            # "unveiled Stargate UK, a partnership with Nscale and Nvidia": one venture, all of
            # them in it; not "in partnership with A, B and C" (each with the subject)
            return all_pairs(subjects + objects, frame.relation)
        if symmetric and pairwise and not objects and len(subjects) >= 2:
            return all_pairs(subjects, frame.relation)
        if frame.id == "partnership.noun" and not subjects and t.head.lower_ in {"in", "under"}:
            # "built a cluster [in partnership with A and B]": the clause's subject is the partner
            subjects = [m for m in self._nearest_subject(t) if m not in objects]
        if symmetric and pairwise and not subjects and len(objects) >= 2:
            if frame.id == "partner.verb" and slots.get("nsubj"):
                return []  # "Uber is partnering with A and B": A and B are not partners of each other
            return all_pairs(objects, frame.relation)
        if (
            frame.object
            and frame.object[0] == "prep:between"
            and len(objects) >= 2
            and not subjects
        ):
            return all_pairs(objects, frame.relation)
        if frame.id == "raise.verb" and objects:
            self._remember_round(t, objects)
        as_role = t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.pos_ == "VERB"
        if (
            frame.id == "partner.noun"
            and subjects
            and as_role
            and any(c.dep_ == "dobj" for c in t.head.head.children)
        ):
            objects = []  # "Bell chose Groq as the inference partner for its network": Bell
        if (
            as_role
            and frame.id == "investor.noun"
            and t.head.head.lemma_.lower() in self.words["round_verbs"]
            and not any(c.dep_ == "prep" for c in t.children)  # "as an investor [in Stargate]"
        ):
            return []  # "A led the round, with B and C as co-leads": the verb's frame has them
        if (
            frame.id in {"investor.noun", "partner.noun", "equity-partner.noun"}
            and subjects
            and not objects
        ):
            if as_role:
                # "Anthropic counts Google as a backer": the counting subject is the other party.
                objects = [m for s in self._subjects(t.head.head) for m in self._mentions_of(s)]
                own = {m.entity.id for m in subjects}
                if t.lemma_.lower() in self.words["round_roles"] and all(
                    m.entity.id in own for m in objects
                ):
                    # "A, B and C came in as new shareholders": themselves; the round told of
                    objects = self._last_round(t, sentences=4, same_paragraph=False)
            elif (
                frame.id == "partner.noun"
                and t.dep_ in {"attr", "pobj"}
                and not any(c.dep_ == "prep" for c in t.children)  # "partners of Project X"
            ):
                # "CoreWeave, Crusoe and Lambda are among the launch partners, ..., Nvidia said":
                # partners of the one who says so, else of the article's subject
                objects = self._partners_host(t, {m.entity.id for m in subjects})
            elif (
                frame.id == "investor.noun"
                and t.dep_ == "attr"
                and t.head.dep_ == "relcl"
                and (
                    found := [
                        m
                        for m in self._nearest_subject(t.head.head)
                        if m.entity.id not in {s.entity.id for s in subjects}
                    ]
                )
            ):
                # "Nebius buys its chips from Nvidia, which is also a shareholder": of Nebius
                objects = found
            elif t.lemma_.lower() in self.words["round_roles"] and t.dep_ != "appos":
                # "Other participants included A and B.": the round, maybe a paragraph up; not
                # "DigitalBridge, the infrastructure investor": what it is, not what it did
                objects = self._last_round(t, sentences=4, same_paragraph=False)
        relation = frame.relation
        if relation == "ACQUIRES":
            objects = [o for o in objects if not self._names_a_resource(o)]
            objects = self._units_sold(objects, slots)
        shared = relation == "INVESTS_IN" and len(subjects) > 1
        if frame.reject_object and self._rejected(frame, slots):
            return []
        return [(s, o, relation, {"shared": shared}) for s in subjects for o in objects]
