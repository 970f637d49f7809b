"""Values as words in the reader's language (lintas.core.readable and its template filters)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import translation
from django_countries import countries

from lintas.core import readable


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load readable %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "language, expected",
    [("en", "IDR\u00a0250,000,000"), ("id", "IDR\u00a0250.000.000"),
     ("vi", "250.000.000\u00a0IDR"), ("km", "250,000,000\u00a0IDR"),
     ("zh-hans", "2.5亿 印度尼西亚卢比")],
)  # fmt: skip
def test_money_follows_the_readers_locale(language, expected):
    assert readable.money(250_000_000, "IDR", language=language) == expected


def test_money_keeps_cents_only_when_there_are_some():
    assert readable.money(Decimal("1234.5"), "CNY", language="en") == "CNY\u00a01,234.50"
    assert readable.money(Decimal("1234.00"), "cny", language="en") == "CNY\u00a01,234"
    assert readable.money(None, "CNY") == "—"
    assert readable.money(1500, "", language="en") == "1,500"


def test_money_totals_list_each_currency_without_converting():
    totals = {"USD": 20000, "CNY": Decimal("1500000")}
    assert readable.money_totals(totals, language="en") == "CNY\u00a01,500,000; USD\u00a020,000"
    assert readable.money_totals({}, language="en") == ""


def test_trl_is_a_number_with_a_short_label_in_the_readers_language():
    assert readable.trl(4) == "TRL 4 · validated in lab"
    assert readable.trl("9") == "TRL 9 · proven in operation"
    assert readable.trl(None) == "—" and readable.trl(12) == "—"
    with translation.override("id"):
        assert readable.trl(4).startswith("TRL 4")
        assert readable.trl(4) != "TRL 4 · validated in lab"


@pytest.mark.parametrize(
    "language, expected",
    [("en", "China, Indonesia"), ("vi", "Trung Quốc, Indonesia"), ("th", "จีน, อินโดนีเซีย"), ("zh-hans", "中国、印度尼西亚"),
     ("km", "ចិន, ឥណ្ឌូណេស៊ី"), ("id", "Tiongkok, Indonesia")],
)  # fmt: skip
def test_countries_are_named_in_the_readers_language(language, expected):
    with translation.override(language):
        assert readable.countries(["CN", "ID"]) == expected


def test_django_countries_names_follow_the_reader_everywhere():
    # COUNTRIES_OVERRIDE: org.country.name, countries.name() and form choices, not only filters.
    with translation.override("vi"):
        assert countries.name("TH") == "Thái Lan"
        assert dict(countries)["LA"] == "Lào"
    with translation.override("en"):  # English keeps django-countries' ISO names
        assert countries.name("VN") == "Vietnam"


def test_modes_ipr_and_languages_are_words():
    with translation.override("en"):
        assert readable.modes(["licence", "joint_rnd"]) == "Licence, Joint R&D"
        assert readable.ipr("patent_application") == "Patent application"
        assert readable.language_name("zh") == "Chinese"
        assert readable.modes([]) == "—"
    with translation.override("th"):
        assert readable.language_name("zh") == "จีน"
    with translation.override("zh-hans"):
        assert readable.language_name("id") == "印度尼西亚语"


@pytest.mark.parametrize(
    "language, expected",
    [("en", "Mar 5, 2026"), ("id", "5 Mar 2026"), ("zh-hans", "2026年3月5日"),
     ("vi", "5 thg 3, 2026")],
)  # fmt: skip
def test_dates_are_written_as_the_reader_writes_them(language, expected):
    with translation.override(language):
        assert readable.date(dt.date(2026, 3, 5)) == expected


def test_filters_render_in_the_active_language():
    html = render(
        "{{ v|money:c }}|{{ t|trl }}|{{ cs|countries }}|{{ ms|modes }}|{{ d|day }}",
        "en",
        v=Decimal("250000000"),
        c="IDR",
        t=3,
        cs=["LA"],
        ms=["investment"],
        d=dt.date(2026, 1, 2),
    )
    assert html == "IDR\u00a0250,000,000|TRL 3 · proof of concept|Laos|Investment|Jan 2, 2026"


@pytest.mark.django_db
def test_profile_page_shows_words_not_codes(client):
    from tests.factories import ProfileFactory

    profile = ProfileFactory(
        status="published",
        trl=4,
        cooperation_modes=["licence", "joint_rnd"],
        target_countries=["ID", "TH"],
        ipr_status="granted_patent",
    )
    body = client.get(profile.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Indonesia, Thailand" in body
    assert "Licence" in body and "Joint R&amp;D" in body
    assert "joint_rnd" not in body and "ID, TH" not in body
    assert "TRL 4 – technology validated in lab" in body


@pytest.mark.django_db
def test_renewal_reminder_is_in_the_authors_language_with_a_readable_date(settings):
    from lintas.catalogue.domain import lifecycle
    from tests.factories import ProfileFactory, UserFactory

    author = UserFactory(language="id", email="penulis@example.org")
    today = dt.date(2026, 3, 1)
    ProfileFactory(
        status="published",
        created_by=author,
        organisation=author.organisation,
        expires_on=dt.date(2026, 3, 5),
    )
    assert lifecycle.send_renewal_reminders(today=today) == 1
    assert "5 Mar 2026" in mail.outbox[0].subject
    assert "2026-03-05" not in mail.outbox[0].subject
