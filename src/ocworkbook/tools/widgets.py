"""Thin ipywidgets front ends over the pure tools: they collect input and show output, nothing more.

Every widget keeps its last result in ``.result`` and shows its text in an ``HTML`` widget
(``.message``), so it can be driven and checked headless: set ``.value``, call ``.click()``.
"""

from __future__ import annotations

import html

from ..errors import WorkbookError
from ..i18n import t


def _show(output, chart):
    output.clear_output()
    with output:
        from IPython.display import display

        display(chart)


def _paragraphs(lines) -> str:
    return "".join(f"<p>{html.escape(str(line))}</p>" for line in lines)


class DiagnosticEntry:
    """Live data entry for a partnership diagnostic: one respondent at a time, results on demand.

    Respondents get pseudonymous ids (R01, R02…); nothing is written unless :meth:`export` is called.
    """

    def __init__(self, instrument=None, min_group: int = 3, seed: int = 0):
        import ipywidgets as w

        from .diagnostic import load_instrument

        self.instrument = instrument or load_instrument()
        self.min_group, self.seed = min_group, seed
        self.rows: list[dict] = []
        self.result = None
        types = [(label, code) for code, label in self.instrument.partner_types.items()]
        self.type_selector = w.Dropdown(options=types, description=t("tools.widget.partner_type"))
        options = [(str(v), v) for v in range(self.instrument.low, self.instrument.high + 1)] + [("?", None)]
        self.answers = {}
        rows = []
        for item in self.instrument.items.itertuples():
            toggle = w.ToggleButtons(options=options, value=None, style={"button_width": "2.5em"})
            self.answers[item.item] = toggle
            rows.append(w.VBox([w.HTML(f"<b>{html.escape(item.item)}</b> {html.escape(item.texte)}"), toggle]))
        self.save_button = w.Button(description=t("tools.widget.save"), button_style="primary",
                                    layout=w.Layout(width="auto"))
        self.results_button = w.Button(description=t("tools.widget.results"), layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.output = w.Output()
        self.save_button.on_click(lambda _: self.save())
        self.results_button.on_click(lambda _: self.show_results())
        self.widget = w.VBox([self.type_selector, *rows, w.HBox([self.save_button, self.results_button]),
                              self.message, self.output])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def save(self) -> str:
        """Record the current answers as a new respondent and clear the form."""
        respondent = f"R{len({r['repondant'] for r in self.rows}) + 1:02d}"
        for item, toggle in self.answers.items():
            self.rows.append({"repondant": respondent, "type_acteur": self.type_selector.value, "item": item,
                              "cote": toggle.value})
            toggle.value = None
        self.message.value = html.escape(t("tools.widget.saved", respondent=respondent,
                                           n=len({r["repondant"] for r in self.rows})))
        return respondent

    def frame(self):
        """The responses entered so far, in the CSV layout of the CLI."""
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=["repondant", "type_acteur", "item", "cote"])
        frame["cote"] = pd.to_numeric(frame["cote"], errors="coerce")
        return frame

    def show_results(self):
        """Compute the diagnostic of the responses entered so far and show it."""
        from .charts import diagnostic_chart
        from .diagnostic import diagnose, summary_fr

        try:
            self.result = diagnose(self.frame(), self.instrument, min_group=self.min_group, seed=self.seed)
        except WorkbookError as error:
            self.result = None
            self.message.value = html.escape(str(error))
            return None
        self.message.value = _paragraphs(summary_fr(self.result) + [("⚠ " + w) for w in self.result.warnings])
        _show(self.output, diagnostic_chart(self.result))
        return self.result

    def export(self, path) -> None:
        """Write the responses to a CSV file (atomically), explicitly asked by the user."""
        from .outputs import write_atomic

        write_atomic(path, self.frame().to_csv(index=False))


class OpinionMapWidget:
    """Run the opinion map on a vote table with a chosen seed and minimum group size."""

    def __init__(self, table):
        import ipywidgets as w

        self.table = table
        self.result = None
        self.seed = w.IntText(value=0, description=t("tools.widget.seed"))
        self.min_group = w.IntSlider(value=3, min=1, max=20, description=t("tools.widget.min_group"))
        self.run_button = w.Button(description=t("tools.widget.run"), button_style="primary")
        self.message = w.HTML()
        self.output = w.Output()
        self.run_button.on_click(lambda _: self.run())
        self.widget = w.VBox([w.HBox([self.seed, self.min_group, self.run_button]), self.message, self.output])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def run(self):
        """Compute and show the map: warnings first, then groups, consensus and the audit of Polis's groups."""
        from .charts import opinions_chart
        from .opinions import opinion_map
        from .opinions_text import audit_lines, consensus_lines, group_lines

        try:
            self.result = opinion_map(self.table, seed=self.seed.value, min_group=self.min_group.value)
        except WorkbookError as error:
            self.result = None
            self.message.value = html.escape(str(error))
            return None
        r = self.result
        parts = [_paragraphs(["⚠ " + w for w in r.warnings] + [r.headline()])]
        for title, rows in group_lines(r):
            parts.append(f"<h4>{html.escape(title)}</h4>" + _paragraphs(rows))
        parts.append(f"<h4>{html.escape(t('tools.opinions.consensus_title'))}</h4>" + _paragraphs(consensus_lines(r)))
        if r.audit:
            parts.append(f"<h4>{html.escape(t('tools.opinions.audit.title'))}</h4>" + _paragraphs(audit_lines(r)))
        self.message.value = "".join(parts)
        _show(self.output, opinions_chart(r))
        return r


class NetworkWhatIf:
    """Choose tables, merge them or link them by a liaison committee, and compare before/after."""

    def __init__(self, memberships, actors=None):
        import ipywidgets as w

        from .network import analyse

        self.memberships, self.actors = memberships, actors
        self.before = analyse(memberships, actors)
        self.comparison = None
        self.tables = w.SelectMultiple(options=sorted(set(memberships["table"])), description=t("tools.widget.tables"))
        self.merge_button = w.Button(description=t("tools.widget.merge"))
        self.link_button = w.Button(description=t("tools.widget.link"), layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.output = w.Output()
        self.merge_button.on_click(lambda _: self.what_if("merge"))
        self.link_button.on_click(lambda _: self.what_if("link"))
        self.widget = w.VBox([self.tables, w.HBox([self.merge_button, self.link_button]), self.message, self.output])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def what_if(self, kind: str):
        """Apply the scenario to the selected tables and show the comparison table."""
        from .charts import network_chart
        from .network import analyse, compare, link_tables, merge_tables

        chosen = list(self.tables.value)
        if len(chosen) < 2:
            self.message.value = html.escape(t("tools.widget.choose_two"))
            return None
        changed = merge_tables(self.memberships, chosen) if kind == "merge" else link_tables(self.memberships, chosen)
        after = analyse(changed, self.actors)
        self.comparison = compare(self.before, after)
        self.message.value = self.comparison.round(3).to_html(index=False)
        _show(self.output, network_chart(after))
        return self.comparison


class ParticipationEntry:
    """Enter decisions one by one (promised and practised level) and see the audit."""

    def __init__(self, scale: str = "bourque"):
        import ipywidgets as w

        from .participation import SCALES

        self.rows: list[dict] = []
        self.result = None
        self.decision = w.Text(description=t("tools.widget.decision"))
        self.scale = w.Dropdown(options=list(SCALES), value=scale, description=t("tools.widget.scale"))
        self.promised = w.Dropdown(description=t("tools.chart.promised"))
        self.practised = w.Dropdown(description=t("tools.chart.practised"))
        self.add_button = w.Button(description=t("tools.widget.add"), button_style="primary")
        self.message = w.HTML()
        self.output = w.Output()
        self.scale.observe(lambda _: self._levels(), names="value")
        self._levels()
        self.add_button.on_click(lambda _: self.add())
        self.widget = w.VBox([self.decision, self.scale, self.promised, self.practised, self.add_button,
                              self.message, self.output])

    def _levels(self):
        from .participation import SCALES

        options = [(label, index) for index, (_, label) in enumerate(SCALES[self.scale.value], start=1)]
        self.promised.options = options
        self.practised.options = options

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def add(self):
        """Add the decision and refresh the audit."""
        import pandas as pd

        from .charts import participation_chart
        from .participation import audit

        name = self.decision.value.strip()
        if not name or name in {r["decision"] for r in self.rows}:
            self.message.value = html.escape(t("tools.widget.decision_needed"))
            return None
        self.rows.append({"decision": name, "echelle": self.scale.value, "promis_niveau": self.promised.value,
                          "pratique_niveau": self.practised.value})
        self.decision.value = ""
        self.result = audit(pd.DataFrame(self.rows))
        self.message.value = _paragraphs(self.result.summary)
        _show(self.output, participation_chart(self.result))
        return self.result
