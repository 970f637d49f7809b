import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import ProfileFactory

SECRETS = ("SECRET-PRICE-TERMS", "Dr Secret Contact", "secret.contact@example.org",
           "+86 771 0000 0000")  # fmt: skip


def card(body: str, key: str) -> str:
    """The number on a figure's card."""
    found = re.search(rf'data-kpi="{key}"[^>]*><b>([^<]*)</b>', body)
    assert found, key
    return found.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [("provider", 403), ("seeker", 403), ("broker", 200), ("officer", 200), ("admin_user", 200)],
)
def test_dashboard_permission_matrix(request, world, role, status):
    response = login(request.getfixturevalue(role)).get(reverse("insights:dashboard"))
    assert response.status_code == status


@pytest.mark.django_db
def test_dashboard_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role, status", [("seeker", 403), ("broker", 200), ("officer", 200)])
def test_dashboard_download_permissions(request, world, fmt, role, status):
    response = login(request.getfixturevalue(role)).get(reverse("insights:download", args=[fmt]))
    assert response.status_code == status


@pytest.mark.django_db
def test_dashboard_shows_figures_funnel_and_tables(broker, world):
    body = login(broker).get(reverse("insights:dashboard"), {"by": "country"}).content.decode()
    assert card(body, "agreements") == "2"
    assert card(body, "enterprises") == "3"
    assert "USD\u00a01,000" in body and "CNY\u00a0500" in body  # lintas.core.readable.money
    assert 'id="funnel"' in body and "<svg" in body
    assert "<td>Thailand</td>" in body


@pytest.mark.django_db
def test_dashboard_bad_filter_is_400_with_message(broker, world):
    response = login(broker).get(reverse("insights:dashboard"), {"year": "soon", "by": "planet"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_dashboard_csv_matches_breakdown(broker, world):
    response = login(broker).get(reverse("insights:download", args=["csv"]), {"by": "year"})
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Year,Projects promoted,Enterprises served")
    assert lines[1].split(",")[0] == "2024"
    column = lines[0].split(",").index("Agreements signed")
    assert lines[2].split(",")[column] == "1"  # one agreement in 2025


@pytest.mark.django_db
def test_dashboard_xlsx_has_totals_breakdown_and_funnel(broker, world):
    from openpyxl import load_workbook

    response = login(broker).get(reverse("insights:download", args=["xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Totals", "Year", "Funnel"]
    totals = {row[0]: row[1] for row in book["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals["Agreements signed"] == 2
    funnel = list(book["Funnel"].iter_rows(min_row=2, values_only=True))
    assert funnel[0][:2] == ("Profiles published", 4)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_query_count_does_not_grow(broker, world, django_assert_max_num_queries, n):
    for i in range(n):
        ProfileFactory(ref=f"OF-Q-{i}", status="published", published_at=world["o1"].published_at)
    client = login(broker)
    # Live counting (no summary yet): three queries per figure, one for the campaigns table,
    # one for the competitions table.
    with django_assert_max_num_queries(48):
        assert client.get(reverse("insights:dashboard"), {"by": "sector"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_open_profiles_query_count_does_not_grow(client, world, django_assert_max_num_queries, n):
    for i in range(n):
        ProfileFactory(ref=f"OF-Q-{i}", status="published", published_at=world["o1"].published_at)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("insights:open_profiles", args=["json"])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["provider", "seeker", "broker", "officer", "admin_user", None])
def test_impact_and_open_data_are_public(request, client, world, role):
    c = login(request.getfixturevalue(role)) if role else client
    assert c.get(reverse("insights:impact")).status_code == 200
    assert c.get(reverse("insights:open_data")).status_code == 200


@pytest.mark.django_db
def test_impact_page_has_no_confidential_data_values_or_brokers(client, world, broker):
    body = client.get(reverse("insights:impact"), {"by": "country"}).content.decode()
    for secret in SECRETS:
        assert secret not in body
    assert "USD" not in body and "CNY" not in body
    assert broker.username not in body
    assert card(body, "agreements") == "2"
    assert client.get(reverse("insights:impact"), {"by": "broker"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, fmt",
    [("open_profiles", "csv"), ("open_profiles", "json"), ("open_events", "csv"),
     ("open_events", "json"), ("open_statistics", "csv"), ("open_statistics", "json")],
)  # fmt: skip
def test_open_data_exports_never_contain_confidential_fields(client, world, name, fmt):
    response = client.get(reverse(f"insights:{name}", args=[fmt]))
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    for secret in SECRETS:
        assert secret not in body
    for field in ("confidential_details", "contact_name", "contact_email", "contact_phone"):
        assert field not in body


@pytest.mark.django_db
def test_open_profiles_lists_only_published(client, world):
    data = json.loads(client.get(reverse("insights:open_profiles", args=["json"])).content)
    assert sorted(r["ref"] for r in data["results"]) == ["ND-1", "OF-1", "OF-2"]


@pytest.mark.django_db
def test_open_data_unknown_format_is_404(client, world):
    assert client.get("/insights/open-data/profiles.xml").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("lang, text", [("zh-hans", "转化漏斗"), ("id", "Corong konversi")])
def test_dashboard_renders_translated(broker, world, lang, text):
    with translation.override(lang):
        body = login(broker).get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE=lang)
    assert text in body.content.decode()


@pytest.mark.django_db
def test_open_profiles_csv_adds_the_values_as_words_in_the_readers_language(client, world):
    import csv
    import io

    from lintas.catalogue.models import Profile

    profile = Profile.objects.get(ref="OF-1")
    profile.trl, profile.cooperation_modes, profile.target_countries = 4, ["licence"], ["TH"]
    profile.save()
    response = client.get(
        reverse("insights:open_profiles", args=["csv"]), HTTP_ACCEPT_LANGUAGE="th"
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["ref"] == "OF-1")
    assert (row["trl"], row["target_countries"], row["cooperation_modes"]) == ("4", "TH", "licence")
    assert row["target_countries_words"] == "ไทย"
    assert row["trl_words"].startswith("TRL 4 – ") and "lab" not in row["trl_words"]
    assert row["cooperation_modes_words"] not in ("", "licence")
