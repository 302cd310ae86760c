"""Write by suffix: `draw` and `draw_all` check the suffixes, find the blocs and lay the
scene out once, then hand each file to its writer."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import pandas as pd

from ..analytics import alliance_graph, find_blocs
from .graphml import _write_graphml, to_graph
from .html import _page
from .layout import _check_size, _scene
from .mermaid import to_mermaid
from .model import (
    FORMATS,
    MAX_HTML_NODES,
    MAX_STATIC_NODES,
    Blocs,
    DiagramError,
    Evidence,
)
from .svg import _figure


def draw(
    edges: pd.DataFrame,
    blocs: Blocs,
    path: str | Path,
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    evidence: Evidence | None = None,
    nodes: pd.DataFrame | None = None,
    title: str | None = None,
    seed: int = 42,
) -> Path:
    """Draw the alliance diagram into ``path``, in the format its suffix names.

    Parameters
    ----------
    edges : pandas.DataFrame
        Alliance edges (``store.alliance_edges()``).
    blocs : BlocResult or mapping or None
        The blocs (`graph.analytics.find_blocs`) or a mapping organisation -> bloc name;
        None finds them on the graph as of ``as_of``.
    path : str or pathlib.Path
        ``.svg``, ``.png``, ``.html``, ``.mmd``, ``.graphml`` or ``.gexf``; missing folders are
        made.
    focus : str, optional
        Keep this organisation and those within ``hops`` (1 or 2) of it.
    bloc : str, optional
        Keep this bloc (``"Amazon bloc"`` or ``"Amazon"``).
    relations : str or iterable of str, optional
        Keep these relations (``"invest,cloud"``, ``["SUPPLIES_CHIPS"]``).
    as_of : str or datetime.date, optional
        The graph as of this date.
    evidence : mapping, optional
        ``{(source, relation, target): [sentence, ...]}``; a sentence may be a dict with
        ``sentence`` and ``article_id``, ``title``, ``url``. Shown on hover in ``.html``.
    nodes : pandas.DataFrame, optional
        ``name`` and ``labels`` (list of store labels): investor, cloud provider and chip
        supplier roles colour the organisations' borders in pictures and are listed in pages.
    title : str, optional
        The diagram's title (default "AI alliances", with the date).
    seed : int, default 42
        Seed of the layout (and of the blocs when they are found here): the same input gives
        the same file.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    DiagramError
        For an unknown suffix, organisation or bloc, or a selection with nothing to draw.

    Examples
    --------
    >>> import tempfile
    >>> edges = pd.DataFrame([("Amazon", "INVESTS_IN", "Anthropic")],
    ...                      columns=["source", "relation", "target"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(draw(edges, None, Path(folder) / "blocs.mmd").read_text().splitlines()[0])
    flowchart LR
    """
    return draw_all(
        edges,
        blocs,
        [path],
        focus=focus,
        hops=hops,
        bloc=bloc,
        relations=relations,
        as_of=as_of,
        evidence=evidence,
        nodes=nodes,
        title=title,
        seed=seed,
    )[0]


def draw_all(
    edges: pd.DataFrame,
    blocs: Blocs,
    paths: Iterable[str | Path],
    *,
    focus: str | None = None,
    hops: int = 1,
    bloc: str | None = None,
    relations: str | Iterable[str] | None = None,
    as_of: object = None,
    evidence: Evidence | None = None,
    nodes: pd.DataFrame | None = None,
    title: str | None = None,
    seed: int = 42,
) -> list[Path]:
    """`draw` into several files at once: the blocs are found and the picture laid out once
    for all of them. Parameters are those of `draw`; returns the files written."""
    paths = [Path(path) for path in paths]
    for path in paths:
        if path.suffix.lower() not in FORMATS:
            raise DiagramError(
                f"cannot draw '{path.name}': choose {', '.join(FORMATS[:-1])} or {FORMATS[-1]}"
            )
    if blocs is None:
        blocs = find_blocs(alliance_graph(edges, as_of=as_of), seed=seed)
    select = {"focus": focus, "hops": hops, "bloc": bloc, "relations": relations, "as_of": as_of}
    suffixes = {path.suffix.lower() for path in paths}
    scene = None
    if suffixes & {".svg", ".png", ".html"}:
        chosen = any(v is not None for v in (focus, bloc, relations))
        # a whole graph too big for a picture is drawn as its most connected part (`_overview`)
        limit = MAX_HTML_NODES if ".html" in suffixes or not chosen else MAX_STATIC_NODES
        scene = _scene(edges, blocs, nodes=nodes, title=title, seed=seed, limit=limit, **select)
    static = scene
    if suffixes & {".svg", ".png"} and len(scene.names) > MAX_STATIC_NODES:
        if chosen:
            _check_size(len(scene.names), MAX_STATIC_NODES)  # the user's selection: say so
        static = _overview(edges, blocs, scene, nodes=nodes, title=title, seed=seed, **select)
    for path in paths:
        suffix = path.suffix.lower()
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix in (".svg", ".png"):
            fig = _figure(static)
            metadata = {"Date": None} if suffix == ".svg" else {"Software": "ai-alliances"}
            # text stays text: searchable, and no glyph ids that hang on which copy of the
            # font file matplotlib found first
            with mpl.rc_context({"svg.hashsalt": "ai-alliances", "svg.fonttype": "none"}):
                fig.savefig(
                    path, dpi=150 if suffix == ".png" else 100, metadata=metadata, facecolor="white"
                )
        elif suffix == ".html":
            path.write_text(_page(scene, evidence), encoding="utf-8")
        elif suffix == ".mmd":
            path.write_text(to_mermaid(edges, blocs, seed=seed, **select), encoding="utf-8")
        else:
            D = to_graph(edges, blocs, seed=seed, **select)
            if suffix == ".graphml":
                _write_graphml(D, path)
            else:
                nx.write_gexf(D, path)
    return paths


def _overview(edges: pd.DataFrame, blocs: Blocs, scene, **options) -> object:
    """The picture of a graph too big to draw whole: its ``MAX_STATIC_NODES`` most connected
    organisations (ties broken by name), the subtitle saying how many of how many. The HTML
    page and the graph files keep every organisation."""
    ranked = sorted(zip(scene.names, scene.degree, strict=True), key=lambda p: (-p[1], p[0]))
    kept = {name for name, _ in ranked[:MAX_STATIC_NODES]}
    inside = edges["source"].isin(kept) & edges["target"].isin(kept)
    picture = _scene(edges[inside], blocs, limit=MAX_STATIC_NODES, **options)
    picture.subtitle += f" · the {len(picture.names)} most connected of {len(scene.names)}"
    return picture
