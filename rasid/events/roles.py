"""Participants and location of an event, from the prepositions around each entity and place.

Arabic marks roles with prepositions more reliably than with word order: «من قبل / على يد / من جانب X»
is the actor, «ضد / بحق / على X» the target, «من X» the origin of a movement, «إلى / باتجاه / نحو X» its
destination, «عبر X» the route. Unmarked entities fall back on order: the first one after a verb is its
subject (VSO), one before it in the clause is a fronted subject (SVO).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.doc import Document, Entity, Place, Token
from rasid.text import normalize

BY = ("قبل", "يد", "جانب", "ايدي", "طرف")
AGAINST = ("ضد", "بحق", "علي", "عل")
TO = ("الي", "باتجاه", "نحو", "صوب", "وجهه", "وجهتهم", "وجهتها", "وجهته")
VIA = ("عبر", "خلال", "بواسطه")
FROM = ("من",)
BETWEEN = ("بين",)
#: Unnamed people who are victims, never the actor: «مقتل سبعة أشخاص», «لاجئين سوريين».
VICTIM_NOUNS = frozenset(("اشخاص", "شخصا", "مدنيين", "المدنيين", "مدنيون", "لاجئين", "اللاجئين", "شبان", "اطفال",
                          "نساء", "سكان", "الاهالي", "اهالي", "متواطئين", "مطلوبين", "مشتبه", "صحفيين",
                          "الصحفيين", "ناشطين", "الناشطين", "معتقلين", "المعتقلين"))
#: Types whose unmarked object is the victim (arrested, abducted, killed), not a second fighting side.
VICTIM_TYPES = ("arrest", "abduction", "killing", "killing.assassination", "attack.civilians")
MOVEMENT = "movement."
#: Victim types whose verbal noun right before an armed party is that party's act («اعتقال قوات الأمن 5 أشخاص»).
AGENT_FIRST = ("arrest", "abduction")
#: «لـ» phrases of time or purpose, not the object of a verbal noun.
ADVERBIAL_LAM = ("للمره", "لليوم", "لليله", "للاسبوع", "للشهر", "للعام", "للسنه", "للتحقيق", "للاشتباه", "للتشاور",
                 "للحظه", "للوهله", "لللحظه")
#: Unnamed subjects of a protest that are the protesters themselves.
MARCHERS = ("متظاهر", "المتظاهر", "محتج", "المحتج", "مسيرات", "مسيره", "حشود", "الحشود", "الاهالي", "اهالي")
#: Words between two places that still make them a list («مدن حلب والحسكة», «بلدتي الفوعة وكفريا»).
LIST_WORDS = frozenset(("مدينه", "مدن", "مدينتي", "بلده", "بلدات", "بلدتي", "قريه", "قري", "قريتي", "حي", "احياء",
                        "مخيم", "مخيمي", "منطقه", "مناطق", "محيط", "اطراف", "ريف", "ريفي", "محافظه", "محافظتي",
                        "قاعده", "مطار", "بلدتين", "مدينتين", "ناحيه", "ضاحيه"))
#: ACLED categories of parties that can carry out an attack: «قصف للاحتلال» is the occupation's shelling.
ARMED_CATEGORIES = frozenset(("State forces", "Rebel group", "Political militia", "Identity militia",
                              "External/Other forces"))
#: Modifiers that may stand between a verbal noun and its «لـ» agent («قصف جوي ومدفعي للاحتلال»).
NOUN_MODIFIERS = frozenset(("عنيف", "عنيفه", "مكثف", "مكثفه", "متواصل", "متواصله", "مباشر", "مباشره", "جديد",
                            "جديده", "مركز", "مركزه", "متقطع", "متقطعه", "منفصل", "منفصله", "واسع", "واسعه"))
#: Quote marks and the «ـ» of a written-out «لـ» between a marker and its entity («لـ"هيئة تحرير الشام"»).
QUOTES = frozenset(('"', "«", "»", "'", "ـ", "“", "”"))
PUNCT = frozenset(("،", ",", "(", ")", '"', "«", "»", "'", "-", "و"))


@dataclass(frozen=True)
class Marked:
    """An entity or place with the marker word before it: by/against/to/via/from/between/and/l/b or ''."""

    start: int
    end: int
    text: str
    entity: str | None
    marker: str
    tok: int  # index of the token where it starts
    armed: bool = False  # an armed party by the registry's category (state forces, rebels, militias, foreign forces)


class TokenIndex:
    """Char offset -> token index, built once per document."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]

    def at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def marker(doc: Document, idx: TokenIndex, start: int) -> tuple[str, int]:
    """The role-marking word before a span starting at `start`, and the span's token index."""
    ti = idx.at(start)
    tok = idx.tokens[ti]
    # «لـ"هيئة تحرير الشام"», «على "إسرائيل"»: the marker stands before the quote
    q = ti
    while q > 0 and idx.tokens[q - 1].norm in QUOTES and idx.tokens[q - 1].sentence == tok.sentence:
        q -= 1
    if q != ti and q > 0 and idx.tokens[q - 1].sentence == tok.sentence:
        prev = idx.tokens[q - 1].norm
        if prev in ("ل", "لـ", "ول", "ولـ"):
            return "l", ti
        if prev in ("ب", "بـ"):
            return "b", ti
        return _word_marker(prev, ti)
    head = normalize(doc.text[start:start + 3])
    if start == tok.start and head.startswith("لل"):
        return "l", ti  # an entity span that kept its «لل» («للقوات الأميركية»)
    if start > tok.start:  # a proclitic inside the same token: «لوحدات», «بريف», «والحسكة»
        pre = normalize(doc.text[tok.start:start])
        if pre.startswith(("و", "ف")) and len(pre) == 1:
            return "and", ti
        pre = pre.lstrip("وف")
        if pre.startswith("ل"):
            return "l", ti
        if pre.startswith("ب"):
            return "b", ti
        return "", ti
    if ti == 0 or idx.tokens[ti - 1].sentence != tok.sentence:
        return "", ti
    prev = idx.tokens[ti - 1].norm
    if prev in ("في", "من") and ti >= 2 and idx.tokens[ti - 2].sentence == tok.sentence and (
            _bare(idx.tokens[ti - 2].norm) in MEMBER_NOUNS
            or ti >= 3 and idx.tokens[ti - 2].norm.isalpha() and idx.tokens[ti - 2].norm not in ("في", "من", "و")
            and _bare(idx.tokens[ti - 3].norm) in MEMBER_NOUNS):
        # «القيادي في حزب الله», «قائد ميداني / قيادي بارز في الهيئة»: the group someone belongs to, not a party
        # that acts
        return "member", ti
    return _word_marker(prev, ti)


def _word_marker(prev: str, ti: int) -> tuple[str, int]:
    bare = prev[1:] if prev.startswith("و") and len(prev) > 2 else prev
    for name, words in (("by", BY), ("against", AGAINST), ("to", TO), ("via", VIA), ("from", FROM),
                        ("between", BETWEEN)):
        if bare in words:
            return name, ti
    if prev in ("و", "،", ",", "-", "–"):
        return "and", ti  # «سرايا القدس - كتيبة جنين»: an apposition shares the role of the party before it
    return "", ti


def mark_entities(doc: Document, idx: TokenIndex, ents: Sequence[Entity],
                  unarmed: frozenset[str] = frozenset()) -> list[Marked]:
    """`unarmed`: registry ids never armed whatever their category (`Actor.unarmed`)."""
    out = []
    for e in ents:
        m, ti = marker(doc, idx, e.start)
        armed = (e.category or "") in ARMED_CATEGORIES and e.actor_id not in unarmed
        out.append(Marked(e.start, e.end, e.text, e.id, m, ti, armed))
    return out


def mark_places(doc: Document, idx: TokenIndex, places: Sequence[Place]) -> list[Marked]:
    out = []
    for p in places:
        m, ti = marker(doc, idx, p.start)
        out.append(Marked(p.start, p.end, p.text, p.id, m, ti))
    return out


#: Words that head a party's name or its means, so a party after them is still the verbal noun's agent
#: («هجوم تنظيم "داعش"», «قصف طائرات النظام»), and quotation marks.
PARTY_HEADS = frozenset(("تنظيم", "حركه", "جماعه", "قوات", "فصائل", "فصيل", "ميليشيا", "ميليشيات", "مليشيا",
                         "مليشيات", "لواء", "كتائب", "كتيبه", "سرايا", "جيش", "حزب", "عناصر", "مسلحي", "مقاتلي",
                         "طائرات", "طائره", "مدفعيه", "بوارج", "زوارق", "دبابات", "مسيرات", "مسيره", '"', "«", "»",
                         "“", "”"))


#: Verbs that tie an act to its doer: «هجوم نفذه مسلحو …», «غارة جوية نفذتها القوات الجوية». (Not «قاد»: it
#: would read «اغتيال قادة حماس», the leaders, as a verb.)
PERFORM_VERBS = ("نفذ", "شن", "ارتكب", "يشن", "تشن", "ينفذ", "تنفذ")


def _bare(norm: str) -> str:
    """The token without a leading «و/ف» (when something is left of it)."""
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm


def starts_perform(norm: str) -> bool:
    return _bare(norm).startswith(PERFORM_VERBS)


def _object_between(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Does a noun of its own stand between a verbal noun and a party («استهداف قاعدة الاحتلال»: the base
    is the object and the party owns it)? Not for adjectives («قصف جوي ومدفعي للاحتلال») or a party's head
    word or quotes («هجوم تنظيم "داعش"»). (A verb of doing between them is checked first by `assign`.)"""
    for t in tokens[a:b]:
        n = _bare(t.norm)
        if not (n.endswith(("ي", "يه")) or n in NOUN_MODIFIERS or n == "و" or n in PARTY_HEADS):
            return True
    return False


def _victim_noun(text: str) -> bool:
    """Does an unnamed party start with a victim noun («مدنيين», «والأطفال»)?"""
    words = text.split()
    w = normalize(words[0]) if words else ""
    return w in VICTIM_NOUNS or (w[:1] in ("و", "ف") and w[1:] in VICTIM_NOUNS)


def _modifiers_only(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Are tokens [a, b) only adjectives of a verbal noun («جوي ومدفعي», «مكثف»): nisba forms or
    words of manner, at most three?"""
    if b - a > 3:
        return False
    for t in tokens[a:b]:
        n = t.norm[1:] if t.norm.startswith("و") and len(t.norm) > 3 else t.norm
        if n.endswith("ا") and not n.endswith(("ها", "نا", "وا")) and len(n) > 3:
            n = n[:-1]  # the accusative of an indefinite noun's adjective: «هجوما منفصلا», «قصفا جويا»
        if not (n.endswith(("ي", "يه")) or n in NOUN_MODIFIERS or n == "و"):
            return False
    return True


#: Nouns of a member before «في / من» and his group («القيادي في حزب الله», «عنصر من الجيش»).
MEMBER_NOUNS = frozenset(normalize(w) for w in (
    "القيادي", "قيادي", "قياديا", "القياديين", "قياديين", "عنصر", "عنصرا", "العنصر", "عناصر", "العضو", "عضو",
    "عضوا", "أعضاء", "المسؤول", "مسؤول", "مسؤولا", "القائد", "قائد", "قائدا", "المقاتل", "مقاتل", "مقاتلا",
    "مقاتلين", "الناشط", "ناشط", "ناشطا", "أحد"))
#: Verbs of undergoing: the party on the far side of one from the trigger is what the act hit.
UNDERGO = ("تعرض", "يتعرض", "تتعرض", "تعرضت", "يتعرضون", "تعرضوا")
#: Dying and being wounded («استشهد عنصر من الجيش بقذيفة», «لقي القيادي حتفه في غارة»): their own subject,
#: within three words, undergoes (a party further away may be anything: «أصدرت وزارة الصحة وثيقة بأسماء 7028
#: فلسطينياً استشهدوا»). Whole words, past forms and the passive present only: a prefix would take «لقوات» for
#: «لقوا», and «يلقي كلمة» delivers a speech.
DIE = frozenset(("استشهد", "استشهدت", "استشهدوا", "استشهدا", "استشهدتا", "يستشهد", "تستشهد", "يستشهدون", "لقي",
                 "لقيت", "لقوا", "لقيا", "اصيب", "اصيبت", "اصيبوا", "اصيبا", "اصيبتا", "يصاب", "تصاب", "يصابون"))
#: Words right before a party that name what it struck with («برصاص قوات الاحتلال», «بنيران الجيش»,
#: «على يد مسلحين»): that party is the doer, whatever the verb's voice.
AGENT_MEANS = frozenset(("برصاص", "رصاص", "برصاصه", "بنيران", "نيران", "بنار", "يد", "بيد", "ايدي", "بايدي",
                         "وبرصاص", "وبنيران",
                         "مصدره", "مصدرها"))  # «سقوط صاروخ مصدره قوات النظام»: whence it came


def _undergoes(tokens: Sequence[Token], a: int, b: int) -> int | None:
    """The first verb of undergoing («تعرّضت») in tokens [a, b), if any."""
    for k in range(a, min(b, len(tokens))):
        n = tokens[k].norm
        n = n[1:] if n.startswith(("و", "ف")) and len(n) > 4 else n
        if n.startswith(UNDERGO):
            return k
    return None


def _dies(tokens: Sequence[Token], a: int, b: int) -> int | None:
    """The first verb of dying or being wounded («استشهد», «أصيب») in tokens [a, b), if any; «قُتل» only
    before a number («قتل ثلاثة جنود في هجوم»: unvowelled, the passive is the reading a count makes sure of)."""
    for k in range(a, min(b, len(tokens))):
        n = tokens[k].norm
        if n in DIE or n[:1] in ("و", "ف") and n[1:] in DIE:
            return k
        if n in ("قتل", "وقتل", "جرح", "وجرح") and k + 1 < min(b, len(tokens)) and _counted(tokens[k + 1].norm):
            return k
    return None


#: Number words before a counted noun («ثلاثة جنود»), normalised; digits count too.
NUMBER_WORDS = frozenset(normalize(w) for w in (
    "اثنان", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "عشرات", "مئات", "آلاف",
    "بضعة", "عدة"))


def _counted(norm: str) -> bool:
    return norm.isdigit() or norm in NUMBER_WORDS


def by_means(tokens: Sequence[Token], t: int) -> bool:
    """Does «برصاص / بنيران / على يد» stand right before token t, or with one noun between («برصاص قناصة
    قوات النظام», «بنيران مدفعية الجيش»)?"""
    if t >= 1 and tokens[t - 1].norm in AGENT_MEANS:
        return True
    if t >= 2 and tokens[t - 1].norm == "من" and tokens[t - 2].norm in FIRE_NOUNS \
            and tokens[t - 2].sentence == tokens[t].sentence:
        return True  # «بإطلاق نار من آليات الاحتلال»: whence the fire came, who fired
    return t >= 2 and tokens[t - 2].norm in AGENT_MEANS and tokens[t - 1].norm.isalpha() \
        and tokens[t - 1].norm not in _NOT_OWNERS and tokens[t - 1].sentence == tokens[t].sentence


#: «نار / رصاص» before «من X»: X fired («إطلاق نار من قوات الاحتلال»).
FIRE_NOUNS = frozenset(("نار", "النار", "رصاص", "الرصاص"))
#: Words that end a «برصاص …» phrase rather than carry it to the party after them.
_NOT_OWNERS = frozenset(normalize(w) for w in ("في", "على", "من", "إلى", "عن", "مع", "و", "خلال", "قرب", "بعد", "قبل",
                                                "أثناء", "صديقة"))


#: Relative pronouns («المواقع التي …»), normalised.
RELATIVES = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"))


def in_object_clause(tokens: Sequence[Token], t_end: int, at: int) -> bool:
    """Is token `at` inside a relative clause on a noun after the trigger (an object between them: «سيطرت
    على المواقع التي كانت تحتلها ميليشيات الحوثي»)? Not one on the trigger itself («الهجوم الذي شنه
    داعش»: its subject is the attacker), nor the relative pronoun's own antecedent."""
    if at <= t_end or at - t_end > 10:
        return False
    for k in range(t_end + 1, at - 1):
        if tokens[k].norm in RELATIVES:
            return not any(t.norm in _CLAUSE_STOPS for t in tokens[t_end:k])
    return False


#: What ends the object phrase before a relative pronoun: punctuation and conjunctions of clauses.
_CLAUSE_STOPS = frozenset(("،", ",", ".", "؛", ":", "و", "ثم", "بينما", "فيما"))


def _subject_of(m: Marked, tokens: Sequence[Token], verb: int) -> bool:
    """Is the party right before the verb or among the three words after it (its subject)?"""
    end = m.tok
    while end + 1 < len(tokens) and tokens[end + 1].start < m.end:
        end += 1
    return 0 <= verb - end - 1 <= 2 or 1 <= m.tok - verb <= 3


def genitive_agent(pos: str, t_end: int, marked: Sequence[Marked], tokens: Sequence[Token],
                   hi: int, armed_only: bool = True, people: frozenset[str] = frozenset()) -> Marked | None:
    """The party right after a verbal noun when its object follows with «لـ»: in «اغتيال إسرائيل للقائد» the
    genitive is the agent and «للقائد» the one it was done to (without the «لـ» object, «اغتيال القائد», the
    genitive is the object). Only an armed party acts so (`armed_only`; the caller vouches for a state):
    in «اعتقال الناشط للمرة الثانية» the activist is arrested, and «للمرة» is no object."""
    if pos != "noun" or not tokens:
        return None
    first = next((m for m in marked if m.tok == t_end and m.marker == "" and (m.armed or not armed_only)), None)
    if first is None:
        return None
    k = first.tok
    while k < hi and tokens[k].start < first.end:
        k += 1
    if k >= hi:
        return None
    nxt = tokens[k].norm
    if nxt.startswith(ADVERBIAL_LAM):
        return None  # «للمرة الثانية», «لليوم الثالث», «للتحقيق»: when or why, not whom
    # the «لـ» phrase names a party (at once, or after a title: «للقائد محمد علي») or people («للصحفيين»);
    # «للضغط على …» is a purpose
    if nxt.startswith("ل") and any(k <= m.tok <= k + 2 and m is not first for m in marked):
        return first
    if nxt.startswith("لل") and ("ال" + nxt[2:] in people or nxt[2:] in people):
        return first
    return None


def assign(typ: str, pos: str, t_start: int, t_end: int, clause: tuple[int, int],
           marked: Sequence[Marked], others: Sequence[int] = (), tokens: Sequence[Token] = (),
           suffix: bool = False, people: frozenset[str] = frozenset()) -> list[tuple[str, Marked]]:
    """Roles for the entities of a sentence, relative to a trigger at tokens [t_start, t_end).
    `others` are the token starts of the sentence's other triggers: an entity on the far side of one
    belongs to that one. `tokens` (the document's) let an armed party after «لـ» right after a verbal noun
    be its agent («قصف مدفعي للاحتلال»); `suffix`: the trigger carries a pronoun («استهدافها ثكنة»), its
    agent, so the unmarked party after it is the object."""
    lo, hi = clause
    marked = [m for m in marked if not any(t_end <= o < m.tok or m.tok < o < t_start for o in others)]
    victim = typ in VICTIM_TYPES
    movement = typ.startswith(MOVEMENT)
    # «مظاهرات مناهضة لزعيم الهيئة», «احتجاجات ضد الحكومة»: who a protest is against follows it
    # (not a dispersal: «فرّقت قوات الأمن المتظاهرين», the forces act on the protesters)
    protest = typ.startswith(("protest", "riot")) and typ != "protest.intervention"
    roles: list[tuple[str, Marked]] = []
    taken: set[int] = set()

    def add(role: str, m: Marked) -> None:
        if m.start not in taken:
            taken.add(m.start)
            roles.append((role, m))

    ordered = sorted(marked, key=lambda m: m.start)
    undergo = _undergoes(tokens, lo, hi) if tokens else None
    for k, m in enumerate(ordered):
        if m.marker == "by" or (m.marker in ("", "from") and tokens and lo <= m.tok < hi and by_means(tokens, m.tok)
                                # before the trigger, only the party next to it («برصاص الاحتلال خلال اقتحام»)
                                and (m.tok >= t_end or t_start - m.tok <= 6
                                     and all(o.tok >= t_start for o in ordered[k + 1:]))):
            add("actor", m)
    if tokens and pos == "verb":
        # (a verb's object only: after a verbal noun the clause is as often the noun's own, «الكمين المركّب
        # الذي نفّذته المقاومة», «معركة "طوفان الأقصى" التي أطلقتها حماس»)
        for m in ordered:
            if m.start not in taken and in_object_clause(tokens, t_end, m.tok):
                # «سيطرت على المواقع التي كانت تحتلها ميليشيات الحوثي»: an armed party of a relative clause on
                # the object is the side the act was done to; anyone else named there takes no role (who fled
                # «تحت النيران التي يطلقها الجيش» is not the army)
                if movement or not (m.armed and m.entity is not None):
                    taken.add(m.start)  # (people or bodies named there, «المركبات التي تضمّ مستوطنين»: no side)
                else:
                    add("target", m)
    die = _dies(tokens, lo, hi) if tokens else None
    if die is not None:
        # «استشهد الشاب … برصاص», «لقي القيادي في حماس حتفه في غارة»: who dies or is wounded was hit
        for m in ordered:
            if m.marker in ("", "and") and _subject_of(m, tokens, die):
                add("target", m)
    if tokens and t_start >= 2 and tokens[t_start - 1].norm in ("وراء", "خلف") and not movement:
        # «يرجح أن تكون خلايا تابعة لتنظيم داعش وراء التفجير», «تقف الميليشيا خلف الهجوم»: who is behind it
        behind = [m for m in ordered if lo <= m.tok < t_start - 1 and t_start - 1 - m.tok <= 6]
        if behind:
            add("actor", behind[-1])
    agent = genitive_agent(pos, t_end, ordered, tokens, hi, people=people)
    if agent is not None:
        add("actor", agent)  # «اغتيال إسرائيل للقائد», «استهداف الجيش للمسلحين»: whose act, then «لـ» its object
    for k, m in enumerate(ordered):
        inside = lo <= m.tok < hi
        if not inside or m.start in taken:
            continue
        after = m.tok >= t_end
        # (a past verb reading of «قصف» takes no «لـ» agent, so the reading does not matter)
        if m.marker == "l" and after and m.armed and not movement and not protest \
                and tokens and not any(r == "actor" for r, _ in roles) and _modifiers_only(tokens, t_end, m.tok):
            add("actor", m)  # «قصف جوي ومدفعي للاحتلال», «غارات للجيش السوري»: the genitive of agency
        elif m.marker == "against" or (m.marker == "l" and after and not movement):
            add("target", m)
        elif m.marker == "member":
            # «اغتيال القيادي في حزب الله علي حسين»: the member's group is hit with him, never the actor (before
            # the trigger it is whoever speaks or dies: «أدان القيادي في حماس الاغتيال»)
            if after:
                add("target", m)
                nxt = ordered[k + 1] if k + 1 < len(ordered) else None
                if nxt is not None and nxt.marker == "" and tokens and nxt.tok > 0 \
                        and tokens[nxt.tok - 1].end <= m.end:
                    add("target", nxt)  # the member named right after his group
        elif m.marker == "between":
            add("actor", m)
            if k + 1 < len(ordered) and ordered[k + 1].marker == "and":
                add("target", ordered[k + 1])
        elif m.marker == "to" and movement:
            add("destination", m)
        elif m.marker == "via":
            add("via" if movement else "target", m)
        elif m.marker == "from":
            # «هجوم من قوات النظام»: by them; «استهداف قوة راجلة من جيش الاحتلال»: part of the object
            partitive = bool(tokens) and not _modifiers_only(tokens, t_end, m.tok - 1)
            if after and m.tok - t_end <= 4:
                add("target" if victim or partitive else "actor", m)
        elif m.marker == "and" and roles and 0 <= m.start - roles[-1][1].end <= 8:
            add(roles[-1][0], m)
        elif protest and after and m.marker in ("", "l"):
            # «خرج المتظاهرون», «خرجت مسيرات»: the marchers themselves; «مظاهرات ضد الحكومة»: whom it is against
            marchers = m.marker == "" and m.entity is None and any(
                normalize(m.text.split()[0]).lstrip("و").startswith(w) for w in MARCHERS)
            # «تظاهر أنصار التيار الصدري»: the party right after a verb of protest is its subject
            subject = pos == "verb" and m.marker == "" and m.tok - t_end <= 2 \
                and not any(r == "actor" for r, _ in roles)
            add("actor" if marchers or subject else "target", m)
        elif m.marker in ("", "and"):  # an «and» with no party just before it is unmarked
            has_actor = any(r == "actor" for r, _ in roles)
            if m.entity is None and _victim_noun(m.text):
                add("target", m)  # «قتل ثلاثة مدنيين في غارات طائرات الاحتلال»: victims never take the actor's place
                continue
            if undergo is not None and (m.tok < t_start and undergo < t_start or t_end <= undergo < m.tok):
                add("target", m)  # «تعرضت دورية للجيش لهجوم», «قصفًا تعرضت له بلدة X»: it underwent the act
            elif after and m.tok - t_end <= 3:
                if pos == "noun" and tokens and any(starts_perform(t.norm) for t in tokens[t_end:m.tok]):
                    add("actor", m)  # «غارة جوية نفذتها القوات الجوية الروسية»: the doer, named by its verb
                elif pos == "noun" and tokens and m.tok > t_end and _object_between(tokens, t_end, m.tok):
                    add("target", m)  # «استهداف قاعدة الاحتلال الأميركي»: the owner of the object, hit with it
                elif pos == "noun" and typ in AGENT_FIRST and m.armed and m.tok == t_end and not has_actor:
                    add("actor", m)  # «اعتقال قوات الاحتلال 15 فلسطينيًا»: forces arrest, are not arrested
                elif pos == "noun" and (victim or suffix):
                    add("target", m)  # «اعتقال X», «استهدافها ثكنة زبدين»
                elif not has_actor:
                    add("actor", m)
                else:
                    add("target", m)
            elif not after and not has_actor and t_start - m.tok <= 8:
                if pos == "verb" and victim and tokens and _continues_with_object(tokens[t_start].norm):
                    add("target", m)  # «داهمت الدورية منزل الناشط أحمد واعتقلته»: «ـه» is Ahmad, arrested
                else:
                    add("actor", m)
    return roles


def _continues_with_object(norm: str) -> bool:
    """A verb joined by «و/ف» to the clause before and carrying an object pronoun («واعتقلته», «فقتلوه»):
    its subject is the previous clause's, the party told just before it is what the pronoun stands for."""
    return norm[:1] in ("و", "ف") and len(norm) > 4 and norm.endswith(("ه", "ها", "هم", "هما"))
