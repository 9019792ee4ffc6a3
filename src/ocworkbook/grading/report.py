"""What ``ocworkbook grade`` writes: the grade CSV (Moodle-ready), a report and a summary chart.

CSV columns (UTF-8, comma-separated, one header row, decimal point):

- ``identifiant``: what the learner typed in ``export_answers(...)`` (ask for the e-mail address or
  the Moodle username: Moodle matches on it), else the name taken from the file name;
- one column per scored exercise (its id), points earned;
- ``carnet:<nom>`` per notebook, ``total``, ``total_max`` and ``pourcentage``;
- ``remise_modifiee`` (``oui`` when the checksum does not match: the file was edited by hand;
  ``inconnu`` when there is no checksum), ``version_cahier``, ``non_tentes``, ``exercices_inconnus``,
  ``ecarts_statut``, ``reflexions_completees``, ``fichier``, ``remarques``.
In Moodle: Grades → Import → CSV file; map ``identifiant`` to the e-mail address (or username), the
grade columns to grade items, and every other column to « Ignorer ».
"""

from __future__ import annotations

from pathlib import Path

from ..csvsafe import SafeWriter
from ..exercises.bank import Bank
from ..i18n import t
from .score import Grade, graded_exercises, max_points
from .submissions import Collected

FLAG_COLUMNS = ("remise_modifiee", "copie_probable", "version_cahier", "non_tentes", "exercices_inconnus",
                "ecarts_statut", "reflexions_completees", "fichier", "remarques")


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def header(bank: Bank) -> list[str]:
    exercises = graded_exercises(bank)
    notebooks = sorted({ex.notebook for ex in exercises})
    return (["identifiant"] + [ex.id for ex in exercises] + [f"carnet:{n}" for n in notebooks]
            + ["total", "total_max", "pourcentage", *FLAG_COLUMNS])


def _remarks(grade: Grade, current_version: str) -> list[str]:
    sub = grade.submission
    remarks = list(sub.notes)
    if sub.checksum_ok is False:
        remarks.append(t("grading.remark.edited"))
    if sub.workbook_version and sub.workbook_version != current_version:
        remarks.append(t("grading.remark.version", version=sub.workbook_version, current=current_version))
    if grade.unknown:
        remarks.append(t("grading.remark.unknown", ids=", ".join(sorted(grade.unknown))))
    if grade.disagreements:
        remarks.append(t("grading.remark.disagree", ids=", ".join(grade.disagreements)))
    if sub.duplicates:
        remarks.append(t("grading.remark.duplicates", files=", ".join(p.name for p in sub.duplicates)))
    if sub.copied_from:
        remarks.append(t("grading.remark.copy", people=", ".join(sub.copied_from)))
    return remarks


def row(grade: Grade, bank: Bank, current_version: str) -> list[str]:
    exercises = graded_exercises(bank)
    notebooks = sorted({ex.notebook for ex in exercises})
    top = max_points(bank) or 1.0
    sub = grade.submission
    edited = {True: "non", False: "oui", None: "inconnu"}[sub.checksum_ok]
    return ([sub.identity] + [_number(grade.points[ex.id]) for ex in exercises]
            + [_number(grade.by_notebook.get(n, 0.0)) for n in notebooks]
            + [_number(grade.total), _number(top), _number(round(100 * grade.total / top, 1)), edited,
               "oui" if sub.copied_from else "non", sub.workbook_version, str(len(grade.not_attempted)),
               str(len(grade.unknown)),
               str(len(grade.disagreements)), str(grade.reflections), sub.path.name,
               " ; ".join(_remarks(grade, current_version))])


def write_csv(grades: list[Grade], bank: Bank, path: Path, current_version: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = SafeWriter(handle)
        writer.writerow(header(bank))
        for grade in grades:
            writer.writerow(row(grade, bank, current_version))


def report_lines(grades: list[Grade], collected: Collected, current_version: str) -> list[str]:
    """The report, one line per thing an instructor should know about."""
    lines = [t("grading.report.graded", n=len(grades))]
    for path, reason in collected.problems:
        lines.append("✗ " + t("grading.report.not_graded", file=str(path), reason=reason))
    for path, notice in collected.notices:
        lines.append("• " + t("grading.report.notice", file=str(path), notice=notice))
    for grade in grades:
        remarks = _remarks(grade, current_version)
        if grade.submission.checksum_ok is False:
            lines.append("⚠ " + t("grading.report.edited", person=grade.submission.identity,
                                  file=grade.submission.path.name))
        if grade.submission.copied_from:
            lines.append("⚠ " + t("grading.report.copy", person=grade.submission.identity,
                                  people=", ".join(grade.submission.copied_from)))
        if not set(grade.points) - set(grade.not_attempted):
            lines.append("⚠ " + t("grading.report.nothing", person=grade.submission.identity,
                                  file=grade.submission.path.name))
        for remark in remarks:
            lines.append("  " + t("grading.report.remark", person=grade.submission.identity, remark=remark))
    return lines


def miss_table(grades: list[Grade], bank: Bank):
    """Per exercise: how many learners got it right, partly, wrong, or did not try (a DataFrame)."""
    import pandas as pd

    records = []
    for ex in graded_exercises(bank):
        counts = {"correct": 0, "partiel": 0, "incorrect": 0, "non_tente": 0}
        for grade in grades:
            status = grade.statuses.get(ex.id, "non_tente")
            status = "incorrect" if status == "invalide" else status
            counts[status if status in counts else "incorrect"] += 1
        total = max(1, len(grades))
        records.append({"exercice": ex.id, "titre": ex.title, "carnet": ex.notebook, **counts,
                        "rate": round(100 * (total - counts["correct"]) / total, 1)})
    frame = pd.DataFrame(records)
    if frame.empty:
        return frame
    return frame.sort_values(["rate", "exercice"], ascending=[False, True]).reset_index(drop=True)


def summary_chart_svg(table) -> str:
    """Stacked bars, one per exercise, most-missed first; SVG drawn locally with vl-convert."""
    import vl_convert as vlc

    statuses = [("correct", t("grading.chart.correct")), ("partiel", t("grading.chart.partial")),
                ("incorrect", t("grading.chart.incorrect")), ("non_tente", t("grading.chart.not_attempted"))]
    values = [{"exercice": r["exercice"], "statut": label, "rang": i, "personnes": int(r[key])}
              for _, r in table.iterrows() for i, (key, label) in enumerate(statuses)]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": t("grading.chart.title"),
        "data": {"values": values},
        "mark": "bar",
        "width": 520,
        "height": {"step": 18},
        "encoding": {
            "y": {"field": "exercice", "type": "nominal", "sort": list(table["exercice"]),
                  "title": t("grading.chart.exercise")},
            "x": {"field": "personnes", "type": "quantitative", "stack": "normalize",
                  "title": t("grading.chart.share"), "axis": {"format": "%"}},
            "color": {"field": "statut", "type": "nominal", "title": None,
                      "scale": {"domain": [label for _, label in statuses],
                                "range": ["#009E73", "#9A7D0A", "#D55E00", "#BBBBBB"]}},
            "order": {"field": "rang"},
            "tooltip": [{"field": "exercice"}, {"field": "statut"}, {"field": "personnes"}],
        },
    }
    return vlc.vegalite_to_svg(spec)


def write_summary_html(grades: list[Grade], bank: Bank, path: Path, lines: list[str]) -> None:
    """A self-contained page (no script, no network): the chart, the most-missed table, the report."""
    import html

    table = miss_table(grades, bank)
    svg = summary_chart_svg(table) if not table.empty else ""
    rows = "".join(
        f"<tr><td><code>{html.escape(r['exercice'])}</code></td><td>{html.escape(str(r['titre']))}</td>"
        f"<td>{r['correct']}</td><td>{r['partiel']}</td><td>{r['incorrect']}</td><td>{r['non_tente']}</td>"
        f"<td>{r['rate']}</td></tr>" for _, r in table.head(15).iterrows())
    head = "".join(f"<th>{html.escape(t(k))}</th>" for k in (
        "grading.chart.exercise", "grading.html.title_col", "grading.chart.correct", "grading.chart.partial",
        "grading.chart.incorrect", "grading.chart.not_attempted", "grading.html.rate"))
    report = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    title = html.escape(t("grading.html.title"))
    intro = html.escape(t("grading.html.intro", n=len(grades)))
    page = (f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
            "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}"
            "</style></head><body>"
            f"<h1>{title}</h1><p>{intro}</p>"
            f"<figure class=\"chart\">{svg}</figure><h2>{html.escape(t('grading.html.most_missed'))}</h2>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f"<h2>{html.escape(t('grading.html.report'))}</h2><ul>{report}</ul></body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
