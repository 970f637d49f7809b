import pytest
from django.test import Client
from django.urls import reverse

from lintas.catalogue.models import Attachment, Profile
from tests.conftest import login
from tests.factories import ProfileFactory

SECRETS = (
    "SECRET-PRICE-TERMS",
    "secret.contact@example.org",
    "Dr Secret Contact",
    "+86 771 0000 0000",
)


def form_data(sector, **extra):
    data = {
        "title": "Sistem irigasi tetes untuk lahan tebu",
        "summary": "Kami butuh irigasi tetes hemat air 40 %.",
        "description": "Lahan tebu 120 ha di Lampung.",
        "sectors": [sector.pk],
        "keywords": "irigasi, tebu, air",
        "trl": "7",
        "ipr_status": "",
        "cooperation_modes": ["equipment_supply"],
        "target_countries": ["ID"],
        "content_language": "",
        "confidential_details": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "expires_on": "",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "seeker", "outsider"])
def test_confidential_fields_hidden_from_the_not_entitled(who, offer, seeker, outsider):
    client = {"anonymous": Client(), "seeker": login(seeker), "outsider": login(outsider)}[who]
    body = client.get(offer.get_absolute_url()).content.decode()
    assert offer.title in body
    for secret in SECRETS:
        assert secret not in body
    api = client.get(f"/api/v1/profiles/{offer.ref}/").content.decode()
    list_api = client.get("/api/v1/profiles/").content.decode()
    for secret in SECRETS:
        assert secret not in api and secret not in list_api


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "broker"])
def test_confidential_fields_shown_to_owner_and_broker(who, offer, provider, broker):
    client = login({"provider": provider, "broker": broker}[who])
    body = client.get(offer.get_absolute_url()).content.decode()
    for secret in SECRETS:
        assert secret in body


@pytest.mark.django_db
def test_unpublished_profile_is_404_for_others(provider, outsider):
    draft = ProfileFactory(organisation=provider.organisation, status="draft")
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert login(outsider).get(draft.get_absolute_url()).status_code == 404
    assert login(provider).get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_seeker_creates_need_via_form_and_submits(seeker, sector):
    client = login(seeker)
    response = client.post(reverse("catalogue:need_create"), form_data(sector, submit="1"))
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert (profile.kind, profile.status, profile.content_language, profile.keywords) == (
        "need",
        "submitted",
        "id",
        ["irigasi", "tebu", "air"],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x" * 10_000_000),
        ("trl", "0"),
        ("trl", "10"),
        ("sectors", ["99999"]),
        ("target_countries", ["XX"]),
        ("cooperation_modes", ["bribery"]),
        ("contact_email", "not-an-email"),
        ("title", ""),
    ],
)
def test_bad_input_gives_message_and_saves_nothing(field, value, seeker, sector):
    client = login(seeker)
    response = client.post(reverse("catalogue:need_create"), form_data(sector, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Profile.objects.count() == 0


@pytest.mark.django_db
def test_published_profile_edit_by_someone_else_forbidden(offer, outsider, sector):
    response = login(outsider).post(
        reverse("catalogue:profile_edit", args=[offer.ref]), form_data(sector, title="Hijack")
    )
    assert response.status_code == 403
    assert Profile.objects.get(pk=offer.pk).title == "Salt-tolerant rice variety"


@pytest.mark.django_db
def test_role_permissions_on_create_pages(provider, seeker, broker, officer, admin_user):
    expectations = {
        (provider, "offer_create"): 200,
        (provider, "need_create"): 403,
        (seeker, "offer_create"): 403,
        (seeker, "need_create"): 200,
        (broker, "offer_create"): 200,
        (broker, "need_create"): 200,
        (officer, "offer_create"): 403,
        (officer, "need_create"): 403,
    }
    for (user, name), status in expectations.items():
        assert login(user).get(reverse(f"catalogue:{name}")).status_code == status, (
            user.role,
            name,
        )
    assert Client().get(reverse("catalogue:offer_create")).status_code == 302


@pytest.mark.django_db
def test_validation_queue_only_for_brokers(provider, broker, seeker):
    ProfileFactory(organisation=provider.organisation, status="submitted", title="Queued offer")
    assert login(provider).get(reverse("catalogue:queue")).status_code == 403
    assert login(seeker).get(reverse("catalogue:queue")).status_code == 403
    body = login(broker).get(reverse("catalogue:queue")).content.decode()
    assert "Queued offer" in body and "Profile quality" in body


@pytest.mark.django_db
def test_live_quality_hints_fragment(seeker):
    response = Client().post(
        reverse("catalogue:quality"), {"kind": "need", "title": "Pompa", "summary": ""}
    )
    assert response.status_code == 200
    assert 'data-hint="summary"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_offer_list_query_count_constant(
    count, provider_org, sector, django_assert_max_num_queries
):
    for _ in range(count):
        ProfileFactory(organisation=provider_org, status="published", sectors=[sector])
    # count, page, its sectors and translations, sector options, six counts per filter value
    with django_assert_max_num_queries(11):
        response = Client().get(reverse("catalogue:offers"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.django_db
def test_filters(provider_org, seeker_org, sector):
    a = ProfileFactory(
        organisation=provider_org,
        status="published",
        trl=8,
        ipr_status="granted_patent",
        cooperation_modes=["licence"],
        sectors=[sector],
        content_language="zh",
    )
    ProfileFactory(
        organisation=seeker_org, status="published", trl=3, cooperation_modes=["joint_rnd"]
    )
    client = Client()
    for query in (
        "trl_min=7",
        "country=CN",
        "ipr=granted_patent",
        "mode=licence",
        "sector=agriculture",
        "language=zh",
    ):
        page = client.get(reverse("catalogue:offers") + "?" + query).context["page"]
        assert [p.ref for p in page] == [a.ref], query
    assert client.get(reverse("catalogue:offers") + "?country=ZZ").status_code == 400


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_attachment_type_and_size_checked(offer, provider, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(provider)
    url = reverse("catalogue:profile_attach", args=[offer.ref])
    bad = client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "evil.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
            )
        },
    )
    assert bad.status_code == 400 and "Only PDF" in bad.content.decode()
    settings.MAX_UPLOAD_BYTES = 1000
    big = client.post(
        url,
        {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2000, content_type="application/pdf")},
    )
    assert big.status_code == 400 and "limit" in big.content.decode()
    assert Attachment.objects.count() == 0
    ok = client.post(
        url,
        {
            "file": SimpleUploadedFile("brochure.pdf", PDF, content_type="application/pdf"),
            "title": "Brochure",
        },
    )
    assert ok.status_code == 302
    assert Attachment.objects.get().content_type == "application/pdf"


@pytest.mark.django_db
def test_history_page_shows_audit(provider, sector):
    client = login(provider)
    client.post(reverse("catalogue:offer_create"), form_data(sector, title="Audit me"))
    profile = Profile.objects.get()
    body = client.get(reverse("catalogue:profile_history", args=[profile.ref])).content.decode()
    assert "Audit me" in body
