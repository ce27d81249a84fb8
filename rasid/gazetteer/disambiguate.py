"""Choose among places that share a name.

Evidence, strongest first: a place named nearby in the text that contains or neighbours a candidate
(«انخل في ريف درعا»: Inkhil of Daraa), the other places of the article (a candidate close to them),
the countries the article is about, the cue word's kind («بلدة» -> a town), then size and source.
Scores are additive and the margin between the best two gives `confidence`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.gazetteer.model import SOURCE_RANK, Entry

FEATURE_PRIOR = {"country": 3.0, "city": 2.0, "admin1": 1.2, "region": 1.5, "admin2": 1.0, "camp": 1.5,
                 "facility": 1.5, "neighbourhood": 1.2, "crossing": 1.5, "checkpoint": 1.2, "town": 1.0,
                 "village": 0.5}
#: Cue kinds and the features they agree with.
KIND_FITS = {"city": {"city", "town", "admin2"}, "town": {"town", "village", "city"},
             "village": {"village", "town"}, "admin1": {"admin1"}, "admin2": {"admin2", "town", "city"},
             "region": {"region", "admin1", "admin2"}, "neighbourhood": {"neighbourhood", "town", "village"},
             "camp": {"camp"}, "facility": {"facility"}, "checkpoint": {"checkpoint", "facility"},
             "crossing": {"crossing"}}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Slot:
    """One mention to resolve: its candidates, cue kind and position (for 'named nearby')."""

    key: str
    candidates: list[Entry]
    kind: str | None
    start: int
    name_kind: str | None = None  # a kind word inside the name itself («مخيم اليرموك»)
    parent: int | None = None  # the slot of an area named as its container («أريحا جنوب إدلب», «X بريف Y»)
    within: bool = False  # the container is said to hold it («X في Y», «X بريف Y»), not only to lie near it
    prefer: frozenset[str] = frozenset()  # countries the words around it point to («المالكية المحتلة»)
    choice: int = 0
    confidence: float = 0.0


def merge_duplicates(cands: Sequence[Entry]) -> list[Entry]:
    """Candidates within 5 km in one country are one place in two sources: keep the better-sourced
    record (curated > imported > GeoNames) and carry over the larger population."""
    ranked = sorted(cands, key=lambda e: -SOURCE_RANK.get(e.source, 0))
    kept: list[Entry] = []
    for e in ranked:
        twin = next((k for k in kept if k.lat is not None and e.lat is not None and k.lon is not None
                     and e.lon is not None and k.country == e.country and k.feature != "country"
                     and e.feature != "country" and km(k.lat, k.lon, e.lat, e.lon) < 5), None)
        if twin is None:
            kept.append(e)
        elif e.population > twin.population:
            kept[kept.index(twin)] = twin._replace(population=e.population)
    return kept


def prior(e: Entry, kind: str | None, region: frozenset[str]) -> float:
    s = FEATURE_PRIOR.get(e.feature, 0.8) + 0.45 * math.log10(e.population + 1) + 0.3 * SOURCE_RANK.get(e.source, 0)
    if kind and e.feature in KIND_FITS.get(kind, {kind}):
        s += 3.0
    if e.country in region:
        s += 0.5  # rasid reads news about this region: an ambiguous name is more likely here
    return s


def resolve(slots: list[Slot], region: frozenset[str], rounds: int = 2) -> None:
    """Set `choice` and `confidence` on every slot, using the other slots as context."""
    base = [[prior(e, s.kind or s.name_kind, region) for e in s.candidates] for s in slots]
    for s, b in zip(slots, base, strict=True):
        s.choice = max(range(len(b)), key=b.__getitem__)
    for _ in range(rounds):
        countries = _countries(slots)
        for si, s in enumerate(slots):
            if len(s.candidates) == 1:
                s.confidence = _single_confidence(s.candidates[0])
                continue
            scores = [base[si][ci] + _context(e, si, s, slots, countries) for ci, e in enumerate(s.candidates)]
            order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
            s.choice = order[0]
            margin = scores[order[0]] - scores[order[1]]
            s.confidence = round(0.5 + 0.45 * math.tanh(margin / 2), 3)


def _single_confidence(e: Entry) -> float:
    return 0.95 if e.source in ("rasid", "ocha", "country") else 0.9


def _countries(slots: list[Slot]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in slots:
        c = s.candidates[s.choice].country
        if c:
            out[c] = out.get(c, 0) + 1
    return out


#: What naming a container is worth: more than size and cue kind together, since the writer has said
#: which of the namesakes is meant («مدينة أريحا جنوب إدلب» is Ariha of Idlib, not the larger Jericho).
PARENT_GAIN = 6.0
#: «المحتلة», «مستوطنة»: the namesake in the country these words point to.
PREFER_GAIN = 3.0


def inside(e: Entry, parent: Entry, reach_km: float = 60.0) -> bool:
    """Whether `e` lies in the area `parent` names: the same country for a country, the same admin1 for an
    admin area, else within `reach_km` (or the parent's own radius) of its point."""
    if parent.feature == "country":
        return e.country == parent.country
    if e.country and parent.country and e.country != parent.country:
        return False
    if parent.feature in ("admin1", "admin2", "region") and parent.admin1 and e.admin1:
        if e.admin1 == parent.admin1:
            return True
        if parent.feature == "admin1":
            return False
    if e.lat is None or e.lon is None or parent.lat is None or parent.lon is None:
        return False
    return km(e.lat, e.lon, parent.lat, parent.lon) <= max(reach_km, parent.radius_km * 1.2)


def _context(e: Entry, si: int, s: Slot, slots: list[Slot], countries: dict[str, int]) -> float:
    score = 0.0
    if s.parent is not None:
        p = slots[s.parent]
        if inside(e, p.candidates[p.choice]):
            score += PARENT_GAIN
    if e.country in s.prefer:
        score += PREFER_GAIN
    # the article's countries, not counting this mention itself
    own = s.candidates[s.choice].country
    n = countries.get(e.country or "", 0) - (1 if own == e.country else 0)
    if n > 0:
        score += 1.5 + 0.3 * min(n, 5)
    if e.lat is None or e.lon is None:
        return score
    best = 0.0
    for oi, o in enumerate(slots):
        if oi == si or o.key == s.key:
            continue
        c = o.candidates[o.choice]
        if c.lat is None or c.lon is None or c.feature == "country":
            continue
        d = km(e.lat, e.lon, c.lat, c.lon)
        reach = max(25.0, c.radius_km * 1.3, e.radius_km * 1.3)
        if d <= reach:
            gain = 2.5
            if c.feature in ("admin1", "admin2", "region") and abs(o.start - s.start) < 120:
                gain += 2.0  # «انخل في ريف درعا»: a containing area named right beside it
            best = max(best, gain)
        elif d <= 100:
            best = max(best, 1.0)
    return score + best


#: How far from the centre of the town named with it a quarter may lie: big cities' quarters reach about
#: 10 km out (Damascus's Yarmouk 8 km, Aleppo's outer districts 9 km).
QUARTER_KM = 12.0
_SETTLEMENTS = frozenset({"city", "town", "village"})

#: Cue kinds that name a part of a town or a site in it.
LOCAL_KINDS = frozenset({"neighbourhood", "camp", "checkpoint", "facility"})
_AREAS = frozenset({"country", "admin1", "admin2", "region"})
_SITES = frozenset({"facility", "checkpoint", "crossing", "camp"})


#: Countries whose places interleave so that news about one names places of the other (GeoNames files
#: Jerusalem under IL; «الضفة الغربية والقدس» backs it; «إيلات ... داخل الأراضي الفلسطينية المحتلة»).
SHARED_GROUND = {"PS": "IL", "IL": "PS"}


def same_ground(a: str | None, b: str | None) -> bool:
    """The same country, or two whose places interleave (`SHARED_GROUND`)."""
    return a == b or (a is not None and SHARED_GROUND.get(a) == b)


def isolated(slots: list[Slot], max_population: int = 100000, reach_km: float = 150.0,
             local_km: float = 40.0, big_city: int = 500000, seats: frozenset[int] = frozenset(),
             disputed: frozenset[str] = frozenset()) -> set[int]:
    """Slots whose choice is a small place (GeoNames or curated) in a country the article otherwise never
    mentions, far from every other place of the article: most often a local village GeoNames lacks, matched to a namesake
    abroad («الحميدية» of Syria -> a town in the Emirates). Better no coordinates than wrong ones.
    `seats`: slots named as the seat of a countryside («ريف منبج»): only a district's town has one, so the
    name is no village GeoNames lacks, wherever the rest of the article is."""
    out: set[int] = set()
    chosen = [s.candidates[s.choice] for s in slots]
    # curated towns and villages too: «منطقة نعيمة» in a Sudanese story is no village of Dar'a
    suspect = [e.feature in ("village", "town") and e.population < max_population and i not in seats
               for i, e in enumerate(chosen)]
    for i, e in enumerate(chosen):
        parent = slots[i].parent
        # «الرمثا في مزارع شبعا»: a namesake in another country than the area said to hold it; not across a
        # compass word («كلس شمال حلب» is a Turkish town near Aleppo) nor between two countries whose border
        # is disputed (`disputed`: a settlement «في الجولان المحتل», a position «في مزارع شبعا»)
        if parent is not None and slots[i].within and e.feature != "country" and e.country \
                and chosen[parent].country and e.country != chosen[parent].country \
                and not {e.country, chosen[parent].country} <= disputed:
            out.add(i)
            continue
        # «حي/قطاعات X», «مستشفى X»: a part of a town, or a site, named after a place the gazetteer has as
        # something else lies near the article's other places, whatever the country and whatever its size
        # («مستشفى الأمل» in Khan Younis is no Amol in Iran; «حي الكرامة» in Gaza no Karameh in Jordan); a
        # big city's airport or port is named after it wherever the story is told («مطار أبو ظبي»)
        kind = slots[i].kind
        town = chosen[parent] if parent is not None else None
        if town is not None and e.feature == "neighbourhood" and town.feature in _SETTLEMENTS \
                and e.lat is not None and e.lon is not None and town.lat is not None and town.lon is not None \
                and km(e.lat, e.lon, town.lat, town.lon) > max(QUARTER_KM, town.radius_km * 1.2):
            # «حي النصر شمالي مدينة رفح»: a quarter lies in the town named with it; the listed quarter of
            # that name in Gaza City, 30 km away, is another one (the town then holds it, at precision 2).
            # Not camps: «مخيم الهول شرقي الحسكة» lies 40 km out
            out.add(i)
            continue
        local = (kind in LOCAL_KINDS and e.feature != kind and e.feature not in _AREAS
                 and not (kind == "facility" and (e.feature in _SITES or e.population >= big_city)))
        if not suspect[i] and not local:
            continue
        others = [c for j, c in enumerate(chosen) if j != i and slots[j].key != slots[i].key]
        if local and parent is not None and not inside(e, chosen[parent]):
            out.add(i)  # «جامعة كولومبيا في نيويورك»: the site lies in the area named, whatever its name says
            continue
        if local and not suspect[i]:
            if others and not any(
                    c.lat is not None and c.lon is not None and e.lat is not None and e.lon is not None
                    and c.feature != "country" and km(e.lat, e.lon, c.lat, c.lon) <= local_km for c in others) \
                    and not any(same_ground(c.country, e.country) for c in others):
                out.add(i)
            continue
        if slots[i].kind is not None and not local and all(
                suspect[j] for j in range(len(chosen)) if j != i and slots[j].key != slots[i].key):
            # a cued place whose only companions are small places too («مخيم كويت الرحمة في ريف عفرين»:
            # Kuwait City and Afrin): nothing says it is the one out of place
            continue
        if not others:
            # a lone one-word village with no cue and no other place in the whole article is more likely
            # a word («الشوربة», soup) than a place: news places a village in its district or province
            if e.feature == "village" and slots[i].kind is None and " " not in slots[i].key:
                out.add(i)
            continue
        if not local and any(same_ground(c.country, e.country) for c in others):
            continue
        if e.lat is not None and e.lon is not None and any(
                c.lat is not None and c.lon is not None and c.feature != "country"
                and km(e.lat, e.lon, c.lat, c.lon) <= (local_km if local else reach_km) for c in others):
            continue
        out.add(i)
    return out
