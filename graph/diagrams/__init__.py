"""Alliance diagrams: the alliance edges drawn as a picture, a page, Mermaid text or a graph file.

`draw` writes one diagram and picks the format from the file's suffix:

    .svg .png   a static picture (matplotlib, no system binary): organisations coloured by bloc,
                edges styled by relation with a legend, amounts on investment edges, labels
                kept apart so that none overlaps another
    .html       an interactive page that works offline from the file (no CDN, all script
                inline): hover an edge for its evidence sentences, click an organisation to
                focus on it and its partners
    .mmd        a Mermaid flowchart, to paste into Markdown
    .graphml    for yEd, Gephi, Cytoscape (networkx writer)
    .gexf       for Gephi (networkx writer; bloc colours included)

The selection is the same for every format: the graph as of a date (``as_of``), some relations
only (``relations``), one bloc (``bloc``), an organisation and its partners within one or two
hops (``focus``). Blocs are computed on the whole graph of that date, so that an organisation
keeps its bloc colour whatever is selected. Colours and fonts are data, in
``graph/data/diagram.toml``; relation styles in ``graph/data/edges.toml``.

The code is split by output format, one writer per module: ``model`` (the shared core: formats
and limits, `DiagramError`, colours from ``diagram.toml``, blocs and the selection,
`select_edges`), ``layout`` (the scene a picture or page is drawn from: label sizes, the
seeded layout, edge curvature, node roles), ``svg`` (the matplotlib picture,
`alliance_figure`), ``html`` (the offline page, `to_html`), ``mermaid`` (`to_mermaid`),
``graphml`` (`to_graph` and the GraphML/GEXF files) and ``write`` (`draw` and `draw_all`,
which pick the writer from the suffix).
"""

from .graphml import to_graph
from .html import to_html
from .mermaid import to_mermaid
from .model import FORMATS, DiagramError, select_edges
from .model import MAX_HTML_NODES as MAX_HTML_NODES
from .model import MAX_STATIC_NODES as MAX_STATIC_NODES
from .model import Blocs as Blocs
from .model import Evidence as Evidence
from .svg import alliance_figure
from .write import draw, draw_all

__all__ = [
    "FORMATS",
    "DiagramError",
    "alliance_figure",
    "draw",
    "draw_all",
    "select_edges",
    "to_graph",
    "to_html",
    "to_mermaid",
]
