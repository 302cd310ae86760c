"""INVESTS_IN: funding rounds and their owners, raisers, stakes, and majority stakes (which
make a parent, not an investor).

A round is remembered when told ("X raised $2 billion", "X's Series C") so that a later
"A led the round" or "Other participants included B" knows whose it was.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..linking import Mention
from .claims import Claim
from .common import (
    NOT_COMPANY_LABELS,
    PERCENT,
    SUBJ,
    definite,
)

# Frames that find the investee through the round they tell; "the investor backed by
# Mubadala" (back.verb) can be a firm's own backers
_ROUND_FRAMES = frozenset(
    {
        "join-round.verb",
        "lead.verb",
        "lead-context.verb",
        "participation.noun",
        "funding.noun",
        "raise.verb",
        "round-include.verb",
        "in-round.verb",
        "come-from.verb",
        "funding-from.verb",
    }
)


class InvestRules:
    """Funding rounds, raisers and stakes."""

    def _without_investors_as_investees(self, claims: list[Claim]) -> list[Claim]:
        """ "a Series C led by Inovia Capital, with Nvidia and Oracle also taking part": an
        investment firm that invests in a sentence is not also what that sentence's other
        investors put money into. Companies that are more than investors (a lab, a chipmaker)
        can be both."""
        investing = {c.subject.id for c in claims if c.relation == "INVESTS_IN"}
        suffixes = self.words["unit_suffixes"]

        def firm(entity) -> bool:
            if entity.id not in investing:
                return False
            if entity.known and entity.roles:
                return entity.roles <= {"investor"}
            return entity.name.split()[-1] in suffixes

        return [
            c
            for c in claims
            if not (c.relation == "INVESTS_IN" and c.frame in _ROUND_FRAMES and firm(c.object))
        ]

    def _is_funding(self, token: Token) -> bool:
        if token.i in self.index:
            return False  # the "Capital" of "Inovia Capital" is a name, not money
        if self.lemmas[token.i] in self.cls["funding"]:
            return True
        return token.text.lower() == "series" or (
            token.i > 0 and token.doc[token.i - 1].lower_ == "series"
        )

    def _majority(self, t: Token, slots: dict[str, list[Token]]) -> bool:
        """Whether the stake a frame names (its trigger or its slots) is more than half: "90% of
        it", "a 51% stake", "a majority stake", "a controlling stake"."""
        stakes = [t, *(s for key in ("dobj", "attr", "prep:of") for s in slots.get(key, ()))]
        return any(
            self._more_than_half(token)
            for stake in stakes
            if stake.lemma_.lower() in self.cls["stake"] or stake.lower_ in PERCENT
            for token in (stake, *stake.children)
        )

    def _whole_taken(self, t: Token, slots: dict[str, list[Token]]) -> bool:
        """Whether a verb takes all of a company: "took full ownership of", "bought a 100%
        stake in", "acquired the entire stake"."""
        if not self._taking(t):
            return False
        stakes = [s for key in ("dobj", "attr") for s in slots.get(key, ())]
        return any(
            c.lemma_.lower() in self.words["whole_words"] or self._all_of_it(c)
            for stake in stakes
            if stake.lemma_.lower() in self.cls["stake"] or stake.lower_ in PERCENT
            for c in (stake, *stake.children)
        )

    def _taking(self, t: Token) -> bool:
        """Whether a stake frame's verb takes the stake ("buy", "take"), the trigger's own or,
        for a stake noun, the verb it is the object of."""
        taking = self.words["taking_verbs"]
        if self.pos[t.i] == "VERB":
            return self.lemmas[t.i] in taking
        return t.dep_ == "dobj" and self.lemmas[t.head.i] in taking

    def _all_of_it(self, token: Token) -> bool:
        if token.lower_ not in PERCENT or token.i == 0:
            return False
        return token.nbor(-1).text in {"100", "100.0"} or any(
            c.text == "100" for c in token.children
        )

    def _more_than_half(self, token: Token) -> bool:
        majority = self.words["majority_words"]
        if token.lemma_.lower() in majority or token.lower_ in majority:
            return True  # "controlling", whose lemma is "control"
        percent = token.lower_ in PERCENT and (
            token.lower_ != "cent" or (token.i > 0 and token.nbor(-1).lower_ == "per")
        )
        if not percent:
            return False
        before = token.i - (2 if token.lower_ == "cent" else 1)  # "51%", "51 per cent"
        shares = [c for c in token.children if c.like_num] + [token.doc[max(before, 0)]]
        return any(s.text.replace(".", "", 1).isdigit() and float(s.text) > 50 for s in shares)

    def _raises_money(self, token: Token) -> bool:
        return (
            self.pos[token.i] == "VERB"
            and self.lemmas[token.i] in self.words["raised_money"]
            and any(c.dep_ == "dobj" and c.i in self.money for c in token.children)
        )

    def _remember_raiser(self, verb: Token) -> None:
        """Remember who raised money, for: X raised $2 billion. A took part."""
        subjects = self._subjects(verb)
        owners = [self.index[s.i] for s in subjects if s.i in self.index]
        if not owners:
            owners = [m for s in subjects for m in self._raiser_named(s)]
        if owners := [m for m in owners if m.entity.type == "ORG"]:
            self._remember_round(verb, owners)

    def _raiser_named(self, subject: Token) -> list[Mention]:
        """A name no one recognised that raises money: "Supabase raised $100 million". A
        capitalised singular word without a determiner, even first in its sentence."""
        if (
            not subject.text[:1].isupper()
            or subject.tag_ not in {"NN", "NNP", "JJ", "RB"}  # the tagger may misread a name
            or subject.ent_type_ in NOT_COMPANY_LABELS
            or any(c.dep_ == "det" for c in subject.children)
            or subject.lower_ in self.lex.pronouns["singular"]
            or self._linker is None
            or self._linker.is_word(subject.text)  # "Revenue raised ...": a word, not a name
        ):
            return []
        start = subject.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].is_title:
            start -= 1
        if any(i in self.index for i in range(start, subject.i + 1)):
            return []
        mention = self._linker.guess(self.doc[start : subject.i + 1])
        if mention is None:
            return []
        for i in range(mention.start, mention.end):
            self.index.setdefault(i, mention)
        return [mention]

    def _group_leads(self, group: Token) -> list[Mention]:
        """The names leading a group of investors: "a group of investors led by A and B"."""
        nouns = [group] + [
            g
            for p in group.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        return [
            m
            for noun in nouns
            for acl in noun.children
            if acl.dep_ == "acl" and acl.lemma_.lower() in self.words["round_verbs"]
            for agent in acl.children
            if agent.dep_ == "agent"
            for g in agent.children
            if g.dep_ == "pobj"
            for m in self._mentions_of(g)
        ]

    def _round_owner(self, token: Token) -> list[Mention]:
        """Who a funding round is for: "Anthropic's round", "a round for X", "X raised ... a round"."""
        found = []
        for child in token.children:
            if child.dep_ in {"poss", "compound", "nmod"} and child.i in self.index:
                found.append(self.index[child.i])
            if child.dep_ == "prep" and child.lower_ in {"for", "of", "into", "in"}:
                for g in child.children:
                    if g.dep_ != "pobj":
                        continue
                    if g.i in self.money or g.like_num:
                        # "a round of $40 billion in OpenAI": the company hangs on the amount
                        g = next(
                            (
                                x
                                for p in g.children
                                if p.dep_ == "prep" and p.lower_ in {"in", "for", "into"}
                                for x in p.children
                                if x.dep_ == "pobj"
                            ),
                            g,
                        )
                    found.extend(m for m in self._mentions_of(g, depth=1) if m.entity.type == "ORG")
                    named = None if found else self._named_after(g)
                    if named is not None:
                        found.append(named)
        if not found:
            verb = self._governing_verb(token)
            if (
                verb is not None
                and verb.lemma_.lower() in self.words["raise_verbs"]
                and not self._idiom(verb)
            ):
                found = [self.index[s.i] for s in self._subjects(verb) if s.i in self.index]
        if found:
            self._remember_round(token, found)
            return found
        root = self.sents.of(token.i).root
        if (
            root.lemma_.lower() in self.words["raise_verbs"]
            and root.i != token.i
            and not self._idiom(root)
        ):
            # "Thinking Machines Lab closes what is believed to be the largest seed round"
            owners = [self.index[s.i] for s in self._subjects(root) if s.i in self.index]
            if owners:
                self._remember_round(token, owners)
                return owners
        # "a round that valued the start-up at $2.1 billion", "a round valuing X at $N"
        valued = [
            m
            for c in token.children
            if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in self.words["valuation_words"]
            for o in c.children
            if o.dep_ == "dobj"
            for m in self._mentions_of(o, depth=1)
            if m.entity.type == "ORG" and m.source != "pronoun"  # "valued it": whose, unsure
        ]
        if valued:
            self._remember_round(token, valued)
            return valued
        if definite(token):
            # "the round", "the Series C": told before, maybe a paragraph up; told again here
            owners = self._last_round(token, sentences=6, same_paragraph=False)
            if owners:
                self._remember_round(token, owners)
            return owners or self._articles_round(token)  # told long before: the article's own
        if self.round is not None and self.round[0] == self.sents.start(token.i):
            return self.round[1]  # "X raised $N, with A joining a round led by B"
        # "Earlier, A led a $1 billion round in which B invested": the company just told of
        return self._last_round(token, sentences=2) or self._articles_round(token)

    def _item_round(self, sent: Span) -> None:
        """A round-up's item line, "Mercor, $350m, Series C.": a round of the company it opens
        with, which the item's next sentences ("Felicis led") go on with."""
        if any(self.pos[i] in {"VERB", "AUX"} for i in range(sent.start, sent.end)):
            return
        first = self.index.get(self._head_start(sent, sent.end))
        if first is None or first.entity.type != "ORG":
            return
        after = first.end
        if after < sent.end and self.doc[after].text == "(":  # "Helsing (Munich) - EUR450m"
            while after < sent.end and self.doc[after].text != ")":
                after += 1
            after += 1
        if after >= sent.end or self.doc[after].text not in self.words["item_separators"]:
            return
        if self.sents.number[sent.start] in self._money_by_sentence or any(
            self._is_funding(self.doc[i]) for i in range(after, sent.end)
        ):
            self._remember_round(self.doc[first.start], [first])

    def _articles_round(self, token: Token) -> list[Mention]:
        """A round no one is named to own is the article's subject's: "Founders Fund led a $600
        million Series D" in a piece about Crusoe. Not a round told of someone unnamed ("a round
        for a robotics startup"), nor several rounds, nor "its round" whose "its" found no one."""
        told_of = any(  # "a round for a robotics startup": someone's, if no one named
            c.dep_ == "prep"
            and c.lower_ in {"for", "in", "into", "of"}
            and any(g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"} for g in c.children)
            for c in token.children
        )
        if (
            token.dep_ == "compound"
            or token.tag_ == "NNS"  # "more seed rounds than any other firm"
            or told_of
            or any(c.dep_ == "poss" for c in token.children)
            or not any(
                w.lemma_.lower() in self.words["round_nouns"]
                for w in (token, *(c for c in token.children if c.dep_ == "compound"))
            )
        ):
            return []
        when = self._when_owner(token)
        if when is not None:
            self._remember_round(token, [when])
            return [when]
        sent = self.sents.of(token.i)
        named = {self.index[i].entity.id for i in range(sent.start, sent.end) if i in self.index}
        topic = self._topic(token, exclude=named)
        if topic is None or topic.entity.type != "ORG":
            return []
        self._remember_round(token, [topic])
        return [topic]

    def _when_owner(self, token: Token) -> Mention | None:
        """A round told in a clause hung on another's: "the valuation SambaNova reached in
        2021, when SoftBank led a round", "Tencent, which led a round in 2019, is among Reddit's
        shareholders". The one company the sentence names outside that clause owns it."""
        verb = token.head
        if self.pos[verb.i] != "VERB":
            return None
        relative = verb.dep_ == "relcl"
        if not relative and not any(c.lower_ == "when" for c in verb.children):
            return None
        inside = {t.i for t in verb.subtree}
        if relative:
            inside.add(verb.head.i)  # the antecedent led the round; the company is told elsewhere
        sent = self.sents.of(token.i)
        owners = {
            m.entity.id: m
            for i in range(sent.start, sent.end)
            if i not in inside
            and (m := self.index.get(i)) is not None
            and m.entity.type == "ORG"
            and not self.gaz.is_fund(m.entity)
        }
        if relative and verb.head.i in self.index:
            owners.pop(self.index[verb.head.i].entity.id, None)
        return next(iter(owners.values())) if len(owners) == 1 else None

    def _valued(self, token: Token) -> None:
        """A company's valuation told before any round: "X was valued at $38 billion. A led a
        round in which B invested" is X's round."""
        if token.pos_ == "VERB":
            holders = [c for c in token.children if c.dep_ == "nsubjpass"]
            if not holders and not self._last_round(token, sentences=3):
                # "a round that values X": X's, unless a round was just told (then it is that one)
                holders = [c for c in token.children if c.dep_ == "dobj"]
        else:
            holders = [c for c in token.children if c.dep_ == "poss"]
        owners = [self.index[c.i] for c in holders if c.i in self.index]
        owners = [m for m in owners if m.entity.type == "ORG"]
        if owners:
            self._remember_round(token, owners)

    def _remember_round(self, token: Token, owners: list[Mention]) -> None:
        self.round = (self.sents.start(token.i), owners)

    def _last_round(
        self, token: Token, sentences: int = 3, same_paragraph: bool = True
    ) -> list[Mention]:
        """The owner of the latest round told within a few sentences before ``token``.

        Unless asked otherwise the round must be in the same paragraph, or end the paragraph just
        before: a newsletter's next item is another deal.
        """
        if self.round is None:
            return []
        start, owners = self.round
        distance = self.sents.distance(start, token.i)
        if (
            same_paragraph
            and distance > 1  # wire copy's next paragraph goes on with the round just told
            and "\n" in self.sents.text[self.doc[start].idx : token.idx]
        ):
            return []
        return owners if distance + 1 <= sentences else []

    def _context_funding(self, t: Token) -> list[Mention]:
        """For "with participation from X": the owner of the round the phrase belongs to."""
        current = t
        for _ in range(4):
            if current.head.i == current.i:
                return []
            current = current.head
            if current.pos_ in {"NOUN", "PROPN"} and self._is_funding(current):
                return self._round_owner(current)
            if current.pos_ == "VERB" and current.lemma_.lower() in self.words["raise_verbs"]:
                # only a subject of its own: "A led the round, announced Monday, with ..."
                own = [c for c in current.children if c.dep_ in SUBJ and c.i in self.index]
                if own or current.dep_ not in {"advcl", "conj"}:
                    return [self.index[s.i] for s in self._subjects(current) if s.i in self.index]
            if current.pos_ == "VERB":
                # "A led the round, with participation from B": the round the verb is about
                for child in current.children:
                    if child.dep_ in {"dobj", "nsubjpass"} and self._is_funding(child):
                        return self._round_owner(child)
                if current.lemma_.lower() in self.words["round_verbs"]:
                    return self._last_round(
                        current, sentences=3
                    )  # "A led, with participation from B"
        return []

    def _subject_invests(self, t: Token, resolved: dict, head_verbs: list[Token]) -> bool:
        """Whether the subject of the verb an investment hangs on made it, the company naming it
        the investee: "Amazon weighs a second Anthropic investment". Not when the verb receives
        it ("Anthropic secured an Amazon investment"), when the noun is one its modifier gives
        ("Amazon backing"), nor when the name is more of an investor than the subject
        ("Anthropic announced a $4 billion Amazon investment")."""
        if (
            not head_verbs
            or head_verbs[0].lemma_.lower() in self.words["investment_received"]
            or t.lemma_.lower() in self.words["given_by_modifier"]
        ):
            return False
        named, subjects = resolved["compound"], resolved["head:nsubj"]  # the noun's flexible tags
        if not named or not subjects:
            return True
        return max(map(self._investor_rank, named)) <= max(map(self._investor_rank, subjects))

    def _investor_rank(self, mention: Mention) -> int:
        """2 for an investor and nothing else, 1 for a company that also invests, else 0."""
        roles = self.gaz.party(mention.entity)[0].roles
        return 2 if roles == {"investor"} else int("investor" in roles)
