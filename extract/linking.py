"""Entity linking: every mention of an organisation or product mapped to one canonical entity.

The component ``alliance_linker`` runs after ``ner`` and sets ``doc._.mentions``, a list of
`Mention` in text order, from four sources:

- gazetteer matches of the EntityRuler (``ent_id_`` is the entity id), confidence 1.0;
- organisations the statistical NER finds: linked to the gazetteer by a loose name match, else kept
  as new organisations under their cleaned name (new startups show up), confidence 0.8;
- descriptions: "the ChatGPT maker", "the Seattle-based company" (gazetteer descriptors and
  headquarters), "the startup", "the chipmaker" (role nouns of the lexicon), confidence 0.85;
- pronouns "it" / "its", resolved to the subject of the clause or the latest subject, 0.75.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, ORTH, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from .gazetteer import Entity, Gazetteer, clean_org_name, load_gazetteer, slugify
from .lexicon import Lexicon, load_lexicon
from .sentences import sentences

__all__ = ["EntityLinker", "Mention"]

NER_ORG_CONFIDENCE = 0.8
GUESSED_ORG_CONFIDENCE = 0.7
DESCRIPTION_CONFIDENCE = 0.85
PRONOUN_CONFIDENCE = 0.75
_ANTECEDENT_TYPES = {"ORG", "CLOUD"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_RELATIVE = {"which", "that", "who"}
_PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
_OTHER_NER_LABELS = {"PERSON", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC", "EVENT"}


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


@Language.factory(
    "alliance_linker",
    default_config={"gazetteer_path": None, "lexicon_path": None},
)
def make_linker(
    nlp: Language, name: str, gazetteer_path: str | None, lexicon_path: str | None
) -> EntityLinker:
    return EntityLinker(nlp, load_gazetteer(gazetteer_path), load_lexicon(lexicon_path))


class EntityLinker:
    """Link entity spans, descriptions and pronouns to canonical entities (``doc._.mentions``)."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.descriptors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, entity_id in gazetteer.by_descriptor.items():
            self.descriptors.add(entity_id, [nlp.make_doc(phrase)])
        self.role_nouns = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in lexicon.coreference:
            self.role_nouns.add("ROLE", [nlp.make_doc(phrase)])
        self._new_orgs: dict[str, Entity] = {}
        self.places = lexicon.places | {e.hq for e in gazetteer if e.hq}
        self.places_lower = {p.lower() for p in self.places}
        self.dictionary = _dictionary(nlp)

    def is_word(self, text: str) -> bool:
        """Whether ``text`` is an English word of the model's lemmatizer ("revenue", not
        "Supabase"): a capitalised first word that is no word is likely a name."""
        return text.lower() in self.dictionary

    def __call__(self, doc: Doc) -> Doc:
        named = self._named(doc)
        doc._.mentions = _resolve_references(doc, named, self)
        return doc

    # -- named mentions -------------------------------------------------------------------------

    def _named(self, doc: Doc) -> list[Mention]:
        # names the text itself calls a product or a place of work: "AI Defense, a product
        # that tests models", "Colossus, its supercomputer in Memphis"
        things = self.lexicon.words["thing_appositions"]
        doc.user_data["alliance_things"] = {
            clean_org_name(ent.text)
            for ent in doc.ents
            if any(c.dep_ == "appos" and c.lemma_.lower() in things for c in ent.root.children)
        }
        mentions = []
        taken: set[int] = set()
        for ent in doc.ents:
            mention = self._link_ent(ent)
            if mention is not None:
                mentions.append(mention)
                taken.update(range(ent.start, ent.end))
        for span in _cued_names(doc, taken, self.lexicon):
            mention = self._new_org(span, GUESSED_ORG_CONFIDENCE)
            if mention is not None:
                mentions.append(mention)
                taken.update(range(span.start, span.end))
        # A name is one thing throughout an article: "Informatica" the NER once calls a place
        # is the company it calls Informatica everywhere else.
        orgs = {m.entity.name: m for m in mentions if m.entity.type == "ORG" and not m.entity.known}
        for ent in doc.ents:
            if ent.start in taken or ent.label_ not in _PLACE_LABELS:
                continue  # not a person's name: "Lepton is one of two startups" stays unread
            same = orgs.get(clean_org_name(ent.text))
            if same is not None:
                mentions.append(Mention(ent.start, ent.end, same.entity, "ner", same.confidence))
                taken.update(range(ent.start, ent.end))
        mentions = self._arms(doc, mentions)
        mentions = self._short_names(doc, mentions, taken)
        mentions = self._units(doc, mentions)
        return sorted(mentions, key=lambda m: m.start)

    def _arms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A known name followed by an arm's ending names the arm: "Aramco Digital", "Deutsche
        Telekom Capital Partners" (the gazetteer matches the longest name it knows, so these are
        names it does not know); ``_units`` then rolls the arm up to its parent."""
        endings = self.lexicon.words["unit_suffixes"]
        out: list[Mention] = []
        skip_until = -1
        for mention in mentions:
            if mention.start < skip_until:
                continue
            end = mention.end
            while end < len(doc) and doc[end].text in endings:
                end += 1
            if end == mention.end or mention.source != "gazetteer" or mention.entity.type != "ORG":
                out.append(mention)
                continue
            arm = self._new_org(doc[mention.start : end], NER_ORG_CONFIDENCE)
            out.append(arm if arm is not None else mention)
            skip_until = end
        return out

    def _units(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Venture arms the gazetteer does not know roll up to a parent it knows.

        "Bosch Ventures" or "ServiceNow Ventures" by their name, "Prosperity7, a venture fund of
        Aramco" by their apposition: claims go to the parent, the unit stays in `via`.
        """
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        out = []
        for mention in mentions:
            entity = mention.entity
            parent = None
            if not entity.known and entity.type == "ORG":
                words = entity.name.split()
                suffixes = self.lexicon.words["unit_suffixes"]
                if len(words) >= 2 and words[-1] in suffixes:
                    while len(words) > 1 and words[-1] in suffixes:
                        words = words[:-1]  # "Deutsche Telekom [Capital Partners]"
                    parent = self.gazetteer.lookup(" ".join(words))
                root = doc[mention.start : mention.end].root
                for appos in (c for c in root.children if c.dep_ == "appos"):
                    if appos.lemma_.lower() not in self.lexicon.words["unit_appositions"]:
                        continue
                    for prep in (
                        c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"
                    ):
                        for obj in prep.subtree:
                            owner = by_token.get(obj.i)
                            if (
                                owner is not None
                                and owner.entity.type == "ORG"
                                and owner.entity.known
                            ):
                                parent = parent or owner.entity
            if parent is not None and parent.type == "ORG":
                unit = Entity(
                    id=entity.id,
                    name=entity.name,
                    type="ORG",
                    owner=parent.id,
                    rollup=True,
                    known=False,
                )
                mention = Mention(
                    mention.start, mention.end, unit, mention.source, mention.confidence
                )
            out.append(mention)
        return out

    def _short_names(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> list[Mention]:
        """Link "Scale" to Scale AI and "Figure" to Figure AI in an article that names them in full.

        News text names a company in full once and then drops the generic ending ("AI", "Labs",
        "Technologies"); the short form counts only for organisations the article names in full.
        """
        short: dict[str, Entity] = {}
        for mention in mentions:
            entity = mention.entity
            words = entity.name.split()
            if entity.type != "ORG" or len(words) < 2 or not entity.known:
                continue
            while len(words) > 1 and words[-1] in self.lexicon.org_suffixes:
                words.pop()
            if len(words) < len(entity.name.split()):
                short.setdefault(" ".join(words), entity)
        if not short:
            return mentions
        kept = []
        for mention in mentions:
            entity = short.get(mention.entity.name) if not mention.entity.known else None
            kept.append(
                Mention(mention.start, mention.end, entity, "short", 0.9) if entity else mention
            )
        by_first: dict[str, list[tuple[str, Entity]]] = {}
        for form, entity in short.items():
            by_first.setdefault(form.split()[0], []).append((form, entity))
        for token in doc:
            i = token.i
            for form, entity in by_first.get(token.text, ()):
                size = len(form.split())
                if i + size > len(doc) or any(j in taken for j in range(i, i + size)):
                    continue
                if size == 1 or doc[i : i + size].text == form:
                    kept.append(Mention(i, i + size, entity, "short", 0.9))
                    taken.update(range(i, i + size))
        return kept

    def _link_ent(self, ent: Span) -> Mention | None:
        if ent.ent_id_ and ent.ent_id_ in self.gazetteer:
            entity = self.gazetteer[ent.ent_id_]
            return Mention(ent.start, ent.end, entity, "gazetteer", 1.0)
        if ent.label_ == "ORG":
            return self._new_org(ent, NER_ORG_CONFIDENCE)
        if ent.label_ in _OTHER_NER_LABELS:
            known = self.gazetteer.lookup(clean_org_name(ent.text))
            if known is not None and known.type == "ORG":
                return Mention(ent.start, ent.end, known, "ner", NER_ORG_CONFIDENCE)
            if _looks_like_org(ent, self.lexicon, by_context=ent.label_ not in _PLACE_LABELS):
                return self._new_org(ent, GUESSED_ORG_CONFIDENCE)
        return None

    def guess(self, span: Span) -> Mention | None:
        """An organisation for a name a relation frame found in a company's place."""
        return self._new_org(span, GUESSED_ORG_CONFIDENCE)

    def _new_org(self, span: Span, confidence: float) -> Mention | None:
        start, end = span.start, span.end
        while end > start and (
            span.doc[end - 1].tag_ == "POS"
            or span.doc[end - 1].is_punct
            or span.doc[end - 1].pos_ == "CCONJ"  # "Aker and": the NER's span runs on
        ):
            end -= 1
        while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        if start >= end:
            return None
        text = span.doc[start:end].text
        name = clean_org_name(text)
        if not _plausible_name(name, self.lexicon) or name.lower() in self.places_lower:
            return None
        if name.isupper() and (
            len(name.split()) > 1 or _shouting(span.doc, start) or _dateline(span.doc, start)
        ):
            return None  # "ABU DHABI -", "360 MILLION FREE SUBSCRIPTIONS": datelines, headings
        known = self.gazetteer.lookup(name)
        if known is not None:
            return Mention(start, end, known, "ner", confidence) if known.is_party else None
        if _titled(span.doc[start:end], self.lexicon):
            return None  # "chief executive Masayoshi Son": a person
        if name in span.doc.user_data.get("alliance_things", ()):
            return None
        entity = self._new_orgs.get(name)
        if entity is None:
            entity = Entity(id=slugify(name), name=name, type="ORG", known=False)
            self._new_orgs[name] = entity
        return Mention(start, end, entity, "ner", confidence)


def _dictionary(nlp: Language) -> frozenset[str]:
    """The words of the model's rule lemmatizer, if it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))


def _titled(span: Span, lexicon: Lexicon) -> bool:
    """Whether a name comes with a person's title: "chief executive X", "X, the founder"."""
    root = span.root
    near = [
        c
        for c in root.children
        if c.dep_ in {"compound", "appos", "amod"} and c.i not in range(span.start, span.end)
    ]
    if root.dep_ in {"appos", "compound"}:
        near.append(root.head)
    doc = span.doc
    before = [doc[i] for i in range(max(0, span.start - 2), span.start)]
    return any(t.lemma_.lower() in lexicon.person_titles for t in near + before)


def _dateline(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a line as a dateline ("OSLO - Nscale ...", "TOKYO —") or as the
    speaker of a transcript ("HOST 2: ...")."""
    starts_line = i == 0 or "\n" in doc[i - 1].text
    if starts_line and i + 2 < len(doc) and doc[i + 1].like_num and doc[i + 2].text == ":":
        return True  # a speaker of a transcript: "HOST 2: ..."
    return starts_line and i + 1 < len(doc) and doc[i + 1].text in {"-", "—", "–", ":"}


def _shouting(doc: Doc, i: int) -> bool:
    """Whether token ``i`` sits on a line written in capitals (a heading or a dateline)."""
    text = sentences(doc).text
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def _plausible_name(name: str, lexicon: Lexicon) -> bool:
    if not name or name in lexicon.not_orgs or len(name) < 2 or len(name) > 60:
        return False
    if "," in name or ";" in name:
        return False
    if not any(ch.isupper() for ch in name) or "\n" in name:
        return False
    words = name.split()
    if len(words) > 6 or words[0].lower() in {"series", "the", "its", "their", "this", "our"}:
        return False
    return not re.fullmatch(r"[\d\W]+", name)


def _looks_like_org(ent: Span, lexicon: Lexicon, by_context: bool = True) -> bool:
    """Whether a non-ORG entity of the NER is an organisation by its name or its apposition.

    Places ("the San Francisco lab") count only by the name's own ending, never by the noun
    they modify.
    """
    if ent[-1].text in lexicon.org_suffixes and len(ent) > 1:
        return True
    word = ent.text
    if len(ent) == 1 and any(
        word.endswith(suffix) and word[: -len(suffix)].isalpha() and word[0].isupper()
        for suffix in lexicon.words["glued_org_suffixes"]
    ):
        return True  # "DarwinAI", "PhariaAI": a company's name, whatever the NER calls it
    if _described_right_after(ent, lexicon):
        return True  # "Nuvia, a startup Qualcomm bought": even a name the NER calls a place
    if not by_context:
        return False
    root = ent.root
    neighbours = [child for child in root.children if child.dep_ in {"compound", "appos", "amod"}]
    if root.dep_ in {"appos", "compound"}:
        neighbours.append(root.head)
    return any(
        t.lemma_.lower() in lexicon.org_cue_nouns
        for t in neighbours
        if t.i not in range(ent.start, ent.end)
    )


def _described_right_after(ent: Span, lexicon: Lexicon) -> bool:
    """Whether the text goes on ", a/the [words] <organisation noun>" right after the name,
    read along the words rather than the parse, which often misplaces the apposition."""
    doc = ent.doc
    i = ent.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
        return False
    for token in doc[i + 2 : i + 6]:
        if token.lemma_.lower() in lexicon.org_cue_nouns or token.lower_ in lexicon.org_cue_nouns:
            return True
        if token.pos_ not in {"ADJ", "NOUN", "PROPN", "ADV"} and token.text != "-":
            return False
    return False


def _numbered_name(token: Token, taken: set[int], lexicon: Lexicon) -> bool:
    """A name made of a number and an organisation ending, which the NER reads as a date."""
    doc = token.doc
    i = token.i
    if i < 1 or token.text not in lexicon.org_suffixes or {i - 1, i} & taken:
        return False
    number = doc[i - 1]
    before = doc[i - 2] if i >= 2 else None
    return number.text.isdigit() and (
        before is None or (before.pos_ not in {"ADP", "SYM"} and before.ent_type_ != "MONEY")
    )


def _cued_names(doc: Doc, taken: set[int], lexicon: Lexicon) -> list[Span]:
    """Proper names the NER missed that an organisation noun introduces ("AI startup Poolside")."""
    spans = []
    suffixes = lexicon.org_suffixes
    proper = doc.to_array(POS) == PROPN
    for token in _tokens(doc, proper | _written_as(doc, ORTH, suffixes)):
        if token.text in suffixes and _numbered_name(token, taken, lexicon):
            spans.append(doc[token.i - 1 : token.i + 1])  # "1789 Capital", "500 Ventures"
            continue
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # part of a longer name, handled at its head
        cue = any(
            child.lemma_.lower() in lexicon.org_cue_nouns and child.dep_ in {"compound", "appos"}
            for child in token.children
        ) or (token.dep_ == "appos" and token.head.lemma_.lower() in lexicon.org_cue_nouns)
        if not cue:
            continue
        start = name_start(token)
        if any(i in taken for i in range(start, token.i + 1)):
            continue
        spans.append(doc[start : token.i + 1])
    return spans


# -- references ----------------------------------------------------------------------------------


def _resolve_references(doc: Doc, named: list[Mention], linker: EntityLinker) -> list[Mention]:
    """Add descriptions and pronouns, each resolved to an entity named earlier in the doc."""
    in_named = {i for m in named for i in range(m.start, m.end)}
    candidates: list[tuple[int, int, str, str | None]] = []  # start, end, kind, entity id
    for match_id, start, end in linker.descriptors(doc):
        # "the ChatGPT maker": the product keeps its own mention, the head word names the maker.
        while start < end and start in in_named:
            start += 1
        if start < end:
            candidates.append((start, end, "descriptor", doc.vocab.strings[match_id]))
    for mention in named:
        if mention.entity.is_product and mention.end < len(doc):
            head = doc[mention.end]
            if (
                head.lemma_.lower() in linker.lexicon.words["maker_nouns"]
                and doc[mention.start : mention.end].root.head.i == head.i
            ):
                owner, _ = linker.gazetteer.party(mention.entity)
                if owner.type == "ORG":
                    candidates.append((head.i, head.i + 1, "descriptor", owner.id))
    for _, start, end in linker.role_nouns(doc):
        candidates.append((start, end, "role", None))
    singular = linker.lexicon.pronouns["singular"]
    first_person = linker.lexicon.pronouns.get("first_person", frozenset())
    for token in _tokens(doc, _written_as(doc, LOWER, singular | first_person)):
        if token.pos_ != "PRON":
            continue
        if token.lower_ in singular:
            candidates.append((token.i, token.i + 1, "pronoun", None))
        elif not _quoted(token):
            candidates.append((token.i, token.i + 1, "author", None))
    # Longest description first at a position ("the AI startup" over "the startup").
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    mentions = list(named)
    named_ids = {m.entity.id for m in named} | {m.entity.owner for m in named if m.entity.owner}
    covered = set(in_named)
    author = _author(named)
    for start, end, kind, entity_id in candidates:
        if any(i in covered for i in range(start, end)):
            continue
        follows_name = (
            kind == "descriptor"
            and start > 0
            and start - 1 in in_named
            and _maker_named(named, start - 1, entity_id, linker.gazetteer)
        )  # "the Azure cloud unit" is Microsoft's; "a Postgres database company" is no Oracle
        if (
            kind not in {"pronoun", "author"}
            and not _definite(doc, start, end, in_named)
            and not follows_name
        ):
            continue
        mention = None
        if kind == "descriptor" and (follows_name or entity_id in named_ids):
            # "the database company" is Oracle only in an article that names Oracle
            mention = Mention(
                start, end, linker.gazetteer[entity_id], "description", DESCRIPTION_CONFIDENCE
            )
        elif kind == "role":
            roles = linker.lexicon.coreference[doc[start:end].text.lower()]
            hq = _based_in(doc, start, linker.places)
            antecedent = _antecedent(doc, mentions, start, roles, linker.gazetteer, hq)
            if antecedent is not None:
                mention = Mention(
                    start, end, antecedent.entity, "description", DESCRIPTION_CONFIDENCE
                )
        elif kind == "author":
            # "we", "our" in a company's own post or release: the company the text is about
            if author is not None:
                mention = Mention(start, end, author.entity, "pronoun", PRONOUN_CONFIDENCE)
        else:
            antecedent = _pronoun_antecedent(doc, mentions, doc[start], linker.lexicon)
            if antecedent is not None:
                mention = Mention(start, end, antecedent.entity, "pronoun", PRONOUN_CONFIDENCE)
        if mention is not None:
            mentions.append(mention)
            covered.update(range(start, end))
    return sorted(mentions, key=lambda m: m.start)


def _written_as(doc: Doc, attr: int, words: frozenset[str]) -> np.ndarray:
    """Which tokens' ``attr`` (ORTH, LOWER) is one of ``words``, read on the doc's arrays rather
    than by asking every token (a doc has tens of thousands; few are these)."""
    values = doc.to_array(attr)
    return np.isin(values, np.fromiter((doc.vocab.strings[w] for w in words), dtype=values.dtype))


def _tokens(doc: Doc, chosen: np.ndarray) -> list[Token]:
    return [doc[i] for i in np.flatnonzero(chosen).tolist()]


def _definite(doc: Doc, start: int, end: int, in_named: set[int]) -> bool:
    """A description refers back only as "the <noun>" that modifies no name of its own."""
    head = doc[start:end].root
    determined = any(
        child.dep_ == "det" and child.lower_ in {"the", "that", "this"} for child in head.children
    ) or (start > 0 and doc[start - 1].lower_ in {"the", "that", "this"})
    # "the Seattle-based company": the determiner sits before the location.
    if not determined and not _the_before_place(doc, start):
        return False
    if head.dep_ in {"compound", "appos"} and head.head.i in in_named:
        return False  # "AI startup Anthropic", "Anthropic, the startup": the name speaks
    if any(c.dep_ in {"compound", "appos"} and c.i in in_named for c in head.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def _based(doc: Doc, start: int) -> int | None:
    """Where "-based" stands among the modifiers before the noun at ``start``: "the
    Bristol-based AI chip start-up"; None if it does not."""
    based = start - 1
    while based > 0 and doc[based].lower_ != "based" and doc[based].dep_ in {"compound", "amod"}:
        based -= 1
    if based >= 1 and doc[based].lower_ == "based" and doc[based - 1].text == "-":
        return based
    return None


def _capitalised_before(doc: Doc, left: int) -> tuple[str, int]:
    """The capitalised words ending at ``left``, and the index before them."""
    words: list[str] = []
    while left >= 0 and doc[left].text[:1].isupper():
        words.insert(0, doc[left].text)
        left -= 1
    return " ".join(words), left


def _the_before_place(doc: Doc, start: int) -> bool:
    """ "The Livingston, New Jersey-based operator": "the", a place and "-based" before the noun,
    however the parser attached them."""
    based = _based(doc, start)
    if based is None:
        return False
    left = based - 2
    while left >= 0 and (doc[left].text[:1].isupper() or doc[left].text == ","):
        if doc[left].lower_ == "the":
            return True
        left -= 1
    return left >= 0 and doc[left].lower_ == "the"


def _based_in(doc: Doc, start: int, places: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The city of "the Seattle-based company", if the description names one."""
    based = _based(doc, start)
    if based is not None:
        place, left = _capitalised_before(doc, based - 2)
        if place not in places and left >= 1 and doc[left].text == ",":
            # "the Livingston, New Jersey-based operator": the city before the state
            place, left = _capitalised_before(doc, left - 1)
        return place if place in places else None  # "the Arm-based designer" names no city
    # "the Heidelberg startup": a place name right before the noun
    left = start - 1
    words = []
    while (
        left >= 0 and doc[left].pos_ == "PROPN" and doc[left].dep_ in {"compound", "nmod", "amod"}
    ):
        words.insert(0, doc[left].text)
        left -= 1
    place = " ".join(words)
    return place if place in places and left >= 0 and doc[left].lower_ == "the" else None


def _antecedent(
    doc: Doc,
    mentions: list[Mention],
    position: int,
    roles: frozenset[str],
    gazetteer: Gazetteer,
    hq: str | None,
) -> Mention | None:
    """The most salient organisation before ``position`` that fits the description.

    Salience adds up the entity's earlier mentions, a subject counting twice and an item of a
    list a third, each halved for every sentence back: news text refers back to its topic,
    not to the last name of a list.
    """
    head = doc[position]
    while head.dep_ in {"compound", "amod"} and head.head.i != head.i:
        head = head.head
    own = {t.i for t in head.subtree}
    # A city named ("the Bristol-based start-up") picks the company; the noun's roles need not
    wanted = {r for r in roles if not r.startswith("!")} if hq is None else set()
    unwanted = {r[1:] for r in roles if r.startswith("!")}
    subjects = _clause_subjects(doc, mentions, position)
    fits = []
    for mention in mentions:
        if mention.start >= position or mention.entity.type != "ORG":
            continue
        entity = mention.entity
        if hq is not None and (entity.hq or "").lower() != hq.lower():
            continue
        if (
            wanted
            and entity.known
            and not any(gazetteer.has_role(entity, r, derived=False) for r in wanted)
        ):
            continue
        if mention.start in own:
            continue  # "the Nvidia-backed cloud company" is not Nvidia
        if entity.known and any(r in entity.roles for r in unwanted):
            continue
        if wanted and not entity.known and not wanted & {"lab", "investor"}:
            continue
        if entity.id in subjects:
            continue  # "Amazon pledged ... in the company": not Amazon
        if entity.known and entity.roles == {"investor"} and "investor" not in roles and hq is None:
            continue  # "the company" is rarely a fund
        fits.append(mention)
    return _most_salient(doc, fits, position)


def _maker_named(named: list[Mention], i: int, entity_id: str | None, gazetteer: Gazetteer) -> bool:
    """Whether the name at ``i`` is the described entity or one of its products."""
    entity = next((m.entity for m in named if m.start <= i < m.end), None)
    if entity is None or entity_id is None:
        return False
    return entity_id in {entity.id, gazetteer.party(entity)[0].id}


def _quoted(token: Token) -> bool:
    """Whether a word stands inside quotation marks of its paragraph: a speaker's "we", not
    the author's."""
    text = sentences(token.doc).text
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    return (before.count('"') % 2 == 1) or before.count("\u201c") > before.count("\u201d")


def name_start(head: Token) -> int:
    """Where the proper name ending at ``head`` starts: back over its compound proper nouns."""
    start = head.i
    doc = head.doc
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return start


def _own_subjects(verb: Token) -> list[Token]:
    """A verb's subjects, a relative pronoun standing for the noun its clause describes."""
    return [
        verb.head if c.lower_ in _RELATIVE and verb.dep_ == "relcl" else c
        for c in verb.children
        if c.dep_ in _SUBJECT_DEPS
    ]


def _verb_object(word: Token) -> bool:
    """Whether a word is a verb's object, directly or through its preposition ("invested in X")."""
    if word.dep_ == "dobj":
        return True
    return word.dep_ == "pobj" and word.head.dep_ == "prep" and word.head.head.pos_ == "VERB"


def _author(named: list[Mention]) -> Mention | None:
    """The organisation a first-person text speaks for: the one it names most, if it stands out."""
    counts: dict[str, list[Mention]] = {}
    for mention in named:
        if mention.entity.type == "ORG" and mention.entity.roles != {"investor"}:
            counts.setdefault(mention.entity.id, []).append(mention)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 2 or (len(ranked) > 1 and len(ranked[1]) == len(ranked[0])):
        return None
    return ranked[0][0]


def _clause_subjects(doc: Doc, mentions: list[Mention], position: int) -> set[str]:
    """Entities that are subjects of the verb a description depends on, when it is no subject."""
    token = doc[position]
    head = token
    while head.dep_ in {"compound", "amod", "det"} and head.head.i != head.i:
        head = head.head
    if head.dep_ in _SUBJECT_DEPS:
        return set()
    verb = head
    for _ in range(6):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if verb.dep_ == "acl":
        subjects.append(verb.head)  # "The chipmaker [first invested] in the company": misparse
    return {by_token[c.i].entity.id for c in subjects if c.i in by_token}


def _most_salient(
    doc: Doc, fits: list[Mention], position: int, decay: float = 0.5
) -> Mention | None:
    if not fits:
        return None
    sents = sentences(doc)
    scores: dict[str, float] = {}
    latest: dict[str, Mention] = {}
    for mention in fits:
        root = doc[mention.start : mention.end].root
        weight = 1.0
        if root.dep_ in _SUBJECT_DEPS:
            weight = 2.0 if root.head.dep_ == "ROOT" else 1.5  # a main clause's subject leads
        if root.dep_ in {"conj", "appos"}:
            weight /= 3
        distance = sents.distance(mention.start, position)
        key = mention.entity.id
        scores[key] = scores.get(key, 0.0) + weight * decay**distance
        latest[key] = mention
    best = max(scores, key=lambda k: (scores[k], latest[k].start))
    return latest[best]


def _pronoun_antecedent(
    doc: Doc,
    mentions: list[Mention],
    pronoun: Token,
    lexicon: Lexicon,
) -> Mention | None:
    """Resolve "it" / "its": the clause's subject for a possessive, else the most salient.

    In a copular predicate ("Amazon and Google remain its shareholders") "its" cannot be the
    subject it predicates, so the subject is skipped there.
    """
    # "Nvidia and AMD, whose processors it buys": not the relative clause's own antecedent
    clause = next((a for a in pronoun.ancestors if a.dep_ == "relcl"), None)
    barred = set()
    if clause is not None:
        barred = {t.i for t in clause.head.subtree if t.i < clause.i} | {clause.head.i}
    # a cloud business is a company too: "AWS counts Anthropic among its customers"
    orgs = [
        m
        for m in mentions
        if m.start < pronoun.i and m.entity.type in _ANTECEDENT_TYPES and m.start not in barred
    ]
    if not orgs:
        return None
    by_token = {i: m for m in orgs for i in range(m.start, m.end)}
    everywhere = {
        i: m
        for m in mentions
        if m.entity.type in _ANTECEDENT_TYPES and m.source != "pronoun"
        for i in range(m.start, m.end)
    }
    excluded: set[str] = set()
    sents = sentences(doc)
    sentence = sents.of(pronoun.i)
    if pronoun.dep_ == "poss" and pronoun.head.dep_ == "conj":
        # "OpenAI's letter of intent with Nvidia and its partnership with Broadcom": the
        # possessor of the noun it is coordinated with
        first = pronoun.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "pobj" and first.head.head.pos_ == "NOUN":
            first = first.head.head  # the parse hung it on "with Nvidia" inside the noun phrase
        for owner in (c for c in first.children if c.dep_ == "poss" and c.i in by_token):
            return by_token[owner.i]
    if pronoun.dep_ == "poss":
        verb = pronoun.head
        # "X remains its backer": not X. "Y named X its partner": Y, not X.
        holder = verb
        while True:
            if holder.dep_ in {"nmod", "compound", "conj"} and holder.head.pos_ == "NOUN":
                holder = holder.head  # "its cloud provider and training partner"
            elif (
                holder.dep_ == "pobj"
                and holder.head.dep_ == "prep"
                and holder.head.head.i != holder.i
            ):
                holder = holder.head.head  # "X is one of its investors"
            else:
                break
        predicate = holder.dep_ in {"attr", "acomp"}
        if (
            verb.lemma_.lower() in lexicon.classes["funding"]
            and verb.head.lemma_.lower() in lexicon.words["round_verbs"]
        ):
            # "Nvidia led its $2 billion round": no one leads or joins its own round, nor
            # does a list the leader is named in ("A, B and C, which led its round")
            subjects = _own_subjects(verb.head)
            listed = [t for s in subjects for t in (s, *s.subtree) if t.i in everywhere]
            excluded |= {everywhere[t.i].entity.id for t in listed}
        if holder.dep_ == "appos" and holder.head.i in everywhere:
            # "Amazon, its biggest backer": an apposition's "its" is not the name it describes
            excluded.add(everywhere[holder.head.i].entity.id)
        if verb.dep_ == "oprd":
            excluded |= {
                by_token[c.i].entity.id
                for c in verb.head.children
                if c.dep_ == "dobj" and c.i in by_token
            }
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        for _ in range(3):
            subjects = _own_subjects(verb)  # "the company, which relies on AWS as its partner"
            for subject in subjects:
                members = [subject]  # the subject's own list, not a list in its clause
                for member in members:
                    members.extend(c for c in member.children if c.dep_ == "conj")
                if len(members) > 1 and pronoun.lower_ in lexicon.pronouns["singular"]:
                    # "both Nscale and Nebius build their clouds on its GPUs": not theirs
                    excluded |= {
                        (by_token.get(m.i) or everywhere[m.i]).entity.id
                        for m in members
                        if m.i in by_token or m.i in everywhere
                    }
                    continue
                for member in members:
                    # "Under its partnership with OpenAI, Microsoft ...": the subject may follow
                    mention = by_token.get(member.i) or everywhere.get(member.i)
                    if (
                        mention is None
                        and not predicate
                        and member.lemma_.lower() in lexicon.coreference  # a description noun
                        and any(c.lower_ == "the" for c in member.children)
                    ):
                        return None  # "the startup, which counts A among its backers": its own
                    if mention is None or member.i == pronoun.i:
                        continue
                    if mention.entity.id in excluded:
                        continue
                    if predicate:
                        excluded.add(mention.entity.id)
                    else:
                        return mention
            if subjects or verb.dep_ not in {"xcomp", "advcl", "conj", "ccomp"}:
                break
            verb = verb.head
        if predicate:
            # "Google has invested in Anthropic, while Amazon remains its partner": the object
            # of the verb before, rather than that verb's subject
            objects = [
                m
                for m in orgs
                if m.start >= sentence.start
                and m.entity.id not in excluded
                and _verb_object(doc[m.start : m.end].root)
            ]
            if objects:
                return objects[-1]
    if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp":
        # "Workday said it had agreed", "... and on Monday said it would buy": the sayer
        verb = pronoun.head.head
        while verb.dep_ == "conj" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            verb = verb.head
        for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
            mention = by_token.get(subject.i)
            if mention is not None:
                return mention
            if subject.pos_ == "PRON":
                return None  # the sayer is an "it" no one could resolve: so is this one
    if pronoun.dep_ in {"dobj", "pobj", "dative"}:
        # "OpenAI buys capacity from CoreWeave and owns shares in it": not the subject, the
        # nearest organisation before it.
        verb = pronoun.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subjects = {by_token[c.i].entity.id for c in _own_subjects(verb) if c.i in by_token}
        # nor anywhere else: "Google owns 14% of it" would say "itself" if it were Google
        excluded |= subjects
        same = [
            m for m in orgs if m.start >= sentence.start and m.entity.id not in subjects | excluded
        ]
        if same:
            # "Crusoe built [the campus], and Oracle leases it": a thing named in between
            between = doc[same[-1].end : pronoun.i]
            if any(t.tag_ == "NN" and t.dep_ in {"dobj", "pobj"} for t in between):
                return None
            return same[-1]
    if pronoun.dep_ == "poss":
        # "Meta's biggest deal since its purchase of WhatsApp": the possessor just before
        before = [m for m in orgs if m.start >= sentence.start]
        if (
            before
            and doc[before[-1].start : before[-1].end].root.dep_ == "poss"
            and before[-1].entity.id not in excluded
        ):
            return before[-1]
    previous_start = sents.start(sentence.start - 1) if sentence.start > 0 else 0
    if pronoun.dep_ == "nsubj" and sentence.start > 0 and pronoun.head.dep_ == "ROOT":
        # "Meta took a different route: it bought ...": a subject earlier in its own sentence
        for mention in reversed(orgs):
            if mention.start < sentence.start:
                break
            if doc[mention.start : mention.end].root.dep_ in _SUBJECT_DEPS:
                return mention
        # a main clause's "it" continues the main subject of the sentence before
        root = doc[previous_start : sentence.start].root
        subjects = [c for c in root.children if c.dep_ in _SUBJECT_DEPS]
        for subject in subjects or [root]:  # a name the parser made the root: "Snowflake" NOUN
            mention = by_token.get(subject.i)
            if mention is not None:
                return mention
    number = sents.number[sentence.start]
    personal = lexicon.pronouns.get("personal", frozenset())
    for back in range(1, 4):
        skipped = sents.spans[max(number - back, 0)]
        recent = [m for m in orgs if m.start >= skipped.start and m.entity.id not in excluded]
        if recent or skipped.start == 0 or _about_a_person(skipped, personal):
            break  # a sentence naming no one ("Terms were not disclosed.") is skipped
    return _most_salient(doc, recent, pronoun.i, decay=0.3)


def _about_a_person(sentence: Span, personal: frozenset[str]) -> bool:
    """Whether a sentence speaks of a person ("He did not name the buyer."): the topic moved."""
    return any(ent.label_ == "PERSON" for ent in sentence.ents) or any(
        t.lower_ in personal for t in sentence
    )
