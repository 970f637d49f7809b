import pytest
from django.urls import reverse
from django.utils import translation

from lintas.network.domain import queries
from lintas.network.models import JointLab
from tests.conftest import login

PAGES = ["index", "members", "labs", "parks", "mechanisms", "platforms"]
ROLES = ["provider", "seeker", "broker", "officer", "admin_user", None]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_network_pages_are_public_for_every_role(request, client, registry, role):
    c = login(request.getfixturevalue(role)) if role else client
    for name in PAGES:
        assert c.get(reverse(f"network:{name}")).status_code == 200, name


@pytest.mark.django_db
def test_lab_detail_shows_partners_and_free_text_partners(client, registry):
    response = client.get(reverse("network:lab", args=[registry.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Guangxi University" in body
    assert "Bogor Institute" in body


@pytest.mark.django_db
def test_lab_detail_missing_is_404(client, db):
    assert client.get(reverse("network:lab", args=[999])).status_code == 404


@pytest.mark.django_db
def test_members_filter_by_country_lists_only_members_there(client, registry):
    body = client.get(reverse("network:members"), {"country": "TH"}).content.decode()
    assert "Member Thailand" in body
    assert "Member Indonesia" not in body
    assert "Not A Member" not in body


@pytest.mark.django_db
def test_labs_filter_by_country_and_status(client, registry):
    body = client.get(reverse("network:labs"), {"country": "TH"}).content.decode()
    assert "China-Thailand Navigation Lab" in body
    assert "China-Indonesia Rice Lab" not in body
    body = client.get(reverse("network:labs"), {"status": "active"}).content.decode()
    assert "China-Indonesia Rice Lab" in body
    assert "China-Thailand Navigation Lab" not in body


@pytest.mark.django_db
def test_mechanisms_filter_by_country_matches_either_side(client, registry):
    body = client.get(reverse("network:mechanisms"), {"country": "VN"}).content.decode()
    assert "CN-VN mechanism" in body
    assert "CN-ID mechanism" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, params",
    [
        ("labs", {"country": "XX"}),
        ("labs", {"status": "flying"}),
        ("labs", {"sector": "no-such-sector"}),
        ("members", {"member_type": "gold"}),
        ("platforms", {"kind": "rocket"}),
        ("index", {"layer": "volcanoes"}),
    ],
)
def test_network_bad_filter_is_400_with_message(client, registry, name, params):
    before = JointLab.objects.count()
    response = client.get(reverse(f"network:{name}"), params)
    assert response.status_code == 400
    if name != "index":
        assert "errorlist" in response.content.decode()
    assert JointLab.objects.count() == before


@pytest.mark.django_db
def test_counts_by_country_per_layer(registry):
    assert queries.counts_by_country("members") == {"CN": 1, "ID": 1, "TH": 1}
    assert queries.counts_by_country("labs") == {"CN": 2, "ID": 1, "TH": 1}
    assert queries.counts_by_country("parks") == {"CN": 1, "MY": 1}
    assert queries.counts_by_country("mechanisms") == {"CN": 2, "VN": 1, "ID": 1}


@pytest.mark.django_db
def test_index_map_and_table_show_the_same_counts(client, registry):
    body = client.get(reverse("network:index"), {"layer": "labs"}).content.decode()
    assert "<svg" in body
    assert "China: 2" in body  # tooltip in the map
    assert "<td>China</td><td>2</td>" in body  # the accessible table


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_labs_list_query_count_is_constant(client, django_assert_max_num_queries, sector, n):
    from tests.factories import OrganisationFactory

    for i in range(n):
        lab = JointLab.objects.create(name=f"Lab {i}", countries=["CN"], sector=sector)
        lab.partners.add(OrganisationFactory())
    with django_assert_max_num_queries(4):
        assert client.get(reverse("network:labs")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_members_list_query_count_is_constant(client, django_assert_max_num_queries, n):
    from tests.factories import OrganisationFactory

    for _i in range(n):
        OrganisationFactory(member_type="full")
    with django_assert_max_num_queries(3):
        assert client.get(reverse("network:members")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("lang, text", [("zh-hans", "联合实验室"), ("id", "Laboratorium bersama")])
def test_network_page_renders_translated(client, registry, lang, text):
    with translation.override(lang):
        body = client.get(reverse("network:index"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert text in body
