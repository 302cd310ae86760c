"""The spaCy component ``alliance_linker``: named mentions (gazetteer, NER, arms, units, short
names, guessed organisations) linked to canonical entities, then their references resolved."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..gazetteer import Entity, Gazetteer, clean_org_name, load_gazetteer, slugify
from ..lexicon import Lexicon, load_lexicon
from ..sentences import sentences
from .mention import GUESSED_ORG_CONFIDENCE, NER_ORG_CONFIDENCE, Mention
from .names import (
    _cued_names,
    _dateline,
    _dictionary,
    _looks_like_org,
    _plausible_name,
    _shouting,
    _titled,
)
from .references import _resolve_references

_PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}


_OTHER_NER_LABELS = {"PERSON", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC", "EVENT"}


def _name_like(word: str) -> bool:
    """A capitalised word, or letters mixed with digits ("n8n", "1X")."""
    if word.isalpha():
        return word[:1].isupper()
    return word.isalnum() and any(c.isalpha() for c in word) and any(c.isdigit() for c in word)


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
        for whole in doc.ents:
            for ent in self._conjoined(whole):
                mention = self._link_ent(ent)
                if mention is not None:
                    mentions.append(mention)
                    taken.update(range(ent.start, ent.end))
        for span in [*_cued_names(doc, taken, self.lexicon), *self._item_heads(doc, taken)]:
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
        covered = {i for m in mentions for i in range(m.start, m.end)}
        mentions = [m for m in mentions if not _tail_of_a_name(doc, m, covered)]
        mentions = self._without_surnames(doc, mentions)
        mentions = self._repeated_names(doc, mentions, taken)
        mentions = self._arms(doc, mentions)
        mentions = self._short_names(doc, mentions, taken)
        mentions = self._units(doc, mentions)
        return sorted(mentions, key=lambda m: m.start)

    def _item_heads(self, doc: Doc, taken: set[int]) -> list[Span]:
        """The name a round-up item opens with, before its sum: "Lovable - $330 million.",
        "Sesame, $250m, Series B." A verbless line of a name and a sum names a company."""
        heads = []
        for sent in sentences(doc).spans:
            words = sent.start
            while words < sent.end and doc[words].is_space:
                words += 1
            end = words
            while end < sent.end and _name_like(doc[end].text):
                end += 1
            if (
                not words < end <= words + 3
                or end + 1 >= sent.end
                or sent.end - sent.start > 12
                or doc[end].text not in self.lexicon.words["item_separators"]
                or not (doc[end + 1].ent_type_ == "MONEY" or doc[end + 1].is_currency)
                or any(i in taken for i in range(words, end))
                or any(t.pos_ in {"VERB", "AUX"} for t in sent)
            ):
                continue
            name = doc[words:end]
            if name.text in self.lexicon.not_orgs or name.text.lower() in self.places_lower:
                continue
            heads.append(name)
        return heads

    def _conjoined(self, ent: Span) -> list[Span]:
        """An ORG span the NER ran across "and" is two names when both halves are names and one
        is known or ends like a company's: "SoundHound AI and Serve Robotics"."""
        doc = ent.doc
        cut = next((t.i for t in ent if t.lower_ == "and" and t.pos_ == "CCONJ"), None)
        if ent.label_ != "ORG" or cut is None or cut in {ent.start, ent.end - 1}:
            return [ent]
        halves = [
            Span(doc, ent.start, cut, label=ent.label_),
            Span(doc, cut + 1, ent.end, label=ent.label_),
        ]
        if not all(h[0].text[:1].isupper() for h in halves):
            return [ent]
        if not any(
            h[-1].text in self.lexicon.org_suffixes or self.gazetteer.lookup(h.text) is not None
            for h in halves
        ):
            return [ent]
        return halves

    def _without_surnames(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A one-word name no one knows that is the surname of a person the article names is
        that person: "chief executive Safra Catz ... Catz said", "Ilya Sutskever ... Sutskever
        declined"."""
        surnames = self.surnames(doc)
        return [
            m
            for m in mentions
            if m.entity.known
            or m.entity.type != "ORG"
            or " " in m.entity.name
            or m.entity.name not in surnames
        ]

    @staticmethod
    def surnames(doc: Doc) -> set[str]:
        """The last names of the persons a text names in full (by the NER, or by a title)."""
        named = doc.user_data.get("alliance_named_persons")
        if named is None:  # the NER's persons are fixed: read once, not at every guess
            named = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
            doc.user_data["alliance_named_persons"] = named
        return named | doc.user_data.get("alliance_persons", set())

    def _repeated_names(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> list[Mention]:
        """A name the text once describes as an organisation no one knew names it wherever the
        text writes it: "Wiz, the New York cloud-security company ... Wiz has been a buyer too".
        Names the NER merely tagged once (a chatbot, a model) are not spread."""
        by_first: dict[str, list[Mention]] = {}
        for mention in mentions:
            entity = mention.entity
            if (
                entity.type == "ORG"
                and not entity.known
                and mention.source == "ner"
                and _looks_like_org(doc[mention.start : mention.end], self.lexicon)
            ):
                by_first.setdefault(entity.name.split()[0], []).append(mention)
        if not by_first:
            return mentions
        found = []
        for token in doc:
            if token.i in taken or token.text not in by_first:
                continue
            for mention in by_first[token.text]:
                size = len(mention.entity.name.split())
                end = token.i + size
                if end > len(doc) or any(j in taken for j in range(token.i, end)):
                    continue
                if doc[token.i : end].text != mention.entity.name:
                    continue
                if size == 1 and token.pos_ != "PROPN" and self.is_word(token.text):
                    continue  # "Figure 2 shows": a word, where the name is not one
                found.append(Mention(token.i, end, mention.entity, "ner", mention.confidence))
                taken.update(range(token.i, end))
                break
        return sorted(mentions + found, key=lambda m: m.start) if found else mentions

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
        determined = False
        while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
            start += 1
            determined = True
        while (
            start < end - 1
            and span.doc[start].is_lower
            and (
                self.is_word(span.doc[start].text)
                or span.doc[start].lower_ in self.lexicon.org_cue_nouns
            )
        ):
            start += 1  # "the detection start-up Gem Security": the name is what follows
        if start >= end:
            return None
        last = span.doc[end - 1]
        if (
            last.dep_ == "compound"
            and last.head.i >= end
            and last.head.lemma_.lower() in self.lexicon.classes["chip_nouns"]
        ):
            return None  # "its ATOM chips", "RNGD accelerators": a chip's name, not a maker's
        quote = start if span.doc[start].is_quote else start - 1
        if (
            quote > 0
            and span.doc[quote].is_quote
            and span.doc[quote - 1].lower_ in {"the", "its", "their", "a", "an"}
        ):
            return None  # 'in the "Industrial AI Cloud"': a named thing, not a company
        after = span.doc[end] if end < len(span.doc) else None
        if (
            (determined or (start > 0 and span.doc[start - 1].lower_ in {"the", "a", "an"}))
            and after is not None
            and after.dep_ == "appos"
            and after.lemma_.lower() in self.lexicon.org_cue_nouns
        ):
            return None  # "G42, the Emirati AI group": the words describe G42, they name no one
        text = span.doc[start:end].text
        name = clean_org_name(text)
        if name.endswith(".") and len(name) > 3 and "." not in name[:-1]:
            name = name[:-1]  # "..., Atomico and WiL.": the sentence's full stop, kept whole
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
            if end - start > 1:  # "Son said": the surname names the person too
                span.doc.user_data.setdefault("alliance_persons", set()).add(span.doc[end - 1].text)
            return None  # "chief executive Masayoshi Son": a person
        if name in span.doc.user_data.get("alliance_things", ()):
            return None
        entity = self._new_orgs.get(name)
        if entity is None:
            entity = Entity(id=slugify(name), name=name, type="ORG", known=False)
            self._new_orgs[name] = entity
        return Mention(start, end, entity, "ner", confidence)


def _tail_of_a_name(doc: Doc, mention: Mention, covered: set[int]) -> bool:
    """A one- or two-letter name ("X") written right after a capitalised word no one linked is
    the end of that other name: "HyperCLOVA X", "Galaxy S"."""
    if mention.end - mention.start != 1 or len(doc[mention.start].text) > 2 or mention.start == 0:
        return False
    before = doc[mention.start - 1]
    return (
        before.i not in covered
        and before.is_alpha
        and before.text[:1].isupper()
        and not before.is_sent_start
        and (before.whitespace_ == " ")
    )
