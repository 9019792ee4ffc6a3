"""Map of concertations: who sits on which table, the load it makes, and who bridges sectors.

Input: actor × table memberships (optional ``heures``: hours the actor gives that table per
year), and optional actor attributes (``secteur``, ``taille``). Output: load per actor, overlap
between tables, the actor–actor projection (two actors are linked when they share a table) with
density, Freeman degree centralization and betweenness (networkx, normalized), and brokerage
between sectors. What-if helpers merge tables or add a liaison committee and compare measures.

Graph measures come from networkx; only Freeman's centralization (one line over the degrees) and
the brokerage count are written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DataError
from ..i18n import t
from .tables import LINE, numbers, read_table, refuse_duplicates, require_values

MAX_WORK = 20_000_000  # actors × actor pairs sharing a table: beyond it, betweenness takes minutes
MEMBERSHIP_ALIASES = {"actor": "acteur", "organisme": "acteur", "table_de_concertation": "table",
                      "concertation": "table", "hours": "heures"}


def read_memberships(path):
    """Read ``acteur``, ``table`` (and optional ``heures``) rows; duplicates and bad hours refused."""
    frame = read_table(path, required=["acteur", "table"], optional=("heures",), aliases=MEMBERSHIP_ALIASES)
    for column in ("acteur", "table"):
        require_values(frame, column, path)
    if "heures" in frame.columns:
        frame["heures"] = numbers(frame, "heures", path, allow_empty=True, low=0)
    refuse_duplicates(frame, ["acteur", "table"], path)
    refuse_too_large(frame, path)
    return frame


def refuse_too_large(memberships, path=None) -> None:
    """Refuse a map whose actor–actor projection would take minutes to measure (betweenness, brokerage).

    The work of betweenness grows with actors × links; links are bounded by the pairs of members
    of each table. A table of 300 actors is still measured (a few seconds); a "table" of 1,000
    (a mailing list rather than a concertation) would take several minutes.
    """
    sizes = memberships.groupby("table")["acteur"].nunique()
    pairs = int((sizes * (sizes - 1) // 2).sum())
    actors = int(memberships["acteur"].nunique())
    if actors * pairs > MAX_WORK:
        largest = sizes.idxmax()
        raise DataError(t("tools.network.too_large", actors=actors, pairs=pairs, table=largest,
                          members=int(sizes.max())), path=path)


def read_actors(path, memberships=None):
    """Read actor attributes (``acteur``, ``secteur``, optional ``taille``); unknown actors refused."""
    frame = read_table(path, required=["acteur", "secteur"], optional=("taille",),
                       aliases={"actor": "acteur", "sector": "secteur", "size": "taille"})
    require_values(frame, "acteur", path)
    require_values(frame, "secteur", path)
    if "taille" in frame.columns:
        frame["taille"] = numbers(frame, "taille", path, allow_empty=True, low=0)
    refuse_duplicates(frame, ["acteur"], path)
    if memberships is not None:
        unknown = frame[~frame["acteur"].isin(set(memberships["acteur"]))]
        if not unknown.empty:
            raise DataError(t("tools.network.unknown_actor", actor=unknown["acteur"].iloc[0]), path=path,
                            line=int(unknown[LINE].iloc[0]), column="acteur")
    return frame


def projection(memberships):
    """Actor–actor graph: an edge when two actors share at least one table (weight = shared tables)."""
    import networkx as nx
    from networkx.algorithms import bipartite

    graph = nx.Graph()
    actors = sorted(set(memberships["acteur"]))
    tables = sorted(set(memberships["table"]))
    graph.add_nodes_from((("a", a) for a in actors), bipartite=0)
    graph.add_nodes_from((("t", x) for x in tables), bipartite=1)
    graph.add_edges_from((("a", a), ("t", x)) for a, x in zip(memberships["acteur"], memberships["table"],
                                                               strict=True))
    projected = bipartite.weighted_projected_graph(graph, [("a", a) for a in actors])
    return nx.relabel_nodes(projected, {node: node[1] for node in projected.nodes})


def freeman_degree_centralization(graph) -> float:
    """Σ (max degree − degree) / ((n − 1)(n − 2)); 0 when all equal, 1 for a star."""
    n = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def sector_brokerage(graph, sectors: dict) -> dict:
    """For each actor B, count pairs of its neighbours A, C that are not linked, by role.

    Roles (undirected reading of Gould and Fernandez): ``coordination`` (A, B, C same sector),
    ``consultant`` (A and C same sector, B another), ``representant`` (B shares its sector with
    exactly one of A, C), ``liaison`` (three sectors). Cross-sector brokerage = representant +
    liaison (A and C in different sectors).
    """
    from itertools import combinations

    result = {}
    for b in graph.nodes:
        counts = {"coordination": 0, "consultant": 0, "representant": 0, "liaison": 0}
        for a, c in combinations(sorted(graph.neighbors(b)), 2):
            if graph.has_edge(a, c):
                continue
            sa, sb, sc = sectors.get(a), sectors.get(b), sectors.get(c)
            if sa == sc:
                counts["coordination" if sa == sb else "consultant"] += 1
            elif sb in (sa, sc):
                counts["representant"] += 1
            else:
                counts["liaison"] += 1
        result[b] = counts
    return result


@dataclass
class NetworkMap:
    """Result of :func:`analyse`: network measures, per-actor and per-table tables, overlaps."""

    measures: dict
    actors: object
    tables: object
    overlaps: object
    graph: object

    def to_dict(self) -> dict:
        """JSON-ready dictionary (``density``, per-actor ``tables`` and ``betweenness``…)."""
        actors = {}
        for row in self.actors.to_dict("records"):
            name = row.pop("acteur")
            actors[name] = {k: (None if v != v else v) for k, v in row.items()}
        return {**self.measures, "actors": actors, "tables": self.tables.to_dict("records"),
                "overlaps": self.overlaps.to_dict("records")}


def analyse(memberships, actors=None) -> NetworkMap:
    """All measures of the map of concertations."""
    import networkx as nx
    import pandas as pd

    graph = projection(memberships)
    sectors = {}
    if actors is not None:
        sectors = dict(zip(actors["acteur"], actors["secteur"], strict=True))
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    load = memberships.groupby("acteur").agg(tables=("table", "nunique"))
    if "heures" in memberships.columns:
        load["heures"] = memberships.groupby("acteur")["heures"].sum(min_count=1)
    table = load.reset_index()
    table["degre"] = table["acteur"].map(dict(graph.degree()))
    table["intermediarite"] = table["acteur"].map(betweenness)
    table["betweenness"] = table["intermediarite"]
    if sectors:
        table["secteur"] = table["acteur"].map(sectors)
        brokerage = sector_brokerage(graph, sectors)
        for role in ("coordination", "consultant", "representant", "liaison"):
            table[role] = table["acteur"].map(lambda a, role=role: brokerage[a][role])
        table["courtage_intersectoriel"] = table["representant"] + table["liaison"]
        if actors is not None and "taille" in actors.columns:
            table["taille"] = table["acteur"].map(dict(zip(actors["acteur"], actors["taille"], strict=True)))
    table = table.sort_values(["intermediarite", "tables", "acteur"], ascending=[False, False, True])
    members = memberships.groupby("table")["acteur"].apply(set)
    tables = pd.DataFrame({"table": members.index, "membres": [len(m) for m in members]})
    if "heures" in memberships.columns:
        tables["heures"] = memberships.groupby("table")["heures"].sum(min_count=1).reindex(members.index).to_numpy()
    overlaps = []
    names = list(members.index)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = members[a] & members[b]
            if shared:
                overlaps.append({"table_a": a, "table_b": b, "communs": len(shared),
                                 "jaccard": len(shared) / len(members[a] | members[b]),
                                 "acteurs": ", ".join(sorted(shared))})
    overlaps = pd.DataFrame(overlaps, columns=["table_a", "table_b", "communs", "jaccard", "acteurs"])
    overlaps = overlaps.sort_values(["communs", "table_a"], ascending=[False, True])
    n = graph.number_of_nodes()
    values = list(betweenness.values())
    top = max(values) if values else 0.0
    measures = {"actors_count": n, "tables_count": len(names), "links": graph.number_of_edges(),
                "density": nx.density(graph) if n > 1 else 0.0,
                "degree_centralization": freeman_degree_centralization(graph),
                "betweenness_centralization": (sum(top - v for v in values) / (n - 1)) if n > 2 else 0.0,
                "components": nx.number_connected_components(graph) if n else 0,
                "mean_tables_per_actor": float(load["tables"].mean()) if n else 0.0}
    return NetworkMap(measures=measures, actors=table.reset_index(drop=True), tables=tables,
                      overlaps=overlaps.reset_index(drop=True), graph=graph)


def merge_tables(memberships, tables: list[str], new_name: str | None = None):
    """What-if: the listed tables become one (an actor on several of them now sits once)."""
    import pandas as pd

    missing = [x for x in tables if x not in set(memberships["table"])]
    if missing:
        raise DataError(t("tools.network.unknown_table", table=missing[0]))
    new_name = new_name or " + ".join(tables)
    merged = memberships.copy()
    chosen = merged["table"].isin(tables)
    merged.loc[chosen, "table"] = new_name
    aggregations = {"heures": ("heures", "max")} if "heures" in merged.columns else {}
    if aggregations:
        grouped = merged.groupby(["acteur", "table"], as_index=False).agg(**aggregations)
        return pd.DataFrame(grouped)
    return merged.drop_duplicates(["acteur", "table"])[["acteur", "table"]].reset_index(drop=True)


def link_tables(memberships, tables: list[str], delegates: dict | None = None,
                name: str = "Comité de liaison", hours: float | None = None):
    """What-if: a liaison committee with one delegate per listed table.

    ``delegates`` maps table → actor; by default the member of that table who sits on the most
    tables (ties broken alphabetically) is the delegate.
    """
    import pandas as pd

    missing = [x for x in tables if x not in set(memberships["table"])]
    if missing:
        raise DataError(t("tools.network.unknown_table", table=missing[0]))
    load = memberships.groupby("acteur")["table"].nunique()
    chosen = []
    for table in tables:
        members = sorted(memberships.loc[memberships["table"] == table, "acteur"])
        actor = (delegates or {}).get(table) or sorted(members, key=lambda a: (-load[a], a))[0]
        if actor not in chosen:
            chosen.append(actor)
    row = {"acteur": chosen, "table": name}
    if "heures" in memberships.columns:
        row["heures"] = hours
    return pd.concat([memberships, pd.DataFrame(row)], ignore_index=True)


def compare(before: NetworkMap, after: NetworkMap):
    """Network measures side by side, with the difference."""
    import pandas as pd

    rows = [{"mesure": key, "avant": before.measures[key], "apres": after.measures.get(key),
             "difference": (after.measures.get(key) or 0) - before.measures[key]} for key in before.measures]
    return pd.DataFrame(rows)


def layout(graph, seed: int = 0):
    """Stable positions: networkx spring layout on nodes sorted by name, with a fixed seed."""
    import networkx as nx

    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges))
    return nx.spring_layout(ordered, seed=seed) if len(ordered) else {}
