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

from dataclasses import dataclass
from typing import Any

from rasid.resources.actors import ActorRegistry, alias_tokens, read_json


@dataclass(frozen=True)
class KnownPeople:
    registry: ActorRegistry  # the matcher: people as "actors" (ids, canonical names, aliases)
    latin: dict[str, str]  # person id -> the Latin name of its mentions (the canonical name unless set)
    tokens: dict[str, frozenset[str]]  # person id -> the normalised words of all the person's aliases
    #: normalised family name -> its Latin spelling in the listed names («نتنياهو» -> "Netanyahu"): the romanizer
    #: uses it for people who are not listed but share the name («سارة نتنياهو», «هانتر بايدن»)
    words_latin: dict[str, str]

    def __len__(self) -> int:
        return len(self.registry)


def from_records(records: list[dict[str, Any]]) -> KnownPeople:
    return KnownPeople(ActorRegistry(records),
                       {str(r["id"]): str(r.get("latin") or r["canonical"]) for r in records},
                       _own_words(records),
                       _words_latin(records))


def _own_words(records: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """person id -> the words of every alias of the people with its canonical name (a nom de guerre's record
    shares the person's: «محمد» before «حميدتي» is Hemedti's own first name)."""
    by_name: dict[str, set[str]] = {}
    for r in records:
        words = by_name.setdefault(str(r["canonical"]), set())
        for a in [*r.get("aliases_ar", ()), *r.get("context_aliases_ar", ())]:
            words.update(alias_tokens(a))
    return {str(r["id"]): frozenset(by_name[str(r["canonical"])]) for r in records}


def _words_latin(records: list[dict[str, Any]]) -> dict[str, str]:
    """The Latin spelling of each family name, from each person's first alias (the full name) when it has as
    many words as its Latin name («بنيامين نتنياهو» / "Benjamin Netanyahu" → «نتنياهو» "Netanyahu"). Only the
    last word: first names are spelt many ways («محمد»: Mohammed, Mohamed, Muhammad). Left out: a name spelt two
    ways and words of three letters or fewer («بري» is also "land"); the entities stage also leaves out family
    names that are first names too («سعيد» of Kais Saied is Saeed Jalili's first name)."""
    seen: dict[str, set[str]] = {}
    for r in records:
        latin = str(r.get("latin") or r["canonical"]).split()
        toks = alias_tokens((r.get("aliases_ar") or [""])[0])
        if len(toks) == len(latin) > 1:
            ar, en = toks[-1], latin[-1]
            if ar.isalpha() and len(ar) > 3 and en[:1].isupper():
                seen.setdefault(ar, set()).add(en)
    return {ar: next(iter(ens)) for ar, ens in seen.items() if len(ens) == 1}


def load(resources: Any) -> KnownPeople:
    return from_records(list(read_json(resources.path("people_known.json"), "list of known people")["people"]))
