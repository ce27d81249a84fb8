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
from functools import cached_property
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
#: Tails of affiliation («الفيلق الخامس المدعوم من روسيا», «الفرقة الرابعة التابعة لماهر الأسد»): cut only
#: after a head of two words or more, since «الميليشيات الموالية لإيران» is a name only as a whole.
_WEAK_TAIL_MARKERS = frozenset({"التابع", "التابعه", "المدعوم", "المدعومه"})

#: Words that name a country of the region (name, adjective, capital), for the article's country: a context
#: alias of a national body («الجيش», «الحكومة») means that country's body. Capitals shared by two countries
#: («طرابلس») or with a common word («عمان») are left out. Normalised when the registry loads.
_COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "SY": ("سوريا", "سورية", "السوري", "السورية", "دمشق"),
    "LB": ("لبنان", "اللبناني", "اللبنانية", "بيروت"),
    "IQ": ("العراق", "العراقي", "العراقية", "بغداد"),
    "IL": ("إسرائيل", "الإسرائيلي", "الإسرائيلية"),
    "PS": ("فلسطين", "الفلسطيني", "الفلسطينية", "غزة"),
    "YE": ("اليمن", "اليمني", "اليمنية", "صنعاء"),
    "SD": ("السودان", "السوداني", "السودانية", "الخرطوم"),
    "LY": ("ليبيا", "الليبي", "الليبية"),
    "TR": ("تركيا", "التركي", "التركية", "أنقرة"),
    "JO": ("الأردن", "الأردني", "الأردنية"),
    "EG": ("مصر", "المصري", "المصرية", "القاهرة"),
    "IR": ("إيران", "الإيراني", "الإيرانية", "طهران"),
    "SA": ("السعودية", "السعودي", "الرياض"),
    "RU": ("روسيا", "الروسي", "الروسية", "موسكو"),
    "US": ("الأمريكي", "الأمريكية", "الأميركي", "الأميركية", "واشنطن"),
    "AE": ("الإمارات", "الإماراتي", "الإماراتية", "أبوظبي"),
}
#: Kinds of actor whose context aliases name a national body: they follow the article's country.
_NATIONAL_KINDS = frozenset({"state_forces", "government"})

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
    #: never an armed party, whatever its ACLED category: a body that reports, administers or aids (a health
    #: ministry, a UN agency, an NGO) is the source of «تعلن … مقتل ثلاثة في غارة», not its actor
    unarmed: bool = False


@dataclass(frozen=True)
class Match:
    """Tokens [start, end) name `actor_id`; `strip` normalised letters of the first token are a proclitic."""

    actor_id: str
    start: int
    end: int
    strip: int = 0
    fused: bool = False  # the first token is «لل…»: keep it whole in the span
    context: bool = False  # a context alias («التنظيم»): valid only if a full alias occurs in the article
    alias: tuple[str, ...] = ()  # the alias matched, normalised tokens


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

    @cached_property
    def media_ids(self) -> frozenset[str]:
        """Outlets (kind 'media'), whose short names resolve only in media contexts (rasid.stages.entities)."""
        return frozenset(a.id for a in self.actors.values() if a.kind == "media")

    def __init__(self, records: Iterable[Mapping[str, Any]]) -> None:
        records = list(records)
        self.actors: dict[str, Actor] = {}
        self.aliases_en: dict[str, tuple[str, ...]] = {}
        # first alias token -> [(alias tokens, actor id, is context alias)], longest alias first
        self._index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self._keys: dict[str, str] = {}  # normalised full alias -> actor id (first one wins)
        self.conflicts: list[tuple[str, str, str]] = []  # (alias, kept actor, dropped actor)
        # strip_variants per token, kept only for tokens that can start an alias (a cache, bounded below)
        self._starts: dict[str, tuple[tuple[str, int, bool], ...]] = {}  # tuples: untracked by the gc
        self._country_of = {normalize(w): c for c, ws in _COUNTRY_WORDS.items() for w in ws}
        self._country_cache: dict[str, str | None] = {}
        # context alias -> countries of the national bodies it may name («الجيش»: SY, LB, IQ …)
        self._alias_countries: dict[tuple[str, ...], set[str]] = {}
        for r in records:
            if r.get("kind") in _NATIONAL_KINDS and r.get("country"):
                for alias in r.get("context_aliases_ar") or ():
                    self._alias_countries.setdefault(alias_tokens(alias), set()).add(str(r["country"]))
        for r in records:
            aid = str(r["id"])
            self.actors[aid] = Actor(aid, str(r.get("canonical") or aid), r.get("acled_category"), r.get("kind"),
                                     r.get("country"), r.get("parent"), r.get("source_type"),
                                     bool(r.get("unarmed", False)))
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

    @cached_property
    def _children(self) -> dict[str, frozenset[str]]:
        kids: dict[str, set[str]] = {}
        for a in self.actors.values():
            if a.parent and a.kind not in _NATIONAL_KINDS:
                kids.setdefault(a.parent, set()).add(a.id)
        return {p: frozenset(k) for p, k in kids.items()}

    def children(self, ids: set[str]) -> set[str]:
        """The actors whose `parent` is one of `ids`, national bodies left out: their context aliases («وزارة
        الدفاع», «الجيش») go by the article's country instead (`countries`), not by a named parent."""
        return {k for i in ids for k in self._children.get(i, ())}

    def _score(self, actor_id: str, prefer: Mapping[str, int] | None) -> int:
        a = self.actors.get(actor_id)
        return prefer.get(a.country, 0) if prefer and a is not None and a.country else 0

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

    def countries(self, norms: Sequence[str], matches: Iterable[Match]) -> dict[str, int]:
        """How often each country is named in the article: its name, adjective or capital, and full-alias
        mentions of its actors («لبنان», «اللبنانية», «بيروت», «الجيش اللبناني» all count for LB)."""
        out: dict[str, int] = {}
        cache = self._country_cache
        for w in norms:
            c = cache.get(w, "?")
            if c == "?":
                c = next((self._country_of[f] for f, _, _ in strip_variants(w) if f in self._country_of), None)
                if len(cache) > 200_000:
                    cache.clear()
                cache[w] = c
            if c is not None:
                out[c] = out.get(c, 0) + 1
        for m in matches:
            a = self.actors.get(m.actor_id)
            if not m.context and a is not None and a.country:
                out[a.country] = out.get(a.country, 0) + 1
        return out

    def off_country(self, m: Match, countries: Mapping[str, int]) -> bool:
        """A context alias of a national body («الجيش» → the Syrian army) in an article that names another
        country at least twice as often, when that country has a body of its own the alias may name (the
        Lebanese army): the alias most likely means that one, which the article did not name in full."""
        a = self.actors.get(m.actor_id)
        if a is None or a.kind not in _NATIONAL_KINDS or not a.country or not countries:
            return False
        top, c = max((n, c) for c, n in countries.items())
        return (top >= 2 and c != a.country and countries.get(a.country, 0) * 2 < top
                and c in self._alias_countries.get(m.alias, ()))

    def match(self, norms: Sequence[str], named: set[str] | None = None,
              prefer: Mapping[str, int] | None = None) -> list[Match]:
        """Longest non-overlapping alias matches over normalised tokens, left to right.

        Context aliases are returned flagged; the caller keeps them only when their actor was also
        matched by a full alias in the same article. Given `named` (the actors so matched), a context
        alias resolves only to one of those («التحالف» is the US-led or the Saudi-led coalition, whichever
        the article names in full) and is dropped otherwise. When several named actors share it («الجيش»
        of the Lebanese and the Syrian army), `prefer` (country → mentions, from `countries`) picks the
        one of the article's main country."""
        out: list[Match] = []
        n = len(norms)
        i = 0
        index = self._index
        while i < n:
            best: Match | None = None
            variants = self._starts.get(norms[i])
            if variants is None:
                variants = tuple([v for v in strip_variants(norms[i]) if v[0] in index])
                if len(self._starts) > 200_000:
                    self._starts.clear()
                self._starts[norms[i]] = variants
            for form, strip, fused in variants:
                for toks, aid, ctx in index.get(form, ()):
                    k = len(toks)
                    if best is not None and k < best.end - best.start:
                        break
                    if ctx and named is not None and aid not in named:
                        continue
                    if i + k <= n and all(norms[i + j] == toks[j] for j in range(1, k)):
                        m = Match(aid, i, i + k, strip, fused, ctx, toks)
                        if best is None or k > best.end - best.start:
                            best = m
                        elif best.context and (not ctx or self._score(aid, prefer) > self._score(best.actor_id,
                                                                                                 prefer)):
                            best = m  # same length: a full alias, or the article's country, wins
            if best is not None:
                head = next((j for j in range(1, best.end - best.start) if norms[i + j] in _TAIL_MARKERS
                             or (j >= 2 and norms[i + j] in _WEAK_TAIL_MARKERS)), None)
                if head is not None:
                    best = Match(best.actor_id, i, i + head, best.strip, best.fused, best.context, best.alias)
            if best is not None:
                out.append(best)
                i = best.end
            else:
                i += 1
        return out


def read_json(path: Any, what: str) -> Any:
    """A shipped JSON data file, with a readable error naming `what` it is when it is missing or broken."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError as exc:
        raise ResourceError(f"{what} {path} is missing", "reinstall rasid", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{what} is not valid JSON: {exc.msg}", "fix the file or reinstall rasid",
                            path=str(path), line=exc.lineno) from exc


def load(resources: Any) -> ActorRegistry:
    return ActorRegistry(read_json(resources.path("actors.json"), "actor registry"))
