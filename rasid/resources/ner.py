"""Loader for the shipped NER model (`rasid/data/ner/`): CRF weights, feature lexicon, people rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.errors import ResourceError
from rasid.ner.auto import AUTO_FILE, load_runtime
from rasid.ner.clusters import CLUSTERS_FILE, WordClusters
from rasid.ner.crf import CRFTagger
from rasid.ner.features import Featurizer
from rasid.ner.lexicon import FeatureLexicon, load_titles
from rasid.ner.net import NET_FILE, CombinedTagger, NetModel
from rasid.ner.orgs import FacilityRules, OrgRules
from rasid.ner.people import PeopleRules
from rasid.ner.train import LEXICON_FILE, MODEL_FILE
from rasid.ner.translit import Romanizer
from rasid.text import Lexicon


@dataclass
class NER:
    """Everything the entities stage needs besides the actor registry."""

    tagger: CRFTagger | CombinedTagger
    lexicon: FeatureLexicon
    people: PeopleRules
    romanizer: Romanizer
    orgs: OrgRules
    facilities: FacilityRules

    def bind(self, words: Lexicon) -> NER:
        """Attach the word frequencies (the shared "lexicon" resource) the features were trained with."""
        if self.tagger.featurizer.words is None:
            self.tagger.featurizer.words = words
        return self


def load(resources: Any) -> NER:
    folder = resources.path("ner")
    lex_path = folder / LEXICON_FILE
    if not lex_path.is_file():
        raise ResourceError(f"NER lexicon {lex_path} is missing",
                            "reinstall rasid or run `rasid train-ner` to rebuild it", path=str(lex_path))
    lex = FeatureLexicon.load(lex_path)
    # The word-frequency lexicon is bound by the entities stage (`NER.bind`): calling resources.get from
    # inside a loader would wait on the Resources lock this loader already holds.
    # the word-cluster table is optional: a model trained without it has no cluster features
    cl_path = folder / CLUSTERS_FILE
    clusters = WordClusters.load(cl_path) if cl_path.is_file() else None
    # the self-trained lexicon is optional too (rasid.ner.auto)
    crf = CRFTagger(folder / MODEL_FILE, Featurizer(lex, None, clusters=clusters,
                                                    auto=load_runtime(folder / AUTO_FILE)))
    tagger: CRFTagger | CombinedTagger = crf
    if getattr(resources, "ner_mode", "fast") == "accurate":
        # the net shares the CRF's featurizer (its lexicon flags, clusters and word frequencies)
        tagger = CombinedTagger(crf, NetModel.load(folder / NET_FILE, crf.featurizer))
    people = PeopleRules.from_table(load_titles(resources.path("people_titles.json")), lex)
    orgs = OrgRules.from_table(load_titles(resources.path("org_heads.json")), people.not_names, people.titles)
    facilities = FacilityRules.from_table(load_titles(resources.path("facility_heads.json")),
                                          people.not_names | orgs.not_modifiers)
    return NER(tagger, lex, people, Romanizer(lex.geo_latin), orgs, facilities)
