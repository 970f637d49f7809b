"""Alumni and trainees without a talent profile are invited, once."""

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from lintas.core.models import Notification
from lintas.talents.domain.invitations import invite_alumni
from tests.factories import ApplicationFactory, TalentFactory, TraineeFactory, UserFactory


def test_alumni_and_trainees_are_invited_once(db, capsys):
    accepted = ApplicationFactory(status="accepted").applicant
    ApplicationFactory(status="rejected")
    trainee = TraineeFactory(user=UserFactory(username="trainee"))
    already = TalentFactory().user
    ApplicationFactory(status="accepted", applicant=already)
    call_command("invite_talents")
    assert "2 people invited" in capsys.readouterr().out
    invited = set(Notification.objects.values_list("recipient_id", flat=True))
    assert invited == {accepted.pk, trainee.user_id}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([accepted.email, trainee.user.email])
    assert invite_alumni() == 0
    assert Notification.objects.count() == 2


def test_directory_shows_the_invitation_to_alumni_without_a_profile(client, db):
    accepted = ApplicationFactory(status="accepted").applicant
    client.force_login(accepted)
    assert 'id="talent-invitation"' in client.get(reverse("talents:directory")).content.decode()
    client.force_login(UserFactory())
    assert 'id="talent-invitation"' not in client.get(reverse("talents:directory")).content.decode()
