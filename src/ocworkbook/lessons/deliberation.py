"""Aggregating versus deliberating: voting rules and a deliberately simple deliberation model.

Everything here is pure Python on plain data, so notebook 04, its widget and the tests share one
implementation. A *profile* maps each actor to a utility (0–10) for each option::

    {"famille_1": {"halte": 10, "epicerie": 6, ...}, ...}

Aggregation rules take preferences as they are. The deliberation model lets them move, one round at a
time, under rules that are written down in :func:`deliberate` and can be argued with: it is a teaching
device, not a law of how people change their minds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from statistics import fmean, pstdev

from ocworkbook.errors import DataError

Profile = dict[str, dict[str, float]]

UTILITY_MIN = 0.0
UTILITY_MAX = 10.0
RULES = ("pluralite", "borda", "somme", "condorcet")


# --------------------------------------------------------------------------- preferences → rankings


def options_of(profile: Profile) -> list[str]:
    """Options in the order they first appear in the profile (this order breaks ties, see rankings)."""
    seen: list[str] = []
    for utilities in profile.values():
        for option in utilities:
            if option not in seen:
                seen.append(option)
    return seen


def ranking(utilities: dict[str, float], options: list[str]) -> list[str]:
    """Options from most to least preferred; equal utilities keep the order of ``options``."""
    return sorted(options, key=lambda o: (-utilities.get(o, UTILITY_MIN), options.index(o)))


def rankings(profile: Profile) -> dict[str, list[str]]:
    """Each actor's ranking of all options."""
    options = options_of(profile)
    return {actor: ranking(utilities, options) for actor, utilities in profile.items()}


# --------------------------------------------------------------------------- aggregation rules


def plurality_scores(ranks: dict[str, list[str]]) -> dict[str, int]:
    """Plurality: one point to each actor's first choice."""
    options = _options_of_rankings(ranks)
    scores = dict.fromkeys(options, 0)
    for order in ranks.values():
        scores[order[0]] += 1
    return scores


def borda_scores(ranks: dict[str, list[str]]) -> dict[str, int]:
    """Borda count: with m options, a first place earns m-1 points, a last place 0."""
    options = _options_of_rankings(ranks)
    scores = dict.fromkeys(options, 0)
    for order in ranks.values():
        for position, option in enumerate(order):
            scores[option] += len(order) - 1 - position
    return scores


def utility_sums(profile: Profile) -> dict[str, float]:
    """Sum of utilities per option (it counts intensity, which rankings ignore)."""
    options = options_of(profile)
    return {o: round(sum(u.get(o, UTILITY_MIN) for u in profile.values()), 6) for o in options}


def pairwise_wins(ranks: dict[str, list[str]]) -> dict[tuple[str, str], int]:
    """Number of actors who rank ``a`` above ``b``, for every ordered pair ``(a, b)``."""
    options = _options_of_rankings(ranks)
    wins = {(a, b): 0 for a in options for b in options if a != b}
    for order in ranks.values():
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                wins[(a, b)] += 1
    return wins


def majority_relation(ranks: dict[str, list[str]]) -> dict[str, set[str]]:
    """For each option, the options it beats head to head by a strict majority."""
    options = _options_of_rankings(ranks)
    wins = pairwise_wins(ranks)
    return {a: {b for b in options if b != a and wins[(a, b)] > wins[(b, a)]} for a in options}


def condorcet_winner(ranks: dict[str, list[str]]) -> str | None:
    """The option that beats every other one head to head, or ``None`` when there is none."""
    beats = majority_relation(ranks)
    for option, beaten in beats.items():
        if len(beaten) == len(beats) - 1:
            return option
    return None


def majority_cycle(ranks: dict[str, list[str]]) -> list[str] | None:
    """A cycle of head-to-head majorities (A beats B, B beats C, C beats A), or ``None``.

    The list names the options of the cycle in order, without repeating the first one.
    """
    beats = majority_relation(ranks)

    def search(path: list[str]) -> list[str] | None:
        for nxt in sorted(beats[path[-1]]):
            if nxt == path[0] and len(path) >= 3:
                return path
            if nxt not in path:
                found = search(path + [nxt])
                if found:
                    return found
        return None

    for start in beats:
        cycle = search([start])
        if cycle:
            return cycle
    return None


def winners(scores: dict[str, float]) -> list[str]:
    """Options with the highest score (several when tied)."""
    if not scores:
        return []
    best = max(scores.values())
    return [o for o, s in scores.items() if s == best]


def aggregate(profile: Profile) -> dict[str, list[str]]:
    """Winners under each rule: ``pluralite``, ``borda``, ``somme`` and ``condorcet`` (empty if none)."""
    ranks = rankings(profile)
    condorcet = condorcet_winner(ranks)
    return {
        "pluralite": winners(plurality_scores(ranks)),
        "borda": winners(borda_scores(ranks)),
        "somme": winners(utility_sums(profile)),
        "condorcet": [condorcet] if condorcet else [],
    }


# --------------------------------------------------------------------------- deliberation model


@dataclass(frozen=True)
class DeliberationSettings:
    """The knobs of the model (all between 0 and 1 except ``rounds``).

    - ``openness``: how far an actor moves, each round, toward what the exchange suggests;
    - ``shared_weight``: in what the exchange suggests, the share of the reasons put on the table
      (the rest is what the other actors say they prefer);
    - ``rounds``: number of rounds of exchange;
    - ``noise``: how unevenly actors hear the exchange (random, reproducible with ``seed``).
    """

    openness: float = 0.3
    shared_weight: float = 0.5
    rounds: int = 3
    noise: float = 0.0
    seed: int = 0

    def __post_init__(self):
        for name in ("openness", "shared_weight", "noise"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise DataError(f"le paramètre « {name} » doit être entre 0 et 1 (reçu : {value}).")
        if self.rounds < 0:
            raise DataError(f"le nombre de tours doit être positif ou nul (reçu : {self.rounds}).")


@dataclass
class DeliberationResult:
    """Every round's profile (round 0 is the starting point) and the settings used."""

    history: list[Profile]
    settings: DeliberationSettings
    reason_scores: dict[str, float] = field(default_factory=dict)

    @property
    def final(self) -> Profile:
        return self.history[-1]


def reason_scores(reasons: dict[str, dict[str, float]], selected: list[str] | None = None) -> dict[str, float]:
    """Mean score of each option over the reasons put on the table (all of them when ``selected`` is None).

    ``reasons`` maps a reason to its score (0–10) for each option. With no reason selected the result is
    empty, and :func:`deliberate` then listens only to the other actors.
    """
    chosen = list(reasons) if selected is None else [r for r in selected if r in reasons]
    if not chosen:
        return {}
    options = options_of({r: reasons[r] for r in chosen})
    return {o: round(fmean(reasons[r].get(o, UTILITY_MIN) for r in chosen), 6) for o in options}


def deliberate(profile: Profile, reasons: dict[str, float], settings: DeliberationSettings,
               attachment: dict[str, float] | None = None) -> DeliberationResult:
    """Run the deliberation model and return every round.

    The rule, for each actor *i*, option *o* and round *t* (all at once, from round *t*'s values):

    - the actor's reach is ``a_i = openness × (1 − attachment_i)``; attachment (0–1) stands for a mandate
      the actor cannot bend, such as funding tied to one option;
    - what the exchange suggests is ``target = w × R(o) + (1 − w) × (mean of the others' utilities for o)``,
      where ``R(o)`` is the option's score on the reasons put on the table (``reasons``) and ``w`` is
      ``shared_weight``; with no reason on the table, only the others' preferences count;
    - the actor moves: ``u ← u + a_i × (target − u + ε)``, where ``ε`` is a seeded random draw of standard
      deviation ``noise × 10`` (uneven listening), and the result stays between 0 and 10.

    With ``openness = 0`` (or every attachment at 1) nobody moves: the outcome is the aggregation of the
    initial preferences. The model leaves out, among other things, power, strategic behaviour and
    new options invented during the meeting: the notebook discusses these limits.
    """
    attachment = attachment or {}
    for actor, value in attachment.items():
        if not 0.0 <= value <= 1.0:
            raise DataError(f"l'attachement doit être entre 0 et 1 (reçu : {value}).", item=actor)
    options = options_of(profile)
    rng = random.Random(settings.seed)
    weight = settings.shared_weight if reasons else 0.0
    current = {a: {o: float(u.get(o, UTILITY_MIN)) for o in options} for a, u in profile.items()}
    history = [current]
    for _ in range(settings.rounds):
        nxt: Profile = {}
        for actor, utilities in current.items():
            others = [u for a, u in current.items() if a != actor]
            reach = settings.openness * (1.0 - attachment.get(actor, 0.0))
            moved = {}
            for option in options:
                heard = fmean(u[option] for u in others) if others else utilities[option]
                target = weight * reasons.get(option, heard) + (1.0 - weight) * heard
                jitter = rng.gauss(0.0, settings.noise * 10.0) if settings.noise else 0.0
                value = utilities[option] + reach * (target - utilities[option] + jitter)
                moved[option] = round(min(UTILITY_MAX, max(UTILITY_MIN, value)), 6)
            nxt[actor] = moved
        current = nxt
        history.append(current)
    return DeliberationResult(history=history, settings=settings, reason_scores=dict(reasons))


def spread(profile: Profile) -> float:
    """Remaining disagreement: mean, over options, of the standard deviation of utilities across actors."""
    options = options_of(profile)
    if len(profile) < 2 or not options:
        return 0.0
    return round(fmean(pstdev(u[o] for u in profile.values()) for o in options), 6)


def compare(profile: Profile, result: DeliberationResult) -> dict[str, dict[str, list[str]]]:
    """Winners under each rule before (``avant``) and after (``apres``) deliberation."""
    return {"avant": aggregate(profile), "apres": aggregate(result.final)}


# --------------------------------------------------------------------------- reading the table's data


def profile_from_records(records, *, actor: str = "acteur_id", option: str = "option_id",
                         value: str = "utilite") -> tuple[Profile, dict[str, float]]:
    """Build a profile and the actors' attachment from long-format rows (e.g. ``df.to_dict("records")``).

    Each row gives one actor's utility for one option; an optional ``attachement`` column gives the
    actor's attachment. Raises :class:`DataError` naming the row (counted from 1) on a bad value.
    """
    profile: Profile = {}
    attachment: dict[str, float] = {}
    for line, row in enumerate(records, start=1):
        try:
            utility = float(row[value])
        except (KeyError, TypeError, ValueError):
            raise DataError("utilité manquante ou non numérique.", line=line, column=value) from None
        if not UTILITY_MIN <= utility <= UTILITY_MAX:
            raise DataError(f"l'utilité doit être entre 0 et 10 (reçu : {utility}).", line=line, column=value)
        profile.setdefault(str(row[actor]), {})[str(row[option])] = utility
        if row.get("attachement") is not None:
            attachment[str(row[actor])] = float(row["attachement"])
    return profile, attachment


def reasons_from_records(records, *, reason: str = "raison_id", option: str = "option_id",
                         value: str = "score") -> dict[str, dict[str, float]]:
    """Build ``{reason: {option: score}}`` from long-format rows."""
    reasons: dict[str, dict[str, float]] = {}
    for line, row in enumerate(records, start=1):
        try:
            score = float(row[value])
        except (KeyError, TypeError, ValueError):
            raise DataError("score manquant ou non numérique.", line=line, column=value) from None
        reasons.setdefault(str(row[reason]), {})[str(row[option])] = score
    return reasons


def _options_of_rankings(ranks: dict[str, list[str]]) -> list[str]:
    seen: list[str] = []
    for order in ranks.values():
        for option in order:
            if option not in seen:
                seen.append(option)
    return seen


# --------------------------------------------------------------------------- gradient of agreement


#: A five-level gradient of agreement, from full support to a block (one of the variants that circulate
#: among facilitators; the levels are paraphrased here, see notebook 04).
GRADIENT_LEVELS = ("appui", "reserves", "partage", "desaccord_sans_blocage", "blocage")


def gradient_summary(counts: dict[str, int], reservation_threshold: float = 0.3,
                     fragile_threshold: float = 0.3) -> dict:
    """Read a show of hands on a five-level gradient of agreement.

    Returns the total, the share of each level and a ``lecture`` key: ``blocage`` when anyone blocks,
    ``fragile`` when mixed feelings and disagreement reach ``fragile_threshold`` of the votes,
    ``reserves`` when reservations reach ``reservation_threshold``, otherwise ``large``. The thresholds
    are facilitation rules of thumb proposed by this workbook, to adapt with the group.
    """
    unknown = [k for k in counts if k not in GRADIENT_LEVELS]
    if unknown:
        raise DataError(f"niveau inconnu : {', '.join(unknown)} (choix : {', '.join(GRADIENT_LEVELS)}).")
    if any(int(v) < 0 for v in counts.values()):
        raise DataError("un nombre de votes ne peut pas être négatif.")
    full = {level: int(counts.get(level, 0)) for level in GRADIENT_LEVELS}
    total = sum(full.values())
    shares = {level: (n / total if total else 0.0) for level, n in full.items()}
    if total == 0:
        reading = "vide"
    elif full["blocage"]:
        reading = "blocage"
    elif shares["partage"] + shares["desaccord_sans_blocage"] >= fragile_threshold:
        reading = "fragile"
    elif shares["reserves"] >= reservation_threshold:
        reading = "reserves"
    else:
        reading = "large"
    return {"total": total, "votes": full, "parts": shares, "lecture": reading}
