"""Opinion map: the Polis method, reimplemented from its published description, with safeguards.

Pipeline (Small et al. 2021 and Polis's public documentation; no Polis code was read or copied):

1–4. :mod:`.opinions_projection`: votes coded +1 agree, −1 disagree, 0 pass, NaN unseen;
     statements moderated out stay as all-zero columns that count in the sparsity scaling;
     participants with at least ``min(7, statement columns)`` votes are grouped (topped up to
     the 15 most active); the axes are fitted on everyone who voted at least once; each grouped
     participant's point is scaled by ``sqrt(statement columns / their values)`` (on by
     default; ``scaling="none"`` departs from Polis).
5.   :mod:`.opinions_cluster`: k-means of the points for k = 2 … ``min(5, 2 + base // 12)``,
     several k-means++ starts, the least spread kept.
6.   The number of groups: each k is scored on random 80 % subsamples of the voters (each with
     its own axes) and on a null model (each vote redrawn among its statement's votes, which
     removes any opinion group); the smallest k whose silhouette above chance is within one
     standard error of the best is kept. Polis adopts a new k only after it wins several updates
     in a row, which a one-shot tool cannot reproduce; preferring the smaller well-supported k is
     the closer stand-in, and the null model removes the bias of small conversations towards
     many groups.
7.   :mod:`.opinions_stats`: representative statements and consensus; :mod:`.opinions_audit`:
     when the export holds Polis's own ``group-id``, a comparison with those labels.

Safeguards Polis does not have: everything is seeded (same data + same seed = same result);
``stability`` is the mean adjusted Rand index between the grouping of everyone and the groupings
of the subsamples; warnings are given when the groups do not stand out from the null model
(fewer than 3 of its standard deviations), below 50 grouped participants (Polis's FAQ says it is
not made for fewer than 50 to 100 people) and when stability is below 0.8; a group smaller than
the minimum size is never shown (its members get ``None``).

Entry points: :func:`map_opinions` (plain votes and statements, for a live workshop) and
:func:`opinion_map` (a :class:`~ocworkbook.tools.opinions_io.VoteTable` read from a file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DataError
from ..i18n import t, tn
from .opinions_stats import describe_groups
from .outputs import fmt_number
from .privacy import DEFAULT_MIN_GROUP, check_min_group

SMALL_CONVERSATION = 50
STABILITY_THRESHOLD = 0.8
QUICK_CHECKS_FROM = 500  # from this many grouped people: 8 resamples, 6 null copies, 3 k-means starts each
CHANCE_Z = 3  # the chosen grouping's silhouette must stand 3 null-model standard deviations above chance
WEAK_Z = 2  # below this, the groups are no clearer than chance; between the two, barely clearer


@dataclass
class OpinionMap:
    """Result of :func:`opinion_map`; every table is a pandas object, ``to_dict`` gives the JSON.

    ``groups``: participant id → shown group (0 = largest; ``<NA>`` = not grouped or hidden);
    ``points``: the grouped participants' coordinates (x, y), vote counts and group;
    ``representative``: group → statements that set it apart; ``consensus``: majority and
    group-informed consensus; ``warnings``: French sentences to show first; ``stability``: 0 to
    1 (``None`` if too few people); ``audit``: comparison with Polis's ``group-id`` (or None).
    """

    groups: object
    n_groups: int
    stability: float | None
    points: object
    silhouettes: object
    representative: dict
    consensus: dict
    warnings: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    hidden_groups: int = 0
    audit: dict | None = None

    def to_dict(self) -> dict:
        """Plain JSON-ready dictionary (participant ids as strings, groups as int or None)."""
        import pandas as pd

        participants = {str(p): (None if pd.isna(g) else int(g)) for p, g in self.groups.items()}
        return {
            "participants": participants,
            "groups": self.n_groups,
            "stability": None if self.stability is None else round(float(self.stability), 4),
            "representative": self.representative,
            "consensus": self.consensus,
            "group_sizes": self.group_sizes(),
            "hidden_groups": self.hidden_groups,
            "silhouette": [{k: (None if pd.isna(v) else float(v) if k != "k" else int(v)) for k, v in row.items()}
                           for row in self.silhouettes.to_dict("records")],
            "warnings": list(self.warnings),
            "settings": dict(self.settings),
            "polis_audit": self.audit,
        }

    def group_sizes(self) -> dict:
        """Shown group (as a string) → number of members."""
        sizes = self.points["group"].dropna().astype(int).value_counts().sort_index()
        return {str(k): int(v) for k, v in sizes.items()}

    def headline(self) -> str:
        """One French (or English) sentence: who was counted, how many groups, how stable."""
        s = self.settings
        return t("tools.opinions.headline", participants=fmt_number(s["participants"], 0),
                 clustered=fmt_number(s["clustered"], 0), statements=fmt_number(s["statements"], 0),
                 groups=groups_phrase(self.n_groups, self.hidden_groups), seed=s["seed"],
                 stability="—" if self.stability is None else fmt_number(self.stability, 2))


def groups_phrase(shown: int, hidden: int = 0) -> str:
    """« 2 groupes », or « 1 groupe affiché et 1 groupe masqué » (current language, plural agreed)."""
    if not hidden:
        return tn("tools.opinions.n_groups", shown)
    return t("tools.opinions.shown_and_hidden", shown=tn("tools.opinions.n_shown_groups", shown),
             hidden=tn("tools.opinions.n_hidden_groups", hidden))


# ---------------------------------------------------------------- steps 5–6: groups and their number


def choose_k(table_k) -> int:
    """Smallest k whose silhouette above chance is within one standard error of the best.

    "Above chance" is the mean silhouette over the resamples minus the mean silhouette of the
    null model with the same k: small conversations give high silhouettes to many groups even
    without any opinion group, and this difference removes that bias.
    """
    best = table_k.loc[table_k["above_chance"].idxmax()]
    eligible = table_k[table_k["above_chance"] >= best["above_chance"] - best["above_chance_se"]]
    return int(eligible["k"].min())


def _resample(projection, ks, n_voters, resamples, seed, n_init):
    """Groupings of random 80 % subsamples of the voters, each with its own axes."""
    import numpy as np

    from .opinions_cluster import group_points
    from .opinions_projection import subsample_points

    rng = np.random.default_rng(seed)
    size = max(4, int(round(0.8 * n_voters)))
    samples = []
    for b in range(resamples):
        subset = np.sort(rng.choice(n_voters, size=size, replace=False))
        keep, points = subsample_points(projection, subset)
        if keep.sum() < 4:
            continue
        samples.append((keep, group_points(points, ks, np.random.default_rng(seed + 1 + b), n_init, check=True)))
    return samples


def _null_silhouettes(projection, ks, replicates, seed, n_init) -> dict:
    """k → silhouettes of the null model (each vote redrawn among its statement's votes)."""
    import numpy as np

    from .opinions_cluster import group_points
    from .opinions_projection import null_points

    rng = np.random.default_rng(seed + 10_000)
    silhouettes = {k: [] for k in ks}
    for _ in range(replicates):
        found = group_points(null_points(projection, rng), ks, rng, n_init, check=True, labels=False)
        for k, (_, silhouette) in found.items():
            silhouettes[k].append(silhouette)
    return silhouettes


def _k_table(full, samples, nulls):
    """One row per k: silhouette (all, resamples, null model), stability, distance from chance."""
    import numpy as np
    import pandas as pd

    from .opinions_cluster import adjusted_rand_index

    rows = []
    for k, (labels, silhouette) in sorted(full.items()):
        values = np.array([found[k][1] for _, found in samples if k in found])
        agreements = [adjusted_rand_index(labels[keep], found[k][0]) for keep, found in samples if k in found]
        null = np.array(nulls.get(k, []))
        mean = float(values.mean()) if len(values) else silhouette
        se = float(values.std(ddof=1) / np.sqrt(len(values))) if len(values) > 1 else 0.0
        null_mean = float(null.mean()) if len(null) else float("nan")
        null_sd = float(null.std(ddof=1)) if len(null) > 1 else float("nan")
        null_se = null_sd / np.sqrt(len(null)) if len(null) > 1 else 0.0
        rows.append({"k": k, "silhouette": silhouette, "resampled_mean": mean, "resampled_se": se,
                     "stability": float(np.clip(np.mean(agreements), 0, 1)) if agreements else float("nan"),
                     "null_mean": null_mean, "null_sd": null_sd,
                     "above_chance": mean - null_mean if len(null) else mean,
                     "above_chance_se": float(np.hypot(se, null_se)),
                     "z_chance": ((silhouette - null_mean) / null_sd if null_sd and null_sd == null_sd and null_sd > 0
                                  else float("nan"))})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- the whole pipeline


def _vote_matrix(table):
    """Votes (participants × every statement column) and the moderated-out mask, checked."""
    import numpy as np

    moderated = table.statements["moderated_out"].reindex(table.votes.columns).fillna(False).to_numpy(bool)
    values = table.votes.to_numpy(dtype=float)
    if values.size and not np.isin(values[~np.isnan(values)], (-1.0, 0.0, 1.0)).all():
        raise DataError(t("tools.opinions.bad_matrix"), path=table.source or None)
    return values, moderated


def opinion_map(table, *, seed: int = 0, min_group: int = DEFAULT_MIN_GROUP, min_votes: int = 7,
                max_groups: int = 5, resamples: int | None = None, scaling: str = "polis",
                n_init: int = 10, null_replicates: int | None = None) -> OpinionMap:
    """Compute the opinion map of a :class:`~ocworkbook.tools.opinions_io.VoteTable`.

    ``resamples`` (80 % subsamples used for stability and for the choice of k) and
    ``null_replicates`` (shuffled copies used to tell groups from chance) default to 20 below
    500 grouped participants, and to 8 and 6 from 500 on, where each copy already holds many
    people (those checks then use 3 k-means starts; the grouping shown always uses ``n_init``).
    """
    from .outputs import single_threaded

    with single_threaded():
        return _opinion_map(table, seed=seed, min_group=check_min_group(min_group), min_votes=min_votes,
                            max_groups=max_groups, resamples=resamples, scaling=scaling, n_init=n_init,
                            null_replicates=null_replicates)


def _opinion_map(table, *, seed, min_group, min_votes, max_groups, resamples, scaling, n_init, null_replicates):
    import numpy as np
    import pandas as pd

    from .opinions_cluster import distinct_points, group_points, max_groups_for
    from .opinions_projection import project, scale_factors, select_participants, submatrix

    scale_factors(np.ones(1), 1, scaling)  # refuse an unknown scaling before any work
    values, moderated = _vote_matrix(table)
    source = table.source or None
    n_columns = values.shape[1]
    if int((~moderated).sum()) < 2:
        raise DataError(t("tools.opinions.too_few_statements", n=int((~moderated).sum())), path=source)
    n_all = (~np.isnan(values)).sum(axis=1)
    grouped = select_participants(n_all, n_columns, min_votes)
    if grouped.sum() < 4:
        raise DataError(t("tools.opinions.too_few_participants", n=int(grouped.sum())), path=source)
    projection = project(values, moderated, grouped, scaling, seed)
    points = projection.points
    ks = range(2, max_groups_for(distinct_points(points), max_groups) + 1)
    full = group_points(points, ks, np.random.default_rng(seed), n_init)
    if not full:
        raise DataError(t("tools.opinions.no_structure", n=int(grouped.sum())), path=source)

    large = grouped.sum() >= QUICK_CHECKS_FROM
    resamples = (8 if large else 20) if resamples is None else resamples
    null_replicates = (6 if large else 20) if null_replicates is None else null_replicates
    check_init = min(n_init, 3) if large else n_init
    samples = _resample(projection, list(full), len(projection.scores), resamples if grouped.sum() >= 8 else 0,
                        seed, check_init)
    nulls = _null_silhouettes(projection, list(full), null_replicates, seed, check_init)
    table_k = _k_table(full, samples, nulls)
    k = choose_k(table_k)
    labels = full[k][0]
    row = table_k.set_index("k").loc[k]
    stability = None if row["stability"] != row["stability"] else float(row["stability"])
    z_chance = None if row["z_chance"] != row["z_chance"] else float(row["z_chance"])

    sizes = np.bincount(labels, minlength=k)
    order = [g for g in np.argsort(-sizes, kind="stable") if sizes[g] >= min_group]
    renumber = np.full(k, -1)
    renumber[order] = np.arange(len(order))
    shown = renumber[labels]

    ids = table.votes.index.astype(str)
    groups = pd.Series(pd.NA, index=ids, dtype="Int64")
    grouped_ids = ids[grouped]
    groups.loc[grouped_ids] = np.where(shown >= 0, shown, -1)
    groups = groups.mask(groups == -1)
    point_table = pd.DataFrame({"x": points[:, 0], "y": points[:, 1], "n_votes": n_all[grouped],
                                "group": groups.loc[grouped_ids].to_numpy()}, index=grouped_ids)
    point_table.index.name = "participant"

    kept_columns = table.votes.columns[~moderated]
    statements = table.statements.reindex(kept_columns)
    statements["text"] = statements["text"].fillna(pd.Series(kept_columns, index=kept_columns))
    representative, consensus = describe_groups(submatrix(values, grouped, ~moderated), shown, len(order),
                                                statements)
    settings = {"seed": seed, "min_group": min_group, "min_votes": min_votes, "max_groups": max_groups,
                "resamples": resamples, "null_replicates": null_replicates, "scaling": scaling, "k_chosen": k,
                "participants": int(len(values)), "voters": int(len(projection.scores)),
                "clustered": int(grouped.sum()), "statements": int((~moderated).sum()),
                "statement_columns": int(n_columns), "moderated_out": int(moderated.sum()),
                "z_chance": None if z_chance is None else round(z_chance, 2),
                "distinct_from_chance": bool(z_chance is not None and z_chance >= CHANCE_Z)}
    result = OpinionMap(groups=groups, n_groups=len(order), stability=stability, points=point_table,
                        silhouettes=table_k, representative=representative, consensus=consensus,
                        hidden_groups=int(k - len(order)), settings=settings)
    result.warnings = _warnings(result, min_group)
    if getattr(table, "reference_groups", None) is not None:
        from .opinions_audit import audit_polis_groups

        result.audit = audit_polis_groups(table.reference_groups.reindex(table.votes.index).to_numpy(float),
                                          grouped, points, labels, n_all, min(min_votes, n_columns), seed, n_init,
                                          {g: found[0] for g, found in full.items()})
    return result


def _warnings(result, min_group) -> list[str]:
    """French warnings, most important first: no group beyond chance, size, stability, hidden groups."""
    s = result.settings
    warnings = []
    if s["z_chance"] is not None and not s["distinct_from_chance"]:
        key = "tools.opinions.warn_chance" if s["z_chance"] < WEAK_Z else "tools.opinions.warn_weak"
        warnings.append(t(key, z=fmt_number(s["z_chance"], 1), threshold=CHANCE_Z))
    if s["clustered"] < SMALL_CONVERSATION:
        warnings.append(t("tools.opinions.warn_small", n=fmt_number(s["clustered"], 0), threshold=SMALL_CONVERSATION))
    if result.stability is None:
        warnings.append(t("tools.opinions.warn_no_stability"))
    elif result.stability < STABILITY_THRESHOLD:
        warnings.append(t("tools.opinions.warn_unstable", stability=fmt_number(result.stability, 2),
                          threshold=fmt_number(STABILITY_THRESHOLD, 1)))
    if result.hidden_groups:
        warnings.append(t("tools.opinions.warn_hidden", min_group=min_group,
                          hidden=tn("tools.opinions.n_hidden_groups", result.hidden_groups)))
    return warnings


# ---------------------------------------------------------------- entry point on plain data


def map_opinions(votes, statements=None, *, moderated=(), seed: int = 0, min_group: int = DEFAULT_MIN_GROUP,
                 min_votes: int = 7, max_groups: int = 5, resamples: int | None = None,
                 scaling: str = "polis") -> OpinionMap:
    """Opinion map of plain votes: the stable entry point for live use (a workshop of 10 to 40 people).

    ``votes``: a pandas DataFrame participants × statements holding 1 (agree), −1 (disagree),
    0 (pass) or NaN (unseen); or an iterable of ``(participant, statement, vote)`` triples or of
    mappings with those three keys (the last vote of a person on a statement counts).
    ``statements``: optional mapping statement id → text (ids without text show their id).
    ``moderated``: statement ids moderated out (kept as zero columns, as Polis does).
    Other options as in :func:`opinion_map`. Pure: reads no file, writes nothing.
    """
    from .opinions_io import vote_table

    return opinion_map(vote_table(votes, statements, moderated=moderated), seed=seed, min_group=min_group,
                       min_votes=min_votes, max_groups=max_groups, resamples=resamples, scaling=scaling)
