"""Find place names in a normalised text: longest match over gazetteer keys, clitic- and «ال»-tolerant,
with the cue words around each name (kind, outskirts, compass direction) read from `place_cues.json`.

Works on the normalised view of the document (`rasid.text.normalize_with_offsets`); spans are returned
in normalised offsets and mapped back by the caller.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasid.gazetteer.index import Gazetteer
from rasid.gazetteer.model import name_key
from rasid.text import Normalized, match_key

_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\w]+")
_OR_WA_FA = ("و", "ف")
_PREP = ("ب", "ل")  # not ك «like»: «كنيس» is a synagogue, not ك + Nice, and «كدمشق» is rare
#: Short words that scraped news often glues to the word before it («الملاجةفي», «واشنطنمن»).
GLUE_WORDS = frozenset({"في", "من", "علي", "الي", "عن", "بعد", "منذ", "قبل", "حيث", "التي", "الذي", "اثر"})
#: How suffixes begin («مجزرتان» is a dual, not «مجزر» + «تان»; «الإسرائيليعبر» is «الإسرائيلي» + «عبر»):
#: a glued word is not taken to start so.
_SUFFIX_STARTS = ("تان", "تين", "ات", "ان", "ون", "ين", "ي", "ها", "هم", "كم", "نا", "وا", "ته", "تي")
_TANWEEN = "\u064b\u064c\u064d"
#: What may stand between an outlet word and the name: spaces and quotes («من طراز "بركان"»).
_QUOTES_GAP = re.compile(r"[\s\"'«»“”]+")
_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")


@dataclass(frozen=True)
class Cues:
    """The cue tables of `place_cues.json`, with multi-word cues split for matching."""

    kinds: dict[str, str]
    near: frozenset[str]
    connectors: frozenset[str]
    directions: dict[str, float]
    direction_adjectives: dict[str, float]
    direction_km: dict[str, float]
    guard_base: float = 3.0
    guard_per_log10: float = 0.4
    guard_min_letters: int = 3
    longest: int = field(default=2)
    guard_base_world: float = 2.3
    guard_per_log10_world: float = 0.3
    guard_capital_bonus: float = 1.0
    guard_unknown_population: int = 100
    guard_very_common: float = 5.0
    unknown_name_cues: frozenset[str] = frozenset()
    guard_cued_bare: float = 4.0
    guard_cued_definite: float = 5.0
    guard_exempt_population: int = 1000000
    guard_nisba_penalty: float = 1.0
    guard_preposition_bonus: float = 0.7
    region: frozenset[str] = frozenset()
    outlets: frozenset[str] = frozenset()  # «مراسل», «صحيفة»: the name after them is a media outlet
    containers: frozenset[str] = frozenset()  # «جنوب», «بريف», «في»: between a name and the area holding it
    occupied_before: frozenset[str] = frozenset()  # «مستوطنة X»
    occupied_after: frozenset[str] = frozenset()  # «X المحتلة»
    occupied_countries: frozenset[str] = frozenset()
    plural_kinds: frozenset[str] = frozenset()  # «قرى», «بلدات»: settlements *of* the name that follows
    guard_bare_quarter: float = 3.5  # a quarter named by a word this common needs its cue («حي الرمال»)
    # phrases whose words name no place («البحر الأبيض المتوسط», «القارة الأفريقية»), by first word
    not_places: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    nationality: dict[str, str] = field(default_factory=dict)  # «الأردنية» -> JO (normalised)
    # «شرقي بلدة X»: how far from a settlement its side lies, by the settlement's population (largest first)
    direction_km_population: tuple[tuple[int, float], ...] = ()

    @functools.cached_property
    def not_place_ends(self) -> tuple[str, ...]:
        """The first words of `not_places`, for a quick `str.endswith` test (a proclitic only prefixes them);
        the «ال» forms are also tried without it («للقارة» ends in «قاره»)."""
        return tuple({w.removeprefix("ال") for w in self.not_places})

    @classmethod
    def from_config(cls, cfg: dict[str, Any], region: frozenset[str] = frozenset()) -> Cues:
        g = cfg.get("frequency_guard", {})
        occ = cfg.get("occupied_words", {})
        kinds = {name_key(k): v for k, v in cfg.get("kinds", {}).items()}
        near = frozenset(name_key(k) for k in cfg.get("near", []))
        dirs = {name_key(k): float(v) for k, v in cfg.get("directions", {}).items()}
        adjs = {name_key(k): float(v) for k, v in cfg.get("direction_adjectives", {}).items()}
        longest = max(len(k.split()) for k in [*kinds, *near, *dirs, *adjs, "x"])
        return cls(kinds, near, frozenset(name_key(k) for k in cfg.get("connectors", [])), dirs, adjs,
                   {k: float(v) for k, v in cfg.get("direction_km", {}).items()},
                   float(g.get("base", 3.0)), float(g.get("per_log10_population", 0.4)),
                   int(g.get("min_letters", 3)), longest, float(g.get("base_world", 2.3)), float(g.get("per_log10_population_world", 0.3)),
                   float(g.get("capital_bonus", 1.0)), int(g.get("unknown_population", 100)),
                   float(g.get("very_common", 5.0)),
                   frozenset(match_key(k) for k in cfg.get("unknown_name_cues", [])), float(g.get("cued_bare", 4.0)),
                   float(g.get("cued_definite", 5.0)),
                   int(g.get("exempt_population", 1000000)), float(g.get("nisba_penalty", 1.0)),
                   float(g.get("preposition_bonus", 0.7)), region,
                   frozenset(name_key(k) for k in cfg.get("outlets", [])),
                   frozenset(match_key(k) for k in cfg.get("container_words", [])),
                   frozenset(match_key(k) for k in occ.get("before", [])),
                   frozenset(match_key(k) for k in occ.get("after", [])),
                   frozenset(occ.get("countries", [])),
                   frozenset(name_key(k) for k in cfg.get("plural_kinds", [])),
                   float(g.get("bare_quarter", 3.5)),
                   _by_first(match_key(k).split() for k in cfg.get("not_places", [])),
                   {match_key(k): v for k, v in cfg.get("nationality_adjectives", {}).items()},
                   tuple(sorted(((int(p), float(d)) for p, d in cfg.get("direction_km_by_population", [])),
                                reverse=True)))


@dataclass
class Mention:
    """A gazetteer name found in the text, with the cues around it (offsets in the normalised text)."""

    start: int  # the name, without a proclitic («وإدلب» -> «إدلب»)
    end: int
    key: str
    kind: str | None = None  # from a cue word before the name («بلدة», «مخيم»)
    near: bool = False  # «أطراف», «محيط» … before it
    bearing: float | None = None  # a compass word before it («جنوب دمشق») or after a region («… الغربي»)
    outer_start: int | None = None  # where the phrase starts when a direction word is part of it
    outer_end: int | None = None
    countryside: bool = False  # «ريف» before the name
    cued: bool = False  # some cue word announced it
    plural: bool = False  # the kind cue is plural («قرى لبنان»): places inside the name, not the name itself

    @property
    def span(self) -> tuple[int, int]:
        return (self.outer_start if self.outer_start is not None else self.start,
                self.outer_end if self.outer_end is not None else self.end)


def _strip_al(w: str) -> str:
    return " ".join(x[2:] if x.startswith("ال") and len(x) > 3 else x for x in w.split())


@functools.lru_cache(maxsize=1 << 16)
def clitic_variants(tok: str) -> tuple[tuple[str, int], ...]:
    """Forms of a first word with its proclitics peeled off: (key form, letters dropped), least first.
    Memoised (a pure function of the word): the places stage asks for every word of an article, often twice."""
    return _clitic_variants(tok)


def _clitic_variants(tok: str) -> tuple[tuple[str, int], ...]:
    out = [(tok, 0)]
    stems = [(tok, 0)]
    if tok[:1] in _OR_WA_FA and len(tok) > 3:
        stems.append((tok[1:], 1))
        out.append((tok[1:], 1))
    for s, n in list(stems):
        if s.startswith("لل") and len(s) > 4:
            out.append(("ال" + s[2:], n + 1))  # «للرقة» = ل + الرقة
        elif s[:1] in _PREP and len(s) > 3:
            out.append((s[1:], n + 1))
    # «ريفي حلب وإدلب»: the dual «ريفي» (the two countrysides) names the countryside like «ريف»
    out.extend([("ريف", n) for f, n in out if f == "ريفي"])
    return tuple([(_strip_al(f), n) for f, n in out])


def _by_first(phrases: Iterable[list[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        if words:
            out.setdefault(words[0], []).append(tuple(words))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _not_place(words: list[tuple[int, int, str]], i: int, cues: Cues) -> int:
    """How many words from i make a phrase that names no place (0 if none)."""
    word = words[i][2]
    if not word.endswith(cues.not_place_ends):  # one C call for the common case: no phrase starts here
        return 0
    for first in _first_forms(word):
        for phrase in cues.not_places.get(first, ()):
            if i + len(phrase) <= len(words) and all(words[i + k][2] == w for k, w in enumerate(phrase[1:], 1)):
                return len(phrase)
    return 0


def _first_forms(word: str) -> tuple[str, ...]:
    """The first word of a phrase may carry proclitics: «بالبحر» -> «البحر», «وبدخل» -> «دخل». Not
    `clitic_variants`, which drops the article too: «البركان» (the volcano) names no place, «بركان» (Berkane)
    does, so the phrases keep their «ال»."""
    forms = [word]
    for pre in ("وبال", "بال", "وال", "فال", "كال"):
        if word.startswith(pre) and len(word) > len(pre) + 1:
            forms.append("ال" + word[len(pre):])
    if word.startswith("لل") and len(word) > 3:
        forms.append("ال" + word[2:])
    for pre in ("وب", "ول", "فب", "و", "ب", "ل", "ف", "ك"):
        if word.startswith(pre) and len(word) > len(pre) + 2:
            forms.append(word[len(pre):])
    return tuple(dict.fromkeys(forms))


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _joined(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two words belong to one name only when nothing but spaces separates them."""
    return text[a[1]:b[0]].isspace()


def find_mentions(text: str, gaz: Gazetteer, cues: Cues, original: Normalized | None = None) -> list[Mention]:
    """Every longest name match in `text` (normalised), left to right, with its cues. Give `original`
    (the offset map of `text`) so that the common-word guard can read words as written, hamzas and all
    («بأنه» is a common word, «بانه» a town in Iran)."""
    words = _words(text)
    n = len(words)
    out: list[Mention] = []
    i = 0
    starts = gaz.starts
    floor = 0  # cue words are looked for only after the previous name («ريف إدلب الجنوبي وبلدة …»)
    while i < n:
        skip = _not_place(words, i, cues) if cues.not_places else 0
        best: tuple[int, int, str] | None = None  # (words, letters dropped, key)
        tok = words[i][2]
        forms = starts.get(tok)
        if forms is None:
            forms = tuple([(f, d) for f, d in clitic_variants(tok) if f in gaz.first])
            if len(starts) < 200000:
                starts[tok] = forms
        for form, dropped in forms:
            most = gaz.first[form]
            parts = [form]
            length = 1
            candidates = []
            if form in gaz.keys:
                candidates.append((1, form))
            while length < most and i + length < n and _joined(text, words[i + length - 1], words[i + length]):
                parts.append(_strip_al(words[i + length][2]))
                length += 1
                key = " ".join(parts)
                if key in gaz.keys:
                    candidates.append((length, key))
            if candidates:
                length, key = candidates[-1]
                if best is None or length > best[0]:
                    best = (length, dropped, key)
        if skip and (best is None or best[0] <= skip):
            i += skip  # «البحر الأبيض المتوسط»; a longer name still wins («شبه جزيرة القرم»)
            continue
        if best is None:
            k = _glued(tok, gaz) if not forms else 0
            if k:  # «الملاجةفي»: a name and a word written without the space; read them as two words
                a, b, _ = words[i]
                words[i:i + 1] = [(a, a + k, tok[:k]), (a + k, b, tok[k:])]
                n += 1
                continue
            i += 1
            continue
        length, dropped, key = best
        if length > 1 and _cue_led_alias(key, gaz, cues):
            i += 1  # «مدينة زنجبار»: read «مدينة» as the cue it is, so every «زنجبار» is a candidate
            continue
        m = Mention(words[i][0] + dropped, words[i + length - 1][1], key)
        _cues_before(text, words, i, m, cues, floor)
        _adjective_after(text, words, i + length, m, cues)
        prev = words[i - 1][2] if i > 0 and text[words[i - 1][1]:words[i][0]].isspace() else ""
        token = words[i][2] if length == 1 else ""
        if original is not None and token:
            a, b = original.to_original(words[i][0], words[i][1])
            token = with_marks(original.original, a, b)
        quoted = words[i - 1][2] if i > 0 and _QUOTES_GAP.fullmatch(text[words[i - 1][1]:words[i][0]]) else ""
        if (m.kind is None and not m.near and after_outlet(quoted, cues)
                and not any(e.feature == "country" for e in gaz.by_key(key))):  # «مندوب روسيا» is Russia
            pass  # «مراسل الميادين», «صحيفة الرياض»: the channel or the paper, not the town
        elif passes_guard(m, gaz, cues, token, prev, dropped):
            out.append(m)
            floor = i + length
        i += length
    return out


def _cue_led_alias(key: str, gaz: Gazetteer, cues: Cues) -> bool:
    """Is `key` a cue word plus a name whose own entries include every entry of the whole and more («مدينة
    زنجبار» is an alternate name of Zanzibar City only, while «زنجبار» is also Zinjibar in Yemen)? Not «مدينة
    الصدر» (Sadr City is no entry of «الصدر») nor «مخيم نور شمس» (no namesake: the camp keeps its full name)."""
    head, _, rest = key.partition(" ")
    if head not in cues.kinds or not rest or rest not in gaz.keys:
        return False
    whole = {e.id for e in gaz.lookup(key)}
    if any(i.startswith("rasid:") for i in whole):
        return False  # a curated name keeps its cue word («حي الزيتون»): the curator wrote it so
    return whole < {e.id for e in gaz.lookup(rest)}  # the bare name has namesakes the whole would hide


def after_outlet(prev: str, cues: Cues) -> bool:
    """«مراسل الميادين», «صحيفة الرياض», «من طراز بركان»: the word before makes the name an outlet or a model."""
    return bool(prev) and any(f in cues.outlets for f, _ in clitic_variants(prev))


def with_marks(text: str, start: int, end: int) -> str:
    """The written word at [start, end) with the diacritics that follow it («جوياً»: the tanween)."""
    while end < len(text) and _DIACRITICS.match(text[end]):
        end += 1
    return text[start:end]


def _glued(tok: str, gaz: Gazetteer) -> int:
    """Where a token that is no word splits into a place name and a word glued to it by a missing space
    («الملاجهفي» -> «الملاجه» + «في», «واشنطنبسحب» -> «واشنطن» + «بسحب»); 0 when it does not."""
    if len(tok) < 6:
        return 0
    cache = gaz.glued
    if tok in cache:
        return cache[tok]
    k_found = 0
    for k in range(len(tok) - 2, 3, -1):
        head, tail = tok[:k], tok[k:]
        # the head as written (its «ال» optional), no proclitic peeled: «وسيتوالى» is و + سيتوالى, not «سيتو»
        if not any(f in gaz.keys and len(f) >= 4 for f, d in clitic_variants(head) if d == 0):
            continue
        # the rest must be a word on its own: a glue word, or a common word of three letters or more
        if tail in GLUE_WORDS or (len(tail) >= 4 and not tail.startswith(_SUFFIX_STARTS) and gaz.zipf_of(tail) >= 3.5):
            if gaz.zipf_of(tok) < 1.5:  # and the whole token must not be a word itself
                k_found = k
            break
    if len(cache) < 200000:
        cache[tok] = k_found
    return k_found


def _cues_before(text: str, words: list[tuple[int, int, str]], i: int, m: Mention, cues: Cues,
                 floor: int = 0) -> None:
    """Walk back over cue words («أطراف بلدة», «جنوب», «في ريف») before the name at word i."""
    j = i
    steps = 0
    while j > floor and steps < 4:
        found = False
        for size in range(min(cues.longest, j - floor), 0, -1):
            chunk = words[j - size:j]
            if not all(_joined(text, a, b) for a, b in zip(chunk, [*chunk[1:], words[j]], strict=True)):
                continue
            for form, dropped in clitic_variants(chunk[0][2]):
                phrase = " ".join([form, *(_strip_al(w[2]) for w in chunk[1:])])
                if phrase in cues.kinds:
                    if j == i and size == 1 and _definite(chunk[0][2]) and phrase != "عاصمه" and _definite(words[i][2]):
                        break  # «القرية الخضراء», «البلدة القديمة»: a definite noun and its adjective, not a cue
                    kind = cues.kinds[phrase]
                    if kind == "region" and phrase in ("ريف", "ريفي") and j == i:
                        m.countryside = True  # «ريف انخل»: the phrase names the countryside, not the town
                        m.outer_start = chunk[0][0] + (len(chunk[0][2]) - len(form) if form != chunk[0][2] else 0)
                    if m.kind is None:
                        m.plural = phrase in cues.plural_kinds
                    m.kind = m.kind or kind
                elif phrase in cues.near:
                    m.near = True
                elif phrase in cues.directions and m.bearing is None and (
                        not _definite(chunk[0][2]) or _after_countryside(text, words, j - size)
                        or _of_follows(words[j][2])):
                    # A compass word that governs a name is not definite («شرق دمشق»): «ريف دير الزور الشرقي
                    # وقاعدة …» has the adjective of the name before; «الريف الشرقي لدير الزور» is the countryside
                    # and «الجنوب الشرقي لمدينة X» the side of X
                    m.bearing = cues.directions[phrase]
                    # the phrase starts after a proclitic («وجنوب»), but keeps its article («الجنوب الشرقي لـ…»)
                    lead = chunk[0][2][:dropped]
                    m.outer_start = chunk[0][0] + (dropped - 2 if lead.endswith("ال") else dropped)
                    if _definite(chunk[0][2]) and _after_countryside(text, words, j - size):
                        m.countryside = True
                        m.outer_start = words[j - size - 1][0]
                elif phrase in cues.connectors and steps > 0:
                    pass  # «بالقرب من», «أطراف من»: keep walking
                else:
                    continue
                found = True
                break
            if found:
                j -= size
                break
        if not found:
            break
        steps += 1
    m.cued = steps > 0  # (a bare compass word or connector does not vouch for a common word)


def _adjective_after(text: str, words: list[tuple[int, int, str]], k: int, m: Mention, cues: Cues) -> None:
    """«ريف حماة الغربي» when the whole phrase is no gazetteer name: the western part of that countryside."""
    if not (m.countryside or m.key.startswith("ريف ")) or k >= len(words) or m.bearing is not None:
        return
    for size in (2, 1):
        chunk = words[k:k + size]
        if len(chunk) < size or not all(_joined(text, a, b) for a, b in zip(
                [words[k - 1], *chunk[:-1]], chunk, strict=True)):
            continue
        phrase = " ".join(_strip_al(w[2]) for w in chunk)
        if phrase in cues.direction_adjectives:
            m.bearing = cues.direction_adjectives[phrase]
            m.outer_end = chunk[-1][1]
            return


def passes_guard(m: Mention, gaz: Gazetteer, cues: Cues, token: str, prev: str, dropped: int) -> bool:
    """A one-word name that is a common word («السلطات», «عين», «الكردي») needs a cue word before it,
    unless the place is big enough to be talked of that often."""
    if m.key in cues.kinds or m.key in cues.near or m.key in cues.directions or m.key in cues.connectors:
        return False  # «بلدة», «محيط» are villages somewhere too, but here they announce a place
    if token and any(c in _TANWEEN for c in token):
        return False  # «جوياً» (aerial), «عدواناً»: a word with tanween is an indefinite noun, never a name
    token = _DIACRITICS.sub("", token)
    if dropped and token and gaz.zipf_of(token) >= 2.0 and gaz.zipf_of(token) > gaz.zipf_of(token[dropped:]):
        return False  # «قرب وزارة» is near a ministry, not near و + «زارة»: a common word is never split, cue or not
    if m.kind is not None or m.near:
        if " " in m.key or not token:
            return True
        # «بلدة صغيرة», «قرية أخرى»: after a cue, a common word without «ال» is an adjective — unless
        # the place is big enough to pass the guard without a cue («بلدة درعا»)
        z = gaz.zipf_of(token[dropped:])
        if z < (cues.guard_cued_definite if _starts_with_al(token[dropped:]) else cues.guard_cued_bare):
            return True
    elif " " in m.key:
        return True
    if len(m.key) < cues.guard_min_letters:
        return False
    entries = gaz.by_key(m.key)
    if token and entries and all(e.feature == "country" for e in entries):
        # a country is written with its article or without it, never the other way round: «الدعم المالي»
        # (financial) is not Mali, «أن يمنّ الله عليهم» (bestow) not Yemen («اليمن»)
        stem_al = _starts_with_al(token[dropped:]) or "لل" in token[:dropped + 1]  # «للنيجر» = لـ + النيجر
        if not any(_starts_with_al(n) == stem_al for e in entries for n in e.names if " " not in n.strip()):
            return False
    if any(e.feature in ("country", "admin1") for e in entries):
        return True
    stem = token[dropped:] if token else ""
    # names compared without spaces: «كفركلا» is indexed for the name «كفر كلا»
    if stem and not _starts_with_al(stem) and not any(
            not _starts_with_al(n) for e in entries for n in e.names
            if name_key(n).replace(" ", "") == m.key.replace(" ", "")):
        return False  # the place is always «الضاحية»; a bare «ضاحية» is the common noun
    import math

    if stem.endswith("ه") and gaz.zipf_of(stem) >= 3.0 and all(
            n.endswith("ة") for e in entries for n in e.names if " " not in n.strip()):
        return False  # «مقتله» (his killing) is not the village «مقتلة»: normalising ة/ه merged them
    z_token = gaz.zipf_of(token) if token else 0.0
    z_stem = gaz.zipf_of(stem) if stem and stem != token else z_token
    if dropped and z_token >= 2.0 and z_token > z_stem:
        return False  # «كنيس» is a word, not ك + «نيس»; «بدوره» is not ب + «دوره»
    z = max(gaz.zipf.get(m.key, 0.0), z_token, z_stem)
    if z < 2.0:
        return True
    best = 0.0
    after_preposition = prev in cues.connectors or (dropped > 0 and "ب" in token[:dropped])
    cued = m.kind is not None or m.near
    for e in entries:
        if e.feature == "neighbourhood" and not cued and z >= cues.guard_bare_quarter:
            continue  # «مستلقين على الرمال» (on the sand) is no quarter of Gaza; «حي الرمال» is
        # GeoNames and OCHA give 0 for "unknown": treat a place as at least a small village
        pop = max(e.population, cues.guard_unknown_population)
        if z > cues.guard_very_common and not (
                e.population >= 1000000 or e.id in gaz.capitals or e.source == "rasid"
                or (after_preposition and e.population >= 300000 and e.country in cues.region)):
            continue  # «عين», «صور»: words this common name a place only when it is a metropolis
        if e.country in cues.region:  # an Arab country: Arabic names are native and news names big towns often
            allowed = cues.guard_base + cues.guard_per_log10 * math.log10(pop + 1)
            if after_preposition:
                allowed += cues.guard_preposition_bonus  # «في دوما», «بدوما»: a preposition expects a place
        else:  # a foreign place: its Arabic name is a transliteration, and «المشهد», «الميدان» are words
            allowed = cues.guard_base_world + cues.guard_per_log10_world * math.log10(pop + 1)
            if e.id in gaz.capitals or pop >= 5000000:
                allowed += cues.guard_capital_bonus
            if after_preposition:
                allowed += cues.guard_preposition_bonus  # «إلى جنيف»: a preposition expects a place here too
            if stem and _starts_with_al(stem):
                allowed -= cues.guard_nisba_penalty
        if e.source == "rasid":
            allowed += 1.0
        best = max(best, allowed)
    if m.key.endswith(("ي", "يه")):
        best -= cues.guard_nisba_penalty  # «الروسي», «الإسلامية»: adjectives look like nisba place names
    return z <= best


def _after_countryside(text: str, words: list[tuple[int, int, str]], k: int) -> bool:
    """Whether word k follows «الريف»/«ريف» («الريف الشرقي لدير الزور»)."""
    return k > 0 and _joined(text, words[k - 1], words[k]) and match_key(words[k - 1][2]) in (
        "الريف", "ريف", "والريف", "بالريف", "فالريف")


def _of_follows(word: str) -> bool:
    """«الجنوب الشرقي لمدينة الشدادي», «الشمال الغربي للقطاع»: «ل» after a definite compass word makes it
    the side of what follows."""
    return word[:1] == "ل" and len(word) > 2


def _definite(word: str) -> bool:
    """«الشرقي», «والشرقي», «بالشرقي»: the word carries «ال» (after at most one proclitic)."""
    return word.startswith("ال") or (word[:1] in "وفبل" and word[1:3] == "ال")


def _starts_with_al(word: str) -> bool:
    w = match_key(word)
    return w.startswith("ال") and len(w) > 3
