"""The recogniser's parts: CoNLL reading and scoring, features, a tiny CRF, people rules, Latin names."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.errors import InputError
from rasid.ner.crf import CRFTagger, evaluate, read_conll, spans, train
from rasid.ner.features import Featurizer
from rasid.ner.lexicon import FeatureLexicon, load_titles
from rasid.ner.people import PeopleRules
from rasid.ner.translit import Romanizer
from rasid.text import Lexicon, normalize

ROOT = Path(__file__).resolve().parent.parent


def tiny_lexicon() -> FeatureLexicon:
    return FeatureLexicon(
        given=frozenset({"صلاح", "محمد", "علي", "صدام"}), surname=frozenset({"الخابوري", "دهمان"}),
        geo=frozenset({"دمشق", "حلب"}), geo_part=frozenset(), actor=frozenset({"تنظيم"}),
        title=frozenset({"العقيد", "الامير", "الشيخ"}), geo_latin={"دمشق": "Damascus"})


def test_read_conll_maps_tags(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("زار B-PERS\nمحمد I-PERS\n\nدمشق B-LOC\nاليوم O\n", encoding="utf-8")
    assert read_conll(f) == [(["زار", "محمد"], ["B-PER", "I-PER"]), (["دمشق", "اليوم"], ["B-LOC", "O"])]
    f.write_text("كلمة\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tag"):
        read_conll(f)
    with pytest.raises(InputError):
        read_conll(tmp_path / "absent.txt")


def test_spans_and_exact_span_scores() -> None:
    assert list(spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"])) == [("PER", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5)]
    s = evaluate([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "O", "O", "B-LOC"]])
    assert (s["ALL"].tp, s["ALL"].npred, s["ALL"].ngold) == (1, 2, 2)
    assert s["LOC"].f1 == 1.0 and s["PER"].f1 == 0.0


def test_features_carry_clitic_stripped_forms_and_lexicons() -> None:
    fz = Featurizer(tiny_lexicon(), Lexicon({"حلب": 1e-5, "صلاح": 1e-4}))
    rows = fz.sequence(["وحلب", "صلاح"])
    assert "b=حلب" in rows[0] and "GEO" in rows[0] and "BOS" in rows[0]
    assert "G" in rows[1] and "-1b=حلب" in rows[1] and "EOS" in rows[1]
    assert fz.sequence(["وحلب", "صلاح"]) == rows  # the per-word cache changes nothing


def test_a_tiny_crf_learns_and_tags(tmp_path: Path) -> None:
    lex = tiny_lexicon()
    fz = Featurizer(lex, None)
    data = [(["زار", "صلاح", "الخابوري", "دمشق"], ["O", "B-PER", "I-PER", "B-LOC"]),
            (["وصل", "محمد", "دهمان", "حلب"], ["O", "B-PER", "I-PER", "B-LOC"])] * 5
    train(data, fz, tmp_path / "m.crf", {"c2": 0.01, "max_iterations": 50})
    tagger = CRFTagger(tmp_path / "m.crf", fz)
    assert tagger.tag([normalize(w) for w in ["زار", "علي", "دهمان", "حلب"]])[1:] == ["B-PER", "I-PER", "B-LOC"]
    assert tagger.tag([]) == []


def test_missing_model_is_a_resource_error(tmp_path: Path) -> None:
    from rasid.errors import ResourceError

    with pytest.raises(ResourceError, match="train-ner"):
        CRFTagger(tmp_path / "none.crf", Featurizer(tiny_lexicon(), None))


def test_lexicon_round_trips(tmp_path: Path) -> None:
    lex = tiny_lexicon()
    lex.save(tmp_path / "l.json.gz")
    assert FeatureLexicon.load(tmp_path / "l.json.gz") == lex


@pytest.fixture()
def people() -> PeopleRules:
    return PeopleRules.from_table(load_titles(ROOT / "rasid" / "data" / "people_titles.json"), tiny_lexicon())


def toks(text: str) -> list[str]:
    return normalize(text).replace("،", " ، ").replace(".", " . ").split()


def test_kunya_with_family_name_and_title(people: PeopleRules) -> None:
    n = toks("وقال الأمير أبو هشام الخابوري إن")
    spans_ = people.kunyas(n, [0.0] * len(n), [0] * len(n), [False] * len(n))
    assert [(s.start, s.end, s.role) for s in spans_] == [(2, 5, "الامير")]


def test_kunya_after_proclitic_and_stops_at_function_word(people: PeopleRules) -> None:
    n = toks("خرج صلاح وأبو علي مع شخص")
    (s,) = people.kunyas(n, [0.0] * len(n), [0] * len(n), [False] * len(n))
    assert (s.start, s.end) == (2, 4)


def test_list_after_cue(people: PeopleRules) -> None:
    n = toks("خرج عناصر عرف منهم صدام الخابوري وعلي دهمان وأبو محمد الحلبي.")
    got = people.lists(n, [0.0] * len(n), [0] * len(n), [False] * len(n))
    assert [" ".join(n[s.start:s.end]) for s in got] == ["صدام الخابوري", "وعلي دهمان", "وابو محمد الحلبي"]


def test_short_mention_links_only_unambiguous_rare_names(people: PeopleRules) -> None:
    from rasid.ner.people import PersonSpan

    n = toks("خرج صلاح قطيش ثم فشل هروب قطيش")
    got = people.short_mentions([PersonSpan(1, 3)], n, [0.0] * len(n), [False, True, True, *[False] * 4])
    assert [(k, s.start) for k, s in got] == [(0, 6)]
    n2 = toks("صدام قطيش وعلي قطيش ثم قطيش")
    assert people.short_mentions([PersonSpan(0, 2), PersonSpan(2, 4)], n2, [0.0] * 6, [True] * 4 + [False] * 2) == []


def test_nasab_chain(people: PeopleRules) -> None:
    from rasid.ner.people import PersonSpan

    n = toks("التقى محمد بن سلمان بن عبد العزيز أمس")
    (s,) = people.extend_nasab([PersonSpan(1, 2)], n, [0] * len(n))
    assert (s.start, s.end) == (1, 7)


def test_romanizer_conventions_offline() -> None:
    r = Romanizer({"دمشق": "Damascus"})
    latin = r.person("أبو هشام الخابوري")
    assert latin.startswith("Abu ") and " al-Kh" in latin
    assert r.person("الخابوري").startswith("Al-")
    assert r.place("دمشق") == "Damascus"
    assert r.place("بلدة مجهولة") != ""


def test_org_phrases_from_heads() -> None:
    import json

    from rasid.ner.orgs import OrgRules

    table = json.loads((ROOT / "rasid" / "data" / "org_heads.json").read_text(encoding="utf-8"))
    rules = OrgRules.from_table(table)

    def find(text: str) -> list[str]:
        n = toks(text)
        return [" ".join(n[a:b]) for a, b, _ in rules.find(n, [0] * len(n), [False] * len(n))]

    assert find("أعلنت السلطات الليبية أن وزارة الداخلية المصرية اعتقلت رجلا") == [
        "السلطات الليبيه", "وزاره الداخليه المصريه"]
    assert find("وصلت شرطة مكافحة الإرهاب إلى المكان") == ["شرطه مكافحه الارهاب"]
    assert find("ونشرت الشرطة حواجز") == ["الشرطه"]  # an 'alone' head
    assert find("قالت القوات إنها انسحبت") == []  # a bare generic head is no name
    # a preposition ends the genitive chain of «جهاز»; «بمكتب» starts a name of its own
    assert find("جهاز شبيه بمكتب التحقيقات") == ["بمكتب التحقيقات"]
    n = toks("ولوزارة الخارجية الأردنية")
    assert rules.find(n, [0] * len(n), [False] * len(n)) == [(0, 3, 2)]


def test_propagate_spreads_one_label_per_name() -> None:
    from rasid.ner.crf import propagate

    norms = [["زار", "رامسفيلد", "بغداد"], ["قال", "رامسفيلد", "إن"], ["وقال", "رامسفيلد", "ثم"]]
    tags = [["O", "B-PER", "B-LOC"], ["O", "O", "O"], ["O", "B-PER", "O"]]
    out = propagate(norms, tags)
    assert out[1] == ["O", "B-PER", "O"]
    assert out[0] == tags[0]
    # a common word is not spread, and a window limits how far labels travel
    assert propagate(norms, tags, freq=lambda w: 1.0)[1] == ["O", "O", "O"]
    far = [["رامسفيلد"], ["x"], ["x"], ["رامسفيلد"]]
    assert propagate(far, [["B-PER"], ["O"], ["O"], ["O"]], window=1)[3] == ["O"]


def test_office_after_a_title_is_not_an_org() -> None:
    import json

    from rasid.ner.orgs import OrgRules

    table = json.loads((ROOT / "rasid" / "data" / "org_heads.json").read_text(encoding="utf-8"))
    rules = OrgRules.from_table(table, titles=frozenset({"وزير"}))
    n = toks("وقال وزير الخارجية الجزائري إن")
    assert rules.find(n, [0] * len(n), [False] * len(n)) == []
    assert rules.is_head("وحزب") and not rules.is_head("الجزائري")


def test_ner_loader_says_how_to_rebuild(tmp_path: Path) -> None:
    from rasid.errors import ResourceError
    from rasid.resources import Resources
    from rasid.resources.ner import load

    with pytest.raises(ResourceError, match="train-ner"):
        load(Resources(data_dir=tmp_path))


def test_shipped_model_loads_fast_and_tags(resources) -> None:
    ner = resources.get("ner").bind(resources.get("lexicon"))
    tags = ner.tagger.tag([normalize(w) for w in "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت".split()])
    assert tags[3:5] == ["B-PER", "I-PER"] and tags[-1] == "B-LOC"


def test_propagate_surnames() -> None:
    from rasid.ner.crf import propagate

    norms = [["قال", "صالح", "العاروري"], ["واكد", "العاروري", "ان"]]
    tags = [["O", "B-PER", "I-PER"], ["O", "O", "O"]]
    assert propagate(norms, tags)[1] == ["O", "O", "O"]
    assert propagate(norms, tags, surnames=True)[1] == ["O", "B-PER", "O"]


def test_word_clusters_round_trip_and_features(tmp_path: Path) -> None:
    from rasid.ner.clusters import LEVELS, WordClusters
    from rasid.ner.clusters import features as cluster_features

    levels = len(LEVELS)
    cl = WordClusters({"بوتين": (3,) * levels, "اردوغان": (3,) * levels, "0000": (7,) * levels})
    cl.save(tmp_path / "c.tsv.gz", header="test")
    back = WordClusters.load(tmp_path / "c.tsv.gz")
    assert back.ids == cl.ids
    assert back.get("2024") == (7,) * levels  # digits fold to 0
    assert cluster_features(back, ("وبوتين", "بوتين")) == [f"c{lv}=3" for lv in LEVELS]  # the base stands in
    assert cluster_features(back, ("مجهول",)) == ["c=none"] and cluster_features(None, ("بوتين",)) == []
    fz = Featurizer(tiny_lexicon(), None, clusters=back)
    rows = fz.sequence(["زار", "اردوغان"])
    assert f"c{LEVELS[0]}=3" in rows[1] and f"+1c{LEVELS[0]}=3" in rows[0]


def test_romanization_does_not_depend_on_the_other_names_of_the_article() -> None:
    # Batched romanization once padded mixed-length batches, so a name's Latin form changed with its company
    # and a multi-worker ingest could differ from a single-process one.
    # rare surnames of several lengths, so the model (not the attested-spelling index) spells them
    names = ["قرقوز", "زنبقجي", "شخاترة", "دعبولي", "كحيلانة", "طعيمات", "مسعوداني", "قبلاوي", "حنتوشي",
             "جرابلسي", "زغموري", "دقاقنة", "عرعورة", "نعنوعي", "حمدوش", "بطاينة"]
    alone = {n: Romanizer({}).person(n) for n in names}
    together = Romanizer({})
    together.prefetch_names(names, [])
    assert {n: together.person(n) for n in names} == alone
    reverse = Romanizer({})
    reverse.prefetch_names(list(reversed(names)), [])
    assert {n: reverse.person(n) for n in names} == alone


def test_romanization_batches_names_by_the_length_the_model_sees() -> None:
    # A tatweel or a diacritic makes a name longer as written than as the model reads it («بوينـغ» is
    # «بوينغ»): batched by written length it was padded among longer names and its spelling changed.
    odd = "بوينـغ"
    company = ["سلمونة", "زرقاوي", "عبيدات", "قنوانة", "حرمانة", "شعلانة", "دغيمات", "خطيبات"]
    alone = Romanizer({})
    alone.prefetch([(odd, "given")])
    mixed = Romanizer({})
    mixed.prefetch([(odd, "given"), *((c, "given") for c in company)])
    assert mixed._units[(odd, "given")] == alone._units[(odd, "given")]
    assert Romanizer._shape(odd) == Romanizer._shape("بوينغ") == (5,)


def test_numpy_tagging_matches_crfsuite_on_the_shipped_model(resources) -> None:
    """`CRFTagger.tag_many` (weights read from the model file, numpy Viterbi) gives crfsuite's labels exactly,
    for sentences of mixed lengths tagged together, one-token and empty sentences included."""
    ner = resources.get("ner").bind(resources.get("lexicon"))
    tagger = ner.tagger
    assert tagger.weights is not None
    texts = ["وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت صباح اليوم في زيارة رسمية",
             "قتل ثلاثة مدنيين في قصف على ريف إدلب الجنوبي", "حلب", "",
             "قالت وزارة الخارجية الأمريكية إن الوزير أنتوني بلينكن سيلتقي نظيره التركي في أنقرة",
             "أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم", "ذكرت وكالة الأنباء السعودية واس"]
    sents = [[normalize(w) for w in t.split()] for t in texts]
    want = [list(tagger.tagger.tag(tagger.featurizer.sequence(s))) if s else [] for s in sents]
    assert tagger.tag_many(sents) == want
    assert [tagger.tag(s) for s in sents] == want
    assert any(t != "O" for ts in want for t in ts)  # the check is not vacuous


def test_tiny_model_numpy_and_crfsuite_agree(tmp_path: Path) -> None:
    fz = Featurizer(tiny_lexicon(), None)
    data = [(["زار", "صلاح", "الخابوري", "دمشق"], ["O", "B-PER", "I-PER", "B-LOC"]),
            (["وصل", "محمد", "دهمان", "حلب"], ["O", "B-PER", "I-PER", "B-LOC"])] * 5
    train(data, fz, tmp_path / "m.crf", {"c2": 0.01, "max_iterations": 50})
    tagger = CRFTagger(tmp_path / "m.crf", fz)
    sents = [["زار", "علي", "دهمان", "حلب"], ["دمشق"], ["وصل", "صدام", "الى", "حلب", "ثم", "دمشق"]]
    assert tagger.tag_many(sents) == [list(tagger.tagger.tag(fz.sequence(s))) for s in sents]


def test_auto_lexicon_codes_bin_label_shares() -> None:
    from rasid.ner.auto import code

    # layout: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC
    assert code([0, 9, 1, 0, 0, 0, 0, 0, 0], 3) == "P2b"  # a person's first word
    assert code([2, 0, 3, 0, 3, 0, 0, 0, 0], 3) == "P1iG1i"  # continues persons and organisations
    assert code([95, 0, 0, 0, 0, 5, 0, 0, 0], 3) == "L0b"
    assert code([100, 0, 0, 0, 0, 0, 0, 1, 0], 3) == "O"  # a name in under 5 % of its uses
    assert code([1, 1, 0, 0, 0, 0, 0, 0, 0], 3) == ""  # too rare to say


def test_auto_lexicon_features_and_tables_round_trip(tmp_path: Path) -> None:
    from rasid.ner.auto import RUN, AutoLexicon, load_runtime, load_tables, save_tables, with_bases

    counts = {"بوتين": [0, 8, 2, 0, 0, 0, 0, 0, 0], "وبوتين": [0, 3, 0, 0, 0, 0, 0, 0, 0],
              "قال": [50, 0, 0, 0, 0, 0, 0, 0, 0]}
    fz = Featurizer(tiny_lexicon(), Lexicon({"بوتين": 1e-5, "قال": 1e-3}))
    bases = with_bases(counts, fz.split)
    assert bases == {"بوتين": [0, 11, 2, 0, 0, 0, 0, 0, 0]}  # the base's counts sum all its forms
    run = AutoLexicon.from_counts(counts, bases, 3)
    assert run.features("بوتين", "بوتين") == ["a=P2", "a=P2b"]
    assert run.features("وبوتين", "بوتين") == ["a=P2", "a=P2b", "ab=P2", "ab=P2b"]
    assert run.features("قال", "قال") == ["a=O"] and run.features("مجهول", "مجهول") == ["a=?"]
    fold = AutoLexicon({"قال": "O"}, {})
    save_tables(tmp_path / "a.tsv.gz", {RUN: run, "k0": fold}, header="test")
    first = (tmp_path / "a.tsv.gz").read_bytes()
    save_tables(tmp_path / "a.tsv.gz", {"k0": fold, RUN: run}, header="test")
    assert (tmp_path / "a.tsv.gz").read_bytes() == first  # same tables, same bytes
    back = load_tables(tmp_path / "a.tsv.gz")
    assert back == {RUN: run, "k0": fold}
    assert load_runtime(tmp_path / "a.tsv.gz") == run and load_runtime(tmp_path / "absent.tsv.gz") is None
    # the featurizer carries the word's codes, and a neighbour's
    rows = Featurizer(tiny_lexicon(), None, auto=run).sequence(["قال", "بوتين"])
    assert "a=P2b" in rows[1] and "+1a=P2b" in rows[0] and "-1a=O" in rows[1]


def test_auto_lexicon_counts_what_the_crf_tags_in_articles(tmp_path: Path) -> None:
    import gzip
    import json

    from rasid.ner.auto import corpus_articles, count_labels

    fz = Featurizer(tiny_lexicon(), None)
    data = [(["زار", "صلاح", "الخابوري", "دمشق"], ["O", "B-PER", "I-PER", "B-LOC"]),
            (["وصل", "محمد", "دهمان", "حلب"], ["O", "B-PER", "I-PER", "B-LOC"])] * 5
    train(data, fz, tmp_path / "m.crf", {"c2": 0.01, "max_iterations": 50})
    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "خبر", "content": "زار علي دهمان حلب. وصل صلاح الخابوري دمشق\nانتهى"},
                            ensure_ascii=False) + "\n")
    assert list(corpus_articles([corpus])) == [[["زار", "علي", "دهمان", "حلب", "."],
                                                ["وصل", "صلاح", "الخابوري", "دمشق"]]]
    counts = count_labels(CRFTagger(tmp_path / "m.crf", fz), [corpus], None, log=lambda _m: None)
    assert counts["دهمان"] == [0, 0, 1, 0, 0, 0, 0, 0, 0]  # I-PER
    assert counts["حلب"][5] == 1 and counts["زار"][0] == 1


def test_the_tagger_keeps_a_words_features_once_as_ids_not_also_as_strings(resources) -> None:
    # The featurizer's strings (~3 KB a word) were cached beside the tagger's attribute ids of the same
    # words: 150 MB more per worker on a 5,000-article ingest, for nothing.
    tagger = resources.get("ner").bind(resources.get("lexicon")).tagger
    assert tagger.weights is not None
    words = ["زرنوقيات", "قلعبوني", "اجتمع", "الوزير"]
    tagger.featurizer._cache.clear()
    tagger.tag_many([words])
    assert all(w in tagger._ids for w in words)
    assert not any(w in tagger.featurizer._cache for w in words)
