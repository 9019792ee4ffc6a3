"""Put an edition together in a folder: ``build_edition("learner" | "instructor", out)``.

Layout of an edition (a workbook root that ``ocworkbook validate --root`` accepts)::

    OUT/README.md              what this edition is, for whom (learners or instructors)
    OUT/notebooks/…            notebooks saved without outputs (learner: no solution or notes cells)
    OUT/exercises/…            the bank (learner: keys hashed, feedback obscured)
    OUT/datasets/…             every dataset and datapackage.json
    OUT/NOTES-ANIMATION.md     instructor only: teaching notes of every notebook
    OUT/CORRIGE.md             instructor only: the answer key
    OUT/.ocworkbook-edition.json   marker: a later build may replace this folder's generated parts

A folder that is not empty and has no marker is never overwritten.
"""

from __future__ import annotations

import json
import random
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import WorkbookError
from ..exercises.bank import CATALOGUE_FILES, exercise_files, load_bank
from ..i18n import t
from ..yamllines import load_with_lines
from .facilitator_notes import notes_for, with_notes
from .learner_bank import learner_document, plain
from .notebooks import instructor_notebook, learner_notebook, read_notebook, workbook_notebooks, write_notebook

KINDS = ("learner", "instructor")
MARKER = ".ocworkbook-edition.json"
GENERATED = ("notebooks", "exercises", "datasets", "README.md", "NOTES-ANIMATION.md", "CORRIGE.md", MARKER)
SKIP = {".ipynb_checkpoints", "__pycache__", ".ocworkbook"}


@dataclass
class EditionReport:
    kind: str
    out: Path
    notebooks: list[str] = field(default_factory=list)
    exercises: int = 0
    salt: str | None = None
    notebooks_without_notes: list[str] = field(default_factory=list)


def prepare_output(out: Path) -> None:
    """Make ``out`` ready: create it, or clear the parts a previous build generated."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise WorkbookError(t("editions.out_not_empty", path=str(out)))
        for name in GENERATED:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=lambda _d, names: [n for n in names if n in SKIP], dirs_exist_ok=True)


class _BankDumper(yaml.SafeDumper):
    """Writes multi-line texts as literal blocks (``|``), as an instructor would."""


def _represent_text(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BankDumper.add_representer(str, _represent_text)


def _write_learner_bank(source: Path, out: Path, salt: str) -> None:
    rng = random.Random(salt)
    for path in exercise_files(source):
        document = plain(load_with_lines(path.read_text(encoding="utf-8"))[0])
        rewritten = learner_document(document, salt, rng, path=f"exercises/{path.name}")
        header = t("editions.bank_header") + "\n"
        text = yaml.dump(rewritten, Dumper=_BankDumper, allow_unicode=True, sort_keys=False, width=100)
        target = out / "exercises" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(f"# {line}\n" for line in header.splitlines()) + text, encoding="utf-8")


def _copy_extra_bank_parts(source: Path, out: Path) -> None:
    """Sub-folders of ``exercises/`` (scenarios…) and its catalogues (``themes.yml``) hold no answer key:
    copied as they are."""
    for folder in sorted(p for p in (source / "exercises").iterdir() if p.is_dir() and p.name not in SKIP):
        _copy_tree(folder, out / "exercises" / folder.name)
    for name in CATALOGUE_FILES:
        if (source / "exercises" / name).is_file():
            shutil.copy2(source / "exercises" / name, out / "exercises" / name)


def build_edition(kind: str, out: Path, source: Path | None = None, salt: str | None = None) -> EditionReport:
    """Write the ``kind`` edition of the workbook at ``source`` into ``out``."""
    from ..paths import shipped_workbook
    from .notes import answer_key_markdown, notes_markdown

    if kind not in KINDS:
        raise WorkbookError(t("editions.bad_kind", kind=kind, choices=", ".join(KINDS)))
    source = Path(source or shipped_workbook()).resolve()
    out = Path(out).resolve()
    inside = [source / part for part in ("notebooks", "exercises", "datasets")]
    if out == source or any(folder == out or folder in out.parents for folder in inside):
        raise WorkbookError(t("editions.out_is_source", path=str(out)))
    bank = load_bank(source)
    if bank.errors:
        raise WorkbookError(t("editions.bank_invalid", n=len(bank.errors), first=str(bank.errors[0])))
    if any(ex.hashed for ex in bank.exercises.values()):
        raise WorkbookError(t("editions.source_is_learner", path=str(source)))
    prepare_output(out)
    report = EditionReport(kind=kind, out=out, exercises=len(bank.exercises))
    learner = kind == "learner"
    for path in workbook_notebooks(source, include_facilitator=not learner):
        relative = path.relative_to(source)
        notebook = read_notebook(path)
        if learner:
            converted = learner_notebook(notebook)
        else:
            converted = instructor_notebook(with_notes(notebook, notes_for(source, path)))
        write_notebook(converted, out / relative)
        report.notebooks.append(relative.as_posix())
    _copy_tree(source / "datasets", out / "datasets")
    if learner:
        report.salt = salt or secrets.token_hex(8)
        _write_learner_bank(source, out, report.salt)
    else:
        for path in exercise_files(source):
            (out / "exercises").mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, out / "exercises" / path.name)
        notes, report.notebooks_without_notes = notes_markdown(source, bank)
        (out / "NOTES-ANIMATION.md").write_text(notes, encoding="utf-8")
        (out / "CORRIGE.md").write_text(answer_key_markdown(source, bank), encoding="utf-8")
    _copy_extra_bank_parts(source, out)
    from .. import __version__

    readme_key = "editions.readme.learner" if learner else "editions.readme.instructor"
    (out / "README.md").write_text(t(readme_key, version=__version__).strip() + "\n", encoding="utf-8")
    (out / MARKER).write_text(json.dumps({"edition": kind, "version": __version__}, indent=1), encoding="utf-8")
    return report
