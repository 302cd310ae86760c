"""The relation lexicon: trigger frames, word classes, coreference nouns and status cues.

Everything here is read from ``data/lexicon.toml`` (the file's header documents the frame format);
this module only gives it types.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["Frame", "Lexicon", "load_lexicon"]


@dataclass(frozen=True)
class Frame:
    """One way of stating a relation: trigger words and where the two parties attach."""

    id: str
    relation: str
    pos: frozenset[str]
    lemmas: frozenset[str]
    subject: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    flexible: tuple[str, ...] = ()
    customer: tuple[str, ...] = ()
    provider: tuple[str, ...] = ()
    resource: tuple[str, ...] = ()
    customer_or_resource: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    typed_by: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    reject_object: tuple[str, ...] = ()
    particles: dict[str, str] = field(default_factory=dict)
    head_subject_gives: frozenset[str] = frozenset()
    inverse_lemmas: frozenset[str] = frozenset()
    symmetric: bool = False


@dataclass(frozen=True)
class Lexicon:
    frames: tuple[Frame, ...]
    classes: dict[str, frozenset[str]]
    coreference: dict[str, frozenset[str]]
    pronouns: dict[str, frozenset[str]]
    status: dict[str, frozenset[str] | tuple[str, ...]]
    not_amounts: frozenset[str]
    not_orgs: frozenset[str]
    org_cue_nouns: frozenset[str]
    org_suffixes: frozenset[str]
    public_body_words: frozenset[str] = frozenset()
    public_body_exceptions: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    stand_ins: dict[str, str] = field(default_factory=dict)
    city_countries: dict[str, str] = field(default_factory=dict)  # "Veldhoven" -> "Netherlands"
    demonyms: dict[str, str] = field(default_factory=dict)  # "dutch" -> "Netherlands"

    def frames_for(self, lemma: str, pos: str) -> list[Frame]:
        return [f for f in self._index.get(lemma, ()) if pos in f.pos]

    @property
    def _index(self) -> dict[str, list[Frame]]:
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {}
            for frame in self.frames:
                for lemma in frame.lemmas:
                    index.setdefault(lemma, []).append(frame)
            object.__setattr__(self, "_index_cache", index)
        return index


def _frame(raw: dict) -> Frame:
    tuples = {
        key: tuple(raw.get(key, ()))
        for key in (
            "subject",
            "object",
            "flexible",
            "customer",
            "provider",
            "resource",
            "customer_or_resource",
            "parties",
            "typed_by",
            "requires",
            "reject_object",
        )
    }
    return Frame(
        id=raw["id"],
        relation=raw["relation"],
        pos=frozenset(raw["pos"]),
        lemmas=frozenset(raw["lemmas"]),
        particles=dict(raw.get("particles", {})),
        head_subject_gives=frozenset(raw.get("head_subject_gives", ())),
        inverse_lemmas=frozenset(raw.get("inverse_lemmas", ())),
        symmetric=bool(raw.get("symmetric", False)),
        **tuples,
    )


def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the bundled lexicon, or one of one's own in the same format (read once per process).

    A lexicon of one's own that lacks some of the ``[words]`` lists the rules use takes the
    bundled ones for those.
    """
    return _load_lexicon(None if path is None else str(path))


@cache
def _load_lexicon(path: str | None) -> Lexicon:
    if path is None:
        text = resources.files("extract").joinpath("data/lexicon.toml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    data = tomllib.loads(text)
    words = data.get("words", {})
    if path is not None:
        words = {**_load_lexicon(None).words, **words}
    status = {
        key: (tuple(value) if key.endswith("_phrases") else frozenset(value))
        for key, value in data["status"].items()
    }
    return Lexicon(
        frames=tuple(_frame(raw) for raw in data["frame"]),
        classes={key: frozenset(value) for key, value in data["classes"].items()},
        coreference={key: frozenset(value) for key, value in data["coreference"].items()},
        pronouns={key: frozenset(value) for key, value in data["pronouns"].items()},
        status=status,
        not_amounts=frozenset(data["money"]["not_amounts"]),
        not_orgs=frozenset(data["parties"]["not_orgs"]),
        org_cue_nouns=frozenset(data["parties"]["org_cue_nouns"]),
        org_suffixes=frozenset(data["parties"]["org_suffixes"]),
        public_body_words=frozenset(data["parties"].get("public_body_words", ())),
        public_body_exceptions=tuple(data["parties"].get("public_body_exceptions", ())),
        places=frozenset(data["parties"].get("places", ())),
        person_titles=frozenset(data["parties"].get("person_titles", ())),
        words={key: frozenset(value) for key, value in words.items()},
        tokens=dict(data.get("tokens", {})),
        stand_ins=dict(data.get("stand_ins", {})),
        city_countries={
            city: country
            for country, row in data.get("countries", {}).items()
            for city in row.get("cities", ())
        },
        demonyms={
            word.lower(): country
            for country, row in data.get("countries", {}).items()
            for word in row.get("demonyms", ())
        },
    )
