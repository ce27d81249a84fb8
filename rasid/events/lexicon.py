"""The event lexicon: ontology types and the inflected trigger forms generated from their lemmas.

Arabic triggers come in many shapes («قصف/قصفت/يقصفون/القصف/بقصفها»). Rather than a stemmer, the data
file lists lemmas and this module generates the inflected forms once, at load time, into a dict keyed by
the normalised word without proclitics. Matching is then one dict lookup per proclitic split.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.errors import ResourceError
from rasid.text import normalize

# Object/possessive pronoun suffixes a verb or noun may carry («قصفها», «مقتله», «اعتقالهم»).
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن")
_PAST_SUFFIXES = ("", "ت", "وا", "تا", "ا", "ن", "نا", "تم", "و")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ين")


@dataclass(frozen=True)
class EventType:
    """One native type of the ontology."""

    id: str
    definition: str
    en: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str | None
    attach: bool = False  # folds into another event of the same sentence when there is one
    standalone: bool = True  # may form an event on its own
    # not standalone, yet an event when the sentence names who did it («أصيب شاب برصاص الاحتلال»)
    with_perpetrator: bool = False


@dataclass(frozen=True)
class TriggerForm:
    """What a matched word means: its type, lemma, part of speech and the words that must follow."""

    type: str
    lemma: str
    pos: str
    refine: bool = False
    next: tuple[tuple[str, ...], ...] = ()  # alternatives, each a sequence of word-prefixes
    present: bool = False  # a present-tense verb form (a «سـ» before it makes it future)
    near: tuple[str, ...] = ()  # one of these word-prefixes must occur among the next four words
    unless: frozenset[str] = frozenset()  # whole tokens, proclitics and all, that are another word («سلبا»)
    retype: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()  # (type, phrases of word-prefixes) near
    near_window: int = 4  # how many words after the trigger `near` looks at («فرّقت قوات الأمن العراقية بالرصاص
    # الحي متظاهرين»: a verb's subject stands between it and its object)


@dataclass(frozen=True)
class PhraseSet:
    """Cue phrases indexed by their first word, so checking a token costs one set intersection.
    A word ending in '*' matches by prefix."""

    phrases: tuple[tuple[str, ...], ...]
    by_first: Mapping[str, tuple[tuple[str, ...], ...]]
    prefixed: tuple[tuple[str, ...], ...]  # phrases whose first word is a prefix
    prefix_heads: tuple[str, ...] = ()  # those first words without their '*', for one startswith test per token

    @classmethod
    def of(cls, phrases: Sequence[Sequence[str]]) -> PhraseSet:
        by: dict[str, list[tuple[str, ...]]] = {}
        pre: list[tuple[str, ...]] = []
        for ph in phrases:
            t = tuple(ph)
            if t[0].endswith("*"):
                pre.append(t)
            else:
                by.setdefault(t[0], []).append(t)
        return cls(tuple(tuple(p) for p in phrases), {k: tuple(v) for k, v in by.items()}, tuple(pre),
                   tuple(sorted({ph[0][:-1] for ph in pre})))

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self.phrases)

    def __len__(self) -> int:
        return len(self.phrases)


@dataclass(frozen=True)
class Cues:
    """Cue words for negation, hypotheticals, certainty and sources (see rasid/data/event_cues.json)."""

    negation_before: PhraseSet
    negation_after: PhraseSet
    hypothetical_before: PhraseSet
    alleged: PhraseSet
    rumored: PhraseSet
    reporting: frozenset[str]
    claim_verbs: frozenset[str]
    sources: tuple[tuple[tuple[str, ...], str], ...]  # (phrase words, source type), longest first
    sources_by_first: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]  # the same, by first word
    source_stop: frozenset[str]
    clause_break: frozenset[str]
    generic_before: frozenset[str] = frozenset()  # «حالات خروج», «الذين خرجوا»: a mention of known events
    ordinal_before: frozenset[str] = frozenset()  # «ثاني هجوم»: like «الهجوم», a known event if there is one
    same_as_previous_after: frozenset[str] = frozenset()  # «و14 ضربة أخرى»: the type of the previous trigger
    figurative: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # lemma -> word prefixes after
    figurative_window: Mapping[str, int] = field(default_factory=dict)  # lemma -> words to look at (default 2)
    # lemma -> words one of which must follow within four tokens when the trigger is read with a «و» proclitic
    # that may be the word's own first letter («وفّر», provided, against «و + فرّ», and fled)
    waw_needs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    actor_nouns: frozenset[str] = frozenset()  # heads of unnamed actors: «قوات», «طائرات», «المتظاهرون»
    # who leaves in a conflict movement when named near an exit verb: residents, fighters, perpetrators, units
    # (narrower than actor_nouns, whose «مجموعة» or «سلاح» near an exit verb is as often a team or a word)
    leaver_nouns: frozenset[str] = frozenset()
    no_casualties: PhraseSet = PhraseSet((), {}, ())  # «لم يسفر عن وقوع أي إصابات»: fatalities 0
    no_casualties_neg: PhraseSet = PhraseSet((), {}, ())  # «لم يسفر ... عن أي إصابات»: negator ...
    casualty_nouns: PhraseSet = PhraseSet((), {}, ())  # ... then a casualty noun within five words
    protester_nouns: PhraseSet = PhraseSet((), {}, ())  # «المتظاهرون»: the actor of a protest told nearby
    impersonal: PhraseSet = PhraseSet((), {}, ())  # «يُذكر أن», «يشار إلى»: the outlet's own background
    hypothetical_after: PhraseSet = PhraseSet((), {}, ())  # «ضربة محتملة», «الهجوم المرتقب»
    habitual: PhraseSet = PhraseSet((), {}, ())  # «تشهد المنطقة عادةً ...»: a pattern, not an incident
    performed_before: frozenset[str] = frozenset()  # «نفذ سلسلة من الغارات»: a real incident, not attacks in general
    background_before: PhraseSet = PhraseSet((), {}, ())  # «منذ أن تحولت احتجاجات»: a starting point
    habitual_not_after: frozenset[str] = frozenset()  # «صحيفة حرييت اليومية»: a daily paper, not a habit
    adverbial: PhraseSet = PhraseSet((), {}, ())  # «احتجاجاً على»: «in protest at», an adverb, not a protest
    adverbial_unless_before: frozenset[str] = frozenset()  # «نظموا احتجاجاً على»: then it is one
    escape_before: frozenset[str] = frozenset()  # «لاذ بالفرار»: a suspect escaping, part of the operation
    operation_nouns: frozenset[str] = frozenset()  # «عملية أمنية استهدفت عناصر»: the operation, not a strike
    motive: PhraseSet = PhraseSet((), {}, ())  # «ردًّا على», «نصرةً لـ», «في ظل»: background to the clause's end
    war_lemmas: frozenset[str] = frozenset()  # «عدوان»: also the name of a whole war ...
    war_context: frozenset[str] = frozenset()  # ... with «يواصل», «المستمر», «وقف», «جراء» next to it
    platforms: frozenset[str] = frozenset()  # «إكس», «تلغرام»: where a statement was posted, never a party
    condemning: frozenset[str] = frozenset()  # «دانت», «تستنكر»: who condemns an act is no party to it
    repelling: frozenset[str] = frozenset()  # «تصدت الدفاعات لعدوان»: who repels a strike is its target
    demanding: frozenset[str] = frozenset()  # «مطالبين بمحاكمة X»: X is what a protest is aimed at
    documenting: frozenset[str] = frozenset()  # «أحصت المنظمة … فروا»: who counts is the source
    violent_deaths: frozenset[str] = frozenset()  # «استشهد»: a death verb that says it was violent
    of_wounds: frozenset[str] = frozenset()  # «متأثرًا بجروحه»: a death from an attack told before
    citing: frozenset[str] = frozenset()  # «استشهدوا في تصريحات»: «استشهد» that cites
    killer_cues: frozenset[str] = frozenset()  # «برصاص», «على يد»: a killer next to a death
    member_heads: frozenset[str] = frozenset()  # «عناصر من الجيش»: members named with their party
    quoted_site_heads: frozenset[str] = frozenset()  # «موقع "العباد"»: a site the sentence names itself
    deny_verbs: frozenset[str] = frozenset()  # «تنفيه أنقرة»: a capital that denies speaks for its government
    stop_after_noun: frozenset[str] = frozenset()  # words that end an unnamed actor's phrase
    accident: frozenset[str] = frozenset()  # «عن طريق الخطأ», «حادث سير»: no attack, whoever is named
    threatening: frozenset[str] = frozenset()  # «هدد … بقصفه»: the act after «بـ» was threatened
    motive_except: PhraseSet = PhraseSet((), {}, ())  # «ردًّا على سؤال»: in answer to a question
    statistic_before: frozenset[str] = frozenset()  # «حصيلة المعتقلين», «وتيرة الاستهدافات»: a count, not an incident
    since_superlative: frozenset[str] = frozenset()  # «الأول منذ الحرب»: one incident, the first for a while
    statistic_since: frozenset[str] = frozenset()  # «منذ بدء/اندلاع/السابع ...»: a period long past, so a count
    #: «قصف مدفعي إسرائيلي», «غارة أمريكية»: adjective form (with «ـه») -> that state's forces (registry ids)
    nationality_forces: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    general_region: PhraseSet = PhraseSet((), {}, ())  # «على كافة مناطق القطاع»: a whole region, no incident
    ongoing_after: frozenset[str] = frozenset()  # «القصف المتواصل»: ongoing violence in general
    sport_lemmas: frozenset[str] = frozenset()  # «هجمات», «انسحب», «خطف» ... which sports reporting uses too
    sport_words: frozenset[str] = frozenset()  # «المباراة», «اللاعب», «الدوري»: the sentence is about sport


@dataclass(frozen=True)
class EventLexicon:
    types: Mapping[str, EventType]
    forms: Mapping[str, tuple[TriggerForm, ...]]  # normalised word (no proclitics) -> readings
    instruments: tuple[tuple[str, tuple[str, ...]], ...]  # (type, cue prefixes), most decisive first
    refine_defaults: Mapping[str, str]
    cues: Cues
    max_form_len: int = field(default=0)
    armed_targets: frozenset[str] = frozenset()  # «أطلق النار على الوحدات الأمنية»: a clash, not an attack on civilians
    civilian_sites: tuple[str, ...] = ()  # «الهجوم على متحف/فندق»: an attack on civilians, not a clash
    instrument_exact: Mapping[str, frozenset[str]] = field(default_factory=dict)  # type -> whole words («جوا»)
    context_lemmas: frozenset[str] = frozenset()  # «استهدف», «ضرب»: peaceful senses too, see context_words
    context_words: tuple[str, ...] = ()  # word-prefixes that show violence in a sentence
    context_by_lemma: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # «هدنه»: concluding words


def verb_forms(lemma: str) -> set[str]:
    """Past and present inflections of a verb given as its normalised 3rd person masculine past.

    The present stem drops a hamzat-wasl «ا» (اعتقل -> يعتقل, استهدف -> يستهدف, انسحب -> ينسحب) and for
    form IV the normalised «ا» of «أ» (اطلق -> يطلق); other verbs take the prefix directly (قصف -> يقصف).
    """
    out: set[str] = set()
    for suf in _PAST_SUFFIXES:
        out.add(lemma + suf)
    stem = lemma[1:] if lemma.startswith("ا") else lemma
    for pre in _PRESENT_PREFIXES:
        for suf in _PRESENT_SUFFIXES:
            out.add(pre + stem + suf)
    return out


def noun_forms(lemma: str) -> set[str]:
    """Singular, sound plural, dual and pronoun-suffixed forms of a noun (ه = normalised ة)."""
    base = lemma[:-1] if lemma.endswith("ه") else lemma
    bound = base + "ت" if lemma.endswith("ه") else lemma  # ة becomes ت before a suffix
    # no nisba «ـي/ـية»: «هجومي/هجومية» are adjectives (offensive), not the event
    out = {lemma, base + "ات", bound + "ين", bound + "ان", lemma + "ا"}
    if not lemma.endswith("ه"):
        out.update({lemma + "ات", lemma + "ين", lemma + "ان"})
    return out


def _with_pronouns(forms: set[str], lemma: str) -> set[str]:
    out = set(forms)
    for f in forms:
        stem = f[:-1] + "ت" if f.endswith("ه") and f == lemma else f
        for p in _PRONOUNS[1:]:
            out.add(stem + p)
    return out


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(s.split()) for s in items)


def _norm_all(obj: Any) -> Any:
    """Normalise every word of a data file the way token norms are («مسؤول» -> «مسوول»), so the files
    can be written in ordinary spelling."""
    if isinstance(obj, str):
        return normalize(obj)
    if isinstance(obj, list):
        return [_norm_all(x) for x in obj]
    if isinstance(obj, dict):
        return {(normalize(k) if not k.startswith("_") else k): _norm_all(v) for k, v in obj.items()}
    return obj


def _figurative_key(key: str) -> str:
    """A lemma of the figurative table, normalised; a trailing «<» (words *before* the trigger) is kept."""
    return normalize(key.rstrip("<")) + ("<" if key.endswith("<") else "")


def build(data: Mapping[str, Any], cues: Mapping[str, Any]) -> EventLexicon:
    cues = _norm_all(cues)
    data = {**data, "types": {tid: {**t, "triggers": [
        {**tr, "lemma": normalize(tr["lemma"]), "forms": _norm_all(tr.get("forms", [])),
         "except": _norm_all(tr.get("except", [])),
         "next": _norm_all(tr.get("next", [])), "near": _norm_all(tr.get("near", []))}
        for tr in t.get("triggers", [])]}
        for tid, t in data["types"].items()},
        "instruments": {k: (v if k.startswith("_") else _norm_all(v)) for k, v in data.get("instruments", {}).items()},
        "refine_defaults": {(k if k.startswith("_") else normalize(k)): v
                            for k, v in data.get("refine_defaults", {}).items()}}
    types: dict[str, EventType] = {}
    forms: dict[str, list[TriggerForm]] = {}
    # «سيطره» is the noun «سيطرة», not «سيطر» + «ه»: a verb's pronoun forms never shadow a noun
    nouns = {f for t in data["types"].values() for tr in t.get("triggers", []) if tr["pos"] == "noun"
             for f in noun_forms(tr["lemma"]) | set(tr.get("forms", []))}
    for tid, t in data["types"].items():
        ev, sub = t["acled"]
        types[tid] = EventType(tid, t["definition"], t["en"], ev, sub, t.get("plover"),
                               bool(t.get("attach", False)), bool(t.get("standalone", True)),
                               bool(t.get("with_perpetrator", False)))
        for trig in t.get("triggers", []):
            lemma, pos = trig["lemma"], trig["pos"]
            if pos == "verb":
                generated = verb_forms(lemma)
            elif pos == "noun":
                generated = noun_forms(lemma)
            else:
                raise ResourceError(f"trigger {lemma!r} of {tid} has pos {pos!r}", "use 'verb' or 'noun'")
            if trig.get("past_only"):
                generated = {f for f in generated if f.startswith(lemma)}
            if trig.get("skip_base"):
                generated = set()
            if trig.get("intransitive"):  # «أخرج/يخرجه» is the causative (to direct, to take out)
                generated = {f for f in generated if not (f.startswith("ا") and f != lemma and not lemma.startswith("ا"))}
            base_forms = generated | set(trig.get("forms", []))
            all_forms = base_forms if trig.get("intransitive") else _with_pronouns(base_forms, lemma)
            # «سلبًا» is the adverb "negatively", not plunder (a whole token, proclitics and all, may be listed)
            unless = frozenset(trig.get("except", ()))
            all_forms -= unless
            if pos == "verb":
                all_forms = {f for f in all_forms if f in base_forms or f not in nouns}
            nxt = _phrases(trig.get("next", []))
            retype = tuple((k, tuple(tuple(normalize(w).split()) for w in v)) for k, v in trig.get("retype", {}).items())
            near = tuple(trig.get("near", ()))
            for f in all_forms:
                present = pos == "verb" and f[:1] in _PRESENT_PREFIXES and not f.startswith(lemma)
                tf = TriggerForm(tid, lemma, pos, bool(trig.get("refine")), nxt, present, near, unless, retype,
                                 int(trig.get("near_window", 4)))
                forms.setdefault(f, []).append(tf)
    # «strike.air#barrels»: a second entry for a type, at its own rank («البراميل المتفجرة» are dropped from the
    # air, before the explosive word makes them a roadside bomb)
    raw_instruments = [(k.split("#")[0], v) for k, v in data.get("instruments", {}).items() if not k.startswith("_")]
    # «جوا$»: a whole word («جوًا», from the air), where a prefix would also catch «بجوار» (next to)
    instruments = tuple((k, tuple(w for w in v if not w.endswith("$"))) for k, v in raw_instruments)
    exact: dict[str, frozenset[str]] = {}
    for k, v in raw_instruments:
        exact[k] = exact.get(k, frozenset()) | frozenset(w[:-1] for w in v if w.endswith("$"))
    defaults = {k: v for k, v in data.get("refine_defaults", {}).items() if not k.startswith("_")}
    for tid in [*defaults.values(), *(k for k, _ in instruments)]:
        if tid not in types:
            raise ResourceError(f"event_types.json names unknown type {tid!r}", "define it under 'types'")
    src = sorted(((tuple(k.split()), v) for k, v in cues["sources"].items() if not k.startswith("_")),
                 key=lambda kv: -len(kv[0]))
    c = Cues(
        negation_before=PhraseSet.of(_phrases(cues["negation_before"])),
        negation_after=PhraseSet.of(_phrases(cues["negation_after"])),
        hypothetical_before=PhraseSet.of(_phrases(cues["hypothetical_before"])),
        hypothetical_after=PhraseSet.of(_phrases(cues.get("hypothetical_after", ()))),
        alleged=PhraseSet.of(_phrases(cues["alleged"])), rumored=PhraseSet.of(_phrases(cues["rumored"])), reporting=frozenset(cues["reporting"]),
        claim_verbs=frozenset(cues["claim_verbs"]), sources=tuple(src), sources_by_first=_by_first(src),
        source_stop=frozenset(cues["source_stop"]), clause_break=frozenset(cues["clause_break"]),
        generic_before=frozenset(cues.get("generic_before", ())),
        ordinal_before=frozenset(cues.get("ordinal_before", ())),
        same_as_previous_after=frozenset(cues.get("same_as_previous_after", ())),
        figurative={_figurative_key(k): tuple(tuple(normalize(w) for w in ph.split()) for ph in v)
                    for k, v in cues.get("figurative", {}).items() if not k.startswith("_")},
        figurative_window={_figurative_key(k): int(v)
                           for k, v in cues.get("figurative", {}).get("_window", {}).items()},
        waw_needs={normalize(k): frozenset(normalize(w) for w in v) for k, v in cues.get("waw_needs", {}).items()
                   if not k.startswith("_")},
        habitual=PhraseSet.of(_phrases(cues.get("habitual", ()))),
        actor_nouns=frozenset(cues.get("actor_nouns", ())),
        leaver_nouns=frozenset(cues.get("leaver_nouns", ())),
        condemning=frozenset(cues.get("condemning", ())),
        repelling=frozenset(cues.get("repelling", ())),
        demanding=frozenset(cues.get("demanding", ())),
        documenting=frozenset(cues.get("documenting", ())),
        violent_deaths=frozenset(normalize(w) for w in cues.get("violent_deaths", ())),
        of_wounds=frozenset(normalize(w) for w in cues.get("of_wounds", ())),
        citing=frozenset(normalize(w) for w in cues.get("citing", ())),
        killer_cues=frozenset(normalize(w) for w in cues.get("killer_cues", ())),
        member_heads=frozenset(normalize(w) for w in cues.get("member_heads", ())),
        quoted_site_heads=frozenset(normalize(w) for w in cues.get("quoted_site_heads", ())),
        deny_verbs=frozenset(normalize(w) for w in cues.get("deny_verbs", ())),
        stop_after_noun=frozenset(normalize(w) for w in cues.get("stop_after_noun", ())),
        accident=frozenset(normalize(w) for w in cues.get("accident", ())),
        threatening=frozenset(cues.get("threatening", ())),
        no_casualties=PhraseSet.of(_phrases(cues.get("no_casualties", ()))),
        no_casualties_neg=PhraseSet.of(_phrases(cues.get("no_casualties_neg", ()))),
        casualty_nouns=PhraseSet.of(_phrases(cues.get("casualty_nouns", ()))),
        protester_nouns=PhraseSet.of(_phrases(cues.get("protester_nouns", ()))),
        impersonal=PhraseSet.of(_phrases(cues.get("impersonal", ()))),
        performed_before=frozenset(cues.get("performed_before", ())),
        background_before=PhraseSet.of(_phrases(cues.get("background_before", ()))),
        habitual_not_after=frozenset(cues.get("habitual_not_after", ())),
        adverbial=PhraseSet.of(_phrases(cues.get("adverbial", ()))),
        adverbial_unless_before=frozenset(cues.get("adverbial_unless_before", ())),
        escape_before=frozenset(cues.get("escape_before", ())),
        operation_nouns=frozenset(cues.get("operation_nouns", ())),
        motive=PhraseSet.of(_phrases(cues.get("motive", ()))),
        platforms=frozenset(normalize(w) for w in cues.get("platforms", ())),
        war_lemmas=frozenset(normalize(w) for w in cues.get("war_lemmas", ())),
        war_context=frozenset(normalize(w) for w in cues.get("war_context", ())),
        motive_except=PhraseSet.of(_phrases(cues.get("motive_except", ()))),
        statistic_before=frozenset(normalize(w) for w in cues.get("statistic_before", ())),
        since_superlative=frozenset(normalize(w) for w in cues.get("since_superlative", ())),
        statistic_since=frozenset(normalize(w) for w in cues.get("statistic_since", ())),
        nationality_forces=_nationalities(cues.get("nationality_forces", {})),
        general_region=PhraseSet.of(_phrases(cues.get("general_region", ()))),
        ongoing_after=frozenset(normalize(w) for w in cues.get("ongoing_after", ())),
        sport_lemmas=frozenset(normalize(w) for w in cues.get("sport", {}).get("lemmas", ())),
        sport_words=frozenset(normalize(w) for w in cues.get("sport", {}).get("words", ())))
    # a reading that asks for words around it («تفجير المنازل», «فجّر نفسه»: `next`, `near`) is tried before the
    # readings of the same word that ask for nothing, whatever the types' order in the file (the demolition
    # and the suicide bombing were never reached: the bare «تفجير / فجر» of an earlier type always matched)
    frozen = {k: tuple(sorted(v, key=lambda tf: not (tf.next or tf.near))) for k, v in forms.items()}
    armed = frozenset(normalize(w) for w in data.get("armed_targets", {}).get("words", ()))
    sites = tuple(normalize(w) for w in data.get("civilian_sites", {}).get("words", ()))
    ctx = data.get("context_needed", {})
    return EventLexicon(types, frozen, instruments, defaults, c, max(map(len, frozen), default=0), armed, sites,
                        exact, frozenset(normalize(w) for w in ctx.get("lemmas", ())),
                        tuple(normalize(w) for w in ctx.get("words", ())),
                        {normalize(k): tuple(normalize(w) for w in v) for k, v in ctx.get("by_lemma", {}).items()})


def _nationalities(table: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Masculine adjective -> registry ids, for the masculine and the feminine («إسرائيلي», «إسرائيلية»)."""
    out: dict[str, tuple[str, ...]] = {}
    for adj, ids in table.items():
        if adj.startswith("_"):
            continue
        base = normalize(adj)
        for form in (base, base + "ه"):
            out[form] = tuple(ids)
    return out


def _by_first(src: Sequence[tuple[tuple[str, ...], str]]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    by: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for ph, typ in src:  # already longest first
        by.setdefault(ph[0], []).append((ph, typ))
    return {k: tuple(v) for k, v in by.items()}


def load_files(types_path: Path, cues_path: Path) -> EventLexicon:
    try:
        data = json.loads(types_path.read_text(encoding="utf-8"))
        cues = json.loads(cues_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read the event lexicon: {exc}",
                            "reinstall rasid or check rasid/data/event_types.json and event_cues.json") from exc
    return build(data, cues)
