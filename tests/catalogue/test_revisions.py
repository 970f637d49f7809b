"""Edits of published profiles go through a broker's review (domain and pages)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.catalogue.domain import attachments, lifecycle, revision_diff, revisions
from lintas.catalogue.models import Profile, Revision
from lintas.core.models import AuditEntry
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
OLD_EMAIL = "secret.contact@example.org"
NEW_EMAIL = "hijacked.contact@example.org"


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def form_data(profile, **extra):
    data = {
        "title": profile.title,
        "summary": profile.summary,
        "description": profile.description,
        "sectors": [s.pk for s in profile.sectors.all()],
        "keywords": ", ".join(profile.keywords),
        "trl": profile.trl or "",
        "ipr_status": profile.ipr_status,
        "patent_numbers": profile.patent_numbers,
        "cooperation_modes": profile.cooperation_modes,
        "target_countries": profile.target_countries,
        "content_language": "en",
        "confidential_details": profile.confidential_details,
        "contact_name": profile.contact_name,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
        "expires_on": profile.expires_on.isoformat() if profile.expires_on else "",
        "version": profile.version,
    }
    data.update(extra)
    return data


@pytest.fixture
def colleague(provider_org):
    return UserFactory(username="colleague", organisation=provider_org, role="provider")


# --- domain -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_draft_edit_applies_directly(provider, sector):
    draft = ProfileFactory(organisation=provider.organisation, status="draft", sectors=[sector])
    outcome = revisions.edit_profile(user=provider, profile=draft, data={"title": "Direct"})
    assert (outcome.awaits_review, outcome.profile.title) == (False, "Direct")
    assert Profile.objects.get(pk=draft.pk).title == "Direct"
    assert Revision.objects.count() == 0


@pytest.mark.django_db
def test_published_edit_becomes_pending_revision_and_published_text_stays(offer, provider):
    outcome = revisions.edit_profile(
        user=provider,
        profile=offer,
        data={"title": "Salt-tolerant rice variety GX-9", "contact_email": NEW_EMAIL},
        version=offer.version,
    )
    assert outcome.awaits_review is True
    revision = outcome.revision
    assert (revision.status, revision.author, revision.base_version) == (
        "pending",
        provider,
        offer.version,
    )
    assert revisions.changed_fields(revision) == ["title", "contact_email"]
    stored = Profile.objects.get(pk=offer.pk)
    assert (stored.title, stored.contact_email, stored.version) == (
        "Salt-tolerant rice variety",
        OLD_EMAIL,
        offer.version,
    )
    entry = AuditEntry.objects.filter(object_id=offer.pk).latest("id")
    assert entry.summary == f"revision #{revision.pk} proposed: title, contact_email"


@pytest.mark.django_db
def test_update_profile_refuses_published_profile_so_nobody_skips_review(offer, broker):
    with pytest.raises(ValidationError):
        lifecycle.update_profile(user=broker, profile=offer, data={"title": "Direct"})
    assert Profile.objects.get(pk=offer.pk).title == "Salt-tolerant rice variety"


@pytest.mark.django_db
def test_changed_contact_email_reaches_nobody_until_accepted(
    offer, provider, colleague, broker, django_capture_on_commit_callbacks
):
    revision = revisions.propose(
        user=provider, profile=offer, data={"contact_email": NEW_EMAIL}, version=offer.version
    )
    for user in (colleague, broker):
        html = text(login(user).get(offer.get_absolute_url()))
        assert OLD_EMAIL in html and NEW_EMAIL not in html
        api = login(user).get(f"/api/v1/profiles/{offer.ref}/")
        assert api.status_code == 200
        assert api.json()["contact_email"] == OLD_EMAIL
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        revisions.accept(user=broker, revision=revision)
    # the re-index (and the lists' cache version) is scheduled for after the commit
    assert any(c.__qualname__.startswith("_schedule_index.") for c in callbacks), callbacks
    stored = Profile.objects.get(pk=offer.pk)
    assert (stored.contact_email, stored.version) == (NEW_EMAIL, offer.version + 1)
    assert login(colleague).get(f"/api/v1/profiles/{offer.ref}/").json()["contact_email"] == (
        NEW_EMAIL
    )
    entry = AuditEntry.objects.filter(object_id=offer.pk, actor=broker).latest("id")
    assert entry.changes["contact_email"] == [OLD_EMAIL, NEW_EMAIL]
    assert Revision.objects.get(pk=revision.pk).status == "accepted"


@pytest.mark.django_db
def test_editing_again_replaces_the_pending_revision_and_keeps_its_files(offer, provider):
    first = revisions.propose(user=provider, profile=offer, data={"title": "One"})
    attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("sheet.pdf", PDF)
    )
    second = revisions.propose(user=provider, profile=offer, data={"title": "Two"})
    assert Revision.objects.get(pk=first.pk).status == "superseded"
    assert [r.pk for r in Revision.objects.filter(status="pending")] == [second.pk]
    assert [a.title for a in second.attachments.all()] == ["sheet"]


@pytest.mark.django_db
def test_edit_that_changes_nothing_creates_no_revision(offer, provider):
    assert revisions.propose(user=provider, profile=offer, data={"title": offer.title}) is None
    assert Revision.objects.count() == 0


@pytest.mark.django_db
def test_stale_revision_cannot_be_accepted(offer, provider, colleague, broker):
    mine = revisions.propose(user=provider, profile=offer, data={"title": "Provider's title"})
    theirs = revisions.propose(user=colleague, profile=offer, data={"summary": "Colleague's"})
    revisions.accept(user=broker, revision=mine)
    with pytest.raises(revisions.StaleRevision):
        revisions.accept(user=broker, revision=theirs)
    stored = Profile.objects.get(pk=offer.pk)
    assert (stored.title, stored.summary) == ("Provider's title", "A short summary.")
    assert Revision.objects.get(pk=theirs.pk).status == "pending"
    revisions.reject(user=broker, revision=theirs, reason="Based on an older text.")
    assert Revision.objects.get(pk=theirs.pk).status == "rejected"


@pytest.mark.django_db
def test_stale_version_refused_when_proposing(offer, provider):
    with pytest.raises(lifecycle.StaleEdit):
        revisions.propose(user=provider, profile=offer, data={"title": "X"}, version=0)
    assert Revision.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "seeker"])
def test_foreign_user_cannot_create_revisions(offer, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        revisions.edit_profile(user=user, profile=offer, data={"contact_email": NEW_EMAIL})
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(
            user=user, profile=offer, upload=SimpleUploadedFile("x.pdf", PDF)
        )
    assert Revision.objects.count() == 0
    response = login(user).post(
        reverse("catalogue:profile_edit", args=[offer.ref]),
        form_data(offer, contact_email=NEW_EMAIL),
    )
    assert response.status_code == 403
    assert Revision.objects.count() == 0


@pytest.mark.django_db
def test_only_brokers_decide(offer, provider, colleague):
    revision = revisions.propose(user=provider, profile=offer, data={"title": "Mine"})
    for user in (provider, colleague):
        with pytest.raises(PermissionDenied):
            revisions.accept(user=user, revision=revision)
        with pytest.raises(PermissionDenied):
            revisions.reject(user=user, revision=revision, reason="no")
    assert Revision.objects.get(pk=revision.pk).status == "pending"


@pytest.mark.django_db
def test_reject_needs_a_reason(offer, provider, broker):
    revision = revisions.propose(user=provider, profile=offer, data={"title": "Baru"})
    with pytest.raises(ValidationError):
        revisions.reject(user=broker, revision=revision, reason="  ")
    assert Revision.objects.get(pk=revision.pk).status == "pending"
    assert mail.outbox == []


@pytest.mark.django_db
def test_rejection_email_in_author_language(
    offer, provider, broker, django_capture_on_commit_callbacks
):
    provider.language = "id"
    provider.save()
    revision = revisions.propose(user=provider, profile=offer, data={"title": "Baru"})
    with django_capture_on_commit_callbacks(execute=True):
        revisions.reject(user=broker, revision=revision, reason="Judul terlalu pendek.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [provider.email]
    assert message.subject == f"Perubahan Anda pada {offer.ref} tidak diterima"
    assert "Judul terlalu pendek." in message.body
    assert Profile.objects.get(pk=offer.pk).title == "Salt-tolerant rice variety"
    html = text(login(provider).get(offer.get_absolute_url()))
    assert 'id="changes-rejected"' in html and "Judul terlalu pendek." in html


@pytest.mark.django_db
def test_decided_revision_cannot_be_decided_again(offer, provider, broker):
    revision = revisions.propose(user=provider, profile=offer, data={"title": "Once"})
    revisions.accept(user=broker, revision=revision)
    with pytest.raises(ValidationError):
        revisions.reject(user=broker, revision=revision, reason="late")
    assert Revision.objects.get(pk=revision.pk).status == "accepted"


@pytest.mark.django_db
def test_file_added_to_published_profile_hidden_until_accepted(
    offer, provider, colleague, broker, seeker, django_capture_on_commit_callbacks
):
    item = attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("datasheet.pdf", PDF)
    )
    url = item.get_download_url()
    assert item.revision.status == "pending"
    for client in (Client(), login(seeker), login(colleague)):
        html = text(client.get(offer.get_absolute_url()))
        assert "Salt-tolerant rice variety" in html and url not in html
        assert client.get(url).status_code == 404
    for user in (provider, broker):
        assert url in text(login(user).get(offer.get_absolute_url()))
        assert login(user).get(url).status_code == 200
    # Committed: the lists' version moves on, so the anonymous page cache shows the file too.
    with django_capture_on_commit_callbacks(execute=True):
        revisions.accept(user=broker, revision=item.revision)
    assert url in text(Client().get(offer.get_absolute_url()))
    assert Client().get(url).status_code == 200


@pytest.mark.django_db
def test_rejected_file_stays_hidden(offer, provider, broker):
    item = attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("datasheet.pdf", PDF)
    )
    revisions.reject(user=broker, revision=item.revision, reason="Wrong file.")
    assert text(Client().get(offer.get_absolute_url())).count(item.get_download_url()) == 0
    assert Client().get(item.get_download_url()).status_code == 404


def test_inline_diff_marks_only_what_changed():
    html = revision_diff.inline_diff("Salt tolerant rice", "Salt-tolerant rice <b>")
    assert "<ins>" in html and "&lt;b&gt;" in html and "<b>" not in html
    assert revision_diff.inline_diff("耐盐水稻品种", "耐旱水稻品种") == (
        "耐<del>盐</del><ins>旱</ins>水稻品种"
    )
    assert revision_diff.inline_diff("a typo here", "a typo hear") == (
        "a typo <del>here</del><ins>hear</ins>"
    )


# --- pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_edit_page_says_beforehand_that_changes_are_reviewed(offer, provider, sector):
    html = text(login(provider).get(reverse("catalogue:profile_edit", args=[offer.ref])))
    assert 'id="review-notice"' in html
    assert "reviewed by a broker before they replace the published text" in html
    draft = ProfileFactory(organisation=provider.organisation, status="draft", sectors=[sector])
    html = text(login(provider).get(reverse("catalogue:profile_edit", args=[draft.ref])))
    assert "Edit" in html and 'id="review-notice"' not in html


@pytest.mark.django_db
def test_edit_page_creates_revision_and_author_sees_changes_awaiting_review(offer, provider):
    client = login(provider)
    response = client.post(
        reverse("catalogue:profile_edit", args=[offer.ref]),
        form_data(offer, title="Salt-tolerant rice, new line", contact_email=NEW_EMAIL),
        follow=True,
    )
    html = text(response)
    assert "A broker will review your changes" in html
    assert 'id="changes-awaiting-review"' in html
    assert '<h1 lang="en">Salt-tolerant rice variety</h1>' in html
    revision = Revision.objects.get()
    assert revision.values["title"] == "Salt-tolerant rice, new line"
    # The edit page continues the pending revision.
    html = text(client.get(reverse("catalogue:profile_edit", args=[offer.ref])))
    assert 'id="pending-notice"' in html and "Salt-tolerant rice, new line" in html
    public = text(Client().get(offer.get_absolute_url()))
    assert "Salt-tolerant rice variety" in public and "new line" not in public
    assert 'id="changes-awaiting-review"' not in public


@pytest.mark.django_db
def test_review_queue_shows_diff_and_accepts(offer, provider, broker):
    revision = revisions.propose(
        user=provider, profile=offer, data={"title": "Salt-tolerant rice line", "trl": 7}
    )
    client = login(broker)
    html = text(client.get(reverse("catalogue:revisions")))
    assert "1 edit of a published profile is waiting." in html
    assert "<del>variety</del><ins>line</ins>" in html
    assert "TRL 7 – system prototype demonstration in operational environment" in html
    response = client.post(
        reverse("catalogue:revision_decide", args=[revision.pk, "accept"]), {"next": "queue"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("catalogue:revisions")
    assert Profile.objects.get(pk=offer.pk).title == "Salt-tolerant rice line"
    assert "Nothing waiting." in text(client.get(reverse("catalogue:revisions")))


@pytest.mark.django_db
def test_review_queue_reject_page_needs_reason(offer, provider, broker):
    revision = revisions.propose(user=provider, profile=offer, data={"title": "Shorter"})
    client = login(broker)
    url = reverse("catalogue:revision_decide", args=[revision.pk, "reject"])
    html = text(client.post(url, {"reason": ""}, follow=True))
    assert "Tell the author why" in html
    assert Revision.objects.get(pk=revision.pk).status == "pending"
    html = text(client.post(url, {"reason": "Keep the variety name."}, follow=True))
    assert 'id="revision-reason"' in html and "Keep the variety name." in html
    assert Revision.objects.get(pk=revision.pk).status == "rejected"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "colleague", "outsider"])
def test_review_queue_and_decisions_closed_to_non_brokers(offer, provider, who, request):
    revision = revisions.propose(user=provider, profile=offer, data={"title": "Mine"})
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("catalogue:revisions")).status_code == 403
    url = reverse("catalogue:revision_decide", args=[revision.pk, "accept"])
    assert client.post(url).status_code == 403
    assert Revision.objects.get(pk=revision.pk).status == "pending"
    detail = client.get(revision.get_absolute_url())
    if who == "provider":
        assert "<ins>Mine</ins>" in text(detail)
    else:
        assert detail.status_code == 404


def _revisions_with_files(count, sector):
    org = OrganisationFactory()
    for i in range(count):
        profile = ProfileFactory(organisation=org, status="published", sectors=[sector])
        author = UserFactory(organisation=org, role="provider")
        revisions.propose(
            user=author, profile=profile, data={"title": f"New title {i}"}, sectors=[sector]
        )
        attachments.add_attachment(
            user=author, profile=profile, upload=SimpleUploadedFile(f"f{i}.pdf", PDF)
        )


def _queue_queries(client, expected_cards) -> int:
    with CaptureQueriesContext(connection) as queries:
        html = text(client.get(reverse("catalogue:revisions")))
    assert html.count('<section class="card"') == expected_cards
    return len(queries)


@pytest.mark.django_db
def test_review_queue_query_count_same_for_one_and_three(broker, sector):
    client = login(broker)
    _revisions_with_files(1, sector)
    one = _queue_queries(client, 1)
    _revisions_with_files(2, sector)
    three = _queue_queries(client, 3)
    assert one == three


@pytest.mark.django_db
def test_line_endings_and_surrounding_spaces_are_not_changes(offer, provider):
    Profile.objects.filter(pk=offer.pk).update(description="Line one\nLine two ")
    offer.refresh_from_db()
    revision = revisions.propose(
        user=provider,
        profile=offer,
        data={"description": "Line one\r\nLine two", "title": "Salt-tolerant rice, GX-9"},
    )
    assert revisions.changed_fields(revision) == ["title"]
    assert revisions.propose(user=provider, profile=offer, data={"title": offer.title}) is None


@pytest.mark.django_db
def test_attach_page_says_files_wait_for_review_on_published_profiles(offer, provider, sector):
    html = text(login(provider).get(reverse("catalogue:profile_attach", args=[offer.ref])))
    assert 'id="review-notice"' in html and "after a broker accepts your changes" in html
    draft = ProfileFactory(organisation=provider.organisation, status="draft", sectors=[sector])
    html = text(login(provider).get(reverse("catalogue:profile_attach", args=[draft.ref])))
    assert "Attach a file" in html and 'id="review-notice"' not in html
