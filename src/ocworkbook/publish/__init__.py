"""Publishing the workbook: executed notebooks as an offline HTML site and reveal.js slides
(``ocworkbook export html|slides``), and the deployment files derived from ``pyproject.toml``.

- :mod:`.execute` runs notebooks headless (charts as inline SVG, records in a temporary folder);
- :mod:`.static` replaces widgets, which need a live kernel, by a static version;
- :mod:`.site` writes the HTML pages and the index; :mod:`.slides` the decks;
- :mod:`.reveal` finds (or fetches, at install time) the local copy of reveal.js;
- :mod:`.binder` derives ``binder/requirements.txt`` from ``pyproject.toml``.
"""
