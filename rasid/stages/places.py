"""Stage 'places': find place names, resolve them against the gazetteer, and give each a precision.

Names are matched over the normalised view of the text (longest match, clitics, «ال», cue words), the
entity layer's LOC mentions are resolved too, and each mention is disambiguated in the context of the
whole article. A gazetteer match that no entity covers becomes a LOC entity (source "gazetteer").

Countries are emitted as places with feature "country", precision 5 and no coordinates: a country's
centroid on a map looks like a precise location and is not one (the gold guide gives events in a
country no lat/lon either), but the country code is still useful to filter on.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from typing import Any

from rasid.doc import Document, Entity, Place
from rasid.gazetteer.disambiguate import SHARED_GROUND, Slot, isolated, km, merge_duplicates, prior, resolve
from rasid.gazetteer.index import Gazetteer, read_config
from rasid.gazetteer.matcher import (
    Cues,
    Mention,
    after_outlet,
    clitic_variants,
    find_mentions,
    passes_guard,
    with_marks,
)
from rasid.gazetteer.model import Entry, precision_for
from rasid.gazetteer.unknown import cued_unknowns
from rasid.pipeline import Stage
from rasid.text import Normalized, normalize_with_offsets

_LOC_TYPES = ("LOC", "GPE", "FAC")
#: A city this big is no person's name when the tagger reads its two-word name as one (`_with_entities`).
BIG_CITY = 500_000
_BEARING_EN = {0: "north", 45: "north-east", 90: "east", 135: "south-east", 180: "south", 225: "south-west",
               270: "west", 315: "north-west"}


def make(resources: Any) -> Stage:
    sources = read_config(resources.data_dir, "gazetteer_sources.json")
    region = frozenset(sources["region"])
    # Arabic names of Turkish or Iranian villages are spellings of foreign names that often collide with
    # Arabic words: the common-word guard treats them as places abroad
    cues = Cues.from_config(read_config(resources.data_dir, "place_cues.json"),
                            region - frozenset(sources["transliterated"]))

    water = frozenset(sources.get("water_bodies", ()))

    def run(doc: Document) -> Document:
        registry = resources.get("actors") if water else None
        actor_countries = frozenset(
            a.country for e in doc.entities if e.actor_id and (a := registry.get(e.actor_id)) and a.country
        ) if registry is not None else frozenset()
        return find_places(doc, resources.get("gazetteer"), cues, region, water, actor_countries)

    return Stage("places", run, requires=("entities",), provides=("places",))


def find_places(doc: Document, gaz: Gazetteer, cues: Cues, region: frozenset[str],
                water: frozenset[str] = frozenset(), actor_countries: frozenset[str] = frozenset()) -> Document:
    """`water`: ids of seas filed under one country, kept only when the article names that country, a place
    in it, or (`actor_countries`) an actor of it."""
    nv = normalize_with_offsets(doc.text)
    mentions = find_mentions(nv.text, gaz, cues, nv)
    # organisations the registry does not know that may be a countryside or province («ريف دير الزور الشرقي»)
    org_spans = _unknown_orgs(doc, nv)
    mentions = [m for m in _with_entities(doc, nv, mentions, gaz, cues, org_spans) if not _river_bank(nv.text, m)]
    if not mentions:
        return doc.replace(places=())
    slots = []
    named = []
    waw_ids: dict[int, set[str]] = {}
    foreign_script = region - cues.region  # Turkey, Iran: names transliterated into Arabic (gazetteer_sources.json)
    for m in mentions:
        first = m.key.split(" ", 1)[0]
        name_kind = cues.kinds.get(first) if " " in m.key else None
        cands = gaz.by_key(m.key)
        if " " not in m.key and m.key.startswith("و") and len(m.key) > 3 and nv.text.startswith("و", m.start):
            # «بالرياض وجدة»: a name that starts with «و» may be «و» + another name (Oujda or «و» + Jeddah);
            # both stand, and the context decides (the span then moves past the «و» once one is chosen)
            # (only a city of 100,000 or more: «ودان بشدة», and condemned, is no «و» + the village Dan)
            waw = [c for c in gaz.by_key(m.key[1:]) if c not in cands and c.population >= 100_000
                   and c.feature in ("city", "admin1", "country")]
            if waw:
                waw_ids[m.start] = {c.id for c in waw}
                cands = cands + waw
        if len(cands) > 1 and nv.text.startswith("ال", m.start):
            # «القدس» is Jerusalem, not Iran's Qods («قدس»): a Persian or Turkish name spelt in Arabic takes no
            # article, so a name written with one is not theirs when another candidate fits
            native = [c for c in cands if c.country not in foreign_script or any(n.startswith("ال") for n in c.names)]
            cands = native or cands
        if m.kind not in (None, "region", "city") and m.bearing is None and not m.plural:
            # «مخيم كويت الرحمة», «مستشفى الكويت», «شارع لبنان», «ولاية جورجيا»: after a kind cue a country's
            # name names the camp, the street or the state, never the country («مدينة الكويت» keeps Kuwait
            # City, «عاصمة جنوب السودان» names the country; «مناطق غرب السودان» is still a side of Sudan, and
            # a plural cue, «قرى لبنان الجنوبية», names places somewhere in the country)
            cands = [c for c in cands if c.feature != "country"]
            if not cands:
                continue
        named.append(m)
        slots.append(Slot(m.key, merge_duplicates(cands), m.kind, m.start, name_kind,
                          prefer=_pointed_countries(nv.text, m, cues)))
    mentions = named
    if not mentions:
        return doc.replace(places=())
    _link_containers(nv.text, mentions, slots, cues)
    resolve(slots, region)
    weak = _common_words_unsupported(mentions, slots, nv.text, gaz, cues, region)
    if weak:  # resolve again without them: two such words must not vouch for each other's country
        for i, kept in weak.items():
            slots[i].candidates = kept
        mentions = [m for i, m in enumerate(mentions) if slots[i].candidates]
        slots = [s for s in slots if s.candidates]
        _link_containers(nv.text, mentions, slots, cues)
        resolve(slots, region)
    drop = isolated(slots, seats=frozenset(i for i, m in enumerate(mentions) if m.countryside),
                    disputed=cues.occupied_countries | {"SY", "LB"})
    if water:
        chosen = [s.candidates[s.choice] for s in slots]
        # the country itself, a city or a province of it: a village namesake is too weak a sign
        said = actor_countries | {e.country for i, e in enumerate(chosen) if e.id not in water and i not in drop
                                  and e.feature in ("country", "admin1", "city")}
        drop |= {i for i, e in enumerate(chosen) if e.id in water and e.country not in said}
    mentions = [m for i, m in enumerate(mentions) if i not in drop]
    slots = [s for i, s in enumerate(slots) if i not in drop]
    entities = list(doc.entities)
    next_id = _next_entity_number(entities)
    places: list[Place] = []
    for m, slot in zip(mentions, slots, strict=True):
        if slot.candidates[slot.choice].id in waw_ids.get(m.start, ()):
            m.start += 1  # «وجدة» read as «و» + Jeddah: the name starts after the «و»
    # a kept match that is exactly a person's span was let through as a place («أم درمان»): the entity is one
    person_cities = {nv.from_original(e.start, e.end) for e in doc.entities if e.type == "PER"}
    # …and so is an unknown organisation that is exactly a countryside or province (`org_spans`)
    for m, slot in zip(mentions, slots, strict=True):
        entry = slot.candidates[slot.choice]
        start, end = nv.to_original(*m.span)
        n_start, n_end = nv.to_original(m.start, m.end)
        ent = _covering_entity(entities, n_start, n_end)
        org_region = (m.start, m.end) in org_spans and entry.feature in ("region", "admin1", "admin2")
        if ent is None and (m.kind is not None or m.near or (m.start, m.end) in person_cities or org_region):
            same = [k for k, e in enumerate(entities) if e.start == n_start and e.end == n_end]
            if same:  # the tagger called it a person or an organisation; the cue word says place
                entities[same[0]] = dataclasses.replace(entities[same[0]], type="LOC")
                ent = entities[same[0]]
        if ent is None:
            ent = Entity(f"e{next_id}", doc.text[n_start:n_end], "LOC", n_start, n_end, source="gazetteer")
            next_id += 1
            entities.append(ent)
        places.append(_place(f"p{len(places) + 1}", doc.text[start:end], start, end, ent.id, entry, m,
                             slot.confidence, cues))
    anchors = [(m.start, m.end, p) for m, p in zip(mentions, places, strict=True)]
    for u in cued_unknowns(nv.text, mentions, gaz, cues, nv):
        parent = _parent(u.start, u.end, anchors)
        if parent is None:
            continue
        n_start, n_end = nv.to_original(u.start, u.end)
        ent = _covering_entity(entities, n_start, n_end)
        if ent is None:
            ent = Entity(f"e{next_id}", doc.text[n_start:n_end], "LOC", n_start, n_end, source="gazetteer")
            next_id += 1
            entities.append(ent)
        places.append(Place(
            f"p{len(places) + 1}", doc.text[n_start:n_end], n_start, n_end, entity=ent.id, name=None,
            lat=parent.lat, lon=parent.lon, country=parent.country, admin1=parent.admin1, admin2=parent.admin2,
            feature=u.kind, gazetteer_id=None,
            precision=2 if parent.feature in ("city", "town", "village", "neighbourhood", "camp")
            else max(parent.precision or 3, 3),
            confidence=0.3))
    places.sort(key=lambda p: p.start)
    places = [dataclasses.replace(p, id=f"p{i + 1}") for i, p in enumerate(places)]
    entities = _without_people_in_place_names(entities, places)
    entities.sort(key=lambda e: (e.start, -e.end))
    return doc.replace(places=tuple(places), entities=tuple(entities))


#: «الضفة» is the West Bank, but «الضفة الأخرى من النيل», «الضفة الشرقية لنهر الفرات» are a river's banks.
_BANK = re.compile(r"^[\s\"'«»]*(?:(?:الاخري|اليمني|اليسري|المقابله|الشرقيه)\b"
                   r"|(?:\S+\s+)?(?:ل|لل|من\s+|من\s+ال)?(?:نهر|النهر|نيل|النيل|فرات|الفرات|دجله|العاصي|قناه|القناه)\b)")


def _river_bank(text: str, m: Mention) -> bool:
    return m.key.removeprefix("ال").startswith("ضفه") and bool(_BANK.match(text[m.end:m.end + 40]))


def _without_people_in_place_names(entities: list[Entity], places: list[Place]) -> list[Entity]:
    """«قاعدة عين الأسد», «شارع حافظ الأسد»: a person inside a place's name is part of the name, not someone
    the article tells of (unless another entity links to that mention)."""
    spans = [(p.start, p.end) for p in places if " " in p.text.strip()]
    linked = {e.refers_to for e in entities if e.refers_to}
    return [e for e in entities if e.type != "PER" or e.id in linked or not any(
        s <= e.start and e.end <= t and (s, t) != (e.start, e.end) for s, t in spans)]


_GAP = re.compile(r"[\s،,\-–\"«»()]+")


def _link_containers(text: str, mentions: list[Mention], slots: list[Slot], cues: Cues) -> None:
    """«مدينة أريحا جنوب إدلب», «بلدة X بريف Y», «X في محافظة Y»: when only container words (compass words,
    «ريف», «محافظة», «في», «ب» …) stand between a name and the next one, the next one names the area that
    holds it, and the disambiguator then prefers the namesake inside that area."""
    for s in slots:
        s.parent = None
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end:b.start]
        if len(gap) > 40 or slots[i].key == slots[i + 1].key:
            continue
        words = [w for w in _GAP.split(gap) if w]
        # «موقعي الرمثا والسمّاقة في مزارع شبعا»: names the gazetteer lacks may be listed with it («و» + name)
        while words and words[0].startswith("و") and len(words[0]) > 2 and not _container_word(words[0], cues) \
                and any(_container_word(w, cues) for w in words[1:]):
            words = words[1:]
        if len(words) > 3 or not all(_container_word(w, cues) for w in words):
            continue
        if not words:
            continue  # «حلب، دمشق، حمص»: names side by side with no container word are a list
        slots[i].parent = i + 1
        # «X في Y» holds X in Y, but «لاجئون من درعا في الأردن» tells where people from X are now
        came_from = text[max(0, a.start - 8):a.start].split()[-1:] == ["من"]
        slots[i].within = not came_from and any(
            w in ("في", "ب", "داخل") or (w[:1] == "ب" and _container_word(w, cues)) for w in words)


def _container_word(w: str, cues: Cues) -> bool:
    if w in cues.containers:
        return True
    # «بريف», «بمحافظة», «وجنوب» is no container («X وجنوب Y» lists two places)
    return w[:1] == "ب" and (w == "ب" or w[1:] in cues.containers)


def _pointed_countries(text: str, m: Mention, cues: Cues) -> frozenset[str]:
    """«مستوطنة X», «X المحتلة»: the words around the name point to the occupied land (Israel/Palestine);
    «العاصمة الأردنية عمان»: a nationality adjective points to its country."""
    start, end = m.span
    before = text[max(0, start - 40):start].split()[-1:]
    after = text[end:end + 30].split()[:1]
    # «بمستوطنة X», «لمستوطنة X» too: the cue word may carry a proclitic
    pointed = bool(before) and any(f in cues.occupied_before for f, _ in clitic_variants(before[0]))
    if pointed or (after and after[0].strip("،,.\"") in cues.occupied_after):
        return cues.occupied_countries
    # «العاصمة الأردنية عمان», «مدينة الرمثا الأردنية»: a nationality adjective next to the name
    adjs = {cues.nationality.get(w.strip("،,.\"«»")) for w in (*before, *after)} - {None}
    return frozenset(c for c in adjs if c)


def _common_words_unsupported(mentions: list[Mention], slots: list[Slot], text: str, gaz: Gazetteer, cues: Cues,
                              region: frozenset[str], stem_zipf: float = 3.5, word_zipf: float = 4.3,
                              local_zipf: float = 4.0, local_km: float = 50.0,
                              never_zipf: float = 4.5) -> dict[int, list[Entry]]:
    """Names that are common words and that nothing else in the article backs: «نقاط الرباط» are garrison
    posts, not Rabat; «في بيان» is "in a statement", not Bayan in Kuwait. A one-word name without a cue whose
    bare form is a common noun («رباط», «رياض»; after a preposition «بالرباط» it is a place), or whose
    written form is itself a very common word («بيان»), names a place only when another name of the article
    (not such a word itself, each read without context) or the country lies in the same country; returns, for
    each such name, the candidates in a backed country (empty: not a place).
    Curated places, countries and admin areas are left alone, and so are, for the second test only, capitals
    and places of 100 000 people (a capital whose bare name is a common noun, «الرباط», «الرياض», needs the
    support)."""
    chosen = [s.candidates[s.choice] for s in slots]
    weak: set[int] = set()
    local: set[int] = set()  # so common a word that only a place named nearby backs it
    never: set[int] = set()  # so common a word that nothing but a cue word backs it
    for i, (m, e) in enumerate(zip(mentions, chosen, strict=True)):
        if (" " in m.key or m.kind is not None or m.near or m.bearing is not None or m.countryside
                or e.feature in ("country", "admin1", "admin2")):
            continue
        word = text[m.start:m.end]
        if e.source == "rasid" and not (e.feature in ("town", "village", "neighbourhood") and word.startswith("ال")):
            # curated sites are exempt, but «الخيام» (tents) in a US campus story is no Khiam, and «التضامن»
            # (solidarity) in a Yemeni march no Damascus neighbourhood
            continue
        z_word = gaz.zipf_of(word)
        small = e.population < 100000 and e.id not in gaz.capitals
        # a common noun or adjective with «ال» («الشهداء», «الزعيم»), not a town name that is merely frequent
        # in the news («درعا», «القامشلي»)
        z_stem = gaz.zipf_of(word[2:]) if word.startswith("ال") else 0.0
        if small and z_word >= never_zipf and z_stem >= local_zipf:
            weak.add(i)  # «ارتقاء عدد من الشهداء»: a preposition does not make a word this common a place
            never.add(i)  # words this common name a small place only after a cue
        elif z_stem >= stem_zipf:
            glued = m.start > 0 and not text[m.start - 1].isspace() and text[m.start - 1] in "بل"
            before = text[max(0, m.start - 40):m.start].split()[-1:] if m.start > 0 and text[m.start - 1].isspace() else []
            if not glued and not (before and before[0] in cues.connectors):
                weak.add(i)
        elif z_word >= word_zipf and small:
            weak.add(i)
        elif (z_word >= local_zipf and e.country not in region and e.population < 1000000
              and e.id not in gaz.capitals):
            weak.add(i)  # «من طراز» (of the type) is no Taraz, «قصور» (shortcomings) no Kousséri
        if i in weak and small and (z_word >= never_zipf or (z_stem >= stem_zipf and z_word >= local_zipf)):
            # «عدد الشهداء» in a Gaza article is the martyrs, not the West Bank village Ash-Shuhada:
            # a word this common names a small place only beside a place of its own area
            local.add(i)
    if not weak:
        return {}
    # what each other name means without context, so that the weak ones cannot bootstrap each other
    alone = [_alone(s, region) for j, s in enumerate(slots) if j not in weak]
    backed = {e.country for e in alone}
    backed |= {SHARED_GROUND[c] for c in backed if c in SHARED_GROUND}
    near = [e for e in alone if e.lat is not None and e.lon is not None and e.feature != "country"]
    out: dict[int, list[Entry]] = {}
    for i in weak:
        if i in never:
            out[i] = []
        elif i in local:
            out[i] = [c for c in slots[i].candidates if c.lat is not None and c.lon is not None and any(
                km(c.lat, c.lon, o.lat, o.lon) <= max(local_km, o.radius_km) for o in near if o.lat and o.lon)]
        else:  # «نابلس وجنين والقدس»: only the namesakes in a backed country remain (none: no place)
            out[i] = [c for c in slots[i].candidates if c.country in backed]
    return out


def _alone(s: Slot, region: frozenset[str]) -> Entry:
    """The candidate a mention would get with no context at all."""
    return max(s.candidates, key=lambda e: prior(e, s.kind or s.name_kind, region))


#: What an unknown place may be placed at: an area containing it, or a place named right beside it.
_PARENT_FEATURES = frozenset({"admin1", "admin2", "region", "city", "town", "village", "neighbourhood", "camp"})


def _parent(start: int, end: int, anchors: list[tuple[int, int, Place]], reach: int = 60) -> Place | None:
    """The area named right after an unknown place («… في ريف إدلب»), else right before it."""
    after = [(s - end, p) for s, _, p in anchors
             if 0 <= s - end <= reach and p.lat is not None and p.feature in _PARENT_FEATURES]
    if after:
        return min(after, key=lambda x: x[0])[1]
    before = [(start - e, p) for _, e, p in anchors
              if 0 <= start - e <= reach // 2 and p.lat is not None and p.feature in _PARENT_FEATURES]
    return min(before, key=lambda x: x[0])[1] if before else None


def _place(pid: str, text: str, start: int, end: int, entity: str, e: Entry, m: Mention, confidence: float,
           cues: Cues) -> Place:
    lat, lon = e.lat, e.lon
    feature = e.feature
    name = e.name_en
    precision = precision_for(e.feature, e.radius_km)
    if m.bearing is not None:
        # «جنوب دمشق», «ريف حماة الغربي»: the area on that side, not the place itself
        side = _BEARING_EN.get(int(round(m.bearing / 45.0) * 45) % 360, "")
        name = f"{side} of {e.name_en}" if e.name_en else None
        feature = "region"
        if lat is not None and lon is not None and e.feature != "country":
            area = m.countryside or e.feature in ("region", "admin1", "admin2")
            dist = cues.direction_km.get("countryside" if area else "city" if e.feature == "city" else "default", 15.0)
            if not area and e.population > 0:
                dist = next((km_ for pop, km_ in cues.direction_km_population if e.population >= pop), dist)
            dist = max(dist, e.radius_km * 0.5)
            lat, lon = _shift(lat, lon, m.bearing, dist)
            precision = max(precision, 2)
    elif m.countryside and e.feature not in ("region", "admin1", "admin2", "country"):
        feature, precision = "region", 2
        name = f"countryside of {e.name_en}" if e.name_en else None
    elif m.near or (m.kind in _SITE_KINDS and e.feature not in _SITE_KINDS | {"neighbourhood"}):
        precision = 2 if e.feature in ("city", "town", "village", "neighbourhood", "camp", "facility") else precision
    if e.feature == "country":
        lat = lon = None  # see the module docstring
    return Place(pid, text, start, end, entity=entity, name=name, lat=_r(lat), lon=_r(lon), country=e.country,
                 admin1=e.admin1, admin2=e.admin2, feature=feature, gazetteer_id=e.id, precision=precision,
                 confidence=confidence)


#: Cue kinds that name a site at a place: «مطار حماة», «قاعدة X», «حاجز X» that the gazetteer does not
#: list resolve at X, as near X (precision 2), not as X itself.
_SITE_KINDS = frozenset({"facility", "camp", "checkpoint", "crossing"})


def _r(x: float | None) -> float | None:
    return round(x, 5) if x is not None else None


def _shift(lat: float, lon: float, bearing: float, dist_km: float) -> tuple[float, float]:
    rad = math.radians(bearing)
    dlat = dist_km * math.cos(rad) / 111.0
    dlon = dist_km * math.sin(rad) / (111.0 * max(0.2, math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def _next_entity_number(entities: list[Entity]) -> int:
    nums = [int(e.id[1:]) for e in entities if e.id[:1] == "e" and e.id[1:].isdigit()]
    return max(nums, default=0) + 1


def _covering_entity(entities: list[Entity], start: int, end: int) -> Entity | None:
    best: Entity | None = None
    best_overlap = 0
    for e in entities:
        if e.type not in _LOC_TYPES:
            continue
        overlap = min(e.end, end) - max(e.start, start)
        if overlap > best_overlap:
            best, best_overlap = e, overlap
    return best


def _unknown_orgs(doc: Document, nv: Normalized) -> set[tuple[int, int]]:
    """Normalised spans of the organisations the registry does not know (the tagger's guesses)."""
    return {nv.from_original(e.start, e.end) for e in doc.entities
            if e.type == "ORG" and e.canonical is None and e.actor_id is None}


def _with_entities(doc: Document, nv: Normalized, mentions: list[Mention], gaz: Gazetteer,
                   cues: Cues, orgs: set[tuple[int, int]]) -> list[Mention]:
    """Drop matches inside person and organisation names; add LOC entities the matcher missed when their name resolves."""
    if not doc.entities:
        return mentions
    # «قناة الميادين» is a channel and «أبو محمد الحلبي» a man: names inside them are not places
    pers = [nv.from_original(e.start, e.end) for e in doc.entities if e.type in ("PER", "ORG")]
    inside: Callable[[Mention], bool] = lambda m: any(s <= m.start and m.end <= e for s, e in pers)  # noqa: E731
    # …unless a kind cue says otherwise: «بلدة سبينة» is a town whatever the tagger thought («قرب» is too
    # weak for that: «قرب وزارة الأمن» is near a ministry)
    # A name split off a glued token («واشنطنبسحب») is exempt too: the tagger read that token whole, blind
    glued: Callable[[Mention], bool] = lambda m: m.end < len(nv.text) and nv.text[m.end].isalpha()  # noqa: E731
    # …and a big city's two-word name that the tagger read as a person («أم درمان», Omdurman: «أم» opens a
    # woman's kunya too) is the city, unless the registry or the people list knows the name
    people = {nv.from_original(e.start, e.end) for e in doc.entities
              if e.type == "PER" and e.canonical is None and e.actor_id is None}
    city: Callable[[Mention], bool] = lambda m: (m.start, m.end) in people and " " in m.key and any(  # noqa: E731
        c.feature == "city" and c.population >= BIG_CITY for c in gaz.by_key(m.key))
    # …and a countryside or province the tagger read as an organisation («نقطة عسكرية في ريف دير الزور
    # الشرقي»), when the registry does not know the name
    region: Callable[[Mention], bool] = lambda m: (m.start, m.end) in orgs and " " in m.key and any(  # noqa: E731
        c.feature in ("region", "admin1", "admin2") for c in gaz.by_key(m.key))
    kept = [m for m in mentions if m.kind is not None or glued(m) or not inside(m) or city(m) or region(m)]
    for e in doc.entities:
        if e.type not in _LOC_TYPES:
            continue
        s, t = nv.from_original(e.start, e.end)
        if any(m.start < t and s < m.end for m in kept):
            continue
        text = nv.text[s:t]
        words = text.split()
        if not words:
            continue
        for form, dropped in clitic_variants(words[0]):
            key = " ".join([form, *(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words[1:])])
            if key in gaz.keys:
                m = Mention(s + dropped, t, key, cued=True)
                # the tagger's LOC is evidence, but «كنيس» is still a synagogue and not ك + Nice
                # (the tagger's vote counts like a preposition before the name)
                before = re.findall(r"(\w+)[\s\"'«»“”]+$", nv.text[max(0, s - 40):s])
                if before and after_outlet(before[0], cues) and not any(
                        c.feature == "country" for c in gaz.by_key(key)):  # «مندوب روسيا» is still Russia
                    break  # «صاروخ من طراز "بركان"», «مصادر الميادين»: the tagger's LOC is a model or an outlet
                whole = _whole_token(doc.text, e.start, e.end)
                written = with_marks(doc.text, e.end - len(whole), e.end) if len(words) == 1 else ""
                if passes_guard(m, gaz, cues, written, "في", len(whole) - (e.end - e.start) + dropped):
                    kept.append(m)
                break
    kept.sort(key=lambda m: m.start)
    return kept


def _whole_token(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token around a span: «كنيس» around a tagged «نيس»."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]
