"""Rehearse a workshop without phones: simulated participants join and answer through the server.

``LiveWorkshop.simulate(12)`` (or :func:`simulate`) makes ``n`` participants join with the code and
answer the activity that is open, exactly as phones would (same routes, same checks). Their
answers are ordinary rows of the session: rehearse in a throw-away session, not the real one.
"""

from __future__ import annotations

import json
import random
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode

from .question_kinds import kind_of


class Participant:
    """One simulated phone: its own cookies, posting forms like the participant page does."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                                  urllib.request.HTTPCookieProcessor(CookieJar()))

    def post(self, path: str, fields: dict) -> dict:
        data = urlencode(fields, doseq=True).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, headers={"Accept": "application/json"})
        try:
            with self.opener.open(request, timeout=10) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return json.loads(error.read() or b"{}")

    def join(self, code: str, pseudonym: str = "") -> dict:
        return self.post("/rejoindre", {"code": code, "pseudo": pseudonym})


def simulate(session, n: int = 12, seed: int = 0, participants: list | None = None) -> list[Participant]:
    """``n`` participants (new ones unless ``participants`` is given) answer the open activity."""
    rng = random.Random(seed)
    store = session.store()
    try:
        spec = store.current()
        statements = store.statements(spec["id"], ("depart", "acceptee")) if spec else []
    finally:
        store.close()
    if participants is None:
        participants = []
        for _ in range(n):
            person = Participant(session.base)
            person.join(session.code)
            participants.append(person)
    if spec is None or spec["state"] != "ouverte":
        return participants
    kind = kind_of(spec)
    for person in participants:
        if spec["kind"] == "enonces":
            for statement in statements:
                person.post("/voter", {"enonce": statement["id"], **kind.sample(spec, rng)})
        elif spec["kind"] == "mur":
            person.post("/mur", {"activite": spec["id"], **kind.sample(spec, rng)})
        else:
            person.post("/repondre", {"activite": spec["id"], **kind.sample(spec, rng)})
    return participants
