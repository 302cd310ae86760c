"""Per-document sentence look-ups, computed once per doc.

``Token.sent`` walks the parse on every call, and ``Doc.text`` joins the tokens anew on every
access; the linker and the relation extractor ask for both many times per article, so they read
these tables instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

__all__ = ["Sentences", "sentences"]

_KEY = "alliances.sentences"


@dataclass(frozen=True)
class Sentences:
    spans: list[Span]  # sentence n
    number: list[int]  # token i -> sentence n
    text: str  # the doc's text

    def of(self, i: int) -> Span:
        """The sentence of token ``i``."""
        return self.spans[self.number[i]]

    def start(self, i: int) -> int:
        return self.spans[self.number[i]].start

    def distance(self, i: int, j: int) -> int:
        """How many sentences token ``j`` comes after token ``i``."""
        return self.number[j] - self.number[i]


def sentences(doc: Doc) -> Sentences:
    """The sentence tables of ``doc``, built on first use."""
    cached = doc.user_data.get(_KEY)
    if cached is None or len(cached.number) != len(doc):
        spans = list(doc.sents)
        number = [0] * len(doc)
        for n, span in enumerate(spans):
            for i in range(span.start, span.end):
                number[i] = n
        cached = Sentences(spans, number, doc.text)
        doc.user_data[_KEY] = cached
    return cached
