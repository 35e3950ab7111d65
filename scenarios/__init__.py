"""Bundled scenarios (installed as the ``wargame.scenarios`` package)."""
