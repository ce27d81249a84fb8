"""Latin names for people and places.

People go through `arabic-name-romanizer` (offline: an SQLite index of attested spellings, an ONNX fallback),
one name unit at a time, because the news conventions differ from its whole-name output: the article is
written "al-" and kept («الخابوري» → "al-Khabouri"), kunya heads are "Abu"/"Umm", «بن» is "bin".
Places use the GeoNames/CLDR English name when there is one, else the same unit romanization.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rasid.text import normalize

_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3\w]+")
_FIXED = {"ابو": "Abu", "ابي": "Abi", "ابا": "Aba", "ام": "Umm", "بن": "bin", "ابن": "ibn", "بنت": "bint",
          "ال": "Al", "الله": "Allah"}


class Romanizer:
    """Lazy wrapper: the romanizer's index and model open on the first name, not when rasid loads."""

    def __init__(self, place_names: Mapping[str, str], country: str = "SY") -> None:
        self.place_names = place_names
        self.country = country
        self._tr: Any = None
        self._units: dict[tuple[str, str], str] = {}
        #: normalised word -> fixed Latin spelling (the words of well-known people's names, set by the
        #: entities stage from `rasid.resources.people`): «سارة نتنياهو» is "Sara Netanyahu", not "Natiniaho"
        self.fixed: Mapping[str, str] = {}

    def _tr_obj(self) -> Any:
        if self._tr is None:
            from arabic_name_romanizer import Transliterator

            # one ONNX thread: rasid parallelises by worker processes, and more threads per worker
            # oversubscribe the cores (2 workers scaled 1.23x instead of 1.7x)
            self._tr = Transliterator(model=_unit_model())
        return self._tr

    def _unit(self, unit: str, role: str) -> str:
        got = self._units.get((unit, role))
        if got is None:
            self.prefetch([(unit, role)])
            got = self._units[(unit, role)]
        return got

    def prefetch(self, units: list[tuple[str, str]]) -> None:
        """Romanize many units in batched calls (per role and length): the romanizer's fallback model runs a
        batched beam search, several times faster than one call per name."""
        todo: dict[str, list[str]] = {}
        for unit, role in units:
            if (unit, role) not in self._units:
                todo.setdefault(role, [])
                if unit not in todo[role]:
                    todo[role].append(unit)
        if not todo:
            return
        if len(self._units) > 50_000:
            self._units.clear()
        tr = self._tr_obj()
        for role, units_of_role in todo.items():
            # Batch only units that reach the model at one length: the model pads a mixed batch, and padding
            # changes its output («حماه» alone "Hamah", in a batch "Hammah"), so results would depend on which
            # names shared a batch — and a 2-worker or Dask run would differ from a single-process one. The
            # length is the romanizer's own (after its normalisation: «بوينـغ» and «بوينغ» are one length).
            by_len: dict[tuple[int, ...], list[str]] = {}
            for unit in units_of_role:
                by_len.setdefault(self._shape(unit), []).append(unit)
            for batch in by_len.values():
                for unit, latin in zip(batch, tr.transliterate_many(batch, country=self.country, role=role),
                                       strict=True):
                    self._units[(unit, role)] = str(latin) or unit

    @staticmethod
    def _shape(unit: str) -> tuple[int, ...]:
        """The lengths of the pieces the romanizer decodes `unit` as: units of one shape batch without
        padding, so each one's result is the same whatever else is in its batch."""
        from arabic_name_romanizer.normalize import normalize_arabic, split_units

        return tuple(len(u) for u in split_units(normalize_arabic(unit)))

    def plan(self, text: str) -> list[tuple[str, str | None, str]]:
        """Name units of a person's name: (arabic, role or None when fixed, prefix)."""
        words = _WORD.findall(text)
        out: list[tuple[str, str | None, str]] = []
        i = 0
        while i < len(words):
            w = words[i]
            n = normalize(w)
            role = "given" if not out else "surname"
            if n in _FIXED:
                out.append((_FIXED[n], None, ""))
            elif n in self.fixed:
                out.append((self.fixed[n], None, ""))
            elif n == "عبد" and i + 1 < len(words):
                out.append((f"{w} {words[i + 1]}", role, ""))
                i += 1
            elif n.startswith("ال") and len(n) > 3 and n != "الله":
                out.append((w[2:], "surname", "al-"))
            else:
                out.append((w, role, ""))
            i += 1
        return out

    def person(self, text: str) -> str:
        plan = self.plan(text)
        self.prefetch([(u, r) for u, r, _ in plan if r is not None])
        out: list[str] = []
        for unit, role, prefix in plan:
            latin = unit if role is None else self._units[(unit, role)]
            out.append(prefix + latin[:1].upper() + latin[1:] if prefix else latin)
        if out and out[0].startswith("al-"):
            out[0] = "A" + out[0][1:]
        return " ".join(out)

    def place_name(self, text: str) -> str | None:
        """The GeoNames/CLDR English name, when the place is known there."""
        key = " ".join(normalize(text).split())
        for k in (key, key[2:] if key.startswith("ال") else "ال" + key):
            name = self.place_names.get(k)
            if name:
                return name
        return None

    def place(self, text: str) -> str:
        return self.place_name(text) or self.person(text)

    def prefetch_names(self, people: list[str], places: list[str]) -> None:
        """Batch every unit the given names will need (one article at a time, from the entities stage)."""
        texts = people + [p for p in places if self.place_name(p) is None]
        self.prefetch([(u, r) for t in texts for u, r, _ in self.plan(t) if r is not None])


def _unit_model() -> Any:
    """The romanizer's ONNX fallback model with one intra-op thread (None when the package ships none)."""
    from arabic_name_romanizer.api import default_resources_dir

    d = default_resources_dir()
    if not all((d / f).exists() for f in ("encoder.onnx", "decoder.onnx", "vocab.json", "meta.json")):
        return None
    from arabic_name_romanizer.inference import OnnxModel

    return OnnxModel(d, intra_op_threads=1)
