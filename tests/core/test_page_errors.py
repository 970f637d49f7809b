"""lintas.core.pages.domain_call: how a page reports what the domain refused."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from lintas.catalogue.models import Profile
from lintas.core.pages import domain_call
from tests.conftest import login


def _request():
    request = RequestFactory().post("/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    return request


def _messages(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


class TitleForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)


def _save(*, title, calls):
    calls.append(title)
    if title == "bad":
        raise ValidationError("That title is taken.")
    if title == "both":
        raise ValidationError({"title": "Too short.", "budget": "No budget here."})
    return title.upper()


def test_success_returns_the_value_and_says_so():
    request, calls = _request(), []
    outcome = domain_call(request, _save, success="Saved.", title="ok", calls=calls)
    assert outcome and outcome.ok and outcome.value == "OK" and outcome.error is None
    assert calls == ["ok"]
    assert _messages(request) == [("success", "Saved.")]


def test_refusal_without_form_becomes_an_error_message():
    request = _request()
    outcome = domain_call(request, _save, success="Saved.", title="bad", calls=[])
    assert not outcome and outcome.value is None
    assert outcome.error.messages == ["That title is taken."]
    assert _messages(request) == [("error", "That title is taken.")]


def test_refusal_with_form_goes_on_the_form_not_in_messages():
    request = _request()
    form = TitleForm({"title": "bad"})
    assert form.is_valid()
    outcome = domain_call(request, _save, form=form, success="Saved.", title="bad", calls=[])
    assert not outcome
    assert form.non_field_errors() == ["That title is taken."]
    assert _messages(request) == []


def test_field_errors_land_on_their_fields_and_unknown_ones_above_the_form():
    form = TitleForm({"title": "both"})
    assert form.is_valid()
    domain_call(_request(), _save, form=form, title="both", calls=[])
    assert form.errors["title"] == ["Too short."]
    assert form.non_field_errors() == ["No budget here."]


def test_field_option_puts_a_plain_error_on_that_field():
    form = TitleForm({"title": "bad"})
    assert form.is_valid()
    domain_call(_request(), _save, form=form, field="note", title="bad", calls=[])
    assert form.errors["note"] == ["That title is taken."]
    assert form.non_field_errors() == []


def test_permission_denied_is_left_to_django():
    def refuse():
        raise PermissionDenied("No.")

    request = _request()
    with pytest.raises(PermissionDenied):
        domain_call(request, refuse, success="Saved.")
    assert _messages(request) == []


def test_a_keyword_named_request_reaches_the_domain_function():
    def decide(*, request):
        return request

    assert domain_call(_request(), decide, request="the meeting request").value == (
        "the meeting request"
    )


@pytest.mark.django_db
def test_a_page_shows_the_domains_refusal_and_changes_nothing(provider, offer):
    """Through a real page: a published profile cannot be submitted again (ValidationError:
    the message on the profile page), and publishing is for brokers (PermissionDenied: 403)."""
    client = login(provider)
    url = reverse("catalogue:profile_action", args=[offer.ref, "submit"])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == offer.get_absolute_url()
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0][0] == "error"
    assert Profile.objects.get(pk=offer.pk).status == "published"

    response = client.post(reverse("catalogue:profile_action", args=[offer.ref, "publish"]))
    assert response.status_code == 403
    assert Profile.objects.get(pk=offer.pk).status == "published"
