"""Digest lines: "Anthropic / Google: cloud deal for up to one million TPUs", "Nvidia–Intel: $5
billion stake". Round-ups and headline lists name the two parties before a colon and the kind of
tie after it, with no verb to hang a frame on; the words after the colon type the tie."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..gazetteer import Entity
from ..linking import Mention
from .claims import Claim
from .common import definite

# how many tokens the parties and their separator may take before the colon
_HEAD_REACH = 10


class DigestRules:
    """Claims of a digest line, whose parties come before a colon."""

    def _digest_claims(self, sent: Span, found: list[Claim]) -> list[Claim]:
        """The ties a digest line states between the two parties before its colon, typed by the
        words after it (see ``[words]`` ``digest_*`` of the lexicon), when the frames found none
        between them. The first party acts: it invests, buys, supplies or partners; for chips and
        clouds the party that makes or runs them supplies the other."""
        colon = self._digest_colon(sent)
        if colon is None:
            return []
        parties = self._digest_parties(sent.doc[sent.start : colon.i])
        if parties is None:
            return []
        first, second = parties
        known = {c.relation for c in found if {c.subject.id, c.object.id} == {first.id, second.id}}
        claims = []
        topics = self._digest_topics(sent.doc[colon.i + 1 : sent.end], {first.id, second.id})
        for relation, trigger in topics:
            if relation in known:
                continue
            subject, obj = first, second
            named = self.index.get(trigger.i)
            if relation in {"SUPPLIES_CHIPS", "PROVIDES_CLOUD"}:
                role = "chipmaker" if relation == "SUPPLIES_CHIPS" else "cloud"
                maker = self.gaz.party(named.entity)[0].id if named is not None else None
                if maker is not None and maker not in {subject.id, obj.id}:
                    continue  # "Microsoft / IREN: capacity running Nvidia GB300 systems"
                if maker == obj.id or (maker is None and self._supplies_less(subject, obj, role)):
                    subject, obj = obj, subject  # "Meta / Nvidia: ... 350,000 H100s": Nvidia's
                if not self.gaz.has_role(subject, role):
                    continue
            status = self._status_at(trigger)
            negation = self.lex.status["negation"]
            if status is None or any(t.lower_ in negation for t in sent.doc[colon.i : trigger.i]):
                continue  # "Google / Character.AI: not a takeover", "no deal"
            claim = self._rule_claim(relation, subject, obj, trigger, f"digest.{relation}", status)
            if named is not None and named.entity.type in {"CHIP", "CLOUD"}:
                claim.via = named.entity  # "AMD / OpenAI: 6 gigawatts of Instinct GPUs"
            if relation != "PARTNERS_WITH":
                claim.amount_usd = self._amount(trigger) or self._sole_amount(sent)
            claims.append(claim)
        return self._without_chips_as_cloud(claims)

    def _without_chips_as_cloud(self, claims: list[Claim]) -> list[Claim]:
        """A digest line about chips is no cloud tie besides, unless it says "cloud" or names
        one: "Meta / Nvidia: 350,000 H100s, and compute equal to 600,000" (the compute is the
        chips); "Microsoft / AMD: Azure makes its MI300X machines available" (the chip maker
        rents no cloud)."""
        chips = {(c.subject.id, c.object.id) for c in claims if c.relation == "SUPPLIES_CHIPS"}

        def said(claim: Claim) -> bool:
            return (claim.via is not None and claim.via.type == "CLOUD") or self.lemmas[
                claim.trigger
            ] == "cloud"

        return [
            c
            for c in claims
            if c.relation != "PROVIDES_CLOUD"
            or not (
                (c.object.id, c.subject.id) in chips
                or ((c.subject.id, c.object.id) in chips and not said(c))
            )
        ]

    def _sole_amount(self, sent: Span) -> float | None:
        """ "Nvidia / Intel: $5 billion investment": a digest line's one sum, unless it is a
        price per share or a word of valuation or revenue governs it."""
        sums = self._sums(self._money_by_sentence.get(self.sents.number[sent.start], ()))
        if len(sums) != 1:
            return None
        money = sums[0]
        if any(t.lemma_.lower() in self.lex.not_amounts for t in (money, *money.ancestors)):
            return None
        return self.money[money.i]

    def _digest_colon(self, sent: Span) -> Token | None:
        """The colon that ends a digest line's head, within its first few words ("):" is one
        token after a date in brackets)."""
        return next(
            (
                t
                for t in sent[: _HEAD_REACH + 1]
                if t.i > sent.start and (t.text in {":", "|"} or t.text in {"):", "]:"})
            ),
            None,
        )

    def _is_dateline(self, token: Token) -> bool:
        """A word of the date a digest line may open with: "Nov 12 – ", "April 2024 – "."""
        return (
            token.ent_type_ == "DATE"
            or token.like_num
            or token.lower_.rstrip(".") in self.words["digest_months"]
        )

    def _head_start(self, sent: Span, end: int) -> int:
        """Where a list item's name begins, past its bullet and the date it opens with:
        "- Nov 12 – Anthropic: ..."."""
        i = sent.start
        while (
            i < end
            and i not in self.index
            and (not self.doc[i].is_alpha or self._is_dateline(self.doc[i]))
        ):
            i += 1
        return i

    def _digest_parties(self, head: Span) -> tuple[Entity, Entity] | None:
        """The two organisations of a digest line's head ("A / B", "A–B", "A and B", "A / B
        (November 2023)"), or None when the head holds anything else. A capitalised name no one
        recognised stands for an organisation there ("Nvidia / Deci:")."""
        separators = self.words["digest_separators"]
        named = []
        bracket = False
        for token in head.doc[self._head_start(head, head.end) : head.end]:
            mention = self.index.get(token.i)
            if mention is None and not bracket and token.text[:1].isupper():
                mention = self._guessed_in_head(token)
            if token.text in {"(", "["}:
                bracket = True  # "(November 2023)": when, not who
            elif bracket:
                if token.text in {")", "]"}:
                    bracket = False
            elif mention is not None:
                if not named or named[-1][0] is not mention:
                    named.append((mention, token))
            elif token.lower_ not in separators:
                return None
        if len(named) != 2:
            return None
        (left, _), (right, _) = named
        a, b = self.gaz.party(left.entity)[0], self.gaz.party(right.entity)[0]
        if a.type != "ORG" or b.type != "ORG" or a.id == b.id:
            return None
        return a, b

    def _guessed_in_head(self, token: Token) -> Mention | None:
        """A name of a digest head that neither gazetteer nor NER knew ("Deci", "SchedMD"),
        guessed as an organisation unless it is a month, a place or a known non-party."""
        if self._is_dateline(token) or not token.is_alpha:
            return None
        linker = self._linker
        if linker is None or token.lower_ in linker.places_lower or token.text in self.lex.not_orgs:
            return None
        end = token.i + 1  # "Salesforce / Own Company:": the capitalised words that follow too
        while (
            end < len(self.doc)
            and end not in self.index
            and self.doc[end].is_alpha
            and self.doc[end].text[:1].isupper()
        ):
            end += 1
        mention = linker.guess(self.doc[token.i : end])
        if mention is not None:
            for i in range(token.i, end):
                self.index.setdefault(i, mention)
        return mention

    def _digest_topics(self, topic: Span, parties: set[str]) -> list[tuple[str, Token]]:
        """The relations the words after a digest line's colon name, each with its first word.
        ``parties``: the ids of the line's two organisations."""
        words, cls = self.words, self.cls
        kinds = {
            "ACQUIRES": words["digest_acquisition"],
            "INVESTS_IN": words["digest_investment"],
            "PARTNERS_WITH": words["digest_partnership"],
            "SUPPLIES_CHIPS": cls["chip_nouns"],
            "PROVIDES_CLOUD": words["digest_cloud"],
        }
        found: dict[str, Token] = {}
        paid = self._paid_for(topic)
        if paid is not None:
            found[paid[0]] = paid[1]
        partnership = next(
            (t for t in topic if t.lemma_.lower() in words["digest_partnership"]), None
        )
        for token in topic:
            lemma = token.lemma_.lower()
            mention = self.index.get(token.i)
            for relation, lemmas in kinds.items():
                if relation in found:
                    continue
                named = mention is not None and mention.entity.type == {
                    "SUPPLIES_CHIPS": "CHIP",
                    "PROVIDES_CLOUD": "CLOUD",
                }.get(relation)
                if not (lemma in lemmas or token.lower_ in lemmas or named):
                    continue
                if (
                    relation == "SUPPLIES_CHIPS"
                    and not named
                    and self._hosted_chips(token, parties)
                ):
                    continue
                if relation in {"SUPPLIES_CHIPS", "PROVIDES_CLOUD"} and partnership is not None:
                    # "chip collaboration on x86 processors", "partnership on AI supercomputers,
                    # with Tata building a cloud on GH200 chips": a partnership about them
                    continue
                found[relation] = token
        return list(found.items())

    def _supplies_less(self, first: Entity, second: Entity, role: str) -> bool:
        """Whether of a digest line's two parties the second is the supplier in ``role``: the
        only one that plays it, or, when both do, the specialist beside a big-tech group
        ("Microsoft / IREN: capacity": the neocloud rents to the software group)."""
        if not self.gaz.has_role(second, role):
            return False
        if not self.gaz.has_role(first, role):
            return True
        return "bigtech" in first.roles and "bigtech" not in second.roles

    def _hosted_chips(self, chips: Token, parties: set[str]) -> bool:
        """Chips no party of the line supplies: named by a cloud ("freeing up Azure GPUs") or a
        third maker ("tens of thousands of Nvidia GPUs"), or the measure of cloud capacity
        ("GPU capacity")."""
        if chips.dep_ == "compound" and chips.head.lemma_.lower() in self.cls["cloud_nouns"]:
            return True
        for c in chips.children:
            named = self.index.get(c.i) if c.dep_ in {"compound", "poss", "nmod"} else None
            if named is None:
                continue
            if named.entity.type == "CLOUD" or self.gaz.party(named.entity)[0].id not in parties:
                return True
        return False

    def _paid_for(self, topic: Span) -> tuple[str, Token] | None:
        """ "$35bn in cash and shares for the simulation software group": a sum paid for a
        company buys it; "$5bn for Intel common stock", "$1bn for a stake" invest in it. The
        parser hangs the "for" anywhere on such a verbless line, so it is read along the words:
        the first "for" after the line's first sum, before any verb."""
        money = [i for i in self._money_by_sentence.get(self.sents.number[topic.start], ())]
        money = [i for i in money if topic.start <= i < topic.end]
        if not money:
            return None
        for token in self.doc[min(money) + 1 : topic.end]:
            if token.pos_ in {"VERB", "AUX"} or token.text in {";", "."}:
                return None
            if token.lower_ != "for" or token.dep_ != "prep":
                continue
            for thing in (g for g in token.children if g.dep_ == "pobj"):
                lemma = thing.lemma_.lower()
                if lemma in self.cls["stake"]:
                    return "INVESTS_IN", thing
                if thing.i in self.index or (
                    definite(thing)
                    and (lemma in self.lex.org_cue_nouns or lemma in self.lex.coreference)
                ):
                    return "ACQUIRES", thing
            return None
        return None
