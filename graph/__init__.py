"""graph: alliance triples -> a Cypher graph store -> networkx analytics -> diagrams; the CLI.

    >>> from graph import open_store, analyze, draw
    >>> with open_store("alliances.db") as store:                      # doctest: +SKIP
    ...     store.load("triples.jsonl")
    ...     edges = store.alliance_edges()
    ...     draw(edges, analyze(edges).blocs, "alliances.svg")

Modules, in the order of the data flow: ``store`` (one Store interface; ``dialects`` holds the
differences between FalkorDB and Neo4j; ``loader`` validates and writes triples; ``queries``
names the Cypher of ``queries/*.cypher``) -> ``analytics`` (blocs, centrality, contested labs,
compute dependency) -> ``diagrams`` (SVG/PNG, offline HTML, Mermaid, GraphML/GEXF) -> ``build``
(the whole job: ``from graph.build import build``) -> ``cli`` (``alliances``, a thin layer over all of it). Names are imported on
first use.
"""

from importlib import import_module

_EXPORTS = {
    "analyze": "analytics",
    "find_blocs": "analytics",
    "draw": "diagrams",
    "Store": "store",
    "open_store": "store",
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
