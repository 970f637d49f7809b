"""§3 of issue 13: a returned profile's author hears why, and the queue shows what waits."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lintas.catalogue.domain import lifecycle
from lintas.core.models import Notification
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory


@pytest.fixture
def submitted(provider):
    return ProfileFactory(
        organisation=provider.organisation,
        created_by=provider,
        status="submitted",
        title="Queued offer",
        submitted_at=timezone.now() - dt.timedelta(days=4),
    )


@pytest.mark.django_db
def test_return_notifies_author_in_their_language_with_reason(submitted, provider, broker):
    provider.language = "zh-hans"
    provider.email = "author@example.org"
    provider.save()
    lifecycle.return_to_author(user=broker, profile=submitted, note="Add the TRL, please.")
    note = Notification.objects.about(submitted).get()
    assert note.recipient == provider
    assert submitted.ref in note.text
    assert note.url == reverse("catalogue:profile_edit", args=[submitted.ref])
    [message] = mail.outbox
    assert message.to == ["author@example.org"]
    assert "Add the TRL, please." in message.body
    assert submitted.ref in message.subject
    assert "returned" not in message.subject  # written in Chinese, not English


@pytest.mark.django_db
def test_return_reason_on_edit_page_until_resubmitted(submitted, provider, broker):
    lifecycle.return_to_author(user=broker, profile=submitted, note="Say which crops it fits.")
    client = login(provider)
    body = client.get(reverse("catalogue:profile_edit", args=[submitted.ref])).content.decode()
    assert 'id="return-reason"' in body
    assert "Say which crops it fits." in body
    submitted.refresh_from_db()
    lifecycle.submit(user=provider, profile=submitted)
    submitted.refresh_from_db()
    assert submitted.return_reason == ""
    body = client.get(reverse("catalogue:profile_edit", args=[submitted.ref])).content.decode()
    assert 'id="return-reason"' not in body
    assert "Say which crops it fits." not in body


@pytest.mark.django_db
def test_return_without_reason_changes_nothing(submitted, broker):
    with pytest.raises(Exception, match="Tell the author"):
        lifecycle.return_to_author(user=broker, profile=submitted, note="  ")
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_author_who_left_hears_nothing(submitted, provider, broker):
    provider.organisation = OrganisationFactory()
    provider.save()
    lifecycle.return_to_author(user=broker, profile=submitted, note="Fix the summary.")
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_return_through_queue_page(submitted, broker, provider):
    response = login(broker).post(
        reverse("catalogue:profile_action", args=[submitted.ref, "return"]),
        {"note": "Needs a clearer summary.", "next": "queue"},
    )
    assert response["Location"] == reverse("catalogue:queue")
    submitted.refresh_from_db()
    assert submitted.status == "draft"
    assert submitted.return_reason == "Needs a clearer summary."
    assert Notification.objects.filter(recipient=provider).count() == 1


@pytest.mark.django_db
def test_queue_shows_dates_counts_and_labelled_reason(submitted, broker, provider):
    ProfileFactory(organisation=provider.organisation, kind="need", status="submitted")
    body = login(broker).get(reverse("catalogue:queue")).content.decode()
    assert "2 profiles waiting" in body
    assert "1 offers, 1 needs" in body
    assert "4\xa0days ago" in body
    assert f'<label for="return-{submitted.pk}">What should the author change?</label>' in body


@pytest.mark.django_db
def test_queue_filters_by_country_sector_language_and_kind(broker, provider, sector):
    other_sector = SectorFactory(slug="energy", names={"en": "New energy"})
    thai = OrganisationFactory(country="TH")
    ProfileFactory(organisation=provider.organisation, status="submitted", title="Chinese rice",
                   sectors=[sector], content_language="zh")  # fmt: skip
    ProfileFactory(organisation=thai, status="submitted", title="Thai solar",
                   sectors=[other_sector], kind="need")  # fmt: skip
    client = login(broker)

    def titles(query):
        body = client.get(reverse("catalogue:queue") + query).content.decode()
        return {t for t in ("Chinese rice", "Thai solar") if f"{t}</a>" in body}

    assert titles("") == {"Chinese rice", "Thai solar"}
    assert titles("?country=TH") == {"Thai solar"}
    assert titles("?sector=agriculture") == {"Chinese rice"}
    assert titles("?language=zh") == {"Chinese rice"}
    assert titles("?kind=need") == {"Thai solar"}
    body = client.get(reverse("catalogue:queue") + "?country=TH").content.decode()
    assert "1 matches these filters" in body
    assert "Thailand" in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count_does_not_grow(broker, provider, sector, count):
    for index in range(count):
        ProfileFactory(organisation=provider.organisation, status="submitted", sectors=[sector],
                       title=f"Queued {index}")  # fmt: skip
    client = login(broker)
    client.get(reverse("catalogue:queue"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("catalogue:queue"))
    assert response.status_code == 200
    assert response.content.decode().count("data-queue=") == count
    assert len(queries) <= 9, "\n".join(q["sql"][:150] for q in queries.captured_queries)
