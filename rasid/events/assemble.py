"""From trigger mentions to events: merging, places, participants, dates and quantities.

ACLED codes one event per distinct (type, place, day, actor pair). So mentions of one sentence with the
same ACLED type merge, a trigger with a list of places («على الفوعة وكفريا») splits into one event per
place, a death or injury count folds into the attack of its sentence, and later mentions of the same
event («الهجوم على قاعدة رميلان», the title) merge into the first one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from rasid.doc import Document, Entity, Event, Participant, Place, Quantity, Sentence, Span, Token, When
from rasid.events import background, nationality
from rasid.events import cues as cuemod
from rasid.events.lexicon import EventLexicon
from rasid.events.roles import (
    ARMED_CATEGORIES,
    LIST_WORDS,
    PUNCT,
    QUOTES,
    VICTIM_NOUNS,
    Marked,
    TokenIndex,
    assign,
    by_means,
    genitive_agent,
    in_object_clause,
    mark_entities,
    mark_places,
    marker,
)
from rasid.events.triggers import Mention, find_mentions, readings, rests, strips
from rasid.text import ALEF_LAM_NOUNS, normalize

ACTOR_TYPES = ("ORG", "PER", "MISC")
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
#: Claim words that do not make their subject the doer: a statement («بيان»), an allegation («زعم», «ادعى»).
NOT_OWN_CLAIMS = frozenset(("بيان", "زعم", "زعمت", "ادعي", "ادعت"))
#: Heads of source phrases whose «في X» is where the source is, not the event.
SOURCE_HEADS = frozenset(("مراسل", "مراسله", "مراسلنا", "مراسلتنا", "مصادر", "مصدر", "ناشطون", "ناشطين", "مكتب"))
#: Words after a movement trigger that make the places after them its destination.
DESTINATION_WORDS = frozenset(("وجهه", "وجهتهم", "وجهتها", "وجهته", "متجهين", "متجهه", "قاصدين", "باتجاه", "نحو"))
#: What turns a protest told in the same sentence into a riot.
RIOT_ACTS = ("clash.armed", "looting")
#: Nouns that end an unnamed actor's phrase: where («مدينة», «بلدة», «حي»), whom («الناشط», «الشاب») or with
#: what («أطلقت الشرطة النار») the act was done, never a modifier of the doer.
NOT_MODIFIERS = frozenset(normalize(w) for pair in (
    ("مدينة", "بلدة", "قرية", "منطقة", "محافظة", "حي", "مخيم", "ريف", "ناحية", "مديرية", "قضاء", "بلدات", "قرى",
     "منزل", "منازل", "مستشفى", "مدرسة", "سيارة", "موقع", "مواقع", "مقر", "مقرات"),
    ("الناشط", "الشاب", "الصحفي", "المواطن", "الطفل", "الشابين", "المواطنين", "الأطفال", "الصحفيين", "الناشطين",
     "المدينة", "البلدة", "القرية", "المنطقة", "المحافظة", "الحي", "المخيم", "الريف", "المنزل", "المنازل",
     "المستشفى", "المدرسة", "النار", "الرصاص", "الصواريخ", "القذائف", "الغاز")) for w in pair)
#: Unnamed actors that are a state's forces («سيطر الجيش»), normalised whole phrases.
STATE_NOUNS = frozenset(normalize(w) for w in ("الجيش", "جيش", "القوات الحكومية", "القوات النظامية",
                                                "وحدات الجيش", "قوات الجيش"))
#: What «أطلق» fires (normalised word-prefixes, with or without the article).
LAUNCHED = tuple(normalize(w) for w in ("طائر", "الطائر", "مسير", "المسير", "صاروخ", "الصاروخ", "صواريخ",
                                        "الصواريخ", "قذيف", "القذيف", "قذائف", "القذائف"))
#: Verbs of accusing («اتهمت الحكومة X بقصف …»: X is accused of the act).
ACCUSE_VERBS = frozenset(("اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "يتهمون"))
#: Types whose past verb takes a state right after it as its doer («اغتالت إسرائيل», «قصفت تركيا»).
STATE_VERB_TYPES = ("strike.air", "strike.drone", "shelling", "killing.assassination", "attack.civilians")
#: Attacks that can be the means of a killing told just before them (`_means`).
MEANS_TYPES = ("strike.", "shelling", "explosion.")
#: Words that make a sentence with sports words an incident after all: the killed and the armed.
SPORT_BREAKERS = frozenset(("قتل", "قتلت", "قتلوا", "مقتل", "استشهد", "استشهاد", "شهيد", "شهداء", "شهدا", "اصيب",
                            "اصيبوا", "جرح", "مسلح", "مسلحون", "مسلحين", "المسلحون", "المسلحين", "قوات", "القوات",
                            "الجيش", "جيش", "طائرات", "الطائرات", "الاحتلال", "انتحاري", "عبوه", "صاروخ", "قذيفه"))
#: The sound of an explosion («دوي انفجار»): heard, not an event of its own when the sentence tells its cause.
SOUND_WORDS = frozenset(("دوي", "اصوات", "صوت"))
#: Verbs of attacking that, with a named person as the subject, mean criticising (`_verbal_attack`).
VERBAL_ATTACK_LEMMAS = frozenset(("هاجم",))
#: «كان» opening a sentence whose subject does what its trigger tells («وكانت عائلات ... تظاهرت»).
KANA = frozenset(("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"))
#: Registry categories of parties that are never the ones demonstrating (`_no_protester`).
NO_PROTESTER_CATEGORIES = frozenset(("State forces", "External/Other forces", "Rebel group"))
#: Types of what is done to someone: with the trigger's pronoun («اعتقاله») that someone is the patient.
DONE_TO_TYPES = frozenset(("arrest", "abduction", "killing", "killing.assassination", "injury"))
#: The vowel of a passive past verb on its first letter («قُتل», «اعتُقل»; `_passive`).
DAMMA = "\u064f"
#: Possessive pronouns a verbal noun may carry («اعتقاله», «إصابتها»; `_with_pronoun`).
PRONOUN_SUFFIXES = frozenset(("ه", "ها", "هم", "هما", "هن"))
#: A bare «أن/إن/بأن» opening reported speech (with a pronoun, «أنه», the subject is the reporter's own).
COMPLEMENTIZERS = frozenset(("ان", "بان", "وان"))
#: Duals that refer back to two places just named («بلدتي الفوعة وكفريا» ... «في محيط البلدتين»).
DUAL_PLACE_WORDS = frozenset(("البلدتين", "البلدتان", "المدينتين", "المدينتان", "القريتين", "القريتان",
                              "المخيمين", "المخيمان", "الحيين", "الحيان", "المنطقتين", "المنطقتان"))
#: Day words that make a noun trigger before them definite («هجمات اليوم», «غارات أمس», «قصف الليلة»).
DAY_WORDS = frozenset(("اليوم", "امس", "الليله", "البارحه"))
#: Prepositions that open a phrase about another happening («بعد اتصال هاتفي ... يوم الأربعاء»).
AFTER_BEFORE = frozenset(("بعد", "قبل", "عقب", "اثر", "اعقاب"))
#: How many words that phrase needs before its time: «بعد صلاة الجمعة» times the event itself.
OTHER_HAPPENING_WORDS = 4
#: Words after which a named party is the source, not a participant («بحسب المرصد», «نقلا عن الوكالة»).
SOURCE_PREPS = frozenset(("بحسب", "حسب", "وفق", "وفقا", "نقلا", "عن"))
#: Types whose parties are states, often named by their country or capital.
PARTY_TYPES = ("agreement", "diplomacy.restored", "diplomacy.cut")
#: Remote violence: carried out by forces, whose actor is never a person.
REMOTE_TYPES = ("strike.air", "strike.drone", "shelling")
#: Direction words that open a place phrase locating the one before it («شمالي سوريا», «جنوب شرق ...»).
DIRECTIONS = ("شمال", "جنوب", "شرق", "غرب", "وسط")
#: How far an inherited location may come from: at most this many sentences back.
INHERIT_SENTENCES = 1


@dataclass
class Draft:
    mentions: list[Mention]
    type: str
    sentence: int
    negated: bool = False
    hypothetical: bool = False
    location: Place | None = None
    participants: list[tuple[str, Marked]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    date: When | None = None
    refers: Mention | None = None  # «واستهدف العدوان ... موقعين في X وY»: the head of the event told before

    @property
    def head(self) -> Mention:
        return self.mentions[0]


def extract(doc: Document, lex: EventLexicon, non_parties: frozenset[str] = frozenset(),
            unarmed: frozenset[str] = frozenset()) -> tuple[Event, ...]:
    """The article's events. `non_parties`: registry ids of actors that only report (outlets, monitors):
    «الميادين», «المرصد السوري» are sources, never a side of an incident. `unarmed`: ids of actors that may be
    a side (a target) but never an armed one, whatever their ACLED category (health ministries, UN agencies)."""
    if not doc.tokens:
        return ()
    ctx = _Context(doc, lex, non_parties, unarmed)
    mentions = find_mentions(doc, lex)
    ctx.mention_starts = {m.tok_start for m in mentions}
    ctx.first_cued_violent = next((m.type for m in mentions if m.cued and not lex.types[m.type].attach
                                   and lex.types[m.type].acled_event_type in VIOLENT), None)
    repeated = _repeated_sentences(doc)
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.sentence not in repeated:
            by_sent.setdefault(m.sentence, []).append(m)
    title_sents = [s for s in by_sent if doc.sentences[s].start < doc.body_start]
    order = [s for s in sorted(by_sent) if s not in title_sents] + sorted(title_sents)
    drafts: list[Draft] = []
    for s in order:
        ctx.sentence_drafts(s, by_sent[s], drafts, title=s in title_sents)
    lead = ctx._first_body_sentence()
    drafts = _fold_unplaced(drafts, lambda d: ctx._country_level(d) or d.sentence == lead, ctx._own_time)
    _inherit_actors(drafts, lex)
    ctx.no_false_protesters(drafts)
    drafts = ctx.conflict_movements(drafts)
    ctx.dates(drafts)
    return tuple(ctx.to_event(i + 1, d) for i, d in enumerate(drafts))


#: A repeated sentence shorter than this may be a formula («وأفاد مراسلنا بذلك.»), not a copy.
REPEAT_MIN_CHARS = 40


def _repeated_sentences(doc: Document) -> set[int]:
    """Body sentences that repeat an earlier body sentence word for word: scraped pages often end with
    their lead again (the page's description), which tells nothing new."""
    seen: set[str] = set()
    out: set[int] = set()
    for i, sent in enumerate(doc.sentences):
        if sent.start < doc.body_start:
            continue
        text = " ".join(doc.text[sent.start:sent.end].split())
        if len(text) < REPEAT_MIN_CHARS:
            continue
        if text in seen:
            out.add(i)
        seen.add(text)
    return out


class _Context:
    def __init__(self, doc: Document, lex: EventLexicon, non_parties: frozenset[str] = frozenset(),
                 unarmed: frozenset[str] = frozenset()) -> None:
        self.doc, self.lex, self.cues = doc, lex, lex.cues
        self.unarmed = unarmed
        self.reporting_or_counting = self.cues.reporting | self.cues.documenting  # `_announcer`, once
        self.idx = TokenIndex(doc.tokens)
        self.first_cued_violent: str | None = None
        self.flagged_spans: list[tuple[int, int]] = []  # token spans of denied or hypothetical mentions
        self.mention_starts: set[int] = set()  # first tokens of all trigger mentions
        # instrument word prefixes, with «ب» («بطائرة مسيّرة إسرائيلية»): the means between a trigger and its adjective
        self.instrument_words = tuple(w for _, ws in lex.instruments for w in ws for w in (w, "ب" + w))
        self.place_entities = {p.entity for p in doc.places if p.entity}
        self.region_spans = [(p.start, p.end) for p in doc.places if (p.feature or "") in background.REGION_FEATURES]
        # a location must be a place on the map: countries have no point, unresolved names no coordinates
        self.places = sorted((p for p in doc.places if (p.feature or "") != "country" and p.lat is not None),
                             key=lambda p: p.start)
        # outlets, monitors and platforms («إكس», «تلغرام») report or host what is told: never a party
        self.entity_by_id = {e.id: e for e in doc.entities}
        self.people = VICTIM_NOUNS | self.cues.actor_nouns  # nouns of people a «لـ» object may name
        # an actor-typed name that the article also uses as a place («أم درمان», «أم الرشراش») is the place
        place_names = {_norm_word(p.text) for p in doc.places if p.lat is not None}
        self.entities = sorted((e for e in doc.entities if e.type in ACTOR_TYPES and e.id not in self.place_entities
                                and e.actor_id not in non_parties
                                and (e.actor_id is not None or _norm_word(e.text) not in place_names)
                                and not rests(_norm_word(e.text)) & self.cues.platforms),
                               key=lambda e: e.start)

    # -- per sentence ---------------------------------------------------------------------------------
    def sentence_drafts(self, s: int, mentions: list[Mention], drafts: list[Draft], title: bool) -> None:
        toks = self.doc.tokens
        sent = self.doc.sentences[s]
        flagged = []
        kept = []
        # «ردًّا على عدوان الاحتلال على بعلبك», «نصرةً لغزة»: why or amid what, not an incident; its places
        # and parties are not the incident's either
        s_lo, s_hi = cuemod.sentence_bounds(toks, mentions[0].tok_start)
        motive = background.motive_spans(toks, s_lo, s_hi, mentions, self.cues)
        self.flagged_spans.extend(motive)
        for m in mentions:
            if self._not_an_event(m) or background.inside(m.tok_start, motive) or self._heard(m, mentions):
                continue
            m_clause = cuemod.clause(toks, m.tok_start, m.tok_end, self.cues)
            if background.running_total(toks, m, m_clause, self.cues, self.doc.times, self.doc.published):
                continue  # «حصيلة المعتقلين منذ السابع من أكتوبر»: a count over a period
            if background.long_period(toks, m, self.doc.times):
                continue  # «قتل 300 مدني خلال الأشهر الستة الماضية»: a toll over months
            if background.whole_war(toks, m, m_clause, self.cues):
                continue  # «يواصل الاحتلال عدوانه على غزة», «جراء العدوان»: the war, not an incident (nor its toll)
            if background.war_on_region(toks, m, m_clause, self.cues, self.region_spans):
                continue  # «حصيلة شهداء العدوان الإسرائيلي على قطاع غزة»: the war against a whole region
            lo, hi = cuemod.clause(toks, m.tok_start, m.tok_end, self.cues)
            if not self._habitual(lo, hi):
                kept.append(m)
                continue
            # a habit or a pattern («تظاهرات يومية», «عادةً»), not an incident: at most more about an earlier event
            g = replace(m, generic=True)
            if self._anaphor_host(drafts, g) is not None:
                kept.append(g)
        mentions = kept
        if not mentions:
            return
        for m in mentions:
            neg = cuemod.negated(toks, m.tok_start, m.tok_end, self.cues)
            hyp = m.future or cuemod.hypothetical(toks, m.tok_start, m.tok_end, self.cues) \
                or (m.pos == "noun" and cuemod.hypothetical_list(toks, m.tok_start, self.cues))
            if neg or hyp:  # «مخطط ... لاستهداف مناطق في X»: X is where nothing happened
                self.flagged_spans.append((m.tok_start, cuemod.clause(toks, m.tok_start, m.tok_end, self.cues)[1]))
            elif not m.generic and cuemod.any_phrase(toks, max(0, m.tok_start - 3), m.tok_start,
                                                     self.cues.background_before) is not None:
                m = replace(m, generic=True)  # «منذ أن تحولت احتجاجات ...», «منذ اندلاع الحرب»: a starting point
            elif not m.generic and not self.lex.types[m.type].attach and background.whole_region(
                    toks, m, cuemod.clause(toks, m.tok_start, m.tok_end, self.cues), self.cues):
                m = replace(m, generic=True)  # «القصف على كافة مناطق القطاع», «يستهدف مختلف المناطق»: in general
            elif m.pos == "noun" and not m.generic and not self.lex.types[m.type].attach \
                    and ((self._definite_plural(m) and not self._places_after(m, mentions))
                         or (background.ongoing(toks, m, self.cues) and not self._places_in_clause_after(m))
                         or (self._of_a_day(m, drafts) and not self._places_in_clause_after(m))):
                # «تزايدت الهجمات في تونس», «وتزامنت الضربات الجوية»: attacks in general, or ones told before
                m = replace(m, generic=True)
            flagged.append((m, neg, hyp))
        real = [(m, n, h) for m, n, h in flagged if not n and not h]
        hosts = [m for m, _, _ in real if not self.lex.types[m.type].attach and not m.generic]
        local: list[Draft] = []
        folded: list[tuple[Mention, Draft]] = []  # mentions of earlier events, and those events
        means = self._means(real)
        for m, neg, hyp in flagged:
            et = self.lex.types[m.type]
            if et.attach and not neg and not hyp and hosts:
                self._find(local, self._attach_host(hosts, m), m)
                continue
            if id(m) in means:
                self._find(local, means[id(m)], m)  # «اغتال … قيادياً بغارة على رفح»: the strike is how
                continue
            if not et.standalone and not (et.with_perpetrator and self._perpetrator(m)):
                continue
            if et.attach and (not self._perpetrator(m) and not self._violent_death(m) or self._tally(m)):
                continue  # «لقوا حتفهم», «مقتل 9 أشخاص» with no attack and no killer named: maybe an accident
            if (m.anaphoric or m.generic) and not neg and not hyp:
                prev = self._anaphor_host(drafts, m)
                if prev is not None:
                    m = replace(m, type=prev.type)
                    if m.generic or not self._places_after(m):
                        prev.mentions.append(m)
                        folded.append((m, prev))
                        continue
                    if s - prev.sentence <= 1:
                        self._find(local, m, None).refers = prev.head
                        continue
                elif m.generic:
                    continue  # background («حالات خطف», «نتيجة الاعتقالات») with no incident told: not an event
                elif m.anaphoric and not m.cued and self.first_cued_violent:
                    # «الهجوم» in a lead, told fully later; not a word that says its own kind («سلسلة غارات»)
                    m = replace(m, type=self.first_cued_violent)
            d = self._find(local, m, None, neg, hyp)
            d.negated, d.hypothetical = neg, hyp
        local = self._violent_protests(local)
        sent_places = [p for p in self.places if sent.start <= p.start < sent.end
                       and not background.inside(self.idx.at(p.start), motive)]
        sent_ents = [e for e in self.entities if sent.start <= e.start < sent.end
                     and not background.inside(self.idx.at(e.start), motive)]
        marked_places = mark_places(self.doc, self.idx, sent_places)
        unnamed = self._unnamed_actors(s, sent_ents)
        owned = {(m.entity, m.end) for m in unnamed if m.entity}  # «مدفعية الاحتلال»: the entity is inside
        marked_ents = sorted([m for m in mark_entities(self.doc, self.idx, sent_ents, self.unarmed) if (m.entity, m.end) not in owned]
                             + unnamed, key=lambda m: m.start)
        out: list[Draft] = []
        for d in local:
            clause = cuemod.clause(toks, d.head.tok_start, d.head.tok_end, self.cues)
            kind = self._acled(d.type)
            # triggers of another kind: what lies beyond them is theirs («خرج ... لكن تم القبض عليهم في انخل»)
            others = [m.tok_start for m in mentions if m not in d.mentions and self._acled(m.type) != kind]
            # «قال المرصد إن قوات النظام قصفت»: who reports (before a bare «إن») is not a party
            ents_d = [m for m in marked_ents if not self._reporter(m, d.head.tok_start) and not self._cited(m)
                      and not self._announcer(m, d) and not self._condemner(m, d)]
            if d.type in PARTY_TYPES:  # «أعادت تونس علاقاتها مع سوريا», «بين أنقرة وواشنطن»: states are the parties
                ents_d = sorted(ents_d + mark_places(self.doc, self.idx, [
                    p for p in self.doc.places if sent.start <= p.start < sent.end]), key=lambda m: m.start)
            else:  # «استهداف إسرائيل للصحفيين»: a state right after a verbal noun, its object after «لـ», acts
                state = mark_places(self.doc, self.idx, [
                    p for p in self.doc.places if p.feature == "country" and sent.start <= p.start < sent.end
                    and self.idx.at(p.start) == d.head.tok_end])
                # («اغتالت إسرائيل القيادي», «قصفت تركيا مواقع»: a state right after a past verb of force is
                # its subject; a present or passive reading would need vowels rasid rarely sees)
                # (not after a plural verb, «استهدفوا إسرائيل»: its subject is in the verb, the state its object)
                head_norm = toks[d.head.tok_start].norm
                verb_subject = d.head.pos == "verb" and d.type in STATE_VERB_TYPES \
                    and not self._passive(d.head.tok_start) and head_norm[:1] not in "يتن" \
                    and not head_norm.endswith("وا")
                if state and (verb_subject or genitive_agent(d.head.pos, d.head.tok_end, [*state, *ents_d], toks,
                                                             clause[1], armed_only=False, people=self.people)
                              is not None) \
                        and all(m.start != state[0].start for m in ents_d):
                    # a state that acts is an armed party here (its forces)
                    ents_d = sorted([*ents_d, *(replace(m, armed=True) for m in state)], key=lambda m: m.start)
            # (not the people who protest: «احتج أهالي البلدة»)
            marching = d.type.startswith(("protest", "riot")) and d.type != "protest.intervention"
            d.participants = [("target" if m.entity is None and rests(_norm_word(m.text.split()[0])) & VICTIM_NOUNS
                               and not (marching and r == "actor") else r, m)
                              for r, m in assign(d.type, d.head.pos, d.head.tok_start, d.head.tok_end, clause,
                                                 ents_d, others, toks, self._possessed(d.head), self.people)]
            if d.head.pos == "verb" and self._passive(d.head.tok_start):
                d.participants = self._passive_roles(d)
            d.participants = self._repelled(d)
            if d.head.lemma == "اطلق":  # «أطلقت الفصائل طائرات مسيرة على القاعدة»: what was fired is no party
                d.participants = [(r, m) for r, m in d.participants if m.entity is not None
                                  or not _norm_word(m.text.split()[0]).startswith(LAUNCHED)]
            accused = self._accused(d, ents_d)
            if accused is not None:
                accused_party, accusers = accused
                d.participants = [("actor", accused_party)] + [
                    (r, m) for r, m in d.participants if m.start != accused_party.start and m not in accusers]
            if not any(r == "actor" for r, _ in d.participants):
                subj = self._reported_subject(d, ents_d, others)
                if subj is not None and all(m.start != subj.start for _, m in d.participants):
                    d.participants.insert(0, ("actor", subj))
            if not any(r == "actor" for r, _ in d.participants):
                claimant = self._claimant(d, ents_d)
                if claimant is not None and all(m.start != claimant.start for _, m in d.participants):
                    d.participants.insert(0, ("actor", claimant))
            d.participants = self._no_false_actors(d)
            d.participants = self._coordinated_subject(d, out)
            if not any(r == "actor" for r, _ in d.participants):
                adj = self._adjective_actor(d, marked_ents)  # «قصف مدفعي إسرائيلي»: the state's forces
                if adj is not None:
                    d.participants.insert(0, ("actor", adj))
            if not d.participants:  # never the source cited after it («، وفق الأمم المتحدة»)
                d.participants = self._sentence_actors(d, [m for m in marked_ents if not self._cited(m)], others)
            if d.type.startswith("protest"):
                d.participants = self._demanded(d)
            if self._verbal_attack(d):
                continue
            self._pronoun_target(d, drafts + out)
            if d.type.startswith("protest") and d.type != "protest.intervention" \
                    and not any(r == "actor" for r, _ in d.participants):
                d.participants.extend(self._protesters(d))
            locs = self._locations(d, clause, marked_places, sent_places, drafts, others)
            self._quantities(d, local, s, folded)
            for k, loc in enumerate(locs or [None]):
                part = d if k == 0 else Draft(list(d.mentions), d.type, s, d.negated, d.hypothetical,
                                              participants=list(d.participants), refers=d.refers)
                part.location = loc
                out.append(part)
        for m, ref in folded:  # «حالات خروج ... بين 3 إلى 9 أشخاص»: the counts go to the event referred to
            probe = Draft([m], ref.type, s)
            self._quantities(probe, [*local, probe], s, [])
            have = {(q.kind, q.low, q.high) for q in ref.quantities}
            ref.quantities.extend(q for q in probe.quantities if (q.kind, q.low, q.high) not in have)
        out = [d for d in out if not self._refine(d, drafts)]
        for d in self._merge_same_sentence(out):
            if not self._merge_into(drafts, d, title):
                drafts.append(d)

    def conflict_movements(self, drafts: list[Draft]) -> list[Draft]:
        """A departure («غادر الرئيس إلى القاهرة», «خرجت المستشفيات عن الخدمة», «الخروج من المأزق») is a
        conflict movement only when an organisation or armed or displaced people (`actor_nouns`: «عناصر»,
        «مقاتلين», «عائلات», «لاجئين») take part in it, or a count of people leaves («فرّ أكثر من مليون
        شخص», «غادر 700 ألف منهم»), or such people, residents, perpetrators or a unit are its subject, a few
        words before or after it («اضطر سكان الحي إلى مغادرة المنطقة», «وفرّ منفذو الهجوم», «لواء "غفعاتي"
        خرج من المدينة»).
        Before, this was asked only in articles that tell no other incident. Measured on unseen articles (300
        Al Mayadeen, 2 × 300 SaudiNewsNet): 40 exits dropped, 36 of them no conflict movement at all («الخروج
        من المأزق», «خرجت عن الخدمة», «حفل تخرّج»); lost: a raid from 2006, two people ordered out and a
        recruit who fled.
        """
        orgs = {e.id for e in self.doc.entities if e.type == "ORG"}
        return [d for d in drafts if d.type != "movement.exit" or self._conflict_exit(d, orgs)]

    def _conflict_exit(self, d: Draft, orgs: set[str]) -> bool:
        if any(m.entity in orgs or m.entity is None and rests(_norm_word(m.text.split()[0])) & self.cues.actor_nouns
               for _, m in d.participants) or any(q.kind == "people" for q in d.quantities):
            return True
        toks = self.doc.tokens
        near = toks[max(0, d.head.tok_start - 6):d.head.tok_end + 3]
        return any(rests(t.norm) & self.cues.leaver_nouns for t in near if t.sentence == toks[d.head.tok_start].sentence)

    def _reported_subject(self, d: Draft, marked: list[Marked], others: list[int]) -> Marked | None:
        """«وأضاف البيان أن الجيش تمكن من تطويق البلدة واعتقال عشرة مطلوبين»: the named subject right after
        «أن» opens the reported clause and does what it tells, however far the trigger is (no other trigger
        between them); so does the subject of a sentence-opening «كان … قد» («وكانت وحدات من الشرطة قد
        فرّقت المحتجين»), named or not. Not when the clause gives the act another doer: a party named between
        them («البنتاغون يستعد … حيث تنشر الصين صواريخ يمكنها تدمير»), one right after the trigger («عندما
        تغادر إسرائيل», «استهداف طهران لقاعدة»), a passive verb («واعتُقل»), or a verbal noun of what is
        done to someone with its pronoun («حتى اعتقاله»: the subject is the one arrested). A party after a
        preposition («بحق طهران») or inside the subject's own phrase («قوات من الجيش») does not block.
        Measured on 600 unseen Al Mayadeen articles: the exceptions took away 6 wrong actors and no right one."""
        toks = self.doc.tokens
        t0, t1 = d.head.tok_start, d.head.tok_end
        if self._passive(t0) or d.head.pos == "noun" and d.type in DONE_TO_TYPES and self._with_pronoun(d.head):
            return None
        sent_parties = [m for m in marked if m.entity is not None] + mark_places(self.doc, self.idx, [
            p for p in self.doc.places if p.feature == "country"
            and toks[self.idx.at(p.start)].sentence == toks[t0].sentence])
        if any(m.tok == t1 or m.tok == t1 + 1 and toks[t1].norm in QUOTES for m in sent_parties):
            return None  # the trigger's own subject or agent follows it
        for m in reversed(marked):
            if m.tok >= t0 or m.tok == 0 or any(m.tok < o < t0 for o in others):
                continue
            if m.entity is None and (toks[m.tok - 1].norm not in KANA
                                     or rests(_norm_word(m.text.split()[0])) & VICTIM_NOUNS):
                continue  # unnamed subjects only after «كانت» («وكانت وحدات من الشرطة قد فرّقت»)
            if toks[m.tok - 1].sentence == toks[t0].sentence and (
                    toks[m.tok - 1].norm in COMPLEMENTIZERS or toks[m.tok - 1].norm in KANA):
                m_end = self.idx.at(m.end - 1)  # «قوات من الجيش السوري»: a party in the subject's phrase
                between = [o for o in sent_parties if m.end <= o.start and m_end + 2 < o.tok < t0 and not o.marker]
                return None if between else m
        return None

    def _with_pronoun(self, m: Mention) -> bool:
        """Does a noun trigger carry a possessive pronoun («اعتقاله», «إصابتها», «لاغتيالهم»)? The lexicon
        lists those forms whole, so `Mention.suffix_pronoun` does not tell."""
        stem = m.lemma[:-1] + "ت" if m.lemma.endswith("ه") else m.lemma
        return any(rest.startswith(stem) and rest[len(stem):] in PRONOUN_SUFFIXES
                   for rest, _ in readings(self.doc.tokens[m.tok_end - 1].norm))

    def _accused(self, d: Draft, marked: list[Marked]) -> tuple[Marked, list[Marked]] | None:
        """«اتهمت الحكومة السودانية قوات الدعم السريع بقصف مستشفى»: after a verb of accusing, the party right
        before «بـ» + the act is the one accused of doing it, the party after the verb the accuser (the source,
        no side). Only when both are named: «اتهمت الحكومة بقصف» may be the passive."""
        toks = self.doc.tokens
        t0 = d.head.tok_start
        if d.head.pos != "noun" or not toks[t0].norm.startswith("ب"):
            return None
        lo, _ = cuemod.sentence_bounds(toks, t0)
        for k in range(t0 - 1, max(lo, t0 - 12) - 1, -1):
            n = toks[k].norm
            if n in self.cues.clause_break and n not in ("،", ","):
                return None
            if rests(n) & ACCUSE_VERBS:
                between = [m for m in marked if k < m.tok < t0]
                if len(between) < 2 or self.idx.at(between[-1].end - 1) != t0 - 1:
                    return None
                return between[-1], between[:-1]
        return None

    def _passive_roles(self, d: Draft) -> list[tuple[str, Marked]]:
        """A passive verb's subject is what the act was done to: «واستُهدف حقل كورمور», «دُمّرت تسع مسيّرات».
        A party after it is the target, one before it names no doer; only an agent after «من قبل» or the means
        it struck with acts («قُتل شاب برصاص مسلحين مجهولين»)."""
        toks = self.doc.tokens
        out = []
        for r, m in d.participants:
            if r != "actor" or m.tok > 1 and toks[m.tok - 1].norm == "قبل" and toks[m.tok - 2].norm == "من" \
                    or by_means(toks, m.tok):
                out.append((r, m))
            elif m.tok >= d.head.tok_end:
                out.append(("target", m))
        return out

    def _passive(self, t: int) -> bool:
        """A past verb written with its passive vowel: a damma on the stem's first letter («قُتل», «أُصيب»)
        or, for the forms with a prefixed «ا», within its first four letters («اعتُقل», «استُهدف»). The
        present prefixes are left out: «يُطلق» is active."""
        word = self.doc.tokens[t].text
        if DAMMA not in word:
            return False
        letters = [(c, word[k + 1:k + 2] == DAMMA) for k, c in enumerate(word) if c.isalpha()]
        if len(letters) > 3 and letters[0][0] in "وف" and not letters[0][1]:
            letters = letters[1:]
        if not letters or letters[0][0] in "يتن":
            return False
        if letters[0][0] == "ا":
            return any(v for _, v in letters[1:4])
        return letters[0][1]

    def _claimant(self, d: Draft, marked: list[Marked]) -> Marked | None:
        """«أعلنت المقاومة الإسلامية، مساء أمس، استهداف قاعدة …», «تبنّت الكتائب تفجير عبوة»: an armed party
        that announces or claims the act itself (a verbal noun right after the claim, no «أن» between) did
        it; so does one right before the claim («المقاومة الإسلامية في العراق، تعلن استهداف …»). Only a
        verbal-noun trigger: «أعلن الجيش أن مسلحين هاجموا» names its own subject."""
        toks = self.doc.tokens
        t0 = d.head.tok_start
        if d.head.pos != "noun" or d.type not in REMOTE_TYPES + ("strike.air", "clash.armed", "explosion.ied"):
            return None
        lo, _ = cuemod.sentence_bounds(toks, t0)
        for k in range(t0 - 1, max(lo - 1, t0 - 14), -1):
            n = toks[k].norm
            if n in COMPLEMENTIZERS or n in self.cues.clause_break and n not in ("،", ","):
                return None
            if k in self.mention_starts:
                return None  # «أعلن المركز مقتل 17 عنصرًا في غارة نفذتها …»: the claim's object is another act
            if rests(n) & self.cues.claim_verbs - NOT_OWN_CLAIMS:
                party = next((m for m in marked if k < m.tok < t0 and m.entity is not None and m.armed), None)
                if party is None:  # a headline's subject first: «المقاومة الإسلامية في العراق، تعلن استهداف …»
                    party = next((m for m in reversed(marked) if m.tok < k and m.entity is not None and m.armed
                                  and self.idx.at(m.end - 1) >= k - 2), None)
                return party
        return None

    def _announcer(self, m: Marked, d: Draft) -> bool:
        """«أعلنت وزارة الصحة مقتل ثلاثة في قصف», «وثّق المرصد اعتقال …»: an unarmed party right after a verb
        of reporting, whose object is the verbal noun of the act, is its source, not a party to it (an armed
        one claims its own act: `_claimant`); so is a person right before a reporting word («بلينكن بإعلان
        الهدنة»), and a body the registry knows to be unarmed right before one («وزارة الصحة تعلن استشهاد
        ثلاثة مواطنين في غارة»)."""
        toks = self.doc.tokens
        t0 = d.head.tok_start
        # a state's forces do not plant roadside or suicide bombs: announcing one, they report it («أعلنت وزارة
        # الداخلية مقتل 19 في تفجير»)
        ent = self.entity_by_id.get(m.entity) if m.entity else None
        state_bomb = d.type in ("explosion.ied", "explosion.suicide") and ent is not None \
            and ent.category == "State forces"
        if (m.armed and not state_bomb) or m.entity is None or not 0 <= m.tok < t0 or t0 - m.tok > 8:
            return False
        if not nationality.nominal(toks, d.head):
            # «وأحصت المنظمة الدولية للهجرة نحو 600 ألف شخص فروا»: a body that counts or documents is the
            # source of a verb told of what it counted too
            return m.tok > 0 and toks[m.tok - 1].sentence == toks[t0].sentence \
                and bool(rests(toks[m.tok - 1].norm) & self.cues.documenting) and self._unarmed_body(m)
        # not any organisation right before the word: one the registry does not know may be armed
        # («القوات المسلحة اليمنية تعلن إسقاط مسيرة»)
        after = self.idx.at(m.end - 1) + 1
        if after < t0 and toks[after].sentence == toks[t0].sentence and rests(toks[after].norm) & self.cues.reporting:
            if self._person(m) and t0 <= after + 2:
                return True
            if (self._unarmed_body(m) or state_bomb) and not any(t.norm in COMPLEMENTIZERS for t in toks[after:t0]):
                return True
        if m.tok == 0:
            return False
        verb = toks[m.tok - 1]
        if verb.sentence != toks[t0].sentence or not rests(verb.norm) & self.reporting_or_counting:
            return False
        return not any(t.norm in COMPLEMENTIZERS for t in toks[m.tok:t0])

    def _condemner(self, m: Marked, d: Draft) -> bool:
        """«دانت وزارة الخارجية السورية العدوان الذي شنّه الاحتلال», «الخارجية الإيرانية تستنكر الهجوم»: the
        party right after or right before a verb of condemning, whose object holds the act, condemns it and is
        no party to it (it made the ministry the strike's actor). Not across «أن»: what follows is reported."""
        toks = self.doc.tokens
        t0 = d.head.tok_start
        if m.entity is None or not 0 <= m.tok < t0:
            return False
        after = self.idx.at(m.end - 1) + 1
        for k in (m.tok - 1, after):
            if 0 <= k < t0 and toks[k].sentence == toks[t0].sentence and t0 - k <= 15 \
                    and rests(toks[k].norm) & self.cues.condemning:
                return not any(t.norm in COMPLEMENTIZERS for t in toks[k:t0])
        return False

    def _repelled(self, d: Draft) -> list[tuple[str, Marked]]:
        """«تصدت الدفاعات الجوية السورية لعدوان إسرائيلي», «تصدي المقاومة لغارة»: who confronts a strike,
        shelling or drone attack told after «لـ» is what it was aimed at, not its doer (the air defences were
        the strike's actor; the repelling itself is an event of its own)."""
        toks = self.doc.tokens
        t0 = d.head.tok_start
        if d.head.pos != "noun" or d.type not in REMOTE_TYPES or not (
                toks[t0].norm.startswith("ل") and not d.head.lemma.startswith("ل")
                or t0 > 0 and toks[t0 - 1].norm in ("ل", "لـ")):
            return d.participants
        lo, _ = cuemod.sentence_bounds(toks, t0)
        verb = next((k for k in range(t0 - 1, max(lo, t0 - 8) - 1, -1)
                     if rests(toks[k].norm) & self.cues.repelling), None)
        if verb is None:
            return d.participants
        return [("target" if r == "actor" and verb < m.tok < t0 else r, m) for r, m in d.participants]

    def _demanded(self, d: Draft) -> list[tuple[str, Marked]]:
        """«تظاهر المئات مطالبين بمحاكمة رئيس الوزراء السابق نوري المالكي», «منددين بـ…»: a party named after
        a word of demand past the protest word is what the protest is aimed at, not who protests (the
        first party after the verb was read as its subject)."""
        toks = self.doc.tokens
        t1 = d.head.tok_end
        cues = [k for k in range(t1, min(len(toks), t1 + 12))
                if toks[k].sentence == toks[d.head.tok_start].sentence and rests(toks[k].norm) & self.cues.demanding]
        if not cues:
            return d.participants
        return [("target" if r == "actor" and m.tok > cues[0] else r, m) for r, m in d.participants]

    def _coordinated_subject(self, d: Draft, before: list[Draft]) -> list[tuple[str, Marked]]:
        """«اقتحمت قوات الاحتلال منزل الصحفي ناصر اللحام … واعتقلت نجليه»: a verb joined by «و/ف» to an earlier
        verb of its sentence shares that verb's subject; a party between the two is the earlier verb's object,
        not the later one's fronted subject (the journalist was taken for the arrester)."""
        toks = self.doc.tokens
        t0 = d.head.tok_start
        head = toks[t0].norm
        if d.head.pos != "verb" or head[:1] not in "وف" or d.head.lemma.startswith(head[:1]) \
                or self._passive(t0):
            return d.participants
        prev = next((k for k in reversed(before) if k.head.pos == "verb" and k.head.tok_end <= t0
                     and k.head.sentence == d.head.sentence), None)
        if prev is None:
            return d.participants
        subjects = [m for r, m in prev.participants if r == "actor" and m.tok < t0]
        between = [m for r, m in d.participants if r == "actor" and prev.head.tok_end <= m.tok < t0]
        if not subjects or not between:
            return d.participants
        kept = [(r, m) for r, m in d.participants if not any(m is b for b in between)]
        return [("actor", m) for m in subjects if all(m.start != x.start for _, x in kept)] + kept

    def _unarmed_body(self, m: Marked) -> bool:
        e = self.entity_by_id.get(m.entity) if m.entity else None
        return e is not None and e.actor_id in self.unarmed

    def _person(self, m: Marked) -> bool:
        e = self.entity_by_id.get(m.entity) if m.entity else None
        return e is not None and e.type == "PER"

    def _cited(self, m: Marked) -> bool:
        """«تظاهرت أمس الأول، بحسب المرصد»: a party named after «بحسب/وفقًا لـ/نقلًا عن» is the source."""
        toks = self.doc.tokens
        prev = [t.norm for t in toks[max(0, m.tok - 2):m.tok] if t.sentence == toks[m.tok].sentence]
        if not prev:
            return False
        if rests(prev[-1]) & SOURCE_PREPS - {"عن"}:
            return True
        if prev[-1] == "عن" and len(prev) == 2 and bool(rests(prev[0]) & {"نقلا"}):
            return True
        # «بحسب ما أفادت وكالة الأنباء», «وفق ما ذكرت تنسيقية "لجان …"»: the verb's subject, with one head word
        # before the name at most (quotes skipped)
        words = [t.norm for t in toks[max(0, m.tok - 6):m.tok]
                 if t.sentence == toks[m.tok].sentence and t.norm[:1].isalpha()][-4:]
        for k in (1, 2):
            if len(words) >= k + 2 and words[-k - 1] == "ما" and rests(words[-k]) & self.cues.reporting \
                    and rests(words[-k - 2]) & SOURCE_PREPS - {"عن"}:
                return True
        return False

    def _reporter(self, m: Marked, trig: int) -> bool:
        """Is the entity the subject of a report whose content holds the trigger: «أفاد مراسل الميادين بأن
        سلاح الجو استهدف», «قالت الوكالة إن تونس أعادت»? Not with «أنه/أنها» (the reporter did it)."""
        if m.tok >= trig:
            return False
        return any(t.norm in COMPLEMENTIZERS for t in self.doc.tokens[m.tok + 1:trig])

    def _attach_host(self, hosts: list[Mention], m: Mention) -> Mention:
        """The attack a death or injury belongs to: the nearest one by `_reach`."""
        return min(hosts, key=lambda h: self._reach(h.tok_start, h.tok_end, m.tok_start))

    def _reach(self, start: int, end: int, at: int) -> int:
        """How far a trigger at tokens [start, end) is from what it may own at token `at` (a death, a count).
        The consequence follows its cause («الهجوم على X الذي أدى إلى مقتل 22 بينهم 21 سائحًا، والهجوم على
        Y»): a trigger after it counts only when right after it in the same clause («مقتل 3 في غارة»)."""
        if start <= at < end:
            return 0
        if at < start:
            gap = start - at
            if gap <= CAUSE_AFTER and not any(t.norm in self.cues.clause_break
                                              for t in self.doc.tokens[at + 1:start]):
                return gap
            return gap + 1000
        return at - end + 1

    def _refine(self, d: Draft, drafts: list[Draft]) -> bool:
        """«استهدف عدوان جوي موقعين في ريفي القنيطرة ودرعا. واستهدف العدوان موقعين في عين النورية بريف
        القنيطرة، ومحيط صيدا»: the second sentence names the places of the same strikes more precisely. Move
        each event told before to the new place in its province; True when d was folded so."""
        if d.refers is None or d.location is None:
            return False
        family = [k for k in drafts if k.head is d.refers and k.location is not None]
        for k in family:
            if k.location is None:
                continue
            if _same_place(k.location, d.location):
                _absorb(k, d)
                return True
            finer = _rank(d.location) > _rank(k.location) or _rank(d.location) == _rank(k.location) == 1
            if finer and bool(k.location.admin1) and k.location.admin1 == d.location.admin1:
                k.location = d.location  # «ريفي القنيطرة ودرعا» -> «ريف القنيطرة الشمالي», «صيدا»
                _absorb(k, d)
                return True
        return False  # «قصفت الطائرات بلدة X ... كما استهدف القصف بلدة Y»: another town, another event

    def _habitual(self, lo: int, hi: int) -> bool:
        """Does the clause tell a habit («تظاهرات يومية», «عادةً»)? A habit word naming a publication
        («صحيفة حرييت اليومية») does not count."""
        toks = self.doc.tokens
        while lo < hi:
            i = cuemod.any_phrase(toks, lo, hi, self.cues.habitual)
            if i is None:
                return False
            if not any(rests(t.norm) & self.cues.habitual_not_after for t in toks[max(0, i - 4):i]):
                return True
            lo = i + 1
        return False

    def _verbal_attack(self, d: Draft) -> bool:
        """«هاجم غالانت نتنياهو», «هاجم أردوغان ماكرون»: a named person who «attacks» as the verb's subject
        criticises; an armed attack is told of forces, fighters or groups («هاجم مسلحون حاجزاً»)."""
        if d.head.pos != "verb" or d.head.lemma not in VERBAL_ATTACK_LEMMAS:
            return False
        return any(r == "actor" and self._person(m) for r, m in d.participants)

    def _means(self, real: Sequence[tuple[Mention, bool, bool]]) -> dict[int, Mention]:
        """Strikes told as the means of a killing just before them («اغتال الاحتلال قيادياً في حماس بغارة على
        رفح», «اغتيال قيادي بقصف»): id of the strike mention -> the killing. One event, not a second one whose
        actor would be read off the victim's side."""
        toks = self.doc.tokens
        out: dict[int, Mention] = {}
        ms = [m for m, _, _ in real]
        for k, m in enumerate(ms):
            # «بغارة», or «في غارة» («اغتيال القيادي في حزب الله علي حسين في غارة على بنت جبيل»)
            with_b = toks[m.tok_start].norm.startswith("ب") and not m.lemma.startswith("ب")
            # (not «في عدوان»: «العدوان» is as often the war as a strike)
            with_fi = m.tok_start > 0 and toks[m.tok_start - 1].norm in ("في", "خلال") \
                and m.lemma not in self.cues.war_lemmas
            if not m.type.startswith(MEANS_TYPES) or not (with_b or with_fi):
                continue
            prev = ms[k - 1] if k else None
            if prev is None or prev.sentence != m.sentence or id(prev) in out:
                continue
            # (a plain death, «قتل ثلاثة بقصف», already folds into the attack: `attach`)
            if prev.type.startswith("killing") and not self.lex.types[prev.type].attach \
                    and 0 <= m.tok_start - prev.tok_end <= (6 if with_b else 8):
                out[id(m)] = prev
            # «قصفت الفصائل حي الحمدانية بقذائف الهاون»: the shells are how the verb's attack was made
            elif with_b and prev.pos == "verb" and prev.type.startswith(MEANS_TYPES + ("clash", "attack")) \
                    and 0 <= m.tok_start - prev.tok_end <= 6:
                out[id(m)] = prev
        return out

    def _about_sport(self, m: Mention) -> bool:
        """Is the mention's sentence about sport (a sports word in it), with no one killed or hurt and no armed
        party in it («شن مسلحون هجوماً على حافلة المنتخب» is an attack)?"""
        toks, cues = self.doc.tokens, self.cues
        lo, hi = cuemod.sentence_bounds(toks, m.tok_start)
        words = [rests(toks[k].norm) for k in range(lo, hi)]
        if not any(w & cues.sport_words for w in words) or any(w & SPORT_BREAKERS for w in words):
            return False
        if any(e.category in ARMED_CATEGORIES for e in self.entities
               if toks[lo].start <= e.start < toks[hi - 1].end):
            return False
        return cuemod.any_phrase(toks, lo, hi, cues.casualty_nouns) is None

    def _heard(self, m: Mention, mentions: Sequence[Mention]) -> bool:
        """«سُمع دوي انفجارات … جراء استهداف طائرات الاحتلال منزلاً»: the booms heard are the sound of the
        attack the sentence tells, not an explosion of their own (alone, «دوي انفجار» stays an explosion)."""
        if not m.type.startswith("explosion") or m.tok_start == 0:
            return False
        toks = self.doc.tokens
        if not rests(toks[m.tok_start - 1].norm) & SOUND_WORDS:
            return False
        return any(x is not m and x.sentence == m.sentence and not x.type.startswith("explosion")
                   and self._acled(x.type)[0] in VIOLENT for x in mentions)

    def _not_an_event(self, m: Mention) -> bool:
        """Trigger words that tell no incident of their own: «احتجاجاً على» (in protest at), «لاذ أحدهم
        بالفرار» (a suspect escaping an arrest), «عملية ... استهدفت عناصر» (an operation, told by its outcome), a
        verb that is a place's name («تدمر», Palmyra)."""
        toks, cues = self.doc.tokens, self.cues
        tok = toks[m.tok_start]
        if m.pos == "verb" and any(p.start < tok.end and tok.start < p.end for p in self.places):
            return True  # «وإدلب وأريحا وتدمر»: the town the places stage resolved, not the verb «تدمر» (destroys)
        sent = toks[m.tok_start].sentence
        before = [t.norm for t in toks[max(0, m.tok_start - 6):m.tok_start] if t.sentence == sent]
        if cuemod.any_phrase(toks, m.tok_start, m.tok_start + 1, cues.adverbial) is not None:
            return not any(rests(n) & cues.adverbial_unless_before for n in before[-3:])
        if m.type == "movement.exit" and any(rests(n) & cues.escape_before for n in before[-3:]):
            return True
        if m.lemma in cues.sport_lemmas and self._about_sport(m):
            return True  # «صد هجمات الفريق المنافس», «انسحب اللاعب من المباراة»
        verb = toks[m.tok_start].norm
        if (not m.cued and m.pos == "verb" and self.lex.types[m.type].acled_event_type in VIOLENT
                and m.lemma == "استهدف" and (verb.endswith("ت") or verb.startswith("ت"))):
            # only «عملية (أمنية) ... استهدفت»: the verb agrees with the feminine «عملية/حملة» as its subject;
            # «خلال عملية عسكرية هاجم مسلحون» or «... استهدف الجيش» is an incident with its own subject
            lo, _ = cuemod.clause(toks, m.tok_start, m.tok_end, cues)
            near = [t.norm for t in toks[max(lo, m.tok_start - 5):m.tok_start]]
            return any(rests(n) & cues.operation_nouns for n in near)
        return False

    def _violent_protests(self, local: list[Draft]) -> list[Draft]:
        """A protest and storming, burning or fighting in one sentence is one riot, not two events."""
        protests = [d for d in local if d.type.startswith("protest") and not d.negated and not d.hypothetical]
        violent = [d for d in local if d.type in RIOT_ACTS and not d.negated and not d.hypothetical]
        if not protests or not violent:
            return local
        riot = protests[0]
        riot.type = "riot"
        for v in violent:
            riot.mentions.extend(v.mentions)
        return [d for d in local if d not in violent]

    def _source_place(self, m: Marked) -> bool:
        """Is the place part of a source phrase («مراسل الميادين في دمشق», «مصادر محلية في حي ...»)?"""
        toks = self.doc.tokens
        for t in toks[max(0, m.tok - 3):m.tok]:
            if t.sentence != toks[m.tok].sentence:
                continue
            if t.norm.startswith("مراسل") or rests(t.norm) & SOURCE_HEADS:
                return True
        # a city that speaks is its government: «بحسب أنقرة», «وهو ما تنفيه أنقرة», «أعلنت دمشق», «موسكو تؤكد»
        if m.tok == 0 or toks[m.tok - 1].sentence != toks[m.tok].sentence:
            return False
        before = toks[m.tok - 1].norm
        if rests(before) & (SOURCE_PREPS - {"عن"}) or self._speaks(before):
            return True
        end = self.idx.at(m.end - 1) + 1
        # (a verb after it speaks for it only in the present, as headlines write: «قصفت الطائرات حلب وأعلنت
        # المصادر», «غارات على دمشق قالت المصادر إنها …» are other clauses)
        return end < len(toks) and toks[end].sentence == toks[m.tok].sentence \
            and toks[end].norm[:1] in ("ت", "ي") and self._speaks(toks[end].norm)

    def _speaks(self, norm: str) -> bool:
        """A reporting or denying verb, with a pronoun object maybe («تنفيه»)."""
        forms = rests(norm) | rests(norm[:-1]) if norm.endswith("ه") else rests(norm)
        return bool(forms & (self.cues.reporting | self.cues.deny_verbs))

    def _acled(self, typ: str) -> tuple[str, str]:
        t = self.lex.types[typ]
        return t.acled_event_type, t.acled_sub_event_type

    def _tally(self, m: Mention) -> bool:
        """A death or wound counted in a tally, not told as an incident: «ومنذ مطلع 2023، سجّل المرصد 11 وفاة
        و20 إصابة على يد حرس الحدود», «84 % قتلوا نتيجة إطلاق نار»."""
        toks = self.doc.tokens
        lo, hi = cuemod.sentence_bounds(toks, m.tok_start)
        if any(t.norm in ("%", "بالمئه", "بالمايه", "المئه") for t in toks[lo:hi]):
            return True
        for k in range(lo, m.tok_start):
            if "منذ" in rests(toks[k].norm):
                nxt = toks[k + 1:k + 3]
                if any(rests(t.norm) & self.cues.statistic_since or t.norm.isdigit() and len(t.norm) == 4
                       or t.norm == "مطلع" for t in nxt):
                    return True
        return False

    def _violent_death(self, m: Mention) -> bool:
        """«استشهد شاب في جنين»: a verb of martyrdom says the death was violent; not «استشهد متأثرًا
        بجروحه», a death from an attack told before."""
        toks = self.doc.tokens
        if m.pos != "verb" or m.lemma not in self.cues.violent_deaths \
                or toks[m.tok_start].norm.lstrip("وف")[:1] in ("ي", "ت", "ن"):
            return False  # (a present tense, «يستشهدون وهم يهتفون», tells no incident)
        _, hi = cuemod.sentence_bounds(toks, m.tok_start)
        if any(t.norm in self.cues.of_wounds for t in toks[m.tok_end:hi]):
            return False
        return not any((t.norm[:1] == "ب" and not rests(t.norm) & self.cues.killer_cues) or t.norm in self.cues.citing
                       for t in toks[m.tok_end:min(hi, m.tok_end + 4)])

    def _perpetrator(self, m: Mention) -> bool:
        """Is a killer named for a death without an attack: «على يد / من قبل X», «برصاص X», «أعدم»?"""
        toks = self.doc.tokens
        lo, hi = cuemod.sentence_bounds(toks, m.tok_start)
        window = [t.norm for t in toks[max(lo, m.tok_start - 6):min(hi, m.tok_end + 8)]]
        if any(rests(t.norm) & self.cues.accident for t in toks[lo:hi]):
            return False  # «الدهس عن طريق الخطأ من قبل سائق الباص»
        return any(rests(n) & self.cues.killer_cues for n in window)

    def _sentence_actors(self, d: Draft, marked: list[Marked], others: list[int]) -> list[tuple[str, Marked]]:
        """No one in the trigger's clause: the first named party after it in the sentence, and those listed
        with it («اشتباكات ... حاول خلالها مقاتلون من فصائل إسلامية وجبهة النصرة دخول البلدتين»)."""
        toks = self.doc.tokens
        after = [m for m in marked if m.tok >= d.head.tok_end and m.entity is not None
                 and not any(d.head.tok_end <= o < m.tok for o in others)
                 # «أحرقوا العلم ... عقب الأنباء عن اللقاء مع الاحتلال»: a party after «مع/عن/ضد/إلى» is
                 # someone the sentence speaks of, not who acted
                 and m.marker not in ("against", "to", "via", "between")
                 and not (d.head.pos == "verb" and in_object_clause(toks, d.head.tok_end, m.tok))
                 and not (m.tok > 0 and rests(toks[m.tok - 1].norm) & {"مع", "عن"})]
        if not after:
            return []
        out = [("actor", after[0])]
        for m in after[1:]:
            if m.marker != "and" or m.start - out[-1][1].end > 8:
                break
            out.append(("actor", m))
        return out

    def _no_false_actors(self, d: Draft) -> list[tuple[str, Marked]]:
        """Drop actors that cannot be: who strikes or shells is a force, never a person named nearby (a
        spokesman, the one who announced it); and the same actor on both sides of a one-sided attack («أعلن
        الحشد ... قصف استهدف مقرًا للحشد») is the announcer, not the attacker (two sides of one group may still
        clash). The adjective of the attack («قصف أميركي») may then name the actor."""
        ents = self.entity_by_id
        remote = d.type in REMOTE_TYPES
        ident = {m.start: ents[m.entity].actor_id for _, m in d.participants
                 if m.entity in ents and ents[m.entity].actor_id and d.type != "clash.armed"}
        targets = {ident.get(m.start) for r, m in d.participants if r == "target"} - {None}
        return [(r, m) for r, m in d.participants
                if not (r == "actor" and (ident.get(m.start) in targets
                                          or (remote and m.entity in ents and ents[m.entity].type == "PER")))]

    def no_false_protesters(self, drafts: list[Draft]) -> None:
        """Drop protest actors that are `_no_protester`, however they were found (the clause, the sentence,
        the event before)."""
        ents = self.entity_by_id
        for d in drafts:
            if d.type in ("protest.peaceful", "riot"):
                d.participants = [(r, m) for r, m in d.participants if not (
                    r == "actor" and m.entity in ents and self._no_protester(ents[m.entity]))]

    @staticmethod
    def _no_protester(e: Entity) -> bool:
        """Forces, governments and places do not demonstrate: «تظاهرات ضد … الجيش», «تطالب بإسقاط زعيم هيئة
        تحرير الشام», «واستبقت الشرطة التظاهرات», «شهدت مأرب تظاهرات» (the place). In 200 unseen Al Mayadeen
        articles on protests, 15 protest actors were such; the settlers (an identity militia in the registry)
        who demonstrate in Tel Aviv stay."""
        return e.type == "LOC" or e.category in NO_PROTESTER_CATEGORIES

    def _adjective_actor(self, d: Draft, parties: list[Marked]) -> Marked | None:
        """«غارة أمريكية», «بطائرة مسيّرة تركية»: the nationality adjective of the trigger's phrase as the actor,
        linked to the article's entity for the same forces when there is one."""
        for m in d.mentions:
            if m.sentence != d.sentence:
                continue
            m_clause = cuemod.clause(self.doc.tokens, m.tok_start, m.tok_end, self.cues)
            # an unnamed means («بطائرة مسيّرة تركية») is the instrument, whose adjective names the forces
            spans = [(e.start, e.end) for e in self.doc.entities] + [
                (p.start, p.end) for p in parties if p.entity is not None
                or not any(r.startswith(self.instrument_words) for r in rests(_norm_word(p.text.split()[0])))]
            hit = nationality.adjective_actor(self.doc.tokens, m, m_clause, self.cues, spans, self.instrument_words)
            if hit is None:
                hit = self._subject_adjective(m)
            if hit is None:
                continue
            k, ids = hit
            tok = self.doc.tokens[k]
            start = tok.start
            for rest, pre in strips(tok.norm):  # «والإسرائيلية» -> «الإسرائيلية»
                if rest in self.cues.nationality_forces and pre and not pre.endswith("ال"):
                    start = tok.start + len(pre)
                    break
            owner = next((e.id for i in ids for e in self.entities if e.actor_id == i), None)
            mk, ti = marker(self.doc, self.idx, start)
            return Marked(start, tok.end, self.doc.text[start:tok.end], owner, mk, ti, True)
        return None

    def _subject_adjective(self, m: Mention) -> tuple[int, tuple[str, ...]] | None:
        """«الغارات الأميركية استهدفت», «قصف أميركي استهدف»: a verb whose subject, right before it, is an attack
        noun or a means with a nationality adjective: (the adjective's token, registry ids)."""
        toks = self.doc.tokens
        k = m.tok_start - 1
        if m.pos != "verb" or m.type not in nationality.ADJECTIVE_ACTOR_TYPES or k < 1 \
                or toks[k - 1].sentence != m.sentence:
            return None
        ids = next((self.cues.nationality_forces[r] for r in rests(toks[k].norm) if r in self.cues.nationality_forces),
                   None)
        head = rests(toks[k - 1].norm)
        if ids is None or not any(r.startswith(self.instrument_words) or any(
                f.pos == "noun" and f.type in nationality.ADJECTIVE_ACTOR_TYPES for f in self.lex.forms.get(r, ()))
                for r in head):
            return None
        return k, ids

    def _protesters(self, d: Draft) -> list[tuple[str, Marked]]:
        """«ورفع المتظاهرون شعارات»: the protesters named in the sentence or the two after it."""
        toks = self.doc.tokens
        lo, hi = cuemod.sentence_bounds(toks, d.head.tok_start)
        for _ in range(2):
            if hi < len(toks):
                hi = cuemod.sentence_bounds(toks, hi)[1]
        i = cuemod.any_phrase(toks, lo, hi, self.cues.protester_nouns)
        if i is None:
            return []
        t = toks[i]
        pre = next((p for r, p in strips(t.norm) if r.startswith(("متظاهر", "محتج", "المتظاهر", "المحتج"))), "")
        pre = pre[:-2] if pre.endswith("ال") else pre
        start = t.start + (len(pre) if self.doc.text[t.start:t.start + len(pre)] == pre else 0)
        return [("actor", Marked(start, t.end, self.doc.text[start:t.end], None, "", i))]

    def _unnamed_actors(self, s: int, ents: list[Entity]) -> list[Marked]:
        """Unnamed actors and victims as noun phrases («طائرات حربية تركية», «المتظاهرون», «عناصر التنظيم»):
        a head noun from `actor_nouns` plus up to two following words, outside any entity."""
        toks = self.doc.tokens
        lo, hi = cuemod.sentence_bounds(toks, self.idx.at(self.doc.sentences[s].start))
        out: list[Marked] = []
        i = lo
        while i < hi:
            tok = toks[i]
            hit = next(((r, p) for r, p in strips(tok.norm) if r in self.cues.actor_nouns and "ال" not in p[:-2]
                        and p in ("", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "فال")), None)
            if hit is None or any(e.start <= tok.start < e.end or tok.start <= e.start < tok.end for e in ents):
                i += 1
                continue
            pre = hit[1][:-2] if hit[1].endswith("ال") else hit[1]
            start = tok.start + (len(pre) if self.doc.text[tok.start:tok.start + len(pre)] == pre else 0)
            k = i + 1
            while k < hi and toks[k].norm == '"' and (i == 0 or toks[i - 1].norm != '"'):
                k += 1  # «قوات "الدعم السريع"»: news quotes the name after its noun (not «"جيش" الاحتلال»)
            if k == i + 1 and k + 1 < hi and toks[k].norm == "من" and hit[0] in self.cues.member_heads:
                k += 1  # «عناصر من الجيش السوري»: members of a party are that party
            owner = next((e for e in ents if k < hi and e.start == toks[k].start), None)
            if owner is not None and "ال" not in hit[1]:
                # «مدفعية الاحتلال», «طائرات العدو»: the noun and its owner are one party (the owner's)
                mk, ti = marker(self.doc, self.idx, start)
                after = self.idx.at(owner.end - 1) + 1
                end = toks[after].end if k > i + 1 and after < hi and toks[after].norm == '"' else owner.end
                out.append(Marked(start, end, self.doc.text[start:end], owner.id, mk, ti,
                                  (owner.category or "") in ARMED_CATEGORIES))
                i = self.idx.at(end - 1) + 1
                continue
            j = i + 1
            while j < hi and j - i <= 2 and toks[j].norm[:1].isalpha() and toks[j].norm not in self.cues.stop_after_noun \
                    and not toks[j].norm.startswith(("ب", "ل", "و")) and not any(
                        e.start <= toks[j].start < e.end for e in ents) and not self.lex.forms.keys() & rests(toks[j].norm) \
                    and _may_modify(hit, toks[i + 1:j], toks[j].norm):
                j += 1
            end = toks[j - 1].end
            mk, ti = marker(self.doc, self.idx, start)
            out.append(Marked(start, end, self.doc.text[start:end], None, mk, ti))
            i = j
        return out

    def _find(self, local: list[Draft], host: Mention, extra: Mention | None, neg: bool = False,
              hyp: bool = False) -> Draft:
        for d in local:
            if host in d.mentions:
                if extra is not None:
                    d.mentions.append(extra)
                return d
        d = Draft([host] + ([extra] if extra else []), host.type, host.sentence, neg, hyp)
        local.append(d)
        return d

    def _anaphor_host(self, drafts: list[Draft], m: Mention) -> Draft | None:
        """The earlier event a «الهجوم»/«حالات خروج» mention refers to: the last attack for an attack word
        without instrument, else the last event of the same type."""
        for d in reversed(drafts):
            if d.negated or d.hypothetical:
                continue
            if d.type == m.type or (not m.cued and self.lex.types[d.type].acled_event_type in VIOLENT):
                return d
        return None

    def _places_after(self, m: Mention, mentions: Sequence[Mention] = ()) -> bool:
        """Does the mention's sentence name a place after it (then it is a new event there)?
        «الضربات التي وجهت في سوريا أصابت مواقع قرب حلب والحسكة» — the places may sit beyond a relative clause,
        but not beyond the next trigger of `mentions` («تزايدت الهجمات ... وكان أبرزها الهجوم على متحف باردو»)."""
        lo, hi = cuemod.sentence_bounds(self.doc.tokens, m.tok_start)
        nxt = min((x.tok_start for x in mentions if x.tok_start >= m.tok_end), default=hi)
        a, b = self.doc.tokens[m.tok_end - 1].end, self.doc.tokens[max(nxt, m.tok_end) - 1].end
        return any(a <= p.start < b for p in self.places)

    def _possessed(self, m: Mention) -> bool:
        """«استهدافها ثكنة زبدين»: a verbal noun with a possessive pronoun (its agent), so the party after
        it is the object. Only «ها/هم/هما/هن»: a final «ه» is as often a «ة»."""
        if m.pos != "noun":
            return False
        norm = self.doc.tokens[m.tok_end - 1].norm
        return norm.endswith(("ها", "هم", "هما", "هن")) and not m.lemma.endswith(("ها", "هم", "هما", "هن"))

    def _pronoun_target(self, d: Draft, earlier: list[Draft]) -> None:
        """«تم القبض عليهم»: the people of the previous event are the target."""
        if not d.head.suffix_pronoun or any(r == "target" for r, _ in d.participants):
            return
        for prev in reversed(earlier):
            if prev.sentence >= d.sentence - 2:
                own = {m.start for _, m in d.participants}
                acts = [m for r, m in prev.participants if r == "actor" and m.start not in own]
                if acts:
                    d.participants.extend(("target", m) for m in acts)
                    return

    def _locations(self, d: Draft, clause: tuple[int, int], marked: list[Marked], places: list[Place],
                   drafts: list[Draft], others: list[int]) -> list[Place]:
        """The place(s) of the event: one per place in a coordinated list after the trigger. A place on the
        far side of another trigger of the sentence is that trigger's («خرج ... لكن تم القبض عليهم في انخل»)."""
        lo, hi = clause
        movement = d.type.startswith("movement.")
        best: tuple[tuple[int, int, int], int] | None = None
        t0, t1 = d.head.tok_start, d.head.tok_end
        owned = False  # the sentence's places all belong to its other triggers: no place of its own
        for k, m in enumerate(marked):
            if any(t1 <= o < m.tok or m.tok < o < t0 for o in others):
                owned = True
                continue
            if m.tok < t0 and not lo <= m.tok < hi and any(o < m.tok for o in others):
                owned = True  # «تدمير ... في ريفي حلب وإدلب، إضافةً إلى إسقاط طائرات»: the place follows the other
                continue
            if m.tok >= t1 and not lo <= m.tok < hi and self._before_own_trigger(m.tok, others):
                owned = True  # «أمطرت ... ردًا على تعرض بلدة الزبداني لهجوم»: the town is the other's
                continue
            if self._source_place(m):
                continue  # «بحسب ما أفاد به مراسل الميادين في دمشق»: where the reporter is
            if movement and m.tok >= t1 and any(rests(t.norm) & DESTINATION_WORDS
                                                for t in self.doc.tokens[t1:m.tok]):
                d.participants.append(("destination", m))  # «وكانت وجهتهم مناطق ... في حوض اليرموك»
                continue
            if m.marker == "to":
                if movement:
                    d.participants.append(("destination", m))
                continue
            if d.type in PARTY_TYPES and (m.marker == "between" or (
                    m.marker == "and" and k > 0 and marked[k - 1].marker == "between")):
                continue  # «الاتفاق بين أنقرة وواشنطن»: the capitals are the parties, not where it happened
            if movement and m.marker in ("via", "from"):
                d.participants.append(("via" if m.marker == "via" else "origin", m))
            after = m.tok >= d.head.tok_end
            inside = lo <= m.tok < hi
            group = (0 if after else 1) if inside else (2 if after else 3)
            if movement and m.marker in ("via", "from") and inside:
                group = -1 if m.marker == "via" else 0
            dist = abs(m.tok - d.head.tok_start)
            # «تعرض بلدة الزبداني في ريف دمشق لهجوم»: between a town and the province it lies in, the town
            # («قرية أرطاس شرقي بيت لحم»), then the side of a town («جنوبي دير البلح جنوبي قطاع غزة»)
            area = 2 if places[k].feature in AREA_FEATURES else (
                1 + int((places[k].precision or 3) >= 3) if places[k].feature == "region" else 0)
            key = (group, area, dist)
            if best is None or key < best[0]:
                best = (key, k)
        if best is None or best[0][0] > 0:  # nothing named right after it: «على مناطق في محيط البلدتين»
            pair = self._dual_places(d, clause)
            if pair:
                return pair
        if best is None:
            if self._country_level(d) or owned:
                return []  # «قصفت طائرات تركية مواقع في سوريا»: the country is the place; no point on the map
            inherited = self._inherit_place(d, drafts)
            return [inherited] if inherited else []
        first = best[1]
        if not movement:  # «ريفي القنيطرة ودرعا» with the town preferred: the list starts before it
            while first > 0 and places[first - 1].feature != "country" and \
                    self._coordinated(marked[first - 1], marked[first], places[first - 1], places[first]):
                first -= 1
        chosen = [places[first]]
        if movement or marked[first].marker == "between":
            return chosen  # («الطريق الرابط بين الحديدة وحرض»: one road between two towns, not two events)
        prev = first
        for k in range(first + 1, len(marked)):
            if not self._coordinated(marked[prev], marked[k], places[prev], places[k]):
                break
            if places[k].name and any(places[k].name == c.name for c in chosen):
                continue
            chosen.append(places[k])
            prev = k
        return chosen

    def _before_own_trigger(self, tok: int, others: list[int]) -> bool:
        """Does a trigger of another kind follow the place in the place's own clause («تعرض بلدة X لهجوم»)?"""
        _, hi = cuemod.clause(self.doc.tokens, tok, tok + 1, self.cues)
        return any(tok < o < hi for o in others)

    def _dual_places(self, d: Draft, clause: tuple[int, int]) -> list[Place]:
        """«البلدتين», «المدينتين» after the trigger: the last two places listed together before it («بلدتي
        الفوعة وكفريا»), within the sentence and the two before it."""
        toks = self.doc.tokens
        if not any(rests(t.norm) & DUAL_PLACE_WORDS for t in toks[d.head.tok_end:clause[1]]):
            return []
        lo = self.doc.sentences[max(0, d.sentence - 2)].start
        start = toks[d.head.tok_start].start
        before = [p for p in self.places if lo <= p.start < start and p.start >= self.doc.body_start]
        marks = mark_places(self.doc, self.idx, before)
        if len(before) >= 2 and before[-2].name != before[-1].name and \
                self._coordinated(marks[-2], marks[-1], before[-2], before[-1]):
            return before[-2:]
        return []

    def _coordinated(self, a: Marked, b: Marked, pa: Place | None = None, pb: Place | None = None) -> bool:
        """Is b listed after a («حلب والحسكة», «الفوعة وكفريا», «عين النورية ... ومحيط صيدا»)? Not when b
        only says where a lies («ريف إدلب، شمالي سوريا», «قرية X، في محافظة Y»): a wider area after a
        comma, or a direction phrase, is an apposition."""
        between = self.doc.text[a.end:b.start]
        words = [w for w in between.replace("(", " ").replace(")", " ").split() if w]
        wa = (not words and b.marker == "and") or any(w == "و" or (w.startswith("و") and len(w) > 1)
                                                      for w in map(_norm_word, words))
        if not wa and (_norm_word(b.text).startswith(DIRECTIONS) or (
                pa is not None and pb is not None and pb.feature in (*AREA_FEATURES, "region")
                and pa.feature not in (*AREA_FEATURES, "region"))):
            return False
        if b.marker == "and" and not words:
            return True
        norms = [_norm_word(w) for w in words]
        if not norms or len(norms) > 4:
            return False
        joined = False
        for w in norms:
            bare = w[1:] if w.startswith("و") and len(w) > 1 else w
            if w.startswith("و") or w in ("،", ","):
                joined = True
            if bare not in LIST_WORDS and bare not in PUNCT and w not in PUNCT and bare != "":
                return False
        return joined

    def _country_level(self, d: Draft) -> bool:
        """Does the sentence say where only vaguely: a country, or an area with no point («شمال سوريا»)?"""
        sent = self.doc.sentences[d.sentence]
        return any(sent.start <= p.start < sent.end and (p.feature == "country" or p.lat is None)
                   for p in self.doc.places)

    def _inherit_place(self, d: Draft, drafts: list[Draft]) -> Place | None:
        """No place in the sentence: the most recent place of the text before it, a few sentences back."""
        toks = self.doc.tokens
        slo, shi = cuemod.sentence_bounds(toks, d.head.tok_start)
        if any(rests(toks[k].norm) & self.cues.quoted_site_heads and toks[k + 1].norm == '"'
               for k in range(slo, shi - 1)):
            return None  # «شرقي موقع "بركة ريشا"»: the sentence names its own place, one the gazetteer lacks
        start = toks[d.head.tok_start].start
        lo = self.doc.sentences[max(0, d.sentence - INHERIT_SENTENCES)].start
        before = [p for p in self.places if lo <= p.start < start and p.start >= self.doc.body_start
                  and not any(a <= self.idx.at(p.start) < b for a, b in self.flagged_spans)]
        return before[-1] if before else None

    def _places_in_clause_after(self, m: Mention) -> bool:
        _, hi = cuemod.clause(self.doc.tokens, m.tok_start, m.tok_end, self.cues)
        a, b = self.doc.tokens[m.tok_end - 1].end, self.doc.tokens[hi - 1].end
        return any(a <= p.start < b for p in self.places)

    def _of_a_day(self, m: Mention, drafts: list[Draft]) -> bool:
        """«هجمات اليوم», «غارات أمس» with an event of the kind already told: those attacks, not new ones."""
        toks = self.doc.tokens
        if m.tok_end >= len(toks) or toks[m.tok_end].sentence != m.sentence or \
                toks[m.tok_end].norm not in DAY_WORDS:
            return False
        return self._anaphor_host(drafts, m) is not None

    def _definite_plural(self, m: Mention) -> bool:
        """«الهجمات», «والضربات»: a definite plural trigger noun (attacks in general, or known ones)."""
        toks = self.doc.tokens
        if not any(("ال" in pre or pre.endswith("لل")) and rest.endswith("ات") and rest in self.lex.forms
                   for rest, pre in strips(toks[m.tok_start].norm)):
            return False
        before = [t.norm for t in toks[max(0, m.tok_start - 3):m.tok_start] if t.sentence == m.sentence]
        # «نفذ طيران التحالف سلسلة من الغارات على القاعدة»: carried out, so an incident
        return not any(cuemod.word_matches(n, w) for n in before for w in self.cues.performed_before)

    def _quantities(self, d: Draft, local: list[Draft], s: int,
                    folded: list[tuple[Mention, Draft]]) -> None:
        sent = self.doc.sentences[s]
        for q in self.doc.quantities:
            if not sent.start <= q.start < sent.end:
                continue
            qt = self.idx.at(q.start)

            def dist(x: Draft, qt: int = qt) -> int:
                return min(self._reach(m.tok_start, m.tok_end, qt) for m in x.mentions)

            real = [x for x in local if not x.negated and not x.hypothetical] or local
            real = real + [Draft([m], host.type, s) for m, host in folded]
            if min(real, key=dist) is d and q not in d.quantities:
                d.quantities.append(q)

    def _merge_same_sentence(self, out: list[Draft]) -> list[Draft]:
        kept: list[Draft] = []
        for d in out:
            t = self.lex.types[d.type]
            for k in kept:
                kt = self.lex.types[k.type]
                siblings = k.head is d.head  # parts of one trigger split over a list of places
                # «الهجوم على متحف باردو ... والهجوم على فندق في سوسة»: two places, two events (ACLED)
                apart = k.location is not None and d.location is not None and not _same_place(k.location, d.location)
                if (kt.acled_event_type, kt.acled_sub_event_type) == (t.acled_event_type, t.acled_sub_event_type) \
                        and k.negated == d.negated and k.hypothetical == d.hypothetical and not siblings \
                        and not apart:
                    _absorb(k, d)
                    break
            else:
                kept.append(d)
        return kept

    def _merge_into(self, drafts: list[Draft], d: Draft, title: bool) -> bool:
        """Merge a new draft into an earlier one that reports the same event."""
        if d.negated or d.hypothetical:
            return False
        if title:  # the headline sums up the lead: the first body event of its kind («قصف» for «غارات»),
            kind = self._acled(d.type)  # or the one at the headline's place
            # (a cued headline word of another sub-type still sums up a body event of its kind at the same place:
            # «المقاومة تستهدف مستوطنة "شتولا" وتسقط مسيّرة» — the drone is the one downed, not the means)
            same = [k for k in drafts if not k.negated and not k.hypothetical
                    and k.sentence >= self._first_body_sentence()
                    and (k.type == d.type or self._acled(k.type)[0] == kind[0] and (
                        not d.head.cued or d.location is not None and k.location is not None
                        and _same_place(k.location, d.location)))]
            if not same:
                return False
            placed = [k for k in same if d.location is not None and k.location is not None
                      and _same_place(k.location, d.location)]
            _absorb((placed or same)[0], d)
            return True
        for k in reversed(drafts):
            if k.type != d.type or k.negated or k.hypothetical:
                continue
            tk, td = self._draft_time(k), self._draft_time(d)
            if tk is not None and td is not None and tk != td and not title:
                continue  # «وقبل أيام ... غارة» is not the strike told «فجر اليوم» (or in a sentence after it)
            same_loc = k.location is not None and d.location is not None and _same_place(k.location, d.location)
            if same_loc or title or \
                    (d.location is None and d.sentence - k.sentence <= 2 and not _other_counts(k, d)):
                _absorb(k, d)
                return True
        return False

    def _first_body_sentence(self) -> int:
        return next((i for i, x in enumerate(self.doc.sentences) if x.start >= self.doc.body_start), 0)

    def _sentence_time(self, s: int) -> str | None:
        sent = self.doc.sentences[s]
        for t in self.doc.times:
            if t.span_start is not None and sent.start <= t.span_start < sent.end:
                return f"{t.start}/{t.end}" if t.start else t.text
        return None

    def _own_time(self, d: Draft) -> str | None:
        """The time expression of the draft's own sentences, if any (no inheritance from sentences before)."""
        return next((t for t in map(self._sentence_time, sorted({m.sentence for m in d.mentions})) if t), None)

    def _draft_time(self, d: Draft) -> str | None:
        """The time of a draft: that of the first of its sentences that has one («فجر اليوم» told in the
        sentence after a lead that has none)."""
        for s in sorted({m.sentence for m in d.mentions} | {d.sentence}):
            t = self._effective_time(s)
            if t is not None:
                return t
        return None

    def _effective_time(self, s: int) -> str | None:
        """The time a sentence's events are dated by: its own time expression, else the last one of the
        body before it (what `dates` would give). Two mentions dated differently are two incidents."""
        own = self._sentence_time(s)
        if own is not None or self.doc.sentences[s].start < self.doc.body_start:
            return own
        for k in range(s - 1, -1, -1):
            if self.doc.sentences[k].start < self.doc.body_start:
                break
            t = self._sentence_time(k)
            if t is not None:
                return t
        return None

    # -- dates ----------------------------------------------------------------------------------------
    def dates(self, drafts: list[Draft]) -> None:
        """The time expression of the sentence (nearest to the trigger), else the last one before it,
        else the publication date at precision 2; never a date from nothing."""
        times = sorted((t for t in self.doc.times if t.span_start is not None and not self._relative_to_event(t)
                        and not self._of_another_event(t) and not self._since_long_ago(t)),
                       key=lambda t: t.span_start or 0)
        fallback = _published_week(self.doc.published)
        pub = self.doc.published
        # what is told as having happened happened by the publication: «بعد أقل من أسبوع على إعلان …» counts
        # from another event, and a later date is never this one's (a plan or a threat may be dated later)
        past = [t for t in times if not (pub and t.start and t.start > pub)]
        for d in drafts:
            cands = times if d.hypothetical else past
            here: list[When] = []
            for m in d.mentions:  # the first of the event's sentences next to its head that has a time
                if abs(m.sentence - d.sentence) > 1:
                    continue
                sent = self.doc.sentences[m.sentence]
                trig = self.doc.tokens[m.tok_start].start
                here = [t for t in cands if sent.start <= (t.span_start or 0) < sent.end]
                if here:
                    break
            sent = self.doc.sentences[d.sentence]
            if here:
                t = min(here, key=lambda t: (self._reporting_time(t, trig), abs((t.span_start or 0) - trig)))
                d.date = t if t.start else None
                continue
            before = [t for t in cands if (t.span_start or 0) < sent.start and (t.span_start or 0) >= self.doc.body_start]
            if before and background.long_ago(before[-1].start, self.doc.published, background.INHERIT_DAYS):
                d.date = fallback  # «... منذ عام 1948. ويكثّف الاحتلال قصفه»: history, not this incident's day
            elif before:
                d.date = before[-1] if before[-1].start else None
            else:
                d.date = fallback

    def _of_another_event(self, t: When) -> bool:
        """«وترافقت الحملة التي انطلقت بعد لقاء مطول بين وزيري البلدين يوم الأربعاء»: a time closing a phrase
        opened by «بعد/قبل/عقب/إثر» and a noun phrase of several words with no trigger dates that other happening,
        not the events («خرجت مظاهرات بعد صلاة الجمعة» is timed by it)."""
        toks = self.doc.tokens
        i0 = self.idx.at(t.span_start or 0)
        for k in range(i0 - 1, max(-1, i0 - 11), -1):
            if toks[k].sentence != toks[i0].sentence or toks[k].norm in self.cues.clause_break or \
                    k in self.mention_starts:
                return False
            if toks[k].norm in AFTER_BEFORE:
                return i0 - k > OTHER_HAPPENING_WORDS
        return False

    def _since_long_ago(self, t: When) -> bool:
        """«تخوض المقاومة، منذ أكثر من 7 أشهر، اشتباكات»: a time after «منذ» starting long before publication
        is when a state began, not the day of anything told."""
        toks = self.doc.tokens
        words = (t.text or "").split()
        i0 = self.idx.at(t.span_start or 0)
        opened = bool(words) and "منذ" in rests(_norm_word(words[0])) or (
            i0 > 0 and toks[i0 - 1].sentence == toks[i0].sentence and "منذ" in rests(toks[i0 - 1].norm))
        return opened and background.long_ago(t.start, self.doc.published)

    def _relative_to_event(self, t: When) -> bool:
        """«بعد ثلاث سنوات من قطعها», «قبل أيام من الهجوم»: counted from another event, not from the
        publication date, so it dates nothing by itself."""
        words = (t.text or "").split()
        if not words or _norm_word(words[0]) not in ("بعد", "قبل", "وبعد", "وقبل") or len(words) < 2:
            return False
        i = self.idx.at(t.span_end or 0)
        toks = self.doc.tokens
        if i < len(toks) and toks[i].start < (t.span_end or 0):
            i += 1
        return i < len(toks) and toks[i].sentence == toks[self.idx.at(t.span_start or 0)].sentence \
            and toks[i].norm in ("من", "علي")

    def _reporting_time(self, t: When, trig: int) -> bool:
        """«أفاد مسؤول للميادين، فجر الأحد، بأن هجوما استهدف أمس السبت»: a time before «أن» that opens the
        reported clause dates the report, not the event."""
        if (t.span_end or 0) > trig:
            return False
        between = self.doc.text[t.span_end or 0:trig]
        return any(w in ("ان", "بان", "انه", "بانه", "انها", "بانها") for w in map(_norm_word, between.split()))

    # -- output ---------------------------------------------------------------------------------------
    def to_event(self, n: int, d: Draft) -> Event:
        et = self.lex.types[d.type]
        h = d.head
        toks = self.doc.tokens
        trig = self.doc.span(toks[h.tok_start].start, toks[h.tok_end - 1].end)
        if d.type == "territory.nonstate_takes" and self._state_actor(d):
            et = self.lex.types["territory.government_regains"]
        seen: set[tuple[str, str]] = set()
        plist = []
        sides: dict[str, str] = {}  # «أكدت كتائب المجاهدين ... استهدافها»: one party is not both sides
        for r, m in d.participants:
            key = (r, _norm_word(m.text))
            if r in ("actor", "target") and sides.setdefault(key[1], r) != r:
                continue
            if d.location is not None and m.entity == d.location.id and d.type in PARTY_TYPES:
                continue  # «هدنة في غزة»: where a deal holds is not a party to it
            if key not in seen:
                seen.add(key)
                plist.append(Participant(r, m.text, m.start, m.end, m.entity))
        parts = tuple(plist)
        killed = [q for q in d.quantities if q.kind == "killed" and q.low is not None]
        fatal = int(killed[0].low) if killed and killed[0].low is not None else None
        if fatal is None and self._one_death(d):
            fatal = 1
        if fatal is None and self._no_casualties(d):
            fatal = 0
        conf = 0.5 + 0.1 * bool(d.location) + 0.1 * bool(parts) + 0.1 * (len(d.mentions) > 1)
        return Event(
            id=f"ev{n}", type=et.id, acled_event_type=et.acled_event_type, acled_sub_event_type=et.acled_sub_event_type,
            plover=et.plover, trigger=trig, evidence=self.doc.sentences[d.sentence], participants=parts,
            location=d.location.id if d.location else None, date=d.date, fatalities=fatal,
            quantities=tuple(d.quantities), negated=d.negated, hypothetical=d.hypothetical,
            confidence=round(min(conf, 0.9), 2))

    def _one_death(self, d: Draft) -> bool:
        """«ضابطاً سورياً استشهد», «ما أدى إلى مقتله»: a singular death with no count in the sentence."""
        deaths = [m for m in d.mentions if m.type == "killing"]
        if any(q.kind == "killed" for q in self.doc.quantities
               if any(self.doc.sentences[m.sentence].start <= q.start < self.doc.sentences[m.sentence].end
                      for m in deaths)):
            return False
        for m in d.mentions:
            if m.type != "killing":
                continue
            norm = readings(self.doc.tokens[m.tok_start].norm)
            words = {r for r, _ in norm}
            if m.pos == "verb" and (m.lemma in words or m.lemma + "ت" in words):
                return True
            if m.pos == "noun" and any(w in (m.lemma + "ه", m.lemma + "ها") for w in words):
                return True
        return False

    def _no_casualties(self, d: Draft) -> bool:
        """«لم يسفر عن وقوع أي إصابات», «والأضرار تقتصر على الماديات» in the event's sentences or the next one."""
        if self.lex.types[d.type].acled_event_type not in VIOLENT:
            return False
        toks = self.doc.tokens
        for m in {m.sentence: m for m in d.mentions}.values():  # once per sentence
            lo, hi = cuemod.sentence_bounds(toks, m.tok_start)
            if hi < len(toks):
                hi = cuemod.sentence_bounds(toks, hi)[1]
            if cuemod.any_phrase(toks, lo, hi, self.cues.no_casualties) is not None:
                return True
            i = cuemod.any_phrase(toks, lo, hi, self.cues.no_casualties_neg)
            if i is not None and cuemod.any_phrase(toks, i + 1, min(hi, i + 8), self.cues.casualty_nouns) is not None:
                return True
        return False

    def _state_actor(self, d: Draft) -> bool:
        """Is an actor state forces: by the registry's category, or an army the registry does not know
        («سيطر الجيش على بلدة خان شيخون», «سيطر الجيش الصومالي على بلدة عيل بور»)?"""
        cats = {e.id: (e.category or "") for e in self.doc.entities}
        return any(r == "actor" and (
            "state" in cats.get(m.entity or "", "").lower() and "non-state" not in cats.get(m.entity or "", "").lower()
            or not cats.get(m.entity or "") and _unnamed_army(_norm_word(m.text))) for r, m in d.participants)


#: A trigger this close after a death or a count («مقتل 3 في غارة», «جراء قصف») is its cause.
CAUSE_AFTER = 4


def _inherit_actors(drafts: list[Draft], lex: EventLexicon) -> None:
    """«أمطرت الفصائل البلدات بالقذائف ... وأفاد المرصد عن 300 قذيفة سقطت على الفوعة»: an event told with no
    actor, right after one of the same kind with an actor, continues its story."""
    ordered = sorted(drafts, key=lambda x: x.sentence)
    for i, d in enumerate(ordered):
        if d.negated or d.hypothetical or any(r == "actor" for r, _ in d.participants):
            continue
        kind = lex.types[d.type].acled_event_type
        for k in reversed(ordered[:i]):
            if d.sentence - k.sentence > 1:
                break
            if lex.types[k.type].acled_event_type == kind and not k.negated and not k.hypothetical:
                d.participants.extend((r, m) for r, m in k.participants if r == "actor")
                break


def _other_counts(k: Draft, d: Draft) -> bool:
    """Do the two drafts count different numbers of the same thing («اعتقل 16 شخصا» / «القبض على 13
    عنصرا»)? Then they are two incidents, not two mentions of one."""
    kq = {q.kind: (q.low, q.high) for q in k.quantities}
    return any(q.kind in kq and kq[q.kind] != (q.low, q.high) for q in d.quantities)


def _fold_unplaced(drafts: list[Draft], country_level: Callable[[Draft], bool],
                   when: Callable[[Draft], str | None] = lambda d: None) -> list[Draft]:
    """A country-level summary («نفذت قوات التحالف تسع ضربات جوية في سوريا»), or a lead with no place («أعلنت
    الوزارة أنها اعتقلت 16 شخصًا»), followed within two sentences by the same type at named places is their
    summary, not one more event: fold it into the first of them."""
    out: list[Draft] = []
    for d in drafts:
        if d.negated or d.hypothetical:
            out.append(d)
            continue
        later = []
        if d.location is None and country_level(d):
            later = [k for k in drafts if k is not d and k.type == d.type and k.location is not None
                     and 0 <= k.sentence - d.sentence <= 2 and not k.negated and not k.hypothetical]
        elif d.location is not None and d.location.feature in AREA_FEATURES + ("region",):
            # «استهدف سلاح الجو مقار المسلحين في ريف إدلب» then «... في محيط مدينة أريحا»: the area sums them up
            later = [k for k in drafts if k is not d and k.type == d.type and k.location is not None
                     and 0 < k.sentence - d.sentence <= 2 and not k.negated and not k.hypothetical
                     and _inside(k.location, d.location) and when(k) in (None, when(d))]
        if later:
            _absorb_into_front(later[0], d)
            for sib in later[1:]:  # the other places of the same trigger share its actors
                if sib.head is later[0].head:
                    _absorb_into_front(sib, d, quantities=False)
            continue
        out.append(d)
    return out


#: How far a town may lie from the centre of an area (a province, a countryside) it is said to be in.
AREA_KM = 60.0


def _inside(p: Place, area: Place) -> bool:
    """Is the point-like place p within the area (same province, or near the area's centre)?"""
    if p.feature in AREA_FEATURES + ("region", "country"):
        return False
    if p.admin1 and area.admin1:  # both known: the province decides
        return p.admin1 == area.admin1
    if None in (p.lat, p.lon, area.lat, area.lon):
        return False
    return _km(p.lat or 0.0, p.lon or 0.0, area.lat or 0.0, area.lon or 0.0) <= AREA_KM


def _km(a: float, b: float, c: float, d: float) -> float:
    r = math.pi / 180
    h = math.sin((c - a) * r / 2) ** 2 + math.cos(a * r) * math.cos(c * r) * math.sin((d - b) * r / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _absorb_into_front(k: Draft, d: Draft, quantities: bool = True) -> None:
    have = {(r, m.start) for r, m in k.participants}
    k.participants[:0] = [(r, m) for r, m in d.participants if (r, m.start) not in have]
    if quantities:
        k.quantities[:0] = [q for q in d.quantities if q not in k.quantities]


def _absorb(k: Draft, d: Draft) -> None:
    k.mentions.extend(m for m in d.mentions if m not in k.mentions)
    have = {(r, m.start) for r, m in k.participants}
    k.participants.extend((r, m) for r, m in d.participants if (r, m.start) not in have)
    have_q = {(q.kind, q.low, q.high) for q in k.quantities}
    k.quantities.extend(q for q in d.quantities if (q.kind, q.low, q.high) not in have_q)
    if _specific(d.location) > _specific(k.location):
        k.location = d.location


AREA_FEATURES = ("admin1", "admin2")


def _same_place(a: Place, b: Place) -> bool:
    """The same place, or a place and the province/region it lies in («قاعدة رميلان» / «محافظة الحسكة»)."""
    if a.id == b.id:
        return True
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True
    if bool(a.name) and a.name == b.name:
        return True
    if (a.feature == "facility" or b.feature == "facility") and _core_name(a.text) and \
            _core_name(a.text) == _core_name(b.text):
        return True  # «قاعدة رميلان» and «الرميلان»: a base named after its town
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None and \
            abs(a.lat - b.lat) < 0.01 and abs(a.lon - b.lon) < 0.01:
        return True  # the same point (places the gazetteer did not name)
    return bool(a.admin1) and a.admin1 == b.admin1 and (a.feature in AREA_FEATURES or b.feature in AREA_FEATURES)


#: Words naming the kind of facility before its proper name («قاعدة رميلان», «مطار المزة»).
FACILITY_WORDS = frozenset(("قاعده", "مطار", "معمل", "مصفاه", "ميناء", "معبر", "حقل", "سجن", "مستشفي", "العسكريه",
                            "الجويه", "العسكري", "الجوي", "الدولي"))


def _core_name(text: str) -> str:
    """The proper name of a place without facility words and articles: «قاعدة رميلان العسكرية» -> «رميلان»."""
    words = [w for w in map(_norm_word, text.split()) if w not in FACILITY_WORDS]
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def _rank(p: Place) -> int:
    """How precise a place is: areas 1, cities 2, towns 3, villages, quarters, camps and facilities 4."""
    f = p.feature or ""
    if f in AREA_FEATURES or f == "region":
        return 1
    return {"city": 2, "town": 3}.get(f, 4)


def _specific(p: Place | None) -> int:
    return 0 if p is None else (1 if p.feature in AREA_FEATURES else 2)


def _unnamed_army(name: str) -> bool:
    """«الجيش», «الجيش الصومالي», «القوات الحكومية»: an army named by its country, or by nothing (the
    registry's «الجيش الوطني السوري», «الجيش الحر» have a category and never get here; their words are
    excluded all the same)."""
    if name in STATE_NOUNS:
        return True
    words = name.split()
    return len(words) == 2 and words[0] in ("الجيش", "جيش") and words[1].endswith("ي") \
        and words[1] not in ("الوطني", "الحر", "الشعبي", "الاسلامي")


def _norm_word(w: str) -> str:
    return normalize(w).strip('"«»\'')


def _published_week(published: str | None) -> When | None:
    """The publication date as an event date: the day before it through it, precision 2."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return When((day - timedelta(days=1)).isoformat(), day.isoformat(), 2, None)


__all__ = ["extract", "Sentence", "Span"]


def _may_modify(head: tuple[str, str], after: Sequence[Token], word: str) -> bool:
    """Can `word` still belong to the noun phrase of an unnamed actor's `head` ((rest, proclitics)), `after`
    the phrase's words so far? Once the phrase is definite (its head, or a genitive: «عناصر الأمن») only
    definite adjectives follow («القوات الحكومية»): an indefinite word is the verb's object («اعتقلت القوات
    شبانا», «قصفت الطائرات منازل المدنيين»). A sound plural keeps its «ن» only without a genitive, so what
    follows it is an adjective with the same ending («مسلحون مجهولون», not «مسلحون طفلين»); a plural in «ات»
    takes a feminine one («طائرات حربية», «مسيرات انتحارية»), not a verb («مقاتلات أقلعت»)."""
    rest, pro = head
    if word in NOT_MODIFIERS or word in ALEF_LAM_NOUNS:
        # «قصفت طائرات حربية مدينة إدلب», «اعتقلت قوات الأمن الناشط», «استهدفت المقاومة آلية»: the object begins
        return False
    if pro.endswith(("ال", "لل")) or rest.startswith("ال") or any(t.norm.startswith("ال") for t in after):
        if not after and rest.endswith("ات") and not word.endswith(("ه", "ات")):
            return False  # «قصفت الطائرات المواقع»: a definite «ات» plural takes a feminine adjective
        return word.startswith("ال")
    for end in ("ون", "ين"):  # not «ان»: «طيران», «شبان», «سكان» are no duals
        if rest.endswith(end):
            return word.endswith(end)
    if rest.endswith("ات"):  # a thing plural takes a feminine adjective («مقاتلات تركية») or a genitive
        return word.endswith(("ه", "ات")) or word.startswith("ال")  # («طائرات الاحتلال»), not «مقاتلات أقلعت»
    return True
