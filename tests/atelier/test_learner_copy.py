"""The live workshop and the paper handouts from a learner copy (``ocworkbook start``, the pip wheel).

A learner copy stores an ordering's elements shuffled and every key hashed. What the room is told
(the reveal on the phones and the projector, the facilitator's key page) must still come from the
key, exactly as from the source repository, or say plainly that this copy cannot tell.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from ocworkbook.atelier import security
from ocworkbook.atelier.handouts import handouts_html
from ocworkbook.atelier.launcher import prepare
from ocworkbook.atelier.markup import plain
from ocworkbook.atelier.plan import build_plan, exercise_spec, plan_files
from ocworkbook.atelier.question_kinds import kind_of
from ocworkbook.atelier.storage import Store
from ocworkbook.cli.main import main
from ocworkbook.errors import WorkbookError
from ocworkbook.exercises.bank import load_bank

from .conftest import SECRET, facilitator

ARNSTEIN = "06-barreaux-arnstein"
PRACTICE = "06-niveau-pratique"
NOTEBOOK_06 = "06-participation-citoyenne"
JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A learner copy made by ``ocworkbook start``, and the banks of the copy and of the source."""
    target = tmp_path_factory.mktemp("start") / "cahier"
    assert main(["start", str(target), "--no-lab"]) == 0
    learner, source = load_bank(target), load_bank(ROOT)
    assert learner.get(ARNSTEIN).hashed and not source.get(ARNSTEIN).hashed
    stored = [e["id"] for e in learner.get(ARNSTEIN).data["elements"]]
    authored = [e["id"] for e in source.get(ARNSTEIN).data["elements"]]
    assert stored != authored  # the copy's stored order is not the key: the bug this file guards against
    assert all("categorie" not in e for e in learner.get(PRACTICE).data["elements"])
    return target, learner, source


@pytest.fixture
def client(copy, tmp_path):
    """The participant server of a session of notebook 06 prepared from the learner copy."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from ocworkbook.atelier.server import create_app

    root = copy[0]
    path, code = prepare(NOTEBOOK_06, root=root, folder=tmp_path, min_group=1)  # one phone shows the counts
    store = Store(path)
    store.set_meta("secret", security.digest(SECRET))
    store.close()
    with TestClient(create_app(path, root), base_url="http://127.0.0.1") as test_client:
        assert test_client.post("/rejoindre", data={"code": code}, follow_redirects=False).status_code == 303
        yield test_client


def _reveal(client, activity, form):
    client.post("/api/animation/ouvrir", json={"activite": activity}, headers=facilitator())
    response = client.post("/repondre", data={"activite": activity, **form}, headers=JSON)
    assert response.status_code == 200, response.text
    for action in ("fermer", "reveler"):
        client.post(f"/api/animation/{action}", json={"activite": activity}, headers=facilitator())
    phone = client.get("/").text
    projector = client.get("/api/projecteur", headers=facilitator()).json()["activite"]
    return phone, projector


def _revealed_part(phone: str) -> str:
    return _spaces(re.sub(r"<[^>]+>", "", phone[phone.index('class="revele"'):]))


def _spaces(text: str) -> str:
    """French typography puts a narrow no-break space before « ; »; compare with plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_revealing_an_ordering_in_a_learner_copy_gives_the_keys_order(copy, client):
    _, _, source = copy
    right = [e["id"] for e in source.get(ARNSTEIN).data["elements"]]
    texts = {e["id"]: e["texte"] for e in source.get(ARNSTEIN).data["elements"]}
    expected = " ; ".join(f"{i}. {texts[e]}" for i, e in enumerate(right, 1))
    assert expected.startswith("1. Manipulation ; 2. Thérapie ; 3. Information")
    phone, projector = _reveal(client, ARNSTEIN, {f"rang-{e}": [str(i)] for i, e in enumerate(right, 1)})
    shown = _revealed_part(phone)
    assert f"Réponse attendue : {expected}" in shown and "Bonne réponse" in shown
    assert _spaces(projector["solution"]) == expected
    ranks = {row["libelle"]: row["rang_attendu"] for row in projector["lignes"]}
    assert ranks == {texts[e]: i for i, e in enumerate(right, 1)}


def test_revealing_a_matching_in_a_learner_copy_gives_the_keys_pairs(copy, client):
    _, learner, source = copy
    clear = {e["id"]: e["categorie"] for e in source.get(PRACTICE).data["elements"]}
    spec = exercise_spec(learner.get(PRACTICE))
    expected = kind_of(spec).describe(spec, clear)
    phone, projector = _reveal(client, PRACTICE, {f"categorie-{e}": [c] for e, c in clear.items()})
    assert _spaces(projector["solution"]) == _spaces(expected) and "→" in expected
    assert "Bonne réponse" in _revealed_part(phone)
    marked = {(_spaces(r["element"]), r["libelle"]) for r in projector["lignes"] if r["correct"]}
    names = {c["id"]: c["texte"] for c in source.get(PRACTICE).data["categories"]}
    texts = {e["id"]: _spaces(plain(e["texte"])) for e in source.get(PRACTICE).data["elements"]}
    assert marked == {(texts[e], names[c]) for e, c in clear.items()}


def test_a_hashed_number_is_revealed_as_right_or_wrong_only_and_the_key_page_refuses(copy):
    _, learner, source = copy
    exercise = learner.get("05-densite-calcul")
    spec = exercise_spec(exercise)
    kind = kind_of(spec)
    assert kind.solution(spec, exercise).startswith("cette copie du cahier garde la réponse sous forme chiffrée")
    assert kind.solution(exercise_spec(source.get("05-densite-calcul")), source.get("05-densite-calcul")) == "0,6"
    with pytest.raises(WorkbookError, match="Calculer une densité.*Il faut l'édition enseignante"):
        handouts_html([spec], "Titre", key=True, bank=learner)
    assert "Fiche 1 sur 1" in handouts_html([spec], "Titre", bank=learner)  # the handouts themselves print


def test_the_key_page_refusal_reaches_the_command_line(copy, tmp_path, monkeypatch, capsys):
    target, learner, _ = copy
    plan = target / "exercises" / "ateliers" / "essai-nombre.yml"
    plan.write_text("carnet: 05-concertation-des-concertations\nactivites:\n  - exercice: 05-densite-calcul\n",
                    encoding="utf-8")
    monkeypatch.chdir(target)
    try:
        assert main(["atelier", "fiches", "essai-nombre", str(tmp_path / "f.html"), "--corrige"]) != 0
    finally:
        plan.unlink()
    out = capsys.readouterr()
    assert "édition enseignante" in out.out + out.err and not (tmp_path / "f.html").exists()


def _expected_cells(html: str) -> list[str]:
    return re.findall(r'<div class="attendu">(.*?)</div>', html)


@pytest.mark.parametrize("notebook", [p.stem for p in plan_files(ROOT)])
def test_handouts_and_key_from_a_learner_copy_match_the_source(copy, notebook):
    target, learner, source = copy
    from_copy = build_plan(notebook, target, learner)
    from_source = build_plan(notebook, ROOT, source)
    sheets = handouts_html(from_copy, "T", bank=learner)
    assert sheets == handouts_html(from_source, "T", bank=source)  # same lines, same letters, same numbers
    keyed_copy = handouts_html(from_copy, "T", key=True, bank=learner)
    keyed_source = handouts_html(from_source, "T", key=True, bank=source)
    cells = _expected_cells(keyed_copy)
    assert cells == _expected_cells(keyed_source) and len(cells) == len(from_copy)
    assert "—" not in "".join(cells)
    assert "ne contient pas les notes d&#x27;animation" in keyed_copy  # said once, instead of silently missing
    assert "Idées fausses fréquentes" in keyed_source and "Idées fausses" not in keyed_copy
