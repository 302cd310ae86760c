"""Mentions: a span of the doc that names, describes or refers back to an entity, and how sure
the linker is of each kind."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..gazetteer import Entity

NER_ORG_CONFIDENCE = 0.8
GUESSED_ORG_CONFIDENCE = 0.7
DESCRIPTION_CONFIDENCE = 0.85
PRONOUN_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the doc that names, describes or refers back to an entity."""

    start: int  # token index
    end: int  # token index, exclusive
    entity: Entity
    source: str  # gazetteer | ner | guess | description | pronoun
    confidence: float

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
