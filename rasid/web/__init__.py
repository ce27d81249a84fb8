"""The analyst's web app (`rasid serve`): a JSON API and one page over a store. Needs the [web] extra."""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    """`rasid.web.app.create_app`, imported only when called (FastAPI is an optional extra)."""
    from rasid.web.app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
