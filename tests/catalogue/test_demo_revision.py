import pytest
from django.urls import reverse

from lintas.catalogue.models import Revision
from lintas.demo import loader
from tests.conftest import login


@pytest.mark.django_db
def test_demo_has_one_pending_revision_in_the_queue_and_loads_it_once():
    for step in (loader.load_sectors, loader.load_organisations, loader.load_users):
        step()
    loader.load_profiles()
    assert loader.load_revisions() == 1
    assert loader.load_revisions() == 1
    revision = Revision.objects.get()
    assert (revision.status, revision.author.username) == ("pending", "provider")
    broker = loader.User.objects.get(username="broker")
    response = login(broker).get(reverse("catalogue:revisions"))
    assert response.status_code == 200
    html = response.content.decode()
    assert revision.profile.ref in html
    assert 'data-field="trl"' in html and "+86 771 327 1188" in html
