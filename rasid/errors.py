"""Named errors that say what happened and what to do next (DESIGN rule 8)."""

from __future__ import annotations


class RasidError(Exception):
    """Base class: `what` happened, `hint` tells the user what to do."""

    def __init__(self, what: str, hint: str = "", *, path: str | None = None, line: int | None = None) -> None:
        self.what = what
        self.hint = hint
        self.path = path
        self.line = line
        super().__init__(self.message)

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    @property
    def message(self) -> str:
        where = f"{self.where}: " if self.where else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{self.what}{hint}"


class InputError(RasidError):
    """An article or file cannot be read (binary, empty, bad JSON, wrong encoding, too large)."""


class ConfigError(RasidError):
    """The pipeline or a command was configured wrongly (missing stage, bad option)."""


class StageError(RasidError):
    """A pipeline stage failed on one article."""


class ResourceError(RasidError):
    """A shipped or imported resource (model, gazetteer, lexicon) is missing or broken."""


class StoreError(RasidError):
    """The database could not be opened, migrated or written."""
