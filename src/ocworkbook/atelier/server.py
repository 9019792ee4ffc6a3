"""The participant server: a small Starlette app run by uvicorn in its own process.

``python -m ocworkbook.atelier.server --db SESSION.sqlite --host ADDRESS --port PORT`` serves only
the routes below; participants never reach the Jupyter server. The session's database holds the
join code and the digest of the facilitator secret (written by the launcher, :mod:`.launcher`),
so this process never sees the secret itself.

Participant routes (cookie set on joining, code required): ``GET /``, ``POST /rejoindre``,
``GET /fragment``, ``GET /api/etat``, ``POST /repondre``, ``POST /voter``, ``POST /proposer``,
``POST /mur``, ``GET /langue``. Facilitator routes (header ``X-Animation`` = the secret):
``/api/animation/*`` (open, close, reveal, moderate, hide, state, stop) and the projector's
``/api/projecteur*`` and ``/api/qr.svg``; ``GET /projecteur`` is an empty shell that reads the
secret from the address's ``#`` part (never sent over the network by the browser).

Every write is committed before the answer says « enregistré ». Errors are short French (or
English) messages, never a traceback; requests are size-limited and rate-limited per participant.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from importlib import resources
from urllib.parse import parse_qs

from ..i18n import t
from . import drawing, security
from .pages import SECURITY_HEADERS, activity_fragment, activity_page, error_page, join_page, projector_page
from .question_kinds import AnswerError, View, kind_of
from .storage import ACCEPTED, OPEN, PROPOSED, REFUSED, VISIBLE_STATEMENTS, Store

log = logging.getLogger("ocworkbook.atelier")
COOKIE, LANG_COOKIE = "atelier", "langue"
MAX_PARTICIPANTS = 2000
MAX_PROPOSALS = 3
STATIC = {"atelier.js": "text/javascript", "atelier.css": "text/css", "projecteur.js": "text/javascript",
          "projecteur.css": "text/css"}


class Refused(Exception):
    """A request we answer with a clear message (``key`` in the catalogue) and an HTTP status."""

    def __init__(self, status: int, key: str, **values):
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


def _static_files() -> dict[str, bytes]:
    folder = resources.files(__package__).joinpath("static")
    return {name: folder.joinpath(name).read_bytes() for name in STATIC}


class Live:
    """The server's state: the database connection, caches and rate limiters."""

    def __init__(self, db_path, root=None):
        self.store = Store(db_path)
        meta = self.store.all_meta()
        self.code = meta.get("code", "")
        self.secret = meta.get("secret", "")
        self.title = meta.get("titre", "")
        self.url = meta.get("url", "")
        self.min_group = int(meta.get("min_group", 3))
        self.root = root or meta.get("racine")
        self.writes = security.RateLimiter(rate=8, burst=40)
        self.reads = security.RateLimiter(rate=4, burst=20)
        self.failed_joins = security.RateLimiter(rate=0.2, burst=10)
        self.participants: dict[str, dict] = {}
        self.changes = 0  # bumped on every write: the key of the chart caches
        self.cache: dict[str, tuple] = {}
        self.locks: dict[str, asyncio.Lock] = {}
        self._bank = None
        self._specs, self._specs_version = {}, None
        self.static = _static_files()
        self.server = None  # the uvicorn server, to stop on request
        self._pool = None

    def pool(self):
        """The worker process that draws charts (started on first use, or by ``--prechauffer``)."""
        if self._pool is None:
            self._pool = drawing.worker_pool()
        return self._pool

    @property
    def bank(self):
        if self._bank is None and self.root:
            from pathlib import Path

            from ..exercises.bank import load_bank

            self._bank = load_bank(Path(self.root))
        return self._bank

    # --- who is asking ----------------------------------------------------------------------

    def participant(self, request) -> dict | None:
        token = request.cookies.get(COOKIE)
        if not token or len(token) > 64:
            return None
        key = security.digest(token)
        found = self.participants.get(key)
        if found is None:
            found = self.store.participant(key)
            if found is None:
                return None
            found["key"] = key[:16]
            self.participants[key] = found
        return found

    def need_participant(self, request, limiter) -> dict:
        who = self.participant(request)
        if who is None:
            raise Refused(401, "atelier.error.not_joined")
        if not limiter.allow(who["id"]):
            raise Refused(429, "atelier.error.too_fast")
        return who

    def need_facilitator(self, request) -> None:
        given = request.headers.get("x-animation")
        if not given:
            raise Refused(401, "atelier.error.no_secret")
        if not security.same(given, self.secret):
            raise Refused(403, "atelier.error.bad_secret")

    # --- what a participant sees ------------------------------------------------------------

    def view(self, who: dict, lang: str) -> View | None:
        spec = self.store.current()
        if spec is None:
            return None
        view = View(spec=spec, lang=lang, order_key=who["key"])
        kind = spec["kind"]
        if kind == "enonces":
            view.statements = self.store.statements(spec["id"], VISIBLE_STATEMENTS)
            view.votes = self.store.votes_of(who["id"], spec["id"])
        elif kind == "mur":
            view.posts = self.store.posts(spec["id"], participant=who["id"], include_hidden=True)
        else:
            view.answer = self.store.answer_of(who["id"], spec["id"])
        if spec.get("revealed") and spec.get("exercise"):
            view.exercise = self.bank.get(spec["id"]) if self.bank is not None else None
        return view

    def specs(self) -> dict[str, dict]:
        """Every activity by id, read again only when the state version changed (open, close, reveal)."""
        version = self.store.version()
        if version != self._specs_version:
            self._specs = {a["id"]: a for a in self.store.activities()}
            self._specs_version = version
        return self._specs

    def open_activity(self, activity_id, kinds=None) -> dict:
        spec = self.specs().get(str(activity_id or ""))
        if spec is None or (kinds and spec["kind"] not in kinds):
            raise Refused(404, "atelier.error.unknown_activity")
        if spec["state"] != OPEN:
            raise Refused(409, "atelier.error.closed")
        return spec


# --- request helpers -----------------------------------------------------------------------------


def _lang(request, who: dict | None = None) -> str:
    lang = request.cookies.get(LANG_COOKIE) or (who or {}).get("lang") or "fr"
    return lang if lang in ("fr", "en") else "fr"


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.url.path.startswith("/api/")


async def _fields(request) -> dict[str, list[str]]:
    """The posted form (urlencoded) or JSON object as {name: [values]}; size-limited, never raises raw."""
    declared = request.headers.get("content-length")
    if declared and (not declared.isdigit() or int(declared) > security.MAX_BODY_BYTES):
        raise Refused(413, "atelier.error.too_big")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > security.MAX_BODY_BYTES:
            raise Refused(413, "atelier.error.too_big")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "atelier.error.malformed") from None
    if "json" in request.headers.get("content-type", ""):
        try:
            data = json.loads(text or "{}")
        except ValueError:
            raise Refused(400, "atelier.error.malformed") from None
        if not isinstance(data, dict):
            raise Refused(400, "atelier.error.malformed")
        out = {}
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            out[str(key)] = ["" if v is None else (str(v).lower() if isinstance(v, bool) else str(v)) for v in values]
        return out
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=200)
    except ValueError:
        raise Refused(400, "atelier.error.malformed") from None


def _first(fields, name) -> str:
    values = fields.get(name) or [""]
    return values[-1]


def _ok(request, message: str, **extra):
    from starlette.responses import JSONResponse, RedirectResponse

    if _wants_json(request):
        return JSONResponse({"ok": True, "message": message, **extra})
    return RedirectResponse("/?enregistre=1", status_code=303)


def _refusal(request, status: int, message: str):
    from starlette.responses import HTMLResponse, JSONResponse

    if _wants_json(request):
        return JSONResponse({"ok": False, "erreur": message}, status_code=status)
    return HTMLResponse(error_page(message, _lang(request)), status_code=status)


def _guard(handler):
    """Turn refusals, bad answers and any unexpected error into a short message (never a traceback)."""

    async def wrapped(request):
        live = request.app.state.live
        try:
            return await handler(request, live)
        except Refused as refusal:
            return _refusal(request, refusal.status, t(refusal.key, lang=_lang(request), **refusal.values))
        except AnswerError as error:
            return _refusal(request, 400, error.message(_lang(request)))
        except Exception:  # noqa: BLE001 - logged for the facilitator, a plain message for the participant
            log.exception("erreur inattendue sur %s", request.url.path)
            return _refusal(request, 500, t("atelier.error.internal", lang=_lang(request)))

    return wrapped


# --- participant routes --------------------------------------------------------------------------


async def home(request, live: Live):
    from starlette.responses import HTMLResponse

    who = live.participant(request)
    lang = _lang(request, who)
    if who is None:
        code = security.normalize_code(request.query_params.get("code", ""))[:12]
        return HTMLResponse(join_page(live.title, code, lang))
    if not live.reads.allow(who["id"]):
        raise Refused(429, "atelier.error.too_fast")
    message = t("atelier.phone.recorded", lang=lang) if request.query_params.get("enregistre") else ""
    fragment = activity_fragment(live.view(who, lang), who["pseudonym"], lang)
    return HTMLResponse(activity_page(live.title, fragment, live.store.version(), lang, message))


async def join(request, live: Live):
    from starlette.responses import JSONResponse, RedirectResponse

    fields = await _fields(request)
    lang = _first(fields, "langue") if _first(fields, "langue") in ("fr", "en") else _lang(request)
    client = request.client.host if request.client else "?"
    if live.participant(request) is not None:
        return RedirectResponse("/", status_code=303)
    if not security.same(security.normalize_code(_first(fields, "code")), security.digest(live.code)):
        if not live.failed_joins.allow(client):
            raise Refused(429, "atelier.error.too_many_codes")
        if _wants_json(request):
            raise Refused(403, "atelier.error.bad_code")
        from starlette.responses import HTMLResponse

        return HTMLResponse(join_page(live.title, "", lang, t("atelier.error.bad_code", lang=lang)), status_code=403)
    try:
        pseudonym = security.clean_text(_first(fields, "pseudo"), "pseudonyme")
    except security.TooLong as error:
        raise Refused(400, "atelier.error.too_long", limit=error.limit) from None
    if live.store.count_participants() >= MAX_PARTICIPANTS:
        raise Refused(503, "atelier.error.full")
    token = security.new_token()
    number = live.store.join(security.digest(token), pseudonym, lang)
    live.changes += 1
    response = (JSONResponse({"ok": True, "participant": number}) if _wants_json(request)
                else RedirectResponse("/", status_code=303))
    response.set_cookie(COOKIE, token, max_age=12 * 3600, httponly=True, samesite="strict")
    response.set_cookie(LANG_COOKIE, lang, max_age=12 * 3600, samesite="strict")
    return response


async def fragment(request, live: Live):
    from starlette.responses import HTMLResponse

    who = live.need_participant(request, live.reads)
    lang = _lang(request, who)
    return HTMLResponse(activity_fragment(live.view(who, lang), who["pseudonym"], lang),
                        headers={"X-Version": str(live.store.version())})


async def state(request, live: Live):
    from starlette.responses import JSONResponse

    live.need_participant(request, live.reads)
    current = live.store.current()
    return JSONResponse({"version": live.store.version(), "activite": current["id"] if current else None})


async def answer(request, live: Live):
    who = live.need_participant(request, live.writes)
    fields = await _fields(request)
    spec = live.open_activity(_first(fields, "activite"))
    kind = kind_of(spec)
    if not kind.uses_answers:
        raise Refused(400, "atelier.error.wrong_route")
    value = kind.parse(spec, fields)
    revision = live.store.answer(who["id"], spec["id"], value)
    live.changes += 1
    lang = _lang(request, who)
    return _ok(request, t("atelier.phone.recorded_answer", lang=lang, answer=kind.describe(spec, value, lang)),
               revision=revision)


async def vote(request, live: Live):
    who = live.need_participant(request, live.writes)
    fields = await _fields(request)
    number = _first(fields, "enonce")
    statement = live.store.statement(int(number)) if number.isdigit() and len(number) < 10 else None
    if statement is None or statement["status"] not in VISIBLE_STATEMENTS:
        raise Refused(404, "atelier.error.unknown_statement")
    spec = live.open_activity(statement["activity"], kinds=("enonces",))
    value = kind_of(spec).parse(spec, fields)
    live.store.vote(who["id"], statement["id"], value)
    live.changes += 1
    lang = _lang(request, who)
    return _ok(request, t("atelier.phone.recorded_vote", lang=lang, vote=kind_of(spec).describe(spec, value, lang)))


async def propose(request, live: Live):
    who = live.need_participant(request, live.writes)
    fields = await _fields(request)
    spec = live.open_activity(_first(fields, "activite"), kinds=("enonces",))
    if not spec["data"].get("propositions", True):
        raise Refused(403, "atelier.error.no_proposals")
    try:
        text = security.clean_text(_first(fields, "texte"), "enonce")
    except security.TooLong as error:
        raise Refused(400, "atelier.error.too_long", limit=error.limit) from None
    if not text:
        raise Refused(400, "atelier.error.empty")
    if live.store.count_proposals(who["id"], spec["id"]) >= MAX_PROPOSALS:
        raise Refused(429, "atelier.error.proposals_limit", n=MAX_PROPOSALS)
    live.store.propose(spec["id"], text, who["id"])
    live.changes += 1
    return _ok(request, t("atelier.phone.proposed", lang=_lang(request, who)))


async def wall(request, live: Live):
    who = live.need_participant(request, live.writes)
    fields = await _fields(request)
    spec = live.open_activity(_first(fields, "activite"), kinds=("mur",))
    kind = kind_of(spec)
    text = kind.parse(spec, fields)
    if live.store.count_posts(who["id"], spec["id"]) >= kind.max_posts:
        raise Refused(429, "atelier.error.wall_limit", n=kind.max_posts)
    live.store.post(spec["id"], who["id"], text)
    live.changes += 1
    return _ok(request, t("atelier.phone.posted", lang=_lang(request, who)))


async def language(request, live: Live):
    from starlette.responses import RedirectResponse

    lang = request.query_params.get("l", "fr")
    response = RedirectResponse("/", status_code=303)
    if lang in ("fr", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=12 * 3600, samesite="strict")
    return response


async def health(request, live: Live):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse("ok")


async def static(request, live: Live):
    from starlette.responses import Response

    name = request.path_params["name"]
    if name not in STATIC:
        raise Refused(404, "atelier.error.not_found")
    return Response(live.static[name], media_type=STATIC[name], headers={"Cache-Control": "max-age=300"})


# --- facilitator routes --------------------------------------------------------------------------


async def facilitator_action(request, live: Live):
    from starlette.responses import JSONResponse

    live.need_facilitator(request)
    action = request.path_params["action"]
    fields = await _fields(request) if request.method == "POST" else {}
    store = live.store
    if action == "etat":
        return JSONResponse(facilitator_state(live))
    if request.method != "POST":
        raise Refused(405, "atelier.error.method")
    if action in ("ouvrir", "fermer", "reveler"):
        activity_id = _first(fields, "activite") or ((store.current() or {}).get("id") or "")
        if store.activity(activity_id) is None:
            raise Refused(404, "atelier.error.unknown_activity")
        if action == "ouvrir":
            store.open(activity_id)
        elif action == "fermer":
            store.close_activity(activity_id)
        else:
            store.reveal(activity_id, _first(fields, "montrer") not in ("false", "0", "non"))
    elif action == "moderer":
        number, decision = _first(fields, "enonce"), _first(fields, "decision")
        status = {"accepter": ACCEPTED, "refuser": REFUSED}.get(decision)
        if status is None or not number.isdigit() or not store.moderate(int(number), status):
            raise Refused(404, "atelier.error.unknown_statement")
    elif action == "masquer":
        number = _first(fields, "entree")
        if not number.isdigit() or not store.hide_post(int(number), _first(fields, "masquer") not in ("false", "0")):
            raise Refused(404, "atelier.error.unknown_entry")
    elif action == "arreter":
        if live.server is not None:
            live.server.should_exit = True
        return JSONResponse({"ok": True})
    else:
        raise Refused(404, "atelier.error.not_found")
    live.changes += 1
    return JSONResponse({"ok": True, **facilitator_state(live)})


def facilitator_state(live: Live) -> dict:
    store = live.store
    current = store.current()
    return {"version": store.version(), "participants": store.count_participants(),
            "courante": current["id"] if current else None,
            "activites": [{"id": a["id"], "titre": a["title"], "type": a["kind"], "etat": a["state"],
                           "revele": a["revealed"]} for a in store.activities()],
            "propositions": [{"id": s["id"], "activite": s["activity"], "texte": s["text"]}
                             for s in store.statements(statuses=(PROPOSED,))]}


# --- projector routes ----------------------------------------------------------------------------


async def projector(request, live: Live):
    from starlette.responses import HTMLResponse

    return HTMLResponse(projector_page(live.title))


async def projector_state(request, live: Live):
    from starlette.responses import JSONResponse

    from . import results
    from .markup import plain

    live.need_facilitator(request)
    store = live.store
    payload = {"titre": live.title, "adresse": live.url.split("?")[0], "code": security.show_code(live.code),
               "participants": store.count_participants(), "activite": None, "version": live.changes}
    spec = store.current()
    if spec is not None:
        result = results.tally(store, spec, min_group=live.min_group, bank=live.bank)
        kind = kind_of(spec)
        activity = {"id": spec["id"], "titre": plain(spec["title"]), "enonce": plain(spec["prompt"]),
                    "etat": spec["state"], "revele": spec["revealed"], "personnes": result.people,
                    "masque": result.hidden, "message": result.message, "resume": result.summary,
                    "lignes": [_public_row(r) for r in result.rows], "type": spec["kind"],
                    "colonnes": [list(c) for c in kind.columns()]}
        if spec["revealed"]:
            activity["solution"] = plain(kind.solution(spec, results.exercise_for(spec, live.bank)))
            activity["explication"] = plain(spec.get("explanation", ""))
        if spec["kind"] == "enonces":
            activity["carte"] = await _cached(live, f"carte:{spec['id']}", drawing.opinion_payload,
                                              str(live.store.path), spec["id"], live.min_group)
        payload["activite"] = activity
    return JSONResponse(payload)


def _public_row(row: dict) -> dict:
    keep = ("numero", "libelle", "element", "personnes", "part", "correct", "rang_moyen", "rang_attendu", "votants",
            "accord", "desaccord", "passe")
    return {k: row[k] for k in keep if k in row}


async def _cached(live: Live, name: str, compute, *args, min_interval: float = 1.0):
    """A slow result (chart, opinion map) computed in the worker process, at most once a second per ``name``."""
    key = (live.changes, live.store.version())
    lock = live.locks.setdefault(name, asyncio.Lock())
    async with lock:
        entry = live.cache.get(name)
        if entry and (entry[0] == key or time.monotonic() - entry[1] < min_interval):
            return entry[2]
        value = await asyncio.get_running_loop().run_in_executor(live.pool(), compute, *args)
        live.cache[name] = (key, time.monotonic(), value)
        return value


async def projector_chart(request, live: Live):
    from starlette.responses import Response

    live.need_facilitator(request)
    activity_id = request.query_params.get("activite", "")
    if live.store.activity(activity_id) is None:
        raise Refused(404, "atelier.error.unknown_activity")
    if request.url.path.endswith("carte.svg"):
        payload = await _cached(live, f"carte:{activity_id}", drawing.opinion_payload, str(live.store.path),
                                activity_id, live.min_group)
        content = payload.get("svg", "")
    else:
        content = await _cached(live, f"graphique:{activity_id}", drawing.chart_svg, str(live.store.path), activity_id,
                                live.min_group, live.root, min_interval=0)
    if not content:
        raise Refused(404, "atelier.error.no_chart")
    return Response(content, media_type="image/svg+xml")


async def qr(request, live: Live):
    from starlette.responses import Response

    from .qr import qr_svg

    live.need_facilitator(request)
    return Response(qr_svg(live.url), media_type="image/svg+xml")


# --- the app -------------------------------------------------------------------------------------


class SecurityHeaders:
    """ASGI middleware: the same strict headers (CSP first) on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                from starlette.datastructures import MutableHeaders

                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path, root=None):
    """The Starlette application over the session database ``db_path``."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.routing import Route

    routes = [
        Route("/", _guard(home), methods=["GET"]),
        Route("/rejoindre", _guard(join), methods=["POST"]),
        Route("/fragment", _guard(fragment), methods=["GET"]),
        Route("/api/etat", _guard(state), methods=["GET"]),
        Route("/repondre", _guard(answer), methods=["POST"]),
        Route("/voter", _guard(vote), methods=["POST"]),
        Route("/proposer", _guard(propose), methods=["POST"]),
        Route("/mur", _guard(wall), methods=["POST"]),
        Route("/langue", _guard(language), methods=["GET"]),
        Route("/sante", _guard(health), methods=["GET"]),
        Route("/static/{name}", _guard(static), methods=["GET"]),
        Route("/projecteur", _guard(projector), methods=["GET"]),
        Route("/api/projecteur", _guard(projector_state), methods=["GET"]),
        Route("/api/projecteur/graphique.svg", _guard(projector_chart), methods=["GET"]),
        Route("/api/projecteur/carte.svg", _guard(projector_chart), methods=["GET"]),
        Route("/api/qr.svg", _guard(qr), methods=["GET"]),
        Route("/api/animation/{action}", _guard(facilitator_action), methods=["GET", "POST"]),
    ]

    async def http_error(request, error):
        key = {404: "atelier.error.not_found", 405: "atelier.error.method"}.get(error.status_code,
                                                                               "atelier.error.malformed")
        return _refusal(request, error.status_code, t(key, lang=_lang(request)))

    async def server_error(request, error):
        log.exception("erreur inattendue", exc_info=error)
        return _refusal(request, 500, t("atelier.error.internal", lang=_lang(request)))

    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)],
                    exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.live = Live(db_path, root)
    return app


def main(argv: list[str] | None = None) -> int:
    import argparse

    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m ocworkbook.atelier.server")
    parser.add_argument("--db", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--racine", default=None)
    parser.add_argument("--prechauffer", action="store_true", help="draw a first chart in the background")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    app = create_app(args.db, args.racine)
    import gc

    gc.freeze()
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                            lifespan="off", timeout_graceful_shutdown=3, server_header=False)
    server = uvicorn.Server(config)
    app.state.live.server = server
    live = app.state.live
    if args.prechauffer:  # in the worker process: the participants' requests are never paused by it
        live.pool().submit(drawing.warm_up)
    try:
        server.run()
    finally:
        if live._pool is not None:
            live._pool.shutdown(wait=False, cancel_futures=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
