"""Wheel build hook: the wheel ships the *learner edition* of the workbook, never the clear key.

The source repository (and its sdist) holds the instructor's bank with clear answers; a wheel is
what ``pip install ocworkbook`` puts on a learner's computer or a shared hub, where anyone can read
site-packages. So, when a wheel is built, the learner edition is built first (``ocworkbook build
learner``: keys hashed, feedback encoded, teaching-notes and solution cells removed, facilitator
notebooks left out) and *that* is packed under ``ocworkbook/_workbook``. Editable installs (``pip
install -e .``, used by ``make lab`` and ``make test``) skip this: they read the checkout itself.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PARTS = ("notebooks", "datasets", "exercises")


class LearnerEditionHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from ocworkbook.editions.build import build_edition
        finally:
            sys.path.pop(0)
        self._temporary = Path(tempfile.mkdtemp(prefix="ocworkbook-wheel-"))
        edition = self._temporary / "edition"
        build_edition("learner", edition, source=Path(self.root))
        for part in PARTS:
            build_data["force_include"][str(edition / part)] = f"ocworkbook/_workbook/{part}"

    def finalize(self, version, build_data, artifact_path):
        temporary = getattr(self, "_temporary", None)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
