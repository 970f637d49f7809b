"""The bell: every role has one; each notification leads to its object and can be marked read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.core.domain import notifications
from lintas.core.models import Notification
from tests.conftest import login
from tests.factories import UserFactory


def _notify(user, text="Something happened", url="/offers/", target=None):
    notifications.notify(
        users=[user], compose=lambda person: (text, "body"), url=url, target=target, email=False
    )
    return Notification.objects.filter(recipient=user).first()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["provider", "seeker", "broker", "officer", "admin"])
def test_bell_shows_unread_count_for_every_role(role):
    user = UserFactory(role=role)
    _notify(user)
    _notify(user, text="Another thing")
    body = login(user).get(reverse("pages:home")).content.decode()
    assert "data-bell" in body
    assert 'data-unread="2"' in body


@pytest.mark.django_db
def test_bell_without_unread_shows_no_count(seeker):
    item = _notify(seeker)
    notifications.mark_read(user=seeker, notification=item)
    body = login(seeker).get(reverse("pages:home")).content.decode()
    assert "data-bell" in body
    assert "data-unread" not in body


@pytest.mark.django_db
def test_anonymous_visitor_has_no_bell(client):
    body = client.get(reverse("pages:home")).content.decode()
    assert "data-bell" not in body


@pytest.mark.django_db
def test_list_shows_texts_and_leaves_them_unread(seeker):
    _notify(seeker, text="Introduction made: OF-1")
    response = login(seeker).get(reverse("core:notifications"))
    assert response.status_code == 200
    assert "Introduction made: OF-1" in response.content.decode()
    assert Notification.objects.unread().filter(recipient=seeker).count() == 1


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_leads_to_its_object(seeker, offer):
    item = _notify(seeker, url=offer.get_absolute_url(), target=offer)
    response = login(seeker).get(item.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    item.refresh_from_db()
    assert item.read
    assert list(Notification.objects.about(offer)) == [item]


@pytest.mark.django_db
def test_opening_a_notification_with_an_outside_url_stays_on_the_list(seeker):
    item = _notify(seeker, url="https://evil.example/")
    response = login(seeker).get(item.get_absolute_url())
    assert response["Location"] == reverse("core:notifications")


@pytest.mark.django_db
def test_someone_elses_notification_is_404_and_stays_unread(seeker, provider):
    item = _notify(provider)
    client = login(seeker)
    assert client.get(item.get_absolute_url()).status_code == 404
    response = client.post(reverse("core:notification_mark", args=[item.pk, "read"]))
    assert response.status_code == 404
    item.refresh_from_db()
    assert not item.read


@pytest.mark.django_db
def test_mark_read_then_unread(seeker):
    item = _notify(seeker)
    client = login(seeker)
    client.post(reverse("core:notification_mark", args=[item.pk, "read"]))
    item.refresh_from_db()
    assert item.read
    client.post(reverse("core:notification_mark", args=[item.pk, "unread"]))
    item.refresh_from_db()
    assert not item.read


@pytest.mark.django_db
def test_mark_all_read_touches_only_own(seeker, provider):
    _notify(seeker)
    _notify(seeker, text="Second")
    theirs = _notify(provider)
    response = login(seeker).post(reverse("core:notifications_read_all"))
    assert response.status_code == 302
    assert notifications.unread_count(seeker) == 0
    theirs.refresh_from_db()
    assert not theirs.read


@pytest.mark.django_db
def test_unread_filter_lists_only_unread(seeker):
    read = _notify(seeker, text="Old news")
    notifications.mark_read(user=seeker, notification=read)
    _notify(seeker, text="Fresh news")
    body = login(seeker).get(reverse("core:notifications") + "?show=unread").content.decode()
    assert "Fresh news" in body
    assert "Old news" not in body


@pytest.mark.django_db
def test_notify_writes_in_the_recipients_language(seeker):
    from django.utils.translation import gettext as _

    seeker.language = "zh-hans"
    seeker.save()
    notifications.notify(users=[seeker], compose=lambda p: (_("Notifications"), ""), email=False)
    assert Notification.objects.get(recipient=seeker).text == "通知"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow(seeker, count):
    for index in range(count):
        _notify(seeker, text=f"Item {index}")
    client = login(seeker)
    client.get(reverse("core:notifications"))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:notifications"))
    assert response.status_code == 200
    assert response.content.decode().count("data-notification=") == count
    assert len(queries) <= 8, [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db
def test_api_lists_marks_and_counts(seeker, provider):
    item = _notify(seeker, text="About a deal")
    _notify(provider)
    client = login(seeker)
    listing = client.get("/api/v1/notifications/").json()
    assert [row["text"] for row in listing["results"]] == ["About a deal"]
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
    marked = client.post(f"/api/v1/notifications/{item.pk}/read/").json()
    assert marked["read"] is True
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}
    client.post(f"/api/v1/notifications/{item.pk}/unread/")
    assert client.post("/api/v1/notifications/read-all/").json() == {"unread": 0}


@pytest.mark.django_db
def test_api_hides_other_peoples_notifications(seeker, provider, client):
    theirs = _notify(provider)
    assert login(seeker).post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert client.get("/api/v1/notifications/").status_code in (401, 403)
    theirs.refresh_from_db()
    assert not theirs.read
