"""The broker inbox's consultations section (issue 13 §1, issue 15 §3): requests no talent has
answered, through the brokerage's documented ``inbox_sections`` signal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.brokerage.domain import inbox
from lintas.talents.domain import consultations
from tests.conftest import login
from tests.factories import OrganisationFactory, TalentFactory, UserFactory


def counts(user, **filters) -> dict:
    return {s.key: s.count for s in inbox.build(user=user, lists=False, **filters)}


@pytest.mark.django_db
def test_waiting_consultation_until_the_talent_answers(talent, seeker, broker):
    asked = consultations.request_consultation(
        user=seeker, talent=talent, topic="Salt-tolerant rice", message="Can you help?"
    )
    assert counts(broker)["consultations"] == 1
    body = login(broker).get(reverse("brokerage:inbox")).content.decode()
    assert 'data-item="consultations"' in body
    assert "Salt-tolerant rice" in body
    assert asked.get_absolute_url() in body
    consultations.respond(user=talent.user, consultation=asked, accept=True)
    assert counts(broker)["consultations"] == 0
    api = login(broker).get("/api/v1/inbox/").json()
    assert {s["key"]: s["count"] for s in api["sections"]}["consultations"] == 0


@pytest.mark.django_db
def test_consultation_filters(talent, seeker, broker):
    consultations.request_consultation(user=seeker, talent=talent, topic="Rice", message="Hi")
    assert counts(broker, country="CN")["consultations"] == 1  # the talent's country
    assert counts(broker, country="ID")["consultations"] == 1  # the asker's
    assert counts(broker, country="TH")["consultations"] == 0
    assert counts(broker, sector="agriculture")["consultations"] == 1
    assert counts(broker, sector="energy")["consultations"] == 0
    assert counts(broker, scope="mine")["consultations"] == 0  # no profile or deal of theirs
    other = UserFactory(role="broker", organisation=OrganisationFactory(country="TH"))
    assert counts(other, scope="countries")["consultations"] == 0
    indonesian = UserFactory(role="broker", organisation=OrganisationFactory(country="ID"))
    assert counts(indonesian, scope="countries")["consultations"] == 1


@pytest.mark.django_db
def test_consultations_section_query_count_is_flat(seeker, broker):
    client = login(broker)

    def ask(n):
        for index in range(n):
            consultations.request_consultation(
                user=seeker, talent=TalentFactory(), topic=f"Topic {index}", message="Hello"
            )

    ask(1)
    client.get(reverse("brokerage:inbox"))
    with CaptureQueriesContext(connection) as one:
        body = client.get(reverse("brokerage:inbox")).content.decode()
    assert body.count('data-item="consultations"') == 1
    ask(2)
    with CaptureQueriesContext(connection) as three:
        body = client.get(reverse("brokerage:inbox")).content.decode()
    assert body.count('data-item="consultations"') == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]
