"""The insights permission matrix (lintas/insights/rules.py) on the page and the API: the
dashboard and /api/v1/insights/kpis/ for brokers, officers and administrators; refreshing the summary
for brokers and administrators (effect: a new summary run)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.insights.models import SummaryRun
from tests.conftest import login

pytestmark = pytest.mark.django_db


def person(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize(
    "role, allowed",
    [("broker", True), ("officer", True), ("admin_user", True), ("provider", False),
     ("anonymous", False)],
)  # fmt: skip
def test_dashboard_page_and_kpi_api_by_role(request, role, allowed):
    user = person(request, role)
    page = (Client() if user is None else login(user)).get(reverse("insights:dashboard"))
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    kpis = api.get("/api/v1/insights/kpis/")
    if allowed:
        assert page.status_code == 200 and kpis.status_code == 200
        assert "totals" in kpis.json()
    else:
        assert page.status_code in (302, 403)
        assert kpis.status_code in (401, 403)


@pytest.mark.parametrize(
    "role, allowed",
    [("broker", True), ("admin_user", True), ("officer", False), ("provider", False)],
)  # fmt: skip
def test_refresh_the_summary_by_role(request, role, allowed):
    before = SummaryRun.objects.count()
    response = login(person(request, role)).post(reverse("insights:refresh"))
    assert response.status_code == (302 if allowed else 403)
    assert (SummaryRun.objects.count() > before) == allowed
