"""The review bundle between two versions of the report (a base git revision and the working tree).

Modules: ``markdown`` (chapters as stable, line-oriented Markdown), ``changelog`` (the numbers that
changed), ``word_diff`` (the chapter text), ``files`` (tables and figures that changed), ``redline``
(Word tracked changes), ``summary`` (the first page). All outputs are deterministic: sorted, no clocks,
no temporary paths. Pure functions; scripts/review_*.py are the entry points.
"""
