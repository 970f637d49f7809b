"""Organisations and people from files (lintas.core.domain.transfer_core)."""

import json
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from lintas.core.domain.transfer import run_import
from lintas.core.domain.transfer_core import ORGANISATIONS, USERS, export_users
from lintas.core.models import AuditEntry, MembershipRequest, Organisation, User
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def broker(db):
    return UserFactory(username="broker", role="broker")


def load(dataset, actor, text, *, dry_run=False):
    return run_import(dataset=dataset, actor=actor, data=text.encode(), dry_run=dry_run)


def test_organisations_import_with_words_or_codes(broker):
    report = load(
        ORGANISATIONS,
        broker,
        "name,name_local,type,size,country,member_type,member_since,website\n"
        "Kasetsart University,มหาวิทยาลัยเกษตรศาสตร์,University,,Thailand,full,2020-03-01,https://ku.ac.th\n"
        "PT Tani Makmur,,enterprise,small,ID,,,\n",
    )
    assert report.problems == []
    ku = Organisation.objects.get(name="Kasetsart University")
    assert (ku.slug, ku.type, str(ku.country), ku.member_type) == (
        "kasetsart-university",
        "university",
        "TH",
        "full",
    )
    assert str(ku.member_since) == "2020-03-01"
    assert AuditEntry.objects.filter(object_id=ku.pk, action="create").exists()


def test_organisations_twins_and_bad_values_are_refused(broker):
    OrganisationFactory(name="Guangxi University", slug="gxu")
    before = Organisation.objects.count()
    report = load(
        ORGANISATIONS,
        broker,
        "slug,name,type,country,website\n"
        ",guangxi university,university,CN,\n"
        "new,New Lab,laboratory,Narnia,ftp://x\n"
        "gxu,Another,university,CN,\n"
        ",New Lab,institute,MY,\n",
    )
    assert {(p.row, p.column) for p in report.problems} == {
        (2, "name"),
        (3, "type"),
        (3, "country"),
        (3, "website"),
        (4, "slug"),
        (5, "name"),
    }
    assert Organisation.objects.count() == before


def test_users_import_invites_and_records_membership_decided_by_the_broker(
    broker, django_capture_on_commit_callbacks
):
    org = OrganisationFactory(slug="gxu", name="Guangxi University")
    with django_capture_on_commit_callbacks(execute=True):
        report = load(
            USERS,
            broker,
            "username,email,first_name,role,organisation,organisation_admin,language\n"
            "wei,Wei@Example.org,Wei,provider,gxu,yes,zh-hans\n"
            "sari,sari@example.org,Sari,seeker,,,id\n",
        )
    assert report.problems == []
    wei = User.objects.get(username="wei")
    assert (wei.email, wei.organisation, wei.is_organisation_admin) == (
        "wei@example.org",
        org,
        True,
    )
    assert wei.is_active and not wei.email_verified
    assert wei.has_usable_password() and not wei.check_password("")
    record = MembershipRequest.objects.get(user=wei)
    assert (record.status, record.organisation, record.decided_by) == ("approved", org, broker)
    assert User.objects.get(username="sari").organisation is None
    assert sorted(m.to[0] for m in mail.outbox) == ["sari@example.org", "wei@example.org"]
    chinese = next(m for m in mail.outbox if m.to == ["wei@example.org"])
    assert "Lintas" in chinese.subject and "广西" not in chinese.subject
    assert "Guangxi University" in chinese.body


def test_invitation_link_sets_the_password_and_confirms_the_address(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        load(USERS, broker, "username,email,role\nlim,lim@example.org,seeker\n")
    link = re.search(r"https?://\S+/account/reset/\S+/", mail.outbox[0].body).group(0)
    client = Client()
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    answer = client.post(
        form_url, {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"}
    )
    assert answer.status_code == 302
    lim = User.objects.get(username="lim")
    assert lim.check_password("a-long-new-pass-42")
    assert lim.email_verified is True


def test_users_file_with_passwords_is_refused_whole(broker):
    report = load(USERS, broker, "username,email,role,password\nx,x@example.org,seeker,hunter2\n")
    assert [(p.row, p.column) for p in report.problems] == [(1, "password")]
    assert "never carry passwords" in report.problems[0].message
    assert not User.objects.filter(username="x").exists()


def test_brokers_may_not_import_staff_or_administrators(broker):
    report = load(
        USERS,
        broker,
        "username,email,role\nb2,b2@example.org,broker\nroot2,root2@example.org,admin\n",
    )
    assert {(p.row, p.column) for p in report.problems} == {(2, "role"), (3, "role")}
    admin = UserFactory(role="admin", organisation=None, is_superuser=True)
    report = load(USERS, admin, "username,email,role\nb2,b2@example.org,broker\n")
    assert report.ok and User.objects.get(username="b2").role == "broker"


def test_users_duplicates_and_unknown_organisation(broker):
    UserFactory(username="taken", email="taken@example.org")
    report = load(
        USERS,
        broker,
        "username,email,role,organisation,organisation_admin\n"
        "taken,new@example.org,seeker,,\n"
        "fresh,TAKEN@example.org,seeker,,\n"
        "a,a@example.org,seeker,nowhere,\n"
        "b,b@example.org,seeker,,maybe\n"
        "c,not-an-address,seeker,,\n",
    )
    assert {(p.row, p.column) for p in report.problems} == {
        (2, "username"),
        (3, "email"),
        (4, "organisation"),
        (5, "organisation_admin"),
        (6, "email"),
    }


def test_providers_and_seekers_may_not_import_people(db):
    provider = UserFactory(role="provider")
    with pytest.raises(PermissionDenied):
        load(USERS, provider, "username,email,role\nz,z@example.org,seeker\n")
    with pytest.raises(PermissionDenied):
        load(ORGANISATIONS, provider, "name,type,country\nZ,university,CN\n")


def test_users_export_has_no_password_and_imports_back(broker, django_capture_on_commit_callbacks):
    org = OrganisationFactory(slug="tani")
    UserFactory(username="sari", email="sari@example.org", role="seeker", organisation=org)
    rows = json.loads(export_users(fmt="json"))
    assert "password" not in json.dumps(rows)
    sari = next(r for r in rows if r["username"] == "sari")
    assert (sari["organisation"], sari["role"]) == ("tani", "seeker")
    User.objects.filter(username="sari").delete()
    report = run_import(
        dataset=USERS,
        actor=broker,
        data=json.dumps([sari]).encode(),
        dry_run=False,
    )
    assert report.ok
    assert User.objects.get(username="sari").organisation == org


# ------------------------------------------------------------------ one choice reader


def test_choice_reads_code_or_label_and_refuses_an_empty_codes_label_by_default():
    from lintas.core.domain.transfer import RowProblems, choice
    from lintas.core.enums import EnterpriseSize

    assert choice({"size": "SMALL"}, "size", EnterpriseSize.choices) == "small"
    assert choice({"size": "Medium"}, "size", EnterpriseSize.choices) == EnterpriseSize.MEDIUM
    assert choice({"size": ""}, "size", EnterpriseSize.choices) == ""
    with pytest.raises(RowProblems) as refused:
        choice({"size": "Not applicable"}, "size", EnterpriseSize.choices)
    assert refused.value.problems == {
        "size": "“Not applicable” is not one of the values the template lists."
    }
    with pytest.raises(RowProblems) as missing:
        choice({"size": ""}, "size", EnterpriseSize.choices, required=True)
    assert missing.value.problems == {"size": "This value is missing."}


def test_choice_with_empty_code_and_its_own_message():
    from lintas.core.domain.transfer import RowProblems, choice
    from lintas.core.enums import EnterpriseSize

    got = choice({"size": "not applicable"}, "size", EnterpriseSize.choices, empty_code=True)
    assert got == ""
    with pytest.raises(RowProblems) as refused:
        choice({"size": "huge"}, "size", EnterpriseSize.choices, empty_code=True,
               message="“%(value)s” is no size.")  # fmt: skip
    assert refused.value.problems == {"size": "“huge” is no size."}


def test_organisations_import_refuses_an_unknown_type_in_the_templates_words(broker):
    report = load(ORGANISATIONS, broker, "name,type,country\nTani Makmur,farm,ID\n", dry_run=True)
    assert [p.as_dict() for p in report.problems] == [
        {"row": 2, "column": "type",
         "message": "“farm” is not one of the values the template lists."}
    ]  # fmt: skip
