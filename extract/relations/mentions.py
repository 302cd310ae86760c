"""From words to mentions: the organisations a word stands for (itself, its list, its apposition,
its round's owner, whose thing it is), and names no one recognised guessed where a frame wants one.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..linking import Mention, name_start
from .common import (
    NOT_COMPANY_LABELS,
    SUBJ,
    is_org,
)


class MentionRules:
    """The mentions a word of a slot stands for."""

    def _mentions_of(self, token: Token, compound: bool = False, depth: int = 0) -> list[Mention]:
        """The mentions a word stands for: itself, its list, its apposition, its round's owner."""
        if depth > 3:
            return []
        found: list[Mention] = []
        mention = self.index.get(token.i)
        if token.lower_ == "whose":  # "Nvidia and AMD, whose processors ...": the antecedent
            clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
            return self._mentions_of(clause.head, compound, depth + 1) if clause is not None else []
        if (
            mention is None
            and token.lower_ in self.words["pair_words_heads"]
            and (pair := self._pair(token))
        ):
            return pair
        if mention is None and (
            token.lower_ in self.lex.pronouns["plural"]
            or (token.lower_ == "both" and token.dep_ in SUBJ and token.pos_ in {"PRON", "DET"})
            or (token.lower_ in {"both", "each"} and token.dep_ == "pobj")  # "a piece of each"
        ):
            return self._plural(token)  # "A and B remain its shareholders, and both supply ..."
        if mention is None and self._heads_a_list(token):
            # "IVP, NEA and Nvidia": a list's unknown first name is a company like the rest
            mention = next(iter(self._guessed(token)), None)
        if mention is not None:
            found.append(mention)
            found.extend(self._list_after(mention))
        elif self._is_funding(token) and token.text not in self.lex.org_suffixes:
            found.extend(self._round_owner(token))  # not "[1789 Capital], GIC and DST Global"
        else:
            for child in token.children:
                if child.dep_ == "appos" and child.i in self.index:
                    found.extend(self._mentions_of(child, compound, depth + 1))
            if token.dep_ == "appos" and token.head.i in self.index and token.pos_ == "NOUN":
                found.append(self.index[token.head.i])
            found.extend(self._members(token))
            if token.lemma_.lower() in self.words["investor_groups"]:
                found.extend(self._group_leads(token))  # "from investors led by Iconiq"
            if not found and depth == 0:
                named = self._named_after(token)
                if named is not None:
                    found.append(named)
            if (
                not found
                and token.pos_ in {"NOUN", "PRON", "NUM", "ADJ"}
                and self._kind_of_noun(token) is None
                # "backed Mobileye's rival": another company, not Mobileye
                and token.lemma_.lower() not in self.words["other_party_nouns"]
            ):
                found.extend(self._owner_of_thing(token))  # "the lab's workloads": the lab
        for child in token.children:
            coordinated = (  # "by [A] and B Capital", "by [A], B and C Club": a list the
                child.dep_ == "nmod"  # parser read as a modifier of its last name
                and child.i in self.index
                and any(c.dep_ in {"cc", "conj"} for c in child.children)
            )
            if child.dep_ == "conj" and self._gapped(child):
                continue  # "in Anthropic, and Nvidia up to $10 billion": another subject
            if (
                child.dep_ == "conj"
                or coordinated
                or (compound and child.dep_ in {"compound", "nmod"})
            ):
                members = self._mentions_of(child, compound, depth + 1)
                if not members and child.dep_ == "conj" and is_org(mention):
                    members = self._guessed(child)  # "Fidelity and [Atreides Management]"
                found.extend(members)
            elif child.dep_ == "appos" and mention is not None and child.i in self.index:
                # Lists parse as appositions: "A, B, C and D".
                found.extend(self._mentions_of(child, compound, depth + 1))
            if (
                child.dep_ == "appos"
                and child.i not in self.index
                and child.pos_ in {"PROPN", "NOUN"}
            ):
                for grand in child.children:
                    if grand.dep_ == "conj":
                        found.extend(self._mentions_of(grand, compound, depth + 1))
        if is_org(mention):
            found.extend(self._sharing(token, depth))
        unique = {}
        for m in found:
            unique.setdefault(m.start, m)
        return list(unique.values())

    def _sharing(self, token: Token, depth: int = 0) -> list[Mention]:
        """ "led by IVP, alongside Nvidia and SoftBank": those named after a sharing preposition
        on a party take its role too."""
        sharing = self.words.get("sharing_prepositions", ())
        preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in sharing]
        # "together with", "along with": the adverb may head the preposition
        preps += [
            p
            for c in token.children
            if c.dep_ == "advmod" and c.lower_ in self.words.get("sharing_adverbs", ())
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "with"
        ]
        if (
            token.dep_ == "pobj"
            and token.head.dep_ == "agent"
            and token.head.head.lemma_.lower() in self.words["round_verbs"]
        ):
            # "raised $750 million, led by Disruptive, with BlackRock and Cisco": co-investors
            preps += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
        return [
            m
            for prep in preps
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for m in self._mentions_of(pobj, depth=depth + 1)
            if is_org(m)
        ]

    def _guessed(self, token: Token, bought: bool = False) -> list[Mention]:
        """An organisation no one recognised, named where a frame wants a company: "AMD buys
        [Brium]", "the acquisition of [PlayAI]". Only a capitalised proper name that is neither
        a place, a person, nor the first word of its sentence counts. What is ``bought`` may be
        a name the NER took for a place or a people ("acquire [Paradox]", "purchase of [Beats]"):
        no one buys a country, and known places are still turned away."""
        unlikely = {"PERSON", "DATE"} if bought else NOT_COMPANY_LABELS
        if any(  # "Poshmark, the US marketplace": described as a company, whatever the NER says
            c.dep_ == "appos" and c.lemma_.lower() in self.lex.org_cue_nouns for c in token.children
        ):
            unlikely = {"DATE"}
        text = token.text
        camel = text[:1].isupper() and any(ch.isupper() for ch in text[1:]) and not text.isupper()
        if (
            not (token.pos_ == "PROPN" or (camel and token.pos_ == "NOUN"))  # "WonderFi" as a noun
            or not text[:1].isupper()
            or token.ent_type_ in unlikely
        ):
            return []
        start = name_start(token)
        first_word = start == self.sents.start(token.i)
        if (first_word and self.doc[start].tag_ != "NNP") or any(
            i in self.index for i in range(start, token.i + 1)
        ):
            return []  # a capitalised first word is a name only if the tagger says so
        name = self.doc[start : token.i + 1].text
        linker = self._linker
        if linker is None or name.lower() in linker.places_lower or name in self.lex.not_orgs:
            return []
        if name in linker.surnames(self.doc):
            return []  # "Catz said ...": the chief executive named before
        mention = linker.guess(self.doc[start : token.i + 1])
        if mention is not None:
            for i in range(mention.start, mention.end):
                self.index.setdefault(i, mention)
        return [mention] if mention is not None else []

    def _nearest_subject(self, t: Token) -> list[Mention]:
        """The organisation that is the subject of the nearest clause above ``t``."""
        for verb in t.ancestors:
            if verb.pos_ in {"VERB", "AUX"}:
                found = [
                    self.index[c.i] for c in verb.children if c.dep_ in SUBJ and c.i in self.index
                ]
                if found:
                    return found[:1]
        return []

    def _topic(self, t: Token, exclude: set[str]) -> Mention | None:
        """The organisation named most often before ``t`` (its latest mention), if one stands out."""
        counts: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.start >= t.i or m.entity.type != "ORG" or m.entity.id in exclude:
                continue
            if m.entity.roles == {"investor"}:
                continue
            counts.setdefault(m.entity.id, []).append(m)
        headline = self._headline_org()
        if (
            headline is not None
            and headline not in exclude
            and (headline in counts or not any(len(v) > 1 for v in counts.values()))
        ):
            # the article's subject, by its headline: its latest mention before, else its first
            told = [
                m
                for m in self.mentions
                if m.entity.type == "ORG" and self.gaz.party(m.entity)[0].id == headline
            ]
            before = [m for m in told if m.start < t.i]
            if before or told:
                return (before or told)[-1 if before else 0]
        ranked = sorted(counts.values(), key=len, reverse=True)
        if not ranked or (len(ranked) > 1 and len(ranked[0]) == len(ranked[1])):
            return None
        return ranked[0][-1]

    def _headline_org(self) -> str | None:
        """The organisation the headline is about: of those it names, the one the text names most
        (the headline's first on a tie): "From flare gas to Stargate - how Crusoe ...": Crusoe."""
        if not self.title_orgs:
            return None
        told: dict[str, int] = dict.fromkeys(self.title_orgs, 0)
        for m in self.mentions:
            party = self.gaz.party(m.entity)[0].id
            if m.entity.type == "ORG" and party in told:
                told[party] += 1
        return max(self.title_orgs, key=lambda e: told[e])

    def _owner_of_thing(self, token: Token) -> list[Mention]:
        """Whose thing a noun is: "the lab's workloads", "some of its models"."""
        if (
            token.lower_ in self.words["partitive_heads"]
            or token.lemma_.lower() in self.words["quantifiers"]
        ):
            for p in token.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for g in p.children:
                        if g.dep_ == "pobj":
                            return (
                                self._owner_of_thing(g)
                                if g.i not in self.index
                                else [self.index[g.i]]
                            )
            return []
        owners = [
            m
            for c in token.children
            if c.dep_ == "poss"
            for m in (
                self._mentions_of(c, depth=2)
                if c.lower_ == "whose"
                else [self.index[c.i]]
                if c.i in self.index
                else []
            )
        ]
        if not owners and token.lemma_.lower() in self.words["unit_nouns"]:
            # "the manufacturing business of ZT Systems"
            owners = [
                self.index[g.i]
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.i in self.index
            ]
        return owners or self._maker_of(token)

    def _maker_of(self, token: Token) -> list[Mention]:
        """Who makes a thing a relative clause then speaks of: "Intel will ship chips [that
        integrate Nvidia chiplets]", "Intel will build CPUs [that Nvidia will integrate]"."""
        if (
            token.dep_ != "dobj"
            or token.head.lemma_.lower() not in self.words["maker_verbs"]
            or not any(c.dep_ == "relcl" for c in token.children)
        ):
            return []
        return [
            m for s in self._subjects(token.head) if s.i in self.index for m in self._mentions_of(s)
        ]

    def _named_after(self, token: Token) -> Mention | None:
        """The name a description leads up to: "in [AI startup] Anthropic", "[chip designer] Groq"."""
        doc = token.doc
        i = token.i
        for _ in range(4):
            word = doc[i]
            if i in self.index:
                mention = self.index[i]
                return mention if mention.entity.type == "ORG" else None
            descriptive = (
                word.pos_ in {"NOUN", "ADJ", "PROPN"}
                or word.text == "-"
                or (word.lower_ in self.lex.org_cue_nouns)
            )
            if not descriptive or (word.is_punct and word.text != "-") or i + 1 >= len(doc):
                return None
            i += 1
        return self.index.get(i) if i in self.index and self.index[i].entity.type == "ORG" else None
