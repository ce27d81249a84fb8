"""Loader for the gazetteer resource: `resources.get("gazetteer")`."""

from __future__ import annotations

from typing import Any

from rasid.gazetteer.index import Gazetteer, load_or_build


def load(resources: Any) -> Gazetteer:
    """The compiled gazetteer from `resources.cache_dir`, built there on first use."""
    return load_or_build(resources.data_dir, resources.cache_dir)
