"""Recomposing the concertations of a territory: merge, link or coordinate tables, and measure the effect.

A :class:`Territory` holds tables (with their meeting hours per year), actors (with sector and size) and
seats (actor sits at table). The three redesign operations return a *new* territory and leave the old one
untouched, so a notebook can compare before and after. Every rule is stated in the docstring of its
function: they are simplifying assumptions to discuss, not an accounting standard.

Measures are computed on the *actor projection*: two actors are linked when they sit at a common table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations
from statistics import fmean

from ocworkbook.errors import DataError

SMALL_COMMUNITY = ("communautaire", "petit")


@dataclass(frozen=True)
class Territory:
    """Tables, actors and seats of one territory, plus coordination groups and liaisons between tables."""

    tables: dict[str, dict]
    actors: dict[str, dict]
    seats: frozenset[tuple[str, str]]
    coordinated: tuple[frozenset[str], ...] = ()
    shared_part: float = 0.5
    liaisons: frozenset[frozenset[str]] = field(default_factory=frozenset)

    def members(self, table_id: str) -> set[str]:
        """Actors sitting at ``table_id``."""
        return {a for a, t in self.seats if t == table_id}

    def tables_of(self, actor_id: str) -> set[str]:
        """Tables where ``actor_id`` sits."""
        return {t for a, t in self.seats if a == actor_id}


def territory_from_records(actors, tables, seats) -> Territory:
    """Build a territory from rows (e.g. ``df.to_dict("records")`` of mrc_acteurs, mrc_tables, mrc_adhesions).

    Raises :class:`DataError` naming the seat row (counted from 1) that refers to an unknown actor or table.
    """
    actor_map = {str(r["acteur_id"]): dict(r) for r in actors}
    table_map = {str(r["table_id"]): dict(r) for r in tables}
    for tid, row in table_map.items():
        try:
            row["heures_par_an"] = float(row["heures_par_an"])
        except (KeyError, TypeError, ValueError):
            raise DataError("heures par année manquantes ou non numériques.", item=tid,
                            column="heures_par_an") from None
    seat_set = set()
    for line, row in enumerate(seats, start=1):
        actor, table = str(row["acteur_id"]), str(row["table_id"])
        if actor not in actor_map:
            raise DataError(f"acteur inconnu : {actor}.", line=line, column="acteur_id")
        if table not in table_map:
            raise DataError(f"table inconnue : {table}.", line=line, column="table_id")
        seat_set.add((actor, table))
    return Territory(tables=table_map, actors=actor_map, seats=frozenset(seat_set))


def _check_tables(territory: Territory, table_ids) -> list[str]:
    ids = list(dict.fromkeys(table_ids))
    unknown = [t for t in ids if t not in territory.tables]
    if unknown:
        raise DataError(f"table inconnue : {', '.join(unknown)}.")
    if len(ids) < 2:
        raise DataError("choisissez au moins deux tables différentes.")
    return ids


# --------------------------------------------------------------------------- redesign operations


def merge(territory: Territory, table_ids, new_id: str, name: str | None = None,
          hours: float | None = None) -> Territory:
    """Replace several tables by one.

    Rules: every actor of a merged table sits at the new one; the new table meets ``hours`` per year,
    by default as much as the busiest merged table (a wider agenda in the same calendar). Coordination
    groups and liaisons that named a merged table now name the new one.
    """
    ids = _check_tables(territory, table_ids)
    if new_id in territory.tables and new_id not in ids:
        raise DataError(f"l'identifiant {new_id} est déjà pris par une autre table.")
    merged_hours = max(territory.tables[t]["heures_par_an"] for t in ids) if hours is None else float(hours)
    tables = {t: row for t, row in territory.tables.items() if t not in ids}
    default_name = " + ".join(str(territory.tables[t].get("nom", t)) for t in ids)
    tables[new_id] = {"table_id": new_id, "nom": name or default_name, "heures_par_an": merged_hours,
                      "fusion_de": ids}
    seats = {(a, new_id if t in ids else t) for a, t in territory.seats}

    def rename(group):
        return frozenset(new_id if t in ids else t for t in group)

    coordinated = tuple(g for g in (rename(g) for g in territory.coordinated) if len(g) > 1)
    liaisons = frozenset(g for g in (rename(g) for g in territory.liaisons) if len(g) > 1)
    return replace(territory, tables=tables, seats=frozenset(seats), coordinated=coordinated, liaisons=liaisons)


def link(territory: Territory, keep: str, follow: str, sizes=("petit",)) -> Territory:
    """Link two tables by delegation: they exchange a delegate and their minutes.

    Rule: an actor whose size is in ``sizes`` and who sits at both tables keeps its seat at ``keep`` only,
    and follows ``follow`` through the delegate; the liaison between the two tables is recorded.
    """
    _check_tables(territory, [keep, follow])
    both = territory.members(keep) & territory.members(follow)
    leaving = {a for a in both if territory.actors[a].get("taille") in sizes}
    seats = {(a, t) for a, t in territory.seats if not (t == follow and a in leaving)}
    return replace(territory, seats=frozenset(seats),
                   liaisons=territory.liaisons | {frozenset((keep, follow))})


def coordinate(territory: Territory, table_ids, shared_part: float | None = None) -> Territory:
    """Coordinate tables: same meeting days and a joint part of the agenda.

    Rule: for an actor sitting at several tables of one coordination group, the joint part
    (``shared_part``, 0–1, kept for the whole territory) of the meetings beyond the longest one is not
    counted twice: its hours are ``sum − shared_part × (sum − max)``. Seats do not change.
    """
    ids = _check_tables(territory, table_ids)
    part = territory.shared_part if shared_part is None else float(shared_part)
    if not 0.0 <= part <= 1.0:
        raise DataError(f"la part commune doit être entre 0 et 1 (reçu : {part}).")
    new_group = frozenset(ids)
    kept = [g for g in territory.coordinated if not g & new_group]
    joined = new_group.union(*[g for g in territory.coordinated if g & new_group])
    return replace(territory, coordinated=tuple(kept) + (joined,), shared_part=part)


def add_table(territory: Territory, table_id: str, name: str, hours: float, members) -> Territory:
    """Add a new table (for instance a « table des tables ») with the given members; nothing is removed."""
    if table_id in territory.tables:
        raise DataError(f"l'identifiant {table_id} est déjà pris par une autre table.")
    unknown = [a for a in members if a not in territory.actors]
    if unknown:
        raise DataError(f"acteur inconnu : {', '.join(map(str, unknown))}.")
    tables = {**territory.tables, table_id: {"table_id": table_id, "nom": name, "heures_par_an": float(hours)}}
    seats = territory.seats | {(str(a), table_id) for a in members}
    return replace(territory, tables=tables, seats=frozenset(seats))


# --------------------------------------------------------------------------- measures


def actor_load(territory: Territory) -> dict[str, dict]:
    """Seats and meeting hours per year of each actor (coordination rule of :func:`coordinate` applied)."""
    load = {}
    for actor in territory.actors:
        tables = territory.tables_of(actor)
        hours = 0.0
        counted = set()
        for group in territory.coordinated:
            inside = [territory.tables[t]["heures_par_an"] for t in tables & group]
            if inside:
                total = sum(inside)
                hours += total - territory.shared_part * (total - max(inside))
                counted |= tables & group
        hours += sum(territory.tables[t]["heures_par_an"] for t in tables - counted)
        load[actor] = {"sieges": len(tables), "heures": round(hours, 2)}
    return load


def table_overlap(territory: Territory) -> dict[tuple[str, str], int]:
    """Number of actors shared by each pair of tables (pairs sharing nobody are left out)."""
    members = {t: territory.members(t) for t in territory.tables}
    overlap = {}
    for a, b in combinations(sorted(members), 2):
        shared = len(members[a] & members[b])
        if shared:
            overlap[(a, b)] = shared
    return overlap


def memberships_frame(territory: Territory):
    """Seats as the frame :mod:`ocworkbook.tools.network` reads: ``acteur``, ``table``, ``heures``."""
    import pandas as pd

    rows = [{"acteur": a, "table": t, "heures": territory.tables[t]["heures_par_an"]}
            for a, t in sorted(territory.seats)]
    return pd.DataFrame(rows, columns=["acteur", "table", "heures"])


def actors_frame(territory: Territory):
    """Actors as the frame :mod:`ocworkbook.tools.network` reads: ``acteur``, ``secteur``, ``taille``."""
    import pandas as pd

    seated = {a for a, _ in territory.seats}
    return pd.DataFrame([{"acteur": a, "secteur": row.get("secteur"), "taille": row.get("taille")}
                         for a, row in territory.actors.items() if a in seated],
                        columns=["acteur", "secteur", "taille"])


def actor_graph(territory: Territory):
    """The actor projection (``networkx.Graph``, edge weight = tables shared), from the network tool."""
    from ocworkbook.tools import network

    graph = network.projection(memberships_frame(territory))
    graph.add_nodes_from(territory.actors)  # actors left without a seat stay visible as isolates
    return graph


def bridges(territory: Territory, top: int = 8):
    """Actors with the highest betweenness, with their cross-sector brokerage (network tool)."""
    from ocworkbook.tools import network

    result = network.analyse(memberships_frame(territory), actors_frame(territory)).actors
    result["nom"] = result["acteur"].map(lambda a: territory.actors[a].get("nom", a))
    columns = ["acteur", "nom", "secteur", "tables", "intermediarite", "courtage_intersectoriel"]
    return result[columns].head(top).reset_index(drop=True)


def measures(territory: Territory, group: tuple[str, str] = SMALL_COMMUNITY) -> dict[str, float]:
    """Summary measures of a territory.

    ``charge_petits_communautaires`` is the mean hours per year of the actors of ``group``
    (sector, size) — by default small community groups — that still hold at least one seat.
    """
    import networkx as nx

    from ocworkbook.tools import network

    seated = network.projection(memberships_frame(territory))
    load = actor_load(territory)
    small = [load[a]["heures"] for a, row in territory.actors.items()
             if (row.get("secteur"), row.get("taille")) == group and load[a]["sieges"]]
    return {
        "tables": len(territory.tables),
        "sieges": len(territory.seats),
        "heures_totales": round(sum(v["heures"] for v in load.values()), 1),
        "charge_max": max((v["heures"] for v in load.values()), default=0.0),
        "charge_petits_communautaires": round(fmean(small), 1) if small else 0.0,
        "densite": round(nx.density(seated), 4),
        "centralisation": round(network.freeman_degree_centralization(seated), 4),
        "liaisons": len(territory.liaisons),
    }
