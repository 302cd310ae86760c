"""Digest lines: "Anthropic / Google: cloud deal for up to one million TPUs", "Nvidia–Intel: $5
billion stake". Round-ups and headline lists name the two parties before a colon and the kind of
tie after it, with no verb to hang a frame on; the words after the colon type the tie."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..gazetteer import Entity
from .claims import Claim

# how many tokens the parties and their separator may take before the colon
_HEAD_REACH = 6


class DigestRules:
    """Claims of a digest line, whose parties come before a colon."""

    def _digest_claims(self, sent: Span, found: list[Claim]) -> list[Claim]:
        """The ties a digest line states between the two parties before its colon, typed by the
        words after it (see ``[words]`` ``digest_*`` of the lexicon), when the frames found none
        between them. The first party acts: it invests, buys, supplies or partners; for chips and
        clouds the party that makes or runs them supplies the other."""
        colon = next(
            (t for t in sent[: _HEAD_REACH + 1] if t.text in {":", "|"} and t.i > sent.start),
            None,
        )
        if colon is None:
            return []
        parties = self._digest_parties(sent.doc[sent.start : colon.i])
        if parties is None:
            return []
        first, second = parties
        known = {c.relation for c in found if {c.subject.id, c.object.id} == {first.id, second.id}}
        claims = []
        for relation, trigger in self._digest_topics(sent.doc[colon.i + 1 : sent.end]):
            if relation in known:
                continue
            subject, obj = first, second
            if relation in {"SUPPLIES_CHIPS", "PROVIDES_CLOUD"}:
                role = "chipmaker" if relation == "SUPPLIES_CHIPS" else "cloud"
                if not self.gaz.has_role(subject, role) and self.gaz.has_role(obj, role):
                    subject, obj = obj, subject
                if not self.gaz.has_role(subject, role):
                    continue
            status = self._status_at(trigger)
            negation = self.lex.status["negation"]
            if status is None or any(t.lower_ in negation for t in sent.doc[colon.i : trigger.i]):
                continue  # "Google / Character.AI: not a takeover", "no deal"
            claim = self._rule_claim(relation, subject, obj, trigger, f"digest.{relation}", status)
            named = self.index.get(trigger.i)
            if named is not None and named.entity.type in {"CHIP", "CLOUD"}:
                claim.via = named.entity  # "AMD / OpenAI: 6 gigawatts of Instinct GPUs"
            if relation != "PARTNERS_WITH":
                claim.amount_usd = self._amount(trigger) or self._sole_amount(sent)
            claims.append(claim)
        return claims

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

    def _digest_parties(self, head: Span) -> tuple[Entity, Entity] | None:
        """The two organisations of a digest line's head ("A / B", "A–B", "A and B"), or None
        when the head holds anything else."""
        separators = self.words["digest_separators"]
        named = []
        for token in head:
            mention = self.index.get(token.i)
            if mention is not None:
                if not named or named[-1][0] is not mention:
                    named.append((mention, token))
            elif token.lower_ not in separators and not (
                not named  # "April – Nvidia / Run:ai: ...", "Nov 12 – ..."
                and (
                    token.ent_type_ == "DATE"
                    or token.like_num
                    or token.lower_.rstrip(".") in self.words["digest_months"]
                )
            ):
                return None
        if len(named) != 2:
            return None
        (left, _), (right, _) = named
        a, b = self.gaz.party(left.entity)[0], self.gaz.party(right.entity)[0]
        if a.type != "ORG" or b.type != "ORG" or a.id == b.id:
            return None
        return a, b

    def _digest_topics(self, topic: Span) -> list[tuple[str, Token]]:
        """The relations the words after a digest line's colon name, each with its first word."""
        words, cls = self.words, self.cls
        kinds = {
            "ACQUIRES": words["digest_acquisition"],
            "INVESTS_IN": words["digest_investment"],
            "PARTNERS_WITH": words["digest_partnership"],
            "SUPPLIES_CHIPS": cls["chip_nouns"],
            "PROVIDES_CLOUD": words["digest_cloud"],
        }
        found: dict[str, Token] = {}
        partnership = next(
            (t for t in topic if t.lemma_.lower() in words["digest_partnership"]), None
        )
        for token in topic:
            lemma = token.lemma_.lower()
            mention = self.index.get(token.i)
            for relation, lemmas in kinds.items():
                if relation in found:
                    continue
                chip = relation == "SUPPLIES_CHIPS" and (
                    mention is not None and mention.entity.type == "CHIP"
                )
                if not (lemma in lemmas or token.lower_ in lemmas or chip):
                    continue
                if relation in {"SUPPLIES_CHIPS", "PROVIDES_CLOUD"} and partnership is not None:
                    # "chip collaboration on x86 processors", "partnership on AI supercomputers,
                    # with Tata building a cloud on GH200 chips": a partnership about them
                    continue
                found[relation] = token
        return list(found.items())
