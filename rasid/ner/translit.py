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

    def _unit(self, unit: str, role: str) -> str:
        key = (unit, role)
        got = self._units.get(key)
        if got is None:
            if self._tr is None:
                from arabic_name_romanizer import Transliterator

                self._tr = Transliterator()
            got = str(self._tr.transliterate(unit, country=self.country, role=role)) or unit
            if len(self._units) > 50_000:
                self._units.clear()
            self._units[key] = got
        return got

    def person(self, text: str) -> str:
        words = _WORD.findall(text)
        out: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            n = normalize(w)
            role = "given" if not out else "surname"
            if n in _FIXED:
                out.append(_FIXED[n])
            elif n == "عبد" and i + 1 < len(words):
                out.append(self._unit(f"{w} {words[i + 1]}", role))
                i += 1
            elif n.startswith("ال") and len(n) > 3 and n != "الله":
                rest = self._unit(w[2:], "surname")
                out.append("al-" + rest[:1].upper() + rest[1:])
            else:
                out.append(self._unit(w, role))
            i += 1
        if out and out[0].startswith("al-"):
            out[0] = "A" + out[0][1:]
        return " ".join(out)

    def place(self, text: str) -> str:
        key = " ".join(normalize(text).split())
        for k in (key, key[2:] if key.startswith("ال") else "ال" + key):
            name = self.place_names.get(k)
            if name:
                return name
        return self.person(text)
