"""Who says an event happened, and how sure the text is: source span, source type and certainty.

The source is the noun phrase next to a reporting verb of the event's sentence («أفادت مصادر محلية»,
«وقال المرصد», «بحسب ما أفاد به مراسل الميادين», «مصدر خاص أوضح»). Certainty follows the gold guide:
a party speaking about itself or its enemy («أعلنت وزارة الدفاع», «في بيان») claims; other sources
report; «يرجح», «يتهم», «افتعال» allege; «شائعات» rumour; no source, the outlet confirms.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

from rasid.doc import Attribution, Document, Entity, Event, Span, Token
from rasid.events import cues as cuemod
from rasid.events.lexicon import Cues, EventLexicon
from rasid.events.roles import TokenIndex
from rasid.events.triggers import rests, strips
from rasid.text import normalize

#: Individuals speaking to the press are reported, not claims: «أفاد مسؤول عسكري أميركي للميادين».
PERSON_HEADS = frozenset(normalize(w) for w in ("مسؤول", "مسؤولون", "المسؤول", "مصدر", "مصادر", "ناطق", "متحدث"))
#: Source words that stand alone (no reporting verb needed): «بحسب المرصد», «وفقا لوزارة».
PREP_REPORTING = ("بحسب", "حسب", "وفق", "وفقا", "نقلا")
MAX_SOURCE_TOKENS = 7
#: Source heads recognised even when glued to the next word.
GLUED_HEADS = ("مراسل",)
#: How many sentences back an implicit source («وأضاف», «مشيراً») may be found.
INHERIT_SENTENCES = 3


def source_type_of(tokens: Sequence[Token], i: int, cues: Cues) -> tuple[str, int, str] | None:
    """(source type, number of tokens of the matched head phrase, proclitic on its first word) when a source
    phrase starts at token i."""
    norm = tokens[i].norm
    for head in GLUED_HEADS:  # «مراسلالميادينفي»: scraped text often glues the outlet to the noun
        if norm.startswith(head) and len(norm) > len(head) + 3:
            return cues.sources_by_first[head][0][1], 1, ""
    for rest, pre in strips(norm):
        for phrase, typ in cues.sources_by_first.get(rest, ()):
            if i + len(phrase) > len(tokens) or any(tokens[i + k].sentence != tokens[i].sentence
                                                    for k in range(len(phrase))):
                continue
            if all(w in rests(tokens[i + k].norm) for k, w in enumerate(phrase[1:], 1)):
                return typ, len(phrase), pre
    return None


def find_source(doc: Document, lo: int, hi: int, trig: int, cues: Cues, ents: Sequence[Entity],
                forms: Container[str] = (), skip: Container[int] = (),
                kinds: Callable[[str], str | None] | None = None) -> tuple[Span, str, str] | None:
    """The best (span, source type, reporting verb) in tokens [lo, hi): the reporting verb nearest the trigger.
    Tokens in `skip` are the event's own trigger («أعلنت السلطات حالة الطوارئ»: the announcement is the event).
    `kinds` gives a registry actor's source type, for a named body right after the verb that has no head word
    of the source list («وفق ما ذكرت لجان مقاومة الفاشر»)."""
    toks = doc.tokens
    found: list[tuple[int, Span, str, str]] = []
    for i in range(lo, hi):
        if i in skip:
            continue
        verb = _reporting(toks[i].norm, cues)
        if verb is None:
            continue
        hit = None
        for j in range(i + 1, min(hi, i + 5)):
            st = source_type_of(toks, j, cues)
            if st is not None:
                hit = (j, st)
                break
            if toks[j].norm in (".", "،", ":"):
                break
        if hit is None:  # «مصدر خاص أوضح»: the source before its verb
            for j in range(max(lo, i - 3), i):
                st = source_type_of(toks, j, cues)
                if st is not None:
                    hit = (j, st)
                    break
        if hit is None:
            named = _named_source(toks, i, hi, ents, kinds)
            if named is not None:
                found.append((abs(i - trig), named[0], named[1], verb))
            continue
        j, (typ, n, pre) = hit
        # tokens where another named party begins (not the one the source phrase itself starts in; a place
        # stays: «مراسل الميادين في غزة»)
        own_ent = next((e for e in ents if e.start <= toks[j].start < e.end), None)
        starts = {k for k in range(j + 1, min(hi, j + MAX_SOURCE_TOKENS + 1))
                  if any(e.start == toks[k].start and e is not own_ent and e.type in ("ORG", "PER") for e in ents)}
        end = _extend(toks, j, j + n, hi, cues, forms, starts)
        s, e = toks[j].start, toks[end - 1].end
        if pre:  # «وقال المرصد» -> «المرصد»; «والمرصد» keeps its article
            s += len(pre) - 2 if pre.endswith("ال") else len(pre)
        for ent in ents:  # a named source: take the whole entity
            if ent.start <= s < ent.end or s <= ent.start < e:
                s, e = min(s, ent.start), max(e, ent.end)
                if ent.category and "state" in ent.category.lower() and "non" not in ent.category.lower():
                    typ = "official" if typ in ("anonymous", "party", "media") else typ
        found.append((abs(i - trig), doc.span(s, e), typ, verb))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    return found[0][1], found[0][2], found[0][3]


def _named_source(toks: Sequence[Token], i: int, hi: int, ents: Sequence[Entity],
                  kinds: Callable[[str], str | None] | None) -> tuple[Span, str] | None:
    """An organisation named right after the reporting verb at token i (quotes may stand between): its
    registry source type; a body the registry does not know reports, as a monitor does (certainty
    «reported», never «claimed»: parties that claim are in the registry)."""
    for j in range(i + 1, min(hi, i + 3)):
        t = toks[j]
        ent = next((e for e in ents if e.type == "ORG" and t.start <= e.start < t.end), None)
        if ent is not None:
            fused = ent.start == t.start and normalize(ent.text).startswith("لل")
            if fused or normalize(t.text[:ent.start - t.start]).endswith("ل"):
                return None  # «قال … للميادين», «لـ"الوكالة"»: whom the speaker spoke to
            typ = kinds(ent.actor_id) if kinds is not None and ent.actor_id else None
            return Span(ent.start, ent.end, ent.text), typ or "monitor"
        if t.norm[:1].isalpha():
            return None  # a word that is not the name: «قالت مصادر …» is the head list's, «قالت إن» none
    return None


def _reporting(norm: str, cues: Cues) -> str | None:
    for rest, _ in strips(norm):
        if rest in cues.reporting:
            return rest
    return None


def _extend(toks: Sequence[Token], j: int, end: int, hi: int, cues: Cues, forms: Container[str],
            starts: Container[int] = ()) -> int:
    """Grow a source phrase over its modifiers («مصادر محلية في حي الحجر الأسود», «المرصد السوري لحقوق الإنسان»)
    up to a stop word, a reporting verb, punctuation or the first token of another named party (`starts`)."""
    while end < hi and end - j < MAX_SOURCE_TOKENS:
        n = toks[end].norm
        if n in cues.source_stop or _reporting(n, cues) is not None or not n[:1].isalpha():
            break
        if n.startswith("ل") and not n.startswith(("لحقوق", "لل")) and end - j >= 1:
            break  # «لـ"اقتصاد"», «للميادين»: the outlet the source spoke to
        if n.startswith("ب") or any(rest in forms for rest, _ in strips(n)):
            break  # «مصادر محلية باندلاع ...», «... بمقتل»: the report itself begins
        if n.startswith("مسووليت") or end in starts:
            break  # «أعلنت الكتائب مسؤوليتها»: what is claimed; «اتهمت الحكومة قوات الدعم»: whom
        end += 1
    return end


def attribute(doc: Document, ev: Event, lex: EventLexicon, idx: TokenIndex | None = None,
              kinds: Callable[[str], str | None] | None = None) -> Attribution:
    cues = lex.cues
    toks = doc.tokens
    idx = idx or TokenIndex(toks)
    trig = idx.at(ev.trigger.start)
    lo, hi = cuemod.sentence_bounds(toks, trig)
    ents = [e for e in doc.entities if ev.evidence.start <= e.start < ev.evidence.end]
    own = range(trig, idx.at(max(ev.trigger.start, ev.trigger.end - 1)) + 1)
    src = find_source(doc, lo, hi, trig, cues, ents, lex.forms, own, kinds)
    if src is None and cuemod.any_phrase(toks, lo, hi, cues.impersonal) is None and \
            any(_reporting(toks[i].norm, cues) for i in range(lo, hi) if i not in own):
        src = _implicit_source(doc, lo, cues, lex.forms, kinds)
    c_lo, c_hi = cuemod.clause(toks, trig, trig + 1, cues)
    if cuemod.any_phrase(toks, lo, hi, cues.rumored) is not None:
        certainty = "rumored"
    elif cuemod.any_phrase(toks, max(lo, trig - 8), min(hi, trig + 3), cues.alleged) is not None:
        certainty = "alleged"
    elif src is None:
        certainty = "confirmed"
    else:
        span, typ, verb = src
        head = strips(toks[idx.at(span.start)].norm)[-1][0]
        if typ in ("official", "party") and head not in PERSON_HEADS and not _is_person_head(toks, idx, span):
            certainty = "claimed"
        elif verb in cues.claim_verbs and typ in ("official", "party"):
            certainty = "claimed"
        else:
            certainty = "reported"
    if src is None:
        return Attribution(None, None, certainty)
    return Attribution(src[0], src[1], certainty)


def _implicit_source(doc: Document, lo: int, cues: Cues, forms: Container[str],
                     kinds: Callable[[str], str | None] | None = None) -> tuple[Span, str, str] | None:
    """«وأضاف ...», «مشيراً إلى ...»: a reporting verb with no named source continues the latest source of the
    sentences just before."""
    toks = doc.tokens
    for _ in range(INHERIT_SENTENCES):
        if lo == 0:
            break
        plo, phi = cuemod.sentence_bounds(toks, lo - 1)
        if toks[plo].start < doc.body_start:
            break
        found = find_source(doc, plo, phi, phi, cues, doc.entities, forms, kinds=kinds)
        if found is not None:
            return found
        lo = plo
    return None


def _is_person_head(toks: Sequence[Token], idx: TokenIndex, span: Span) -> bool:
    return any(rest in PERSON_HEADS for rest, _ in strips(toks[idx.at(span.start)].norm))
