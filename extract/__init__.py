"""extract: news articles in, typed alliance triples out (spaCy, offline, deterministic).

    >>> from extract import extract
    >>> triples = extract("examples/articles.jsonl")        # a pandas DataFrame  # doctest: +SKIP

The stages, one module each: ``articles`` (readers) -> ``pipeline`` (spaCy + ``gazetteer`` ruler)
-> ``linking`` (mentions to entities) -> ``relations`` (frames of ``lexicon``; ``status``,
``money``, ``dates``) -> ``triples`` (records, files) -> ``evaluate`` (precision, recall, F1).

Names are imported on first use, so that ``alliances --help`` or a store command does not pay
for loading spaCy.
"""

from importlib import import_module

_EXPORTS = {
    "Article": "articles",
    "iter_articles": "articles",
    "AlliancesError": "errors",
    "InputError": "errors",
    "ModelError": "errors",
    "ExtractionStats": "extractor",
    "Extractor": "extractor",
    "extract": "extractor",
    "load_gazetteer": "gazetteer",
    "build_pipeline": "pipeline",
    "COLUMNS": "triples",
    "RELATIONS": "triples",
    "STATUSES": "triples",
    "TripleWriter": "triples",
    "read_triples": "triples",
    "to_frame": "triples",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
