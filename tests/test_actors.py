"""The actor registry matcher: longest match, clitic-aware starts, context aliases, lookups."""

from __future__ import annotations

import json

import pytest

from rasid.resources.actors import ActorRegistry, load, strip_variants
from rasid.text import normalize

TINY = [
    {"id": "is", "canonical": "Islamic State", "aliases_ar": ["تنظيم الدولة", "الدولة الإسلامية", "داعش"],
     "context_aliases_ar": ["التنظيم"], "aliases_en": ["ISIS"], "acled_category": "Rebel group",
     "kind": "armed_group", "country": "SY", "parent": None, "source_type": "party"},
    {"id": "regime_forces", "canonical": "Military Forces of Syria", "aliases_ar": ["قوات النظام", "قوات النظام السوري"],
     "context_aliases_ar": [], "aliases_en": [], "acled_category": "State forces", "kind": "state_forces",
     "country": "SY", "parent": None, "source_type": "official"},
    {"id": "coalition", "canonical": "US-led Coalition", "aliases_ar": ["التحالف الدولي"], "context_aliases_ar": [],
     "aliases_en": [], "acled_category": "External/Other forces", "kind": "coalition", "country": None,
     "parent": None, "source_type": "official"},
]


def norms(text: str) -> list[str]:
    return normalize(text).split()


@pytest.fixture()
def reg() -> ActorRegistry:
    return ActorRegistry(TINY)


def test_longest_match_wins(reg: ActorRegistry) -> None:
    m = reg.match(norms("هاجمت قوات النظام السوري القرية"))
    assert [(x.actor_id, x.start, x.end) for x in m] == [("regime_forces", 1, 4)]


def test_proclitic_is_stripped_and_counted(reg: ActorRegistry) -> None:
    (m,) = reg.match(norms("وقوات النظام"))
    assert (m.actor_id, m.strip, m.fused) == ("regime_forces", 1, False)
    (m,) = reg.match(norms("بتنظيم الدولة"))
    assert (m.actor_id, m.strip) == ("is", 1)


def test_fused_lam_lam_restores_the_article(reg: ActorRegistry) -> None:
    (m,) = reg.match(norms("غارات للتحالف الدولي"))
    assert (m.actor_id, m.start, m.end, m.fused) == ("coalition", 1, 3, True)


def test_context_alias_is_flagged(reg: ActorRegistry) -> None:
    found = reg.match(norms("انسحب التنظيم من البلدة"))
    assert [(x.actor_id, x.context) for x in found] == [("is", True)]


def test_no_match_inside_other_words(reg: ActorRegistry) -> None:
    assert reg.match(norms("الدولة العثمانية وقوات الاحتلال")) == []


def test_lookup_normalises_spelling(reg: ActorRegistry) -> None:
    actor = reg.lookup("الدولة الاسلاميّة")
    assert actor is not None and actor.canonical == "Islamic State" and actor.category == "Rebel group"
    assert reg.lookup("حزب مجهول") is None


def test_strip_variants_keep_offsets() -> None:
    forms = {f: (k, fused) for f, k, fused in strip_variants("وللتحالف")}
    assert forms["التحالف"] == (1, True)
    assert ("وللتحالف", (0, False)) in forms.items()


def test_first_alias_owner_wins_and_conflict_is_listed() -> None:
    dup = [*TINY, {**TINY[2], "id": "other", "aliases_ar": ["التحالف الدولي"]}]
    reg = ActorRegistry(dup)
    assert reg.lookup("التحالف الدولي").id == "coalition"  # type: ignore[union-attr]
    assert ("التحالف الدولي", "coalition", "other") in reg.conflicts


def test_shipped_registry_loads(resources) -> None:
    reg = load(resources)
    assert len(reg) >= 150
    ids = {m.actor_id for m in reg.match(norms("عناصر داعش"))}
    assert len(ids) == 1


def test_broken_registry_file_is_a_resource_error(tmp_path) -> None:
    from rasid.errors import ResourceError
    from rasid.resources import Resources

    (tmp_path / "actors.json").write_text("[{", encoding="utf-8")
    with pytest.raises(ResourceError, match="not valid JSON"):
        load(Resources(data_dir=tmp_path))
    (tmp_path / "actors.json").write_text(json.dumps(TINY), encoding="utf-8")
    assert len(load(Resources(data_dir=tmp_path))) == 3


def test_shared_context_alias_resolves_to_the_named_actor() -> None:
    saudi = {**TINY[2], "id": "saudi_coalition", "canonical": "Saudi-led Coalition",
             "aliases_ar": ["التحالف العربي"], "context_aliases_ar": ["التحالف"]}
    us = {**TINY[2], "context_aliases_ar": ["التحالف"]}
    reg = ActorRegistry([saudi, us])
    toks = norms("شن التحالف الدولي غارات ثم قال التحالف")
    named = {m.actor_id for m in reg.match(toks) if not m.context}
    assert named == {"coalition"}
    assert [(m.actor_id, m.context) for m in reg.match(toks, named)] == [("coalition", False), ("coalition", True)]
    assert reg.match(norms("قال التحالف"), set()) == []


def test_descriptive_alias_tail_is_left_out_of_the_span() -> None:
    reg = ActorRegistry([{**TINY[2], "aliases_ar": ["التحالف الدولي", "التحالف الذي تقوده الولايات المتحدة"]}])
    toks = norms("غارات التحالف الذي تقوده الولايات المتحدة على المدينة")
    (m,) = reg.match(toks)
    assert (m.actor_id, m.start, m.end) == ("coalition", 1, 2)


def _army(aid: str, country: str, full: str) -> dict:
    return {**TINY[1], "id": aid, "country": country, "aliases_ar": [full], "context_aliases_ar": ["الجيش"]}


def test_shared_context_alias_follows_the_articles_country() -> None:
    reg = ActorRegistry([_army("syria_army", "SY", "الجيش السوري"), _army("lebanon_army", "LB", "الجيش اللبناني")])
    toks = norms("انتشر الجيش اللبناني في بيروت وقال الجيش إن لبنان آمن بعد انسحاب الجيش السوري")
    first = reg.match(toks)
    named = {m.actor_id for m in first if not m.context}
    countries = reg.countries(toks, first)
    assert countries["LB"] > countries["SY"]
    ctx = [m for m in reg.match(toks, named, countries) if m.context]
    assert [m.actor_id for m in ctx] == ["lebanon_army"]


def test_national_context_alias_of_another_country_is_off() -> None:
    reg = ActorRegistry([_army("syria_army", "SY", "الجيش السوري"), _army("lebanon_army", "LB", "الجيش اللبناني")])
    # the Syrian army is named once, but the article is about Lebanon: «الجيش» is the Lebanese army
    toks = norms("قال الجيش إن بيروت آمنة وإن لبنان آمن والحكومة اللبنانية راضية عن الوضع في بيروت بعد انسحاب "
                 "الجيش السوري من لبنان")
    first = reg.match(toks)
    countries = reg.countries(toks, first)
    (ctx,) = [m for m in reg.match(toks, {"syria_army"}, countries) if m.context]
    assert reg.off_country(ctx, countries)
    # in a Syrian article it stays the Syrian army
    toks = norms("قال الجيش إن قوات الجيش السوري دخلت دمشق")
    first = reg.match(toks)
    (ctx,) = [m for m in reg.match(toks, {"syria_army"}, reg.countries(toks, first)) if m.context]
    assert not reg.off_country(ctx, reg.countries(toks, first))


def test_affiliation_tail_is_cut_after_a_two_word_head() -> None:
    reg = ActorRegistry([{**TINY[1], "id": "corps", "aliases_ar": ["الفيلق الخامس المدعوم من روسيا"]},
                         {**TINY[1], "id": "militias", "aliases_ar": ["الميليشيات المدعومة من إيران"]}])
    (m,) = reg.match(norms("هاجم الفيلق الخامس المدعوم من روسيا القرية"))
    assert (m.actor_id, m.start, m.end) == ("corps", 1, 3)
    (m,) = reg.match(norms("هاجمت الميليشيات المدعومة من إيران القرية"))
    assert (m.actor_id, m.end - m.start) == ("militias", 4)


def test_children_leave_national_bodies_to_the_country_rule(resources) -> None:
    reg = resources.get("actors")
    assert "houthi_armed_forces" in reg.children({"houthis"})
    # «وزارة الدفاع» of a Russian statement must not become Syria's because the Syrian army is named
    kids = reg.children({"syrian_armed_forces"})
    assert all(reg.get(k).kind not in ("state_forces", "government") for k in kids)
    assert any(a.parent == "syrian_armed_forces" and a.kind in ("state_forces", "government")
               for a in reg.actors.values())
