"""Well-known people (`rasid/data/people_known.json`): heads of state, ministers, commanders, envoys and
leaders of armed groups that the region's news names every day.

Why a list: the CRF learnt its names from mid-2000s newswire, so it misses «ترامب» (untagged in 1,436 of
its 1,543 occurrences in the unlabelled corpora) or tags «نتنياهو» as part of an organisation, and the
romanizer spells foreign names letter by letter ("Trameb", "Natiniaho"). A listed person is a PER entity
with an English `canonical` name and a conventional `latin` spelling. Matching is the actor registry's:
the same normalisation, proclitic stripping and context aliases (a short form that is a common word or a
shared surname, «الأسد», counts only when the article names the person in full).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rasid.errors import ResourceError
from rasid.resources.actors import ActorRegistry, alias_tokens


@dataclass(frozen=True)
class KnownPeople:
    registry: ActorRegistry  # the matcher: people as "actors" (ids, canonical names, aliases)
    latin: dict[str, str]  # person id -> the Latin name of its mentions (the canonical name unless set)
    tokens: dict[str, frozenset[str]]  # person id -> the normalised words of all its aliases

    def __len__(self) -> int:
        return len(self.registry)


def from_records(records: list[dict[str, Any]]) -> KnownPeople:
    return KnownPeople(ActorRegistry(records),
                       {str(r["id"]): str(r.get("latin") or r["canonical"]) for r in records},
                       {str(r["id"]): frozenset(t for a in [*r.get("aliases_ar", ()), *r.get("context_aliases_ar", ())]
                                                for t in alias_tokens(a)) for r in records})


def load(resources: Any) -> KnownPeople:
    path = resources.path("people_known.json")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise ResourceError(f"list of known people {path} is missing", "reinstall rasid", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise ResourceError(f"list of known people is not valid JSON: {exc.msg}", "fix the file or reinstall rasid",
                            path=str(path), line=exc.lineno) from exc
    return from_records(list(data["people"]))
