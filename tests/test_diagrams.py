"""Alliance diagrams: every format writes a valid file, selections, legibility, offline pages."""

from __future__ import annotations

import doctest
import importlib
import itertools
import json
import pkgutil
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import graph.diagrams as diagrams
from graph.analytics import alliance_graph, find_blocs, synthetic_alliances
from graph.diagrams import DiagramError, alliance_figure, draw, select_edges, to_html, to_mermaid

ROWS = [
    ("Amazon", "INVESTS_IN", "Anthropic", 4e9, "2023-09", "confirmed", None),
    ("Amazon", "PROVIDES_CLOUD", "Anthropic", None, "2023-09", "confirmed", "AWS"),
    ("Amazon", "SUPPLIES_CHIPS", "Anthropic", None, "2023-09", "confirmed", "Trainium"),
    ("Amazon", "PARTNERS_WITH", "Hugging Face", None, "2023-02", "confirmed", None),
    ("Google", "INVESTS_IN", "Anthropic", 2e9, "2023-02", "confirmed", None),
    ("Google", "PROVIDES_CLOUD", "Anthropic", None, "2023-02", "confirmed", "Google Cloud"),
    ("Google", "ACQUIRES", "DeepMind", None, "2014", "confirmed", None),
    ("Google", "PARTNERS_WITH", "Character.AI", 2.7e9, "2024-08", "confirmed", None),
    ("Microsoft", "INVESTS_IN", "OpenAI", 13e9, "2023-01", "confirmed", None),
    ("Microsoft", "PROVIDES_CLOUD", "OpenAI", None, "2019", "confirmed", "Azure"),
    ("Microsoft", "DISTRIBUTES", "OpenAI", None, "2023", "confirmed", "Azure AI Foundry"),
    ("Nvidia", "SUPPLIES_CHIPS", "OpenAI", None, "2022", "confirmed", "H100"),
]
EVIDENCE = {
    ("Amazon", "INVESTS_IN", "Anthropic"): [
        "Amazon will invest up to $4 billion in Anthropic, the companies said.",
        {
            "sentence": "Amazon completed its $4 billion investment.",
            "article_id": "seed",
            "title": "Seed",
        },
    ]
}
FORMAT_SUFFIXES = [".svg", ".png", ".html", ".mmd", ".graphml", ".gexf"]


@pytest.fixture
def edges() -> pd.DataFrame:
    columns = ["source", "relation", "target", "amount_usd", "first_seen", "status", "via"]
    return pd.DataFrame(ROWS, columns=columns)


@pytest.fixture
def sixty() -> pd.DataFrame:
    """A 60-organisation graph with names of very different lengths."""
    first = ["Nimbus", "Quanta", "Helix", "Orbital", "Vector", "Lumen"]
    second = ["", " AI", " Labs", " Capital Partners", " Ventures", " Systems"]
    third = ["", " Group"]
    names = [a + b + c for a, b, c in itertools.product(first, second, third)][:60]
    edges = synthetic_alliances(60, degree=3.0, bloc_size=12, seed=7)
    rename = {f"Org{i:02d}": name for i, name in enumerate(names)}
    return edges.assign(source=edges["source"].map(rename), target=edges["target"].map(rename))


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


# -- every format -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMAT_SUFFIXES)
def test_every_format_writes_a_non_empty_file(edges, tmp_path, suffix):
    path = draw(edges, None, tmp_path / "sub" / f"alliances{suffix}")
    assert path.exists() and path.stat().st_size > 100


def test_svg_is_xml_with_a_label_for_every_organisation(edges, tmp_path):
    path = draw(edges, None, tmp_path / "alliances.svg")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    ids = {el.get("id") for el in root.iter() if (el.get("id") or "").startswith("org-")}
    assert len(ids) == len(set(edges["source"]) | set(edges["target"]))


def test_png_is_a_png(edges, tmp_path):
    data = draw(edges, None, tmp_path / "alliances.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_same_input_gives_the_same_picture(edges, tmp_path):
    first = draw(edges, None, tmp_path / "a.svg").read_bytes()
    second = draw(edges.sample(frac=1.0, random_state=3), None, tmp_path / "b.svg").read_bytes()
    assert first == second


def test_html_needs_no_network(edges, tmp_path):
    page = draw(edges, None, tmp_path / "alliances.html", evidence=EVIDENCE).read_text()
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"<link[^>]*href=[\"']?https?:", page, re.I)
    assert "@import" not in page
    assert page.count("<script") == 2  # the data and the code, both inline


def test_html_carries_the_evidence_sentences_of_each_edge(edges):
    page = to_html(edges, None, evidence=EVIDENCE)
    assert "Amazon will invest up to $4 billion in Anthropic, the companies said." in page
    data = page_data(page)
    names = [n["name"] for n in data["nodes"]]
    invest = next(
        e
        for e in data["edges"]
        if e["relation"] == "INVESTS_IN"
        and names[e["s"]] == "Amazon"
        and names[e["t"]] == "Anthropic"
    )
    assert [item["text"] for item in invest["evidence"]] == [
        "Amazon will invest up to $4 billion in Anthropic, the companies said.",
        "Amazon completed its $4 billion investment.",
    ]
    assert invest["evidence"][1]["source"] == "Seed (seed)"
    assert invest["amount"] == "$4B"


def test_html_evidence_cannot_close_the_script(edges):
    hostile = {("Amazon", "INVESTS_IN", "Anthropic"): ["</script><script>alert(1)</script>"]}
    page = to_html(edges, None, evidence=hostile)
    assert "alert(1)" in page
    assert page.count("</script>") == 2
    data = page_data(page)
    assert any("</script>" in item["text"] for e in data["edges"] for item in e["evidence"])


def test_html_focus_marks_the_organisation(edges):
    data = page_data(to_html(edges, None, focus="anthropic"))
    assert data["nodes"][data["focus"]]["name"] == "Anthropic"


def test_mermaid_lists_every_edge_with_safe_ids(edges):
    text = to_mermaid(edges.assign(source=edges["source"].replace("Amazon", 'Amazon "AWS" end')))
    assert text.startswith("flowchart LR\n")
    arrows = [line for line in text.splitlines() if re.search(r"(-->|-\.->|==>|---)\|", line)]
    assert len(arrows) == len(edges)
    ids = set(re.findall(r"\b(n_\w+)\[", text))
    assert all(re.fullmatch(r"n_[a-z0-9_]+", i) for i in ids)
    assert 'n_amazon_aws_end["Amazon #quot;AWS#quot; end"]' in text
    assert '-->|"invest $4B"| n_anthropic' in text


def test_graphml_keeps_bloc_relation_and_amount(edges, tmp_path):
    G = nx.read_graphml(draw(edges, None, tmp_path / "alliances.graphml"))
    assert G.nodes["Anthropic"]["bloc"] == "Amazon bloc"
    invest = [d for _, v, d in G.out_edges("Amazon", data=True) if d["relation"] == "INVESTS_IN"]
    assert invest[0]["amount"] == 4e9
    assert G.number_of_edges() == len(edges)


def test_gexf_keeps_bloc_relation_and_amount(edges, tmp_path):
    G = nx.read_gexf(draw(edges, None, tmp_path / "alliances.gexf"))
    assert G.nodes["OpenAI"]["bloc"] == "Microsoft bloc"
    relations = sorted(d["relation"] for _, _, d in G.edges(data=True))
    assert relations == sorted(edges["relation"])
    assert {d.get("amount") for _, _, d in G.edges(data=True)} >= {4e9, 13e9}


# -- selection --------------------------------------------------------------------------------


def orgs(frame: pd.DataFrame) -> set[str]:
    return set(frame["source"]) | set(frame["target"])


def test_focus_keeps_the_organisation_and_its_partners(edges):
    assert orgs(select_edges(edges, focus="Amazon")) == {"Amazon", "Anthropic", "Hugging Face"}
    assert orgs(select_edges(edges, focus="Amazon", hops=2)) == {
        "Amazon",
        "Anthropic",
        "Hugging Face",
        "Google",
    }


def test_bloc_keeps_the_relationships_inside_the_bloc(edges):
    frame = select_edges(edges, find_blocs(alliance_graph(edges)), bloc="Microsoft")
    assert orgs(frame) == {"Microsoft", "OpenAI", "Nvidia"}


def test_relations_filter_accepts_short_names(edges):
    frame = select_edges(edges, relations="cloud,chips")
    assert set(frame["relation"]) == {"PROVIDES_CLOUD", "SUPPLIES_CHIPS"}


def test_as_of_draws_the_graph_of_that_date(edges):
    assert "Character.AI" not in orgs(select_edges(edges, as_of="2024-06"))
    assert "Character.AI" in orgs(select_edges(edges, as_of="2024-08"))


def test_blocs_may_be_a_plain_mapping(edges):
    membership = find_blocs(alliance_graph(edges)).membership
    assert orgs(select_edges(edges, membership, bloc="google bloc")) == {
        "Google",
        "DeepMind",
        "Character.AI",
    }


def test_unknown_suffix_raises_a_domain_error(edges, tmp_path):
    with pytest.raises(DiagramError, match=r"choose \.svg"):
        draw(edges, None, tmp_path / "alliances.jpg")


def test_unknown_focus_names_the_nearest(edges):
    with pytest.raises(DiagramError, match="did you mean Anthropic"):
        select_edges(edges, focus="Antropic")


def test_empty_selection_raises_a_domain_error(edges):
    with pytest.raises(DiagramError, match="nothing to draw"):
        select_edges(edges, relations="acquire", focus="Amazon")


# -- the static picture -----------------------------------------------------------------------


def test_labels_do_not_overlap_on_a_sixty_organisation_graph(sixty):
    fig = alliance_figure(sixty)
    renderer = FigureCanvasAgg(fig).get_renderer()
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("org-")]
    assert len(labels) == len(orgs(select_edges(sixty))) >= 50
    boxes = [t.get_window_extent(renderer) for t in labels]
    clashes = [
        (a.get_text(), b.get_text())
        for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes, strict=True), 2)
        if box_a.overlaps(box_b)
    ]
    assert clashes == []


def test_amounts_label_investment_edges(edges):
    texts = {t.get_text() for t in alliance_figure(edges).axes[0].texts}
    assert {"$4B", "$2B", "$13B"} <= texts


def test_legend_names_relations_and_blocs(edges):
    legend = alliance_figure(edges).legends[0]
    entries = [t.get_text() for t in legend.get_texts()]
    assert {"invest", "cloud", "chips", "partner", "acquire", "distribute"} <= set(entries)
    assert any(entry.startswith("Amazon bloc") for entry in entries)


def test_roles_from_a_nodes_table_colour_borders(edges):
    nodes = pd.DataFrame({"name": ["Amazon"], "labels": [["Organization", "CloudProvider"]]})
    legend = alliance_figure(edges, nodes=nodes).legends[0]
    assert "border: CloudProvider" in [t.get_text() for t in legend.get_texts()]


def test_docstring_examples_hold():
    # testmod on the package sees only objects defined in __init__: run it on every module
    failures = tried = 0
    for module in pkgutil.iter_modules(diagrams.__path__):
        found = importlib.import_module(f"{diagrams.__name__}.{module.name}")
        result = doctest.testmod(found, optionflags=doctest.NORMALIZE_WHITESPACE)
        failures += result.failed
        tried += result.attempted
    assert tried >= 18 and failures == 0


def test_a_graph_too_big_to_draw_whole_is_drawn_as_its_most_connected_part(
    sixty, tmp_path, monkeypatch
):
    monkeypatch.setattr("graph.diagrams.write.MAX_STATIC_NODES", 20)
    path = draw(sixty, None, tmp_path / "alliances.svg")
    root = ET.parse(path).getroot()
    ids = {el.get("id") for el in root.iter() if (el.get("id") or "").startswith("org-")}
    assert 0 < len(ids) <= 20


def test_a_chosen_selection_too_big_to_draw_still_says_so(sixty, tmp_path, monkeypatch):
    monkeypatch.setattr("graph.diagrams.write.MAX_STATIC_NODES", 5)
    name = sixty["source"].iloc[0]
    with pytest.raises(DiagramError, match="too many to draw"):
        draw(sixty, None, tmp_path / "alliances.svg", focus=name, hops=2)


def test_svg_labels_are_text_not_glyph_paths(edges, tmp_path):
    path = draw(edges, None, tmp_path / "alliances.svg")
    svg = path.read_text(encoding="utf-8")
    assert "<text" in svg and 'id="DejaVuSans-' not in svg
