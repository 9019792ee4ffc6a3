"""Practitioner tools: pure analyses on pandas data, usable without widgets.

One module per job, imported on demand (nothing heavy is imported here):

- :mod:`.diagnostic` — partnership diagnostic (instrument scores and gaps between partner types);
- :mod:`.network` — map of concertations (actors × tables, projection, brokers, what-if);
- :mod:`.opinions` — opinion map (Polis method, reimplemented), with its steps in
  :mod:`.opinions_projection` (who, axes, points), :mod:`.opinions_cluster` (k-means, silhouettes),
  :mod:`.opinions_stats` (representative statements, consensus), :mod:`.opinions_audit` (second
  opinion on Polis's own groups), :mod:`.opinions_text` (sentences) and :mod:`.opinions_io` (readers);
- :mod:`.participation` — participation audit (Arnstein, IAP2, Bourque);
- :mod:`.privacy` — the shared minimum-group-size rule;
- :mod:`.tables` and :mod:`.outputs` — reading user CSV files, writing outputs atomically;
- :mod:`.charts`, :mod:`.report` and :mod:`.widgets` — thin front ends over the pure functions.
"""
