"""Reading along the text where the parse failed: a verb whose parse names no parties gets its
subject from the name before it and its objects from the phrases after it.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Span, Token

from ..lexicon import Frame
from .claims import Claim
from .common import (
    DESCRIPTION_POS,
    SUBJ,
)


class ReadAlongRules:
    """Slots read along the text, for verbs the small parser broke."""

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
        if not any(c.dep_ in SUBJ for c in t.children):  # "its plan to acquire X"
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

    def _described_before(self, subject: Token, sent: Span) -> Token | None:
        """The name an apposition right before ``subject`` describes, when the subject and its
        verb are a relative clause without "that": "Nuvia, a startup [that] Qualcomm bought"."""
        doc = subject.doc
        if self.index[subject.i].source == "pronoun":
            return None  # "its Fusion Applications, the suite it sells": a product, not a party
        i = self.index[subject.i].start - 1
        if i <= sent.start or doc[i].pos_ != "NOUN" or i in self.index:
            return None
        while i > sent.start and doc[i].pos_ in DESCRIPTION_POS and doc[i].text != ",":
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
