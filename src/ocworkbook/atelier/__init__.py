"""Live workshop: participants answer and vote from their phones, with no Internet.

``ow.atelier("05-concertation-des-concertations")`` (or ``ocworkbook atelier demarrer …``) starts a
participant server on the laptop's local network, in its own process, and shows the QR code, the
address and a short join code. Modules, one job each:

- :mod:`.plan` — which activities a notebook's workshop offers (``exercises/ateliers/*.yml``);
- :mod:`.question_kinds` — everything that depends on the type of question (phone form, parsing,
  tally, chart, paper handout);
- :mod:`.storage` — the session's SQLite file (WAL); :mod:`.results` — tallies, charts, opinion map;
- :mod:`.server` and :mod:`.pages` (+ ``static/``) — the participant and projector pages;
- :mod:`.security` — codes, secrets, text limits, CSV cells, rate limits; :mod:`.network`, :mod:`.qr`;
- :mod:`.launcher` — start/stop the server and send the facilitator's actions;
- :mod:`.widget` — the notebook widget; :mod:`.exports` and :mod:`.handouts` — after and without phones.
"""
