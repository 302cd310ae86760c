"""The main job: articles to triples, triples to the store, the store to blocs and diagrams.

``build()`` runs the whole data flow of DESIGN.md in one call and times each phase:

    extract   articles -> out/triples.jsonl (streamed, so a large corpus never sits in memory)
    load      triples -> the graph store (validated, idempotent: building twice changes nothing)
    analyze   alliance edges pulled from the store with Cypher -> blocs, centrality, contested labs
    write     each organisation's bloc and centrality written back to the store
    draw      out/alliances.svg, .html, .mmd, .graphml, and the tables of blocs and labs

``alliances build`` and the notebooks call it; the CLI only prints its report.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract import ExtractionStats, Extractor, TripleWriter, iter_articles
from extract.errors import InputError

from .analytics import Analysis, analyze
from .diagrams import draw_all
from .loader import LoadReport
from .store import Store, open_store

__all__ = ["DIAGRAM_FORMATS", "BuildReport", "build"]

DIAGRAM_FORMATS = ("svg", "html", "mmd", "graphml")
EVIDENCE_PER_EDGE = 5


@dataclass
class BuildReport:
    """What `build` did: counts, the analysis, where it wrote what, and how long each phase took."""

    extraction: ExtractionStats
    load: LoadReport
    analysis: Analysis
    store: str
    files: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def build(
    inputs: Iterable[str | Path],
    *,
    out: str | Path = "out",
    store: str | Path | None = None,
    neo4j_uri: str | None = None,
    model: str | None = None,
    workers: int = 1,
    method: str = "louvain",
    seed: int = 42,
    formats: Iterable[str] = DIAGRAM_FORMATS,
    on_problem: Callable[[InputError], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    on_article: Callable[[object], None] | None = None,
) -> BuildReport:
    """Extract, load, cluster, write back and draw, in one pass.

    Parameters
    ----------
    inputs : iterable of path
        Article files or folders (see `extract.iter_articles`).
    out : path
        Folder for the triples, diagrams and tables; created if missing.
    store : path, optional
        Embedded store file; default ``OUT/alliances.db`` (``neo4j_uri`` selects Neo4j instead).
    model, workers
        As for `extract.Extractor`.
    method, seed
        Clustering method and seed (`graph.analytics.find_blocs`).
    formats : iterable of str
        Diagram formats to write (suffixes: svg, png, html, mmd, graphml, gexf).
    on_problem, on_phase, on_article : callable, optional
        Called for each skipped input, at the start of each phase, and for each article done.

    Returns
    -------
    BuildReport

    Examples
    --------
    >>> report = build(["examples/articles.jsonl"], out="out")            # doctest: +SKIP
    >>> [bloc.name for bloc in report.analysis.blocs][:2]                 # doctest: +SKIP
    ['Amazon bloc', 'Microsoft bloc']
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    files: dict[str, Path] = {}

    @contextmanager
    def phase(name: str) -> Iterator[None]:
        if on_phase is not None:
            on_phase(name)
        started = time.perf_counter()
        yield
        seconds[name] = time.perf_counter() - started

    stats = ExtractionStats()
    evidence: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    files["triples"] = out / "triples.jsonl"
    with phase("extract"):
        articles = iter_articles(inputs, on_problem=on_problem)
        extractor = Extractor(model=model)
        with TripleWriter(files["triples"]) as writer:
            for triple in extractor.iter_triples(
                articles, workers=workers, stats=stats, on_article=on_article
            ):
                writer.write(triple)
                sentences = evidence[(triple["subject"], triple["relation"], triple["object"])]
                if len(sentences) < EVIDENCE_PER_EDGE and triple["sentence"] not in sentences:
                    sentences.append(triple["sentence"])
    if stats.articles == 0:
        raise InputError(", ".join(str(i) for i in inputs), "no articles found")

    target = None if neo4j_uri else (store or out / "alliances.db")
    with open_store(target, neo4j_uri=neo4j_uri) as graph_store:
        with phase("load"):
            loaded = graph_store.load(files["triples"], skip_invalid=True)
        with phase("analyze"):
            edges = graph_store.alliance_edges()
            analysis = analyze(edges, method=method, seed=seed)
        with phase("write back"):
            graph_store.write_back(analysis.rows)
        with phase("draw"):
            files.update(_write_outputs(graph_store, edges, analysis, evidence, out, formats, seed))
        location = graph_store.location
    return BuildReport(stats, loaded, analysis, location, files, seconds)


def _write_outputs(
    store: Store,
    edges: pd.DataFrame,
    analysis: Analysis,
    evidence: dict,
    out: Path,
    formats: Iterable[str],
    seed: int,
) -> dict[str, Path]:
    formats = list(formats)
    paths = draw_all(
        edges,
        analysis.blocs,
        [out / f"alliances.{fmt.lstrip('.')}" for fmt in formats],
        evidence=evidence,
        nodes=store.organizations(),
        title="AI alliances",
        seed=seed,
    )
    files: dict[str, Path] = dict(zip(formats, paths, strict=True))
    files["blocs"] = out / "blocs.json"
    files["blocs"].write_text(
        json.dumps(analysis.blocs.to_dict(), indent=2, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
    for name, frame in (
        ("contested", analysis.contested),
        ("centrality", analysis.centrality),
        ("dependency", analysis.dependency),
    ):
        files[name] = out / f"{name}.csv"
        frame.to_csv(files[name], index=False)
    return files
