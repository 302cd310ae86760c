"""PROVIDES_CLOUD and SUPPLIES_CHIPS: one family, typed by the resource a claim names.

Verbs of use and supply ("trains on", "runs on", "rents", "supplies"), role nouns ("cloud
provider", "customer") and deals ("a compute contract with X") give (supplier, customer, kind)
pairs; the kind (chips or cloud) comes from the resource named, or from what the one party
that sells one thing sells.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Frame
from ..linking import Mention
from .common import (
    is_org,
)

# Where a frame with no customer named finds the thing whose owner is the customer:
#   use.verb     "xAI's Colossus cluster houses 200,000 Nvidia GPUs"          (the subject)
#   power.verb   "xAI's Colossus supercomputer is powered by Nvidia GPUs"     (the object)
#   supply.verb  "supplies virtually all of the GPUs in CoreWeave's fleet"     (where they go)
_THING_OWNER_SLOTS = {"use.verb": "nsubj", "power.verb": "dobj", "supply.verb": "prep:in"}


class SupplyRules:
    """The (supplier, customer, kind) pairs of the clouds-and-chips frames."""

    def _a_company(self, token: Token) -> bool:
        """Whether a sold thing is a company: one named, or a proper name no list knows that
        names no chip ("sold Aldebaran to ...")."""
        mention = self.index.get(token.i)
        if mention is None:
            return token.pos_ == "PROPN" and self._kind_of_noun(token) is None
        return mention.entity.type == "ORG" and not self._names_a_resource(mention)

    def _names_chips(self, token: Token) -> bool:
        mention = self.index.get(token.i)
        return mention is not None and (
            mention.entity.type == "CHIP" or self.gaz.has_role(mention.entity, "chipmaker")
        )

    def _in_partnership(self, token: Token) -> bool:
        """Whether a word is, or is named through, a partnership: "in partnership with X"."""
        partnership = self.words["partnership_references"]
        if token.lemma_.lower() in partnership:
            return True
        return (
            token.head.dep_ == "prep"
            and token.head.head.lemma_.lower() in partnership
            and token.head.head.i != token.i
        )

    def _supply_pairs(self, frame: Frame, t: Token, slots: dict) -> list[tuple]:
        """(supplier, customer, relation, via-less extra) for the typed clouds-and-chips frames."""
        pairs = []
        if frame.parties:  # deal nouns: both parties named around the deal
            return self._deal_pairs(frame, t, slots)
        lemma = t.lemma_.lower()
        if frame.customer == ("self",):  # "an AWS customer", "one of Nvidia's biggest clients"
            customers = self._resolve(["self"], t, slots)
            for tag in frame.provider:
                for token in slots.get(tag, ()):
                    for supplier, kind in self._resources([token]):
                        pairs += [(supplier, c, kind, None) for c in customers]
            return pairs
        if frame.provider == ("self",):  # "AWS is Anthropic's cloud provider"
            kind = self._typed_kind(slots, frame)
            providers = self._resolve(["self"], t, slots)
            customers = self._resolve(frame.customer, t, slots)
            for p in providers:
                p_kind = self._kind_of_entity(p.entity)
                k = kind or (p_kind if lemma not in {"partner", "host", "source"} else None)
                if k is None:
                    continue
                pairs += [(p, c, k, None) for c in customers]
            return pairs
        if frame.id == "run-on.verb":
            making = self.words["making_verbs"] | self.words["fabrication_verbs"]
            if lemma in making and any(
                self._kind_of_noun(o) == "chips" and o.i not in self.index
                for o in slots.get("dobj", ())
            ):
                return []  # "develop a data centre processor with the startup": making chips
            hosted = lemma in self.words["hosting_verbs"]
            if hosted and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in t.children):
                return []  # "hosted on AWS" runs there; "AWS hosts X's models" offers them
            if not hosted and any(c.dep_ == "agent" for c in t.children):
                return []  # "data centres run by Fluidstack": operated, not run on
        objects = [tok for tag in ("dobj",) for tok in slots.get(tag, ())]
        if frame.id in {"supply.verb", "power.verb"} and any(
            o.lemma_.lower() in self.words["model_nouns"]
            or (o.i in self.index and self.index[o.i].entity.type == "MODEL")
            for o in objects
        ):
            return []  # "offers xAI's Grok models", "hosting DeepSeek's models": distribution
        if frame.id == "supply.verb" and any(
            o.lemma_.lower() in self.words["unit_nouns"] or o.lemma_.lower() in self.cls["stake"]
            for o in objects
        ):
            return []  # "sell ZT's manufacturing business to a partner": a sale of a business
        if (
            frame.id == "supply.verb"
            and lemma == "sell"
            and slots.get("prep:to")
            and any(self._a_company(o) for o in objects)
        ):
            return []  # "sold Aldebaran to United Robotics Group": a company changed hands
        if frame.id == "supply.verb" and any(
            is_org(self.index.get(o.i)) for o in slots.get("prep:from", ())
        ):
            return []  # "rented servers from CoreWeave": the renter's side, which use.verb reads
        resource_tags = frame.resource
        if frame.customer_or_resource and slots.get("prep:with"):
            resource_tags = tuple(t for t in resource_tags if t not in frame.customer_or_resource)
        # "ran a cloud in partnership with Google Cloud": a partner, which the partner frame
        # reads; a chipmaker partner in building compute still supplies its chips
        resource_tokens = [
            tok
            for tag in resource_tags
            for tok in slots.get(tag, ())
            if not self._in_partnership(tok) or self._names_chips(tok)
        ]
        ownerless: list[str] = []
        resources = self._resources(
            resource_tokens,
            ownerless,
            buying=lemma in self.words["buy_verbs"] | self.words["holding_verbs"]
            or frame.id == "sale-of-resource.noun",
        )
        if frame.id == "use.verb" and lemma in self.words["holding_verbs"]:
            # "houses its fleet of Nvidia GPUs" uses them; "will operate Microsoft's data
            # centre" runs a cloud for it, which power.verb reads
            resources = [(r, k) for r, k in resources if k == "chips"]
            ownerless = [k for k in ownerless if k == "chips"]
        if frame.id == "work-with.verb":
            # "works with OpenAI on Stargate": a company worked on is a project, not a resource;
            # "with Broadcom on a chip of its own": the kind stays, made by the one worked with
            ownerless += [k for r, k in resources if not r.entity.is_product]
            resources = [(r, k) for r, k in resources if r.entity.is_product]
        customers = self._resolve(frame.customer, t, slots)
        if frame.id == "sale-of-resource.noun" and not customers:
            customers = self._sold_to(t, resource_tokens)
        own = {self.gaz.party(c.entity)[0].id for c in customers}
        if len(own) == 1 and any(slots.get(tag) for tag in frame.provider):
            # "xAI leases its data center from Oracle": its own only in use, Oracle's to sell
            for r, k in [(r, k) for r, k in resources if self.gaz.party(r.entity)[0].id in own]:
                resources.remove((r, k))
                ownerless.append(k)
        if not customers and (tag := _THING_OWNER_SLOTS.get(frame.id)):
            customers = self._owners_of_things(slots, tag)
        if frame.id == "run-on.verb":
            # "runs Rebellions' ATOM chips in its cloud": chips run are bought from their owner,
            # whose workloads they are not
            things = {
                "dobj": [o for o in slots.get("dobj", ()) if self._kind_of_noun(o) != "chips"]
            }
            owners = self._owners_of_things(things, "dobj") + [
                # "Claude is hosted on AWS": the model's maker
                self.index[o.i]
                for o in slots.get("dobj", ())
                if o.i in self.index and self.index[o.i].entity.type in {"MODEL", "SERVICE"}
            ]
            if owners:
                customers = owners  # "Microsoft moved the group's workloads onto Azure": the group
            elif not customers:
                # "CoreWeave, whose data centres run on Nvidia GPUs": the centres' owner
                customers = self._owners_of_things(slots, "nsubj")
        providers = self._resolve(frame.provider, t, slots) if frame.provider else []
        if (
            frame.id == "work-with.verb"
            and not providers
            and not any(o.i in self.index for o in slots.get("nsubj", ()))
        ):
            return []  # "Rivos' engineers would work on MTIA": they build it, they do not buy it
        if frame.customer_or_resource and not customers:
            customers = [
                m
                for tag in frame.customer_or_resource
                for tok in slots.get(tag, ())
                for m in self._mentions_of(tok)
                if self._kind_of_entity(m.entity) is None or m.entity.type == "ORG"
            ]
            if resources:
                customers = [c for c in customers if all(c is not r for r, _ in resources)]
        if frame.id in {"supply.verb", "power.verb"}:
            # "serve OpenAI's computing needs": the customer's needs say what is sold
            ownerless += [
                k
                for o in slots.get("dobj", ())
                for c in o.children
                if c.dep_ in {"compound", "amod"}
                and (k := self._kind_of_noun(c)) in {"cloud", "chips"}
            ]
            if not resources:
                # "IREN will provide Microsoft with capacity": an unknown provider sells what it names
                fallback = ownerless[0] if ownerless else None
                resources = [
                    (p, k) for p in providers if (k := self._kind_of_entity(p.entity) or fallback)
                ]
            elif providers:
                if not customers:
                    # "both supply much of its computing power": the power it uses
                    makers = {self.gaz.party(p.entity)[0].id for p in providers}
                    # "Nvidia supplies nearly all of CoreWeave's processors": a cloud's chips
                    customers = [
                        r
                        for r, k in resources
                        if r.entity.type == "ORG"
                        and self._kind_of_entity(r.entity) != k
                        and self.gaz.party(r.entity)[0].id not in makers
                    ]
                # "Nvidia supplies OpenAI with GPUs": the GPUs' maker is the subject.
                kinds = {k for _, k in resources}
                resources = [
                    (r if self._kind_of_entity(r.entity) == k else p, k)
                    for p in providers
                    for r, k in resources
                    if k in kinds
                ]
                # "Microsoft, Oracle and CoreWeave serve its computing needs": a provider of many
                # trades sells the kind the sentence names
                resources += [
                    (p, k)
                    for p in providers
                    if self._kind_of_entity(p.entity) is None
                    and all(p is not r for r, _ in resources)
                    for k in dict.fromkeys(ownerless)
                ]
                # "Nvidia supplies GPUs to OpenAI via Oracle": the subject sells what it makes
                resources += [
                    (p, k)
                    for k in dict.fromkeys(ownerless)
                    if k not in kinds
                    for p in providers
                    if self._kind_of_entity(p.entity) == k
                ]
        if ownerless and frame.id not in {"supply.verb", "power.verb"}:
            # "makes custom chips for Google", "buys capacity from CoreWeave": the maker is named
            # by the verb, not by the noun.
            role = {"chips": "chipmaker", "cloud": "cloud"}
            for p in providers:
                party = self.gaz.party(p.entity)[0]
                if p.entity.type == "CLOUD":
                    resources.append((p, "cloud"))  # "rent the chips through Google Cloud"
                    continue
                for k in dict.fromkeys(ownerless):
                    if self.gaz.has_role(party, role[k]) or not p.entity.known:
                        resources.append((p, k))
                    elif k == "chips" and self.gaz.has_role(party, "hardware"):
                        resources.append((p, k))  # "buys the GPUs from Dell": in its servers
                    elif k == "chips" and self.gaz.has_role(party, "cloud"):
                        resources.append((p, "cloud"))  # "rents GPUs from Lambda": Lambda's cloud
        if (
            frame.id == "make.verb"
            and not customers
            and providers
            and lemma in self.words["fabrication_verbs"]
        ):
            # "TSMC manufactures Nvidia's Blackwell chips": a foundry supplies the chips' owner
            makers = {self.gaz.party(p.entity)[0].id for p in providers}
            owners = [
                r
                for r, k in resources
                if k == "chips" and self.gaz.party(r.entity)[0].id not in makers
            ]
            return [(p, o, "chips", None) for p in providers for o in owners]
        if frame.id == "use.verb" and any(k == "chips" for _, k in resources):
            # "rents Nvidia GPUs from Nebius", "access to Nvidia GPUs through AWS": the cloud
            # the chips are rented from provides it
            makers = {r.entity.id for r, _ in resources}
            resources += [
                (p, "cloud")
                for p in providers
                if p.entity.id not in makers and self._kind_of_entity(p.entity) == "cloud"
            ]
        # "rent GPUs from Lambda", parsed as Lambda's GPUs: a cloud's chips are its capacity,
        # unless the cloud is one of those said to use them
        users = {self.gaz.party(c.entity)[0].id for c in customers}
        resources = [
            (r, "cloud")
            if k == "chips"
            and r.entity.type == "ORG"
            and self._kind_of_entity(r.entity) == "cloud"
            and self.gaz.party(r.entity)[0].id not in users
            else (r, k)
            for r, k in resources
        ]
        for supplier, kind in resources:
            pairs += [(supplier, c, kind, None) for c in customers if c is not supplier]
            if kind == "chips" and frame.id == "supply.verb":
                # "CoreWeave rents Nvidia GPUs to OpenAI": CoreWeave has them from Nvidia,
                # and sells OpenAI cloud capacity.
                makers = {p.entity.id for p in providers}
                chipmakers = [p for p in providers if self._only_chipmaker(p)]
                root = self.doc[supplier.start : supplier.end].root
                possessed = root.dep_ == "poss" or any(c.dep_ == "poss" for c in root.children)
                if supplier.entity.id not in makers and not customers and chipmakers and possessed:
                    # "Broadcom supplies Google's TPUs": a chipmaker makes another's chips for it
                    pairs += [(p, supplier, kind, None) for p in chipmakers]
                elif supplier.entity.id not in makers:
                    pairs += [(supplier, p, kind, None) for p in providers]
                    pairs += [
                        (p, c, "cloud", None)
                        for p in providers
                        if self._kind_of_entity(p.entity) == "cloud"
                        for c in customers
                    ]
        return pairs

    def _only_chipmaker(self, mention: Mention) -> bool:
        """A chip company that runs no cloud of its own, owned products counted: Broadcom, TSMC;
        not Google, nor Nvidia, which owns DGX Cloud (``_kind_of_entity`` counts listed roles
        only, so it would take Nvidia)."""
        party = self.gaz.party(mention.entity)[0]
        return self.gaz.has_role(party, "chipmaker") and not self.gaz.has_role(party, "cloud")

    def _sold_to(self, sale: Token, sold: list[Token]) -> list[Mention]:
        """Whom a sale goes to where the parser hung the "to" elsewhere: on the chips sold
        ("deliveries of Blackwell chips [to Oracle]") or on the verb after the sale ("clears
        Nvidia sales of GB300 chips [to G42]")."""
        verb = sale.head if sale.dep_ in {"dobj", "nsubjpass"} else None
        holders = [*sold, *([verb] if verb is not None and verb.pos_ == "VERB" else [])]
        found: list[Mention] = []
        for holder in holders:
            for p in holder.children:
                if p.dep_ == "prep" and p.lower_ == "to" and p.i > sale.i:
                    for g in p.children:
                        if g.dep_ == "pobj":
                            found += self._mentions_of(g) or [
                                m  # "to Humain and G42 - officials": the names before the noun
                                for c in g.children
                                if c.dep_ in {"nmod", "compound"}
                                for m in self._mentions_of(c)
                            ]
        return [m for m in found if is_org(m)]

    def _owners_of_things(self, slots: dict, tag: str) -> list[Mention]:
        """The owners of the unnamed things in a slot: "the group's workloads" -> the group."""
        return [
            m for o in slots.get(tag, ()) if o.i not in self.index for m in self._owner_of_thing(o)
        ]

    def _typed_kind(self, slots: dict, frame: Frame) -> str | None:
        for tag in frame.typed_by:
            for token in slots.get(tag, ()):
                mention = self.index.get(token.i)
                kind = (
                    self._kind_of_entity(mention.entity)
                    if mention and mention.entity.type in {"CHIP", "CLOUD"}
                    else self._kind_of_noun(token)
                )
                if kind in {"chips", "cloud"}:
                    return kind
                for child in token.children:
                    if child.dep_ in {"compound", "pobj"}:
                        kind = self._kind_of_noun(child)
                        if kind in {"chips", "cloud"}:
                            return kind
        return None

    def _deal_pairs(self, frame: Frame, t: Token, slots: dict) -> list[tuple]:
        if t.lemma_.lower() == "letter" and not any(
            g.lemma_.lower() == "intent" for c in t.children if c.lower_ == "of" for g in c.children
        ):
            return []  # a letter is a deal only as a letter of intent
        purposes = self._purposes(t)
        kind = self._typed_kind(slots, frame) or self._purpose_kind(purposes)
        typed_products = [
            m
            for tag in frame.typed_by
            for tok in slots.get(tag, ())
            for m in self._mentions_of(tok)
            if m.entity.type in {"CHIP", "CLOUD"}
        ]
        untyped = kind is None
        if untyped and t.lemma_.lower() not in self.words["plain_deals"]:
            return []
        if untyped and self._deal_purpose_offers(purposes):
            return []  # "a deal with Samsung to integrate its assistant into Galaxy phones"
        if untyped and any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in self.words["digest_acquisition"]
            for c in t.children
        ):
            return []  # "terminate the merger agreement": a takeover, which its frames read
        parties = []
        for tag in frame.parties:
            for m in self._resolve([tag], t, slots, compound=True):
                if m.entity.type in {"ORG", "CLOUD", "CHIP", "MODEL", "SERVICE"} and all(
                    p.entity.id != m.entity.id for p in parties
                ):  # "Microsoft ended its arrangement": Microsoft once
                    parties.append(m)
        parties = [m for m in parties if m not in typed_products] + typed_products
        if (
            untyped
            and t.dep_ == "pobj"
            and not self._resolve(["prep:with", "prep:between"], t, slots)
        ):
            return []  # "selling their stakes in the deal": no one the deal is with
        if untyped:
            # "signed a contract with OpenAI" by a cloud: one party sells one thing only.
            kinds = {self._kind_of_entity(m.entity) for m in parties} - {None}
            if len(parties) != 2 or len(kinds) != 1:
                return []
            kind = kinds.pop()
        role = "chipmaker" if kind == "chips" else "cloud"
        suppliers = []
        for m in parties:
            party, _ = self.gaz.party(m.entity)
            if m.entity.type in {"CHIP", "CLOUD"} or self.gaz.has_role(party, role):
                suppliers.append(m)
        if untyped and len(suppliers) > 1 and kind == "chips":
            return []  # "Nvidia's deal with Enfabrica": two chipmakers, and no word of chips
        extra = {"frame": "deal.noun.untyped"} if untyped else None
        with_side: set[int] = set()
        if len(suppliers) > 1:
            with_side = {m.start for m in self._resolve(["prep:with", "prep:from"], t, slots)}
            others = [m for m in parties if m.start not in with_side]
            if others and all(m.start in with_side for m in suppliers):
                # "OpenAI signed cloud contracts with Oracle, Amazon and CoreWeave": one side
                return [(s, c, kind, extra) for s in suppliers for c in others]
            signers = {m.start for m in self._resolve(["head:nsubj"], t, slots)}
            across = [m for m in parties if m.start not in signers and m not in suppliers]
            if across and all(m.start in signers for m in suppliers):
                # "Samsung and SK Hynix signed memory deals with OpenAI": the signers sell, to
                # the other side, not to each other
                return [(s, c, kind, extra) for s in suppliers for c in across]
        specialists = [
            m for m in suppliers if self.gaz.party(m.entity)[0].roles <= {role, "investor"}
        ]
        if len(suppliers) > 1 and len(specialists) == 1:
            # A hyperscaler and a neocloud: the one that does nothing else sells ("Lambda signed
            # a deal with Microsoft", "Microsoft's deal with CoreWeave").
            suppliers = specialists
        if len(suppliers) > 1:
            # Both can sell it: the one the deal is "with" supplies.
            suppliers = [
                m for m in suppliers if m.start in with_side or m.entity.type in {"CHIP", "CLOUD"}
            ] or []
        customers = [
            m
            for m in parties
            if m not in suppliers
            and self.gaz.party(m.entity)[0] not in {self.gaz.party(s.entity)[0] for s in suppliers}
        ]
        return [(s, c, kind, extra) for s in suppliers for c in customers]

    def _purposes(self, deal: Token) -> list[Token]:
        """The verbs saying what a deal is for: "a deal [to add] capacity", "signed deals ...
        [to secure] GPU capacity"."""
        verb = self._governing_verb(deal)
        holders = [deal] + ([verb] if verb is not None else [])
        return [
            c
            for h in holders
            for c in h.children
            if c.dep_ in {"acl", "advcl", "xcomp", "relcl"} and c.pos_ == "VERB"
        ]

    def _deal_purpose_offers(self, purposes: list[Token]) -> bool:
        """Whether the deal is for offering or building in something, not for buying compute."""
        return any(  # but "a deal to add computing capacity" buys it
            (
                c.lemma_.lower() in self.words["offering"]
                or c.lemma_.lower() in self._distribution.lemmas
            )
            and not any(self._kind_of_noun(g) in {"chips", "cloud"} for g in c.subtree)
            for c in purposes
        )

    def _purpose_kind(self, purposes: list[Token]) -> str | None:
        """What a deal buys, said by the object of its purpose: "to secure GPU capacity", "a
        letter of intent to supply memory chips"."""
        trade = (
            self.words["acquiring_verbs"]
            | self.words["maker_verbs"]
            | self.words["supply_purposes"]
        )
        for verb in purposes:
            if verb.lemma_.lower() not in trade:
                continue
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                kind = self._kind_of_noun(obj)
                if kind in {"chips", "cloud"}:
                    return kind
        return None
