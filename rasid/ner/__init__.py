"""Named-entity recognition for Arabic news: a CRF tagger, people/kunya rules and transliteration."""
