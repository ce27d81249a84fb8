"""The actor registry (`rasid/data/actors.json`) and a fast, clitic-aware alias matcher over tokens.

Aliases are normalised and split into tokens the way `rasid.text.tokenize` splits text, then indexed by their
first token. A text token may carry proclitics the alias lacks («وقوات النظام», «بتنظيم الدولة»,
«للتحالف الدولي»), so its first token is also tried without them; the match records how many normalised
letters were stripped so the entity span can start after them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasid.errors import ResourceError
from rasid.text import normalize

_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[\w\u064B-\u065F\u0670\u0640]+|[^\s\w]", re.UNICODE)

#: Proclitic chains a name may carry in running text, longest first. «لل» is ل + the article with its
#: alef elided: the stripped form gets «ال» back, and the span keeps the whole token (see `Match.fused`).
#: Words that start a descriptive tail of an alias («التحالف الدولي بقيادة الولايات المتحدة»). The whole alias
#: still identifies the actor, but the span stops before the tail so the leader or country after it stays an
#: entity of its own.
_TAIL_MARKERS = frozenset({"بقياده", "الذي", "التي", "تقوده", "تقودها"})

_PROCLITICS = ("وبال", "فبال", "وكال", "ولل", "فلل", "لل", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True)
class Actor:
    id: str
    canonical: str
    category: str | None
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    source_type: str | None = None


@dataclass(frozen=True)
class Match:
    """Tokens [start, end) name `actor_id`; `strip` normalised letters of the first token are a proclitic."""

    actor_id: str
    start: int
    end: int
    strip: int = 0
    fused: bool = False  # the first token is «لل…»: keep it whole in the span
    context: bool = False  # a context alias («التنظيم»): valid only if a full alias occurs in the article


def alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(normalize(alias)))


def strip_variants(norm: str) -> list[tuple[str, int, bool]]:
    """(form, letters stripped, fused «لل») for a normalised token: itself, then without proclitics."""
    out = [(norm, 0, False)]
    for p in _PROCLITICS:
        rest = norm[len(p):]
        if not norm.startswith(p) or len(rest) < 2:
            continue
        if p.endswith("لل"):
            out.append(("ال" + rest, len(p) - 2, True))
        elif p.endswith("ال"):
            out.append(("ال" + rest, len(p) - 2, False))
        else:
            out.append((rest, len(p), False))
    return out


class ActorRegistry:
    """Actors by id and an index of their normalised Arabic aliases."""

    def __init__(self, records: Iterable[Mapping[str, Any]]) -> None:
        self.actors: dict[str, Actor] = {}
        self.aliases_en: dict[str, tuple[str, ...]] = {}
        # first alias token -> [(alias tokens, actor id, is context alias)], longest alias first
        self._index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self._keys: dict[str, str] = {}  # normalised full alias -> actor id (first one wins)
        self.conflicts: list[tuple[str, str, str]] = []  # (alias, kept actor, dropped actor)
        # strip_variants per token, kept only for tokens that can start an alias (a cache, bounded below)
        self._starts: dict[str, list[tuple[str, int, bool]]] = {}
        for r in records:
            aid = str(r["id"])
            self.actors[aid] = Actor(aid, str(r.get("canonical") or aid), r.get("acled_category"), r.get("kind"),
                                     r.get("country"), r.get("parent"), r.get("source_type"))
            self.aliases_en[aid] = tuple(r.get("aliases_en") or ())
            for alias in r.get("aliases_ar") or ():
                self._add(alias, aid, False)
            for alias in r.get("context_aliases_ar") or ():
                self._add(alias, aid, True)
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _add(self, alias: str, aid: str, context: bool) -> None:
        toks = alias_tokens(alias)
        if not toks:
            return
        key = " ".join(toks)
        if not context:
            kept = self._keys.setdefault(key, aid)
            if kept != aid:
                self.conflicts.append((alias, kept, aid))
                return
        entries = self._index.setdefault(toks[0], [])
        if not any(e[0] == toks and e[1] == aid and e[2] == context for e in entries):
            entries.append((toks, aid, context))

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def lookup(self, text: str) -> Actor | None:
        """The actor whose full alias is `text` (normalised; a leading proclitic is ignored)."""
        toks = alias_tokens(text)
        if not toks:
            return None
        for first, _, _ in strip_variants(toks[0]):
            aid = self._keys.get(" ".join((first, *toks[1:])))
            if aid:
                return self.actors[aid]
        return None

    def match(self, norms: Sequence[str], named: set[str] | None = None) -> list[Match]:
        """Longest non-overlapping alias matches over normalised tokens, left to right.

        Context aliases are returned flagged; the caller keeps them only when their actor was also
        matched by a full alias in the same article. Given `named` (the actors so matched), a context
        alias resolves only to one of those («التحالف» is the US-led or the Saudi-led coalition, whichever
        the article names in full) and is dropped otherwise."""
        out: list[Match] = []
        n = len(norms)
        i = 0
        index = self._index
        while i < n:
            best: Match | None = None
            variants = self._starts.get(norms[i])
            if variants is None:
                variants = [v for v in strip_variants(norms[i]) if v[0] in index]
                if len(self._starts) > 200_000:
                    self._starts.clear()
                self._starts[norms[i]] = variants
            for form, strip, fused in variants:
                for toks, aid, ctx in index.get(form, ()):
                    k = len(toks)
                    if best is not None and k <= best.end - best.start:
                        break
                    if ctx and named is not None and aid not in named:
                        continue
                    if i + k <= n and all(norms[i + j] == toks[j] for j in range(1, k)):
                        best = Match(aid, i, i + k, strip, fused, ctx)
                        break
            if best is not None:
                head = next((j for j in range(1, best.end - best.start) if norms[i + j] in _TAIL_MARKERS), None)
                if head is not None:
                    best = Match(best.actor_id, i, i + head, best.strip, best.fused, best.context)
            if best is not None:
                out.append(best)
                i = best.end
            else:
                i += 1
        return out


def load(resources: Any) -> ActorRegistry:
    path = resources.path("actors.json")
    try:
        with open(path, encoding="utf-8") as fh:
            records = json.load(fh)
    except FileNotFoundError as exc:
        raise ResourceError(f"actor registry {path} is missing", "reinstall rasid", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise ResourceError(f"actor registry is not valid JSON: {exc.msg}", "fix the file or reinstall rasid",
                            path=str(path), line=exc.lineno) from exc
    return ActorRegistry(records)
