"""Cross-lingual expertise search with the real encoder: an Indonesian query finds a Chinese
rice breeder through his Chinese and English texts, and only texts the viewer may read count."""

import pytest
from django.urls import reverse

from lintas.talents.domain import expertise
from lintas.talents.domain.indexing import index_talents
from lintas.talents.models import Talent, TalentText
from tests.factories import PublicationFactory, TalentFactory

BREEDER_PAPERS = [
    ("耐盐水稻新品种选育及沿海盐碱地示范种植", "通过分子标记辅助回交把耐盐基因导入优质籼稻。"),
    ("Marker-assisted introgression of Saltol into elite indica rice for coastal saline soils",
     "The lines kept yield under salinity stress in field trials."),
]  # fmt: skip


@pytest.fixture
def world(db):
    breeder = TalentFactory(
        name="Chen Xiaoming", slug="chen", country="CN", members_only=[],
        bio="研究员，二十年来从事耐盐碱水稻育种。",
    )  # fmt: skip
    for title, abstract in BREEDER_PAPERS:
        PublicationFactory(talent=breeder, title=title, abstract=abstract)
    battery = TalentFactory(
        name="Nguyen Van Hai", slug="hai", country="VN", members_only=[],
        bio="Giảng viên nghiên cứu tái chế pin lithium-ion.",
    )  # fmt: skip
    PublicationFactory(
        talent=battery, title="Hydrometallurgical recovery of cobalt from spent batteries"
    )
    TalentFactory(
        name="Jose Reyes", slug="jose", country="PH", members_only=[],
        bio="Inhinyero na nagdidisenyo ng solar microgrid para sa maliliit na isla.",
    )  # fmt: skip
    index_talents(Talent.objects.values_list("pk", flat=True))
    return breeder


def test_indonesian_query_finds_the_chinese_rice_breeder_with_his_words(world, seeker):
    hits = expertise.rank(
        user=seeker, text="pemulia padi toleran garam", talents=Talent.objects.all()
    )
    assert hits[0].talent == world
    assert hits[0].text in {t for t, _a in BREEDER_PAPERS} | {
        "研究员，二十年来从事耐盐碱水稻育种。"
    }
    assert [h.talent.slug for h in hits].count("chen") == 1


def test_a_whole_document_ranks_too(world, seeker):
    need = (
        "Kami mencari teknologi benih padi untuk sawah pesisir yang terkena intrusi air laut. "
        "Varietas lokal kami gagal panen ketika kadar garam tanah naik pada musim kemarau."
    )
    hits = expertise.rank(user=seeker, text=need, talents=Talent.objects.all(), floor=-1)
    assert hits[0].talent == world
    assert {h.talent.slug for h in hits} == {"chen", "hai", "jose"}


def test_visitors_rank_and_see_only_public_texts(world, seeker):
    from django.contrib.auth.models import AnonymousUser

    world.members_only = ["publications", "bio"]
    world.save()
    visitor = expertise.rank(
        user=AnonymousUser(),
        text="salt tolerant rice breeding",
        talents=Talent.objects.all(),
        floor=-1,
    )
    assert "chen" not in [h.talent.slug for h in visitor]
    member = expertise.rank(
        user=seeker, text="salt tolerant rice breeding", talents=Talent.objects.all()
    )
    assert member[0].talent == world and member[0].kind in ("publication", "bio")


def test_reindexing_encodes_only_new_texts(world):
    assert index_talents([world.pk]) == 0
    PublicationFactory(talent=world, title="海水稻苗期耐盐性鉴定方法研究")
    assert index_talents([world.pk]) == 1
    assert TalentText.objects.filter(talent=world, kind="publication").count() == 3


def test_writes_through_the_domain_reindex(world, django_capture_on_commit_callbacks):
    from lintas.talents.domain import profiles

    with django_capture_on_commit_callbacks(execute=True):
        profiles.add_publication(
            user=world.user, talent=world, data={"title": "Rice seedling salinity screening"}
        )
    assert TalentText.objects.filter(talent=world, text__startswith="Rice seedling").exists()
    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_talent(
            user=world.user, talent=world, data={"bio": "Plant breeder. Works on rice."}
        )
    bio = list(TalentText.objects.filter(talent=world, kind="bio").values_list("text", flat=True))
    assert bio == ["Plant breeder.", "Works on rice."]


def test_directory_page_ranks_and_explains(client, world, seeker):
    client.force_login(seeker)
    response = client.get(reverse("talents:directory"), {"expertise": "pemulia padi toleran garam"})
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        body.index(">Chen Xiaoming</a>") < body.find(">Jose Reyes</a>")
        or ">Jose Reyes</a>" not in body
    )
    assert 'class="meta match-why"' in body and "<q lang=" in body


def test_api_expertise(client, world):
    url = reverse("talent-expertise")
    response = client.post(
        url,
        {"text": "pemulia padi toleran garam", "country": "CN"},
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert [h["talent"]["slug"] for h in data] == ["chen"]
    assert data[0]["explanation"]["kind"] in ("bio", "publication") and data[0]["score"] > 0.15
    bad = client.post(url, {"text": "x", "role": "juggling"}, content_type="application/json")
    assert bad.status_code == 400


def test_experts_panel_on_a_published_need(client, world, seeker, provider):
    from tests.factories import ProfileFactory

    need = ProfileFactory(
        kind="need", status="published", organisation=seeker.organisation,
        title="Padi tahan garam untuk sawah pesisir",
        summary="Kami mencari varietas padi yang toleran salinitas untuk lahan pesisir.",
    )  # fmt: skip
    url = reverse("catalogue:profile", args=[need.ref])
    assert 'id="experts-panel"' not in client.get(url).content.decode()  # visitors: no panel
    client.force_login(provider)
    body = client.get(url).content.decode()
    assert 'id="experts-panel"' in body and 'id="expert-chen"' in body
    assert "Experts who could solve this" in body
    # The owner's own people are not suggested to them.
    world.user.organisation = seeker.organisation
    world.user.save()
    assert 'id="expert-chen"' not in client.get(url).content.decode()
