"""Stage 'entities': people, organisations and places, resolved to the actor registry, with Latin names.

Order of authority on overlapping spans: the actor registry (curated aliases, exact ORG boundaries), then
the people rules (kunyas, lists, titles), then the CRF. Spans start after a proclitic letter («وقوات النظام»
→ «قوات النظام»), except the fused «لل» («للتحالف»), which stays whole so the span is a true substring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rasid.doc import Document, Entity, Token, Word
from rasid.events.roles import MEMBER_NOUNS
from rasid.ner.crf import propagate
from rasid.ner.crf import spans as iob_spans
from rasid.ner.lexicon import FeatureLexicon
from rasid.ner.orgs import strip_heads
from rasid.ner.people import PersonSpan
from rasid.ner.translit import Romanizer
from rasid.pipeline import Stage
from rasid.resources.actors import ActorRegistry, Match
from rasid.resources.ner import NER
from rasid.resources.people import KnownPeople
from rasid.text import ALEF_LAM_NOUNS, normalize
from rasid.text.tokens import Lexicon

_SINGLE_CLITICS = frozenset("وفبكل")
_KEEP_TYPES = ("PER", "ORG", "LOC")
_DIRECTIONS = frozenset({"الشمالي", "الجنوبي", "الشرقي", "الغربي", "الاوسط"})
_REGION_WORDS = frozenset({"ريف", "مدينه", "بلده", "قريه", "محافظه", "منطقه", "مخيم", "حي"})
# priority of a span's source when spans overlap: lower wins
_PRIORITY = {"registry": 0, "rule": 1, "crf": 2}


@dataclass
class _Cand:
    type: str
    start: int  # token index
    end: int  # token index, exclusive
    source: str
    actor_id: str | None = None
    strip: int | None = None  # normalised letters to skip in the first token (registry); None: use words
    role: tuple[int, int] | None = None  # token span of a title kept out of a PER span
    refers: int | None = None  # id() of the full-name candidate a short mention links to
    prio: int | None = None  # overrides the source's priority when spans overlap
    person: str | None = None  # id of a well-known person (rasid.resources.people)

    @property
    def priority(self) -> int:
        return self.prio if self.prio is not None else _PRIORITY[self.source]


def _skip(text: str, k: int) -> int:
    """Offset in `text` after `k` normalised letters (diacritics and tatweel normalise to nothing)."""
    i = 0
    seen = 0
    while i < len(text) and seen < k:
        if normalize(text[i]):
            seen += 1
        i += 1
    while i < len(text) and not normalize(text[i]):
        i += 1
    return i


def _start_after_clitics(tok: Token, words: Sequence[Word], lex: FeatureLexicon | None = None,
                         seen: set[str] | None = None, typ: str = "LOC", freq: Lexicon | None = None) -> int:
    """Where a name starts inside its first token: after «و/ف/ب/ك/ل», but a fused «لل» stays whole, and a
    token that is itself a known name is not split («وليد», «وائل», «بشار»: the clitic splitter, which
    only knows word frequencies, would read و + ل + يد)."""
    if tok.norm.lstrip("وف").startswith("لل"):
        return tok.start
    if lex is not None and (tok.norm in lex.given or tok.norm in lex.surname or tok.norm in lex.geo):
        return tok.start
    start = tok.start
    k = 0
    for w in words:
        if w.kind != "proclitic" or w.norm not in _SINGLE_CLITICS:
            break
        start = w.end
        k += 1
    skipped = "".join(w.norm for w in words[:k])
    if freq is not None and seen is None and start > tok.start and skipped[-1:] in ("ب", "ل", "ك"):
        # An organisation's first word: the splitter strips a letter when the rest is merely more common
        # («لجان», committees, is not ل + «جان»); a true «لـ» leaves a word several times more common
        # («لقوات»: «قوات» ×10, «لتنظيم» ×6), so ask for a clear margin
        base = "".join(w.norm for w in words[k:])
        if freq.get(base) < 3 * freq.get(tok.norm[len(skipped) - 1:]):
            return words[0].end if k > 1 and words[0].norm in ("و", "ف") else tok.start
    if seen is not None and start > tok.start and skipped not in ("و", "ف"):
        # A name after «ب/ل/ك/ف»: strip only if the bare name is a known name or place or occurs bare in
        # the article («لأوباما» … «أوباما»); «باراك» is not ب + «اراك», «كفريا» is not ك + «فريا».
        base = "".join(w.norm for w in words[k:])
        if lex is None:
            known = False
        elif typ == "PER":
            known = base in lex.given or base in lex.surname
        else:
            known = base in lex.geo or base in _REGION_WORDS
        if not (base in seen or known):
            # «وكفريا»: the conjunction still goes, the ك stays
            return words[0].end if k > 1 and words[0].norm in ("و", "ف") else tok.start
    return start


def make(resources: Any) -> Stage:
    months: list[frozenset[str]] = []  # filled on the first batch: resources load lazily

    def many(docs: Sequence[Document]) -> list[Document]:
        # Latin names for all the documents at once: the romanizer's model decodes the names it does not
        # know in one batch per name length, several times cheaper than a batch per article (bench/ingest.py)
        ner: NER = resources.get("ner").bind(resources.get("lexicon"))
        registry: ActorRegistry = resources.get("actors")
        known: KnownPeople = resources.get("people")
        if not months:
            months.append(_month_names(resources.get("time_words")[0]))
            # set here, once: the NER resource loads without the people list. Family names only where they are
            # no first names too («سعيد» of Kais Saied is Saeed Jalili's first name)
            ner.romanizer.fixed = {k: v for k, v in known.words_latin.items() if k not in ner.lexicon.given}
        return add_latin([find_entities(d, ner, registry, known, months[0]) for d in docs], ner.romanizer)

    def run(doc: Document) -> Document:
        return many([doc])[0]

    return Stage("entities", run, requires=("tokens",), provides=("entities",), many=many)


def add_latin(docs: Sequence[Document], romanizer: Romanizer) -> list[Document]:
    """Fill `latin` of the people and places of `docs`, with one batched romanization for all of them."""
    # a well-known person already has its Latin name (find_entities)
    ents = [e for d in docs for e in d.entities if e.latin is None]
    romanizer.prefetch_names([e.text for e in ents if e.type == "PER"],
                             [e.text for e in ents if e.type == "LOC"])
    return [d.replace(entities=tuple(e if e.latin is not None else replace(e, latin=_latin(e, romanizer))
                                     for e in d.entities)) for d in docs]


def _latin(ent: Entity, romanizer: Romanizer) -> str | None:
    if ent.type == "PER":
        return romanizer.person(ent.text)
    if ent.type == "LOC":
        return romanizer.place(ent.text)
    return None


def find_entities(doc: Document, ner: NER, registry: ActorRegistry, known: KnownPeople | None = None,
                  not_names: frozenset[str] = frozenset()) -> Document:
    """People, organisations and places of `doc`, without their `latin` (`add_latin` fills it, for a batch of
    documents at once) except for the well-known people of `known`, which come with theirs."""
    tokens = doc.tokens
    if not tokens:
        return doc.replace(entities=())
    norms = [t.norm for t in tokens]
    sent = [t.sentence for t in tokens]
    words_of: list[list[Word]] = [[] for _ in tokens]
    for w in doc.words:
        words_of[w.token].append(w)
    words = ner.tagger.featurizer.words
    freqs = [0.0] * len(tokens)
    if words is not None:
        for w in doc.words:
            if w.kind == "base":
                freqs[w.token] = words.get(w.norm)

    # 1. the CRF, one sentence at a time, then one label per name across the article
    sent_norms: list[list[str]] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and sent[j] == sent[i]:
            j += 1
        sent_norms.append(norms[i:j])
        i = j
    sent_tags = propagate(sent_norms, ner.tagger.tag_many(sent_norms),
                          words.get if words is not None else None, surnames=True)
    tags = [t for ts in sent_tags for t in ts]
    # a lone head noun («حزب», «الحركة») is a description, not a name; nor is a month («نيسان», tagged ORG
    # after the carmaker in the training news) or a letter or two (the «أ –», «ب –» of a list); a person's
    # name has no number in it («قذيفة "ياسين 105"» is a shell; units, «اللواء 93», are ORGs and stay)
    crf = [_Cand(t, a, b, "crf") for t, a, b in iob_spans(tags)
           if t in _KEEP_TYPES and not (t == "ORG" and b - a == 1 and ner.orgs.is_head(norms[a]))
           and " ".join(norms[a:b]) not in not_names and sum(len(n) for n in norms[a:b]) > 2
           and not (t == "PER" and any(c.isdigit() for n in norms[a:b] for c in n))]

    # 2. the actor registry; context aliases only for actors named in full in this article, national bodies
    # («الجيش») of the article's country, and outlets («الميادين») only where the words say an outlet
    first = registry.match(norms)
    named = {m.actor_id for m in first if not m.context}
    # an actor's units are named with it: «القوات المسلحة اليمنية» in an article that names «أنصار الله»
    named |= registry.children(named)
    countries = registry.countries(norms, first)
    matches = registry.match(norms, named | _media_ids(registry), countries)
    reg = [_occupier(_Cand("ORG", m.start, m.end, "registry", m.actor_id, 0 if m.fused else m.strip), norms, sent,
                     registry)
           for m in matches if _context_ok(m, norms, sent, named, countries, registry, ner)
           and _is_entity(m, norms, registry, ner)]

    # well-known people («ترامب», «بنيامين نتنياهو»): a curated list, so they outrank the CRF as the registry does
    people = ner.people
    if known is not None:
        reg += _known_people(norms, [t.text for t in tokens], sent, known, ner, crf)

    # 3. people rules
    is_per = [False] * len(tokens)
    for c in crf:
        if c.type == "PER":
            for k in range(c.start, c.end):
                is_per[k] = True
    blocked = [False] * len(tokens)
    for c in reg:
        for k in range(c.start, c.end):
            blocked[k] = True
    rule_spans = people.kunyas(norms, freqs, sent, blocked) + people.lists(norms, freqs, sent, is_per)
    rules = [_Cand("PER", s.start, s.end, "rule") for s in people.extend_nasab(rule_spans, norms, sent)]
    # the CRF often stops a name at «بن»: carry its PER spans over the whole chain
    for c in crf:
        if c.type == "PER":
            (ext,) = people.extend_nasab([PersonSpan(c.start, c.end)], norms, sent)
            c.end = ext.end

    for c in reg + rules:
        for k in range(c.start, c.end):
            blocked[k] = True
    # generic state bodies («السلطات التونسية»): weighed like the CRF, the longer span wins
    orgs = [_Cand("ORG", a, b, "rule", strip=k, prio=_PRIORITY["crf"]) for a, b, k in ner.orgs.find(norms, sent, blocked)]
    orgs += [_Cand("ORG", a, b, "rule") for a, b in ner.orgs.outlets(norms, sent)]
    # a head noun of a facility beats the CRF's ORG on the same words («متحف باردو» is a place)
    facilities = [_Cand("LOC", a, b, "rule", strip=k)
                  for a, b, k in ner.facilities.find(norms, freqs, sent, blocked, ner.lexicon.geo)]
    chosen = _resolve(reg + rules + crf + orgs + facilities)
    chosen = [_fix_person(c, norms, sent, people, ner.lexicon) for c in chosen]
    chosen = _places_named_after_people(chosen, norms, sent, ner.facilities.heads | _QUARTER_HEADS,
                                        ner.facilities.regions - _NOT_NAMING_HEADS, ner.lexicon)
    chosen = _join_regions([c for c in chosen if c.end > c.start], norms, sent, ner.facilities.regions,
                           ner.lexicon.geo)
    chosen = [_front_line(_without_trailing(c, norms), norms, sent) for c in chosen]

    # 4. short later mentions of a full name («قطيش» after «صلاح قطيش»)
    # The CRF often calls a lone surname ORG or LOC («أوباما»); a name already seen in full says PER, and
    # links the short mention to it.
    taken = [False] * len(tokens)
    for c in chosen:
        if not (c.source == "crf" and c.end - c.start == 1):
            for k in range(c.start, c.end):
                taken[k] = True
    pers = [c for c in chosen if c.type == "PER"]
    shorts = people.short_mentions([PersonSpan(c.start, c.end) for c in pers], norms, freqs, taken)
    if shorts:
        at = {s.start for _, s in shorts}
        chosen = [c for c in chosen if not (c.source == "crf" and c.end - c.start == 1 and c.start in at)]
    for k, s in shorts:
        chosen.append(_Cand("PER", s.start, s.end, "rule", refers=id(pers[k])))
    _link_known(chosen)

    return doc.replace(entities=tuple(_entities(doc, chosen, words_of, ner, registry, known)))


def _month_names(time_lex: Any) -> frozenset[str]:
    """The Gregorian, Levantine and Maghrebi month names (normalised), which the CRF sometimes tags as names;
    not the Hijri ones, which are people's names too («رمضان»)."""
    return frozenset(" ".join(words) for words, (_n, hijri) in time_lex.months.items() if not hijri)


def _known_people(norms: Sequence[str], raw: Sequence[str], sent: Sequence[int], known: KnownPeople, ner: NER,
                  crf: Sequence[_Cand]) -> list[_Cand]:
    """Mentions of well-known people; a short form that is a common word or a shared surname («الأسد») only
    when the article names that person in full."""
    pers = [c for c in crf if c.type == "PER"]
    other: dict[tuple[int, str], bool] = {}  # (start, person) -> someone else's name; the two passes share it

    def someone_else(m: Match) -> bool:
        key = (m.start, m.actor_id)
        if key not in other:
            other[key] = _someone_else(m, pers, norms, raw, sent, known, ner)
        return other[key]

    named = {m.actor_id for m in known.registry.match(norms) if not m.context and not someone_else(m)}
    out = []
    for m in known.registry.match(norms, named):
        if someone_else(m):
            continue
        # «محمد بن سلمان بن عبد العزيز»: the listed name may stop where the chain goes on
        (ext,) = ner.people.extend_nasab([PersonSpan(m.start, m.end)], norms, sent)
        out.append(_Cand("PER", m.start, ext.end, "registry", strip=0 if m.fused else m.strip, person=m.actor_id))
    return out


#: A first name before a listed name makes it someone else's name only when the word is no commoner than this
#: («سارة نتنياهو», «هانتر بايدن»): the commoner words the CRF draws into a name are mostly not names («فإن
#: نتنياهو», «اختيار السنوار», «لصالح محمد بن زايد»).
_OTHER_FIRST_NAME_FREQ = 7e-5
#: a first name this rare marks another person even where the CRF found no name («إيفانكا ترامب»)
_RARE_FIRST_NAME_FREQ = 1e-5
#: first names common enough to mark another person's name wherever they stand («علي محمود عباس»)
_COMMON_FIRST_NAMES = frozenset({"علي", "محمد", "احمد", "حسن", "حسين", "خالد", "عمر"})


def _someone_else(m: Match, pers: Sequence[_Cand], norms: Sequence[str], raw: Sequence[str], sent: Sequence[int],
                  known: KnownPeople, ner: NER) -> bool:
    """The listed name follows another first name: «علي محمود عباس» (Syria's defence minister) is not «محمود
    عباس», «سارة نتنياهو» is not Benjamin Netanyahu, «خالد بن سلمان» is not Mohammed bin Salman. The word before
    must be a first name: one of the commonest, or a rarer listed given name inside the CRF's name (or rare
    enough to be a name wherever it stands); never a word of the person's own names («أبو محمد الجولاني»), a
    title, a kunya head or a word with «ال»."""
    i = m.start
    if m.strip or m.fused or i == 0 or sent[i - 1] != sent[i]:
        return False
    prev = norms[i - 1]
    lex = ner.lexicon
    if ner.people.is_title(prev) or prev in ner.people.kunya_heads or prev in known.tokens.get(m.actor_id, ()):
        return False
    # «عبد الله بن زايد»; «على», the preposition, normalises to «علي» too: the raw word tells them apart
    if (prev in _COMMON_FIRST_NAMES and not raw[i - 1].endswith("ى")) or (prev == "الله" and i >= 2
                                                                          and norms[i - 2] == "عبد"):
        return True
    if prev.startswith("ال") or (prev not in lex.given and prev not in lex.surname):
        return False
    words = ner.tagger.featurizer.words
    freq = words.get(prev) if words is not None else 0.0
    if any(c.start < i < c.end for c in pers):
        return freq < _OTHER_FIRST_NAME_FREQ
    return prev in lex.given and 0 < freq < _RARE_FIRST_NAME_FREQ


def _link_known(chosen: list[_Cand]) -> None:
    """A shorter mention of a well-known person («نتنياهو») refers to the article's fullest one."""
    fullest: dict[str, _Cand] = {}
    for c in sorted(chosen, key=lambda c: c.start):
        if c.person and (c.person not in fullest or c.end - c.start > fullest[c.person].end - fullest[c.person].start):
            fullest[c.person] = c
    for c in chosen:
        f = fullest.get(c.person or "")
        if f is not None and f is not c and c.end - c.start < f.end - f.start and c.refers is None:
            c.refers = id(f)


def _occupier(c: _Cand, norms: Sequence[str], sent: Sequence[int], registry: ActorRegistry) -> _Cand:
    """«طائرات الاحتلال الأميركي»: an alias ending in «الاحتلال» names Israel's forces unless a nationality
    adjective follows; then it is that state's forces (the registry's «القوات» + the adjective), span and all."""
    k = c.end
    # only a compound alias («طائرات/قوات/جيش الاحتلال»): a bare «الاحتلال الفرنسي لسوريا» is a past
    # occupation, not a party of today's news
    if k - c.start < 2 or k >= len(norms) or sent[k] != sent[k - 1] or not norms[k - 1].endswith("احتلال"):
        return c
    adj = norms[k]
    if not (adj.startswith("ال") and adj.endswith(("ي", "يه")) and len(adj) > 5):
        return c
    fem = adj if adj.endswith("يه") else adj + "ه"
    actor = registry.lookup("القوات " + fem)
    if actor is None or actor.id == c.actor_id or actor.country in (None, "IL"):
        return c
    return replace(c, end=k + 1, actor_id=actor.id)


#: The cues that name the medium itself: after them even «الجزيرة الفضائية» is the channel.
_STRONG_MEDIA_CUES = frozenset(normalize(w) for w in (
    "قناة", "شاشة", "موقع", "صحيفة", "جريدة", "وكالة", "مراسل", "مراسلة", "لقناة", "لموقع", "لصحيفة", "لوكالة",
    "لمراسل", "لمراسلة", "تلفزيون", "إذاعة"))
#: Words before an outlet's short name that say it is the outlet («قناة الميادين», «مراسل الميادين»).
_MEDIA_CUES = frozenset(normalize(w) for w in ("بحسب", "حسب", "وفق", "وفقا", "عبر", "عن")) | _STRONG_MEDIA_CUES
_QUOTE_MARKS = frozenset('"«»“”\'')


def _media_ids(registry: ActorRegistry) -> frozenset[str]:
    """Outlets (kind 'media'): their short names («الجزيرة», «الميادين») may resolve by the words around them."""
    return registry.media_ids


def _context_ok(m: Match, norms: Sequence[str], sent: Sequence[int], named: set[str], countries: dict[str, int],
                registry: ActorRegistry, ner: NER) -> bool:
    """A context alias is kept when the article supports it (see `find_entities` step 2)."""
    if not m.context:
        return True
    if m.actor_id in _media_ids(registry):
        return _media_cue(m, norms, sent, ner)
    return m.actor_id in named and not registry.off_country(m, countries)


def _media_cue(m: Match, norms: Sequence[str], sent: Sequence[int], ner: NER) -> bool:
    """«قناة الميادين», «الميادين نت», «لـ"الميادين"», «وقالت الجزيرة»: the short name of an outlet is the
    outlet; otherwise it is the town («مدينة الميادين»), the region («الجزيرة السورية») or a common word."""
    i, j = m.start, m.end
    prev = norms[i - 1] if i > 0 and sent[i - 1] == sent[i] else ""
    nxt = norms[j] if j < len(norms) and sent[j] == sent[i] else ""
    if prev not in _STRONG_MEDIA_CUES and nxt.startswith("ال") and nxt.endswith(("يه", "ي")) and len(nxt) > 4:
        return False  # «عن الجزيرة السورية», «عبر الجزيرة العربية»: a region with its adjective, no outlet
    if nxt == "نت" or prev in _MEDIA_CUES or (m.strip and norms[i][:m.strip] in ("ل", "ول")):
        return bool(prev in _MEDIA_CUES or nxt == "نت" or _after_speech(i, norms, sent, ner))
    if prev in _QUOTE_MARKS and nxt in _QUOTE_MARKS:
        return True  # a quoted one-word name that the registry knows as an outlet
    if m.fused:
        return _after_speech(i, norms, sent, ner)
    # «وقالت الجزيرة»: a speech verb right before
    return bool(prev) and any(h in ner.orgs.speech for h in (prev, prev[1:] if prev[:1] in "وف" else prev))


def _after_speech(i: int, norms: Sequence[str], sent: Sequence[int], ner: NER) -> bool:
    """A speech verb within the six tokens before token `i`, in its sentence («قال مصدر لـ…»)."""
    for k in range(max(0, i - 6), i):
        if sent[k] == sent[i]:
            w = norms[k]
            if w in ner.orgs.speech or (w[:1] in "وف" and w[1:] in ner.orgs.speech):
                return True
    return False


def _is_entity(m: Match, norms: Sequence[str], registry: ActorRegistry, ner: NER) -> bool:
    """Registry matches that are not named entities: collectives («ناشطون», «الإعلاميين») are generic nouns,
    and a one-word alias that is also a place name («دمشق» for the government) is left to the tagger."""
    actor = registry.get(m.actor_id)
    if actor is not None and actor.kind == "collective":
        return False
    if m.end - m.start == 1 and not (m.context and actor is not None and actor.kind == "media"):
        # (an outlet's short name got here only with words that say it is the outlet: `_media_cue`)
        w = norms[m.start][m.strip:]
        geo = ner.lexicon.geo
        return not (w in geo or (w.startswith("ال") and w[2:] in geo))
    return True


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep the best non-overlapping spans: by source priority, then longer first."""
    order = sorted(cands, key=lambda c: (c.priority, -(c.end - c.start), c.start))
    kept: list[_Cand] = []
    taken: set[int] = set()  # tokens of kept spans: linear in the spans' length, not quadratic in their count
    for c in order:
        span = range(c.start, c.end)
        if taken.isdisjoint(span):
            kept.append(c)
            taken.update(span)
    return kept


def _join_regions(cands: list[_Cand], norms: Sequence[str], sent: Sequence[int],
                  regions: frozenset[str], geo: frozenset[str]) -> list[_Cand]:
    """«ريف» + «درعا» → one LOC «ريف درعا»: a region word the tagger left alone or tagged apart joins the
    place right after it."""
    by_start = {c.start: c for c in cands}
    drop: set[int] = set()
    out: list[_Cand] = []
    n = len(norms)
    for c in sorted(cands, key=lambda c: c.start):
        if id(c) in drop:
            continue
        if c.type == "LOC" and c.end - c.start == 1 and any(h in regions for h in strip_heads(norms[c.start])) \
                and c.end < n and sent[c.end] == sent[c.start]:
            nxt = by_start.get(c.end)
            end = c.end
            if nxt is not None and nxt.type == "LOC":
                drop.add(id(nxt))
                end = nxt.end
            elif nxt is None and (norms[end] in geo):
                end += 1
            if end > c.end:
                while end < n and sent[end] == sent[c.start] and norms[end] in _DIRECTIONS \
                        and end not in by_start:
                    end += 1
                c = _Cand("LOC", c.start, end, c.source, strip=c.strip)
        out.append(c)
    return out


def _place_name(toks: Sequence[str], lex: FeatureLexicon) -> bool:
    """The tokens (the first one maybe with «و/ف/ب/ل») are a known place name."""
    key = " ".join(toks)
    if key in lex.geo_latin:
        return True
    first = toks[0]
    return first[:1] in _SINGLE_CLITICS and " ".join([first[1:], *toks[1:]]) in lex.geo_latin


#: Heads of streets and quarters, which news names after people like facilities («حي الشيخ ناصر»,
#: «شارع عمر المختار»); normalised.
_QUARTER_HEADS = frozenset({"حي", "شارع", "حاره"})
#: Region heads that never stand right before the name of the place they head: compass words and «ريف»
#: (its name is a town's, not a person's).
_NOT_NAMING_HEADS = frozenset(normalize(w) for w in (
    "ريف", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
    "ولاية"))  # «ولاية ترامب»: a term of office


#: Words that end a name's span rather than belong to it: «الجهاز الأمني التابع لهيئة تحرير الشام» is «الجهاز
#: الأمني», that belongs to HTS.
_TRAILING = frozenset(("التابع", "التابعه", "التابعين", "التابعون", "التابعتين", "المرتبط", "المرتبطه", "المقرب",
                       "المقربه", "المدعوم", "المدعومه"))


def _without_trailing(c: _Cand, norms: Sequence[str]) -> _Cand:
    # (inside the span too, for what the tagger ran on: «الجيش الليبي التابع للحكومة الليبية» is the army;
    # not a registry name, which knows where it ends). «آليات» normalises like a definite word and the tagger
    # runs on through it («القوات آليات المسلحين»): it begins what follows the name
    cut = ALEF_LAM_NOUNS if c.actor_id is not None else ALEF_LAM_NOUNS | _TRAILING
    end = next((k for k in range(c.start + 1, c.end) if norms[k] in cut), c.end)
    while end - c.start > 1 and norms[end - 1] in _TRAILING:
        end -= 1
    return c if end == c.end else replace(c, end=end)


#: «جبهة/جبهات» (front) and the words that put it where the fighting is («في جبهة الجفينة», «بجبهة المخدرة»).
_FRONTS = frozenset(("جبهه", "جبهات"))
_AT = frozenset(("في", "علي", "الي", "من"))


def _front_line(c: _Cand, norms: Sequence[str], sent: Sequence[int]) -> _Cand:
    """«في جبهة الجفينة», «بجبهة المخدرة»: a front named after its place, where fighting happens, is a place
    (LOC), not an organisation like «جبهة النصرة» (which the registry knows, and keeps)."""
    if c.type != "ORG" or c.actor_id is not None or c.end - c.start != 2:
        return c
    first = norms[c.start]
    bare = first[1:] if first[:1] in ("ب", "و") and first[1:] in _FRONTS else first
    if bare not in _FRONTS:
        return c
    located = bare != first or (c.start > 0 and sent[c.start - 1] == sent[c.start] and norms[c.start - 1] in _AT
                                and not (c.start > 1 and norms[c.start - 2] in MEMBER_NOUNS))
    return replace(c, type="LOC") if located else c  # (not «قيادي في جبهة التحرير»: a member's group)


def _places_named_after_people(chosen: list[_Cand], norms: Sequence[str], sent: Sequence[int],
                               heads: frozenset[str], regions: frozenset[str] = frozenset(),
                               lex: FeatureLexicon | None = None) -> list[_Cand]:
    """A person's name right after the head of a place, with its title («مستشفى الشهيد محمد الدرة», «حيّ
    الشيخ ناصر», «مدرسة خالد بن الوليد», «قرية برخ بوطان»), names that place: one LOC from the head on,
    replacing the facility rule's shorter span over the head and the title."""
    out = list(chosen)
    for c in chosen:
        if c.type != "PER" or c.end <= c.start:
            continue
        k = c.role[0] if c.role is not None and c.role[1] == c.start else c.start
        if k == 0 or sent[k - 1] != sent[k]:
            continue
        head = strip_heads(norms[k - 1])
        if any(h in heads for h in head):
            place = _Cand("LOC", k - 1, c.end, "rule")  # a facility's head is part of its name
        elif any(h in regions for h in head):
            # «قرية برخ بوطان»: the village is «برخ بوطان»; a known place ends where its name ends («مدينة أم
            # درمان المقابلة لها»)
            known = [j for j in range(k + 2, c.end + 1) if lex is not None and _place_name(norms[k:j], lex)]
            place = _Cand("LOC", k, known[-1] if known else c.end, "rule")
        else:
            continue
        out = [x for x in out if x is not c and not (place.start <= x.start and x.end <= place.end)]
        out.append(place)
    out.sort(key=lambda x: x.start)
    return out


def _fix_person(c: _Cand, norms: Sequence[str], sent: Sequence[int], people: Any,
                lex: FeatureLexicon) -> _Cand:
    """Move titles out of a PER span into `role`, and find a title just before it. A title that begins a
    place name («السيدة زينب») is no title: the candidate becomes that place (LOC)."""
    if c.type != "PER":
        return c
    # «بدويّ انفجارات»: «دوي» (the boom of) before an explosion word, not the surname Badawi
    if c.end - c.start == 1 and c.end < len(norms) and sent[c.end] == sent[c.start] \
            and norms[c.start].lstrip("وب") == "دوي" and norms[c.end].startswith(("انفجار", "الانفجار", "انفجارات")):
        return _Cand(c.type, c.start, c.start, c.source)
    start = c.start
    role = c.role
    # «السيدة زينب», «الشيخ مسكين»: a known place whose name begins with a title is the place
    if people.is_title(norms[start]) and _place_name(norms[start:c.end], lex):
        return _Cand("LOC", start, c.end, c.source)
    if c.start > 0 and sent[c.start - 1] == sent[c.start] and people.is_title(norms[c.start - 1]) \
            and _place_name(norms[c.start - 1:c.end], lex):
        return _Cand("LOC", c.start - 1, c.end, c.source)
    while start < c.end - 1 and people.is_title(norms[start]):
        role = (role[0] if role else start, start + 1)
        start += 1
    if start == c.end - 1 and people.is_title(norms[start]):
        return _Cand(c.type, start, start, c.source)  # a bare title is not a name
    if role is None:
        phrase, at = people.title_before(start, norms, sent)
        if phrase is not None and at is not None:
            role = (at, at + len(phrase.split()))
    return _Cand(c.type, start, c.end, c.source, c.actor_id, c.strip, role, c.refers, c.prio, c.person)


def _entities(doc: Document, chosen: list[_Cand], words_of: Sequence[Sequence[Word]], ner: NER,
              registry: ActorRegistry, known: KnownPeople | None) -> list[Entity]:
    placed: list[tuple[int, int, _Cand]] = []
    seen = {t.norm for t in doc.tokens}
    for c in chosen:
        first, last = doc.tokens[c.start], doc.tokens[c.end - 1]
        if c.strip is not None:
            start = first.start + _skip(first.text, c.strip)
        else:
            start = _start_after_clitics(first, words_of[c.start], ner.lexicon,
                                         seen if c.type in ("PER", "LOC") else None, c.type,
                                         ner.tagger.featurizer.words)
        if last.end > start:
            placed.append((start, last.end, c))
    placed.sort(key=lambda p: (p[0], p[1]))
    ids = {id(c): f"e{n}" for n, (_, _, c) in enumerate(placed, 1)}
    out: list[Entity] = []
    for n, (start, end, c) in enumerate(placed, 1):
        text = doc.text[start:end]
        actor = registry.get(c.actor_id) if c.actor_id else (registry.lookup(text) if c.type == "ORG" else None)
        person = known.registry.get(c.person) if known is not None and c.person else None
        role = None
        if c.role is not None:
            t0, t1 = doc.tokens[c.role[0]], doc.tokens[c.role[1] - 1]
            role = doc.text[_start_after_clitics(t0, words_of[c.role[0]]):t1.end]
        out.append(Entity(
            id=f"e{n}", text=text, type=c.type, start=start, end=end,
            canonical=actor.canonical if actor else person.canonical if person else None,
            latin=known.latin[person.id] if known is not None and person is not None else None,
            actor_id=actor.id if actor else None, category=actor.category if actor else None,
            role=role, refers_to=ids.get(c.refers) if c.refers is not None else None, source=c.source))
    return out
