"""The JSON Schema of rasid's output document (SCHEMA.md, schema_version "1")."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def document_schema() -> dict[str, Any]:
    return dict(json.loads(resources.files("rasid.schema").joinpath("document.schema.json").read_text("utf-8")))


def validate_document(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `data` is not a valid rasid document."""
    import jsonschema

    jsonschema.validate(data, document_schema())
