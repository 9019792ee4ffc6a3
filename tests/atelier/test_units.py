"""Pure pieces of the live workshop: question kinds, safety rules, plans, exports, handouts."""

from __future__ import annotations

import csv
import random

import pytest

from ocworkbook.atelier import security
from ocworkbook.atelier.exports import export_all
from ocworkbook.atelier.handouts import handouts_html
from ocworkbook.atelier.plan import build_plan, read_plan_file
from ocworkbook.atelier.question_kinds import ROOM_KINDS, AnswerError, View, kind_of, works_live
from ocworkbook.atelier.storage import Store
from ocworkbook.errors import BankError
from ocworkbook.exercises import kinds
from ocworkbook.exercises.bank import load_bank

from .conftest import CHOICE, NOTEBOOK, STATEMENTS


@pytest.fixture(scope="module")
def plan():
    """The plan of notebook 05 plus every exercise of the notebook that works on a phone."""
    from ocworkbook.atelier.plan import exercise_spec

    specs = {spec["id"]: spec for spec in build_plan(NOTEBOOK)}
    for ex in load_bank().by_notebook(NOTEBOOK):
        if works_live(ex):
            specs.setdefault(ex.id, exercise_spec(ex))
    from conftest import ENGINE_ROOT

    specs["m-terme"] = exercise_spec(load_bank(ENGINE_ROOT).get("m-terme"))  # a short text (notebook 05 has none)
    return specs


def test_options_are_shuffled_stably_per_participant_and_never_in_authored_order(plan):
    spec = {**plan[CHOICE], "state": "ouverte"}
    authored = [str(o["id"]) for o in spec["data"]["options"]]
    orders = []
    for person in range(30):
        html = kind_of(spec).body(View(spec=spec, order_key=f"p{person}"))
        orders.append([part.split('"')[0] for part in html.split('name="choix" value="')[1:]])
        again = kind_of(spec).body(View(spec=spec, order_key=f"p{person}"))
        assert again == html  # stable for one participant
    assert all(sorted(o) == sorted(authored) for o in orders)
    assert sum(o[0] == authored[0] for o in orders) < 20  # the right option is not always first
    assert len({tuple(o) for o in orders}) > 5


def test_every_kind_parses_its_own_sample_into_the_checkers_form(plan):
    from ocworkbook.exercises.check import check

    bank = load_bank()
    rng = random.Random(1)
    specs = list(plan.values()) + build_plan("06-participation-citoyenne") + build_plan("08-cas-integrateur")
    seen = set()
    for spec in specs:
        kind = kind_of(spec)
        seen.add(spec["kind"])
        if spec["kind"] == "enonces":
            assert kind.parse(spec, kind.sample(spec, rng)) in (-1, 0, 1)
            continue
        answer = kind.parse(spec, {k: list(v) for k, v in kind.sample(spec, rng).items()})
        assert kind.describe(spec, answer)
        if spec.get("exercise"):
            from conftest import ENGINE_ROOT

            exercise = bank.get(spec["id"]) or load_bank(ENGINE_ROOT).get(spec["id"])
            assert check(exercise, answer).attempted, spec["id"]
    live = {k.name for k in kinds.all_kinds() if k.live() is not None}
    assert seen == live | set(ROOM_KINDS)


@pytest.mark.parametrize("activity, fields, key", [
    (CHOICE, {}, "atelier.error.choose_one"), (CHOICE, {"choix": ["a", "b"]}, "atelier.error.only_one"),
    (CHOICE, {"choix": ["<script>"]}, "atelier.error.unknown_option"),
    ("05-table-des-tables", {}, "atelier.error.choose_some"),
    ("05-nouvelle-instance", {"choix": ["peut-etre"]}, "atelier.error.true_false"),
    ("05-echelle-charge", {"valeur": ["6"]}, "atelier.error.scale"),
    ("05-densite-calcul", {"texte": ["beaucoup"]}, "atelier.error.number"),
    ("m-terme", {"texte": ["   "]}, "atelier.error.empty"),
    ("m-terme", {"texte": ["x" * 201]}, "atelier.error.too_long"),
    ("05-logiques-descendante-ascendante", {"categorie-comite-programme": ["autre"]}, "atelier.error.unknown_option"),
    ("05-logiques-descendante-ascendante", {}, "atelier.error.match_some")])
def test_bad_answers_name_the_problem(plan, activity, fields, key):
    with pytest.raises(AnswerError) as caught:
        kind_of(plan[activity]).parse(plan[activity], fields)
    assert caught.value.key == key and caught.value.message("fr") != key


def test_ordering_needs_each_rank_once():
    spec = {s["id"]: s for s in build_plan("06-participation-citoyenne")}["06-barreaux-arnstein"]
    ids = [str(e["id"]) for e in spec["data"]["elements"]]
    kind = kind_of(spec)
    with pytest.raises(AnswerError):
        kind.parse(spec, {f"rang-{i}": ["1"] for i in ids})
    answer = kind.parse(spec, {f"rang-{i}": [str(len(ids) - n)] for n, i in enumerate(ids)})
    assert answer == list(reversed(ids))


def test_tallies_hide_below_the_minimum_and_mark_the_answer_only_when_revealed(plan):
    spec = plan[CHOICE]
    kind = kind_of(spec)
    hidden = kind.tally(spec, ["a", "b"], min_group=3, revealed=True)
    assert hidden.hidden and hidden.rows == [] and "3" in hidden.message
    shown = kind.tally(spec, ["a", "a", "b"], min_group=3, revealed=False)
    assert [r["personnes"] for r in shown.rows][:2] == [2, 1] and all(r["correct"] is None for r in shown.rows)
    exercise = load_bank().get(CHOICE)
    right = exercise.kind.reference_answer(exercise)
    wrong = next(str(o["id"]) for o in exercise.data["options"] if str(o["id"]) != right)
    revealed = kind.tally(spec, [right, right, wrong], min_group=3, revealed=True, exercise=exercise)
    assert [r["correct"] for r in revealed.rows if r["choix"] == right] == [True]
    assert [r["correct"] for r in revealed.rows if r["choix"] == wrong] == [False]


def test_short_texts_typed_by_fewer_than_three_people_are_never_shown(plan):
    spec = plan["m-terme"]
    result = kind_of(spec).tally(spec, ["Concertation des concertations"] * 3 + ["mon nom à moi"], min_group=3,
                                 revealed=False)
    labels = [r["libelle"] for r in result.rows]
    assert "mon nom à moi" not in labels and "autres réponses" in labels


def test_statement_tally_hides_statements_with_fewer_than_three_votes(plan):
    spec = plan[STATEMENTS]
    statements = [{"id": 1, "text": "A"}, {"id": 2, "text": "B"}]
    votes = [{"participant": p, "statement": 1, "vote": 1} for p in range(4)] + [
        {"participant": 0, "statement": 2, "vote": -1}]
    result = kind_of(spec).tally(spec, votes, statements=statements, min_group=3, revealed=False)
    assert [r["libelle"] for r in result.rows] == ["A"] and "1 énoncé" in result.message


def test_text_cleaning_and_spreadsheet_cells():
    assert security.clean_text("  deux\u200b   mots\u202e  ", "mur") == "deux mots"
    with pytest.raises(security.TooLong):
        security.clean_text("x" * 81, "mur")
    assert [security.csv_cell(v) for v in ("=SOMME(A1)", "+1+1", "-2+3", "@cmd", "-1", -1, "texte")] == [
        "'=SOMME(A1)", "'+1+1", "'-2+3", "'@cmd", "-1", -1, "texte"]
    assert security.normalize_code(" ab c-23 4 ") == "ABC234"


def test_rate_limiter_refills():
    now = [0.0]
    limiter = security.RateLimiter(rate=2, burst=3, clock=lambda: now[0])
    assert [limiter.allow("p") for _ in range(4)] == [True, True, True, False]
    now[0] += 1.0
    assert limiter.allow("p") and limiter.allow("p") and not limiter.allow("p")


def test_plan_files_are_validated_with_file_and_line(tmp_path):
    bank = load_bank()
    path = tmp_path / "plan.yml"
    path.write_text("carnet: x\nactivites:\n  - exercice: 05-articuler-un-territoire\n  - id: y\n    type: sondage\n"
                    "    titre: T\n    enonce: E\n", encoding="utf-8")
    with pytest.raises(BankError) as caught:
        read_plan_file(path, bank)
    assert "sondage" in str(caught.value) and ":4" in str(caught.value)
    path.write_text("carnet: x\nactivites:\n  - exercice: 05-reflexion-recomposer\n", encoding="utf-8")
    with pytest.raises(BankError, match="ne se fait pas en direct"):
        read_plan_file(path, bank)
    with pytest.raises(BankError, match="carnets connus"):
        build_plan("99-inexistant")


def _filled_session(session_db):
    path, _ = session_db
    store = Store(path)
    for person in range(6):
        store.join(security.digest(f"t{person}"), f"p{person}")
    store.open(CHOICE)
    for person in range(1, 7):
        store.answer(person, CHOICE, "a" if person < 5 else "b")
    store.open(STATEMENTS)
    store.propose(STATEMENTS, "=1+1 proposé", 1, status="acceptee")
    statements = store.statements(STATEMENTS)
    for person in range(1, 7):
        for n, s in enumerate(statements):
            store.vote(person, s["id"], 1 if (person + n) % 3 else -1)
    store.open("05-mur-recomposer")
    store.post("05-mur-recomposer", 1, "@danger")
    store.close()
    return path


def test_exports_are_read_by_the_aggregation_notebook_and_the_opinion_map(session_db, tmp_path):
    from ocworkbook.cli.main import main
    from ocworkbook.tools.opinions_io import read_votes
    from ocworkbook.workshop import from_submissions, tally

    path = _filled_session(session_db)
    written = export_all(path, tmp_path / "export")
    frame = from_submissions(written["remises"])
    result = tally(frame, CHOICE)
    assert result.people == 6 and dict(zip(result.table["choix"], result.table["personnes"], strict=True)) == {
        "a": 4, "b": 2, "c": 0, "d": 0}
    table = read_votes(written[f"polis-{STATEMENTS}"])
    assert table.votes.shape == (6, 9)
    assert main(["opinions", str(written[f"polis-{STATEMENTS}"])]) == 0
    with open(written["enonces"], encoding="utf-8-sig") as stream:
        texts = [row["texte"] for row in csv.DictReader(stream)]
    assert "'=1+1 proposé" in texts
    with open(written["mur"], encoding="utf-8-sig") as stream:
        assert [row["texte"] for row in csv.DictReader(stream)] == ["'@danger"]
    with open(written["resultats"], encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    wall = [r for r in rows if r["activite"] == "05-mur-recomposer"]
    assert len(wall) == 1 and wall[0]["personnes"] == "" and "3 personnes" in wall[0]["libelle"]


def test_handouts_have_one_page_per_activity_shuffled_and_escaped(plan):
    specs = list(plan.values())
    specs.append({"id": "x", "kind": "mur", "title": "<script>t</script>", "prompt": "p", "data": {}})
    html = handouts_html(specs, "Titre <b>", key=True, bank=load_bank())
    assert html.count('class="fiche"') == len(specs) and html.count('class="corrige"') == 2
    assert "<script>t" not in html and "Titre &lt;b&gt;" in html
    from ocworkbook.atelier.question_kinds import paper_order

    options = plan[CHOICE]["data"]["options"]
    page = html[html.index("Que dit l&#x27;intermédiarité"):]
    printed = sorted(options, key=lambda o: page.index(o["texte"][:30].replace("'", "&#x27;")))
    assert printed == paper_order(options, plan[CHOICE]) and printed != options
    assert "Réponse attendue" in html  # the facilitator's page
