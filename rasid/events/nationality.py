"""A nationality adjective as the actor of an attack: «قصف مدفعي إسرائيلي», «غارة أمريكية», «بطائرة مسيّرة تركية».

Arabic news often names who struck only by the adjective of the attack noun or of its instrument. When no
party is named as the actor in the clause, that adjective stands for the state's forces (the table
`nationality_forces` in rasid/data/event_cues.json maps it to registry ids). The adjective must follow the
trigger through words of the same noun phrase (instrument words, «جوي», «مدفعي»): after a preposition
(«غارة على موقع إسرائيلي») it describes the target.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasid.doc import Token
from rasid.events.lexicon import Cues
from rasid.events.triggers import Mention, rests, strips

#: Event types whose actor may be named by a nationality adjective: remote violence and battles. Deaths,
#: arrests and attacks on civilians take the adjective of their victims («مقتل جندي إسرائيلي»).
ADJECTIVE_ACTOR_TYPES = ("strike.air", "strike.drone", "shelling", "clash.armed", "explosion.ied")
#: Words of the noun phrase that may stand between the trigger and the adjective.
MAX_BETWEEN = 3
#: Words that end the trigger's noun phrase: prepositions, conjunctions, relatives, numbers.
#: Words of manner that may stand between a trigger and its adjective besides instrument words.
MEANS_WORDS = ("عنيف", "مكثف", "كثيف", "متقطع", "جديد", "مباشر", "بري", "بحري", "بالستي", "موجه", "ذكي", "دقيق")
PHRASE_END = frozenset(("في", "علي", "الي", "من", "عن", "مع", "ضد", "بين", "قرب", "نحو", "عند", "داخل", "خارج",
                        "التي", "الذي", "الذين", "ما", "او", "ثم", "بعد", "قبل", "منذ", "خلال", "ان", "انه"))


def adjective_actor(tokens: Sequence[Token], m: Mention, clause: tuple[int, int], cues: Cues,
                    parties: Sequence[tuple[int, int]], instruments: Sequence[str]) -> tuple[int, tuple[str, ...]] | None:
    """(token index, registry ids) of a nationality adjective that names the trigger's actor, else None.
    `parties`: character spans of the sentence's parties, named or not («الاحتلال الإسرائيلي»: the adjective
    belongs to that party). `instruments`: word prefixes of means («مدفعي», «مسيرة», «بطائرة») that may stand
    between the trigger and its adjective; any other word is the verbal noun's object («استهداف سفينة
    إسرائيلية»: the ship is Israeli, not the attacker)."""
    if not nominal(tokens, m) or m.type not in ADJECTIVE_ACTOR_TYPES or not cues.nationality_forces:
        return None
    _, hi = clause
    for k in range(m.tok_end, min(hi, m.tok_end + MAX_BETWEEN + 1)):
        tok = tokens[k]
        if tok.sentence != m.sentence or not tok.norm[:1].isalpha() or tok.norm in PHRASE_END:
            return None
        if any(a <= tok.start < b for a, b in parties):
            return None  # part of a party's name or noun phrase, found by the roles
        rs = rests(tok.norm)
        for rest in rs:
            ids = cues.nationality_forces.get(rest)
            if ids:
                return k, ids
        if (k > m.tok_end and tok.norm.startswith("و")) or not any(
                r.startswith(w) for r in rs for w in (*instruments, *MEANS_WORDS)):
            return None  # «غارة وقصف ...»: a second noun; «استهداف موقع ...»: the object
    return None


#: Words after which a bare «قصف» (verb or noun by its letters) is the noun: «في قصف», «جراء قصف».
NOUN_AFTER = frozenset(("في", "من", "علي", "الي", "عن", "جراء", "اثر", "عقب", "بعد", "خلال", "اثناء"))
#: Proclitics only a noun takes: «بقصف», «للقصف», «والقصف».
NOUN_PROCLITICS = ("ب", "ل", "ال", "بال", "لل", "وال", "وب", "ول", "فال", "وبال", "كال")


def nominal(tokens: Sequence[Token], m: Mention) -> bool:
    """Is the trigger a noun? A verb is followed by its subject or object, never by its own adjective
    («استهدفت سفينة إسرائيلية»)."""
    if m.pos == "noun":
        return True
    if m.tok_start > 0 and tokens[m.tok_start - 1].sentence == m.sentence \
            and tokens[m.tok_start - 1].norm in NOUN_AFTER:
        return True
    return any(pre in NOUN_PROCLITICS for _, pre in strips(tokens[m.tok_start].norm))
