"""Officers create and edit programmes and calls (rule builder, preview); applicants see
each rule's result."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lintas.core.models import AuditEntry
from lintas.programmes.domain import calls
from lintas.programmes.models import Call, Programme
from tests.conftest import login
from tests.programmes.conftest import make_application


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


CALL_FIELDS = {
    "title": "Young scientists 2028", "description": "Second round.", "status": "open",
    "opens_on": "2026-01-01", "deadline": "2030-03-31T17:00", "review_round": "Q1",
    "stipend_monthly": "6000", "currency": "CNY", "duration_min_months": "6",
    "duration_max_months": "12", "reviews_per_application": "2", "preferred_host_bonus": "0.2",
    "criteria_text": "excellence\nfit", "required_documents": ["cv"],
}  # fmt: skip

THREE_RULES = {
    **_management("rules", 3),
    "rules-0-rule": "max_age", "rules-0-number": "40", "rules-0-on_date": "2030-03-31",
    "rules-1-rule": "nationalities", "rules-1-countries": ["ID", "VN"],
    "rules-2-rule": "min_years_experience", "rules-2-number": "3",
}  # fmt: skip


def test_officer_creates_programme_then_call_with_three_rules(officer):
    client = login(officer)
    response = client.post(
        reverse("programmes:programme_new"),
        {"name": "ASEAN Fellows", "kind": "talent", "issuer": "CATTC"},
    )
    programme = Programme.objects.get(name="ASEAN Fellows")
    assert response.url == programme.get_absolute_url()
    assert programme.issuer == "CATTC"
    response = client.post(
        reverse("programmes:call_new", args=[programme.slug]), CALL_FIELDS | THREE_RULES
    )
    call = Call.objects.get(title="Young scientists 2028")
    assert response.url == reverse("programmes:manage", args=[call.slug])
    assert call.eligibility == {
        "max_age": 40, "age_on": "2030-03-31", "nationalities": ["ID", "VN"],
        "min_years_experience": 3,
    }  # fmt: skip
    assert call.criteria == ["excellence", "fit"]
    assert call.required_documents == ["cv"]
    assert AuditEntry.objects.filter(summary=f"call {call.slug}").exists()
    # The edit page shows the rows back.
    page = client.get(reverse("programmes:call_edit", args=[call.slug])).content.decode()
    assert 'value="40"' in page and 'value="2030-03-31"' in page


def test_rule_row_without_its_value_is_refused_and_nothing_saved(officer, programme):
    client = login(officer)
    data = CALL_FIELDS | _management("rules", 1) | {"rules-0-rule": "degrees"}
    response = client.post(reverse("programmes:call_new", args=[programme.slug]), data)
    assert response.status_code == 400
    assert "Choose at least one degree." in response.content.decode()
    assert not Call.objects.filter(title=CALL_FIELDS["title"]).exists()


def test_rules_without_a_builder_row_survive_an_edit(officer, call):
    call.eligibility = {"max_age": 45, "countries": ["ID"], "min_team": 2}
    call.save()
    data = CALL_FIELDS | _management("rules", 1) | {
        "rules-0-rule": "founded_from", "rules-0-number": "2015",
    }  # fmt: skip
    login(officer).post(reverse("programmes:call_edit", args=[call.slug]), data)
    call.refresh_from_db()
    assert call.eligibility == {"countries": ["ID"], "min_team": 2, "founded_from": 2015}


def test_same_rule_twice_refused(officer, programme):
    data = CALL_FIELDS | _management("rules", 2) | {
        "rules-0-rule": "max_age", "rules-0-number": "40",
        "rules-1-rule": "max_age", "rules-1-number": "45",
    }  # fmt: skip
    response = login(officer).post(reverse("programmes:call_new", args=[programme.slug]), data)
    assert response.status_code == 400
    assert "Each rule may appear only once." in response.content.decode()


def test_preview_lists_who_would_pass_without_saving(officer, call):
    young = make_application(call, full_name="Young", birth_date=dt.date(1995, 1, 1))
    make_application(call, full_name="Older", birth_date=dt.date(1984, 1, 1))
    before = dict(call.eligibility)
    data = CALL_FIELDS | _management("rules", 1) | {
        "rules-0-rule": "max_age", "rules-0-number": "35", "rules-0-on_date": "2027-03-31",
        "preview": "1",
    }  # fmt: skip
    response = login(officer).post(reverse("programmes:call_edit", args=[call.slug]), data)
    page = response.content.decode()
    assert response.status_code == 200
    table = page[page.index('id="preview-table"') :]
    # Those who would fail first; the older applicant passes the saved rules (45) but not 35.
    assert table.index("Older") < table.index("Young")
    assert "Age: 43" in table
    call.refresh_from_db()
    assert call.eligibility == before
    assert young.call.title == "TYSP 2027 first round"


def test_save_call_domain_refuses_bad_rules_and_non_officers(officer, programme, seeker):
    data = {"title": "X", "opens_on": dt.date(2027, 1, 1),
            "deadline": dt.datetime(2027, 2, 1, tzinfo=dt.UTC), "eligibility": {"max_age": "old"}}  # fmt: skip
    with pytest.raises(ValidationError) as error:
        calls.save_call(user=officer, programme=programme, data=data)
    assert error.value.message_dict == {"eligibility": ["max_age must be a whole number."]}
    with pytest.raises(PermissionDenied):
        calls.save_call(user=seeker, programme=programme, data=data | {"eligibility": {}})
    assert not Call.objects.filter(title="X").exists()


def test_apply_form_asks_only_for_facts_the_rules_need(seeker, call):
    client = login(seeker)
    page = client.get(reverse("programmes:apply", args=[call.slug])).content.decode()
    assert 'name="years_experience"' not in page
    call.eligibility = {"min_years_experience": 3, "max_capital_usd": 1000000}
    call.save()
    page = client.get(reverse("programmes:apply", args=[call.slug])).content.decode()
    assert 'name="years_experience"' in page and 'name="capital_usd"' in page
    assert 'name="founded_year"' not in page


def test_application_page_shows_each_rule_with_value(seeker, call, officer):
    application = make_application(
        call, seeker, status="draft", birth_date=dt.date(1979, 6, 1), nationality="ID"
    )
    page = login(seeker).get(application.get_absolute_url()).content.decode()
    table = page[page.index('id="eligibility"') :]
    assert 'data-rule="max_age"' in table and "Does not pass" in table
    assert "47" in table  # the applicant's age on the reference day
    assert "Indonesia" in table
    # An officer sees it too; a reviewer or someone else does not get the page section.
    assert 'id="eligibility"' in login(officer).get(application.get_absolute_url()).content.decode()


def test_call_page_states_rules_in_words(call):
    from django.test import Client

    page = Client().get(call.get_absolute_url()).content.decode()
    assert "Indonesia, Vietnam, Thailand" in page
    assert "Doctorate (PhD), Master" in page
    assert "45 or younger on" in page
