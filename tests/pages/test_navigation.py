"""lintas.pages.navigation: the main menu, listed in one place, in order, per role."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from lintas.pages.navigation import MENU, entries_for
from tests.conftest import login

ANYONE = [
    "catalogue:offers",
    "catalogue:needs",
    "core:organisations",
    "matching:search",
    "events:list",
    "programmes:index",
    "talents:directory",
    "campaigns:list",
    "competitions:index",
    "network:index",
    "insights:impact",
]
SIGNED_IN = [
    "matching:for_you",
    "catalogue:saved_searches",
    "brokerage:deals",
    "brokerage:agreements",
    "pages:dashboard",
]


def _urls(names):
    return {reverse(name) for name in names}


def _menu_hrefs(body: str) -> list[str]:
    nav = re.search(r'<nav [^>]*aria-label="Main">(.*?)</nav>', body, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_every_entry_reverses_and_appears_once():
    names = [entry.url_name for entry in MENU]
    assert len(names) == len(set(names))
    for name in names:
        assert reverse(name).startswith("/")


@pytest.mark.django_db
def test_visitor_sees_public_entries_in_menu_order():
    urls = [item["url"] for item in entries_for(AnonymousUser())]
    assert urls == [reverse(e.url_name) for e in MENU if e.url_name in ANYONE]


@pytest.mark.django_db
def test_provider_sees_signed_in_entries_but_no_broker_ones(provider):
    urls = {item["url"] for item in entries_for(provider)}
    assert urls == _urls(ANYONE + SIGNED_IN)


@pytest.mark.django_db
def test_broker_sees_board_queue_and_dashboard(broker):
    urls = {item["url"] for item in entries_for(broker)}
    assert urls == _urls(ANYONE + SIGNED_IN) | _urls(
        [
            "brokerage:inbox",
            "brokerage:matches",
            "brokerage:board",
            "insights:dashboard",
            "catalogue:queue",
            "catalogue:revisions",
            "catalogue:translations_missing",
            "ops:transfer",
        ]  # fmt: skip
    )


@pytest.mark.django_db
def test_officer_sees_dashboard_but_not_the_deal_board(officer):
    urls = {item["url"] for item in entries_for(officer)}
    assert reverse("insights:dashboard") in urls
    assert reverse("brokerage:board") not in urls
    assert reverse("brokerage:inbox") not in urls
    assert reverse("catalogue:queue") not in urls


@pytest.mark.django_db
def test_page_menu_follows_the_list_in_order(broker, offer):
    body = login(broker).get(reverse("catalogue:offers")).content.decode()
    assert _menu_hrefs(body)[: len(MENU)] == [reverse(e.url_name) for e in MENU]
    visitor = Client().get(reverse("catalogue:offers")).content.decode()
    assert reverse("brokerage:board") not in _menu_hrefs(visitor)
    assert reverse("core:login") in _menu_hrefs(visitor)


@pytest.mark.django_db
def test_current_section_is_marked_by_longest_prefix(broker):
    body = login(broker).get(reverse("brokerage:board")).content.decode()
    assert f'<a href="{reverse("brokerage:board")}" aria-current="page">' in body
    assert f'<a href="{reverse("brokerage:deals")}">' in body
    assert body.count('aria-current="page"') == 1
    home = Client().get("/").content.decode()
    assert 'aria-current="page"' not in home
