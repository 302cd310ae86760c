"""The per-document context: the state the rules share, and the scan of a sentence for triggers.

`DocContext` is one object per document, assembled from the rule families of this package (one
mixin per module, each holding the methods of one concern); it indexes the mentions, the money
and the dates once, then `sentence_claims` scans each sentence for trigger words and applies
their frames.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Entity
from ..lexicon import Frame
from ..linking import Mention
from ..sentences import sentences
from ..status import claim_status
from .amounts import AmountRules
from .claims import DEFAULT_RULE_PRECISION, Claim, rule_precision
from .common import (
    CLAUSE_DEPS,
    RELATIVE,
)
from .denials import DenialRules
from .digest import DigestRules
from .distribute import DistributionRules
from .frames import FrameRules
from .invest import InvestRules
from .lists import ListRules
from .mentions import MentionRules
from .ownership import OwnershipRules
from .partner import PartnerRules
from .reading import ReadAlongRules
from .resources import ResourceRules
from .roles import RoleRules
from .slots import SlotRules
from .subjects import SubjectRules
from .supply import SupplyRules

if TYPE_CHECKING:
    from .component import RelationExtractor

# Frames whose investor joins or leads a round: a sum that sizes the round is not its part.
ROUND_JOINING = frozenset({"lead.verb", "join-round.verb"})


class DocContext(
    FrameRules,
    SlotRules,
    SubjectRules,
    ReadAlongRules,
    ListRules,
    MentionRules,
    RoleRules,
    InvestRules,
    ResourceRules,
    SupplyRules,
    PartnerRules,
    OwnershipRules,
    DistributionRules,
    DenialRules,
    DigestRules,
    AmountRules,
):
    """Per-document state: mention index, money and dates, and the frame machinery."""

    def __init__(self, doc: Doc, mentions: list[Mention], extractor: RelationExtractor) -> None:
        self.doc = doc
        self.gaz = extractor.gazetteer
        self.lex = extractor.lexicon
        self.words = self.lex.words  # the lexicon's [words]: the word lists the rules use
        self.cls = self.lex.classes
        self.mentions = mentions
        self.index: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.index.setdefault(i, mention)
        # who reports rather than states: publications, and persons introduced as analysts or
        # the like ("analyst Dan Ives said"); a company's own people speak for it
        self.media = {
            i for m in mentions if m.entity.type == "MEDIA" for i in range(m.start, m.end)
        } | {
            t.i
            for ent in doc.ents
            if ent.label_ == "PERSON" and _introduced_as(ent, extractor.lexicon.words["reporters"])
            for t in ent
        }
        self._linker = extractor.linker
        self.title_orgs = _title_orgs(doc._.title, self.gaz)
        # read once: every sentence scan asks each word for these
        self.lemmas = [t.lemma_.lower() for t in doc]
        self.pos = [t.pos_ for t in doc]
        self.sents = sentences(doc)
        self.money = self._money_tokens()
        self._money_by_sentence: dict[int, list[int]] = defaultdict(list)
        for i in self.money:
            self._money_by_sentence[self.sents.number[i]].append(i)
        # sentences that hold a whole mention: the others state no claim
        self._named_sentences = {
            self.sents.number[m.start]
            for m in mentions
            if self.sents.number[m.start] == self.sents.number[m.end - 1]
        }
        self.dates: dict[int, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self.dates.setdefault(self.sents.number[ent.start], []).append(ent)
        self._status: dict[int, str | None] = {}
        self._linear: dict[int, dict[str, list[Token]]] = {}
        self._slot_cache: dict[int, dict[str, list[Token]]] = {}
        self._idioms: dict[int, bool] = {}
        self._verb_lemmas = extractor.verb_lemmas
        self._trigger_lemmas = extractor.trigger_lemmas
        self._distribution = extractor.distribution
        self.round: tuple[int, list[Mention]] | None = None
        self.partners: list[Mention] = []
        # (subject, relation, object) -> the sentences that negate it
        self.negated: dict[tuple[str, str, str], list[int]] = defaultdict(list)

    def sentence_claims(self, sent: Span) -> list[Claim]:
        number = self.sents.number[sent.start]
        if number not in self._named_sentences:
            if number in self._money_by_sentence:  # "Supabase raised $100 million": no name known
                for token in sent:
                    if self._raises_money(token):
                        self._remember_raiser(token)
            return []
        self._item_round(sent)
        claims = []
        unnamed: list[Token] = []  # partnership nouns whose frame found no party
        valuation_words = self.words["valuation_words"]
        platform_prepositions = self.words["platform_prepositions"]
        doc, lemmas, tags = self.doc, self.lemmas, self.pos
        for i in range(sent.start, sent.end):  # rounds told here, for "took part", "the round"
            pos = tags[i]
            if pos in {"NOUN", "PROPN"} and i not in self.index and self._is_funding(doc[i]):
                self._round_owner(doc[i])
            elif pos == "VERB" and self._raises_money(doc[i]):
                self._remember_raiser(doc[i])
            elif lemmas[i] in valuation_words and (
                self.round is None or self.round[0] != sent.start
            ):
                self._valued(doc[i])
        for i in range(sent.start, sent.end):
            if i in self.index and self.index[i].entity.type != "MEDIA":
                continue
            lemma, pos = lemmas[i], tags[i]
            if lemma not in self._trigger_lemmas and pos not in {"ADP", "NOUN", "PROPN"}:
                continue
            token = doc[i]
            if lemma not in self._trigger_lemmas and not (
                (pos == "ADP" and token.lower_ in platform_prepositions)
                or (
                    pos in {"NOUN", "PROPN"}
                    and token.lower_.endswith("s")
                    and token.i - 1 in self.index
                )
                or (pos == "NOUN" and token.lower_.endswith("ing"))
            ):
                # no frame's word, no preposition of offering, no verb misread as noun (the
                # quick form of _misread_verb's first test: keep the two in step)
                continue
            if lemma == "venture" and any(c.lower_ == "joint" for c in token.children):
                lemma = "joint venture"
            if (
                pos == "NOUN"
                and token.dep_ in CLAUSE_DEPS
                and any(
                    c.dep_ == "dobj" or (token.dep_ == "relcl" and c.lower_ in RELATIVE)
                    for c in token.children
                )
            ):
                pos = "VERB"  # "the chip, which Microsoft and Meta [use]": a verb tagged as a noun
            misread = self._misread_verb(token)
            if misread is not None:
                lemma, pos = misread, "VERB"
                self._linear[token.i] = self._linear_slots(token)
            elif progressive := self._misread_progressive(token):
                lemma, pos = progressive[0], "VERB"
                self._linear[token.i] = self._linear_slots(token, progressive[1])
            if pos == "ADP" and token.lower_ in platform_prepositions:
                lemma, pos = "available", "ADJ"  # "through Amazon Bedrock": a way of offering
                if not any(
                    g.i in self.index and "platform" in self.index[g.i].entity.roles
                    for g in token.children
                ):
                    continue
                frame = self._distribution
                claims.extend(self._apply(frame, token, sent))
                continue
            frames = self.lex.frames_for(lemma, pos)
            found = [claim for frame in frames for claim in self._apply(frame, token, sent)]
            if frames and not found and pos == "VERB" and token.i not in self._linear:
                found = self._read_along(token, frames, sent)
            if frames and not found:
                found = self._fallback(token, frames, sent)
                if not found and any(f.id == "partnership.noun" for f in frames):
                    unnamed.append(token)
            claims.extend(found)
            claims.extend(self._gapped_claims(token, found))
        claims += self._unnamed_partnership(sent, claims, unnamed)
        claims += self._digest_claims(sent, claims)
        if sent.text.rstrip().endswith("?"):
            return []  # "Is Samsung investing in OpenAI?": a question states nothing
        return self._without_investors_as_investees(claims)

    def _status_at(self, t: Token) -> str | None:
        """The status of a claim stated at ``t``, worked out once per trigger."""
        if t.i not in self._status:
            self._status[t.i] = claim_status(t, self.lex, self.media)
        return self._status[t.i]

    def _rule_claim(
        self,
        relation: str,
        subject: Entity,
        obj: Entity,
        token: Token,
        rule: str,
        status: str = "confirmed",
        factor: float | None = None,
    ) -> Claim:
        """A claim a rule makes outside the frames, at ``token``, with the rule's measured
        precision (times ``factor``, the parties' own confidence, when given) and, as frames
        do, a date unless it is ownership (as of the article, not of an event)."""
        base = rule_precision().get(rule, DEFAULT_RULE_PRECISION)
        confidence = base if factor is None else round(base * factor, 3)
        claim = Claim(
            relation, subject, obj, None, self.sents.of(token.i), token.i, rule, confidence, status
        )
        if relation != "OWNS":
            claim.date = self._date(token)
        return claim

    def _claim(
        self,
        frame: Frame,
        t: Token,
        sent: Span,
        left: Mention,
        right: Mention,
        relation: str,
        extra,
    ) -> Claim | None:
        if relation == "INVESTS_IN" and _one_list(self.doc, left, right):
            # "MUFG, Mizuho and SMBC came in as shareholders": co-investors; but "CoreWeave and
            # OpenAI signed a contract" is a deal between the two
            return None
        if relation == "PARTNERS_WITH" and right.start < left.start:
            left, right = right, left  # the organisation named first is the subject
        if relation == "chips":
            relation = "SUPPLIES_CHIPS"
        elif relation == "cloud":
            relation = "PROVIDES_CLOUD"
        subject, via_s = self.gaz.party(left.entity)
        if relation in {"ACQUIRES", "OWNS"} and right.entity.type == "ORG":
            obj, via_o = right.entity, None  # the acquired unit is itself, not its new parent
        else:
            obj, via_o = self.gaz.party(right.entity)
        if (
            subject.id == obj.id
            or subject.type != "ORG"
            or obj.type
            not in {"ORG"}
            | ({"CLOUD", "CHIP", "MODEL", "SERVICE"} if relation == "OWNS" else set())
        ):
            return None
        if relation == "SUPPLIES_CHIPS" and not (
            left.entity.type == "CHIP"
            or self.gaz.has_role(subject, "chipmaker")
            or self.gaz.has_role(subject, "hardware")  # servers sold with their GPUs
            or not subject.known
        ):
            return None
        if relation == "PROVIDES_CLOUD" and not (
            left.entity.type == "CLOUD" or self.gaz.has_role(subject, "cloud") or not subject.known
        ):
            return None
        if relation == "DISTRIBUTES":
            via = left.entity if left.entity.is_product else None
        else:
            via = via_s or (via_o if relation not in {"ACQUIRES", "OWNS"} else None)
        status = self._status_at(t)
        if status is None:
            # "the company was not using the TPUs": a party's own denial of what was reported
            self.negated[(subject.id, relation, obj.id)].append(self.sents.number[t.i])
            return None
        frame_id = (extra or {}).get("frame", frame.id)
        base = rule_precision().get(frame_id, DEFAULT_RULE_PRECISION)
        confidence = round(base * min(left.confidence, right.confidence), 3)
        claim = Claim(relation, subject, obj, via, sent, t.i, frame_id, confidence, status)
        if relation != "OWNS":
            claim.amount_usd = (
                None
                if (extra or {}).get("shared")
                # "IVP led the $500 million round": the round's total, not IVP's part of it
                else self._amount(t, round_totals=not self._joins_round(frame, t))
            )
            claim.date = self._date(t)
        return claim

    def _joins_round(self, frame: Frame, t: Token) -> bool:
        """Whether the claim's investor joins or leads a round told at ``t``, whose total is not
        its part: "IVP led the $500 million round", "IVP led the $500 million round in X"."""
        if frame.id in ROUND_JOINING:
            return True
        verb = self._governing_verb(t) if frame.id == "funding.noun" else None
        if verb is None:
            return False
        lemma = verb.lemma_.lower()
        return lemma in self.words["round_verbs"] or any(
            f"{lemma}:{c.lower_}" in self.words["round_idioms"] for c in verb.children
        )

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb a noun is the object of, directly or through a preposition."""
        head = noun.head
        if noun.dep_ in {"dobj", "attr", "nsubjpass", "oprd", "npadvmod"} and head.pos_ in {
            "VERB",
            "AUX",
        }:
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            if head.lower_ in self.words["circumstance_prepositions"]:
                return None
            holder = head.head
            if holder.pos_ in {"VERB", "AUX"}:
                return holder
            if (
                holder.dep_ in {"prep", "prt", "advmod"}
                and holder.i == head.i - 1
                and holder.head.pos_ == "VERB"
            ):
                return holder.head  # "pulled [out of] talks", "walked [away from] the deal"
            # "raised [$13 billion [in a round]]": the amount sits between the verb and the round.
            quantity = (
                holder.like_num
                or holder.lemma_.lower() in self.words["quantity"]
                or holder.i in self.money
            )
            if quantity and holder.head.pos_ in {"VERB", "AUX"}:
                return holder.head
        if (
            noun.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.head.lemma_.lower() in self.words["light_nouns"]
        ):
            return self._governing_verb(head.head)  # "as part of a partnership with X"
        if noun.dep_ in {"conj", "appos"}:
            return self._governing_verb(head)  # "unveiled Stargate UK, a partnership with X"
        return None


def _list_head(doc: Doc, mention: Mention) -> int:
    """The first item of the coordinated list a mention's head word belongs to."""
    token = doc[mention.end - 1]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.i


def _one_list(doc: Doc, left: Mention, right: Mention) -> bool:
    """Two items of one "A, B and C" list."""
    heads = {_list_head(doc, left), _list_head(doc, right)}
    return len(heads) == 1 and any(doc[m.end - 1].dep_ == "conj" for m in (left, right))


def _title_orgs(title: str | None, gazetteer) -> list[str]:
    """The ids of the known organisations a headline names, in order ("Databricks deal log:
    from MosaicML to Neon" -> databricks, mosaicml, neon)."""
    words = re.findall(r"[\w.&'-]+", title or "")
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            name = " ".join(words[i : i + size]).removesuffix("'s").removesuffix("'")
            entity = gazetteer.lookup(name)
            if entity is not None and size <= len(words) - i:
                party = gazetteer.party(entity)[0]
                if party.type == "ORG" and party.id not in found:
                    found.append(party.id)
                i += size
                break
        else:
            i += 1
    return found


def _introduced_as(person: Span, nouns: frozenset[str]) -> bool:
    """Whether a person's name comes with one of ``nouns``: "analyst Dan Ives", "Dan Ives, an
    analyst at Wedbush"."""
    root = person.root
    near = [c for c in root.children if c.dep_ in {"compound", "appos", "amod"}]
    if root.dep_ in {"appos", "compound"}:
        near.append(root.head)
    if person.start > 0:
        near.append(person.doc[person.start - 1])
    return any(
        t.lemma_.lower() in nouns for t in near if t.i not in range(person.start, person.end)
    )
