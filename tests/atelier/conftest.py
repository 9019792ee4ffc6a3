"""Fixtures of the live-workshop tests: a session database and a real participant server on loopback."""

from __future__ import annotations

import pytest

from ocworkbook.atelier import security
from ocworkbook.atelier.launcher import prepare, start
from ocworkbook.atelier.storage import Store

NOTEBOOK = "05-concertation-des-concertations"
CHOICE = "05-lire-intermediarite"
STATEMENTS = "05-enonces-recomposer"
SECRET = "secret-de-test"


@pytest.fixture
def session_db(tmp_path):
    """A prepared session (plan of notebook 05) with a known secret; returns (path, code)."""
    path, code = prepare(NOTEBOOK, folder=tmp_path)
    store = Store(path)
    store.set_meta("secret", security.digest(SECRET))
    store.set_meta("url", f"http://127.0.0.1:9/?code={code}")
    store.close()
    return path, code


@pytest.fixture
def client(session_db):
    """Starlette's test client over the app (no socket), plus the join code."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from ocworkbook.atelier.server import create_app

    path, code = session_db
    with TestClient(create_app(path), base_url="http://127.0.0.1") as test_client:
        test_client.code = code
        test_client.db = path
        yield test_client


@pytest.fixture
def live(tmp_path):
    """A real participant server process on 127.0.0.1, stopped after the test."""
    session = start(NOTEBOOK, host="127.0.0.1", folder=tmp_path)
    yield session
    session.stop()


def facilitator(secret: str = SECRET) -> dict:
    return {"X-Animation": secret, "Accept": "application/json"}
