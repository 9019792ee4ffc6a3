"""Partnership diagnostic: instrument scores, their uncertainty, and gaps between partner types.

An *instrument* is data (YAML in ``tools/instruments/``): scale, partner types, items grouped
into dimensions (some reverse-coded), interpretation bands and source. Responses are one row per
respondent × item. What the usual inventories do not give, and what this module adds, is the gap
between partner types on each dimension, with a seeded permutation test: a partnership rated
strong by institutions and weak by community groups is where instrumentalisation shows.

Statistics: a respondent's dimension score is the mean of the items they answered (reverse-coded
items turned around: ``min + max − answer``); a dimension's score is the mean over respondents,
with its standard deviation and a percentile bootstrap 95 % interval. The gap test permutes the
partner types among respondents (statistic: between-type sum of squares, i.e. one-way ANOVA's
numerator), p = (1 + #{permuted ≥ observed}) / (1 + permutations), and Holm's adjustment across
dimensions is given too. Partner types with fewer respondents than the minimum group size are
never shown and are left out of the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..i18n import t
from .outputs import fmt_number
from .privacy import DEFAULT_MIN_GROUP, check_min_group, visible
from .tables import LINE, numbers, read_table, refuse_duplicates, require_values

INSTRUMENTS = Path(__file__).parent / "instruments"
DEFAULT_INSTRUMENT = "coconstruction"
COLUMNS = ["repondant", "type_acteur", "item", "cote"]
ALIASES = {"respondent": "repondant", "répondant": "repondant", "partner_type": "type_acteur",
           "type": "type_acteur", "type_partenaire": "type_acteur", "type_d_acteur": "type_acteur",
           "score": "cote", "reponse": "cote", "réponse": "cote"}


@dataclass
class Instrument:
    """A questionnaire: scale, partner types, dimensions with their items, bands, source."""

    name: str
    title: str
    source: str
    low: int
    high: int
    scale_labels: dict
    partner_types: dict  # code → label
    dimensions: dict  # code → title
    items: object  # DataFrame: item, dimension, texte, inverse
    bands: list
    questionnaire: object = None  # the validated file (:class:`ocworkbook.questionnaires.Questionnaire`)

    def band(self, score: float) -> str | None:
        """Interpretation band of a score (None when the score is missing)."""
        band = self.questionnaire.band(score) if self.questionnaire is not None else None
        return band.label if band is not None else None


def list_instruments() -> list[str]:
    """Names of the instruments shipped with the package."""
    return sorted(p.stem for p in INSTRUMENTS.glob("*.yml"))


def load_instrument(name_or_path: str = DEFAULT_INSTRUMENT) -> Instrument:
    """Load a shipped instrument by name, or any instrument YAML file by path, and check it.

    The file goes through the questionnaire validator shared with every file an instructor edits
    (:mod:`ocworkbook.questionnaires`): a problem is raised with the file, the item and the line.
    """
    import pandas as pd

    from ..questionnaires import load_questionnaire

    path = Path(name_or_path)
    if not path.suffix:
        path = INSTRUMENTS / f"{name_or_path}.yml"
    if not path.is_file():
        raise DataError(t("tools.diagnostic.unknown_instrument", names=", ".join(list_instruments())), path=path)
    questionnaire = load_questionnaire(path)
    if not questionnaire.partner_types:
        raise DataError(t("questionnaire.needs", field="types_acteurs", use=t("tools.diagnostic.use")), path=path)
    items = pd.DataFrame([{"item": item.id, "dimension": item.dimension, "texte": item.text,
                           "inverse": item.reverse} for item in questionnaire.items],
                         columns=["item", "dimension", "texte", "inverse"])
    bands = [{"min": b.low, "max": b.high, "etiquette": b.label, "sens": b.meaning}
             for b in sorted(questionnaire.bands, key=lambda b: -b.low)]
    return Instrument(name=questionnaire.name, title=questionnaire.title, source=questionnaire.source,
                      low=questionnaire.scale.low, high=questionnaire.scale.high,
                      scale_labels=dict(questionnaire.scale.labels), partner_types=dict(questionnaire.partner_types),
                      dimensions={code: d.title for code, d in questionnaire.dimensions.items()}, items=items,
                      bands=bands, questionnaire=questionnaire)


def read_responses(path, instrument: Instrument):
    """Read and check a responses CSV: ``repondant``, ``type_acteur``, ``item``, ``cote`` (empty = no answer)."""
    from ..exercises.normalize import normalize_text

    frame = read_table(path, required=COLUMNS, aliases=ALIASES)
    for column in ("repondant", "type_acteur", "item"):
        require_values(frame, column, path)
    frame["cote"] = numbers(frame, "cote", path, allow_empty=True, low=instrument.low, high=instrument.high)
    known_items = {normalize_text(i): i for i in instrument.items["item"]}
    types = {normalize_text(code): code for code in instrument.partner_types}
    types.update({normalize_text(label): code for code, label in instrument.partner_types.items()})
    for column, lookup, key in (("item", known_items, "tools.diagnostic.unknown_item"),
                                ("type_acteur", types, "tools.diagnostic.unknown_type")):
        mapped = frame[column].map(lambda v, lookup=lookup: lookup.get(normalize_text(v)))
        if mapped.isna().any():
            row = frame[mapped.isna()].iloc[0]
            raise DataError(t(key, value=row[column], allowed=", ".join(sorted(set(lookup.values())))),
                            path=path, line=int(row[LINE]), column=column)
        frame[column] = mapped
    refuse_duplicates(frame, ["repondant", "item"], path)
    per_person = frame.groupby("repondant")["type_acteur"].nunique()
    if (per_person > 1).any():
        person = per_person[per_person > 1].index[0]
        row = frame[frame["repondant"] == person].drop_duplicates("type_acteur").iloc[1]
        raise DataError(t("tools.diagnostic.two_types", person=person), path=path, line=int(row[LINE]),
                        column="type_acteur")
    return frame


def respondent_scores(responses, instrument: Instrument):
    """One row per respondent: partner type and the score on each dimension (NaN if no item answered)."""
    frame = responses.merge(instrument.items[["item", "dimension", "inverse"]], on="item", how="left")
    frame["valeur"] = frame["cote"].where(~frame["inverse"], instrument.low + instrument.high - frame["cote"])
    scores = frame.pivot_table(index="repondant", columns="dimension", values="valeur", aggfunc="mean")
    scores = scores.reindex(columns=list(instrument.dimensions))
    types = responses.drop_duplicates("repondant").set_index("repondant")["type_acteur"]
    scores.insert(0, "type_acteur", types.reindex(scores.index))
    return scores


MAX_DRAWS = 2_000_000  # resampled values held at once by the bootstrap and the permutation test
MAX_WORK = 10_000_000  # resampled values per test: bounds the time at seconds whatever the number of people
MIN_REPEATS = 199


def affordable(repeats: int, n: int) -> int:
    """Repetitions (bootstrap samples, permutations) kept so that ``repeats × n`` stays ≤ MAX_WORK.

    With the default 2,000 samples and 5,000 permutations this only bites above 2,000
    respondents (5,000 for the bootstrap); it never goes below 199 (p-value floor 0.005), a
    precision that such numbers of people do not need more of.
    """
    return max(min(repeats, MAX_WORK // max(n, 1)), min(repeats, MIN_REPEATS))


def bootstrap_interval(values, rng, n_boot: int = 2000, level: float = 0.95):
    """Percentile bootstrap interval of the mean (computed by blocks to keep memory low)."""
    import numpy as np

    values = np.asarray(values, float)
    if len(values) < 2:
        return (float("nan"), float("nan"))
    n_boot = affordable(n_boot, len(values))
    block = max(1, MAX_DRAWS // len(values))
    means = np.concatenate([values[rng.integers(len(values), size=(min(block, n_boot - start), len(values)))]
                            .mean(axis=1) for start in range(0, n_boot, block)])
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def permutation_test(values, labels, rng, n_perm: int = 5000) -> float:
    """p-value of the between-group sum of squares under random reassignment of the labels."""
    import numpy as np

    values = np.asarray(values, float)
    codes, labels = np.unique(np.asarray(labels), return_inverse=True)
    if len(codes) < 2:
        return float("nan")
    sizes = np.bincount(labels)

    def between(label_rows):
        sums = np.stack([(label_rows == g) @ values for g in range(len(codes))], axis=-1)
        return (sums ** 2 / sizes).sum(axis=-1)

    observed = between(labels[None, :])[0]
    n_perm = affordable(n_perm, len(labels))
    block = max(1, MAX_DRAWS // len(labels))
    extreme = 0
    for start in range(0, n_perm, block):
        shuffled = rng.permuted(np.tile(labels, (min(block, n_perm - start), 1)), axis=1)
        extreme += int((between(shuffled) >= observed - 1e-9).sum())
    return float((1 + extreme) / (1 + n_perm))


def holm(p_values):
    """Holm's step-down adjustment (NaN left as is)."""
    import numpy as np

    p = np.asarray(p_values, float)
    adjusted = np.full_like(p, np.nan)
    valid = np.flatnonzero(~np.isnan(p))
    order = valid[np.argsort(p[valid])]
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(order) - rank) * p[index]))
        adjusted[index] = running
    return adjusted


@dataclass
class Diagnostic:
    """Result of :func:`diagnose`: overall, per partner type (visible only), gaps, items, warnings."""

    instrument: Instrument
    overall: object
    by_type: object
    gaps: object
    items: object
    respondents: int
    hidden_types: int
    warnings: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready dictionary."""
        def records(frame):
            return [{k: (None if v != v else v) for k, v in row.items()} for row in frame.to_dict("records")]

        return {"instrument": self.instrument.name, "respondents": self.respondents,
                "dimensions": records(self.overall), "by_type": records(self.by_type),
                "gaps": records(self.gaps), "items": records(self.items), "hidden_types": self.hidden_types,
                "warnings": list(self.warnings), "settings": dict(self.settings)}


def diagnose(responses, instrument: Instrument | None = None, *, min_group: int = DEFAULT_MIN_GROUP,
             seed: int = 0, n_boot: int = 2000, n_perm: int = 5000) -> Diagnostic:
    """Score every dimension, per partner type and overall, and test the gaps between types."""
    import numpy as np
    import pandas as pd

    instrument = instrument or load_instrument()
    min_group = check_min_group(min_group)
    rng = np.random.default_rng(seed)
    scores = respondent_scores(responses, instrument)
    if len(scores) < min_group:
        raise DataError(t("tools.diagnostic.too_few", n=len(scores), min_group=min_group))
    sizes = scores["type_acteur"].value_counts()
    shown = sorted(code for code, n in sizes.items() if visible(n, min_group))
    hidden = int(len(sizes) - len(shown))

    overall_rows, type_rows, gap_rows = [], [], []
    for dimension, title in instrument.dimensions.items():
        column = scores[dimension].dropna()
        low, high = bootstrap_interval(column, rng, n_boot)
        mean = float(column.mean()) if len(column) else float("nan")
        overall_rows.append({"dimension": dimension, "titre": title, "n": int(len(column)), "moyenne": mean,
                             "ecart_type": float(column.std(ddof=1)) if len(column) > 1 else float("nan"),
                             "ic_bas": low, "ic_haut": high, "bande": instrument.band(mean)})
        subset = scores.loc[scores["type_acteur"].isin(shown), ["type_acteur", dimension]].dropna()
        means = {}
        for code in shown:
            values = subset.loc[subset["type_acteur"] == code, dimension]
            if not visible(len(values), min_group):
                continue
            means[code] = float(values.mean())
            low, high = bootstrap_interval(values, rng, n_boot)
            type_rows.append({"dimension": dimension, "type_acteur": code,
                              "libelle": instrument.partner_types[code], "n": int(len(values)),
                              "moyenne": means[code],
                              "ecart_type": float(values.std(ddof=1)) if len(values) > 1 else float("nan"),
                              "ic_bas": low, "ic_haut": high, "bande": instrument.band(means[code])})
        if len(means) >= 2:
            tested = subset[subset["type_acteur"].isin(means)]
            top, bottom = max(means, key=means.get), min(means, key=means.get)
            gap_rows.append({"dimension": dimension, "titre": title, "type_haut": top, "moyenne_haut": means[top],
                             "type_bas": bottom, "moyenne_bas": means[bottom],
                             "ecart": means[top] - means[bottom],
                             "p_value": permutation_test(tested[dimension], tested["type_acteur"], rng, n_perm)})
    gaps = pd.DataFrame(gap_rows, columns=["dimension", "titre", "type_haut", "moyenne_haut", "type_bas",
                                           "moyenne_bas", "ecart", "p_value"])
    gaps["p_holm"] = holm(gaps["p_value"]) if len(gaps) else []
    merged = responses.merge(instrument.items, on="item")
    merged["valeur"] = merged["cote"].where(~merged["inverse"], instrument.low + instrument.high - merged["cote"])
    items = (merged.groupby(["item", "dimension", "texte", "inverse"], sort=False)
             .agg(n=("valeur", "count"), moyenne=("valeur", "mean"), accord=("cote", "mean"))
             .reset_index().sort_values("moyenne"))
    warnings = []
    if hidden:
        warnings.append(t("tools.diagnostic.warn_hidden", n=hidden, min_group=min_group))
    if len(shown) < 2:
        composition = ", ".join(f"{instrument.partner_types[code]} ({fmt_number(n, 0)})"
                                for code, n in sizes.sort_values(ascending=False).items())
        read = responses.attrs
        where = (t("tools.diagnostic.types_read", composition=composition, file=read["file"],
                   column=read.get("source_columns", {}).get("type_acteur", "type_acteur"),
                   found=", ".join(read.get("header", ()))) if "file" in read
                 else t("tools.diagnostic.types_found", composition=composition))
        warnings.append(t("tools.diagnostic.warn_no_gap", min_group=min_group) + " " + where)
    return Diagnostic(instrument=instrument, overall=pd.DataFrame(overall_rows), by_type=pd.DataFrame(
        type_rows, columns=["dimension", "type_acteur", "libelle", "n", "moyenne", "ecart_type", "ic_bas",
                            "ic_haut", "bande"]), gaps=gaps, items=items, respondents=int(len(scores)),
        hidden_types=hidden, warnings=warnings,
        settings={"seed": seed, "min_group": min_group, "bootstrap": n_boot, "permutations": n_perm})


def format_p(p: float) -> str:
    """p-value for people: « p = 0,008 », or « p < 0,001 » (permutation p-values are never 0)."""
    from .outputs import fmt_p

    text = fmt_p(p)
    return "p " + text if text.startswith("<") else "p = " + text


def summary_fr(result: Diagnostic, alpha: float = 0.05) -> list[str]:
    """Short sentences (current language) describing the weakest dimension and significant gaps."""
    overall = result.overall.dropna(subset=["moyenne"])
    if len(overall) < len(result.overall):
        lines = [t("tools.diagnostic.summary_n_partial", n=fmt_number(result.respondents, 0),
                   answered=len(overall), dims=len(result.overall))]
    else:
        lines = [t("tools.diagnostic.summary_n", n=fmt_number(result.respondents, 0), dims=len(result.overall))]
    if len(overall):
        weakest = overall.loc[overall["moyenne"].idxmin()]
        lines.append(t("tools.diagnostic.summary_weakest", title=weakest["titre"],
                       mean=fmt_number(weakest["moyenne"], 2), high=result.instrument.high,
                       band=weakest["bande"] or "—"))
    for row in result.gaps.itertuples():
        if row.p_value < alpha:
            lines.append(t("tools.diagnostic.summary_gap", title=row.titre,
                           top=result.instrument.partner_types[row.type_haut], top_mean=fmt_number(row.moyenne_haut),
                           bottom=result.instrument.partner_types[row.type_bas],
                           bottom_mean=fmt_number(row.moyenne_bas), p=format_p(row.p_value)))
    if len(lines) == 2 and len(result.gaps):
        lines.append(t("tools.diagnostic.summary_no_gap"))
    return lines
