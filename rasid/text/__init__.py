"""The text layer: normalisation with an offset map, sentences, tokens and clitic-split words."""

from rasid.text.normalize import ALEF_LAM_NOUNS, Normalized, match_key, normalize, normalize_with_offsets
from rasid.text.sentences import split_sentences
from rasid.text.tokens import Lexicon, split_clitics, tokenize

__all__ = [
    "ALEF_LAM_NOUNS", "Lexicon", "Normalized", "match_key", "normalize", "normalize_with_offsets", "split_clitics",
    "split_sentences", "tokenize",
]
