"""The local copy of reveal.js used by the slides (no CDN at run time).

reveal.js (MIT licence) is not on PyPI in a form that nbconvert can use, so the subset the slides
need is taken from the npm registry, once, at build/install time, with the ordinary npm client
(``npm pack reveal.js@VERSION``), and kept in ``ocworkbook/publish/vendor/reveal.js`` so that it
ships inside the wheel: once installed, the export works offline. To refresh it::

    python -m ocworkbook.publish.reveal            # needs npm and the network, once

``OCWORKBOOK_REVEAL_DIR`` may point to another copy (same layout).

The speaker view (``plugin/notes/notes.js``, key « S ») is the facilitator's own screen: its labels
are translated into French when reveal.js is copied next to the decks (:data:`SPEAKER_VIEW_FR`); the
vendored file itself stays as published, so that refreshing it is a plain copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..errors import WorkbookError
from ..i18n import t

VERSION = "5.2.1"
VENDOR_DIR = Path(__file__).resolve().parent / "vendor" / "reveal.js"
REQUIRED = ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js")
#: reveal.js's ``dist/`` folder is stored as ``distrib/`` (``dist/`` is ignored by the repository's
#: .gitignore, so it would never be committed nor packaged); it is renamed back when copied.
STORED_DIST = "distrib"
KEEP = (*REQUIRED, "LICENSE", "dist/theme/fonts/source-sans-pro/source-sans-pro.css",
        "dist/theme/fonts/source-sans-pro/LICENSE")
KEEP_SUFFIXES = {"dist/theme/fonts/source-sans-pro/": (".woff",)}
NOTES_PLUGIN = "plugin/notes/notes.js"
#: Exact pieces of reveal.js 5.2's ``notes.js`` and their French version (the page of the speaker view is a
#: JavaScript string there: quotes stay as they are, apostrophes are typographic).
SPEAKER_VIEW_FR = (
    ("<title>reveal.js - Speaker View</title>", "<title>Vue de l’orateur</title>"),
    ("Loading speaker view...", "Ouverture de la vue de l’orateur…"),
    (">Upcoming<", ">Diapositive suivante<"),
    ('>Time <span class=\\"reset-button\\">Click to Reset</span>',
     '>Temps écoulé <span class=\\"reset-button\\">Cliquer pour remettre à zéro</span>'),
    ("Pacing – Time to finish current slide", "Rythme – temps restant pour cette diapositive"),
    (">0:00 AM<", ">0:00<"),
    ("toLocaleTimeString( 'en-US', { hour12: true,", "toLocaleTimeString( 'fr-CA', { hour12: false,"),
    ("'default': 'Default'", "'default': 'Par défaut'"),
    ("'wide': 'Wide'", "'wide': 'Large'"),
    ("'tall': 'Tall'", "'tall': 'En hauteur'"),
    ("'notes-only': 'Notes only'", "'notes-only': 'Notes seulement'"),
    ("layoutLabel.innerHTML = 'Layout' + ( title ? ( ': ' + title ) : '' );",
     "layoutLabel.innerHTML = 'Disposition' + ( title ? ( '\u00a0: ' + title ) : '' );"),
    ('description:"Speaker notes view"', 'description:"Vue de l’orateur (notes d’animation)"'),
)


def reveal_dir() -> Path:
    """The folder holding reveal.js; raises a French error naming the fix if it is missing."""
    folder = Path(os.environ.get("OCWORKBOOK_REVEAL_DIR") or VENDOR_DIR)
    missing = [name for name in REQUIRED if not (folder / stored_name(name)).is_file()]
    if missing:
        raise WorkbookError(t("publish.reveal_missing", path=str(folder), missing=", ".join(missing)))
    return folder


def stored_name(name: str) -> str:
    """Where reveal.js's file ``name`` (``dist/…``) is kept in the package."""
    return STORED_DIST + name[len("dist"):] if name.startswith("dist/") else name


def copy_reveal(target: Path) -> Path:
    """Copy reveal.js next to the decks (``target``), in its usual layout (``dist/``, ``plugin/``)."""
    source = reveal_dir()
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    if (target / STORED_DIST).is_dir():
        (target / STORED_DIST).rename(target / "dist")
    translate_speaker_view(target / NOTES_PLUGIN)
    return target


def translate_speaker_view(path: Path) -> list[str]:
    """Put the speaker view's labels of the copy at ``path`` in French; returns the pieces not found
    (none for the vendored version; a test says which ones a refreshed reveal.js no longer has)."""
    text = path.read_text(encoding="utf-8")
    missing = [english for english, _ in SPEAKER_VIEW_FR if english not in text]
    for english, french in SPEAKER_VIEW_FR:
        text = text.replace(english, french)
    path.write_text(text, encoding="utf-8")
    return missing


def _wanted(name: str) -> bool:
    if name in KEEP:
        return True
    return any(name.startswith(prefix) and name.endswith(suffixes) for prefix, suffixes in KEEP_SUFFIXES.items())


def fetch(version: str = VERSION, target: Path = VENDOR_DIR) -> Path:
    """Download reveal.js ``version`` from the npm registry (``npm pack``) and keep the needed subset."""
    npm = shutil.which("npm")
    if not npm:
        raise WorkbookError(t("publish.npm_missing"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", f"reveal.js@{version}", "--silent"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        archive = next(Path(tmp).glob("reveal.js-*.tgz"))
        if target.exists():
            shutil.rmtree(target)
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                name = member.name.removeprefix("package/")
                if member.isfile() and _wanted(name):
                    destination = target / stored_name(name)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with tar.extractfile(member) as source, open(destination, "wb") as out:
                        shutil.copyfileobj(source, out)
    (target / "VERSION").write_text(version + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover - maintenance command
    print(fetch(sys.argv[1] if len(sys.argv) > 1 else VERSION))
