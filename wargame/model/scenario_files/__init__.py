"""Scenario files: from a TOML file on disk to a checked :class:`~wargame.model.scenario.Scenario`.

A scenario is written by people, so most of the work is meeting their mistakes: find the file
(a bundled name or a path), parse it, apply ``--set`` overrides to the raw data, structure it
strictly into the schema, and point every problem at its file, line and field.

* :mod:`.scenarios` — finding, loading and checking a file (the entry point: ``load``, ``resolve``);
* :mod:`.structure` — the strict converter from raw data to the schema, and its error messages;
* :mod:`.overrides` — ``--set path.to.field=value``, applied before structuring;
* :mod:`.tomlmap` — the line each value sits on, for error messages;
* :mod:`.starter` — ``wargame new``: a commented starting file.

It lives in the model layer because it needs nothing but the schema (``wargame.model``) and the
standard library: no engine, no session. So the engine, the session, the analysis and the UI can
all load a scenario, and loading one can never start a game.
"""
