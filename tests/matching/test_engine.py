"""The matching engine inside Django, with the real multilingual encoder (memoised per text
for the session, so each fixture text is encoded once)."""

import json
from io import StringIO

import numpy as np
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from lintas.catalogue.domain import lifecycle, revisions
from lintas.catalogue.models import Profile
from lintas.matching.domain import decisions, digest, fulltext, indexing, recommend, search_index
from lintas.matching.domain.search import search
from lintas.matching.models import Match, MatchSettings, ProfileVector
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

pytestmark = pytest.mark.encoder


class MemoEncoder:
    """The real encoder, remembering what it already encoded in this test session."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.cache: dict = {}
        self.calls = 0

    def _encode(self, texts, kind):
        todo = [t for t in texts if (kind, t) not in self.cache]
        if todo:
            self.calls += len(todo)
            fn = self.inner.encode_queries if kind == "q" else self.inner.encode_passages
            for t, v in zip(todo, fn(todo), strict=True):
                self.cache[(kind, t)] = v
        return (
            np.vstack([self.cache[(kind, t)] for t in texts])
            if texts
            else np.zeros((0, self.dim), np.float32)
        )

    def encode_queries(self, texts):
        return self._encode(list(texts), "q")

    def encode_passages(self, texts):
        return self._encode(list(texts), "p")


@pytest.fixture(scope="session")
def memo_encoder():
    from lintas.matching.encoder import get_encoder

    return MemoEncoder(get_encoder())


@pytest.fixture(autouse=True)
def use_memo_encoder(memo_encoder, monkeypatch):
    import lintas.matching.encoder as enc

    monkeypatch.setattr(enc, "_shared", memo_encoder)
    search_index.reset()
    yield
    search_index.reset()


OFFERS = [
    (
        "zh",
        "耐盐碱水稻新品种",
        "在盐度6 dS/m的沿海稻田亩产达到450公斤，比当地品种增产30%。",
        ["agriculture"],
        8,
        ["ID", "VN"],
    ),
    (
        "en",
        "Solar-powered drip irrigation pumps for brackish water",
        "Stainless pumps that resist salt water; drip lines save 40 % of water.",
        ["agriculture"],
        7,
        ["ID"],
    ),
    (
        "zh",
        "北斗高精度定位终端",
        "北斗三号RTK定位，精度2厘米，用于农机自动驾驶和车队管理。",
        ["aerospace-navigation"],
        9,
        ["TH"],
    ),
    (
        "en",
        "Telemedicine platform for rural clinics",
        "Video consultation and remote diagnosis for village health posts.",
        ["biomedicine"],
        8,
        ["KH"],
    ),
]
NEEDS = [
    (
        "id",
        "Pompa irigasi tahan air payau",
        "Pompa irigasi kami di Indramayu rusak setiap bulan karena air payau. Kami butuh pompa tahan garam dan irigasi tetes.",
        ["agriculture"],
        6,
        ["CN"],
    ),
    (
        "th",
        "ระบบนำทางรถแทรกเตอร์ด้วยดาวเทียม",
        "ต้องการระบบบังคับเลี้ยวอัตโนมัติสำหรับรถแทรกเตอร์ในไร่อ้อย ความแม่นยำระดับเซนติเมตร",
        ["aerospace-navigation"],
        7,
        ["CN"],
    ),
    (
        "vi",
        "Giống lúa chịu mặn cho Đồng bằng sông Cửu Long",
        "Ruộng lúa bị nhiễm mặn 4-6 dS/m vào mùa khô, cần giống lúa chịu mặn năng suất cao.",
        ["agriculture"],
        7,
        ["CN"],
    ),
]


@pytest.fixture
def catalogue(db, broker):
    sectors = {
        slug: SectorFactory(slug=slug, names={"en": slug})
        for slug in ("agriculture", "aerospace-navigation", "biomedicine")
    }
    cn = OrganisationFactory(slug="cn-uni", country="CN")
    profiles = {}
    for i, (lang, title, summary, secs, trl, targets) in enumerate(OFFERS):
        p = ProfileFactory(
            kind="offer",
            ref=f"OF-{i}",
            organisation=cn,
            title=title,
            summary=summary,
            description="",
            content_language=lang,
            status="published",
            trl=trl,
            target_countries=targets,
            keywords=[],
            sectors=[sectors[s] for s in secs],
        )
        profiles[p.ref] = p
    for i, (lang, title, summary, secs, trl, targets) in enumerate(NEEDS):
        org = OrganisationFactory(
            slug=f"asean-{i}", country={"id": "ID", "th": "TH", "vi": "VN"}[lang]
        )
        p = ProfileFactory(
            kind="need",
            ref=f"ND-{i}",
            organisation=org,
            title=title,
            summary=summary,
            description="",
            content_language=lang,
            status="published",
            trl=trl,
            target_countries=targets,
            keywords=[],
            sectors=[sectors[s] for s in secs],
        )
        profiles[p.ref] = p
    indexing.reindex()
    return profiles


def test_reindex_stores_vectors_and_second_run_encodes_nothing(catalogue, memo_encoder):
    assert ProfileVector.objects.count() == len(OFFERS) + len(NEEDS)
    vec = ProfileVector.objects.get(profile=catalogue["OF-0"])
    assert vec.dim == 384 and abs(float(np.linalg.norm(vec.as_array())) - 1.0) < 1e-3
    assert "耐盐" in vec.tokens or "水稻" in vec.tokens
    assert indexing.reindex()["encoded"] == 0


def test_fulltext_finds_two_character_chinese_word(catalogue):
    hits = dict(fulltext.search(terms=["水稻"]))
    assert catalogue["OF-0"].pk in hits
    assert catalogue["OF-1"].pk not in hits


def test_indonesian_query_finds_chinese_and_english_offers(catalogue):
    result = search(query="pompa air payau untuk irigasi padi", kind="offer", k=2)
    assert result.language == "id"
    refs = [h.profile.ref for h in result.hits]
    assert refs[0] == "OF-1"
    # Language centring lets the Indonesian rice query reach the Chinese rice offer first.
    rice = search(query="varietas padi tahan garam", kind="offer", k=2)
    assert rice.hits[0].profile.ref == "OF-0"


def test_selective_filter_still_fills_the_page(catalogue):
    result = search(query="pompa irigasi", kind="offer", filters={"sector": "biomedicine"}, k=5)
    # The only biomedicine offer is no pump: found, but as a related result, not a match.
    assert (result.hits, result.no_close_match) == ([], True)
    assert [h.profile.ref for h in result.related] == ["OF-3"]
    pumps = search(query="pompa irigasi", kind="offer", filters={"sector": "agriculture"}, k=5)
    assert pumps.hits[0].profile.ref == "OF-1"
    none = search(
        query="pompa irigasi", kind="offer", filters={"trl_min": "9", "sector": "agriculture"}, k=5
    )
    assert none.hits == []
    bad = search(query="x", filters={"country": "ZZ"})
    assert "country" in bad.errors


def test_recommendations_cross_language_with_explanations(catalogue):
    for ref, expected in (("ND-0", "OF-1"), ("ND-1", "OF-2"), ("ND-2", "OF-0")):
        top = recommend.visible_matches(profile=catalogue[ref]).first()
        assert top.offer.ref == expected, ref
    match = Match.objects.get(need=catalogue["ND-2"], offer=catalogue["OF-0"])
    why = match.explanation
    assert why["sectors"] == ["agriculture"]
    assert why["trl"] == {"ok": True, "offer": 8, "need": 7}
    assert (
        why["country"]["offer_targets_need"] is True
        and why["country"]["need_targets_offer"] is True
    )
    # score = CSLS + sector, TRL and country bonuses, each visible in the explanation
    bonuses = recommend.SECTOR_BONUS + recommend.TRL_BONUS + recommend.COUNTRY_BONUS
    assert (recommend.SECTOR_BONUS, recommend.TRL_BONUS, recommend.COUNTRY_BONUS) == (
        0.12,
        0.02,
        0.12,
    )
    assert match.score == pytest.approx(why["csls"] + bonuses, abs=1e-3)


def test_hubness_generic_offer_does_not_top_every_need(catalogue):
    cn = catalogue["OF-0"].organisation
    generic = ProfileFactory(
        kind="offer",
        ref="OF-G",
        organisation=cn,
        status="published",
        content_language="en",
        title="Technology solutions",
        summary="Advanced technology solutions for agriculture, water, navigation, health and industry.",
        description="",
        keywords=[],
    )
    indexing.reindex()
    tops = [
        recommend.visible_matches(profile=catalogue[f"ND-{i}"]).first().offer.ref for i in range(3)
    ]
    assert "OF-G" not in tops
    assert generic.pk in ProfileVector.objects.values_list("profile_id", flat=True)


def test_publish_edit_archive_update_the_index(
    provider, broker, sector, django_capture_on_commit_callbacks, catalogue
):
    profile = lifecycle.create_profile(
        user=provider,
        kind="offer",
        data={
            "title": "Mesin pengering singkong",
            "summary": "Pengering singkong 2 ton/jam hemat energi 30 %.",
        },
        sectors=[sector],
    )
    lifecycle.submit(user=provider, profile=profile)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(user=broker, profile=profile)
    first = ProfileVector.objects.get(profile=profile)
    assert search(query="pengering singkong", kind="offer", k=1).hits[0].profile == profile
    revision = revisions.propose(
        user=provider, profile=profile, data={"title": "Cassava dryer, 2 t/h"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        revisions.accept(user=broker, revision=revision)
    assert ProfileVector.objects.get(profile=profile).text_hash != first.text_hash
    Match.objects.get_or_create(offer=profile, need=catalogue["ND-0"], defaults={"score": 0.5})
    assert Match.objects.filter(offer=profile).exists()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.archive(user=provider, profile=Profile.objects.get(pk=profile.pk))
    assert not Match.objects.filter(offer=profile).exists()
    assert profile.ref not in [
        h.profile.ref for h in search(query="cassava dryer", kind="offer", k=10).hits
    ]


def test_broker_pin_dismiss_and_user_feedback(catalogue, broker, outsider):
    need = catalogue["ND-0"]
    owner = UserFactory(organisation=need.organisation, role="seeker")
    match = Match.objects.filter(need=need).first()
    with pytest.raises(PermissionDenied):
        decisions.pin(user=owner, match=match)
    decisions.dismiss(user=broker, match=match)
    assert match.pk not in recommend.visible_matches(profile=need).values_list("pk", flat=True)
    decisions.give_feedback(
        user=owner, match=match, relevant=False, comment="not for brackish water"
    )
    assert match.feedback.get().relevant is False
    with pytest.raises(PermissionDenied):
        decisions.give_feedback(user=outsider, match=match, relevant=True)
    indexing.reindex()
    assert Match.objects.get(pk=match.pk).dismissed is True


def test_match_panel_visible_to_owner_and_broker_only(catalogue, broker, outsider):
    need = catalogue["ND-0"]
    owner = UserFactory(organisation=need.organisation, role="seeker")
    assert 'id="matches"' in login(owner).get(need.get_absolute_url()).content.decode()
    assert 'id="matches"' in login(broker).get(need.get_absolute_url()).content.decode()
    assert 'id="matches"' not in login(outsider).get(need.get_absolute_url()).content.decode()
    body = login(owner).get("/matching/for-you/").content.decode()
    assert catalogue["OF-1"].title in body
    for secret in ("SECRET-PRICE-TERMS", "secret.contact@example.org"):
        assert secret not in body


def test_search_page_and_api_never_leak_confidential(catalogue):
    page = APIClient().get("/matching/search/", {"q": "pompa irigasi"}).content.decode()
    api = APIClient().get("/api/v1/search/", {"q": "pompa irigasi", "kind": "offer"})
    assert api.status_code == 200 and api.json()["results"][0]["profile"]["ref"] == "OF-1"
    for secret in ("SECRET-PRICE-TERMS", "secret.contact@example.org", "Dr Secret Contact"):
        assert secret not in page and secret not in api.content.decode()
    assert APIClient().get("/api/v1/search/", {"k": "many"}).status_code == 400


def test_matches_api_permissions(catalogue, broker, outsider):
    need = catalogue["ND-0"]
    assert APIClient().get(f"/api/v1/profiles/{need.ref}/matches/").status_code == 401
    client = APIClient()
    client.force_authenticate(outsider)
    assert client.get(f"/api/v1/profiles/{need.ref}/matches/").status_code == 404
    client.force_authenticate(broker)
    data = client.get(f"/api/v1/profiles/{need.ref}/matches/").json()
    assert data[0]["offer"]["ref"] == "OF-1"
    assert "confidential_details" not in json.dumps(data)


def test_search_command_json(catalogue):
    out = StringIO()
    call_command("search", "北斗 定位", "--kind", "offer", "--k", "2", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["results"][0]["ref"] == "OF-2"
    assert data["results"][0]["band"] in ("strong", "good", "possible")
    # only the navigation offer is close; the floor keeps the others out
    assert (len(data["results"]), data["no_close_match"]) == (1, False)


def test_digest_sends_new_matches_once_without_secrets(catalogue):
    need = catalogue["ND-0"]
    owner = UserFactory(organisation=need.organisation, role="seeker", language="id")
    MatchSettings.objects.create(user=owner, frequency="daily")
    assert digest.send_digests() >= 1
    mine = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(mine) == 1
    assert catalogue["OF-1"].title in mine[0].body
    assert "SECRET-PRICE-TERMS" not in mine[0].body and "secret.contact" not in mine[0].body
    mail.outbox.clear()
    digest.send_digests()
    assert [m for m in mail.outbox if m.to == [owner.email]] == []


def test_fulltext_backend_matches_database(catalogue):
    assert connection.vendor in ("sqlite", "postgresql")
    assert fulltext.search(terms=[]) == []


@pytest.mark.parametrize("k", [1, 3])
def test_search_query_count_does_not_grow_with_hits(catalogue, k, django_assert_max_num_queries):
    search(query="pompa irigasi", kind=None, k=1)  # warm the index and language detector
    with django_assert_max_num_queries(12):
        result = search(query="pompa irigasi", kind=None, k=k)
    assert len(result.hits) == min(k, 2)  # two profiles are about irrigation pumps
    with django_assert_max_num_queries(12):
        unrelated = search(query="xyzzy qwerty", kind=None, k=k)
    assert (len(unrelated.hits), len(unrelated.related)) == (0, k)


def test_match_explanation_shows_words_not_codes(catalogue):
    """The explanation stores slugs and country codes; the page words them in the reader's
    language (sector names from the taxonomy, localised country names)."""
    from lintas.core.models import Sector

    Sector.objects.filter(slug="agriculture").update(
        names={"en": "Agriculture and food", "th": "เกษตรและอาหาร"}
    )
    need = catalogue["ND-2"]
    owner = UserFactory(organisation=need.organisation, role="seeker", language="en")
    page = login(owner).get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert page.status_code == 200 and catalogue["OF-0"].title in body
    assert "Shared sectors: Agriculture and food" in body
    assert "The offer targets Vietnam" in body
    assert "The need looks for partners in China" in body
    assert "The offer targets VN" not in body and "Shared sectors: agriculture" not in body
    thai = login(owner).get(need.get_absolute_url() + "?lang=th", HTTP_ACCEPT_LANGUAGE="th")
    assert thai.status_code == 200
    assert "เกษตรและอาหาร" in thai.content.decode()
