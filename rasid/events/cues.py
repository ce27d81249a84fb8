"""Cue detection around a trigger: negation, hypotheticals, certainty words and the clause bounds.

All checks run on surface tokens' normalised forms inside the trigger's sentence, and mostly inside its
clause, so «نفى ... » in one clause does not negate an attack reported in the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasid.doc import Token
from rasid.events.lexicon import Cues, PhraseSet
from rasid.events.triggers import rests, strips


def word_matches(norm: str, cue: str) -> bool:
    """A cue word matches a token with or without proclitics; a trailing '*' makes it a prefix."""
    if cue.endswith("*"):
        c = cue[:-1]
        return any(rest.startswith(c) for rest, _ in strips(norm))
    return cue in rests(norm)


def phrase_at(tokens: Sequence[Token], i: int, phrase: Sequence[str]) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    sent = tokens[i].sentence
    return all(tokens[i + k].sentence == sent and word_matches(tokens[i + k].norm, w) for k, w in enumerate(phrase))


def any_phrase(tokens: Sequence[Token], lo: int, hi: int, phrases: PhraseSet) -> int | None:
    """Index of the first token in [lo, hi) where one of the phrases starts, else None."""
    for i in range(lo, hi):
        rs = rests(tokens[i].norm)
        for w in rs & phrases.by_first.keys():
            for ph in phrases.by_first[w]:
                if len(ph) == 1 or phrase_at(tokens, i, ph):
                    return i
        if phrases.prefixed and any(r.startswith(phrases.prefix_heads) for r in rs):
            for ph in phrases.prefixed:
                if phrase_at(tokens, i, ph):
                    return i
    return None


def clause(tokens: Sequence[Token], start: int, end: int, cues: Cues) -> tuple[int, int]:
    """Token bounds [lo, hi) of the clause around tokens [start, end): up to clause breaks in the sentence."""
    sent = tokens[start].sentence
    lo = start
    while lo > 0 and tokens[lo - 1].sentence == sent and tokens[lo - 1].norm not in cues.clause_break:
        lo -= 1
    hi = end
    while hi < len(tokens) and tokens[hi].sentence == sent and tokens[hi].norm not in cues.clause_break:
        hi += 1
    return lo, hi


def sentence_bounds(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    sent = tokens[i].sentence
    lo = i
    while lo > 0 and tokens[lo - 1].sentence == sent:
        lo -= 1
    hi = i
    while hi < len(tokens) and tokens[hi].sentence == sent:
        hi += 1
    return lo, hi


#: Verbs of denial whose «أن» clause may hold the act further away than the negation window: «نفت وزارة
#: الدفاع الروسية أن تكون طائراتها قد قصفت مستشفى».
DENIALS = frozenset(("نفي", "نفت", "ينفي", "تنفي", "نفوا", "نافيا", "نافيه", "ينف", "تنف"))  # normalised


def negated(tokens: Sequence[Token], start: int, end: int, cues: Cues, window: int = 5) -> bool:
    """«نفى الجيش قصف...», «لم يتم اعتقال», «فشل هروب», «اتفاقات ... فشلت», «نفت الوزارة أن تكون طائراتها
    قد قصفت» (a denial, then «أن», and the act right after «قد» within twelve words, no clause break)."""
    lo, hi = clause(tokens, start, end, cues)
    if any_phrase(tokens, max(lo, start - window), start, cues.negation_before) is not None:
        return True
    # the act itself, «قد» + past after «أن»: not «نفت أن تكون الاحتجاجات معادية» (the protests happened)
    if start >= 1 and tokens[start - 1].norm in ("قد", "وقد"):
        for k in range(start - 2, max(lo, start - 12) - 1, -1):
            if tokens[k].norm.lstrip("وف") in DENIALS or tokens[k].norm in DENIALS:
                if any(t.norm in ("ان", "بان") for t in tokens[k + 1:start]):
                    return True
                break
    return any_phrase(tokens, end, min(hi, end + 4), cues.negation_after) is not None


def hypothetical(tokens: Sequence[Token], start: int, end: int, cues: Cues, window: int = 6) -> bool:
    """Threats, plans, demands, conditionals and the future: «هدد بقصف», «يعتزم الانسحاب», «سوف»,
    «من المقرر», «طالبوا بإسقاط», «في حال»; after the trigger «محتملة», «المرتقب»."""
    lo, hi = clause(tokens, start, end, cues)
    if any_phrase(tokens, end, min(hi, end + 3), cues.hypothetical_after) is not None:
        return True  # «ضربة محتملة», «هجومها المرتقب»
    if any(tokens[k].norm in MAY and tokens[k + 1].norm.startswith("ي") and len(tokens[k + 1].norm) > 2
           for k in range(max(lo, start - window), start)):
        return True  # «قد يؤدي إلى انسحاب», «قد يشن هجوماً»: «قد» before a present verb is «may»
    if any_phrase(tokens, max(lo, start - window), start, cues.hypothetical_before) is not None:
        return True
    return threatened_with(tokens, start, cues)


#: How far back in its sentence a threat word may stand before «بـ» + the act it threatens.
THREAT_REACH = 14
#: «أن» and its forms: what follows is reported, not threatened («هدد بأن …» is handled by the clause cues).
_THAT = frozenset(("ان", "بان", "وان"))


def threatened_with(tokens: Sequence[Token], start: int, cues: Cues) -> bool:
    """«هدد الاحتلال الإسرائيلي، اليوم الثلاثاء، إدارة مستشفى الرنتيسي للأطفال بقصفه»: the act after «بـ» is
    what a threat word earlier in the sentence threatens, across the commas of a date or an object (the clause
    window stopped at the first comma). Not across «أن» or a full stop."""
    if not tokens[start].norm.startswith("ب"):
        return False
    sent = tokens[start].sentence
    for k in range(start - 1, max(-1, start - THREAT_REACH - 1), -1):
        t = tokens[k]
        if t.sentence != sent or t.norm in _THAT or t.norm in (".", "!", "؟", "?", "؛", ";"):
            return False
        if rests(t.norm) & cues.threatening:
            return True
    return False


#: «قد» before a present verb (only the «يـ» forms: «تـ» also opens past verbs, «قد تعرضت»).
MAY = frozenset(("قد", "وقد", "فقد"))
#: How many commas back a demand or plan may reach over a list of coordinated objects.
LIST_CLAUSES = 3
#: How far before the comma the cue may stand in the clause before it.
LIST_CUE_WINDOW = 10
LIST_COMMAS = frozenset(("،", ","))
#: Words after «، و» that open a new sentence, not another listed object.
LIST_NOT_OBJECT = frozenset(("ذلك", "هو", "هي", "هم", "قد", "كان", "كانت", "في", "لا", "لم", "لن", "ان", "هذا", "هذه",
                             "تم", "بعد", "قبل", "منذ", "من", "علي", "الي", "عن", "مع", "اكد", "اكدت", "قال", "قالت"))


def hypothetical_list(tokens: Sequence[Token], start: int, cues: Cues) -> bool:
    """«ضرورة رفع الحصار، ووقف العدوان والتهجير»: a verbal noun in a clause that continues, after a comma and
    «و», the object list of a demand, a threat or a plan is as unreal as the first object. Only for nouns: a
    verb after «، و» («، واستهدف الجيش») starts a new main clause, and so do a definite subject («،
    والقصف الإسرائيلي دمّر»), a plural noun («، واشتباكات اندلعت») or a function word («، وذلك بعد»)."""
    lo, _ = clause(tokens, start, start + 1, cues)
    lo_first = True
    for _ in range(LIST_CLAUSES):
        if lo < 2 or tokens[lo - 1].norm not in LIST_COMMAS or tokens[lo - 1].sentence != tokens[start].sentence:
            return False
        first = tokens[lo].norm
        if not first.startswith("و") or (lo_first and (first[1:].startswith("ال") or first[1:] in LIST_NOT_OBJECT
                                                      or first.endswith("ات"))):
            # «، والقصف الإسرائيلي دمّر»: a definite subject opens a new sentence, so does «، وذلك»; a plural
            # («، واشتباكات اندلعت»: a headline's next item) is news, the objects of demands are verbal nouns
            return False
        lo_first = False
        comma = lo - 1
        prev_lo, _ = clause(tokens, comma - 1, comma, cues)
        if any_phrase(tokens, max(prev_lo, comma - LIST_CUE_WINDOW), comma, cues.hypothetical_before) is not None:
            return True
        lo = prev_lo
    return False
