"""extract: news articles in, typed alliance triples out (spaCy, offline, deterministic).

    >>> from extract import extract
    >>> triples = extract("examples/articles.jsonl")        # a pandas DataFrame

The stages, one module each: ``articles`` (readers) -> ``pipeline`` (spaCy + ``gazetteer`` ruler)
-> ``linking`` (mentions to entities) -> ``relations`` (frames of ``lexicon``; ``status``,
``money``, ``dates``) -> ``triples`` (records, files) -> ``evaluate`` (precision, recall, F1).
"""

from .articles import Article, iter_articles
from .errors import AlliancesError, InputError, ModelError
from .extractor import ExtractionStats, Extractor, extract
from .gazetteer import load_gazetteer
from .pipeline import build_pipeline
from .triples import COLUMNS, RELATIONS, STATUSES, TripleWriter, read_triples, to_frame

__all__ = [
    "COLUMNS",
    "RELATIONS",
    "STATUSES",
    "AlliancesError",
    "Article",
    "ExtractionStats",
    "Extractor",
    "InputError",
    "ModelError",
    "TripleWriter",
    "build_pipeline",
    "extract",
    "iter_articles",
    "load_gazetteer",
    "read_triples",
    "to_frame",
]
