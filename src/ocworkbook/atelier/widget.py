"""The facilitator's notebook widget: how to join, the controls, and the room's results, live.

``ow.atelier("05-concertation-des-concertations")`` starts a session (:mod:`.launcher`) and returns a
:class:`LiveWorkshop`, shown as one ipywidget. A background thread watches the session's database
(SQLite's ``data_version`` changes at every answer) and redraws the counts and the chart without the
cell being run again. Everything is also reachable in code: ``.open()``, ``.close()``, ``.reveal()``,
``.next()``, ``.tally()``, ``.chart()``, ``.export()``, ``.stop()``.
"""

from __future__ import annotations

import base64
import threading
import time

from ..i18n import t
from . import results
from .display import Notes, cell
from .markup import esc, plain
from .question_kinds import kind_of, live_kind
from .storage import PROPOSED


def _image(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}" style="max-width:100%">'


def tally_table(tally) -> str:
    """The counts of a tally as an HTML table (columns from its kind; every text escaped)."""
    if tally.hidden:
        return f"<p>{esc(tally.message)}</p>"
    if not tally.rows:
        return ""
    columns = live_kind(tally.kind).columns()
    head = "".join(f"<th>{esc(label)}</th>" for _, label in columns)
    body = "".join("<tr>" + "".join(
        f"<td>{esc(('✓ ' if field == 'libelle' and row.get('correct') else '') + cell(row.get(field)))}</td>"
        for field, _ in columns) + "</tr>" for row in tally.rows)
    note = f"<p>{esc(tally.message)}</p>" if tally.message else ""
    summary = f"<p>{esc(tally.summary)}</p>" if tally.summary else ""
    return f'<table class="ocw-atelier-table"><tr>{head}</tr>{body}</table>{summary}{note}'


class LiveWorkshop:
    """A running live session, shown in the notebook and updated as answers arrive."""

    def __init__(self, session, bank=None, poll: float | None = 0.5):
        import ipywidgets as w

        from ..exercises.bank import load_bank

        self.session = session
        self.bank = bank if bank is not None else load_bank()
        self._store = session.store()
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._seen = None
        self._last_draw = 0.0
        self.min_group = int(self._store.meta("min_group", 3))
        self.header = w.HTML(self._header_html())
        options = [(f"{a['position']}. {plain(a['title'])} ({t('atelier.kind.' + a['kind'])})", a["id"])
                   for a in self._store.activities()]
        self.choice = w.Dropdown(options=options, description=t("atelier.widget.activity"),
                                 layout=w.Layout(width="100%"), style={"description_width": "initial"})
        self.buttons = {name: w.Button(description=t(f"atelier.widget.{name}"), tooltip=t(f"atelier.widget.{name}_tip"))
                        for name in ("open", "close", "reveal", "next", "stop")}
        self.buttons["stop"].button_style = "danger"
        self.buttons["open"].button_style = "primary"
        self.buttons["open"].on_click(lambda _: self._act(self.open))
        self.buttons["close"].on_click(lambda _: self._act(self.close))
        self.buttons["reveal"].on_click(lambda _: self._act(self.reveal))
        self.buttons["next"].on_click(lambda _: self._act(self.next))
        self.buttons["stop"].on_click(lambda _: self._act(self.stop))
        self.status = w.HTML()
        self.results = w.HTML()
        self.chart_view = w.HTML()
        self.moderation = w.VBox()
        self.opinions = w.HTML()
        controls = w.HBox([self.buttons[n] for n in ("open", "close", "reveal", "next", "stop")],
                          layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([self.header, self.choice, controls, self.status, self.results, self.chart_view,
                              self.moderation, self.opinions])
        self.refresh()
        self._thread = None
        if poll:
            self._thread = threading.Thread(target=self._watch, args=(float(poll),), daemon=True,
                                            name="ocworkbook-atelier")
            self._thread.start()

    # --- display ----------------------------------------------------------------------------

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _header_html(self) -> str:
        from .qr import qr_svg

        session = self.session
        warning = ("" if session.reachable
                   else f'<p style="color:#8a1c1c"><b>⚠ {esc(t("atelier.widget.loopback"))}</b></p>')
        return (f'<div style="display:flex;gap:1.5em;align-items:center;flex-wrap:wrap">'
                f'{_image(qr_svg(session.url, scale=6), t("atelier.projector.qr_alt"))}'
                f'<div><p style="font-size:1.6em;margin:0">{esc(session.url.split("?")[0])}</p>'
                f'<p style="font-size:1.2em;margin:.3em 0">{esc(t("atelier.projector.code"))} '
                f'<b style="font-size:2.2em;letter-spacing:.12em;font-family:monospace">'
                f"{esc(session.shown_code)}</b></p>"
                f'<p style="margin:.3em 0"><a href="{esc(session.projector_url)}" target="_blank" rel="noopener">'
                f'{esc(t("atelier.widget.projector_link"))}</a> — {esc(t("atelier.widget.projector_help"))}</p>'
                f"{warning}</div></div>")

    def _act(self, action):
        from ..errors import WorkbookError

        try:
            action()
        except WorkbookError as error:
            self.status.value = f'<p style="color:#8a1c1c">{esc(error.message)}</p>'
            return
        self.refresh()

    # --- facilitator actions ----------------------------------------------------------------

    def open(self, activity_id: str | None = None):
        """Open an activity (the one chosen in the list by default) and close the previous one."""
        activity_id = activity_id or self.choice.value
        self.session.open(activity_id)
        self.choice.value = activity_id
        self.refresh()

    def close(self):
        self.session.close(self._current_id())
        self.refresh()

    def reveal(self, show: bool = True):
        """Show the expected answer and the explanation (on the projector and the phones)."""
        self.session.reveal(self._current_id(), show)
        self.refresh()

    def next(self):
        """Close the current activity and open the next one in the plan."""
        ids = [value for _, value in self.choice.options]
        current = self._current_id() or self.choice.value
        position = ids.index(current) + 1 if current in ids else 0
        if position < len(ids):
            self.open(ids[position])

    def accept(self, statement_id: int, accept: bool = True):
        """Accept (or refuse) a statement proposed by a participant."""
        self.session.moderate(statement_id, accept)
        self.refresh()

    def hide(self, entry_id: int, hidden: bool = True):
        """Hide a wall entry from the projector and the results."""
        self.session.hide(entry_id, hidden)
        self.refresh()

    def stop(self):
        """Stop the participant server; the answers stay in the session's file."""
        self._stop.set()
        self.session.stop()
        self.status.value = f"<p><b>{esc(t('atelier.widget.stopped', path=str(self.session.db)))}</b></p>"
        for button in self.buttons.values():
            button.disabled = True

    def simulate(self, n: int = 12, seed: int = 0):
        """Rehearsal: ``n`` simulated participants answer the open activity (same participants each time)."""
        from .rehearsal import simulate

        self._simulated = simulate(self.session, n, seed, getattr(self, "_simulated", None))
        self.refresh()
        return len(self._simulated)

    def export(self, folder=None):
        """Write every export (CSV, aggregation files, Polis layout) into ``folder``; returns the paths."""
        from .exports import export_all

        return export_all(self.session.db, folder, bank=self.bank, min_group=self.min_group)

    # --- results ----------------------------------------------------------------------------

    def _current_id(self):
        with self._lock:
            current = self._store.current()
        return current["id"] if current else None

    def tally(self, activity_id: str | None = None):
        """The room's counts for an activity (the current one by default)."""
        with self._lock:
            spec = self._store.activity(activity_id or self._current_id() or self.choice.value)
            return results.tally(self._store, spec, min_group=self.min_group, bank=self.bank)

    def chart(self, activity_id: str | None = None):
        """The Altair chart of an activity (``None`` while fewer than the minimum have answered)."""
        with self._lock:
            spec = self._store.activity(activity_id or self._current_id() or self.choice.value)
            return results.chart(self._store, spec, min_group=self.min_group, bank=self.bank)

    def opinion_map(self, activity_id: str | None = None) -> dict:
        with self._lock:
            return results.opinion_summary(self._store, activity_id or self._current_id(), self.min_group)

    def warnings(self, activity_id: str | None = None) -> Notes:
        """The opinion map's warnings for a statements activity (a list the notebook shows in Markdown)."""
        summary = self.opinion_map(activity_id)
        return Notes(summary["warnings"] or ([summary["message"]] if summary["message"] else []))

    def refresh(self) -> None:
        """Redraw the state, the counts, the chart and the moderation list from the database."""
        with self._lock:
            store = self._store
            spec = store.current()
            participants = store.count_participants()
            pending = store.statements(spec["id"], (PROPOSED,)) if spec and spec["kind"] == "enonces" else []
            wall = store.posts(spec["id"], include_hidden=True) if spec and spec["kind"] == "mur" else []
            tally = results.tally(store, spec, min_group=self.min_group, bank=self.bank) if spec else None
            summary = results.opinion_summary(store, spec["id"], self.min_group) if spec and \
                spec["kind"] == "enonces" else None
        state = t("atelier.widget.none") if spec is None else t(
            "atelier.widget.state", title=plain(spec["title"]), state=t(f"atelier.state.{spec['state']}"),
            revealed=t("atelier.widget.revealed") if spec["revealed"] else "")
        self.results.value = tally_table(tally) if tally else ""
        figure = kind_of(spec).chart(tally) if tally is not None else None
        self.chart_view.value = _image(results.svg(figure), t("atelier.projector.chart_alt")) if figure else ""
        self._moderation(pending, wall)
        self._opinions(summary)
        self.status.value = (f"<p><b>{esc(t('atelier.widget.participants', n=participants))}</b> — {esc(state)}"
                             + (f" — {esc(t('atelier.widget.answers', n=tally.people))}" if tally else "") + "</p>")
        self._last_draw = time.monotonic()

    def _moderation(self, pending, wall) -> None:
        import ipywidgets as w

        rows = []
        if pending:
            rows.append(w.HTML(f"<b>{esc(t('atelier.widget.pending', n=len(pending)))}</b>"))
        for statement in pending:
            accept = w.Button(description=t("atelier.widget.accept"), button_style="success")
            refuse = w.Button(description=t("atelier.widget.refuse"))
            accept.on_click(lambda _, i=statement["id"]: self._act(lambda: self.accept(i, True)))
            refuse.on_click(lambda _, i=statement["id"]: self._act(lambda: self.accept(i, False)))
            rows.append(w.HBox([accept, refuse, w.HTML(esc(statement["text"]))]))
        for entry in wall:
            toggle = w.Button(description=t("atelier.widget.show" if entry["hidden"] else "atelier.widget.hide"))
            toggle.on_click(lambda _, i=entry["id"], h=entry["hidden"]: self._act(lambda: self.hide(i, not h)))
            label = ("<s>" + esc(entry["text"]) + "</s>") if entry["hidden"] else esc(entry["text"])
            rows.append(w.HBox([toggle, w.HTML(label)]))
        self.moderation.children = rows

    def _opinions(self, summary) -> None:
        if summary is None:
            self.opinions.value = ""
            return
        if not summary["ok"]:
            self.opinions.value = f"<p>{esc(summary['message'])}</p>"
            return
        result = summary["result"]
        parts = [f"<h4>{esc(t('atelier.projector.groups_label'))}</h4>"]
        parts += [f'<p style="color:#7a4b00">⚠ {esc(w)}</p>' for w in summary["warnings"]]
        if result.stability is not None:
            parts.append(f"<p>{esc(t('atelier.projector.stability'))} : {result.stability:.2f}".replace(".", ",")
                         + "</p>")
        parts.append(_image(results.svg(results.opinion_chart(summary)), t("atelier.projector.map_alt")))
        for group in results.opinion_groups(summary):
            items = "".join(f"<li>{esc(s['sens'])} {round(100 * (s['part'] or 0))} % — {esc(s['texte'])}</li>"
                            for s in group["enonces"])
            parts.append(f"<p><b>{esc(t('atelier.projector.group'))} {group['groupe']}</b> "
                         f"({group['personnes']})</p><ul>{items}</ul>")
        self.opinions.value = "".join(parts)

    def _watch(self, every: float) -> None:
        try:  # the first chart drawn in a process starts vl-convert's engine (about a second): do it now
            import altair as alt

            results.svg(alt.Chart(alt.Data(values=[{"x": 1}])).mark_bar().encode(x="x:Q"))
        except Exception:  # noqa: BLE001 - only a warm-up
            pass
        while not self._stop.wait(every):
            try:
                with self._lock:
                    seen = (self._store.data_version(), self._store.version())
                if seen != self._seen:
                    self._seen = seen
                    self.refresh()
            except Exception as error:  # noqa: BLE001 - never let the watcher die silently
                self.status.value = f'<p style="color:#8a1c1c">{esc(str(error))}</p>'


def atelier(notebook: str | None = None, *, host: str | None = "auto", port: int | None = None,
            resume: str | None = None, min_group: int = 3, poll: float | None = 0.5) -> LiveWorkshop:
    """Start a live workshop for ``notebook`` and return its widget.

    ``host``: the address phones use (``"auto"``: this laptop's local-network address, e.g. on a
    phone's hotspot; ``"127.0.0.1"`` to try it alone). ``resume``: the id of an earlier session to
    continue (see ``ocworkbook atelier liste``); its answers are kept.
    """
    from .launcher import start

    session = start(notebook, host=host, port=port, resume=resume, min_group=min_group)
    return LiveWorkshop(session, poll=poll)
