"""Map of concertations: who sits on which table, the load it makes, and who bridges sectors.

Input: actor × table memberships (optional ``heures``: hours the actor gives that table per
year), and optional actor attributes (``secteur``, ``taille``). Output: load per actor, overlap
between tables, the actor–actor projection (two actors are linked when they share a table) with
density, Freeman degree centralization and betweenness (networkx, normalized), and brokerage
between sectors. What-if rules (merge, link, coordinate, liaison committee) are written once, on one
actors × tables model (:class:`Territory`), for the command line and the notebooks alike.

Graph measures come from networkx; only Freeman's centralization (one line over the degrees) and
the brokerage count are written here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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


# --- one actors × tables model, and every what-if rule written once ---------------------------------
#
# The command line (``ocworkbook network --merge/--link/--coordinate/--committee``), the tool's widget and
# notebook 05's simulator all go through :class:`Territory` and the four rules below, so they agree on the
# same data (a test checks it). Each rule returns a *new* territory and leaves the old one untouched.


@dataclass(frozen=True)
class Territory:
    """Who sits at which table, what each seat costs in hours per year, and how tables work together.

    ``tables``: table id → fields (``nom``, ``heures``: the table's meeting hours per year, or None);
    ``actors``: actor id → fields (``nom``, ``secteur``, ``taille``…); ``seats``: (actor, table) → the
    seat's hours per year (None when unknown); ``coordinated``: groups of coordinated tables, whose
    joint part (``shared_part``) is not counted twice; ``liaisons``: pairs of tables linked by delegation.
    """

    tables: dict
    actors: dict
    seats: dict
    coordinated: tuple = ()
    shared_part: float = 0.5
    liaisons: frozenset = frozenset()

    def members(self, table_id: str) -> set[str]:
        """Actors sitting at ``table_id``."""
        return {a for a, x in self.seats if x == table_id}

    def tables_of(self, actor_id: str) -> set[str]:
        """Tables where ``actor_id`` sits."""
        return {x for a, x in self.seats if a == actor_id}

    def name(self, table_id: str) -> str:
        return str(self.tables.get(table_id, {}).get("nom") or table_id)


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def territory_from_memberships(memberships, actors=None) -> Territory:
    """The territory of the frames ``ocworkbook network`` reads (``acteur``, ``table``, ``heures``; the
    optional actors file: ``acteur``, ``secteur``, ``taille``). A table meets as long as its busiest seat."""
    seats, tables = {}, {}
    hours = memberships["heures"] if "heures" in memberships.columns else [None] * len(memberships)
    for actor, table, seat_hours in zip(memberships["acteur"], memberships["table"], hours, strict=True):
        seats[(str(actor), str(table))] = _number(seat_hours)
        tables.setdefault(str(table), {"nom": str(table), "heures": None})
    for (_, table), seat_hours in seats.items():
        if seat_hours is not None:
            current = tables[table]["heures"]
            tables[table]["heures"] = seat_hours if current is None else max(current, seat_hours)
    known = {}
    if actors is not None:
        for row in actors.to_dict("records"):
            known[str(row["acteur"])] = {k: v for k, v in row.items() if k != LINE}
    people = {a: {"nom": a, **known.get(a, {})} for a, _ in seats}
    return Territory(tables=tables, actors=people, seats=seats)


def territory_from_records(actors, tables, seats, *, actor="acteur_id", table="table_id",
                           hours="heures_par_an") -> Territory:
    """The territory of records where hours belong to the table (notebook 05's ``mrc_*`` datasets): every
    seat costs its table's hours. Raises :class:`DataError` naming the seat row (from 1) with an unknown id."""
    actor_map = {str(r[actor]): dict(r) for r in actors}
    table_map = {}
    for row in tables:
        key = str(row[table])
        value = _number(row.get(hours))
        if value is None:
            raise DataError(t("tools.network.bad_hours"), item=key, column=hours)
        table_map[key] = {**dict(row), "nom": str(row.get("nom") or key), "heures": value}
    seat_map = {}
    for line, row in enumerate(seats, start=1):
        a, x = str(row[actor]), str(row[table])
        if a not in actor_map:
            raise DataError(t("tools.network.unknown_actor_id", actor=a), line=line, column=actor)
        if x not in table_map:
            raise DataError(t("tools.network.unknown_table", table=x), line=line, column=table)
        seat_map[(a, x)] = table_map[x]["heures"]
    return Territory(tables=table_map, actors=actor_map, seats=seat_map)


def _check_tables(territory: Territory, table_ids, minimum: int = 2) -> list[str]:
    ids = list(dict.fromkeys(str(x) for x in table_ids))
    unknown = [x for x in ids if x not in territory.tables]
    if unknown:
        names = ", ".join(sorted(territory.name(x) for x in territory.tables))
        raise DataError(t("tools.network.unknown_table_listed", table=unknown[0], tables=names))
    if len(ids) < minimum:
        raise DataError(t("tools.network.choose_two"))
    return ids


def merge(territory: Territory, table_ids, new_id: str | None = None, name: str | None = None,
          hours: float | None = None) -> Territory:
    """**Fusionner** — several tables become one.

    Rule: every actor of a merged table sits once at the new one; the new table meets as much as the
    busiest merged table (a wider agenda in the same calendar), or ``hours`` per year, and each of its
    seats costs that. Coordination groups and liaisons that named a merged table now name the new one.
    """
    ids = _check_tables(territory, table_ids)
    default_name = " + ".join(territory.name(x) for x in ids)
    new_id = new_id or default_name
    if new_id in territory.tables and new_id not in ids:
        raise DataError(t("tools.network.id_taken", table=new_id))
    known = [territory.tables[x]["heures"] for x in ids if territory.tables[x]["heures"] is not None]
    merged_hours = float(hours) if hours is not None else (max(known) if known else None)
    tables = {x: row for x, row in territory.tables.items() if x not in ids}
    tables[new_id] = {"nom": name or default_name, "heures": merged_hours, "fusion_de": ids}
    seats = {}
    for (a, x), seat_hours in territory.seats.items():
        seats[(a, new_id) if x in ids else (a, x)] = merged_hours if x in ids else seat_hours

    def rename(group):
        return frozenset(new_id if x in ids else x for x in group)

    coordinated = tuple(g for g in (rename(g) for g in territory.coordinated) if len(g) > 1)
    liaisons = frozenset(g for g in (rename(g) for g in territory.liaisons) if len(g) > 1)
    return replace(territory, tables=tables, seats=seats, coordinated=coordinated, liaisons=liaisons)


def is_small(row: dict, sizes) -> bool:
    """Whether an actor counts as small: its ``taille`` is one of ``sizes`` (« petit »), or, when ``sizes``
    is a number, a numeric ``taille`` (staff) at most that number."""
    size = row.get("taille")
    if isinstance(sizes, (int, float)) and not isinstance(sizes, bool):
        value = _number(size)
        return value is not None and value <= sizes
    return size is not None and str(size) in {str(s) for s in sizes}


def link(territory: Territory, keep: str, follow: str, sizes=("petit",)) -> Territory:
    """**Lier** — two tables exchange a delegate and their minutes.

    Rule: a small actor (:func:`is_small`) sitting at both tables keeps its seat at ``keep`` only and
    follows ``follow`` through the delegate; the liaison between the two tables is recorded.
    """
    keep, follow = _check_tables(territory, [keep, follow])
    both = territory.members(keep) & territory.members(follow)
    leaving = {a for a in both if is_small(territory.actors.get(a, {}), sizes)}
    seats = {k: v for k, v in territory.seats.items() if not (k[1] == follow and k[0] in leaving)}
    return replace(territory, seats=seats, liaisons=territory.liaisons | {frozenset((keep, follow))})


def coordinate(territory: Territory, table_ids, shared_part: float | None = None) -> Territory:
    """**Coordonner** — same meeting days and a joint part of the agenda.

    Rule: for an actor sitting at several tables of one coordination group, the joint part
    (``shared_part``, 0–1, kept for the whole territory) of the hours beyond its longest one is not
    counted twice: its hours there are ``sum − shared_part × (sum − max)``. Seats do not change.
    """
    ids = _check_tables(territory, table_ids)
    part = territory.shared_part if shared_part is None else float(shared_part)
    if not 0.0 <= part <= 1.0:
        raise DataError(t("tools.network.bad_part", value=part))
    group = frozenset(ids)
    kept = [g for g in territory.coordinated if not g & group]
    joined = group.union(*[g for g in territory.coordinated if g & group])
    return replace(territory, coordinated=tuple(kept) + (joined,), shared_part=part)


def delegates_of(territory: Territory, table_ids, delegates: dict | None = None) -> list[str]:
    """One delegate per table: by default the member who sits at the most tables (ties: alphabetical)."""
    chosen = []
    for table in table_ids:
        members = sorted(territory.members(table), key=lambda a: (-len(territory.tables_of(a)), a))
        actor = (delegates or {}).get(table) or (members[0] if members else None)
        if actor and actor not in chosen:
            chosen.append(actor)
    return chosen


def liaison_committee(territory: Territory, table_ids, table_id: str | None = None,
                      name: str | None = None, hours: float | None = None, delegates: dict | None = None) -> Territory:
    """**Comité de liaison** (a « table des tables ») — a new table with one delegate per listed table.

    Rule: each listed table delegates :func:`delegates_of`; the committee meets ``hours`` per year
    (unknown if not given); nothing else changes (it adds seats, it removes none).
    """
    ids = _check_tables(territory, table_ids)
    name = name or t("tools.network.committee")
    return add_table(territory, table_id or name, name, hours, delegates_of(territory, ids, delegates))


def add_table(territory: Territory, table_id: str, name: str, hours: float | None, members) -> Territory:
    """A new table with the given members; nothing is removed."""
    if table_id in territory.tables:
        raise DataError(t("tools.network.id_taken", table=table_id))
    unknown = [a for a in members if a not in territory.actors]
    if unknown:
        raise DataError(t("tools.network.unknown_actor_id", actor=unknown[0]))
    value = None if hours is None else float(hours)
    tables = {**territory.tables, table_id: {"nom": name, "heures": value}}
    seats = {**territory.seats, **{(str(a), table_id): value for a in members}}
    return replace(territory, tables=tables, seats=seats)


def actor_load(territory: Territory) -> dict[str, dict]:
    """Seats and hours per year of each actor (the :func:`coordinate` rule applied); hours None if unknown."""
    load = {}
    for actor in territory.actors:
        tables = territory.tables_of(actor)
        known = {x: territory.seats[(actor, x)] for x in tables if territory.seats[(actor, x)] is not None}
        hours = 0.0
        counted = set()
        for group in territory.coordinated:
            inside = [known[x] for x in tables & group if x in known]
            if inside:
                total = sum(inside)
                hours += total - territory.shared_part * (total - max(inside))
                counted |= tables & group
        hours += sum(v for x, v in known.items() if x not in counted)
        load[actor] = {"sieges": len(tables), "heures": round(hours, 2) if known else None}
    return load


def memberships_frame(territory: Territory):
    """The seats as the frame :func:`analyse` reads: ``acteur``, ``table``, ``heures``."""
    import pandas as pd

    rows = [{"acteur": a, "table": x, "heures": h} for (a, x), h in sorted(territory.seats.items())]
    frame = pd.DataFrame(rows, columns=["acteur", "table", "heures"])
    if frame["heures"].isna().all():  # no hours given: the frame has no hours column, as read from a file
        frame = frame.drop(columns=["heures"])
    return frame


def actors_frame(territory: Territory):
    """The seated actors as the frame :func:`analyse` reads: ``acteur``, ``secteur`` (and ``taille``)."""
    import pandas as pd

    seated = {a for a, _ in territory.seats}
    rows = [{"acteur": a, "secteur": row.get("secteur"), "taille": row.get("taille")}
            for a, row in territory.actors.items() if a in seated]
    frame = pd.DataFrame(rows, columns=["acteur", "secteur", "taille"])
    if frame["secteur"].isna().all():
        return None
    return frame.drop(columns=["taille"]) if frame["taille"].isna().all() else frame


def analyse_territory(territory: Territory) -> NetworkMap:
    """:func:`analyse` of a territory, with each actor's hours under the coordination rule, and the load
    measures: seats, total hours, heaviest load and liaisons."""
    result = analyse(memberships_frame(territory), actors_frame(territory))
    load = actor_load(territory)
    hours = {a: v["heures"] for a, v in load.items()}
    if any(v is not None for v in hours.values()):
        result.actors["heures"] = result.actors["acteur"].map(hours)
    known = [v for v in hours.values() if v is not None]
    result.measures.update({"seats": len(territory.seats), "liaisons": len(territory.liaisons),
                            "total_hours": round(sum(known), 1) if known else None,
                            "max_load": max(known) if known else None})
    return result


def merge_tables(memberships, tables: list[str], new_name: str | None = None):
    """:func:`merge` on a memberships frame (the frame back)."""
    return memberships_frame(merge(territory_from_memberships(memberships), tables, new_id=new_name))


def link_tables(memberships, tables: list[str], delegates: dict | None = None,
                name: str | None = None, hours: float | None = None):
    """:func:`liaison_committee` on a memberships frame (the frame back)."""
    territory = liaison_committee(territory_from_memberships(memberships), tables, name=name, hours=hours,
                                  delegates=delegates)
    return memberships_frame(territory)


def compare(before: NetworkMap, after: NetworkMap):
    """Network measures side by side, with the difference (None where a measure is unknown)."""
    import pandas as pd

    rows = []
    for key, value in before.measures.items():
        other = after.measures.get(key)
        difference = other - value if isinstance(value, (int, float)) and isinstance(other, (int, float)) else None
        rows.append({"mesure": key, "avant": value, "apres": other, "difference": difference})
    return pd.DataFrame(rows, columns=["mesure", "avant", "apres", "difference"])


def layout(graph, seed: int = 0):
    """Stable positions: networkx spring layout on nodes sorted by name, with a fixed seed."""
    import networkx as nx

    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges))
    return nx.spring_layout(ordered, seed=seed) if len(ordered) else {}
