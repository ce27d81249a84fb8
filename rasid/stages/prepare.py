"""Sentences, tokens and clitic-split words: the layers every later stage reads."""

from __future__ import annotations

from typing import Any

from rasid.doc import Document
from rasid.pipeline import Stage
from rasid.text import split_sentences, tokenize


def make(resources: Any) -> Stage:
    def prepare(doc: Document) -> Document:
        lexicon = resources.get("lexicon")
        sents: list = []
        if doc.title:
            sents.extend(split_sentences(doc.text, 0, len(doc.title)))
        sents.extend(split_sentences(doc.text, doc.body_start))
        tokens, words = tokenize(doc.text, sents, lexicon)
        if not any("\u0600" <= c <= "\u06ff" for c in doc.text[:2000]):
            doc = doc.warn("no Arabic text found: rasid reads Arabic; results will be empty")
        return doc.replace(sentences=tuple(sents), tokens=tuple(tokens), words=tuple(words))

    return Stage("prepare", prepare, requires=("text",), provides=("sentences", "tokens", "words"))
