"""Workshop aggregation: the group's answers, per exercise and per option, for a facilitator.

Pure functions (pandas in, pandas out), used by ``notebooks/animation/agregation-atelier.ipynb``:

- :func:`from_submissions`: learners' exported answer files (``remise-*.json``);
- :func:`from_form`: a CSV exported by a form tool (Microsoft Forms, Google Forms, LimeSurvey),
  with a mapping from columns to exercise ids (:func:`load_mapping`);
- :func:`tally`: counts per option (or category, value, answer) — nothing is shown for a group
  smaller than the minimum size (3 by default), and free-text answers given by fewer people
  than that are grouped as « autres réponses »;
- :func:`chart` and :func:`discussion_questions`; :func:`show` displays both in a notebook;
- :func:`show_activity` / :func:`show_activities`: the group's results of the lesson activities that are
  not exercises — notebook 07's profile, notebook 06's audit, the paths of a scenario (08).
"""

from .activities import audit_levels, group_profile, scenario_paths, show_activities, show_activity
from .gather import from_form, from_submissions, load_mapping
from .tally import Tally, chart, discussion_questions, overview, show, show_all, tally

__all__ = ["from_submissions", "from_form", "load_mapping", "tally", "Tally", "chart", "discussion_questions",
           "overview", "show", "show_all", "example_folder", "show_activity", "show_activities", "group_profile",
           "audit_levels", "scenario_paths"]


def example_folder():
    """The fictional example data shipped with the workbook (``datasets/exemples/atelier``)."""
    from ..paths import workbook_root

    return workbook_root() / "datasets" / "exemples" / "atelier"
