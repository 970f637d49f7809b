"""Issue 12 §4: saved searches with alerts (bell and e-mail in the member's language, public
fields only, signed unsubscribe links) and starred profiles — domain, pages and API."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from lintas.catalogue.domain import saved_searches
from lintas.catalogue.models import SavedSearch, Star
from lintas.catalogue.tasks import send_search_alerts
from lintas.core.models import Notification
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory


@pytest.fixture
def water(db):
    return SectorFactory(slug="water", names={"en": "Water", "th": "น้ำ"})


@pytest.fixture
def member(seeker_org):
    return UserFactory(username="member", organisation=seeker_org, role="seeker", language="en")


def publish(title, *, sector=None, country="CN", when=None, **extra):
    profile = ProfileFactory(
        organisation=OrganisationFactory(country=country),
        title=title,
        status="published",
        sectors=[sector] if sector else [],
        **extra,
    )
    profile.published_at = when or timezone.now()
    profile.save(update_fields=["published_at"])
    return profile


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# --- domain ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_alert_names_only_new_matching_profiles_once(member, water):
    publish("Old pump", sector=water)  # before the search was saved: not news
    search = saved_searches.save_search(
        user=member, kind="offer", params={"sector": "water"}, frequency="daily"
    )
    later = timezone.now() + dt.timedelta(minutes=1)
    publish("New desalination pump", sector=water, when=later)
    publish("Unrelated telemedicine", when=later)
    publish("A need about water", sector=water, when=later, kind="need", ref="NE-T-1")
    result = saved_searches.send_alerts(frequency="daily", now=later + dt.timedelta(minutes=1))
    assert result == {"searches": 1, "alerted": 1, "profiles": 1}
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "New desalination pump" in body
    assert "Old pump" not in body and "telemedicine" not in body and "A need" not in body
    assert mail.outbox[0].to == [member.email]
    note = Notification.objects.get(recipient=member)
    assert note.url == search.get_results_url()
    # The next run has nothing new: no second e-mail, no second notification.
    saved_searches.send_alerts(frequency="daily", now=later + dt.timedelta(days=1))
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=member).count() == 1


@pytest.mark.django_db
def test_alert_carries_public_fields_only_in_the_members_language(member, water):
    member.language = "th"
    member.save()
    saved_searches.save_search(user=member, kind="offer", params={"sector": "water"})
    SavedSearch.objects.update(checked_until=timezone.now() - dt.timedelta(minutes=2))
    earlier = timezone.now() - dt.timedelta(minutes=1)
    publish("Brackish water pump", sector=water, when=earlier, trl=4, country="ID")
    send_search_alerts(frequency="weekly")  # the beat's task, as it runs (now)
    body = mail.outbox[0].body
    assert "Brackish water pump" in body
    assert "อินโดนีเซีย" in body  # Indonesia, in Thai
    assert "น้ำ" in body  # the sector's Thai name
    assert "TRL 4" in body
    for secret in ("SECRET-PRICE-TERMS", "Dr Secret Contact", "secret.contact@", "+86 771"):
        assert secret not in body


@pytest.mark.django_db
def test_alert_runs_only_searches_of_that_frequency_and_never_mails_when_off(member, water):
    daily = saved_searches.save_search(
        user=member, kind="offer", params={"sector": "water"}, frequency="daily"
    )
    off = saved_searches.save_search(
        user=member, kind="offer", params={"sector": "water"}, frequency="off"
    )
    later = timezone.now() + dt.timedelta(minutes=1)
    publish("Pump", sector=water, when=later)
    run = later + dt.timedelta(minutes=1)
    assert saved_searches.send_alerts(frequency="weekly", now=run)["searches"] == 0
    assert saved_searches.send_alerts(frequency="daily", now=run)["alerted"] == 1
    assert len(mail.outbox) == 1 and daily.name in mail.outbox[0].subject
    # "Off" still tells the bell when run on its own, never by e-mail.
    assert saved_searches.send_alert(off, now=run) == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=member).count() == 2


@pytest.mark.django_db
def test_saving_a_search_with_a_bad_filter_changes_nothing(member):
    with pytest.raises(Exception) as excinfo:
        saved_searches.save_search(user=member, kind="offer", params={"trl_min": "12"})
    assert "trl_min" in str(excinfo.value)
    assert SavedSearch.objects.count() == 0


@pytest.mark.django_db
def test_default_name_reads_the_filters_as_words(member, water):
    search = saved_searches.save_search(
        user=member, kind="need", params={"q": "pompa", "country": "ID", "trl_min": "4"}
    )
    assert (
        search.name == "Needs · Words: pompa · Country: Indonesia · From TRL 4 · validated in lab"
    )
    assert search.params == {"q": "pompa", "country": "ID", "trl_min": "4"}
    assert search.get_results_url() == "/needs/?country=ID&q=pompa&trl_min=4"


# --- unsubscribe ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unsubscribe_link_from_the_email_works_without_signing_in(member, water):
    search = saved_searches.save_search(user=member, kind="offer", params={"sector": "water"})
    publish("Pump", sector=water, when=timezone.now() + dt.timedelta(minutes=1))
    saved_searches.send_alerts(frequency="weekly", now=timezone.now() + dt.timedelta(minutes=2))
    link = next(
        line.split(": ", 1)[1] for line in mail.outbox[0].body.splitlines() if "no sign-in" in line
    )
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = Client()  # nobody signed in
    page = client.get(f"/{path}")
    assert page.status_code == 200 and 'id="confirm-unsubscribe"' in page.content.decode()
    search.refresh_from_db()
    assert search.frequency == "weekly"  # a GET (a mail scanner) changes nothing
    done = client.post(f"/{path}")
    assert 'id="unsubscribed"' in done.content.decode()
    search.refresh_from_db()
    assert search.frequency == "off"


@pytest.mark.django_db
def test_tampered_unsubscribe_link_is_refused(member):
    search = saved_searches.save_search(user=member, kind="offer", params={})
    token = saved_searches.unsubscribe_token(search)
    response = Client().post(reverse("catalogue:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    search.refresh_from_db()
    assert search.frequency == "weekly"


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_page_saves_the_search_it_shows(member, water):
    client = login(member)
    page = client.get("/offers/?sector=water&trl_min=&q=")
    html = page.content.decode()
    assert 'id="save-search"' in html
    assert '<input type="hidden" name="sector" value="water">' in html
    response = client.post(
        reverse("catalogue:saved_search_create", args=["offer"]),
        {"sector": "water", "trl_min": "", "name": "", "frequency": "daily", "sort": "newest"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert (search.user, search.kind, search.params, search.frequency) == (
        member,
        "offer",
        {"sector": "water"},
        "daily",
    )
    listing = client.get(reverse("catalogue:saved_searches")).content.decode()
    assert "Sector: Water" in listing and search.get_results_url() in listing


@pytest.mark.django_db
def test_visitors_see_no_save_button_and_cannot_save(water):
    assert 'id="save-search"' not in Client().get("/offers/").content.decode()
    response = Client().post(reverse("catalogue:saved_search_create", args=["offer"]), {})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert SavedSearch.objects.count() == 0


@pytest.mark.django_db
def test_someone_elses_saved_search_is_404_and_untouched(member, outsider):
    search = saved_searches.save_search(user=member, kind="offer", params={}, name="Mine")
    client = login(outsider)
    assert client.get(reverse("catalogue:saved_search", args=[search.pk])).status_code == 404
    assert (
        client.post(
            reverse("catalogue:saved_search", args=[search.pk]),
            {"name": "Hacked", "frequency": "off"},
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("catalogue:saved_search_delete", args=[search.pk])).status_code == 404
    )
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Mine", "weekly")


@pytest.mark.django_db
def test_owner_renames_changes_frequency_and_deletes(member):
    search = saved_searches.save_search(user=member, kind="offer", params={})
    client = login(member)
    client.post(
        reverse("catalogue:saved_search", args=[search.pk]), {"name": "Pumps", "frequency": "off"}
    )
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Pumps", "off")
    client.post(reverse("catalogue:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_star_from_the_profile_page_and_the_starred_list(member, offer):
    client = login(member)
    assert 'id="star-profile"' in client.get(offer.get_absolute_url()).content.decode()
    client.post(reverse("catalogue:star", args=[offer.ref]), {"star": "1"})
    client.post(reverse("catalogue:star", args=[offer.ref]), {"star": "1"})  # double click
    assert Star.objects.filter(user=member, profile=offer).count() == 1
    assert 'id="unstar-profile"' in client.get(offer.get_absolute_url()).content.decode()
    listing = client.get(reverse("catalogue:starred")).content.decode()
    assert offer.title in listing
    client.post(reverse("catalogue:star", args=[offer.ref]), {"star": "0"})
    assert not Star.objects.exists()


@pytest.mark.django_db
def test_starred_list_leaves_out_profiles_no_longer_visible(member, provider_org):
    draft = ProfileFactory(organisation=provider_org, status="published", title="Later withdrawn")
    saved_searches.star(user=member, profile=draft)
    draft.status = "archived"
    draft.save()
    assert "Later withdrawn" not in login(member).get(reverse("catalogue:starred")).content.decode()
    assert list(saved_searches.starred(member)) == []


@pytest.mark.django_db
def test_nobody_stars_a_profile_they_cannot_see(member, provider_org):
    draft = ProfileFactory(organisation=provider_org, status="draft")
    response = login(member).post(reverse("catalogue:star", args=[draft.ref]), {"star": "1"})
    assert response.status_code == 404
    assert not Star.objects.exists()


# --- API --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_saved_search_lifecycle(member, outsider):
    client = api(member)
    created = client.post(
        "/api/v1/saved-searches/",
        {"kind": "offer", "params": {"country": "ID", "q": "pompa"}, "frequency": "daily"},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["params"]["country"] == "ID" and body["frequency"] == "daily"
    assert "Country: Indonesia" in body["description"]
    pk = body["id"]
    assert [s["id"] for s in client.get("/api/v1/saved-searches/").json()["results"]] == [pk]
    assert api(outsider).get(f"/api/v1/saved-searches/{pk}/").status_code == 404
    assert api(outsider).get("/api/v1/saved-searches/").json()["results"] == []
    changed = client.patch(f"/api/v1/saved-searches/{pk}/", {"frequency": "off"}, format="json")
    assert changed.status_code == 200 and changed.json()["frequency"] == "off"
    assert api(outsider).delete(f"/api/v1/saved-searches/{pk}/").status_code == 404
    assert client.delete(f"/api/v1/saved-searches/{pk}/").status_code == 204
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_api_saved_search_bad_filter_is_400(member):
    response = api(member).post(
        "/api/v1/saved-searches/", {"kind": "offer", "params": {"trl_max": "0"}}, format="json"
    )
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_api_saved_searches_need_a_sign_in():
    assert api().get("/api/v1/saved-searches/").status_code == 401
    assert (
        api().post("/api/v1/saved-searches/", {"kind": "offer"}, format="json").status_code == 401
    )


@pytest.mark.django_db
def test_api_stars(member, offer, provider_org):
    client = api(member)
    assert client.post("/api/v1/stars/", {"profile": offer.ref}, format="json").status_code == 201
    listed = client.get("/api/v1/stars/").json()["results"]
    assert [s["profile"]["ref"] for s in listed] == [offer.ref]
    assert "confidential_details" not in listed[0]["profile"]
    draft = ProfileFactory(organisation=provider_org, status="draft")
    assert client.post("/api/v1/stars/", {"profile": draft.ref}, format="json").status_code == 400
    assert client.delete(f"/api/v1/stars/{offer.ref}/").status_code == 204
    assert not Star.objects.exists()
    assert api().get("/api/v1/stars/").status_code == 401
