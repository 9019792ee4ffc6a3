"""Lesson activities that are not bank exercises (a self-assessment, an audit, a scenario path), recorded
so that the hand-in file carries them and the workshop aggregation notebook can show the group's results.

A record is a ``check`` event of the progress log under the id ``activite:<name>`` (status « complete »,
no score): the export (``ow.export_answers``) writes every recorded id with its last answer, the workshop
module (:mod:`ocworkbook.workshop`) reads it back, grading (:mod:`ocworkbook.grading`) leaves it out and
the progress dashboard, which lists bank exercises only, never shows it.
"""

from __future__ import annotations

PREFIX = "activite:"
COMPLETE = "complete"

SCENARIO = "scenario-"  # a scenario's path is recorded as ``activite:scenario-<scenario id>``

#: The activities a lesson records, with their notebook (scenarios name theirs in their file).
ACTIVITIES = {
    "06-audit-berges": "06-participation-citoyenne",
    "07-autoevaluation": "07-competences-pratique-reflexive",
}


def activity_id(name: str) -> str:
    """``activite:07-autoevaluation`` for ``07-autoevaluation``."""
    return f"{PREFIX}{name}"


def is_activity(exercise_id) -> bool:
    return isinstance(exercise_id, str) and exercise_id.startswith(PREFIX)


def activity_name(exercise_id: str) -> str:
    return exercise_id[len(PREFIX):] if is_activity(exercise_id) else exercise_id


def record(name: str, answer, *, notebook: str | None = None, log=None) -> dict:
    """Keep the learner's result of activity ``name`` (a JSON-ready value) in the progress log."""
    from .exercises.progress import ProgressLog

    log = log or ProgressLog.default()
    return log.append("check", exercise=activity_id(name), notebook=notebook or ACTIVITIES.get(name),
                      status=COMPLETE, score=None, answer=answer)
