"""Every route of the participant server refuses bad input with a clear message, never a traceback."""

from __future__ import annotations

import pytest

from ocworkbook.atelier.storage import Store

from .conftest import CHOICE, STATEMENTS, facilitator

JSON = {"Accept": "application/json"}


def join(client, pseudonym=""):
    response = client.post("/rejoindre", data={"code": client.code, "pseudo": pseudonym}, follow_redirects=False)
    assert response.status_code == 303
    return response


def test_every_page_has_a_strict_csp_and_no_server_header(client):
    for path in ("/", "/projecteur", "/static/atelier.js", "/nulle-part"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
        assert "http" not in csp  # no other origin is ever allowed
        assert response.headers["x-content-type-options"] == "nosniff"


def test_wrong_code_is_refused_in_french_and_nobody_joins(client):
    response = client.post("/rejoindre", data={"code": "ZZZZZZ"}, headers=JSON)
    assert response.status_code == 403
    assert "code ne correspond pas" in response.json()["erreur"]
    html = client.post("/rejoindre", data={"code": "ZZZZZZ"})
    assert html.status_code == 403 and "Vérifiez le code" in html.text and "Traceback" not in html.text
    assert Store(client.db).count_participants() == 0


def test_the_code_is_typed_in_any_case_with_spaces(client):
    code = client.code.lower()
    response = client.post("/rejoindre", data={"code": f"{code[:3]} {code[3:]}"}, follow_redirects=False)
    assert response.status_code == 303 and "atelier" in response.cookies


def test_too_many_wrong_codes_are_slowed_down(client):
    client.app.state.live.failed_joins.clock = lambda: 0.0  # a frozen clock: no refill on a slow machine
    statuses = [client.post("/rejoindre", data={"code": "ZZZZZZ"}, headers=JSON).status_code for _ in range(14)]
    assert statuses[:10] == [403] * 10 and 429 in statuses[10:]


def test_answering_needs_to_have_joined(client):
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    response = client.post("/repondre", data={"activite": CHOICE, "choix": "a"}, headers=JSON)
    assert response.status_code == 401 and "Rejoignez" in response.json()["erreur"]
    assert client.get("/api/etat").status_code == 401


@pytest.mark.parametrize("headers, status, words", [
    ({}, 401, "clé absente"), ({"X-Animation": "devine"}, 403, "clé incorrecte"),
    ({"X-Animation": ""}, 401, "clé absente")])
def test_facilitator_routes_need_the_secret(client, headers, status, words):
    for method, path in (("post", "/api/animation/ouvrir"), ("post", "/api/animation/reveler"),
                         ("post", "/api/animation/moderer"), ("post", "/api/animation/arreter"),
                         ("get", "/api/animation/etat"), ("get", "/api/projecteur"), ("get", "/api/qr.svg"),
                         ("get", f"/api/projecteur/graphique.svg?activite={CHOICE}")):
        response = getattr(client, method)(path, headers={**JSON, **headers}, **(
            {"json": {"activite": CHOICE}} if method == "post" else {}))
        assert response.status_code == status, path
        assert words in response.json()["erreur"]
    assert Store(client.db).current() is None  # nothing was opened


def test_closed_question_refuses_answers_and_keeps_the_last_one(client):
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    assert client.post("/repondre", data={"activite": CHOICE, "choix": "b"}, headers=JSON).status_code == 200
    client.post("/api/animation/fermer", json={"activite": CHOICE}, headers=facilitator())
    response = client.post("/repondre", data={"activite": CHOICE, "choix": "a"}, headers=JSON)
    assert response.status_code == 409 and "fermée" in response.json()["erreur"]
    assert Store(client.db).answers(CHOICE)[0]["answer"] == "b"
    waiting = [a["id"] for a in Store(client.db).activities() if a["state"] == "attente"][0]
    response = client.post("/repondre", data={"activite": waiting, "choix": "a"}, headers=JSON)
    assert response.status_code == 409  # never opened


def test_changing_an_answer_replaces_it_and_a_vote_counts_once(client):
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    for option in ("b", "c", "a"):
        assert client.post("/repondre", data={"activite": CHOICE, "choix": option}, headers=JSON).status_code == 200
    rows = Store(client.db).answers(CHOICE)
    assert [(r["answer"], r["revision"]) for r in rows] == [("a", 3)]
    client.post("/api/animation/ouvrir", json={"activite": STATEMENTS}, headers=facilitator())
    statement = Store(client.db).statements(STATEMENTS)[0]["id"]
    for value in ("1", "1", "-1"):
        assert client.post("/voter", data={"enonce": statement, "vote": value}, headers=JSON).status_code == 200
    votes = Store(client.db).votes(STATEMENTS)
    assert [(v["statement"], v["vote"]) for v in votes] == [(statement, -1)]


def test_votes_on_closed_unknown_or_unaccepted_statements_are_refused(client):
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": STATEMENTS}, headers=facilitator())
    assert client.post("/proposer", data={"activite": STATEMENTS, "texte": "Mon idée"}, headers=JSON).status_code == 200
    proposed = [s for s in Store(client.db).statements(STATEMENTS) if s["status"] == "proposee"][0]["id"]
    for number in (proposed, 99999, "abc", "-1", "1" * 30):
        response = client.post("/voter", data={"enonce": number, "vote": "1"}, headers=JSON)
        assert response.status_code == 404, number
    seed = Store(client.db).statements(STATEMENTS)[0]["id"]
    assert client.post("/voter", data={"enonce": seed, "vote": "2"}, headers=JSON).status_code == 400
    client.post("/api/animation/fermer", headers=facilitator(), json={})
    assert client.post("/voter", data={"enonce": seed, "vote": "1"}, headers=JSON).status_code == 409
    assert Store(client.db).votes() == []


def test_proposals_appear_only_once_accepted(client):
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": STATEMENTS}, headers=facilitator())
    client.post("/proposer", data={"activite": STATEMENTS, "texte": "Une proposition à examiner"}, headers=JSON)
    assert "Une proposition à examiner" not in client.get("/fragment").text
    pending = client.get("/api/animation/etat", headers=facilitator()).json()["propositions"]
    assert [p["texte"] for p in pending] == ["Une proposition à examiner"]
    client.post("/api/animation/moderer", json={"enonce": pending[0]["id"], "decision": "accepter"},
                headers=facilitator())
    assert "Une proposition à examiner" in client.get("/fragment").text
    assert client.post("/api/animation/moderer", json={"enonce": 424242, "decision": "accepter"},
                       headers=facilitator()).status_code == 404


def test_html_and_script_text_is_stored_as_text_and_escaped_everywhere(client):
    attack = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    client.post("/rejoindre", data={"code": client.code, "pseudo": "<b>Zoé</b>"}, follow_redirects=False)
    client.post("/api/animation/ouvrir", json={"activite": STATEMENTS}, headers=facilitator())
    client.post("/proposer", data={"activite": STATEMENTS, "texte": attack}, headers=JSON)
    statement = [s for s in Store(client.db).statements(STATEMENTS) if s["status"] == "proposee"][0]
    assert statement["text"] == attack  # kept as typed, never altered
    client.post("/api/animation/moderer", json={"enonce": statement["id"], "decision": "accepter"},
                headers=facilitator())
    page = client.get("/fragment").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    client.post("/api/animation/ouvrir", json={"activite": "05-mur-recomposer"}, headers=facilitator())
    client.post("/mur", data={"activite": "05-mur-recomposer", "texte": "<b>gras</b>"}, headers=JSON)
    assert "&lt;b&gt;gras&lt;/b&gt;" in client.get("/fragment").text
    home = client.get("/").text
    assert "<b>Zoé</b>" not in home


@pytest.mark.parametrize("route, field, limit", [("/proposer", "texte", 280), ("/mur", "texte", 80)])
def test_oversized_text_is_refused_with_its_limit(client, route, field, limit):
    join(client)
    activity = STATEMENTS if route == "/proposer" else "05-mur-recomposer"
    client.post("/api/animation/ouvrir", json={"activite": activity}, headers=facilitator())
    response = client.post(route, data={"activite": activity, field: "x" * (limit + 1)}, headers=JSON)
    assert response.status_code == 400 and f"{limit} caractères" in response.json()["erreur"]
    assert client.post(route, data={"activite": activity, field: "x" * limit}, headers=JSON).status_code == 200


def test_oversized_pseudonym_and_body_are_refused(client):
    response = client.post("/rejoindre", data={"code": client.code, "pseudo": "p" * 41}, headers=JSON)
    assert response.status_code == 400 and "40 caractères" in response.json()["erreur"]
    join(client)
    response = client.post("/repondre", content=b"a=" + b"x" * 20_000, headers={
        **JSON, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


@pytest.mark.parametrize("body, content_type", [
    (b"\xff\xfe\x00", "application/x-www-form-urlencoded"), (b"{pas du json", "application/json"),
    (b"[1, 2]", "application/json"),
    (b"activite=05-lire-intermediarite&choix=a&choix=b", "application/x-www-form-urlencoded")])
def test_malformed_requests_get_a_french_message(client, body, content_type):
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    response = client.post("/repondre", content=body, headers={**JSON, "Content-Type": content_type})
    assert response.status_code == 400
    message = response.json()["erreur"]
    assert message and "Traceback" not in message and "Error" not in message


def test_unknown_routes_and_methods_answer_in_french(client):
    assert "introuvable" in client.get("/admin", headers=JSON).json()["erreur"]
    response = client.get("/repondre", headers=JSON)
    assert response.status_code == 405 and "ne s'utilise pas" in response.json()["erreur"]
    assert client.get("/static/../../etc/passwd").status_code == 404


def test_each_participant_is_rate_limited(client):
    client.app.state.live.writes.clock = lambda: 0.0  # a frozen clock: no refill on a slow machine
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    statuses = [client.post("/repondre", data={"activite": CHOICE, "choix": "a"}, headers=JSON).status_code
                for _ in range(60)]
    assert statuses.count(200) == 40 and statuses[40:] == [429] * 20
    assert "attendez" in client.post("/repondre", data={"activite": CHOICE, "choix": "a"},
                                     headers=JSON).json()["erreur"]


def test_no_participant_can_read_the_room_results(client):
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    client.post("/repondre", data={"activite": CHOICE, "choix": "a"}, headers=JSON)
    assert client.get("/api/projecteur", headers=JSON).status_code == 401
    assert client.get("/api/animation/etat", headers=JSON).status_code == 401
    assert "personnes ont répondu" not in client.get("/fragment").text


def test_the_phone_page_works_without_javascript(client):
    page = client.get(f"/?code={client.code}").text
    assert f'value="{client.code}"' in page and 'action="/rejoindre"' in page
    join(client)
    client.post("/api/animation/ouvrir", json={"activite": CHOICE}, headers=facilitator())
    response = client.post("/repondre", data={"activite": CHOICE, "choix": "a"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/?enregistre=1"
    assert "Réponse enregistrée" in client.get("/?enregistre=1").text
