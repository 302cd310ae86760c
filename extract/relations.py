"""Relations: trigger frames over the dependency parse turn linked mentions into typed claims.

The component ``alliance_relations`` runs last and sets ``doc._.claims``, a list of `Claim`. For
every word of a sentence that a frame of the lexicon names (``data/lexicon.toml``), it collects the
words attached to it (`slots`: passive voice made active, relative clauses, participles, control
verbs), maps them to mentions (lists, appositions, funding rounds, "Nvidia's GPUs" to Nvidia), maps
products to their owners, checks the relation's type constraints, and attaches status, amount and
date. Every claim keeps its frame, so that confidence can say how often that frame is right.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .dates import normalise_date
from .gazetteer import Entity, Gazetteer, load_gazetteer, slugify
from .lexicon import Frame, Lexicon, load_lexicon
from .linking import Mention, name_start
from .money import find_money
from .sentences import sentences
from .status import BARRIERS, claim_status, infinitival, scope

__all__ = ["Claim", "RelationExtractor"]

OWNS_CONFIDENCE = 0.95
DEFAULT_RULE_PRECISION = 0.75
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_PERCENT = {"%", "percent", "cent"}  # "per cent"
_ARG_DEPS = {
    "nummod",
    "nsubj",
    "dobj",
    "attr",
    "dative",
    "poss",
    "compound",
    "appos",
    "npadvmod",
    "amod",
    "nmod",
    "oprd",
    "acomp",
}
_RELATIVE = {"which", "that", "who", "whom", "whose"}
_GUESS_OBJECTS = {"ACQUIRES", "INVESTS_IN", "PARTNERS_WITH"}
_GUESS_SUBJECT_TAGS = {"nsubj", "prep:by"}
# NER labels a name guessed to be a company cannot carry (one bought may be a place: "Paradox")
_NOT_COMPANY_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "DATE"})
_DESCRIPTION_POS = {"NOUN", "ADJ", "PROPN", "PUNCT", "CCONJ"}  # words of "the chip and cloud firm"
_CLAUSE_DEPS = {"relcl", "acl", "xcomp", "ccomp", "advcl"}
_TIES = {"INVESTS_IN", "PROVIDES_CLOUD", "SUPPLIES_CHIPS", "DISTRIBUTES"}


@dataclass
class Claim:
    """One relation stated in one sentence, with its provenance."""

    relation: str
    subject: Entity
    object: Entity
    via: Entity | None
    sentence: Span
    trigger: int  # token index of the word that states it
    frame: str
    confidence: float
    status: str = "confirmed"
    amount_usd: float | None = None
    date: str | None = None


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


@cache
def rule_precision() -> dict[str, float]:
    """Measured precision of each frame on the development set (``data/calibration.toml``)."""
    path = resources.files("extract").joinpath("data/calibration.toml")
    if not path.is_file():
        return {}
    return {k: float(v) for k, v in tomllib.loads(path.read_text()).get("frame", {}).items()}


@Language.factory(
    "alliance_relations",
    default_config={"gazetteer_path": None, "lexicon_path": None},
)
def make_relations(
    nlp: Language, name: str, gazetteer_path: str | None, lexicon_path: str | None
) -> RelationExtractor:
    linker = nlp.get_pipe("alliance_linker") if "alliance_linker" in nlp.pipe_names else None
    return RelationExtractor(load_gazetteer(gazetteer_path), load_lexicon(lexicon_path), linker)


class RelationExtractor:
    """Find the claims of each sentence (``doc._.claims``) from the linked mentions."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, linker=None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.linker = linker  # names organisations a frame finds but no one recognised
        # Worked out once per lexicon, not per document:
        self.verb_lemmas = {lemma for f in lexicon.frames if "VERB" in f.pos for lemma in f.lemmas}
        # a two-word lemma is seen at its last word ("joint venture" at "venture")
        self.trigger_lemmas = {
            word
            for f in lexicon.frames
            for lemma in f.lemmas
            for word in (lemma, lemma.split()[-1])
        }
        self.distribution = next(f for f in lexicon.frames if f.relation == "DISTRIBUTES")

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.mentions or []
        ctx = _DocContext(doc, mentions, self)
        claims: list[Claim] = []
        for sent in ctx.sents.spans:
            claims.extend(ctx.sentence_claims(sent))
        claims = ctx.without_denied(claims)
        claims.extend(ctx.ownership_claims(claims))
        doc._.claims = _dedupe(claims)
        return doc


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (relation, parties, sentence, status): the most confident one."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        parties = (claim.subject.id, claim.object.id)
        if claim.relation == "PARTNERS_WITH":
            parties = tuple(sorted(parties))
        via = claim.via.id if claim.via is not None else None
        key = (claim.relation, parties, claim.sentence.start, claim.status, via)
        kept = best.get(key)
        if kept is None:
            best[key] = claim
            continue
        if (claim.amount_usd or 0) > (kept.amount_usd or 0):
            kept.amount_usd = claim.amount_usd
        kept.date = kept.date or claim.date
        if claim.confidence > kept.confidence:
            kept.confidence, kept.frame = claim.confidence, claim.frame
    named_via = {k[:4] for k in best if k[4] is not None}
    kept = [c for k, c in best.items() if k[4] is not None or k[:4] not in named_via]
    return sorted(kept, key=lambda c: (c.sentence.start, c.trigger))


class _DocContext:
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
        self.media = {
            i for m in mentions if m.entity.type == "MEDIA" for i in range(m.start, m.end)
        } | {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
        self._linker = extractor.linker
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

    # -- entry points ---------------------------------------------------------------------------

    def sentence_claims(self, sent: Span) -> list[Claim]:
        number = self.sents.number[sent.start]
        if number not in self._named_sentences:
            if number in self._money_by_sentence:  # "Supabase raised $100 million": no name known
                for token in sent:
                    if self._raises_money(token):
                        self._remember_raiser(token)
            return []
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
            ):
                # no frame's word, no preposition of offering, no verb misread as noun (the
                # quick form of _misread_verb's first test: keep the two in step)
                continue
            if lemma == "venture" and any(c.lower_ == "joint" for c in token.children):
                lemma = "joint venture"
            if (
                pos == "NOUN"
                and token.dep_ in _CLAUSE_DEPS
                and any(
                    c.dep_ == "dobj" or (token.dep_ == "relcl" and c.lower_ in _RELATIVE)
                    for c in token.children
                )
            ):
                pos = "VERB"  # "the chip, which Microsoft and Meta [use]": a verb tagged as a noun
            misread = self._misread_verb(token)
            if misread is not None:
                lemma, pos = misread, "VERB"
                self._linear[token.i] = self._linear_slots(token)
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
        return claims + self._unnamed_partnership(sent, claims, unnamed)

    def _status_at(self, t: Token) -> str | None:
        """The status of a claim stated at ``t``, worked out once per trigger."""
        if t.i not in self._status:
            self._status[t.i] = claim_status(t, self.lex, self.media)
        return self._status[t.i]

    def _unnamed_partnership(
        self, sent: Span, claims: list[Claim], nouns: list[Token]
    ) -> list[Claim]:
        """A partnership noun whose frame found no party is the partnership of the pair the
        sentence ties: "Microsoft announced an investment in OpenAI, extending a partnership
        begun in 2019"."""
        if not nouns or any(c.relation == "PARTNERS_WITH" for c in claims):
            return []
        ties = [c for c in claims if c.relation in _TIES]
        if not ties:
            return self._topics_partnership(sent, nouns)
        if len({frozenset((c.subject.id, c.object.id)) for c in ties}) != 1:
            return []
        subject, obj = ties[0].subject, ties[0].object
        for token in nouns:
            if any(w.i in self.index for w in token.subtree):
                return []  # "the partnership with Google" names its own party
            status = self._status_at(token)
            if status is None:
                return []
            return [
                self._rule_claim(
                    "PARTNERS_WITH", subject, obj, token, "partnership.unnamed", status
                )
            ]
        return []

    def _topics_partnership(self, sent: Span, nouns: list[Token]) -> list[Claim]:
        """A partnership "with" the one company a sentence names, no partner given, is the
        article's subject's: "A similar partnership with CrowdStrike follows" in a piece
        about Nvidia."""
        named = {
            self.gaz.party(self.index[i].entity)[0].id
            for i in range(sent.start, sent.end)
            if i in self.index and self.index[i].entity.type != "MEDIA"
        }
        if len(named) != 1:
            return []
        for token in nouns:
            partners = [
                self.index[g.i]
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children
                if g.i in self.index and _is_org(self.index[g.i])
            ]
            if len(partners) != 1 or any(c.dep_ == "poss" for c in token.children):
                continue
            topic = self._topic(token, exclude=named)
            status = self._status_at(token)
            if topic is None or status is None:
                continue
            rule, factor = "partnership.topic", min(topic.confidence, partners[0].confidence)
            claim = self._rule_claim(
                "PARTNERS_WITH", topic.entity, partners[0].entity, token, rule, status, factor
            )
            return [claim]
        return []

    def without_denied(self, claims: list[Claim]) -> list[Claim]:
        """Drop the reported and rumoured claims a party denies soon after: "Reuters reported
        that Apple is in talks to invest in Mistral. Apple denied the report." Confirmed claims
        stay: a denial answers a rumour."""
        denials: list[tuple[int, str]] = []  # (sentence number, denying party)
        for sent in self.sents.spans:
            for token in sent:
                if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.status["denial"]:
                    continue
                said = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
                if not any(
                    c.lemma_.lower() in self.words["report_nouns"] or c.pos_ == "PRON" for c in said
                ):
                    continue  # "denied the report", not "declined to comment"
                for subject in (c for c in token.children if c.dep_ in _SUBJ):
                    mention = self.index.get(subject.i)
                    if mention is not None:
                        party = self.gaz.party(mention.entity)[0].id
                        denials.append((self.sents.number[token.i], party))
        if not denials and not self.negated:
            return claims
        kept = []
        for claim in claims:
            number = self.sents.number[claim.sentence.start]
            key = (claim.subject.id, claim.relation, claim.object.id)
            denied = claim.status in {"reported", "in_talks"} and (
                any(
                    0 <= at - number <= 2 and party in {claim.subject.id, claim.object.id}
                    for at, party in denials
                )
                # "X reported that OpenAI uses TPUs. OpenAI said it was not using them."
                or any(abs(at - number) <= 2 for at in self.negated.get(key, ()))
            )
            if not denied:
                kept.append(claim)
        return kept

    def ownership_claims(self, claims: list[Claim]) -> list[Claim]:
        """Owner OWNS product, unit or subsidiary, once per article for each one it names.

        The gazetteer knows owners as of today. When the article itself tells the acquisition of
        a subsidiary, the article decides: ownership only once the deal is done (a confirmed
        claim stated in the past tense), not while it is agreed, pending or over.
        """
        acquired: dict[str, bool] = {}
        bought: dict[str, Claim] = {}
        for claim in claims:
            if claim.relation == "ACQUIRES":
                done = claim.status == "confirmed" and self._completed(self.doc[claim.trigger])
                acquired[claim.object.id] = acquired.get(claim.object.id, False) or done
                if done:
                    bought.setdefault(claim.object.id, claim)
        # A purchase the article tells as done makes the buyer the owner ("Meta bought WhatsApp").
        claims = [
            Claim(
                "OWNS",
                c.subject,
                c.object,
                None,
                c.sentence,
                c.trigger,
                "owns.acquired",
                rule_precision().get("owns.acquired", DEFAULT_RULE_PRECISION),
                date=c.date,
            )
            for c in bought.values()
            if c.object.owner in {None, c.subject.id}
        ]
        claims += self._described_as_owned()
        seen = {c.object.id for c in claims}
        for mention in self.mentions:
            entity = mention.entity
            if (
                mention.source not in {"gazetteer", "ner", "short"}
                or not entity.owner
                or entity.id in seen
            ):
                continue
            if not (entity.is_product or entity.rollup) and not acquired.get(entity.id, True):
                continue

            seen.add(entity.id)
            owner = self.gaz[entity.owner]
            sent = self.sents.of(mention.start)
            claims.append(
                Claim(
                    "OWNS",
                    owner,
                    entity,
                    None,
                    sent,
                    mention.start,
                    "owns.gazetteer",
                    OWNS_CONFIDENCE,
                )
            )
        return claims

    def _described_as_owned(self) -> list[Claim]:
        """A name an apposition calls someone's product or unit: "PhariaAI, its operating
        system", "SB Energy, its renewable power affiliate", "Agent Bricks, Databricks' product",
        "Model Studio, the AI development platform of Alibaba Cloud"."""
        things, units = self.words["owned_things"], self.words["owned_units"]
        claims = []
        for i, lemma in enumerate(self.lemmas):
            if lemma not in things and lemma not in units:
                continue
            noun = self.doc[i]
            if noun.dep_ != "appos" or noun.pos_ != "NOUN":
                continue
            owners = [m for m in self._owner_of_thing(noun) if _is_org(m)] or [
                self.index[g.i]
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj" and g.i in self.index
            ]
            owner = self.gaz.party(owners[0].entity)[0] if len(owners) == 1 else None
            owned = self._owned_name(noun.head, "ORG" if lemma in units else "SERVICE")
            if owner is None or owner.type != "ORG" or owned is None or owned.id == owner.id:
                continue
            claims.append(self._rule_claim("OWNS", owner, owned, noun, "owns.apposition"))
        return claims

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

    def _owned_name(self, head: Token, kind: str) -> Entity | None:
        """The entity a name stands for, made up for a name no one linked ("PhariaAI")."""
        if head.i in self.index:
            entity = self.index[head.i].entity  # the gazetteer's owner, if it knows one, stands
            return None if entity.type == "MEDIA" or entity.owner else entity
        if head.pos_ != "PROPN" or not head.text[:1].isupper():
            return None  # a name the NER calls a person is still a product here
        start = name_start(head)
        if any(i in self.index for i in range(start, head.i)):
            return None  # "Bell AI Fabric" starts with a company's name: leave it alone
        name = self.doc[start : head.i + 1].text
        return Entity(id=slugify(name), name=name, type=kind, known=False)

    def _completed(self, trigger: Token) -> bool:
        """Whether a deal is told as done: "bought", "completed its purchase", not "agreed to buy"."""
        chain = scope(trigger, self.words["report_nouns"])
        verbs = [t for t in chain if t.pos_ in {"VERB", "AUX"}]
        if any(t.lemma_.lower() in self.words["pending"] for t in chain):
            return False
        done = self.words["completion_verbs"]
        # "its purchase of W&B, which it completed in May": the clause may hang on the object
        held = [trigger] + [
            g for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
        ]
        if any(t.lemma_.lower() in done for t in chain) or any(
            c.dep_ == "relcl" and c.lemma_.lower() in done for h in held for c in h.children
        ):
            return True
        return (
            bool(verbs)
            and verbs[0].tag_ in {"VBD", "VBN"}
            and not any(
                c.dep_ == "aux" and c.lower_ in {"will", "would", "to"} for c in verbs[0].children
            )
        )

    # -- frames ---------------------------------------------------------------------------------

    def _slots_of(self, t: Token) -> dict[str, list[Token]]:
        """A word's slots: read along the text if its parse failed, else from the parse, worked
        out once for all its frames (a name a later frame guesses joins the index, not these
        slots; the guessed name is read through it)."""
        slots = self._linear.get(t.i)
        if not slots:
            if t.i not in self._slot_cache:
                self._slot_cache[t.i] = self._slots(t)
            slots = self._slot_cache[t.i]
        return slots

    def _apply(self, frame: Frame, t: Token, sent: Span) -> Iterable[Claim]:
        particle = frame.particles.get(t.lemma_.lower())
        if particle and not any(
            c.lower_ == particle and c.dep_ in {"prt", "dobj", "advmod", "prep"} for c in t.children
        ):
            return []
        if not particle and t.pos_ == "VERB" and self._idiom(t):
            return []  # "took part" is not taking a stake or raising money
        slots = self._slots_of(t)
        if frame.requires and not self._satisfies(frame, t, slots):
            return []
        if frame.relation == "SUPPLY":
            pairs = self._supply_pairs(frame, t, slots)
        elif frame.relation == "DISTRIBUTES" and frame.subject:
            pairs = self._offer_pairs(frame, t, slots)
        elif frame.relation == "DISTRIBUTES":
            pairs = self._distribution_pairs(t, sent)
        else:
            pairs = self._party_pairs(frame, t, slots)
            if ("STAKE" in frame.requires or t.lemma_.lower() in self.cls["stake"]) and (
                self._majority(t, slots)
            ):
                # "SoftBank still owns roughly 90% of it": a parent, not an investor
                pairs = [(a, b, "OWNS" if r == "INVESTS_IN" else r, x) for a, b, r, x in pairs]
        claims = [c for c in (self._claim(frame, t, sent, *p) for p in pairs) if c is not None]
        for pair in pairs:
            if pair[2] == "PARTNERS_WITH" and any(c.relation == "PARTNERS_WITH" for c in claims):
                self.partners = [pair[0], pair[1]]
        return claims

    def _misread_verb(self, token: Token) -> str | None:
        """The verb lemma of a verb the tagger took for a noun: "Lambda [rents] Nvidia GPUs".

        A third-person verb form right after a name, the name not its possessor, is read as
        a verb whose parse is then not to be trusted.
        """
        if token.pos_ not in {"NOUN", "PROPN"} or not token.lower_.endswith("s") or token.i == 0:
            return None
        before = token.doc[token.i - 1]
        mention = self.index.get(before.i)
        if (
            mention is None
            or before.tag_ in {"POS", "PRP$"}  # "its teams": a possessor, and a noun after it
            or mention.entity.type == "MEDIA"
        ):
            return None
        stem = token.lower_[:-3] + "y" if token.lower_.endswith("ies") else ""  # "supplies"
        for lemma in (token.lower_[:-1], token.lower_[:-2], stem):
            if lemma in self._verb_lemmas:
                return lemma
        return None

    def _read_along(self, t: Token, frames: list[Frame], sent: Span) -> list[Claim]:
        """The claims of an active verb read along the text, when its parse found no parties."""
        after_apposition = (
            t.tag_ == "VBN" and t.dep_ == "acl" and t.i > sent.start and t.doc[t.i - 1].text == ","
        )
        # "A and B co-led, and were joined by C": a past tense read as a participle and hung on
        # the names as their conjunct
        on_names = t.tag_ == "VBN" and t.dep_ == "conj" and t.head.pos_ in {"PROPN", "NOUN"}
        if t.tag_ not in {"VBD", "VBZ", "VBP", "VB", "VBG"} and not (after_apposition or on_names):
            return []
        if any(c.dep_ == "dobj" and self._kind_of_noun(c) for c in t.children):
            return []  # "buy any unused capacity the cloud provider cannot sell": parsed well
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in t.children):
            return []
        parsed = [c for c in t.children if c.dep_ == "nsubj" and c.i in self.index]
        inherited = []
        if not any(c.dep_ in _SUBJ for c in t.children):  # "its plan to acquire X"
            inherited = [s for s in self._inherited_subject(t) if s.i in self.index]
        hung = t.dep_ == "conj" and t.head.i in self.index and t.head.i < t.i
        # "Cohere in turn trains and [deploys] ...": a verb the parse hung on its subject's name
        subject = (parsed or inherited or ([t.head] if hung else [self._left_party(t, sent)]))[0]
        if subject is None:
            return []
        described = None
        if not any(c.dep_ == "dobj" for c in t.children):
            described = self._described_before(subject, sent)
        if (
            parsed
            and described is None
            and not any(
                c.i in self.index and c.dep_ in {"punct", "dep"} for c in t.children if c.i > t.i
            )
        ):
            return []  # the verb's parse holds and names no relation
        slots = self._linear_slots(t, subject)
        if not parsed and not inherited:
            slots["nsubj"] = self._coordinated_before(subject, sent)  # "Accel and Peak XV co-led"
        if "dobj" not in slots and described is not None:
            slots["dobj"].append(described)  # "Splunk, the maker Cisco bought for $28 billion"
        self._linear[t.i] = slots
        return [claim for frame in frames for claim in self._apply(frame, t, sent)]

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

    def _described_before(self, subject: Token, sent: Span) -> Token | None:
        """The name an apposition right before ``subject`` describes, when the subject and its
        verb are a relative clause without "that": "Nuvia, a startup [that] Qualcomm bought"."""
        doc = subject.doc
        if self.index[subject.i].source == "pronoun":
            return None  # "its Fusion Applications, the suite it sells": a product, not a party
        i = self.index[subject.i].start - 1
        if i <= sent.start or doc[i].pos_ != "NOUN" or i in self.index:
            return None
        while i > sent.start and doc[i].pos_ in _DESCRIPTION_POS and doc[i].text != ",":
            i -= 1
        if i - 2 < sent.start or doc[i].lower_ not in {"the", "a", "an"} or doc[i - 1].text != ",":
            return None
        mention = self.index.get(i - 2)
        if mention is None or mention.entity.type == "MEDIA":
            return None
        return doc[i - 2]

    def _left_party(self, t: Token, sent: Span) -> Token | None:
        """The organisation named as the verb's subject, read leftwards: the nearest name before
        it in its clause, or the name before an apposition ("X, the maker of Y, bought Z")."""
        doc = t.doc
        i = t.i - 1
        if i > sent.start and (
            doc[i].pos_ in {"AUX", "ADV"} or doc[i].tag_ in {"MD", "TO"}  # "Oracle to spend"
        ):
            i -= 1
        if i < sent.start:
            return None
        if doc[i].text == ",":
            # an apposition closes right before the verb: the name before its opening comma
            j = i - 1
            while j > sent.start and doc[j].text not in {",", ";", ":"}:
                j -= 1
            if doc[j].text != "," or j - 1 < sent.start:
                return None
            i = j - 1
        mention = self.index.get(i)
        if mention is None or mention.entity.type == "MEDIA":
            return None
        start = doc[mention.start]
        if start.i > sent.start and doc[start.i - 1].pos_ == "ADP":
            return None  # "in March SoftBank": the object of a preposition
        return doc[i]

    def _linear_slots(self, t: Token, subject: Token | None = None) -> dict[str, list[Token]]:
        """Slots read along the text, for a verb whose parse failed: subject on the left, the
        first noun phrase on the right as object, then each preposition with its noun phrase."""
        doc = t.doc
        sent = self.sents.of(t.i)
        slots: dict[str, list[Token]] = defaultdict(list)
        slots["nsubj"].append(subject if subject is not None else doc[t.i - 1])

        def phrase_head(i: int) -> tuple[int, int]:
            """(head index, next index) of the noun phrase starting at i."""
            head = -1
            while i < sent.end and (
                doc[i].pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "DET", "SYM"}
                or doc[i].text == "-"
                or i in self.index  # a name the tagger misread ("MosaicML" as X)
                or (doc[i].tag_ == "VBG" and i + 1 < sent.end and doc[i + 1].pos_ == "NOUN")
                or doc[i].tag_ == "POS"  # "Nvidia's DGX Cloud": the phrase goes on
            ):
                if doc[i].pos_ in {"NOUN", "PROPN"} or i in self.index:
                    head = i
                i += 1
            return head, i

        i = t.i + 1
        while i < sent.end and doc[i].dep_ == "prt" and doc[i].head.i == t.i:
            i += 1  # "snapped up MosaicML"
        if i + 1 < sent.end and doc[i].lower_ in {"and", "or"} and doc[i + 1].pos_ == "VERB":
            i += 2  # "trains and deploys its models on OCI": the two verbs share what follows
        head, i = phrase_head(i)
        if head >= 0:
            slots["dobj"].append(doc[head])
        while i < sent.end and doc[i].is_punct is False and doc[i].pos_ not in {"VERB", "AUX"}:
            if doc[i].pos_ == "ADP":
                prep = doc[i].lower_
                head, i = phrase_head(i + 1)
                if head >= 0:
                    slots["prep:" + prep].append(doc[head])
                continue
            i += 1
        return slots

    def _fallback(self, t: Token, frames: list[Frame], sent: Span) -> list[Claim]:
        """When no frame finds the parties of a partnership: the two organisations of its clause.

        Only when the clause of the partnership word names exactly two organisations. The claims
        carry the frame ``fallback.partners_with``, whose measured precision sets their
        confidence.
        """
        # Measured on the development set, guessing directions of investments and acquisitions
        # this way is wrong too often; partnerships, which have no direction, gain.
        # a frame whose condition failed ("pay" for no model) says nothing of a partnership
        partner_frames = [f for f in frames if f.relation == "PARTNERS_WITH" and not f.requires]
        if not partner_frames or t.lemma_.lower() in self.words["no_fallback"]:
            return []
        particle = partner_frames[0].particles.get(t.lemma_.lower())
        if particle and not any(c.lower_ == particle for c in t.children):
            return []  # "join" alone is no partnership, "join forces" is
        relation = "PARTNERS_WITH"
        top = t
        while top.pos_ not in {"VERB", "AUX"} and top.head.i != top.i:
            top = top.head
        parties: dict[str, Mention] = {}
        for token in top.subtree:
            mention = self.index.get(token.i)
            if mention is None or mention.start != token.i or not sent.start <= token.i < sent.end:
                continue
            if _inside_other_clause(token, top):
                continue
            party, _ = self.gaz.party(mention.entity)
            if party.type == "ORG" and mention.entity.type != "MEDIA":
                parties.setdefault(party.id, mention)
        if len(parties) != 2:
            return []
        first, second = sorted(parties.values(), key=lambda m: m.start)
        frame = _fallback_frame(relation)
        claim = self._claim(frame, t, sent, first, second, relation, None)
        return [claim] if claim is not None else []

    def _satisfies(self, frame: Frame, t: Token, slots: dict) -> bool:
        requires = frame.requires
        objects = [
            tok for key in ("dobj", "prep:in", "prep:for", "attr") for tok in slots.get(key, ())
        ]
        if "MONEY_SUBJECT" in requires:
            objects += [t.head, *slots.get("nsubj", [])]
        if any(
            w.lemma_.lower() in self.words["debt_words"]
            for w in _through_amounts(objects, self.money)
        ):
            return False  # "took on $5.25 billion of debt from a bank group": lenders, not backers
        for need in requires:
            if need in {"MONEY", "MONEY_SUBJECT"} and any(
                tok.i in self.money for o in objects for tok in o.subtree
            ):
                return True
            if need == "FUNDING" and any(self._is_funding(o) for o in objects):
                return True
            if need == "FUNDING_SUBJECT" and any(
                self._is_funding(o) for o in slots.get("nsubj", ())
            ):
                return True
            if need == "MODEL_FOR" and any(
                self._names_a_model(o) for o in slots.get("prep:for", ())
            ):
                return True
            if need == "PORTFOLIO_SUBJECT" and any(
                o.lemma_.lower() in self.words["portfolio_nouns"] for o in slots.get("nsubj", ())
            ):
                return True
            # a verb's stake is its object; a noun's is what it is of ("purchase of a stake")
            held = objects if "VERB" in frame.pos else list(slots.get("prep:of", ()))
            if need == "STAKE" and any(
                w.lemma_.lower() in self.cls["stake"] for w in _through_amounts(held, self.money)
            ):
                return True
            if need == "CHIPS" and any(
                self._kind_of_noun(o) == "chips"
                or (o.i in self.index and self.index[o.i].entity.type == "CHIP")
                for o in objects
            ):
                return True
        return False

    def _names_a_model(self, token: Token, depth: int = 0) -> bool:
        """Whether a noun is a model: "a custom Gemini model", "access to a version of Gemini"."""
        if token.lemma_.lower() == "model" or (
            token.i in self.index and self.index[token.i].entity.type == "MODEL"
        ):
            return True
        return depth < 2 and any(
            self._names_a_model(g, depth + 1)
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in {"to", "of"}
            for g in p.children
            if g.dep_ == "pobj"
        )

    def _is_funding(self, token: Token) -> bool:
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
            if stake.lemma_.lower() in self.cls["stake"] or stake.lower_ in _PERCENT
            for token in (stake, *stake.children)
        )

    def _more_than_half(self, token: Token) -> bool:
        if token.lemma_.lower() in self.words["majority_words"]:
            return True
        percent = token.lower_ in _PERCENT and (
            token.lower_ != "cent" or (token.i > 0 and token.nbor(-1).lower_ == "per")
        )
        if not percent:
            return False
        before = token.i - (2 if token.lower_ == "cent" else 1)  # "51%", "51 per cent"
        shares = [c for c in token.children if c.like_num] + [token.doc[max(before, 0)]]
        return any(s.text.replace(".", "", 1).isdigit() and float(s.text) > 50 for s in shares)

    # -- slots: the words a trigger's arguments hang on ------------------------------------------

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
        # Right node raising: "trains and deploys its models on OCI"; not when the verb has an
        # object of its own ("leverage its hardware and reduce dependency on Nvidia"), nor from a
        # conjunct with its own subject ("X led, and Y took part").
        if t.pos_ == "VERB" and "dobj" not in slots:
            for conj in (
                c
                for c in t.children
                if c.dep_ == "conj"
                and c.pos_ == "VERB"
                and not any(g.dep_ in _SUBJ for g in c.children)
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
        # "raised $675 million [at a valuation [from investors ...]]": the parser's misattachment.
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
                            and deeper.lower_ in {"from", "by", "with"}
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
            and not any(c.dep_ in _SUBJ | {"aux"} for c in t.children)
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
        # A relative clause's pronoun stands for the noun it modifies.
        if t.dep_ == "relcl":
            rel = [c for c in t.children if c.lower_ in _RELATIVE] or [
                g
                for c in t.children
                if c.dep_ == "prep"
                for g in c.children
                if g.lower_ in _RELATIVE
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
            if first.dep_ in _SUBJ:
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
                    clause.head if tok.lower_ in _RELATIVE and tok.head.i == t.i else tok
                    for tok in tokens
                ]
            if "dobj" not in slots and any(
                c.dep_ == "dobj" and c.lower_ in _RELATIVE for c in clause.children
            ):
                slots["dobj"].append(clause.head)  # the parser hangs "which" on "agreed"
        # "the startup in which Oracle is an investor": the role's "in which" hangs on the verb
        if t.pos_ == "NOUN" and t.dep_ == "attr" and t.head.dep_ == "relcl":
            for p in t.head.children:
                if p.dep_ == "prep" and any(g.lower_ in _RELATIVE for g in p.children):
                    slots["prep:" + p.lower_].append(t.head.head)
        # Licensing: "licensed Inflection's models".
        for obj in slots.get("dobj", ()):
            slots["dobj.poss"].extend(c for c in obj.children if c.dep_ in {"poss", "compound"})
        # Control and coordination: "agreed to invest", "invested ... and became its provider".
        if (
            t.pos_ in {"VERB", "AUX"}
            and "nsubj" not in slots
            and not (passive and any(c.dep_ == "nsubjpass" for c in t.children))
        ):  # "whether Mistral might be acquired" has no acquirer to inherit
            slots["nsubj"].extend(self._inherited_subject(t))
        # A noun that names the deal of a compound head: "licensing deal with X".
        noun = t
        if t.dep_ == "compound" and t.head.lemma_.lower() in self.words["deal_nouns"]:
            noun = t.head
            for child in noun.children:
                if child.i != t.i:
                    self._add_child(slots, child, False, noun)
        if noun.pos_ in {"NOUN", "PROPN"}:
            for clause in (c for c in noun.children if c.dep_ == "relcl"):
                subjects = [
                    c for c in clause.children if c.dep_ in _SUBJ and c.lower_ not in _RELATIVE
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
        if t.pos_ in {"VERB", "NOUN"} and t.dep_ in _CLAUSE_DEPS and "nsubj" not in slots:
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
            c.dep_ in _SUBJ | {"aux", "auxpass"} for c in t.children
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
                slots["nsubj"].extend(c for c in clause.children if c.dep_ in _SUBJ)
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
                and all(c.i > prep.i for c in t.children if c.dep_ in _SUBJ)
            ):
                slots["nsubj"].extend(g for g in prep.children if g.dep_ == "pobj")

    def _add_child(self, slots: dict, child: Token, passive: bool, t: Token) -> None:
        dep = child.dep_
        if dep == "dative" and child.pos_ == "ADP":
            dep = "prep"  # "sell capacity [to] Anthropic", parsed as a dative preposition
        if dep in {"prep", "agent"}:
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
        elif dep in _ARG_DEPS:
            named_modifier = dep in {"nummod", "amod"} and child.i in self.index
            slots["compound" if named_modifier or dep == "nummod" else dep].append(child)

    def _subjects(self, verb: Token) -> list[Token]:
        return self._own_subjects(verb) or self._inherited_subject(verb)

    def _inherited_subject(self, verb: Token) -> list[Token]:
        """The subject a verb without one takes from above it, or from its list item's label."""
        return self._controller(verb) or self._label(verb)

    def _controller(self, verb: Token) -> list[Token]:
        current = verb
        for _ in range(3):
            if current.dep_ in {"acl", "xcomp", "relcl"} and current.head.i in self.index:
                return [current.head]  # headline style: "Qualcomm to buy Alphawave Semi"
            if (
                current.dep_ == "pcomp"
                and current.head.dep_ == "prep"
                and current.head.head.pos_ in {"VERB", "AUX"}
            ):
                if current.head.lower_ in {"with", "without"}:
                    # "with NEA and Nvidia taking part": the absolute construction's own names
                    return [g for g in current.head.children if g.dep_ == "pobj"]
                # "committed [to [buying]]": the subject of the verb the preposition is on
                parent = current.head.head
                if subjects := self._own_subjects(parent):
                    if parent.lemma_.lower() in self.words["joining_verbs"]:
                        # "Nvidia joined Microsoft in pouring $1.3bn into Inflection": both do
                        subjects += [c for c in parent.children if c.dep_ == "dobj"]
                    return subjects
                current = parent
                continue
            # "a deal to invest in X" (parsed as a relative clause), "an agreement worth $N [to buy]"
            worth = current.dep_ == "amod" and current.lower_ in self.words["worth_words"]
            if (current.dep_ == "acl" or infinitival(current) or worth) and current.head.pos_ in {
                "NOUN",
                "PROPN",
            }:
                # "Amazon is in talks to invest": the talks' holder invests;
                # "SoftBank's agreement to take a stake": the agreement's owner does.
                owners = [
                    c for c in current.head.children if c.dep_ == "poss" and c.i in self.index
                ]
                if owners:
                    return owners
                noun = current.head
                governing = self._governing_verb(noun)
                for _ in range(2):  # "signed a letter [of intent [to invest]]"
                    if governing is not None or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
                        break
                    noun = noun.head.head
                    if noun.i in self.index:
                        return [noun]  # a headline: "Amazon in talks to invest in Anthropic"
                    owners = [c for c in noun.children if c.dep_ == "poss" and c.i in self.index]
                    if owners:
                        return owners  # "Nvidia's letter of intent to invest"
                    governing = self._governing_verb(noun)
                if governing is None:
                    return []
                return self._subjects(governing)
            if (
                current.dep_ not in {"xcomp", "advcl", "conj", "ccomp"}
                or current.head.i == current.i
            ):
                return []
            parent = current.head
            if parent.dep_ == "amod" and parent.lower_ in self.words["worth_words"]:
                current = parent
                continue
            if parent.pos_ not in {"VERB", "AUX"}:
                return []
            # Object control: "wants Anthropic to use" has its own subject; "asked X to ..." -> X,
            # also where the parser calls the infinitive an adverbial clause.
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if current.dep_ == "xcomp" or (current.dep_ == "advcl" and infinitive):
                objects = [c for c in parent.children if c.dep_ == "dobj" and c.i in self.index]
                if objects:
                    return objects
            if subjects := self._own_subjects(parent):
                return subjects
            if parent.dep_ == "ROOT" and (
                left := self._left_party(parent, self.sents.of(parent.i))
            ):
                return [left]  # "In March SoftBank agreed to acquire": the name the parse lost
            current = parent
        return []

    @staticmethod
    def _own_subjects(verb: Token) -> list[Token]:
        """A verb's own subjects, a relative pronoun standing for the noun of its clause."""
        return [
            verb.head if s.lower_ in _RELATIVE and verb.dep_ == "relcl" else s
            for s in verb.children
            if s.dep_ in _SUBJ
        ]

    def _label(self, verb: Token) -> list[Token]:
        """The name a list item opens with, for its verbs without a subject:
        "- Cohere: raised $500 million ..."."""
        sent = self.sents.of(verb.i)
        i = sent.start
        while i < verb.i and not self.doc[i].is_alpha:
            i += 1  # bullets and dashes
        mention = self.index.get(i)
        if mention is None or mention.end >= verb.i or self.doc[mention.end].text != ":":
            return []
        if any(c.dep_ in _SUBJ for c in verb.children):
            return []
        return [self.doc[i]]

    # -- from words to mentions -------------------------------------------------------------------

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
            or (token.lower_ == "both" and token.dep_ in _SUBJ and token.pos_ in {"PRON", "DET"})
            or (token.lower_ in {"both", "each"} and token.dep_ == "pobj")  # "a piece of each"
        ):
            return self._plural(token)  # "A and B remain its shareholders, and both supply ..."
        if mention is None and any(
            c.dep_ == "conj" and _is_org(self.index.get(c.i)) for c in token.children
        ):
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
            coordinated = (  # "by [A] and B Capital": a list the parser read as a modifier
                child.dep_ == "nmod"
                and child.i in self.index
                and any(c.dep_ == "cc" for c in child.children)
            )
            if child.dep_ == "conj" and self._gapped(child):
                continue  # "in Anthropic, and Nvidia up to $10 billion": another subject
            if (
                child.dep_ == "conj"
                or coordinated
                or (compound and child.dep_ in {"compound", "nmod"})
            ):
                members = self._mentions_of(child, compound, depth + 1)
                if not members and child.dep_ == "conj" and _is_org(mention):
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
        unique = {}
        for m in found:
            unique.setdefault(m.start, m)
        return list(unique.values())

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
                or not _is_org(mention)
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
        """Whether a conjunct opens a clause whose verb is left out, an amount straight after
        it: "Microsoft will invest $5 billion in Anthropic, and [Nvidia] up to $10 billion"."""
        return self._amount_after(conj) is not None

    def _amount_after(self, conj: Token) -> float | None:
        """The amount straight after a name ("Nvidia [up to $10 billion]"), if one follows."""
        mention = self.index.get(conj.i)
        i = mention.end if mention is not None else conj.i + 1
        while i < len(self.doc) and i not in self.money and self.doc[i].dep_ == "quantmod":
            i += 1  # "up to", "about"
        return self.money.get(i)

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
            or subject.ent_type_ in _NOT_COMPANY_LABELS
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

    def _guessed(self, token: Token, bought: bool = False) -> list[Mention]:
        """An organisation no one recognised, named where a frame wants a company: "AMD buys
        [Brium]", "the acquisition of [PlayAI]". Only a capitalised proper name that is neither
        a place, a person, nor the first word of its sentence counts. What is ``bought`` may be
        a name the NER took for a place or a people ("acquire [Paradox]", "purchase of [Beats]"):
        no one buys a country, and known places are still turned away."""
        unlikely = {"PERSON", "DATE"} if bought else _NOT_COMPANY_LABELS
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_ in unlikely:
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
                    self.index[c.i] for c in verb.children if c.dep_ in _SUBJ and c.i in self.index
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
        ranked = sorted(counts.values(), key=len, reverse=True)
        if not ranked or (len(ranked) > 1 and len(ranked[0]) == len(ranked[1])):
            return None
        return ranked[0][-1]

    def _last_partners(self, t: Token) -> list[Mention]:
        """The parties of the latest partnership told before ``t`` in this article."""
        return self.partners if self.partners and self.partners[0].start < t.i else []

    def _plural(self, pronoun: Token) -> list[Mention]:
        """ "They": the organisations of the latest list named as a subject, in this sentence or
        the one before ("Samsung and SK Hynix signed ..., under which they plan to supply")."""
        first = self.sents.spans[max(0, self.sents.number[pronoun.i] - 1)].start
        for i in range(pronoun.i - 1, first - 1, -1):
            mention = self.index.get(i)
            if mention is None or mention.start != i:
                continue
            root = self.doc[mention.start : mention.end].root
            if root.dep_ in _SUBJ:
                group = [mention, *self._list_after(mention)]
                if len(group) > 1:
                    return group  # not "... and Nvidia has invested in them": its own subject
        return []

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

    def _members(self, token: Token) -> list[Mention]:
        """Who a group noun lists: "investors including A and B", "a syndicate that includes A"."""
        found: list[Mention] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"including", "like", "as"}:
                for g in child.children:
                    if g.dep_ == "pobj" and g.i in self.index:
                        found.extend(self._mentions_of(g, depth=1))
            elif child.dep_ in {"relcl", "acl"} and child.lemma_.lower() in {
                "include",
                "comprise",
                "feature",
            }:
                for g in child.children:
                    if g.dep_ in {"dobj", "attr"} and g.i in self.index:
                        found.extend(self._mentions_of(g, depth=1))
            elif child.dep_ == "appos" and child.i in self.index:
                found.extend(self._mentions_of(child, depth=1))
        return found

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
        if _definite(token):
            # "the round", "the Series C": told before, maybe a paragraph up; told again here
            owners = self._last_round(token, sentences=6, same_paragraph=False)
            if owners:
                self._remember_round(token, owners)
            return owners or self._articles_round(token)  # told long before: the article's own
        if self.round is not None and self.round[0] == self.sents.start(token.i):
            return self.round[1]  # "X raised $N, with A joining a round led by B"
        # "Earlier, A led a $1 billion round in which B invested": the company just told of
        return self._last_round(token, sentences=2) or self._articles_round(token)

    def _idiom(self, verb: Token) -> bool:
        """Whether a verb comes with the particle of one of its frames: "took part" (joining a
        round, not raising one), "took over", "snapped up"."""
        if verb.i not in self._idioms:
            lemma = self.lemmas[verb.i]
            particles = {f.particles.get(lemma) for f in self.lex.frames_for(lemma, "VERB")}
            particles.discard(None)
            self._idioms[verb.i] = bool(particles) and any(
                c.lower_ in particles for c in verb.children
            )
        return self._idioms[verb.i]

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
        sent = self.sents.of(token.i)
        named = {self.index[i].entity.id for i in range(sent.start, sent.end) if i in self.index}
        topic = self._topic(token, exclude=named)
        if topic is None or topic.entity.type != "ORG":
            return []
        self._remember_round(token, [topic])
        return [topic]

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

        Unless asked otherwise the round must be in the same paragraph: a newsletter's next item
        is another deal.
        """
        if self.round is None:
            return []
        start, owners = self.round
        sents = range(self.sents.distance(start, token.i) + 1)
        if same_paragraph and "\n" in self.sents.text[self.doc[start].idx : token.idx]:
            return []
        return owners if len(sents) <= sentences else []

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
                own = [c for c in current.children if c.dep_ in _SUBJ and c.i in self.index]
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

    def _self_tokens(self, t: Token) -> list[Token]:
        """The words that *are* a role noun: "AWS is X's provider", "X, an investor in Y"."""
        if (
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.head.head.lower_ in self.words["partitive_heads"]
        ):
            t = t.head.head  # "X is one of its shareholders": X is the one
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
                            _is_org(self.index.get(tok.i))
                            or tok.lemma_.lower() in self.words["round_roles"]
                        )
                    )
                ]
                if not [o for o in objects if o.lower_ != particle and o.i not in self.money]:
                    found.extend(self._last_round(t, sentences=3))
                continue
            elif tag == "STAKE":
                held = [*slots.get("dobj", ())] if t.pos_ == "VERB" else [*slots.get("prep:of", ())]
                stakes = [
                    o
                    for o in _through_amounts(held, self.money)
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
                and frame.relation in _GUESS_OBJECTS
                and (tag in frame.object or (tag in _GUESS_SUBJECT_TAGS and tag in frame.subject))
            )
            for token in tokens:
                if token.i in alone and token.i in self.index:
                    found.append(self.index[token.i])
                    continue
                mentions = self._mentions_of(token, compound)
                if not mentions and guess:
                    mentions = self._guessed(token, bought=frame.relation == "ACQUIRES")
                found.extend(mentions)
        unique: dict[int, Mention] = {}
        for m in found:
            unique.setdefault(m.start, m)
        return list(unique.values())

    # -- pairs of parties per relation family ----------------------------------------------------

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
        for tag in frame.flexible:
            extra = self._resolve([tag], t, slots, compound=symmetric, frame=frame)
            extra = [m for m in extra if m not in subjects and m not in objects]
            if not extra:
                continue
            head_verbs = slots.get("_head_verb", [])
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
        if frame.id == "partnership.noun" and len(subjects) + len(objects) < 2 and _definite(t):
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
            objects = [m for m in objects if not _is_the_venture(m, t)]
        # "X and Y partnered", "a partnership between X and Y": a list of partners; not "A, B and
        # C are among the launch partners" or "licensing designs to A, B and C" (each with
        # someone else).
        pairwise = frame.id in {"partner.verb", "partnership.noun"} or (
            frame.id == "partner.noun" and t.dep_ == "attr"  # "Nvidia and Nokia are partners"
        )
        if frame.id == "partnership.noun" and subjects and len(objects) >= 2 and t.dep_ == "appos":
            # "unveiled Stargate UK, a partnership with Nscale and Nvidia": one venture, all of
            # them in it; not "in partnership with A, B and C" (each with the subject)
            return _all_pairs(subjects + objects, frame.relation)
        if symmetric and pairwise and not objects and len(subjects) >= 2:
            return _all_pairs(subjects, frame.relation)
        if frame.id == "partnership.noun" and not subjects and t.head.lower_ in {"in", "under"}:
            # "built a cluster [in partnership with A and B]": the clause's subject is the partner
            subjects = [m for m in self._nearest_subject(t) if m not in objects]
        if symmetric and pairwise and not subjects and len(objects) >= 2:
            if frame.id == "partner.verb" and slots.get("nsubj"):
                return []  # "Uber is partnering with A and B": A and B are not partners of each other
            return _all_pairs(objects, frame.relation)
        if (
            frame.object
            and frame.object[0] == "prep:between"
            and len(objects) >= 2
            and not subjects
        ):
            return _all_pairs(objects, frame.relation)
        if frame.id == "raise.verb" and objects:
            self._remember_round(t, objects)
        as_role = t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.pos_ == "VERB"
        if frame.id == "partner.noun" and subjects and as_role:
            objects = []  # "Bell chose Groq as the inference partner for its network": Bell
        if (
            as_role
            and frame.id == "investor.noun"
            and t.head.head.lemma_.lower() in self.words["round_verbs"]
        ):
            return []  # "A led the round, with B and C as co-leads": the verb's frame has them
        if frame.id in {"investor.noun", "partner.noun"} and subjects and not objects:
            if as_role:
                # "Anthropic counts Google as a backer": the counting subject is the other party.
                objects = [m for s in self._subjects(t.head.head) for m in self._mentions_of(s)]
            elif t.lemma_.lower() in self.words["round_roles"]:
                # "Other participants included A and B.": the round, maybe a paragraph up
                objects = self._last_round(t, sentences=4, same_paragraph=False)
        relation = frame.relation
        if relation == "ACQUIRES":
            objects = [o for o in objects if not self._names_a_resource(o)]
        shared = relation == "INVESTS_IN" and len(subjects) > 1
        if frame.reject_object and self._rejected(frame, slots):
            return []
        return [(s, o, relation, {"shared": shared}) for s in subjects for o in objects]

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
        words = _through_amounts(
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
            self._kind_of_noun(w) is not None
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
            queue.extend(
                c for c in token.children if c.dep_ == "conj" and not _excluded_conjunct(c)
            )
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
        if frame.id == "supply.verb" and any(
            _is_org(self.index.get(o.i)) for o in slots.get("prep:from", ())
        ):
            return []  # "rented servers from CoreWeave": the renter's side, which use.verb reads
        resource_tags = frame.resource
        if frame.customer_or_resource and slots.get("prep:with"):
            resource_tags = tuple(t for t in resource_tags if t not in frame.customer_or_resource)
        resource_tokens = [tok for tag in resource_tags for tok in slots.get(tag, ())]
        ownerless: list[str] = []
        resources = self._resources(
            resource_tokens, ownerless, buying=lemma in self.words["buy_verbs"]
        )
        if frame.id == "work-with.verb":
            # "works with OpenAI on Stargate": a company worked on is a project, not a resource;
            # "with Broadcom on a chip of its own": the kind stays, made by the one worked with
            ownerless += [k for r, k in resources if not r.entity.is_product]
            resources = [(r, k) for r, k in resources if r.entity.is_product]
        customers = self._resolve(frame.customer, t, slots)
        own = {self.gaz.party(c.entity)[0].id for c in customers}
        if len(own) == 1 and any(slots.get(tag) for tag in frame.provider):
            # "xAI leases its data center from Oracle": its own only in use, Oracle's to sell
            for r, k in [(r, k) for r, k in resources if self.gaz.party(r.entity)[0].id in own]:
                resources.remove((r, k))
                ownerless.append(k)
        if frame.id == "power.verb" and not customers:
            # "xAI's Colossus supercomputer is powered by Nvidia GPUs": the machine's owner
            customers = self._owners_of_things(slots, "dobj")
        if frame.id == "supply.verb" and not customers:
            # "supplies virtually all of the GPUs in CoreWeave's fleet": where they go
            customers = self._owners_of_things(slots, "prep:in")
        if frame.id == "run-on.verb":
            owners = self._owners_of_things(slots, "dobj") + [
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
                    customers = [
                        r
                        for r, _ in resources
                        if r.entity.type == "ORG"
                        and self._kind_of_entity(r.entity) is None
                        and self.gaz.party(r.entity)[0].id not in makers
                    ]
                # "Nvidia supplies OpenAI with GPUs": the GPUs' maker is the subject.
                kinds = {k for _, k in resources}
                resources = [
                    (r if self._kind_of_entity(r.entity) else p, k)
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
                if supplier.entity.id not in makers:
                    pairs += [(supplier, p, kind, None) for p in providers]
                    pairs += [
                        (p, c, "cloud", None)
                        for p in providers
                        if self._kind_of_entity(p.entity) == "cloud"
                        for c in customers
                    ]
        return pairs

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
        """What a deal buys, said by the object of its purpose: "to secure GPU capacity"."""
        for verb in purposes:
            if verb.lemma_.lower() not in self.words["acquiring_verbs"]:
                continue
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                kind = self._kind_of_noun(obj)
                if kind in {"chips", "cloud"}:
                    return kind
        return None

    def _distribution_pairs(self, t: Token, sent: Span) -> list[tuple]:
        """A model maker's models offered through a platform, in the clause of the trigger.

        The trigger is a word of offering ("available", "offer", "sell") or a preposition
        ("through", "via", "on") whose object is a model platform (Amazon Bedrock, Vertex AI).
        With a word of offering, a cloud counts as the platform too ("Mistral Large is offered on
        Azure"), but then a model must be named, so that "OpenAI runs on Azure" stays a cloud.
        """
        preposition = t.pos_ == "ADP"
        top = t  # the clause of the trigger: its nearest verb, not the whole sentence
        while top.pos_ not in {"VERB", "AUX"} and top.head.i != top.i:
            top = top.head
        clause = {tok.i for tok in top.subtree}
        in_clause = [
            m for m in self.mentions if m.start in clause and sent.start <= m.start < sent.end
        ]
        if preposition:
            named = [self.index[g.i] for g in t.children if g.dep_ == "pobj" and g.i in self.index]
            platforms = [  # "through Amazon Web Services, Hugging Face and other providers"
                m
                for m in named + [x for m in named for x in self._list_after(m)]
                if "platform" in m.entity.roles
            ]
        else:
            platforms = [m for m in in_clause if "platform" in m.entity.roles]
        models_named = any(m.entity.type == "MODEL" for m in in_clause) or any(
            self.doc[i].lemma_.lower() == "model" for i in clause
        )
        offering = t.lemma_.lower() in self.words["offering"]
        if not preposition and models_named and offering:
            platforms += [m for m in in_clause if m.entity.type == "CLOUD"] + [
                owner
                for i in clause
                if self._kind_of_noun(self.doc[i]) == "cloud"
                or self._offered_to_customers(self.doc[i])  # "available to Microsoft's customers"
                for owner in self._noun_owners(self.doc[i])
                if owner.entity.type == "ORG"
            ]
        pairs = []
        customer_nouns = self.words["customer_nouns"]
        for platform in platforms:
            owner, _ = self.gaz.party(platform.entity)
            for m in in_clause:
                party, _ = self.gaz.party(m.entity)
                is_maker = m.entity.type == "MODEL" or (
                    m.entity.type == "ORG"
                    and (not party.known or "lab" in party.roles)
                    and self._owns_models(m)
                )
                if not is_maker or party.id in {owner.id, owner.owner} or party.owner == owner.id:
                    continue  # one group: X offering its parent xAI's Grok distributes nothing
                word = self.doc[m.start]
                if word.dep_ == "compound" and word.head.lemma_.lower() in customer_nouns:
                    continue
                pairs.append((platform, m, "DISTRIBUTES", None))
        return pairs

    def _offered_to_customers(self, token: Token) -> bool:
        """ "[offered] to Microsoft's cloud customers": whose customers get a model offers it."""
        return (
            token.lemma_.lower() in self.words["customer_nouns"]
            and token.dep_ == "pobj"
            and token.head.lower_ in {"to", "for"}
        )

    def _models(self, tokens: Iterable[Token]) -> list[Mention]:
        """Whose models words name: "Claude" (Anthropic), "Anthropic's models", "models from Meta"."""
        found: list[Mention] = []
        queue = list(tokens)
        while queue:
            token = queue.pop(0)
            queue.extend(c for c in token.children if c.dep_ in {"conj", "appos"})
            mention = self.index.get(token.i)
            if mention is not None and mention.entity.type == "MODEL":
                found.append(mention)
                continue
            if token.lemma_.lower() not in self.words["model_nouns"]:
                continue
            for child in token.children:
                if child.dep_ in {"poss", "compound", "nmod"} and child.i in self.index:
                    found.extend(self._mentions_of(child))
                elif child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                    for g in child.children:
                        if g.dep_ == "pobj":
                            found.extend(self._mentions_of(g))
        return found

    def _offer_pairs(self, frame: Frame, t: Token, slots: dict) -> list[tuple]:
        """(distributor, model maker) where an organisation offers, serves or hosts another's
        models: "GitHub has offered Claude inside Copilot", "Databricks is serving the models"."""
        makers = self._models(tok for tag in frame.object for tok in slots.get(tag, ()))
        if not makers:
            return []
        distributors = [
            m
            for m in self._resolve(frame.subject, t, slots)
            if m.entity.type in {"ORG", "CLOUD", "SERVICE"}
        ]
        pairs = []
        for d in distributors:
            party, _ = self.gaz.party(d.entity)
            for maker in makers:
                if self.gaz.party(maker.entity)[0].id != party.id:
                    pairs.append((d, maker, "DISTRIBUTES", {"frame": "offer-model.verb"}))
        return pairs

    def _owns_models(self, mention: Mention) -> bool:
        """Whether a maker is named with its models: "Cohere's models", "its Jamba models"."""
        word = self.doc[mention.start : mention.end].root
        while word.dep_ == "conj" and word.head.i != word.i:
            word = word.head  # "models from Anthropic and [Meta]"
        if (
            word.dep_ in {"poss", "compound", "nmod"}
            and word.head.lemma_.lower() in self.words["model_nouns"]
        ):
            return True
        # "models from Anthropic", "models from Meta and [from] Cohere"
        preposition = word.head
        while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
            preposition = preposition.head
        return (
            word.dep_ == "pobj"
            and preposition.lower_ in {"from", "by"}
            and preposition.head.lemma_.lower() in self.words["model_nouns"]
        )

    # -- one claim -------------------------------------------------------------------------------

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
            claim.amount_usd = None if (extra or {}).get("shared") else self._amount(t)
            claim.date = self._date(t)
        return claim

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb a noun is the object of, directly or through a preposition."""
        head = noun.head
        if noun.dep_ in {"dobj", "attr", "nsubjpass", "oprd", "npadvmod"} and head.pos_ in {
            "VERB",
            "AUX",
        }:
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            holder = head.head
            if holder.pos_ in {"VERB", "AUX"}:
                return holder
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

    # -- amounts and dates ------------------------------------------------------------------------

    def _money_tokens(self) -> dict[int, float]:
        """Token index of each amount's last word -> its value in US dollars."""
        amounts: dict[int, float] = {}
        doc = self.doc
        text = self.sents.text
        for sent in self.sents.spans:
            for money in find_money(text[sent.start_char : sent.end_char]):
                span = doc.char_span(
                    sent.start_char + money.start,
                    sent.start_char + money.end,
                    alignment_mode="expand",
                )
                if span is None:
                    continue
                amounts[span.root.i] = money.usd
                for token in span:
                    amounts.setdefault(token.i, money.usd)
        return amounts

    def _attached(self, token: Token, targets: set[int], hops: int = 4) -> bool:
        """Whether ``token`` hangs from one of ``targets`` within ``hops``, not under a valuation."""
        current = token
        for _ in range(hops):
            if current.i in targets:
                return True
            if (
                current.lemma_.lower() in self.lex.not_amounts
                or current.lower_ in self.lex.not_amounts
            ):
                return False
            if current.dep_ == "pobj" and current.head.lower_ == "at":
                valued = current.head.head
                if not (
                    valued.lemma_.lower() == "value"
                    and valued.head.lemma_.lower() in self.words["deal_nouns"]
                    and not any(c.dep_ == "dobj" for c in valued.children)  # "valued xAI at"
                ):
                    return False  # "at $14 billion", "at $23 a share": a valuation or a price
                current = valued.head  # "in a deal valued at $700 million": the deal's worth
                continue
            if (
                current.head.i == current.i
                or current.dep_ in BARRIERS - {"acl"}
                # a finite verb in a list is a clause of its own: "... and later agreed to buy $X"
                or (current.dep_ == "conj" and current.tag_ in {"VBD", "VBZ", "VBP"})
                # so is an adverbial clause with its own subject: "..., while Amazon committed $X"
                or (current.dep_ == "advcl" and any(c.dep_ in _SUBJ for c in current.children))
            ):
                return current.i in targets
            current = current.head
        return current.i in targets

    def _amount(self, t: Token) -> float | None:
        amounts = self._money_by_sentence.get(self.sents.number[t.i], ())
        if not amounts:
            return None  # most claims: no money in their sentence, nothing to attach
        targets = {t.i}
        if t.pos_ == "NOUN" and t.dep_ == "dobj" and t.head.pos_ == "VERB":
            targets.add(t.head.i)  # "expanded its contract with OpenAI by $6.5 billion"
        if t.dep_ == "xcomp" and t.head.lower_ in self.words["worth_words"]:
            targets.add(t.head.i)  # "an agreement worth $11.9 billion to buy capacity"
        if t.lemma_.lower() in self.words["deal_nouns"]:
            # "a cloud agreement worth $20 billion": a deal's worth is its amount, a company's
            # worth its valuation
            targets.update(c.i for c in t.children if c.lower_ in self.words["worth_words"])
        if t.pos_ == "VERB":
            # "agreed to supply Microsoft with capacity [in a deal worth $17.4 billion]"
            targets.update(
                w.i
                for d in t.subtree
                if d.dep_ == "pobj"
                and d.head.lower_ in {"in", "under"}
                and d.lemma_.lower() in self.words["deal_nouns"]
                for w in d.children
                if w.lower_ in self.words["worth_words"]
            )
        values = []
        for i in amounts:
            token = self.doc[i]
            if token.head.i in self.money and token.head.i != token.i:
                continue  # only the amount's root word counts
            if self.doc[token.i + 1 : token.i + 3].text.lower() in self.words["unit_prices"]:
                continue  # "$40 per share": a price, not the deal's amount
            if self._attached(token, targets):
                values.append(self.money[i])
        return max(values) if values else None

    def _date(self, t: Token) -> str | None:
        targets = {tok.i for tok in scope(t, self.words["report_nouns"])}
        for ent in self.dates.get(self.sents.number[t.i], ()):
            if self._attached(ent.root, targets, hops=3):
                value = normalise_date(ent.text, self.doc._.published)
                if value:
                    return value
        return None


@cache
def _fallback_frame(relation: str) -> Frame:
    return Frame(
        id=f"fallback.{relation.lower()}",
        relation=relation,
        pos=frozenset(),
        lemmas=frozenset(),
        symmetric=relation == "PARTNERS_WITH",
    )


def _inside_other_clause(token: Token, top: Token) -> bool:
    """Whether ``token`` sits in a clause of its own below ``top`` ("which ...", "after ...")."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in {
            "relcl",
            "advcl",
            "ccomp",
            "acl",
            "parataxis",
            "conj",
        } and current.pos_ in {"VERB", "AUX"}:
            return True
        current = current.head
    return False


def _excluded_conjunct(conj: Token) -> bool:
    """Whether a conjunct is set against its head: "Trainium instead of Nvidia chips"."""
    head = conj.head
    between = conj.doc[head.i + 1 : conj.i]
    return any(
        t.lower_ in {"instead", "rather", "not", "than", "versus", "vs", "vs."} for t in between
    )


def _through_amounts(tokens: Iterable[Token], money: dict) -> list[Token]:
    """The words, and for an amount what it is of: "$5bn [of Intel common stock]"."""
    out = []
    for token in tokens:
        out.append(token)
        if token.i in money or token.like_num or token.lower_ == "worth":
            out.extend(
                g
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            )
    return out


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children)


def _is_the_venture(mention: Mention, t: Token) -> bool:
    """Whether ``mention`` names the partnership ``t`` itself: "the AI Alliance, a
    collaboration", "a joint venture, Stargate Norway", "the Stargate venture"."""
    inside = range(mention.start, mention.end)
    return (t.dep_ == "appos" and t.head.i in inside) or any(
        c.dep_ in {"appos", "compound"} and c.i in inside for c in t.children
    )


def _all_pairs(mentions: list[Mention], relation: str) -> list[tuple]:
    """Each two of ``mentions``, in the order named: the partners of one partnership."""
    return [(a, b, relation, None) for a, b in combinations(mentions, 2)]


def _is_org(mention: Mention | None) -> bool:
    return mention is not None and mention.entity.type == "ORG"
