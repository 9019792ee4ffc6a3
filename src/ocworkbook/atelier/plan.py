"""The plan of a live workshop: which activities the facilitator can open, in which order.

A plan is built for one notebook. If ``exercises/ateliers/<notebook>.yml`` exists, it gives the
order and adds the room activities (statements to vote on, a scale, a word wall); otherwise the
plan is every exercise of the notebook that can be answered from a phone. A plan file reads::

    carnet: 05-concertation-des-concertations
    activites:
      - exercice: 05-ajouter-des-structures      # an exercise of the bank, by id
      - id: 05-echelle-surcharge                  # a room activity
        type: echelle                             # echelle | enonces | mur
        titre: …
        enonce: …
        bornes: [Pas du tout, Tout à fait]        # echelle: words for 1 and 5
      - id: 05-enonces-recomposer
        type: enonces
        titre: …
        enonce: …
        enonces: [Première affirmation…, Deuxième…]
        propositions: true                        # participants may propose statements

Each activity becomes a plain ``spec`` dict (id, kind, title, prompt, explanation, data, exercise)
that is stored in the session's database, so that a session reopened later shows what was asked.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BankError
from ..i18n import t
from .question_kinds import ROOM_KINDS, works_live

PLAN_FOLDER = ("exercises", "ateliers")


def plan_path(root: Path, notebook: str) -> Path:
    return Path(root).joinpath(*PLAN_FOLDER, f"{notebook}.yml")


def exercise_spec(ex) -> dict:
    """The spec of a bank exercise (current API: ``.id .type .title .prompt .explanation .data``)."""
    return {"id": ex.id, "kind": ex.type, "title": ex.title, "prompt": ex.prompt, "explanation": ex.explanation,
            "data": dict(ex.data), "exercise": True}


def _room_spec(raw, shown: str, line) -> dict:
    kind = raw.get("type")
    if kind not in ROOM_KINDS:
        raise BankError(t("atelier.plan.bad_type", value=kind, choices=", ".join(ROOM_KINDS)), path=shown,
                        line=line, item=raw.get("id"))
    for field in ("id", "titre", "enonce"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise BankError(t("atelier.plan.missing", field=field), path=shown, line=line, item=raw.get("id"))
    data = {}
    if kind == "echelle":
        bounds = raw.get("bornes")
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, str) for b in bounds)):
            raise BankError(t("atelier.plan.bounds"), path=shown, line=line, item=raw["id"])
        data["bornes"] = list(bounds)
    elif kind == "enonces":
        statements = raw.get("enonces") or []
        if not isinstance(statements, list) or not all(isinstance(s, str) and s.strip() for s in statements):
            raise BankError(t("atelier.plan.statements"), path=shown, line=line, item=raw["id"])
        data["enonces"] = [s.strip() for s in statements]
        data["propositions"] = bool(raw.get("propositions", True))
    return {"id": raw["id"], "kind": kind, "title": raw["titre"].strip(), "prompt": raw["enonce"].strip(),
            "explanation": str(raw.get("explication") or "").strip(), "data": data, "exercise": False}


def read_plan_file(path: Path, bank, root: Path | None = None) -> list[dict]:
    """The activities of a plan file, validated (errors name the file, the line and the activity)."""
    from ..exercises.bank import display_path
    from ..validation.fields import Report, read_yaml

    shown = display_path(path, root) if root else str(path)
    report = Report(shown)
    document = read_yaml(Path(path), report, expected=t("atelier.plan.file_start"))
    if report.errors:
        raise report.errors[0]
    items = document.get("activites") if isinstance(document, dict) else None
    if not isinstance(items, list) or not items:
        raise BankError(t("atelier.plan.missing", field="activites"), path=shown, line=1)
    specs, seen = [], set()
    for index, raw in enumerate(items):
        line = items.line_of(index) if hasattr(items, "line_of") else None
        if not isinstance(raw, dict):
            raise BankError(t("atelier.plan.must_be_mapping"), path=shown, line=line)
        if "exercice" in raw:
            ex = bank.get(str(raw["exercice"]))
            if ex is None:
                raise BankError(t("atelier.plan.unknown_exercise", id=raw["exercice"]), path=shown, line=line)
            if not works_live(ex):
                raise BankError(t("atelier.plan.not_live", id=ex.id, type=ex.type), path=shown, line=line)
            spec = exercise_spec(ex)
        else:
            spec = _room_spec(raw, shown, line)
        if spec["id"] in seen:
            raise BankError(t("atelier.plan.duplicate", id=spec["id"]), path=shown, line=line)
        seen.add(spec["id"])
        specs.append(spec)
    return specs


def build_plan(notebook: str, root: Path | None = None, bank=None) -> list[dict]:
    """The plan for ``notebook``: its plan file if any, else its exercises that work on a phone."""
    from ..exercises.bank import load_bank
    from ..paths import workbook_root

    root = Path(root) if root is not None else workbook_root()
    bank = bank if bank is not None else load_bank(root)
    path = plan_path(root, notebook)
    if path.is_file():
        return read_plan_file(path, bank, root)
    exercises = [ex for ex in bank.by_notebook(notebook) if works_live(ex)]
    if not exercises:
        known = ", ".join(sorted(bank.notebooks)) or "—"
        raise BankError(t("atelier.plan.no_activity", notebook=notebook, known=known))
    return [exercise_spec(ex) for ex in exercises]


def plan_files(root: Path) -> list[Path]:
    return sorted(Path(root).joinpath(*PLAN_FOLDER).glob("*.yml"))


def plan_problems(root: Path, bank) -> list[BankError]:
    """``ocworkbook validate``: the first problem of each live-workshop plan file (``exercises/ateliers``)."""
    problems = []
    for path in plan_files(root):
        try:
            read_plan_file(path, bank, root)
        except BankError as error:
            problems.append(error)
    return problems
