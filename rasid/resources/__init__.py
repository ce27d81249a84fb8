"""Heavy resources (lexicons, actor registry, gazetteer, models), loaded lazily by name and cached
per `Resources` object — never at import time, never in module globals (DESIGN rules 6 and 7)."""

from __future__ import annotations

import gc
import importlib
import os
import threading
from pathlib import Path
from typing import Any

from rasid.errors import ResourceError

#: name -> "module:function" that loads it; the function takes the Resources object.
LOADERS: dict[str, str] = {
    "lexicon": "rasid.resources.loaders:load_lexicon",
    "actors": "rasid.resources.actors:load",
    "people": "rasid.resources.people:load",
    "ner": "rasid.resources.ner:load",
    "gazetteer": "rasid.resources.gazetteer:load",
    "events": "rasid.resources.events:load",
    "time_words": "rasid.temporal:load_lexicons",
}


class Resources:
    """A lazy, thread-safe cache of loaded resources. Pass one to `load_pipeline` to share it."""

    def __init__(self, data_dir: str | Path | None = None, cache_dir: str | Path | None = None,
                 ner_mode: str | None = None, **overrides: Any) -> None:
        self.data_dir = Path(data_dir) if data_dir else Path(__file__).resolve().parent.parent / "data"
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        #: which entity recogniser the "ner" resource loads: "fast" (the CRF) or "accurate" (CRF + net)
        self.ner_mode = ner_mode_of(ner_mode)
        self._loaded: dict[str, Any] = dict(overrides)
        self._lock = threading.RLock()  # a loader may load another resource

    def get(self, name: str) -> Any:
        with self._lock:
            if name not in self._loaded:
                spec = LOADERS.get(name)
                if spec is None:
                    raise ResourceError(f"unknown resource {name!r}", f"known: {', '.join(sorted(LOADERS))}")
                mod, func = spec.split(":")
                self._loaded[name] = getattr(importlib.import_module(mod), func)(self)
                # resources live as long as the process: out of the collector's sight, a full collection no
                # longer walks their hundreds of thousands of objects (~10% of a steady-state run's CPU time)
                gc.freeze()
            return self._loaded[name]

    def has(self, name: str) -> bool:
        return name in self._loaded

    def path(self, *parts: str) -> Path:
        """A file shipped in rasid/data."""
        return self.data_dir.joinpath(*parts)


#: The entity recognisers: the CRF alone (the default: fastest) and the CRF combined with a BiLSTM net (about
#: three F1 points better on CLEANANERCorp TEST, a third of the speed: rasid/data/ner/MODEL_CARD.md).
NER_MODES = ("fast", "accurate")


def ner_mode_of(mode: str | None) -> str:
    """The recogniser asked for: `mode`, else $RASID_NER, else "fast"; a ConfigError for an unknown one."""
    from rasid.errors import ConfigError

    mode = mode or os.environ.get("RASID_NER") or "fast"
    if mode not in NER_MODES:
        raise ConfigError(f"unknown recogniser {mode!r} (--ner or RASID_NER)", f"use one of {', '.join(NER_MODES)}")
    return mode


def default_cache_dir() -> Path:
    """Where built indexes live: $RASID_CACHE, else $XDG_CACHE_HOME/rasid, else ~/.cache/rasid."""
    env = os.environ.get("RASID_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "rasid"
