"""Copy the workbook (notebooks, datasets, exercises) into a learner's folder, safely.

A manifest (``.ocworkbook/manifest.json``) remembers the hash of every file as it was copied.
On a later copy (a new version of the package), a file is updated only if the learner has not
changed it since; a file the learner changed is kept, and the new version is written beside it
as ``NAME.nouveau.EXT`` so nothing is lost either way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PARTS = ("notebooks", "datasets", "exercises")
MANIFEST = Path(".ocworkbook") / "manifest.json"
SKIP = {".ipynb_checkpoints", "__pycache__"}


@dataclass
class CopyReport:
    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (learner's file, new version beside it)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(source: Path):
    for part in PARTS:
        for path in sorted((source / part).rglob("*")):
            if path.is_file() and not (SKIP & set(path.parts)):
                yield path.relative_to(source)


@contextlib.contextmanager
def learner_view(source: Path):
    """The learner's view of the workbook at ``source``, as a folder (a context manager).

    The copy inside an installed package already is the learner edition. A source checkout holds
    the instructor's clear keys, teaching notes and facilitator notebooks, so its learner edition is
    built in a temporary folder first — with a salt derived from the bank's content, so that running
    ``start`` again does not change files that did not change.
    """
    from .editions.build import build_edition
    from .exercises.bank import load_bank

    bank = load_bank(source)
    if all(ex.hashed for ex in bank.exercises.values()):
        yield source
        return
    digest = hashlib.sha256()
    for path in sorted((source / "exercises").rglob("*.y*ml")):
        digest.update(path.read_bytes())
    with tempfile.TemporaryDirectory(prefix="ocworkbook-start-") as folder:
        edition = Path(folder) / "edition"
        build_edition("learner", edition, source=source, salt=digest.hexdigest()[:16])
        yield edition


def copy_workbook(source: Path, destination: Path) -> CopyReport:
    """Copy ``source``'s workbook files into ``destination`` without losing a learner's edits."""
    destination.mkdir(parents=True, exist_ok=True)
    manifest_path = destination / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    report = CopyReport()
    for relative in _files(source):
        src, dst = source / relative, destination / relative
        key = relative.as_posix()
        new_hash = _digest(src)
        if not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            report.copied.append(key)
        else:
            current = _digest(dst)
            if current == new_hash:
                report.unchanged.append(key)
            elif manifest.get(key) == current:  # the learner did not touch it: safe to update
                shutil.copy2(src, dst)
                report.updated.append(key)
            else:  # the learner changed it (or we cannot tell): keep theirs, put ours beside it
                beside = dst.with_name(f"{dst.stem}.nouveau{dst.suffix}")
                shutil.copy2(src, beside)
                report.kept.append((key, beside.relative_to(destination).as_posix()))
                continue
        manifest[key] = new_hash
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return report
