"""Notebook 05: recomposing the concertations of a territory — merge, link or coordinate tables, and measure.

The territory and the rules are the practitioner tool's (:mod:`ocworkbook.tools.network`: one actors ×
tables model, each what-if rule written once), so the simulator and ``ocworkbook network --merge …`` agree
on the same data. What belongs to the case — the group whose load is followed, the sizes that follow a
linked table through a delegate, the joint part of coordinated meetings, the « table des tables » of the
prefect, the labels of the datasets' codes — is in ``datasets/cas/05-haut-rivage.yml``.
"""

from __future__ import annotations

from statistics import fmean

from ocworkbook.tools import network
from ocworkbook.tools.network import Territory

CASE = "05-haut-rivage"
MEASURE_KEYS = ("tables", "sieges", "heures_totales", "charge_max", "charge_groupe_suivi", "densite",
                "centralisation", "liaisons")


def load_case(root=None):
    """The case file of notebook 05."""
    from .cases import find_case

    return find_case(CASE, root, activity="recomposition")


def territory_from_datasets(actors, tables, seats, case=None) -> Territory:
    """The territory of the three ``mrc_*`` DataFrames (hours belong to the tables), with the case's joint part."""
    from dataclasses import replace

    territory = network.territory_from_records(actors.to_dict("records"), tables.to_dict("records"),
                                               seats.to_dict("records"))
    part = (case or load_case())["coordonner"]["part_commune"]
    return replace(territory, shared_part=float(part))


def followed_load(territory: Territory, case=None) -> float:
    """Mean hours per year of the actors of the case's followed group (sector, size) who still hold a seat."""
    group = (case or load_case())["groupe_suivi"]
    load = network.actor_load(territory)
    values = [load[a]["heures"] or 0.0 for a, row in territory.actors.items()
              if (row.get("secteur"), row.get("taille")) == (group["secteur"], group["taille"]) and load[a]["sieges"]]
    return round(fmean(values), 1) if values else 0.0


def measures(territory: Territory, case=None) -> dict[str, float]:
    """Summary measures of a territory (the network tool's, plus the followed group's mean load)."""
    result = network.analyse_territory(territory)
    m = result.measures
    return {"tables": m["tables_count"], "sieges": m["seats"], "heures_totales": m["total_hours"] or 0.0,
            "charge_max": m["max_load"] or 0.0, "charge_groupe_suivi": followed_load(territory, case),
            "densite": round(m["density"], 4), "centralisation": round(m["degree_centralization"], 4),
            "liaisons": m["liaisons"]}


def apply(territory: Territory, operation: str, tables, case=None, new_id: str | None = None) -> Territory:
    """One operation of the simulator: ``merge``, ``link`` (the first two tables, in list order) or
    ``coordinate``, with the case's parameters."""
    case = case or load_case()
    if operation == "merge":
        return network.merge(territory, tables, new_id=new_id)
    if operation == "link":
        tables = list(tables)
        if len(tables) != 2:
            from ocworkbook.errors import DataError
            from ocworkbook.i18n import t

            raise DataError(t("lessons.recomposition.err.link_two"))
        return network.link(territory, tables[0], tables[1], sizes=tuple(case["lier"]["tailles_deleguees"]))
    if operation == "coordinate":
        return network.coordinate(territory, tables, case["coordonner"]["part_commune"])
    raise ValueError(operation)


def table_of_tables(territory: Territory, case=None) -> tuple[Territory, list[str]]:
    """The prefect's proposal: a new table with one delegate per table (the network tool's liaison committee)."""
    proposal = (case or load_case())["table_des_tables"]
    after = network.liaison_committee(territory, sorted(territory.tables), table_id=proposal["id"],
                                      name=proposal["nom"], hours=proposal["heures"])
    return after, sorted(after.members(proposal["id"]))


def bridges(territory: Territory, top: int = 8):
    """Actors with the highest betweenness, with their cross-sector brokerage (network tool)."""
    result = network.analyse_territory(territory).actors
    result["nom"] = result["acteur"].map(lambda a: territory.actors[a].get("nom", a))
    columns = ["acteur", "nom", "secteur", "tables", "intermediarite", "courtage_intersectoriel"]
    return result[columns].head(top).reset_index(drop=True)


def memberships_frame(territory: Territory):
    """The seats as the frame ``ocworkbook network`` reads (kept for notebooks written before the merge)."""
    return network.memberships_frame(territory)


def actors_frame(territory: Territory):
    return network.actors_frame(territory)
