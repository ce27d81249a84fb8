"""The text layer: normalisation offsets round-trip, sentences, tokens and clitic words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.text import normalize, normalize_with_offsets, split_sentences, tokenize
from rasid.text.tokens import Lexicon, split_clitics

# Arabic letters, diacritics, tatweel, Arabic-Indic digits, bidi marks, quotes, ligatures, spaces and Latin.
ARABIC_ALPHABET = (
    [chr(c) for c in range(0x0621, 0x064B)] + [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x0660, 0x066A)] + [chr(c) for c in range(0x06F0, 0x06FA)]
    + ["\u200f", "\u200e", "\ufeff", "«", "»", "“", "”", "ﻻ", "ﻷ", " ", "\n", ".", "،", "؟", "a", "Z", "5"]
)
arabic_text = st.text(alphabet=st.sampled_from(ARABIC_ALPHABET), max_size=200)


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_offset_map_round_trips(text: str) -> None:
    view = normalize_with_offsets(text)
    assert view.text == normalize(text)
    assert len(view.offsets) == len(view.text) + 1
    assert view.offsets[-1] == len(text)
    assert list(view.offsets) == sorted(view.offsets)
    # every normalised character comes from the original character its offset names
    for i, ch in enumerate(view.text):
        src = text[view.offsets[i]]
        assert normalize(src) and ch in normalize(src)
    # a span of the view maps back to an original span whose normalisation is that span
    for s in range(0, len(view.text), 7):
        for e in range(s, min(len(view.text), s + 15) + 1, 5):
            os_, oe = view.to_original(s, e)
            assert 0 <= os_ <= oe <= len(text)
            if e > s:
                assert view.text[s:e] in normalize(text[os_:oe])


@settings(max_examples=200, deadline=None)
@given(arabic_text)
def test_tokens_and_words_point_into_the_text(text: str) -> None:
    tokens, words = tokenize(text)
    for t in tokens:
        assert text[t.start:t.end] == t.text
    for w in words:
        assert text[w.start:w.end] == w.text
        tok = tokens[w.token]
        assert tok.start <= w.start < w.end <= tok.end


def test_normalisation_tables() -> None:
    assert normalize("إِدْلِبُ") == "ادلب"
    assert normalize("مدرسةٌ") == "مدرسه"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("١٢٣٤ ۵") == "1234 5"
    assert normalize("قـــوات") == "قوات"
    assert normalize("«حي»") == '"حي"'
    assert normalize("\u200fنص") == "نص"


def test_sentences_split_on_arabic_and_latin_punctuation() -> None:
    text = "قال المرصد إن 3 قتلوا. وأضاف: «قصف الطيران البلدة». هل انتهى؟ نعم\n\nفقرة ثانية بطول 1.5 كم"
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert sents[0] == "قال المرصد إن 3 قتلوا."
    assert sents[1] == "وأضاف: «قصف الطيران البلدة»."
    assert sents[2] == "هل انتهى؟"
    assert sents[-1] == "فقرة ثانية بطول 1.5 كم"  # the decimal point is not a sentence end


def test_clitics_split_with_a_lexicon() -> None:
    lex = Lexicon({"بريطانيا": 1e-4, "وبريطانيا": 1e-6, "ادلب": 1e-4, "وادلب": 1e-7, "تحالف": 1e-4,
                   "درعا": 1e-4, "بدرعا": 1e-7, "الله": 1e-2, "له": 1e-3})
    tokens, words = tokenize("وبريطانيا وإدلب بدرعا للتحالف الله", lexicon=lex)
    got = [(w.text, w.kind) for w in words]
    assert got[:2] == [("و", "proclitic"), ("بريطانيا", "base")]
    assert ("إدلب", "base") in got and ("درعا", "base") in got
    assert ("تحالف", "base") in got
    assert ("الله", "base") in got  # a function word, never ال + له
    assert len(tokens) == 5


def test_definite_nouns_keep_their_last_letters() -> None:
    lex = Lexicon({"الخابور": 1e-3, "خابور": 1e-3, "الخابوري": 1e-7, "خابوري": 1e-7})
    pieces = split_clitics("الخابوري", lex)
    assert pieces[-1][2] == "base" and pieces[-1][1] == len("الخابوري")


# Glued words: a lost space at an HTML tag boundary. Frequencies are hand-set (Zipf 3 = 1e-6, Zipf 4 = 1e-5).
GLUE_LEX = Lexicon({
    "حاله": 5e-5, "علاج": 7e-6, "الي": 1e-2, "المدينه": 3e-5, "مدينه": 3e-5, "او": 4e-3, "التمييز": 4e-5, "تمييز": 4e-5,
    "وزاره": 1e-4, "ووزاره": 1e-5, "الداخليه": 2e-4, "داخليه": 5e-5, "نظام": 1e-4, "النظام": 2e-4,
    "عبدالله": 2e-5, "عبد": 1e-4, "الله": 1e-2, "الخ": 6e-5, "الصين": 1.6e-4, "خالصين": 1e-7,
    "دار": 1e-4, "كود": 1.6e-5, "كانت": 2e-3, "ان": 1.6e-2, "زغلول": 1e-9, "باز": 1e-5, "التهم": 1.5e-5,
})


def _words(text: str, lex: Lexicon | None = GLUE_LEX) -> list[tuple[str, str]]:
    tokens, words = tokenize(text, lexicon=lex)
    for w in words:  # every word is a substring of its token at its exact offsets
        assert text[w.start:w.end] == w.text
        assert tokens[w.token].start <= w.start < w.end <= tokens[w.token].end
    return [(w.text, w.kind) for w in words]


def test_glued_words_split_at_a_word_final_letter() -> None:
    # «ة» and «ى» only end a word: after one, two common words glued together are two words, one token
    text = "سجلت حالةعلاج ووصلت إلىالمدينة أمس"
    tokens, _ = tokenize(text, lexicon=GLUE_LEX)
    assert len(tokens) == 5
    got = _words(text)
    assert ("حالة", "base") in got and ("علاج", "base") in got and ("إلى", "base") in got


def test_glued_words_keep_offsets_through_marks_and_clitics() -> None:
    # a tanween after the «ة» and a conjunction before the first word: offsets still point at the letters
    got = _words("ووزارةٌالداخلية")
    assert got == [("و", "proclitic"), ("وزارة", "base"), ("ال", "proclitic"), ("داخلية", "base")]


def test_a_particle_glued_to_a_definite_noun_splits() -> None:
    assert _words("أوالتمييز") == [("أو", "base"), ("ال", "proclitic"), ("تمييز", "base")]


def test_unmarked_or_known_or_rare_compounds_stay_whole() -> None:
    assert _words("عبدالله") == [("عبدالله", "base")]  # known to the lexicon
    assert _words("داركود") == [("داركود", "base")]  # a name: two common halves, but no boundary mark
    assert ("خالصين", "base") in _words("الخالصين")  # a real word: «الخ» + «الصين» has no mark
    assert _words("بإزالتهم") == [("بإزالتهم", "base")]  # «باز» + «التهم»: a real word again
    assert _words("كانتان") == [("كانتان", "base")]  # a dual: «ان» is an ending, not a word
    assert _words("حالةزغلول") == [("حالةزغلول", "base")]  # one half is rare
    assert _words("حالةعلاج", lex=None) == [("حالةعلاج", "base")]  # no lexicon, no evidence
