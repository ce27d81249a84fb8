"""Shared fixtures. Small hand-built documents for the core; real resources are loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RASID_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (data sets, gold, scorer). Tests that need it skip only when it truly is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared data sets are not on this machine")
    return SHARED


@pytest.fixture(scope="session")
def gold_dir(shared: Path) -> Path:
    return shared / "gold" / "dev"


@pytest.fixture(scope="session")
def resources():
    from rasid.resources import Resources

    return Resources()


@pytest.fixture(scope="session")
def pipeline(resources):
    from rasid.pipeline import load_pipeline

    return load_pipeline(resources=resources)


@pytest.fixture(scope="session")
def example_path() -> Path:
    return ROOT / "examples" / "eqtisad-hajar-aswad.json"
