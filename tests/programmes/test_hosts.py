import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lintas.programmes.domain import hosts as host_domain
from lintas.programmes.models import Placement
from tests.programmes.conftest import BATTERY, RICE, make_application


def _placed():
    return sorted((p.application.full_name, p.host.name) for p in Placement.objects.all())


def test_match_hosts_by_affinity(call, hosts, officer):
    make_application(call, full_name="Rice", status="accepted")
    make_application(
        call, full_name="Battery", status="accepted", publications=[BATTERY],
        proposal="Lithium battery cathode coatings.",
    )  # fmt: skip
    host_domain.match_hosts(user=officer, call=call)
    assert _placed() == [("Battery", "Battery Lab"), ("Rice", "Rice Lab")]


def test_match_hosts_explains_with_texts(call, hosts, officer):
    make_application(call, full_name="Rice", status="accepted")
    (placement,) = host_domain.match_hosts(user=officer, call=call)
    assert placement.explanation["host_text"] == "Sodium exclusion genes in rice."
    assert placement.explanation["applicant_text"].startswith("Salt tolerance of rice landraces")
    assert placement.explanation["preferred"] is False


def test_match_hosts_preference_bonus_wins(call, hosts, officer):
    app = make_application(call, full_name="Rice", status="accepted")
    app.preferred_hosts.set([hosts[1]])
    call.preferred_host_bonus = 1.0
    call.save()
    host_domain.match_hosts(user=officer, call=call)
    assert _placed() == [("Rice", "Battery Lab")]


def test_match_hosts_respects_capacity(call, hosts, officer):
    make_application(call, full_name="Rice1", status="accepted")
    make_application(call, full_name="Rice2", status="accepted", publications=[RICE])
    host_domain.match_hosts(user=officer, call=call)
    assert sorted(h for _n, h in _placed()) == ["Battery Lab", "Rice Lab"]


def test_match_hosts_forbids_own_organisation(call, hosts, officer, host_orgs):
    app = make_application(call, full_name="Rice", status="accepted")
    app.applicant.organisation = host_orgs[0]
    app.applicant.save()
    host_domain.match_hosts(user=officer, call=call)
    assert _placed() == [("Rice", "Battery Lab")]


def test_match_hosts_capacity_infeasible_names_constraint(call, hosts, officer):
    for i in range(3):
        make_application(call, full_name=f"R{i}", status="accepted")
    with pytest.raises(ValidationError) as err:
        host_domain.match_hosts(user=officer, call=call)
    assert err.value.messages[0] == (
        "No host assignment is possible: researchers need at least 3 assignments "
        "but hosts accept at most 2"
    )
    assert Placement.objects.count() == 0


def test_match_hosts_ignores_not_accepted(call, hosts, officer):
    make_application(call, status="waitlisted")
    with pytest.raises(ValidationError) as err:
        host_domain.match_hosts(user=officer, call=call)
    assert err.value.messages == ["There are no accepted researchers waiting for a host."]


def test_match_hosts_denied_to_broker(call, hosts, broker):
    make_application(call, status="accepted")
    with pytest.raises(PermissionDenied):
        host_domain.match_hosts(user=broker, call=call)
