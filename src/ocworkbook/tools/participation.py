"""Participation audit: the level promised and the level practised, decision by decision.

Three scales: Arnstein's ladder (1969; 8 rungs in 3 groups), the IAP2 spectrum (5 levels; the
IAP2 text is protected, so only level names are used, and French names are our unofficial
translations, which vary between sources) and Bourque's gradient (2008, ch. 8): information →
consultation → décision. A process may be entered on any one scale; the others are derived with
the correspondence proposed by the course brief (D3) — a teaching correspondence, **not** a
sourced standard:

- information ↔ Arnstein 3 ↔ Inform;
- consultation ↔ Arnstein 4–5 ↔ Consult / Involve;
- décision ↔ Arnstein 6–8 ↔ Collaborate / Empower;
- Arnstein 1–2 (non-participation) has no IAP2 or Bourque equivalent (level 0 here).

Gaps are computed on the scale used for entry and on the common Bourque axis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DataError
from ..i18n import t
from .tables import LINE, read_table, refuse_duplicates, require_values

SCALES = {
    "arnstein": [("manipulation", "Manipulation"), ("therapy", "Therapy"), ("informing", "Informing"),
                 ("consultation", "Consultation"), ("placation", "Placation"), ("partnership", "Partnership"),
                 ("delegated_power", "Delegated power"), ("citizen_control", "Citizen control")],
    "iap2": [("inform", "Inform"), ("consult", "Consult"), ("involve", "Involve"), ("collaborate", "Collaborate"),
             ("empower", "Empower")],
    "bourque": [("information", "information"), ("consultation", "consultation"), ("decision", "décision")],
}
#: French names accepted as input (usual translations; IAP2's are unofficial and vary).
FRENCH = {
    "arnstein": ["manipulation", "therapie", "information", "consultation", "conciliation", "partenariat",
                 "delegation de pouvoir", "controle citoyen"],
    "iap2": ["informer", "consulter", "impliquer", "collaborer", "habiliter"],
    "bourque": ["information", "consultation", "decision"],
}
ARNSTEIN_GROUPS = {1: "non_participation", 2: "non_participation", 3: "tokenism", 4: "tokenism", 5: "tokenism",
                   6: "citizen_power", 7: "citizen_power", 8: "citizen_power"}
TO_BOURQUE = {"arnstein": {1: 0, 2: 0, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3},
              "iap2": {1: 1, 2: 2, 3: 2, 4: 3, 5: 3},
              "bourque": {1: 1, 2: 2, 3: 3}}
BOURQUE_LABELS = {0: "non-participation", 1: "information", 2: "consultation", 3: "décision"}


def level_number(scale: str, value) -> int | None:
    """Rung/level number (1-based) of ``value`` on ``scale``: a number, an English or French name."""
    from ..exercises.normalize import normalize_text

    text = normalize_text(value)
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= len(SCALES[scale]) else None
    for index, (code, label) in enumerate(SCALES[scale], start=1):
        if text in (normalize_text(code), normalize_text(label), normalize_text(FRENCH[scale][index - 1])):
            return index
    return None


def correspondence(scale: str, level: int) -> dict:
    """Bourque degree and the matching ranges on the two other scales (brief D3 correspondence)."""
    degree = TO_BOURQUE[scale][level]
    result = {"bourque": BOURQUE_LABELS[degree]}
    for other in ("arnstein", "iap2"):
        labels = [SCALES[other][lvl - 1][1] for lvl, d in TO_BOURQUE[other].items() if d == degree]
        result[other] = " – ".join([labels[0], labels[-1]]) if len(labels) > 1 else (labels[0] if labels else "—")
    if scale != "bourque":
        result[scale] = SCALES[scale][level - 1][1]
    return result


def read_decisions(path, default_scale: str = "bourque"):
    """Read ``decision``, ``promis``, ``pratique`` (optional ``echelle``, ``note``) and code the levels."""
    from ..exercises.normalize import normalize_text

    frame = read_table(path, required=["decision", "promis", "pratique"], optional=("echelle", "note"),
                       aliases={"niveau_promis": "promis", "promised": "promis", "niveau_pratique": "pratique",
                                "practised": "pratique", "practiced": "pratique", "scale": "echelle"})
    for column in ("decision", "promis", "pratique"):
        require_values(frame, column, path)
    refuse_duplicates(frame, ["decision"], path)
    if "echelle" not in frame.columns or (frame["echelle"] == "").all():
        frame["echelle"] = default_scale
    frame["echelle"] = [normalize_text(s) or default_scale for s in frame["echelle"]]
    for line, scale in zip(frame[LINE], frame["echelle"], strict=True):
        if scale not in SCALES:
            raise DataError(t("tools.participation.unknown_scale", value=scale, allowed=", ".join(SCALES)),
                            path=path, line=int(line), column="echelle")
    for column in ("promis", "pratique"):
        levels = []
        for line, scale, value in zip(frame[LINE], frame["echelle"], frame[column], strict=True):
            level = level_number(scale, value)
            if level is None:
                allowed = ", ".join(label for _, label in SCALES[scale])
                raise DataError(t("tools.participation.unknown_level", value=value, scale=scale, allowed=allowed),
                                path=path, line=int(line), column=column)
            levels.append(level)
        frame[f"{column}_niveau"] = levels
    return frame


@dataclass
class Audit:
    """Result of :func:`audit`: one row per decision, plus counts and a French summary."""

    decisions: object
    counts: dict
    summary: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready dictionary."""
        return {"decisions": self.decisions.drop(columns=[LINE], errors="ignore").to_dict("records"),
                "counts": self.counts, "summary": list(self.summary),
                "correspondence_note": t("tools.participation.note")}


def audit(decisions) -> Audit:
    """Compare promised and practised levels; gaps on the entry scale and on Bourque's axis."""
    rows = []
    for row in decisions.to_dict("records"):
        scale = row["echelle"]
        promised, practised = row["promis_niveau"], row["pratique_niveau"]
        c_promised, c_practised = correspondence(scale, promised), correspondence(scale, practised)
        gap = practised - promised
        entry = {"decision": row["decision"], "echelle": scale,
                 "promis": SCALES[scale][promised - 1][1], "pratique": SCALES[scale][practised - 1][1],
                 "ecart": gap, "promis_bourque": TO_BOURQUE[scale][promised],
                 "pratique_bourque": TO_BOURQUE[scale][practised],
                 "ecart_bourque": TO_BOURQUE[scale][practised] - TO_BOURQUE[scale][promised],
                 "statut": "tenu" if gap == 0 else ("en_deca" if gap < 0 else "au_dela"),
                 "promis_correspondances": c_promised, "pratique_correspondances": c_practised}
        if scale == "arnstein":
            entry["promis_groupe"] = ARNSTEIN_GROUPS[promised]
            entry["pratique_groupe"] = ARNSTEIN_GROUPS[practised]
        if "note" in row:
            entry["note"] = row["note"]
        rows.append(entry)
    import pandas as pd

    table = pd.DataFrame(rows)
    counts = {status: int((table["statut"] == status).sum()) for status in ("tenu", "en_deca", "au_dela")}
    return Audit(decisions=table, counts=counts, summary=summary_fr(table, counts))


def summary_fr(table, counts) -> list[str]:
    """A short summary generated from the data (in the current language)."""
    lines = [t("tools.participation.summary_counts", n=len(table), kept=counts["tenu"], below=counts["en_deca"],
               above=counts["au_dela"])]
    below = table[table["statut"] == "en_deca"]
    if len(below):
        worst = below.sort_values(["ecart_bourque", "ecart"]).iloc[0]
        lines.append(t("tools.participation.summary_worst", decision=worst["decision"], promised=worst["promis"],
                       practised=worst["pratique"], scale=t(f"tools.participation.scale_name.{worst['echelle']}")))
        slid = below[below["ecart_bourque"] < 0]
        if len(slid):
            lines.append(t("tools.participation.summary_bourque", n=len(slid)))
    else:
        lines.append(t("tools.participation.summary_all_kept"))
    lines.append(t("tools.participation.note"))
    return lines
