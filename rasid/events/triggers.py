"""Trigger matching: find the words of a document that state an event, with their type.

Works on surface tokens and their normalised form: each token is looked up with and without a proclitic
chain («وبالقصف» -> «قصف»), so no clitic-splitting decision upstream can hide a trigger. Phrases («القبض
على», «إطلاق النار») and instrument words («بطائرة مسيرة», «بالمدفعية») are checked on the next tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rasid.doc import Document, Token
from rasid.events.lexicon import EventLexicon, TriggerForm
from rasid.events.roles import ARMED_CATEGORIES
from rasid.text import normalize

# Proclitic chains, tried after the bare token. «س» only matters before a present verb (future tense).
PROCLITICS = ("وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "وس", "فس", "وب", "ول",
              "وك", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك", "س")


#: Proclitics a verb may carry: past forms only conjunctions, present forms also «سـ» and «لـ».
VERB_PROCLITICS = {False: frozenset(("", "و", "ف")),
                   True: frozenset(("", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل"))}


@dataclass(frozen=True)
class Mention:
    """One trigger occurrence: tokens [tok_start, tok_end) of the document, and its reading."""

    tok_start: int
    tok_end: int
    type: str
    lemma: str
    pos: str
    sentence: int
    future: bool = False  # «سـ» on a present verb
    suffix_pronoun: bool = False  # «عليهم», «اعتقالهم»: the target is a pronoun
    anaphoric: bool = False  # «الهجوم» with no instrument: most likely a mention of an earlier attack
    generic: bool = False  # «حالات خروج», «الذين خرجوا»: refers to events told elsewhere
    cued: bool = True  # the type is certain (not a refine default)


@lru_cache(maxsize=1 << 16)
def strips(norm: str) -> tuple[tuple[str, str], ...]:
    """(rest, proclitic chain) readings of a normalised token, the bare token first. Cached: word
    frequencies are Zipfian and every cue check asks for the same few thousand words."""
    out = [(norm, "")]
    for p in PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            out.append((norm[len(p):], p))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def rests(norm: str) -> frozenset[str]:
    """The token with and without each proclitic chain, as a set."""
    return frozenset(r for r, _ in strips(norm))


def starts(norm: str, prefix: str | tuple[str, ...]) -> bool:
    """Does the token (with or without its proclitics) start with `prefix` (or one of a tuple of them)?"""
    return any(rest.startswith(prefix) for rest, _ in strips(norm))


def _next_ok(tokens: Sequence[Token], i: int, form: TriggerForm) -> int | None:
    """Index one past the phrase when the words after token i satisfy the form's `next`; None if not."""
    sent = tokens[i].sentence
    if form.near:
        window = [t.norm for t in tokens[i + 1:i + 1 + form.near_window] if t.sentence == sent]
        if not any(starts(n, c) for n in window for c in form.near):
            return None
    if not form.next:
        return i + 1
    for alt in form.next:
        j = i + 1
        ok = True
        for prefix in alt:
            if j >= len(tokens) or tokens[j].sentence != sent or not starts(tokens[j].norm, prefix):
                ok = False
                break
            j += 1
        if ok:
            return j
    return None


def find_mentions(doc: Document, lex: EventLexicon) -> list[Mention]:
    tokens = doc.tokens
    # a word inside a name is part of the name: «أبو العز دهمان», «هيئة تحرير الشام», «مخيم الشهداء»
    names = sorted((e.start, e.end) for e in doc.entities)
    # where place names begin: «منزل بورقيبة», «سوق الغرب» are towns, not the civilian site their first word says
    placed = frozenset(p.start for p in doc.places)
    out: list[Mention] = []
    k = 0
    for i, tok in enumerate(tokens):
        norm = tok.norm
        if len(norm) < 2 or not norm[0].isalpha() or len(norm) > lex.max_form_len + 4:
            continue
        while k < len(names) and names[k][1] <= tok.start:
            k += 1
        if k < len(names) and names[k][0] <= tok.start < names[k][1]:
            continue
        hit = _match(tokens, i, norm, lex, placed)
        if hit is None:
            continue
        if hit.lemma in lex.context_lemmas and not hit.cued and not _violent_sentence(doc, hit, lex):
            continue  # «استهدفت الحملة الطلاب»
        own = lex.context_by_lemma.get(hit.lemma)
        if own and not _violent_sentence(doc, hit, lex, own, armed=False, window=3):
            continue  # «خرق الهدنة»: a truce mentioned, none concluded
        out.append(hit)
    return _suppress(out, tokens, lex)


def _violent_sentence(doc: Document, m: Mention, lex: EventLexicon, words: tuple[str, ...] | None = None,
                     armed: bool = True, window: int | None = None) -> bool:
    """Does the sentence of a generic attack verb show violence («استهدفت الحملة الطلاب» does not)? A word of
    `context_words` (or of `words`; within `window` words of the trigger when given) other than the trigger, or
    (`armed`) an armed party the registry knows."""
    toks = doc.tokens
    lo, hi = m.tok_start, m.tok_end
    while lo > 0 and toks[lo - 1].sentence == m.sentence and (window is None or m.tok_start - lo < window):
        lo -= 1
    while hi < len(toks) and toks[hi].sentence == m.sentence and (window is None or hi - m.tok_end < window):
        hi += 1
    cues = lex.context_words if words is None else words
    if any(starts(t.norm, cues) for t in (*toks[lo:m.tok_start], *toks[m.tok_end:hi])):
        return True
    if not armed:
        return False
    a, b = toks[lo].start, toks[hi - 1].end
    return any(a <= e.start < b and (e.category or "") in ARMED_CATEGORIES for e in doc.entities)


#: Function words that scraped text glues to the word before or after («استشهدمن جراء», «إلىإسقاط»).
GLUED = ("من", "في", "علي", "الي")


@lru_cache(maxsize=1 << 16)
def readings(norm: str) -> tuple[tuple[str, str], ...]:
    """`strips`, plus the readings without a glued function word; cached like `strips`."""
    out = strips(norm)
    for g in GLUED:
        if norm.endswith(g) and len(norm) - len(g) >= 4:
            out = out + strips(norm[:-len(g)])
        if norm.startswith(g) and len(norm) - len(g) >= 4:  # «إلىإسقاط»
            out = out + strips(norm[len(g):])
    return out


#: Prepositions written apart: the word after one is no verb («قُتلوا في قصفٍ»: shelling, the noun).
PREPOSITIONS = frozenset(normalize(w) for w in ("في", "على", "من", "إلى", "عن", "بعد", "قبل", "خلال", "إثر", "جراء",
                                                 "منذ", "ضد", "عقب", "أثناء"))


def _match(tokens: Sequence[Token], i: int, norm: str, lex: EventLexicon,
           placed: frozenset[int] = frozenset()) -> Mention | None:
    # after a preposition a word read as verb or noun is the noun; one with no noun reading keeps its verb
    # («نجح في ضرب أهداف»: the strike rasid has no noun «ضرب» for)
    prep = i > 0 and tokens[i - 1].norm in PREPOSITIONS and tokens[i - 1].sentence == tokens[i].sentence
    for rest, pre in readings(norm):
        for form in lex.forms.get(rest, ()):
            if norm in form.unless:
                continue
            if form.pos == "verb" and (pre not in VERB_PROCLITICS[form.present] or prep and _noun_reading(norm, lex)):
                continue  # a verb takes no article or preposition; «سـ» and «لـ» only before the present
            if pre.endswith("س") and not (form.pos == "verb" and form.present):
                continue
            end = _next_ok(tokens, i, form)
            if end is None or _figurative(tokens, end, lex.cues.figurative.get(form.lemma),
                                          lex.cues.figurative_window.get(form.lemma, 2)) or _figurative_before(
                    tokens, i, lex.cues.figurative.get(form.lemma + "<"),
                    lex.cues.figurative_window.get(form.lemma + "<", 1)):
                continue
            if pre.startswith("و") and form.lemma in lex.cues.waw_needs and not any(
                    rests(t.norm) & lex.cues.waw_needs[form.lemma] for t in tokens[end:end + 4]
                    if t.sentence == tokens[i].sentence) and not (
                    end < len(tokens) and rests(tokens[end].norm) & lex.cues.leaver_nouns):
                continue  # «وفّرت اللجنة» (provided) is no «و + فرّت» (and fled) unless where to, or who, follows
            typ, cued = refine(tokens, i, end, form, lex, placed=placed) if form.refine else (form.type, True)
            for other, phrases in form.retype:  # «تصدت وسائط الدفاع الجوي لصواريخ»: an interception, not a clash
                if any(_phrase_at(tokens, j, ph, tokens[i].sentence)
                       for j in range(max(0, i - 4), min(len(tokens), end + 4)) for ph in phrases):
                    typ = other
                    break
            if typ == "attack.civilians" and any(rests(t.norm) & lex.armed_targets
                                                 for t in tokens[max(0, i - 6):end + 4]
                                                 if t.sentence == tokens[i].sentence):
                typ = "clash.armed"  # shooting at security units is a clash
            last = tokens[end - 1].norm
            pron = any(last.endswith(s) for s in ("هم", "ها", "ه")) and last != rest
            prev = tokens[i - 1].norm if i > 0 and tokens[i - 1].sentence == tokens[i].sentence else ""
            ana = form.pos == "noun" and ("ال" in pre and not cued or bool(rests(prev) & lex.cues.ordinal_before))
            gen = bool(rests(prev) & lex.cues.generic_before)
            return Mention(i, end, typ, form.lemma, form.pos, tokens[i].sentence, future=pre.endswith("س"),
                           suffix_pronoun=pron, anaphoric=ana, generic=gen, cued=cued)
    return None


def _noun_reading(norm: str, lex: EventLexicon) -> bool:
    return any(f.pos == "noun" for rest, _ in readings(norm) for f in lex.forms.get(rest, ()))


def _phrase_at(tokens: Sequence[Token], j: int, ph: tuple[str, ...], sent: int) -> bool:
    """Do the words from token j start with the prefixes of `ph`, in sentence `sent`?"""
    return j + len(ph) <= len(tokens) and all(
        tokens[j + x].sentence == sent and starts(tokens[j + x].norm, w) for x, w in enumerate(ph))


def _figurative(tokens: Sequence[Token], end: int, phrases: tuple[tuple[str, ...], ...] | None,
                window: int = 2) -> bool:
    """Does one of the trigger's figurative phrases («عرض الحائط» after «ضرب») start within `window` words after
    it («سيطرت فرق الإطفاء على الحريق»: six for «سيطر», whose object follows its subject)?"""
    if not phrases:
        return False
    sent = tokens[end - 1].sentence
    return any(_phrase_at(tokens, j, ph, sent) for j in range(end, end + window) for ph in phrases)


def _figurative_before(tokens: Sequence[Token], i: int, words: tuple[tuple[str, ...], ...] | None,
                       window: int = 1) -> bool:
    """Is a word right before the trigger (or among the `window` words before it) one that makes it
    figurative («مذكرة احتجاج»; «تفكيك عدة عبوات ناسفة», «عثرت القوات على عبوة»)?"""
    if not words:
        return False
    for k in range(i - 1, max(-1, i - 1 - window), -1):
        if tokens[k].sentence != tokens[i].sentence:
            return False
        if any(starts(tokens[k].norm, w[0]) for w in words):
            return True
    return False


def refine(tokens: Sequence[Token], start: int, end: int, form: TriggerForm, lex: EventLexicon,
           window: int = 6, placed: frozenset[int] = frozenset()) -> tuple[str, bool]:
    """Pick a specific type for a generic trigger («استهدف», «هجوم», «قصف») from instrument words near it,
    inside the trigger's clause: «هجوم بطائرة مسيرة» is a drone strike, «استهدفت المدفعية» shelling.
    Returns the type and whether an instrument word decided it."""
    sent = tokens[start].sentence
    lo, hi = start, end
    breaks = lex.cues.clause_break
    while lo > 0 and start - lo < window and tokens[lo - 1].sentence == sent and tokens[lo - 1].norm not in breaks:
        lo -= 1
    while hi < len(tokens) and hi - end < window and tokens[hi].sentence == sent and tokens[hi].norm not in breaks:
        hi += 1
    if hi < len(tokens) and tokens[hi].sentence == sent and hi > end \
            and any(starts(tokens[hi - 1].norm, c) for _, c in lex.instruments):
        hi += 1  # the window ends on an instrument: its adjective too («بطائرةٍ | مسيّرة»)
    near = [t.norm for t in tokens[lo:hi]]
    for typ, cues in lex.instruments:  # one tuple-prefix test per word and instrument (this runs per trigger)
        exact = lex.instrument_exact.get(typ)
        for n in near:
            if starts(n, cues) or (exact and rests(n) & exact):
                return typ, True
    # further on in the clause, only the means after «بـ» («استهدف مجهولون سيارة القيادي في الفيلق الخامس
    # بعبوة ناسفة»: the object's long name pushes the instrument out of the window)
    far = hi
    while far < len(tokens) and far - end < 2 * window and tokens[far].sentence == sent \
            and tokens[far].norm not in breaks:
        far += 1
    for j in range(hi, far):
        kind = _decisive(_means_phrase(tokens, j, min(far, j + 3), lex), lex)
        if kind is not None:
            return kind, True
    # past a comma, a means phrase of its own («استهداف مبنى الوزارة، بطائرات مسيرة», «، وذلك بواسطة …»)
    if far < len(tokens) and tokens[far].sentence == sent and tokens[far].norm in ("،", ","):
        kind = _decisive(_means_after_comma(tokens, far + 1, lex), lex)
        if kind is not None:
            return kind, True
    default = lex.refine_defaults.get(form.lemma, form.type)
    if default == "clash.armed" and lex.civilian_sites:
        # «الهجوم على متحف باردو», «هاجموا فندقًا»: the target is a civilian site, not an armed side
        for t in tokens[end:min(hi, end + 3)]:
            if t.start not in placed and starts(t.norm, lex.civilian_sites):
                return "attack.civilians", True
    return default, False


def _decisive(words: Sequence[str], lex: EventLexicon) -> str | None:
    """The most decisive instrument type among the words of a means phrase («بالصواريخ والطائرات المسيّرة»:
    a drone strike), or None."""
    for typ, cues in lex.instruments:
        if any(starts(w, cues) for w in words):
            return typ
    return None


def _means_phrase(tokens: Sequence[Token], j: int, limit: int, lex: EventLexicon) -> list[str]:
    """A means phrase opened by token j, a «بـ» word that is itself an instrument («بطائرات», «بالصواريخ»; not
    «بينما» opening another clause): that word without its «بـ», then the words after it up to `limit`, each
    without a «و» («بطائرةٍ مسيّرة», «بالصواريخ والطائرات»). Empty when token j opens none."""
    n = tokens[j].norm
    if not (n.startswith("ب") and len(n) > 3 and any(starts(n[1:], c) for _, c in lex.instruments)):
        return []
    sent = tokens[j].sentence
    return [n[1:]] + [_no_waw(t.norm) for t in tokens[j + 1:limit] if t.sentence == sent]


def _no_waw(w: str) -> str:
    return w[1:] if w.startswith("و") and len(w) > 3 else w


def _means_after_comma(tokens: Sequence[Token], k: int, lex: EventLexicon) -> list[str]:
    """The means phrase of a clause told after a comma from token k: «، بطائرات مسيرة», «، وذلك بواسطة الطيران
    المسيّر», the «بـ» means past a relative clause on the object («قاعدة الشدادي، التي تضم قوات أميركية في
    سوريا بطائرةٍ مسيّرة»), or «بواسطة / باستخدام» further on («، في 12 آذار، باستخدام الطيران المسيّر»)."""
    if k >= len(tokens):
        return []
    sent = tokens[k - 1].sentence
    if tokens[k].norm in ("وذلك", "ذلك"):
        k += 1
    if k >= len(tokens) or tokens[k].sentence != sent:
        return []
    if tokens[k].norm in ("بواسطه", "باستخدام", "عبر"):
        return [_no_waw(t.norm) for t in tokens[k + 1:k + 5] if t.sentence == sent]
    words = _means_phrase(tokens, k, k + 4, lex)
    if words:
        return words
    if tokens[k].norm in ("التي", "الذي"):
        for j in range(k + 1, min(len(tokens), k + 10)):
            if tokens[j].sentence != sent or tokens[j].norm in lex.cues.clause_break:
                break
            words = _means_phrase(tokens, j, j + 3, lex)
            if words:
                return words
    at = next((x for x in range(k, min(len(tokens), k + 15)) if tokens[x].sentence == sent
               and tokens[x].norm in ("بواسطه", "باستخدام")), None)
    return [_no_waw(t.norm) for t in tokens[at + 1:at + 5] if t.sentence == sent] if at is not None else []


#: Subjects that make «خرج» a march, not a departure («مسيرات» are marches here, not drones).
MARCH_WORDS = ("مسيرات", "مسيره", "مظاهر", "تظاهر", "متظاهر", "المتظاهر", "محتج", "المحتج", "حشود")


def _suppress(mentions: list[Mention], tokens: Sequence[Token], lex: EventLexicon) -> list[Mention]:
    """Drop readings that another trigger right next to them explains: «خروج مظاهرات» is a protest, not an
    exit; «تفجير انتحاري» one suicide bombing; a noun right after its own verb one mention."""
    out: list[Mention] = []
    for k, m in enumerate(mentions):
        after = tokens[m.tok_end].norm if m.tok_end < len(tokens) else ""
        if out and out[-1].sentence == m.sentence and after in lex.cues.same_as_previous_after:
            m = replace(m, type=out[-1].type)  # «تسع ضربات جوية ... و14 ضربة أخرى»
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        prv = out[-1] if out else None
        if prv is not None and prv.generic and prv.sentence == m.sentence and m.tok_start - prv.tok_end <= 1:
            m = replace(m, generic=True)  # «نتيجة الاعتقالات والإخفاء القسري»: the whole list is background
        if not m.cued and m.pos == "verb" and any(
                x is not None and x.sentence == m.sentence and x is not m and
                (0 <= x.tok_start - m.tok_end <= 1 or 0 <= m.tok_start - x.tok_end <= 1) for x in (nxt, prv)):
            continue  # «واستهدف العدوان», «هجوم يستهدف»: the noun next to the bare verb says what it was
        close = nxt is not None and nxt.sentence == m.sentence and nxt.tok_start - m.tok_end <= 1
        if m.type == "movement.exit" and not (close and nxt is not None and nxt.type.startswith("protest")) \
                and m.tok_end < len(tokens) and tokens[m.tok_end].sentence == m.sentence \
                and starts(tokens[m.tok_end].norm, MARCH_WORDS):
            m = replace(m, type="protest.peaceful")  # «خرجت مسيرات», «خرج المتظاهرون»: a march went out
        if close and nxt is not None:
            if m.type == "movement.exit" and nxt.type.startswith("protest"):
                continue
            if nxt.type == "explosion.suicide" and m.type.startswith(("explosion", "clash", "shelling")):
                continue
        out.append(m)
    return out
