import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lintas.catalogue.domain import lifecycle
from lintas.catalogue.models import Profile
from lintas.core.models import AuditEntry
from tests.factories import ProfileFactory

DATA = {
    "title": "Kebutuhan pompa irigasi tahan air payau",
    "summary": "Pompa kami rusak setiap bulan karena air payau di Indramayu.",
    "description": "Kami adalah petani padi di Indramayu. Pompa irigasi kami rusak setiap bulan karena air payau.",
}


@pytest.mark.django_db
def test_create_detects_language_and_records_audit(seeker, sector):
    profile = lifecycle.create_profile(user=seeker, kind="need", data=dict(DATA), sectors=[sector])
    assert profile.content_language == "id"
    assert profile.content_language_declared is False
    assert profile.status == "draft"
    assert profile.ref.startswith("ND-")
    entry = AuditEntry.objects.get(object_id=profile.pk)
    assert (entry.actor, entry.action) == (seeker, "create")
    assert entry.changes["title"] == [None, DATA["title"]]


@pytest.mark.django_db
def test_declared_language_wins_for_malay(seeker, sector):
    profile = lifecycle.create_profile(
        user=seeker, kind="need", data=dict(DATA), sectors=[sector], declared_language="ms"
    )
    assert (profile.content_language, profile.content_language_declared) == ("ms", True)


@pytest.mark.django_db
def test_full_lifecycle_draft_submitted_published_archived(
    provider, broker, sector, django_capture_on_commit_callbacks
):
    profile = lifecycle.create_profile(
        user=provider,
        kind="offer",
        data={"title": "BeiDou tractor autosteer", "summary": "RTK guidance, 2.5 cm."},
        sectors=[sector],
    )
    lifecycle.submit(user=provider, profile=profile)
    assert profile.status == "submitted"
    with pytest.raises(PermissionDenied):
        lifecycle.publish(user=provider, profile=profile)
    lifecycle.publish(user=broker, profile=profile)
    assert profile.status == "published" and profile.published_by == broker and profile.expires_on
    lifecycle.archive(user=provider, profile=profile)
    assert Profile.objects.get(pk=profile.pk).status == "archived"
    statuses = [
        e.changes["status"]
        for e in AuditEntry.objects.filter(object_id=profile.pk, action="status").order_by("id")
    ]
    assert statuses == [
        ["draft", "submitted"],
        ["submitted", "published"],
        ["published", "archived"],
    ]


@pytest.mark.django_db
def test_invalid_transition_refused(provider, broker):
    profile = ProfileFactory(organisation=provider.organisation, status="draft")
    with pytest.raises(ValidationError):
        lifecycle.publish(user=broker, profile=profile)
    assert Profile.objects.get(pk=profile.pk).status == "draft"


@pytest.mark.django_db
def test_edit_by_other_organisation_refused_and_nothing_saved(offer, outsider):
    with pytest.raises(PermissionDenied):
        lifecycle.update_profile(user=outsider, profile=offer, data={"title": "Hijacked"})
    assert Profile.objects.get(pk=offer.pk).title == "Salt-tolerant rice variety"


@pytest.mark.django_db
def test_stale_edit_refused(provider, sector):
    profile = ProfileFactory(organisation=provider.organisation, status="draft", sectors=[sector])
    lifecycle.update_profile(user=provider, profile=profile, data={"title": "First"}, version=1)
    with pytest.raises(lifecycle.StaleEdit):
        lifecycle.update_profile(
            user=provider, profile=profile, data={"title": "Second"}, version=1
        )
    assert Profile.objects.get(pk=profile.pk).title == "First"


@pytest.mark.django_db
def test_trl_out_of_range_refused(provider, sector):
    for trl in (0, 10):
        with pytest.raises(ValidationError):
            lifecycle.create_profile(
                user=provider,
                kind="offer",
                data={"title": "X", "summary": "Y", "trl": trl},
                sectors=[sector],
            )
    assert Profile.objects.count() == 0


@pytest.mark.django_db
def test_seeker_cannot_create_offer(seeker, sector):
    with pytest.raises(PermissionDenied):
        lifecycle.create_profile(
            user=seeker, kind="offer", data={"title": "X", "summary": "Y"}, sectors=[sector]
        )


@pytest.mark.django_db
def test_expiry_and_renewal_reminder(offer, provider):
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    today = timezone.localdate()
    Profile.objects.filter(pk=offer.pk).update(expires_on=today + dt.timedelta(days=10))
    assert lifecycle.send_renewal_reminders(today=today) == 1
    assert lifecycle.send_renewal_reminders(today=today) == 0
    assert offer.ref in mail.outbox[0].subject
    Profile.objects.filter(pk=offer.pk).update(expires_on=today - dt.timedelta(days=1))
    assert lifecycle.expire_due(today=today) == 1
    assert Profile.objects.get(pk=offer.pk).status == "expired"
