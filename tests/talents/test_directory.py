import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, SectorFactory, TalentFactory, TraineeFactory


def _names(client, **params):
    response = client.get(reverse("talents:directory"), params)
    assert response.status_code == 200
    body = response.content.decode()
    return sorted(n for n in ("Ana", "Budi", "Chen") if f">{n}</a>" in body)


@pytest.fixture
def three(db, sector):
    energy = SectorFactory(slug="new-energy", names={"en": "New energy"})
    TalentFactory(name="Ana", country="PH", languages=["fil", "en"], roles=["mentoring"],
                  sectors=[energy], keywords=["solar"])  # fmt: skip
    budi = TalentFactory(name="Budi", country="ID", languages=["id"], roles=["consulting"],
                         sectors=[sector], keywords=["rice"])  # fmt: skip
    TalentFactory(name="Chen", country="CN", languages=["zh", "en"],
                  roles=["consulting", "reviewing"], sectors=[sector])  # fmt: skip
    return budi


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["Ana", "Budi", "Chen"]),
        ({"country": "ID"}, ["Budi"]),
        ({"field": "agriculture"}, ["Budi", "Chen"]),
        ({"language": "en"}, ["Ana", "Chen"]),
        ({"language": "id"}, ["Budi"]),
        ({"role": "consulting"}, ["Budi", "Chen"]),
        ({"role": "reviewing", "language": "zh"}, ["Chen"]),
        ({"q": "solar"}, ["Ana"]),
    ],
)
def test_directory_filters(client, three, params, expected):
    assert _names(client, **params) == expected


def test_directory_filters_alumni_from_programme_records(client, three):
    ApplicationFactory(applicant=three.user, status="accepted")
    chen = TalentFactory(name="Chen2")
    TraineeFactory(user=chen.user)
    body = client.get(reverse("talents:directory"), {"alumni": "on"}).content.decode()
    assert ">Budi</a>" in body and ">Chen2</a>" in body
    assert ">Ana</a>" not in body and ">Chen</a>" not in body
    assert "Programme alumni" in body


def test_words_do_not_search_members_only_text(client, db):
    TalentFactory(name="Dewi", bio="secret mangrove work", members_only=["bio"], keywords=[])
    assert (
        ">Dewi</a>"
        not in client.get(reverse("talents:directory"), {"q": "mangrove"}).content.decode()
    )


def test_directory_shows_words_not_codes(client, three):
    body = client.get(reverse("talents:directory")).content.decode()
    assert "Philippines" in body and "Filipino" in body and "Mentoring" in body


def test_bad_filter_is_a_400_with_the_form(client, db):
    response = client.get(reverse("talents:directory"), {"language": "xx"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_api_list_filters_and_refuses_bad_values(client, three):
    data = client.get(reverse("talent-list"), {"role": "consulting", "country": "cn"}).json()
    assert [t["name"] for t in data["results"]] == ["Chen"]
    assert client.get(reverse("talent-list"), {"role": "juggling"}).status_code == 400


@pytest.mark.parametrize("n", [1, 3])
def test_directory_query_count_is_constant(client, django_assert_max_num_queries, sector, n):
    for _i in range(n):
        TalentFactory(sectors=[sector])
    with django_assert_max_num_queries(4):
        assert client.get(reverse("talents:directory")).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_api_list_query_count_is_constant(client, django_assert_max_num_queries, sector, n):
    for _i in range(n):
        TalentFactory(sectors=[sector])
    with django_assert_max_num_queries(3):
        assert client.get(reverse("talent-list")).status_code == 200


@pytest.mark.parametrize(
    "lang, text", [("zh-hans", "人才名录"), ("id", "Direktori talenta"), ("km", "បញ្ជីអ្នកជំនាញ")]
)
def test_directory_renders_translated(client, three, lang, text):
    body = client.get(reverse("talents:directory"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert text in body
