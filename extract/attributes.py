"""Faster, exact stand-ins for two of the model's rule components: the same output, less time.

``attribute_ruler`` and ``lemmatizer`` are rules, not statistics, yet together they cost a fifth
of ``en_core_web_sm``'s time, mostly in Python work per token. Both are kept; this module finds
their results faster.

**Attribute rules.**
The ``attribute_ruler`` of ``en_core_web_sm`` maps each fine-grained tag to its part of speech and
morphology and sets lemma exceptions: 179 rules, almost all about one token ("TAG is NNS", "LOWER
is 'were' and TAG is VBD"). It runs them through spaCy's general ``Matcher``, which costs about
15% of the whole model's time. :class:`IndexedRules` finds the same matches by looking each
token up in tables built from those rules, once per (form, tag, label) it has not seen; a rule
that is not a sequence of plain tests (values, IN, NOT_IN, REGEX) still goes through a
``Matcher`` of its own. The matches, their order and so every token's attributes are the same as
the ruler's own (a test compares them on the development articles).

**Lemmas.** The rule lemmatizer's answer depends on a token's form, part of speech and
morphology only. :class:`CachedLemmas` runs just before it, asks it once per such triple and sets
every unset lemma in one array write; the lemmatizer, which only fills lemmas not yet set, then
has nothing left to do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

__all__ = ["CachedLemmas", "IndexedRules", "index_attribute_rules"]

_READERS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_INDEXED = ("LOWER", "TAG", "DEP")  # the first of these a rule's first token tests is its table
_KEY = [LOWER, TAG, DEP, IS_SPACE]
_CACHE_SIZE = 200_000  # (form, tag, label, space) combinations remembered, then forgotten

Tests = tuple[tuple[Callable[[Token], object], Callable[[object], bool]], ...]


def _condition(value: object) -> Callable[[object], bool] | None:
    """A test of one token attribute as the ``Matcher`` reads it, or None for other operators."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda v: v in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            barred = frozenset(arg)
            return lambda v: v not in barred
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search
            return lambda v: isinstance(v, str) and search(v) is not None
    return None


def _tests(token_pattern: dict) -> Tests | None:
    if not set(token_pattern) <= set(_READERS):
        return None
    tests = []
    for attr, value in token_pattern.items():
        condition = _condition(value)
        if condition is None:
            return None
        tests.append((_READERS[attr], condition))
    return tuple(tests)


def _passes(token: Token, tests: Tests) -> bool:
    return all(condition(read(token)) for read, condition in tests)


class IndexedRules:
    """The matches of an ``AttributeRuler``'s rules, found by table lookup where they can be."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        tables: dict[str, dict[object, list]] = {key: defaultdict(list) for key in _INDEXED}
        self._everywhere: list = []
        self._rest = Matcher(ruler.vocab)
        self._rest_ids: dict[int, int] = {}
        self._cache: dict[tuple, tuple] = {}
        for number, entry in enumerate(ruler.patterns):
            match_id = strings[str(number)]
            for pattern in entry["patterns"]:
                sequence = [_tests(token_pattern) for token_pattern in pattern]
                if not sequence or any(tests is None for tests in sequence):
                    self._rest.add(str(number), [pattern])
                    self._rest_ids[match_id] = number
                    continue
                rule = (number, match_id, tuple(sequence))
                first = pattern[0]
                key = next((k for k in _INDEXED if _plain(first.get(k))), None)
                if key is None:
                    self._everywhere.append(rule)
                    continue
                value = first[key]
                for v in value["IN"] if isinstance(value, dict) else [value]:
                    tables[key][v].append(rule)
        self._tables = {key: dict(table) for key, table in tables.items()}

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches as ``AttributeRuler.match`` gives them: (rule number, match id,
        start, end), sorted, so that later rules take precedence."""
        found = set()
        cache = self._cache
        n = len(doc)
        # the rules a token starts depend on its form, tag, label and spaceness only
        for i, key in enumerate(map(tuple, doc.to_array(_KEY).tolist())):
            rules = cache.get(key)
            if rules is None:
                rules = cache[key] = self._rules_for(doc[i])
            singles, longer = rules
            found.update((number, match_id, i, i + 1) for number, match_id in singles)
            for number, match_id, rest in longer:
                end = i + 1 + len(rest)
                if end <= n and all(_passes(doc[i + 1 + k], t) for k, t in enumerate(rest)):
                    found.add((number, match_id, i, end))
        if len(self._rest):
            for match_id, start, end in self._rest(doc, allow_missing=True):
                found.add((self._rest_ids[match_id], match_id, start, end))
        if len(cache) > _CACHE_SIZE:
            cache.clear()
        return sorted(found)

    def _rules_for(self, token: Token) -> tuple[tuple, tuple]:
        """The one-token rules a token of its kind matches, and the longer rules it can start."""
        lower, tag, dep = self._tables["LOWER"], self._tables["TAG"], self._tables["DEP"]
        candidates = (
            lower.get(token.lower_, [])
            + tag.get(token.tag_, [])
            + dep.get(token.dep_, [])
            + self._everywhere
        )
        singles, longer = [], []
        for number, match_id, sequence in candidates:
            if _passes(token, sequence[0]):
                if len(sequence) == 1:
                    singles.append((number, match_id))
                else:
                    longer.append((number, match_id, sequence[1:]))
        return tuple(singles), tuple(longer)


def _plain(value: object) -> bool:
    """Whether a test value can index a table: a string, or a set of them."""
    return isinstance(value, str) or (
        isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
    )


def index_attribute_rules(ruler: AttributeRuler) -> None:
    """Let ``ruler`` find its matches through :class:`IndexedRules` (same matches, faster)."""
    ruler.match = IndexedRules(ruler).match  # type: ignore[method-assign]


class CachedLemmas:
    """Set each token's lemma from a table of (form, part of speech, morphology) -> lemma that
    the model's own lemmatizer fills, once per triple (the lemmatizer caches by the same key)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._table: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer.overwrite or self.lemmatizer.mode != "rule" or not len(doc):
            return doc  # nothing this component knows how to do faster
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        unset = np.flatnonzero(rows[:, 3] == 0)
        if not len(unset):
            return doc
        table, strings = self._table, doc.vocab.strings
        for i in unset.tolist():
            key = tuple(rows[i, :3].tolist())
            lemma = table.get(key)
            if lemma is None:
                lemma = table[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = lemma
        if len(table) > _CACHE_SIZE:
            table.clear()
        doc.from_array([LEMMA], rows[:, 3:4])
        return doc


@Language.factory("cached_lemmas", default_config={"lemmatizer": "lemmatizer"})
def make_cached_lemmas(nlp: Language, name: str, lemmatizer: str) -> CachedLemmas:
    return CachedLemmas(nlp.get_pipe(lemmatizer))
