"""``alliances clusters``, ``analyze`` and ``diagram``: alliance edges pulled from the store,
analysed (graph.analytics) and drawn (graph.diagrams)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from .. import console
from .common import (
    cli,
    format_option,
    handle_errors,
    method_option,
    opened_store,
    store_options,
)

# Alliance edges are pulled from the store with Cypher (Store.alliance_edges), analysed with
# networkx / igraph (graph.analytics) and drawn (graph.diagrams).


def analysis_options(func: Callable) -> Callable:
    """``--method``, ``--as-of``, ``--seed``: identical on every command that finds blocs."""
    func = click.option(
        "--seed", type=int, default=42, show_default=True, help="Seed of the clustering."
    )(func)
    func = click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        default=None,
        help="The graph as of a date (YYYY, YYYY-MM or YYYY-MM-DD), from the edges' dates.",
    )(func)
    return method_option(func)


def _alliance_edges(store, as_of: str | None):
    edges = store.alliance_edges(as_of=as_of)
    if edges.empty:
        raise click.ClickException(
            f"the store at {store.location} holds no alliances{' as of ' + as_of if as_of else ''}"
            "; load triples first (alliances load, ingest or build)"
        )
    return edges


def _analysis(store, method: str, as_of: str | None, seed: int):
    from ..analytics import analyze

    edges = _alliance_edges(store, as_of)
    return edges, analyze(edges, as_of=as_of, method=method, seed=seed)


def _bloc_rows(analysis, limit: int = 12) -> list[tuple]:
    contested = analysis.contested
    rows = []
    for bloc in analysis.blocs:
        members = list(bloc.members)
        shown = ", ".join(members[:limit]) + (
            f" (+{len(members) - limit})" if len(members) > limit else ""
        )
        labs = (
            sorted(set(contested.loc[contested["bloc"] == bloc.name, "lab"]))
            if len(contested)
            else []
        )
        rows.append((bloc.name, len(members), shown, ", ".join(labs)))
    return rows


@cli.command()
@store_options
@analysis_options
@format_option("table", "json")
@click.option(
    "--no-write-back", is_flag=True, help="Do not write bloc and centrality to the store."
)
@handle_errors
def clusters(store_path, neo4j_uri, method, as_of, seed, fmt, no_write_back) -> None:
    """Find the alliance blocs and write each organisation's bloc back to the store.

    Blocs are communities of the alliance graph (Louvain by default, seeded: the same graph
    gives the same blocs), each named after its central organisation. Afterwards Cypher can ask
    by bloc: MATCH (o:Organization {bloc: 'Amazon bloc'}) RETURN o.name.

    \b
    Examples:
      alliances clusters
      alliances clusters --as-of 2024-03 --format json
      alliances clusters --method leiden --no-write-back
    """
    with opened_store(store_path, neo4j_uri) as store:
        _, analysis = _analysis(store, method, as_of, seed)
        if not no_write_back and not as_of:
            store.write_back(analysis.rows)
    blocs = analysis.blocs
    if fmt == "json":
        click.echo(json.dumps(blocs.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    console.table(
        f"{len(blocs.blocs)} blocs ({blocs.method}, modularity {blocs.modularity:.3f})"
        + (f" as of {as_of}" if as_of else ""),
        ["bloc", "size", "members", "contested labs"],
        _bloc_rows(analysis),
        console=console.out,
    )


@cli.command()
@store_options
@analysis_options
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per table."
)
@format_option("table", "json")
@handle_errors
def analyze(store_path, neo4j_uri, method, as_of, seed, top, fmt) -> None:
    """Centrality, contested labs and compute dependency of the alliance graph.

    \b
    centrality   weighted degree (strength) and betweenness: who is most connected
    contested    labs tied to two or more blocs, and through which edges
    dependency   each lab's cloud and chip suppliers and how concentrated they are (HHI:
                 1.0 = one supplier, lower = spread)

    \b
    Examples:
      alliances analyze
      alliances analyze --as-of 2024 --format json
    """
    with opened_store(store_path, neo4j_uri) as store:
        _, analysis = _analysis(store, method, as_of, seed)
    tables = {
        "centrality": analysis.centrality.head(top),
        "contested": analysis.contested,
        # the labs with the most compute suppliers first
        "dependency": analysis.dependency.assign(
            suppliers=analysis.dependency["cloud"].map(len) + analysis.dependency["chips"].map(len)
        )
        .sort_values(["suppliers", "lab"], ascending=[False, True])
        .drop(columns="suppliers")
        .head(top),
    }
    if fmt == "json":
        click.echo(
            json.dumps(
                {k: json.loads(v.to_json(orient="records")) for k, v in tables.items()},
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    _print_analysis(tables, top)


@cli.command()
@store_options
@analysis_options
@click.option(
    "-o",
    "--output",
    default="alliances.svg",
    show_default=True,
    metavar="FILE",
    help="Format by suffix: .svg .png (static), .html (interactive, offline), .mmd (Mermaid), "
    ".graphml .gexf (Gephi, yEd).",
)
@click.option("--focus", metavar="ORG", default=None, help="Only ORG and its allies.")
@click.option(
    "--hops", type=click.IntRange(1, 2), default=1, show_default=True, help="With --focus: how far."
)
@click.option(
    "--bloc", metavar="NAME", default=None, help='Only one bloc ("Amazon bloc" or "Amazon").'
)
@click.option(
    "--relations",
    metavar="R1,R2",
    default=None,
    help="Only these relations: invest, cloud, chips, partner, acquire, distribute (or their "
    "names, INVESTS_IN ...).",
)
@handle_errors
def diagram(
    store_path, neo4j_uri, method, as_of, seed, output, focus, hops, bloc, relations
) -> None:
    """Draw the alliance graph, organisations coloured by bloc, edges styled by relation.

    \b
    Examples:
      alliances diagram -o alliances.svg
      alliances diagram -o anthropic.html --focus Anthropic --hops 2
      alliances diagram -o blocs.mmd --relations invest,cloud,chips --as-of 2024
    """
    from ..analytics import alliance_graph, find_blocs
    from ..diagrams import draw

    with opened_store(store_path, neo4j_uri) as store:
        edges = _alliance_edges(store, as_of)
        picture = Path(output).suffix.lower() in {".svg", ".png", ".html"}
        evidence = _evidence(store) if output.lower().endswith(".html") else None
        nodes = store.organizations() if picture else None  # roles colour pictures only
    blocs = find_blocs(alliance_graph(edges, as_of=as_of), method, seed=seed)
    path = draw(
        edges,
        blocs,
        output,
        focus=focus,
        hops=hops,
        bloc=bloc,
        relations=relations,
        as_of=as_of,
        evidence=evidence,
        nodes=nodes,
        seed=seed,
    )
    console.err.print(f"wrote {path}")


def _shares(shares: dict) -> str:
    return ", ".join(
        f"{name} {share:.0%}" for name, share in sorted(shares.items(), key=lambda kv: -kv[1])
    )


def _print_analysis(tables: dict, top: int) -> None:
    """The three tables of `analyze`, cut to what a terminal shows well."""
    centrality = tables["centrality"]
    console.table(
        "most connected (strength: weighted degree)",
        ["organisation", "allies", "strength", "betweenness"],
        [
            (r.name, r.degree, f"{r.strength:.1f}", f"{r.betweenness:.3f}")
            for r in centrality.itertuples()
        ],
        console=console.out,
    )
    contested = tables["contested"]
    rows = []
    for lab, group in contested.groupby("lab", sort=False):
        home = group.loc[group["home"], "bloc"]
        others = group.loc[~group["home"]].sort_values("share", ascending=False)
        rows.append(
            (
                lab,
                home.iloc[0] if len(home) else "",
                ", ".join(
                    f"{b} {s:.0%}" for b, s in zip(others["bloc"], others["share"], strict=True)
                ),
            )
        )
    rows.sort(key=lambda r: (-r[2].count(" bloc "), r[0]))
    console.table(
        f"contested labs ({len(rows)}; share of each lab's ties)",
        ["lab", "home bloc", "also tied to"],
        rows[:top],
        console=console.out,
    )
    dependency = tables["dependency"]
    console.table(
        "compute dependency (HHI 1.0 = a single supplier)",
        ["lab", "cloud", "chips", "HHI"],
        [
            (r.lab, _shares(r.cloud), _shares(r.chips), f"{r.hhi:.2f}")
            for r in dependency.itertuples()
        ],
        console=console.out,
    )


def _evidence(store) -> dict:
    """Sentences behind each edge, for the HTML diagram's hover."""
    frame = store.query(
        "MATCH (s)<-[:SUBJECT]-(e:Evidence)-[:OBJECT]->(o) "
        "RETURN s.name AS s, e.relation AS r, o.name AS o, e.sentence AS sentence"
    )
    evidence: dict[tuple[str, str, str], list[str]] = {}
    for row in frame.itertuples(index=False):
        sentences = evidence.setdefault((row.s, row.r, row.o), [])
        if len(sentences) < 5 and row.sentence not in sentences:
            sentences.append(row.sentence)
    return evidence
