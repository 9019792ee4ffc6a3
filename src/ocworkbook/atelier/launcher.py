"""Start, drive and stop a live workshop session from a notebook or a terminal.

:func:`start` prepares the session's database (plan, join code, digest of a new facilitator
secret), starts the participant server in its own process (``python -m ocworkbook.atelier.server``)
and waits until it answers. The returned :class:`Session` holds the secret — the only copy — and
sends the facilitator's actions (open, close, reveal, moderate) to the server over HTTP.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import WorkbookError
from ..i18n import t
from . import network, security
from .storage import Store

SESSIONS_FOLDER = "ateliers"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
START_TIMEOUT = 30.0


def sessions_folder(start: Path | None = None) -> Path:
    """Where session databases are kept: ``.ocworkbook/ateliers`` in the workbook folder."""
    from ..paths import state_dir

    return state_dir(start) / SESSIONS_FOLDER


def list_sessions(folder: Path | None = None) -> list[dict]:
    """Earlier sessions (newest first): id, notebook, participants, file (a notebook shows a table)."""
    from .display import SessionList

    folder = Path(folder) if folder else sessions_folder()
    found = []
    for path in sorted(folder.glob("*.sqlite"), reverse=True):
        try:
            store = Store(path, readonly=True)
            found.append({"id": path.stem, "carnet": store.meta("carnet", ""), "cree": store.meta("cree", ""),
                          "participants": store.count_participants(), "fichier": str(path)})
            store.close()
        except Exception:  # noqa: BLE001 - an unreadable file is listed as such, never fatal
            found.append({"id": path.stem, "carnet": "?", "cree": "", "participants": 0, "fichier": str(path)})
    return SessionList(found)


def notebook_title(root: Path, notebook: str) -> str:
    """The workshop's title: from its plan file, else from the notebook's exercise file, else its name."""
    import yaml

    from .plan import plan_path

    for path in (plan_path(root, notebook), root / "exercises" / f"{notebook}.yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and data.get("titre"):
            return str(data["titre"])
    return notebook


@dataclass
class Session:
    """A running live session: where it is, how to join, and the facilitator's secret."""

    id: str
    db: Path
    host: str
    port: int
    url: str
    code: str
    reachable: bool
    secret: str = field(repr=False)
    process: subprocess.Popen | None = field(default=None, repr=False)
    log: Path | None = None

    @property
    def base(self) -> str:
        return f"http://{network.connect_host(self.host)}:{self.port}"

    @property
    def projector_url(self) -> str:
        """The projector page; the secret travels after ``#`` (kept by the browser, never sent)."""
        return f"{self.url.split('?')[0].rstrip('/')}/projecteur#k={self.secret}"

    @property
    def shown_code(self) -> str:
        return security.show_code(self.code)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    # --- facilitator actions --------------------------------------------------------------------

    def call(self, action: str, **fields) -> dict:
        """POST (or GET for ``etat``) one facilitator action; a refusal is a French WorkbookError."""
        data = None if action == "etat" else json.dumps(fields).encode("utf-8")
        request = urllib.request.Request(f"{self.base}/api/animation/{action}", data=data,
                                         headers={"X-Animation": self.secret, "Content-Type": "application/json",
                                                  "Accept": "application/json"})
        try:
            with _OPENER.open(request, timeout=10) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read()).get("erreur", str(error))
            except ValueError:
                message = str(error)
            raise WorkbookError(message) from None
        except OSError as error:
            raise WorkbookError(t("atelier.launch.unreachable", error=error)) from None

    def open(self, activity_id: str) -> dict:
        return self.call("ouvrir", activite=activity_id)

    def close(self, activity_id: str | None = None) -> dict:
        return self.call("fermer", **({"activite": activity_id} if activity_id else {}))

    def reveal(self, activity_id: str | None = None, show: bool = True) -> dict:
        return self.call("reveler", montrer=show, **({"activite": activity_id} if activity_id else {}))

    def moderate(self, statement_id: int, accept: bool = True) -> dict:
        return self.call("moderer", enonce=statement_id, decision="accepter" if accept else "refuser")

    def hide(self, entry_id: int, hidden: bool = True) -> dict:
        return self.call("masquer", entree=entry_id, masquer=hidden)

    def state(self) -> dict:
        return self.call("etat")

    def stop(self, timeout: float = 8.0) -> None:
        """Stop the server (answers stay in the database); safe to call twice."""
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self.call("arreter")
            except WorkbookError:
                pass
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=3)
        self.process = None

    def store(self) -> Store:
        """A read-only view of the session's database (for results and exports)."""
        return Store(self.db, readonly=True)


def prepare(notebook: str | None, *, root: Path | None = None, resume: str | Path | None = None,
            folder: Path | None = None, min_group: int = 3, plan: list[dict] | None = None) -> tuple[Path, str]:
    """Create (or reopen) the session database; returns ``(path, join code)``."""
    from ..paths import workbook_root
    from .plan import build_plan

    root = Path(root) if root is not None else workbook_root()
    folder = Path(folder) if folder else sessions_folder()
    if resume:
        path = Path(resume)
        if not path.suffix:
            path = folder / f"{resume}.sqlite"
        if not path.is_file():
            known = ", ".join(s["id"] for s in list_sessions(folder)[:5]) or "—"
            raise WorkbookError(t("atelier.launch.no_session", id=str(resume), known=known))
        store = Store(path)
        notebook = notebook or store.meta("carnet")
        code = store.meta("code")
    else:
        if not notebook:
            raise WorkbookError(t("atelier.launch.no_notebook"))
        folder.mkdir(parents=True, exist_ok=True)
        session_id = f"{datetime.now():%Y-%m-%d-%H%M%S}-{notebook.split('-')[0]}"
        path = folder / f"{session_id}.sqlite"
        store = Store(path)
        code = security.new_join_code()
        store.set_meta("id", session_id)
        store.set_meta("carnet", notebook)
        store.set_meta("cree", datetime.now().isoformat(timespec="seconds"))
        store.set_meta("code", code)
        store.set_meta("titre", notebook_title(root, notebook))
    store.add_activities(plan if plan is not None else build_plan(notebook, root))
    store.set_meta("min_group", str(int(min_group)))
    store.set_meta("racine", str(root))
    store.close()
    return path, code


def start(notebook: str | None = None, *, host: str | None = "auto", port: int | None = None,
          root: Path | None = None, resume: str | Path | None = None, folder: Path | None = None,
          min_group: int = 3, plan: list[dict] | None = None) -> Session:
    """Prepare the session and start its participant server; returns the running :class:`Session`."""
    from ..paths import workbook_root

    root = Path(root) if root is not None else workbook_root()
    path, code = prepare(notebook, root=root, resume=resume, folder=folder, min_group=min_group, plan=plan)
    host, reachable = network.choose_host(host)
    port = int(port) if port else network.free_port(host)
    secret = security.new_secret()
    url = f"http://{host if host not in ('0.0.0.0', '') else network.connect_host(host)}:{port}/?code={code}"
    store = Store(path)
    store.set_meta("secret", security.digest(secret))
    store.set_meta("url", url)
    store.close()
    session = Session(id=path.stem, db=path, host=host, port=port, url=url, code=code, reachable=reachable,
                      secret=secret, log=path.with_suffix(".log"))
    session.process = launch(path, host, port, root, session.log, warm=True)
    wait_until_ready(session)
    atexit.register(session.stop)
    return session


def launch(path: Path, host: str, port: int, root: Path, log: Path, warm: bool = False) -> subprocess.Popen:
    """Start the server process (its own session: a Ctrl-C in the notebook does not reach it)."""
    command = [sys.executable, "-m", "ocworkbook.atelier.server", "--db", str(path), "--host", host,
               "--port", str(port), "--racine", str(root)] + (["--prechauffer"] if warm else [])
    with open(log, "ab") as stream:
        kwargs = {"start_new_session": True} if os.name == "posix" else {}
        return subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=dict(os.environ, PYTHONUNBUFFERED="1"), **kwargs)


def wait_until_ready(session: Session, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if session.process is not None and session.process.poll() is not None:
            tail = session.log.read_text(encoding="utf-8", errors="replace")[-800:] if session.log else ""
            raise WorkbookError(t("atelier.launch.failed", log=tail.strip() or "—"))
        try:
            with _OPENER.open(f"{session.base}/sante", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    session.stop()
    raise WorkbookError(t("atelier.launch.timeout", seconds=int(timeout)))
