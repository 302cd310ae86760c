"""The spaCy component ``alliance_relations``: finds the claims of each sentence (``doc._.claims``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import Gazetteer, load_gazetteer
from ..lexicon import Lexicon, load_lexicon
from .claims import Claim, dedupe
from .context import DocContext

__all__ = ["RelationExtractor", "make_relations"]


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
        ctx = DocContext(doc, mentions, self)
        claims: list[Claim] = []
        for sent in ctx.sents.spans:
            claims.extend(ctx.sentence_claims(sent))
        claims = ctx.without_superseded(ctx.without_denied(ctx.with_aftermath(claims)))
        claims.extend(ctx.ownership_claims(claims))
        doc._.claims = dedupe(claims)
        return doc
