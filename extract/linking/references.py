"""References: descriptions ("the ChatGPT maker", "the Seattle-based company", "the startup")
resolved to the entity they describe."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from spacy.attrs import LOWER
from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from .mention import DESCRIPTION_CONFIDENCE, PRONOUN_CONFIDENCE, Mention

if TYPE_CHECKING:
    from .component import EntityLinker
from .names import _tokens, _written_as
from .pronouns import _author, _clause_subjects, _most_salient, _pronoun_antecedent, _quoted


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
    author = _author(named, doc._.title if doc.has_extension("title") else None)
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
            antecedent = _antecedent(
                doc,
                mentions,
                start,
                roles,
                linker.gazetteer,
                hq,
                linker.lexicon.words["fund_suffixes"],
                _nationality(doc, start, linker.lexicon.demonyms),
                linker.lexicon.city_countries,
            )
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
    if (
        head.dep_ == "appos"
        and head.head.pos_ == "PROPN"
        and head.head.ent_type_ not in {"GPE", "LOC", "FAC", "NORP"}
        and not any(c.dep_ == "det" for c in head.head.children)  # "The Livingston, NJ-based"
    ):
        return False  # "Supabase, the database platform": a name no list knows, described
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


def _nationality(doc: Doc, start: int, demonyms: Mapping[str, str]) -> str | None:
    """The country of "the Dutch firm", "the South Korean chipmaker", if the description names
    one in the words right before its noun."""
    words = []
    left = start - 1
    while left >= 0 and len(words) < 2 and doc[left].dep_ in {"amod", "compound", "nmod"}:
        words.insert(0, doc[left].lower_)
        left -= 1
    for n in range(len(words), 0, -1):
        country = demonyms.get(" ".join(words[-n:]))
        if country is not None:
            return country
    return None


def _antecedent(
    doc: Doc,
    mentions: list[Mention],
    position: int,
    roles: frozenset[str],
    gazetteer: Gazetteer,
    hq: str | None,
    fund_suffixes: frozenset[str] = frozenset(),
    country: str | None = None,
    city_countries: Mapping[str, str] | None = None,
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
        if hq is not None and entity.known and (entity.hq or "").lower() != hq.lower():
            continue  # a name no list knows may be based anywhere
        home = (city_countries or {}).get(entity.hq or "")
        if country is not None and home is not None and home != country:
            continue  # "the Dutch firm" is not the Paris start-up named before
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
        fund = (
            gazetteer.is_fund(entity) if entity.known else entity.name.split()[-1] in fund_suffixes
        )
        if fund and "investor" not in roles and hq is None:
            continue  # "the company" is rarely a fund; nor is "the start-up" "Alkeon Capital"
        fits.append(mention)
    return _most_salient(doc, fits, position)


def _maker_named(named: list[Mention], i: int, entity_id: str | None, gazetteer: Gazetteer) -> bool:
    """Whether the name at ``i`` is the described entity or one of its products."""
    entity = next((m.entity for m in named if m.start <= i < m.end), None)
    if entity is None or entity_id is None:
        return False
    return entity_id in {entity.id, gazetteer.party(entity)[0].id}
