"""Issue 12 §4 in real Chromium: a member saves a filtered search from the offer list, a new
matching offer is published, the alert task runs, the e-mail (locmem outbox) names it with a
working unsubscribe link that needs no sign-in; the member stars the offer and finds it in
the starred list."""

import pytest
from django.core import mail
from django.utils import timezone

from lintas.catalogue.models import SavedSearch, Star
from lintas.catalogue.tasks import send_search_alerts
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_saved_search_produces_an_alert_email(page, chromium, live_server, shoot, settings):
    settings.SITE_URL = live_server.url
    water = SectorFactory(slug="water", names={"en": "Water and environment"})
    seeker = UserFactory(
        username="alert-seeker",
        role="seeker",
        organisation=OrganisationFactory(country="ID", type="enterprise"),
    )
    cn = OrganisationFactory(country="CN", name="Guangxi Water Institute")
    ProfileFactory(ref="OF-OLD", organisation=cn, status="published", title="Old filter membrane",
                   sectors=[water], published_at=timezone.now())  # fmt: skip
    ProfileFactory(ref="OF-OTHER", organisation=cn, status="published", title="Rice seeds",
                   published_at=timezone.now())  # fmt: skip

    sign_in(page, "alert-seeker")
    page.goto("/offers/")
    page.select_option("#id_sector", "water")
    page.wait_for_selector("text=1 profile")
    page.click("#save-search summary")
    page.select_option("#id_frequency", "daily")
    page.click("#save-search-go")
    page.wait_for_url("**/searches/")
    page.wait_for_selector("#saved-searches")
    shoot(page, "saved-searches")
    search = SavedSearch.objects.get(user=seeker)
    assert search.params == {"sector": "water"} and search.frequency == "daily"

    new = ProfileFactory(ref="OF-NEW", organisation=cn, status="published", trl=6,
                         title="Solar desalination pump for coastal farms", sectors=[water],
                         published_at=timezone.now())  # fmt: skip
    result = send_search_alerts(frequency="daily")
    assert result["alerted"] == 1
    [message] = mail.outbox
    assert message.to == [seeker.email]
    assert new.title in message.body and "Old filter membrane" not in message.body
    assert "Rice seeds" not in message.body
    assert "TRL 6" in message.body and "Guangxi Water Institute" in message.body

    # The bell shows it too.
    page.goto("/notifications/")
    page.wait_for_selector("text=new result for your saved search")

    # The member follows the e-mail's link and stars the offer.
    page.goto(f"{live_server.url}/p/OF-NEW/")
    page.click("#star-profile")
    page.wait_for_selector("#unstar-profile")
    page.goto("/starred/")
    page.wait_for_selector(f"text={new.title}")
    shoot(page, "starred")
    assert Star.objects.filter(user=seeker, profile=new).exists()

    # Unsubscribe from the e-mail in a browser that is not signed in.
    link = next(
        line.split(": ", 1)[1] for line in message.body.splitlines() if "no sign-in" in line
    )
    visitor = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    other = visitor.new_page()
    other.goto(link)
    other.click("#confirm-unsubscribe")
    other.wait_for_selector("#unsubscribed")
    shoot(other, "unsubscribed")
    visitor.close()
    search.refresh_from_db()
    assert search.frequency == "off"
