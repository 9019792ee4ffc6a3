"""Every per-question-type piece of the live workshop, behind one small interface.

One class per kind of activity (the bank's exercise types that work on a phone, plus three room
activities). Each says:

- :meth:`Kind.body` — how the activity shows on a participant's phone (HTML, escaped, options
  shuffled in a stable order per participant: the authored order puts the right option first);
- :meth:`Kind.parse` — how a posted form becomes the checker's answer form (``"a"``, ``["a", "c"]``,
  ``"vrai"``, ``3``, ``["x", "y"]``, ``{"element": "categorie"}``, ``"texte"``) or an
  :class:`AnswerError` with a French message;
- :meth:`Kind.describe` — the recorded answer in words, for the participant;
- :meth:`Kind.tally` and :meth:`Kind.chart` — the room's counts (a :class:`Tally`, nothing shown below
  the minimum group size) and their Altair chart;
- :meth:`Kind.solution` — the expected answer in words, shown only once the facilitator reveals it. It
  comes from the exercise's key (:mod:`ocworkbook.exercises.key`), clear or hashed, never from the order
  the items are stored in (the learner edition stores them shuffled); when a copy's key cannot give the
  answer back, the reveal says so and shows only whether each answer is right.

Nothing else in the package knows about question types, so this module can later be split into the
exercise engine's own type modules. Exercises are read through the bank's current API
(``.id .type .title .prompt .explanation .data``) and checked with ``exercises.check.check``.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from ..exercises.key import HASH_FIELD
from ..i18n import t
from ..tools.privacy import visible
from .markup import block, esc, inline, plain
from .security import TooLong, clean_text

OTHER = "autres"


class AnswerError(ValueError):
    """A posted answer that cannot be recorded; ``message(lang)`` says why, in French or English."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values

    def message(self, lang: str = "fr") -> str:
        return t(self.key, lang=lang, **self.values)


@dataclass
class View:
    """What one participant sees of one activity."""

    spec: dict  # the activity: id, kind, title, prompt, explanation, data, state, revealed
    lang: str = "fr"
    order_key: str = ""  # stable shuffle per participant
    answer: object = None
    votes: dict = field(default_factory=dict)  # statement id → -1/0/1
    statements: list = field(default_factory=list)  # visible statements of the activity
    posts: list = field(default_factory=list)  # this participant's wall entries
    exercise: object = None  # the bank's Exercise, for personal feedback once revealed

    @property
    def open(self) -> bool:
        return self.spec.get("state") == "ouverte"


@dataclass
class Tally:
    """The room's answers to one activity. ``rows`` are plain dicts (see each kind)."""

    activity: str
    title: str
    kind: str
    people: int
    hidden: bool
    rows: list = field(default_factory=list)
    message: str = ""
    summary: str = ""


def shuffled(items, key: str) -> list:
    """``items`` in an order that depends only on ``key`` (same participant → same order)."""
    items = list(items)
    random.Random(key).shuffle(items)
    return items


def _text(kind_name: str, value, limit_kind: str) -> str:
    try:
        return clean_text(value, limit_kind)
    except TooLong as error:
        raise AnswerError("atelier.error.too_long", limit=error.limit) from None


def _one(fields: dict, name: str):
    values = fields.get(name) or []
    return values[-1] if values else None


def _hidden_tally(spec, people, min_group, lang) -> Tally:
    return Tally(spec["id"], spec["title"], spec["kind"], people, True,
                 message=t("atelier.results.too_few", lang=lang, n=people, minimum=min_group))


def _checker():
    from ..exercises.check import check

    return check


def _bar_chart(rows, title: str, x_field: str = "personnes", x_title: str | None = None, lang: str = "fr"):
    """Horizontal bars, one per row, labels cut at 60 characters; the right answer marked in words."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame(rows)
    frame["etiquette"] = [(("✓ " if r.get("correct") else "") + _short(r["libelle"])) for r in rows]
    encoding = {"y": alt.Y("etiquette:N", sort=None, title=None, axis=alt.Axis(labelLimit=420, labelFontSize=14)),
                "x": alt.X(f"{x_field}:Q", title=x_title or t("atelier.chart.people", lang=lang),
                           axis=alt.Axis(tickMinStep=1, format="d" if x_field == "personnes" else ",.1f",
                                         labelFontSize=13, titleFontSize=14)),
                "tooltip": ["libelle", x_field]}
    if frame.get("correct") is not None and frame["correct"].notna().any():
        frame["cle"] = frame["correct"].map({True: t("atelier.chart.right", lang=lang),
                                             False: t("atelier.chart.other", lang=lang)})
        encoding["color"] = alt.Color("cle:N", title=None, scale=alt.Scale(
            domain=[t("atelier.chart.right", lang=lang), t("atelier.chart.other", lang=lang)],
            range=["#009E73", "#999999"]))
    bars = alt.Chart(frame).mark_bar().encode(**encoding)
    labels = alt.Chart(frame).mark_text(align="left", dx=4, fontSize=14).encode(
        y=alt.Y("etiquette:N", sort=None), x=f"{x_field}:Q", text=f"{x_field}:Q")
    return alt.layer(bars, labels).properties(title=_short(title, 80), width=520)


def _short(text, limit: int = 60) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _share(count, people) -> float:
    return round(count / people, 3) if people else 0.0


def hashed_spec(spec: dict) -> bool:
    """True for an activity read from a learner edition: its key is hashed, its stored order is not the key."""
    return HASH_FIELD in (spec.get("data") or {})


def key_answer(spec: dict, exercise):
    """The right answer as the exercise's key gives it back (clear or hashed), or ``None`` if it cannot.

    Without the exercise (a stored activity read back without its bank), only a clear copy's authored
    fields can answer; a learner copy's cannot.
    """
    if exercise is not None:
        return exercise.kind.key_answer(exercise)
    return None


def paper_order(items, spec: dict) -> list:
    """The order of options or elements on a handout: the same in every edition (it does not depend on
    the stored order, which the learner edition shuffles) and never the authored one."""
    return shuffled(sorted(items, key=lambda item: str(item["id"])), f"papier:{spec['id']}")


class Kind:
    """One kind of activity. Subclasses override what differs.

    A room activity (scale, statements, wall) names itself; the live form of a bank exercise is made
    by its question type (:meth:`ocworkbook.exercises.kinds.base.Kind.live`), which gives it its name.
    """

    name = ""
    room = False  # a room activity (not an exercise of the bank)
    uses_answers = True  # answers go to the ``answers`` table (statements and wall have their own)

    def __init__(self, name: str | None = None):
        if name:
            self.name = name

    # --- phone ------------------------------------------------------------------------------

    def body(self, view: View) -> str:
        """The HTML of the activity on the phone (below its title and prompt)."""
        fields = self.fields(view)
        disabled = "" if view.open else " disabled"
        label = t("atelier.phone.change" if view.answer is not None else "atelier.phone.send", lang=view.lang)
        button = f'<button type="submit" class="primaire">{esc(label)}</button>' if view.open else ""
        form = (f'<form method="post" action="/repondre" class="reponse" data-ajax>'
                f'<input type="hidden" name="activite" value="{esc(view.spec["id"])}">'
                f'<fieldset{disabled}><legend class="sr-only">{esc(plain(view.spec["title"]))}</legend>{fields}'
                f"{button}</fieldset></form>")
        return form + self._recorded(view) + self._revealed(view)

    def fields(self, view: View) -> str:  # pragma: no cover - every answer kind overrides it
        raise NotImplementedError

    def _recorded(self, view: View) -> str:
        if view.answer is None:
            return ""
        return (f'<p class="enregistre">✓ {esc(t("atelier.phone.your_answer", lang=view.lang))} '
                f'<span class="votre-reponse">{esc(self.describe(view.spec, view.answer, view.lang))}</span></p>')

    def _revealed(self, view: View) -> str:
        spec = view.spec
        if not spec.get("revealed"):
            return ""
        parts = []
        solution = self.solution(spec, view.exercise, view.lang)
        if solution:
            label = esc(t("atelier.phone.expected", lang=view.lang))
            parts.append(f"<p><strong>{label}</strong> {inline(solution)}</p>")
        if view.answer is not None and view.exercise is not None and spec.get("exercise"):
            result = _checker()(view.exercise, view.answer)
            headline = f"{result.symbol()} {t('result.' + result.status, lang=view.lang)}"
            parts.append(f'<p class="resultat">{esc(headline)}</p>')
            parts += [f"<p>{inline(item)}</p>" for item in result.feedback]
        if spec.get("explanation"):
            parts.append(block(spec["explanation"]))
        return f'<section class="revele" aria-label="{esc(t("atelier.phone.answer_title", lang=view.lang))}">' \
               + "".join(parts) + "</section>"

    # --- answers ----------------------------------------------------------------------------

    def parse(self, spec: dict, fields: dict[str, list[str]]):  # pragma: no cover - overridden
        raise NotImplementedError

    def describe(self, spec: dict, answer, lang: str = "fr") -> str:
        return str(answer)

    def expected_text(self, spec: dict, exercise, lang: str = "fr") -> str | None:
        """The expected answer in words; ``""`` when there is none (room activities), ``None`` when this
        copy's key cannot give it back (a learner edition's hashed number or text)."""
        return ""

    def solution(self, spec: dict, exercise, lang: str = "fr") -> str:
        """What the reveal shows as the expected answer (a French sentence when the key cannot say)."""
        text = self.expected_text(spec, exercise, lang)
        return t("atelier.phone.no_key", lang=lang) if text is None else text

    # --- room -------------------------------------------------------------------------------

    def tally(self, spec: dict, answers: list, *, min_group: int, revealed: bool, exercise=None,
              lang: str = "fr", **extra) -> Tally:  # pragma: no cover - overridden
        raise NotImplementedError

    def chart(self, tally: Tally, lang: str = "fr"):
        if tally.hidden or not tally.rows:
            return None
        return _bar_chart(tally.rows, tally.title, lang=lang)

    def columns(self, lang: str = "fr") -> list[tuple[str, str]]:
        """The columns of the counts table (row field, heading), for the notebook and the projector."""
        return [("libelle", t("atelier.projector.column_choice", lang=lang)),
                ("personnes", t("atelier.projector.column_count", lang=lang))]

    # --- paper and rehearsal ----------------------------------------------------------------

    def paper(self, spec: dict, lang: str = "fr") -> str:
        """The activity on a printed handout (for a room without phones): boxes to tick, lines to fill."""
        return '<div class="ligne"></div><div class="ligne"></div>'

    def paper_key(self, spec: dict, exercise, lang: str = "fr") -> list[str] | None:
        """The lines of the facilitator's key page (plain text, naming what the handout prints), or
        ``None`` when this copy's key cannot give the answer."""
        text = self.expected_text(spec, exercise, lang)
        return None if text is None else ([plain(text)] if text else [])

    def tally_sheet(self, spec: dict, lang: str = "fr") -> tuple[list[str], list[str]]:
        """The counting grid of the tally sheet: its column headings and its row labels."""
        return [t("atelier.paper.counts_free", lang=lang)], [""]

    def sample(self, spec: dict, rng: random.Random) -> dict:
        """A plausible posted form, for rehearsing a workshop with simulated participants."""
        raise NotImplementedError


BOX = '<span class="case" aria-hidden="true">☐</span>'
BOX_CELL = f'<td class="cocher">{BOX}</td>'


def _letter(index: int) -> str:
    return chr(ord("A") + index)


# --- choices -------------------------------------------------------------------------------------


class SingleChoice(Kind):
    input_type = "radio"

    def options(self, spec):
        return spec["data"]["options"]

    def fields(self, view: View) -> str:
        chosen = view.answer if isinstance(view.answer, list) else [view.answer]
        items = []
        for option in shuffled(self.options(view.spec), f"{view.order_key}:{view.spec['id']}"):
            oid = str(option["id"])
            checked = " checked" if oid in map(str, chosen) else ""
            items.append(f'<label class="choix"><input type="{self.input_type}" name="choix" value="{esc(oid)}"'
                         f'{checked}> <span>{inline(option["texte"])}</span></label>')
        return "".join(items)

    def _known(self, spec, value) -> str:
        ids = {str(o["id"]) for o in self.options(spec)}
        if value not in ids:
            raise AnswerError("atelier.error.unknown_option")
        return value

    def parse(self, spec, fields):
        values = fields.get("choix") or []
        if not values:
            raise AnswerError("atelier.error.choose_one")
        if len(values) > 1:
            raise AnswerError("atelier.error.only_one")
        return self._known(spec, values[0])

    def describe(self, spec, answer, lang="fr"):
        texts = {str(o["id"]): plain(o["texte"]) for o in self.options(spec)}
        chosen = answer if isinstance(answer, list) else [answer]
        return " ; ".join(texts.get(str(a), "?") for a in chosen)

    def correct_ids(self, spec, exercise) -> set | None:
        """The right options' ids (``None`` when neither the exercise nor a clear spec can say)."""
        if exercise is None:
            if hashed_spec(spec):
                return None
            return {str(o["id"]) for o in self.options(spec) if o.get("correct") is True}
        check = _checker()
        return {str(o["id"]) for o in self.options(spec) if check(exercise, str(o["id"])).correct}

    def expected_text(self, spec, exercise, lang="fr"):
        good = self.correct_ids(spec, exercise)
        if good is None:
            return None
        return " ; ".join(plain(o["texte"]) for o in self.options(spec) if str(o["id"]) in good)

    def paper(self, spec, lang="fr"):
        items = "".join(f"<li>{BOX} <b>{_letter(i)}.</b> {inline(o['texte'])}</li>"
                        for i, o in enumerate(paper_order(self.options(spec), spec)))
        hint = t("atelier.paper.one" if self.input_type == "radio" else "atelier.paper.some", lang=lang)
        return f'<p class="consigne">{esc(hint)}</p><ul class="options">{items}</ul>'

    def paper_key(self, spec, exercise, lang="fr"):
        good = self.correct_ids(spec, exercise)
        if good is None:
            return None
        letters = [_letter(i) for i, o in enumerate(paper_order(self.options(spec), spec)) if str(o["id"]) in good]
        return [", ".join(letters)]

    def tally_sheet(self, spec, lang="fr"):
        return [_letter(i) for i in range(len(self.options(spec)))], [""]

    def sample(self, spec, rng):
        ids = [str(o["id"]) for o in self.options(spec)]
        if self.input_type == "radio":
            return {"choix": [rng.choice(ids)]}
        return {"choix": rng.sample(ids, rng.randint(1, len(ids)))}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        counts = Counter()
        for item in answers:
            for value in dict.fromkeys(item if isinstance(item, list) else [item]):
                counts[str(value)] += 1
        good = self.correct_ids(spec, exercise) if revealed else None
        rows = [{"choix": str(o["id"]), "libelle": plain(o["texte"]), "personnes": counts[str(o["id"])],
                 "part": _share(counts[str(o["id"])], people),
                 "correct": (str(o["id"]) in good) if good is not None else None}
                for o in shuffled(self.options(spec), spec["id"])]
        rows.sort(key=lambda r: -r["personnes"])  # stable: ties keep the shuffled order, never the authored one
        return Tally(spec["id"], spec["title"], self.name, people, False, rows)


class MultipleChoice(SingleChoice):
    input_type = "checkbox"

    def parse(self, spec, fields):
        values = list(dict.fromkeys(fields.get("choix") or []))
        if not values:
            raise AnswerError("atelier.error.choose_some")
        return [self._known(spec, v) for v in values]

    def correct_ids(self, spec, exercise):
        if exercise is None:
            return super().correct_ids(spec, exercise)
        check = _checker()
        return {str(o["id"]) for o in self.options(spec) if (check(exercise, [str(o["id"])]).score or 0) > 0}


class TrueFalse(Kind):

    def fields(self, view):
        items = []
        for value, key in (("vrai", "widget.true"), ("faux", "widget.false")):
            checked = " checked" if view.answer == value else ""
            items.append(f'<label class="choix"><input type="radio" name="choix" value="{value}"{checked}> '
                         f'<span>{esc(t(key, lang=view.lang))}</span></label>')
        return "".join(items)

    def parse(self, spec, fields):
        value = _one(fields, "choix")
        if value not in ("vrai", "faux"):
            raise AnswerError("atelier.error.true_false")
        return value

    def describe(self, spec, answer, lang="fr"):
        return t("widget.true" if answer == "vrai" else "widget.false", lang=lang)

    def paper(self, spec, lang="fr"):
        return (f'<ul class="options en-ligne"><li>{BOX} {esc(t("widget.true", lang=lang))}</li>'
                f'<li>{BOX} {esc(t("widget.false", lang=lang))}</li></ul>'
                f'<p class="consigne">{esc(t("atelier.paper.why", lang=lang))}</p><div class="ligne"></div>')

    def sample(self, spec, rng):
        return {"choix": [rng.choice(["vrai", "faux"])]}

    def _right(self, spec, exercise):
        if exercise is not None:
            return "vrai" if _checker()(exercise, "vrai").correct else "faux"
        if hashed_spec(spec) or "reponse" not in spec["data"]:
            return None
        return "vrai" if spec["data"].get("reponse") in (True, "vrai") else "faux"

    def expected_text(self, spec, exercise, lang="fr"):
        right = self._right(spec, exercise)
        return None if right is None else self.describe(spec, right, lang)

    def tally_sheet(self, spec, lang="fr"):
        return [t("widget.true", lang=lang), t("widget.false", lang=lang)], [""]

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        counts = Counter(answers)
        right = self._right(spec, exercise) if revealed else None
        rows = [{"choix": v, "libelle": self.describe(spec, v, lang), "personnes": counts[v],
                 "part": _share(counts[v], people), "correct": (v == right) if right else None}
                for v in ("vrai", "faux")]
        return Tally(spec["id"], spec["title"], self.name, people, False, rows)


class Scale(Kind):
    """A scale from 1 to 5 (room activity): no right answer, counts and mean."""

    name = "echelle"
    room = True
    values = (1, 2, 3, 4, 5)

    def _label(self, spec, value, lang="fr"):
        low, high = spec["data"]["bornes"]
        return {1: f"1 — {low}", 5: f"5 — {high}"}.get(value, str(value))

    def fields(self, view):
        items = []
        for value in self.values:
            checked = " checked" if view.answer == value else ""
            items.append(f'<label class="choix echelle"><input type="radio" name="valeur" value="{value}"{checked}> '
                         f'<span>{esc(self._label(view.spec, value))}</span></label>')
        return "".join(items)

    def parse(self, spec, fields):
        value = _one(fields, "valeur")
        if value not in {str(v) for v in self.values}:
            raise AnswerError("atelier.error.scale")
        return int(value)

    def describe(self, spec, answer, lang="fr"):
        return self._label(spec, answer, lang)

    def paper(self, spec, lang="fr"):
        items = "".join(f"<li>{BOX} {esc(self._label(spec, v, lang))}</li>" for v in self.values)
        return f'<ul class="options en-ligne">{items}</ul>'

    def tally_sheet(self, spec, lang="fr"):
        return [str(v) for v in self.values], [""]

    def sample(self, spec, rng):
        return {"valeur": [str(rng.choice(self.values))]}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        counts = Counter(answers)
        rows = [{"choix": str(v), "libelle": self._label(spec, v, lang), "personnes": counts[v],
                 "part": _share(counts[v], people), "correct": None} for v in self.values]
        mean = sum(answers) / people
        return Tally(spec["id"], spec["title"], self.name, people, False, rows,
                     summary=t("atelier.results.mean", lang=lang, mean=f"{mean:.1f}".replace(".", ",")))


# --- numbers and texts ------------------------------------------------------------------------------


class Numeric(Kind):

    def fields(self, view):
        value = "" if view.answer is None else f"{view.answer:g}".replace(".", ",")
        unit = view.spec["data"].get("unite")
        suffix = f' <span class="unite">{esc(unit)}</span>' if unit else ""
        return (f'<label class="texte"><span>{esc(t("atelier.phone.number", lang=view.lang))}</span>'
                f'<input type="text" name="texte" inputmode="decimal" autocomplete="off" maxlength="30" '
                f'value="{esc(value)}">{suffix}</label>')

    def parse(self, spec, fields):
        from ..exercises.normalize import parse_number

        text = _text(self.name, _one(fields, "texte"), "nombre")
        number = parse_number(text)
        if number is None:
            raise AnswerError("atelier.error.number")
        return number

    def describe(self, spec, answer, lang="fr"):
        unit = spec["data"].get("unite")
        return f"{answer:g}".replace(".", ",") + (f" {unit}" if unit else "")

    def expected_text(self, spec, exercise, lang="fr"):
        from ..exercises.normalize import parse_number

        value = key_answer(spec, exercise) if exercise is not None else spec["data"].get("reponse")
        number = value if isinstance(value, (int, float)) else parse_number(str(value)) if value is not None else None
        return None if number is None else self.describe(spec, float(number), lang)

    def paper(self, spec, lang="fr"):
        unit = spec["data"].get("unite")
        return f'<p class="reponse-nombre">{esc(t("atelier.phone.number", lang=lang))} : ________ {esc(unit or "")}</p>'

    def sample(self, spec, rng):
        value = spec["data"].get("reponse")
        base = float(value) if isinstance(value, (int, float)) else 1.0
        return {"texte": [f"{rng.choice([base, base, base * 2, base / 2]):g}".replace(".", ",")]}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        counts = Counter(round(float(a), 6) for a in answers)
        check = _checker() if revealed and exercise is not None else None
        rows = [{"choix": f"{v:g}", "libelle": self.describe(spec, v, lang), "personnes": n, "part": _share(n, people),
                 "correct": (check(exercise, v).correct if check else None)}
                for v, n in sorted(counts.items())]
        return Tally(spec["id"], spec["title"], self.name, people, False, rows)


class ShortText(Kind):

    def fields(self, view):
        value = "" if view.answer is None else str(view.answer)
        return (f'<label class="texte"><span>{esc(t("atelier.phone.your_text", lang=view.lang))}</span>'
                f'<input type="text" name="texte" autocomplete="off" maxlength="200" value="{esc(value)}"></label>')

    def parse(self, spec, fields):
        text = _text(self.name, _one(fields, "texte"), "texte")
        if not text:
            raise AnswerError("atelier.error.empty")
        return text

    def expected_text(self, spec, exercise, lang="fr"):
        if exercise is not None:
            value = key_answer(spec, exercise)
            return None if value is None else str(value)
        accepted = spec["data"].get("reponses") or []
        return str(accepted[0]) if accepted else None

    def sample(self, spec, rng):
        accepted = [str(a) for a in spec["data"].get("reponses") or []]
        wrong = [str(r) for m in spec["data"].get("erreurs") or [] for r in m.get("reponses", [])]
        return {"texte": [rng.choice((accepted * 3 + wrong) or ["?"])]}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        from ..exercises.normalize import normalize_text

        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        groups: dict[str, list[str]] = {}
        for answer in answers:
            groups.setdefault(normalize_text(answer), []).append(str(answer))
        check = _checker() if revealed and exercise is not None else None
        rows, other = [], 0
        for forms in groups.values():
            if len(forms) < min_group:  # a text typed by fewer than min_group people is never shown
                other += len(forms)
                continue
            label = Counter(forms).most_common(1)[0][0]
            rows.append({"choix": label, "libelle": label, "personnes": len(forms), "part": _share(len(forms), people),
                         "correct": check(exercise, label).correct if check else None})
        rows.sort(key=lambda r: -r["personnes"])
        if other:
            rows.append({"choix": OTHER, "libelle": t("atelier.results.other", lang=lang), "personnes": other,
                         "part": _share(other, people), "correct": None})
        return Tally(spec["id"], spec["title"], self.name, people, False, rows)


# --- ordering and matching --------------------------------------------------------------------------


class Ordering(Kind):

    def fields(self, view):
        elements = view.spec["data"]["elements"]
        n = len(elements)
        ranks = {str(e): i for i, e in enumerate(view.answer or [], 1)}
        items = [f'<p class="aide">{esc(t("atelier.phone.order_help", lang=view.lang, n=n))}</p>']
        for index, element in enumerate(shuffled(elements, f"{view.order_key}:{view.spec['id']}")):
            eid = str(element["id"])
            choices = "".join(f'<option value="{r}"{" selected" if ranks.get(eid) == r else ""}>{r}</option>'
                              for r in range(1, n + 1))
            items.append(f'<div class="rang"><label for="rang-{index}">{inline(element["texte"])}</label>'
                         f'<select id="rang-{index}" name="rang-{esc(eid)}"><option value="">—</option>{choices}'
                         f"</select></div>")
        return "".join(items)

    def parse(self, spec, fields):
        ids = [str(e["id"]) for e in spec["data"]["elements"]]
        ranks = {}
        for eid in ids:
            value = _one(fields, f"rang-{eid}")
            if not value or not value.isdigit():
                raise AnswerError("atelier.error.order_all")
            ranks[eid] = int(value)
        if sorted(ranks.values()) != list(range(1, len(ids) + 1)):
            raise AnswerError("atelier.error.order_distinct", n=len(ids))
        return sorted(ids, key=lambda e: ranks[e])

    def describe(self, spec, answer, lang="fr"):
        texts = {str(e["id"]): _short(e["texte"], 40) for e in spec["data"]["elements"]}
        return " ; ".join(f"{i}. {texts.get(str(e), '?')}" for i, e in enumerate(answer, 1))

    def expected(self, spec, exercise) -> list[str] | None:
        """The expected order (element ids), from the key; ``None`` when this copy cannot give it."""
        if exercise is not None:
            return key_answer(spec, exercise)
        if hashed_spec(spec):
            return None  # a learner copy: its elements are stored shuffled and its key is hashed
        return [str(e["id"]) for e in spec["data"]["elements"]]

    def expected_text(self, spec, exercise, lang="fr"):
        order = self.expected(spec, exercise)
        if order is None:
            return None
        texts = {str(e["id"]): plain(e["texte"]) for e in spec["data"]["elements"]}
        return " ; ".join(f"{i}. {texts[e]}" for i, e in enumerate(order, 1))

    def paper(self, spec, lang="fr"):
        n = len(spec["data"]["elements"])
        rank = esc(t("atelier.paper.rank", lang=lang))
        items = "".join(f'<tr><td class="numero">{i}</td><td class="texte">{inline(e["texte"])}</td>'
                        f'<td class="rang-papier">{rank} ___</td></tr>'
                        for i, e in enumerate(paper_order(spec["data"]["elements"], spec), 1))
        return (f'<p class="consigne">{esc(t("atelier.phone.order_help", lang=lang, n=n))}</p>'
                f'<table class="grille ordre">{items}</table>')

    def paper_key(self, spec, exercise, lang="fr"):
        order = self.expected(spec, exercise)
        if order is None:
            return None
        printed = [str(e["id"]) for e in paper_order(spec["data"]["elements"], spec)]
        ranks = " ; ".join(t("atelier.paper.line_rank", lang=lang, line=line, rank=order.index(eid) + 1)
                           for line, eid in enumerate(printed, 1))
        return [t("atelier.paper.ranks_by_line", lang=lang, ranks=ranks),
                t("atelier.paper.order_in_words", lang=lang, order=self.expected_text(spec, exercise, lang))]

    def tally_sheet(self, spec, lang="fr"):
        n = len(spec["data"]["elements"])
        return ([t("atelier.paper.rank_n", lang=lang, n=r) for r in range(1, n + 1)],
                [str(i) for i in range(1, n + 1)])

    def sample(self, spec, rng):
        ids = [str(e["id"]) for e in spec["data"]["elements"]]
        ranks = list(range(1, len(ids) + 1))
        rng.shuffle(ranks)
        return {f"rang-{eid}": [str(r)] for eid, r in zip(ids, ranks, strict=True)}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        elements = spec["data"]["elements"]
        order = self.expected(spec, exercise) if revealed else None
        rows = []
        for element in shuffled(elements, spec["id"]):
            eid = str(element["id"])
            ranks = [a.index(eid) + 1 for a in answers if eid in a]
            mean = round(sum(ranks) / len(ranks), 2) if ranks else None
            right = order.index(eid) + 1 if order and eid in order else None
            rows.append({"choix": eid, "libelle": plain(element["texte"]), "personnes": len(ranks), "rang_moyen": mean,
                         "rang_attendu": right, "correct": None})
        rows.sort(key=lambda r: (r["rang_moyen"] is None, r["rang_moyen"] or 0))
        return Tally(spec["id"], spec["title"], self.name, people, False, rows,
                     summary=t("atelier.results.mean_rank_note", lang=lang))

    def columns(self, lang="fr"):
        return [("libelle", t("atelier.projector.column_choice", lang=lang)),
                ("rang_moyen", t("atelier.chart.mean_rank", lang=lang))]

    def chart(self, tally, lang="fr"):
        if tally.hidden or not tally.rows:
            return None

        def label(r):
            if not r.get("rang_attendu"):
                return r["libelle"]
            return f"{r['libelle']} ({t('atelier.chart.expected_rank', lang=lang, n=r['rang_attendu'])})"

        rows = [{**r, "libelle": label(r)} for r in tally.rows]
        return _bar_chart(rows, tally.title, x_field="rang_moyen", x_title=t("atelier.chart.mean_rank", lang=lang),
                          lang=lang)


class Matching(Kind):

    def fields(self, view):
        categories = view.spec["data"]["categories"]
        chosen = view.answer or {}
        items = []
        for element in shuffled(view.spec["data"]["elements"], f"{view.order_key}:{view.spec['id']}"):
            eid = str(element["id"])
            radios = "".join(
                f'<label class="choix"><input type="radio" name="categorie-{esc(eid)}" value="{esc(c["id"])}"'
                f'{" checked" if str(chosen.get(eid)) == str(c["id"]) else ""}> '
                f'<span>{inline(c["texte"])}</span></label>'
                for c in categories)
            items.append(f'<fieldset class="element"><legend>{inline(element["texte"])}</legend>{radios}</fieldset>')
        return "".join(items)

    def parse(self, spec, fields):
        categories = {str(c["id"]) for c in spec["data"]["categories"]}
        answer = {}
        for element in spec["data"]["elements"]:
            value = _one(fields, f"categorie-{element['id']}")
            if value in (None, ""):
                continue
            if value not in categories:
                raise AnswerError("atelier.error.unknown_option")
            answer[str(element["id"])] = value
        if not answer:
            raise AnswerError("atelier.error.match_some")
        return answer

    def describe(self, spec, answer, lang="fr"):
        names = {str(c["id"]): plain(c["texte"]) for c in spec["data"]["categories"]}
        texts = {str(e["id"]): _short(e["texte"], 40) for e in spec["data"]["elements"]}
        return " ; ".join(f"{texts.get(e, '?')} → {names.get(c, '?')}" for e, c in answer.items())

    def expected(self, spec, exercise) -> dict[str, str] | None:
        """Each element's expected category, from the key; ``None`` when this copy cannot give it."""
        if exercise is not None:
            return key_answer(spec, exercise)
        elements = spec["data"]["elements"]
        if hashed_spec(spec) or not all("categorie" in e for e in elements):
            return None  # a learner copy holds the pairs hashed only
        return {str(e["id"]): str(e["categorie"]) for e in elements}

    def expected_text(self, spec, exercise, lang="fr"):
        expected = self.expected(spec, exercise)
        return None if expected is None else self.describe(spec, expected, lang)

    def paper(self, spec, lang="fr"):
        categories = spec["data"]["categories"]
        head = "".join(f"<th>{inline(c['texte'])}</th>" for c in categories)
        rows = "".join(f'<tr><td class="numero">{i}</td><td class="texte">{inline(e["texte"])}</td>'
                       + BOX_CELL * len(categories) + "</tr>"
                       for i, e in enumerate(paper_order(spec["data"]["elements"], spec), 1))
        return f'<table class="grille association"><tr><th></th><th></th>{head}</tr>{rows}</table>'

    def paper_key(self, spec, exercise, lang="fr"):
        expected = self.expected(spec, exercise)
        if expected is None:
            return None
        names = {str(c["id"]): plain(c["texte"]) for c in spec["data"]["categories"]}
        return [f"{line} → {names.get(expected.get(str(e['id'])), '?')}"
                for line, e in enumerate(paper_order(spec["data"]["elements"], spec), 1)]

    def tally_sheet(self, spec, lang="fr"):
        return ([plain(c["texte"]) for c in spec["data"]["categories"]],
                [str(i) for i in range(1, len(spec["data"]["elements"]) + 1)])

    def sample(self, spec, rng):
        categories = [str(c["id"]) for c in spec["data"]["categories"]]
        return {f"categorie-{e['id']}": [rng.choice(categories)] for e in spec["data"]["elements"]}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        people = len(answers)
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        names = {str(c["id"]): plain(c["texte"]) for c in spec["data"]["categories"]}
        key = (self.expected(spec, exercise) or {}) if revealed else {}
        rows = []
        for element in shuffled(spec["data"]["elements"], spec["id"]):
            eid = str(element["id"])
            counts = Counter(str(a[eid]) for a in answers if eid in a)
            expected = key.get(eid)
            for cid, name in names.items():
                rows.append({"element": plain(element["texte"]), "choix": cid, "libelle": name,
                             "personnes": counts[cid], "part": _share(counts[cid], people),
                             "correct": (cid == expected) if expected else None})
        return Tally(spec["id"], spec["title"], self.name, people, False, rows)

    def columns(self, lang="fr"):
        return [("element", ""), ("libelle", t("atelier.chart.category", lang=lang)),
                ("personnes", t("atelier.projector.column_count", lang=lang))]

    def chart(self, tally, lang="fr"):
        import altair as alt
        import pandas as pd

        if tally.hidden or not tally.rows:
            return None
        frame = pd.DataFrame(tally.rows)
        frame["element_court"] = frame["element"].map(lambda s: _short(s, 50))
        frame["categorie"] = [("✓ " if c else "") + name for name, c in zip(frame["libelle"], frame["correct"],
                                                                             strict=True)]
        return alt.Chart(frame).mark_bar().encode(
            y=alt.Y("element_court:N", title=None, sort=None, axis=alt.Axis(labelLimit=420, labelFontSize=13)),
            x=alt.X("personnes:Q", title=t("atelier.chart.people", lang=lang), stack="zero"),
            color=alt.Color("categorie:N", title=t("atelier.chart.category", lang=lang)),
            tooltip=["element", "libelle", "personnes"]).properties(title=_short(tally.title, 80), width=420)


# --- room activities: statements to vote on, word wall -----------------------------------------------

VOTES = ((1, "atelier.vote.agree"), (-1, "atelier.vote.disagree"), (0, "atelier.vote.pass"))
STATEMENT_LABEL_WIDTH = 48  # characters per line of a statement's label on the chart (wrapped, never cut)
STATEMENT_FONT = 16  # px: read from the back of a room on a projector


class Statements(Kind):
    """Statements to vote on (agree / disagree / pass), with proposals the facilitator accepts."""

    name = "enonces"
    room = True
    uses_answers = False

    def body(self, view):
        lang, parts = view.lang, []
        disabled = "" if view.open else " disabled"
        if not view.statements:
            parts.append(f'<p class="aide">{esc(t("atelier.phone.no_statement", lang=lang))}</p>')
        for statement in shuffled(view.statements, f"{view.order_key}:{view.spec['id']}"):
            sid = statement["id"]
            mine = view.votes.get(sid)
            buttons = "".join(
                f'<button type="submit" name="vote" value="{value}" class="vote"'
                f' aria-pressed="{"true" if mine == value else "false"}">'
                f'{"✓ " if mine == value else ""}{esc(t(key, lang=lang))}</button>' for value, key in VOTES)
            parts.append(f'<form method="post" action="/voter" class="enonce" data-ajax>'
                         f'<input type="hidden" name="enonce" value="{sid}">'
                         f'<fieldset{disabled}><legend>{esc(statement["text"])}</legend>'
                         f'<div class="votes">{buttons}</div></fieldset></form>')
        if view.spec["data"].get("propositions", True) and view.open:
            parts.append(f'<form method="post" action="/proposer" class="proposer" data-ajax>'
                         f'<input type="hidden" name="activite" value="{esc(view.spec["id"])}">'
                         f'<label for="proposition">{esc(t("atelier.phone.propose", lang=lang))}</label>'
                         f'<textarea id="proposition" name="texte" maxlength="280" rows="3"></textarea>'
                         f'<p class="aide">{esc(t("atelier.phone.propose_help", lang=lang))}</p>'
                         f'<button type="submit" class="secondaire">{esc(t("atelier.phone.propose_send", lang=lang))}'
                         f"</button></form>")
        return "".join(parts) + self._revealed(view)

    def parse(self, spec, fields):
        value = _one(fields, "vote")
        if value not in ("1", "-1", "0"):
            raise AnswerError("atelier.error.vote")
        return int(value)

    def describe(self, spec, answer, lang="fr"):
        return t(dict(VOTES).get(answer, "atelier.vote.pass"), lang=lang)

    def paper(self, spec, lang="fr"):
        head = "".join(f"<th>{esc(t(key, lang=lang))}</th>" for _, key in VOTES)
        rows = "".join(f'<tr><td class="numero">{i}</td><td class="texte">{inline(text)}</td>' + BOX_CELL * 3 + "</tr>"
                       for i, text in enumerate(spec["data"].get("enonces", []), 1))
        proposal = (f'<p class="consigne">{esc(t("atelier.phone.propose", lang=lang))}</p><div class="ligne"></div>'
                    if spec["data"].get("propositions", True) else "")
        return f'<table class="grille enonces"><tr><th></th><th></th>{head}</tr>{rows}</table>{proposal}'

    def tally_sheet(self, spec, lang="fr"):
        return ([t(key, lang=lang) for _, key in VOTES],
                [str(i) for i in range(1, len(spec["data"].get("enonces", [])) + 1)])

    def sample(self, spec, rng):
        return {"vote": [rng.choice(["1", "1", "-1", "0"])]}

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", statements=(), **extra):
        """``answers`` here are vote rows (participant, statement, vote); one row per shown statement."""
        voters = {a["participant"] for a in answers}
        if not visible(len(voters), min_group):
            return _hidden_tally(spec, len(voters), min_group, lang)
        by_statement: dict[int, Counter] = {}
        for row in answers:
            by_statement.setdefault(row["statement"], Counter())[row["vote"]] += 1
        rows, hidden = [], 0
        for statement in statements:
            counts = by_statement.get(statement["id"], Counter())
            total = sum(counts.values())
            if not visible(total, min_group):
                hidden += 1
                continue
            rows.append({"choix": str(statement["id"]), "libelle": statement["text"], "votants": total,
                         "accord": counts[1], "desaccord": counts[-1], "passe": counts[0],
                         "part_accord": _share(counts[1], total), "correct": None})
        rows.sort(key=lambda r: -r["part_accord"])
        for number, row in enumerate(rows, 1):  # the chart's labels and the table share these numbers
            row["numero"] = number
        message = t("atelier.results.statements_hidden", lang=lang, n=hidden, minimum=min_group) if hidden else ""
        return Tally(spec["id"], spec["title"], self.name, len(voters), False, rows, message=message)

    def columns(self, lang="fr"):
        return [("numero", t("atelier.chart.number", lang=lang)), ("libelle", t("atelier.widget.statement", lang=lang)),
                ("accord", t("atelier.vote.agree", lang=lang)),
                ("desaccord", t("atelier.vote.disagree", lang=lang)), ("passe", t("atelier.vote.pass", lang=lang))]

    def chart(self, tally, lang="fr"):
        import altair as alt
        import pandas as pd

        if tally.hidden or not tally.rows:
            return None
        import textwrap

        long, lines = [], 1
        for number, row in enumerate(tally.rows, 1):
            wrapped = textwrap.wrap(f"{row.get('numero', number)}. {plain(row['libelle'])}", STATEMENT_LABEL_WIDTH)
            lines = max(lines, len(wrapped))
            for value, key, column in ((1, "atelier.vote.agree", "accord"), (-1, "atelier.vote.disagree", "desaccord"),
                                       (0, "atelier.vote.pass", "passe")):
                long.append({"enonce": "\n".join(wrapped), "texte": row["libelle"], "vote": t(key, lang=lang),
                             "tri": value, "personnes": row[column]})
        words = [t(k, lang=lang) for _, k in VOTES]
        font = STATEMENT_FONT
        return alt.Chart(pd.DataFrame(long)).mark_bar().encode(
            y=alt.Y("enonce:N", sort=None, title=None,
                    axis=alt.Axis(labelExpr="split(datum.value, '\\n')", labelLimit=0, labelFontSize=font,
                                  labelLineHeight=font + 3, labelPadding=8)),
            x=alt.X("personnes:Q", stack="normalize", title=t("atelier.chart.share", lang=lang),
                    axis=alt.Axis(format="%", labelFontSize=font, titleFontSize=font)),
            color=alt.Color("vote:N", title=None, scale=alt.Scale(domain=words,
                                                                  range=["#0072B2", "#D55E00", "#BBBBBB"]),
                            legend=alt.Legend(labelFontSize=font, orient="top")),
            order=alt.Order("tri:Q", sort="descending"),
            tooltip=["texte", "vote", "personnes"]).properties(
                title=alt.TitleParams(plain(tally.title), fontSize=font + 4), width=640,
                height=alt.Step(max(28, lines * (font + 3) + 16)))


class Wall(Kind):
    """A word or idea wall: short entries, grouped when they are the same words."""

    name = "mur"
    room = True
    uses_answers = False
    max_posts = 5

    def body(self, view):
        lang, parts = view.lang, []
        if view.open and len(view.posts) < self.max_posts:
            parts.append(f'<form method="post" action="/mur" class="mur" data-ajax>'
                         f'<input type="hidden" name="activite" value="{esc(view.spec["id"])}">'
                         f'<label for="idee">{esc(t("atelier.phone.wall_label", lang=lang))}</label>'
                         f'<input type="text" id="idee" name="texte" maxlength="80" autocomplete="off">'
                         f'<button type="submit" class="primaire">{esc(t("atelier.phone.wall_send", lang=lang))}'
                         f"</button></form>")
        if view.posts:
            items = "".join(f"<li>{esc(p['text'])}</li>" for p in view.posts)
            parts.append(f'<p class="enregistre">✓ {esc(t("atelier.phone.wall_mine", lang=lang))}</p><ul>{items}</ul>')
        return "".join(parts) + self._revealed(view)

    def paper(self, spec, lang="fr"):
        return '<div class="idees">' + '<div class="idee"></div>' * 3 + "</div>"

    def sample(self, spec, rng):
        return {"texte": [rng.choice(["confiance", "temps", "écoute", "reconnaissance", "partage", "lenteur"])]}

    def parse(self, spec, fields):
        text = _text(self.name, _one(fields, "texte"), "mur")
        if not text:
            raise AnswerError("atelier.error.empty")
        return text

    def tally(self, spec, answers, *, min_group, revealed, exercise=None, lang="fr", **extra):
        """``answers`` here are the visible wall entries (participant, text)."""
        from ..exercises.normalize import normalize_text

        people = len({a["participant"] for a in answers})
        if not visible(people, min_group):
            return _hidden_tally(spec, people, min_group, lang)
        groups: dict[str, list] = {}
        for entry in answers:
            groups.setdefault(normalize_text(entry["text"]) or entry["text"], []).append(entry)
        rows = []
        for entries in groups.values():
            label = Counter(e["text"] for e in entries).most_common(1)[0][0]
            rows.append({"choix": label, "libelle": label, "personnes": len({e["participant"] for e in entries}),
                         "ids": [e["id"] for e in entries], "correct": None})
        rows.sort(key=lambda r: (-r["personnes"], r["libelle"].casefold()))
        return Tally(spec["id"], spec["title"], self.name, people, False, rows)

    def chart(self, tally, lang="fr"):
        if tally.hidden or not tally.rows:
            return None
        return _bar_chart(tally.rows[:15], tally.title, lang=lang)


ROOM: dict[str, Kind] = {k.name: k for k in (Scale(), Statements(), Wall())}
ROOM_KINDS = tuple(ROOM)
_LIVE: dict[str, Kind] = {}


def live_kind(name: str) -> Kind | None:
    """The live form of activity ``name``: a room activity, or a bank exercise's type that works on a phone."""
    if name in ROOM:
        return ROOM[name]
    if name not in _LIVE:
        from ..exercises import kinds

        engine = kinds.get(name)
        adapter = engine.live() if engine is not None else None
        if adapter is None:
            return None
        _LIVE[name] = adapter
    return _LIVE[name]


def works_live(exercise) -> bool:
    """True if the exercise's question type can be answered on a phone."""
    return live_kind(exercise.type) is not None


def kind_of(spec: dict) -> Kind:
    found = live_kind(spec["kind"])
    if found is None:
        raise KeyError(spec["kind"])
    return found


def long_rows(spec: dict, person: str, answer, exercise) -> list[dict]:
    """The aggregation notebook's long-table rows for one answer (exercises only)."""
    from ..workshop.gather import answer_rows

    if not spec.get("exercise") or exercise is None:
        return []
    return answer_rows(person, exercise, answer)
