"""The theme catalogue (``exercises/themes.yml``): each exercise tag's readable name and family.

Exercise tags are short identifiers (``concertation-des-concertations``) chosen by instructors; the
progress dashboard shows their French names, grouped in a handful of families, never the raw tags.
The catalogue is a YAML file of the bank that an instructor can edit; ``ocworkbook validate`` checks it
(the shared validator) and warns about tags it does not name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BankError
from ..i18n import t
from ..validation.fields import Fields, Report, read_yaml

FILENAME = "themes.yml"
OTHER = "autres"


@dataclass
class Themes:
    labels: dict[str, str] = field(default_factory=dict)      # tag → label
    families: dict[str, str] = field(default_factory=dict)    # tag → family id
    family_labels: dict[str, str] = field(default_factory=dict)  # family id → label, in display order
    errors: list[BankError] = field(default_factory=list)

    def label(self, tag: str) -> str:
        return self.labels.get(tag) or tag.replace("-", " ").capitalize()

    def family(self, tag: str) -> str:
        return self.families.get(tag, OTHER)

    def family_label(self, family: str) -> str:
        return self.family_labels.get(family) or t("dashboard.other_themes")


def load_themes(root: Path) -> Themes:
    """The catalogue of the workbook at ``root`` (empty, without error, if the file does not exist)."""
    path = Path(root) / "exercises" / FILENAME
    themes = Themes()
    if not path.is_file():
        return themes
    report = Report(str(path.relative_to(root)) if path.is_relative_to(root) else str(path))
    document = read_yaml(path, report, expected=t("themes.file_start"))
    if document is not None:
        f = Fields(report, document)
        f.keys(("familles", "themes"), required=("familles", "themes"), where=t("bank.at_file_level"))
        for family in f.items("familles", ("id", "libelle")):
            f.keys(("id", "libelle"), mapping=family, where=t("themes.in_families"))
            themes.family_labels[str(family["id"])] = str(family["libelle"])
        raw = document.get("themes")
        if isinstance(raw, dict):
            for tag, entry in raw.items():
                if not isinstance(entry, dict):
                    report.add(t("fields.item_must_be_mapping", field=f"themes.{tag}"), raw.line_of(tag), str(tag))
                    continue
                g = Fields(report, entry, str(tag))
                g.keys(("libelle", "famille"), required=("libelle", "famille"), where=t("themes.in_themes"))
                label = g.text("libelle")
                family = g.one_of("famille", list(themes.family_labels))
                if label and family:
                    themes.labels[str(tag)], themes.families[str(tag)] = label, family
        elif raw is not None:
            f.error("themes", t("themes.must_be_mapping"))
    themes.errors = report.errors
    return themes


def check_themes(bank, root: Path) -> tuple[list[BankError], list[BankError]]:
    """(errors of the catalogue, warnings for tags it does not name)."""
    from ..validation.content_checks import ContentWarning

    themes = load_themes(root)
    if not (Path(root) / "exercises" / FILENAME).is_file():
        return [], []
    warnings = []
    for ex in bank.exercises.values():
        missing = [tag for tag in ex.tags if tag not in themes.labels]
        if missing:
            warnings.append(ContentWarning(t("themes.unknown_tags", tags=", ".join(missing)), path=ex.path,
                                           line=ex.line, item=ex.id))
    return themes.errors, warnings
