"""The tools' result tables as people read them, for the terminal and the HTML report alike.

The result frames keep their machine columns (``p_value``, ``en_deca``, ``betweenness``…) for
``--json`` and for notebooks; what a practitioner reads goes through here: French headers from
the message catalogue, labels instead of codes, French numbers (« 2,96 », « < 0,001 », « 528 h »,
« −1 »), « — (aucune réponse) » instead of NaN. Each function returns a
:class:`ocworkbook.lessons.display.Table` (``.to_html()``; :func:`~.outputs.table_text` for text).
"""

from __future__ import annotations

from ..i18n import t
from .outputs import fmt_hours, fmt_number, fmt_p, fmt_signed, people_table


def _h(key: str) -> str:
    return t(f"tools.table.{key}")


def _num(digits: int):
    return lambda value: fmt_number(value, digits)


# --- diagnostic -------------------------------------------------------------------------------------


def diagnostic_overall(result):
    """Dimension | Personnes | Moyenne | Écart type | IC 95 % | Repère (one row per dimension)."""
    frame = result.overall.copy()
    frame["ic"] = [t("tools.table.interval", low=fmt_number(low), high=fmt_number(high)) if low == low else "—"
                   for low, high in zip(frame["ic_bas"], frame["ic_haut"], strict=True)]

    def mean(value):
        return fmt_number(value) if value == value else t("tools.diagnostic.no_answer")

    return people_table(frame, {"titre": (_h("dimension"), None), "n": (_h("people"), _num(0)),
                                "moyenne": (_h("mean"), mean), "ecart_type": (_h("sd"), _num(2)),
                                "ic": (_h("ci"), None), "bande": (_h("band"), None)},
                        numeric=("n", "moyenne", "ecart_type"))


def diagnostic_gaps(result):
    """Dimension | Type le plus haut (moyenne) | Type le plus bas (moyenne) | Écart | Valeur p | Valeur p (Holm)."""
    types = result.instrument.partner_types
    frame = result.gaps.copy()
    frame["haut"] = [f"{types[code]} ({fmt_number(mean)})"
                     for code, mean in zip(frame["type_haut"], frame["moyenne_haut"], strict=True)]
    frame["bas"] = [f"{types[code]} ({fmt_number(mean)})"
                    for code, mean in zip(frame["type_bas"], frame["moyenne_bas"], strict=True)]
    return people_table(frame, {"titre": (_h("dimension"), None), "haut": (_h("top_type"), None),
                                "bas": (_h("bottom_type"), None), "ecart": (_h("gap"), _num(2)),
                                "p_value": (_h("p"), fmt_p), "p_holm": (_h("p_holm"), fmt_p)},
                        numeric=("ecart", "p_value", "p_holm"))


def diagnostic_items(result):
    """Item | Dimension | Énoncé (inverted ones marked) | Réponses | Cote retenue | Accord brut."""
    instrument = result.instrument
    frame = result.items.copy()
    mark = t("tools.diagnostic.reverse_mark", high=instrument.high,
             label=str(instrument.scale_labels.get(instrument.low, instrument.low)).lower())
    frame["enonce"] = [f"{text} {mark}" if reverse else text
                       for text, reverse in zip(frame["texte"], frame["inverse"], strict=True)]
    frame["titre"] = frame["dimension"].map(instrument.dimensions)
    return people_table(frame, {"item": (_h("item"), None), "titre": (_h("dimension"), None),
                                "enonce": (_h("statement"), None), "n": (_h("answers"), _num(0)),
                                "moyenne": (_h("score_kept"), _num(2)), "accord": (_h("raw_agreement"), _num(2))},
                        numeric=("n", "moyenne", "accord"))


def diagnostic_settings(result) -> str:
    """« Graine : 0 · taille minimale d'un sous-groupe : 3 · 2 000 rééchantillonnages · 5 000 permutations »."""
    s = result.settings
    return t("tools.report.settings", seed=s["seed"], min_group=fmt_number(s["min_group"], 0),
             bootstrap=fmt_number(s["bootstrap"], 0), permutations=fmt_number(s["permutations"], 0))


# --- map of concertations ----------------------------------------------------------------------------

#: how each network measure is written: a count (default), a number with decimals, or hours
MEASURE_DIGITS = {"density": 3, "degree_centralization": 3, "betweenness_centralization": 3,
                  "mean_tables_per_actor": 2}
HOURS = ("total_hours", "max_load")


def measure_text(key: str, value, *, signed: bool = False) -> str:
    """A network measure as read: « 0,505 », « 14 », « 528 h »; ``signed`` for a difference (« −1 »)."""
    if value is None or value != value:
        return "—"
    digits = MEASURE_DIGITS.get(key, 1 if key in HOURS and not float(value).is_integer() else 0)
    text = fmt_signed(value, digits) if signed else fmt_number(value, digits)
    return text + "\u00a0h" if key in HOURS else text


def measure_lines(measures: dict) -> list[str]:
    """« Densité : 0,505 », one line per known measure."""
    return [f"{t(f'tools.network.measure.{key}')} : {measure_text(key, value)}"
            for key, value in measures.items() if value is not None]


def network_measures(measures: dict):
    """Mesure | Valeur."""
    import pandas as pd

    frame = pd.DataFrame([{"mesure": t(f"tools.network.measure.{k}"), "valeur": measure_text(k, v)}
                          for k, v in measures.items()])
    return people_table(frame, {"mesure": (_h("measure"), None), "valeur": (_h("value"), None)},
                        numeric=("valeur",))


ACTOR_COLUMNS = ("acteur", "secteur", "taille", "tables", "heures", "degre", "intermediarite", "coordination",
                 "consultant", "representant", "liaison", "courtage_intersectoriel")


def network_actors(actors):
    """Acteur | Secteur | Tables | Heures par année | Liens | Intermédiarité | roles of brokerage…"""
    formats = {"acteur": None, "secteur": None, "taille": None, "tables": _num(0), "heures": fmt_hours,
               "degre": _num(0), "intermediarite": _num(3), "coordination": _num(0), "consultant": _num(0),
               "representant": _num(0), "liaison": _num(0), "courtage_intersectoriel": _num(0)}
    shown = [c for c in ACTOR_COLUMNS if c in actors.columns]
    return people_table(actors, {c: (t(f"tools.table.actor.{c}"), formats[c]) for c in shown},
                        numeric=tuple(c for c in shown if c not in ("acteur", "secteur", "taille")))


def network_overlaps(overlaps):
    """Table A | Table B | Membres communs | Part commune (Jaccard) | Qui."""
    return people_table(overlaps, {"table_a": (_h("table_a"), None), "table_b": (_h("table_b"), None),
                                   "communs": (_h("shared"), _num(0)), "jaccard": (_h("jaccard"), _num(2)),
                                   "acteurs": (_h("who"), None)},
                        numeric=("communs", "jaccard"))


def network_comparison(comparison):
    """Mesure | Avant | Après | Différence, with the measures' French labels."""
    frame = comparison.copy()
    for column in ("avant", "apres"):
        frame[column] = [measure_text(k, v) for k, v in zip(frame["mesure"], frame[column], strict=True)]
    frame["difference"] = [measure_text(k, v, signed=True)
                           for k, v in zip(frame["mesure"], frame["difference"], strict=True)]
    frame["mesure"] = [t(f"tools.network.measure.{k}") for k in frame["mesure"]]
    return people_table(frame, {"mesure": (_h("measure"), None), "avant": (_h("before"), None),
                                "apres": (_h("after"), None), "difference": (_h("difference"), None)},
                        numeric=("avant", "apres", "difference"))


# --- participation audit -----------------------------------------------------------------------------


def scale_name(code: str) -> str:
    """« gradient de Bourque », « échelle d'Arnstein », « spectre de l'IAP2 »."""
    return t(f"tools.participation.scale_name.{code}")


def status_name(code: str) -> str:
    """« tenu », « en deçà », « au-delà »."""
    return t(f"tools.participation.status.{code}")


def participation_decisions(decisions):
    """Décision | Échelle | Promis | Pratiqué | Écart | Écart (gradient de Bourque) | Statut (| Note)."""
    columns = {"decision": (_h("decision"), None), "echelle": (_h("scale"), scale_name),
               "promis": (_h("promised"), None), "pratique": (_h("practised"), None),
               "ecart": (_h("gap"), fmt_signed), "ecart_bourque": (_h("gap_bourque"), fmt_signed),
               "statut": (_h("status"), status_name)}
    if "note" in decisions.columns and (decisions["note"].fillna("").astype(str).str.strip() != "").any():
        columns["note"] = (_h("note"), lambda value: "" if value != value else str(value))
    return people_table(decisions, columns, numeric=("ecart", "ecart_bourque"))
