"""The journal: every issue, its articles with continuous page numbers, the issue
PDFs, the journal's site and its deposits, from one command
(``python build.py journal --root JOURNAL --out SITE``).

- ``project``: the journal's folder as written (``journal.yaml``, ``issues/*/issue.yaml``);
- ``decide``: what the journal and the issue decide of each article's metadata;
- ``pagination``: where each article starts;
- ``store``, ``work``, ``runners``: the article builds, content-addressed, on this
  machine's processes or on a Dask cluster;
- ``issuepdf``, ``site``, ``search``, ``deposits``: what is assembled from them;
- ``build``: the whole, all or nothing; ``scaffold``: ``press new``.
"""
