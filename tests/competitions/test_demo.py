"""The demo edition: 40 entries from at least eight countries in both groups, judges, scored
stages, conflicts honoured, prizes, results and the camp."""

import io

import pytest
from django.core.management import call_command

from lintas.competitions.domain.judging import conflict_reasons
from lintas.competitions.models import Assignment, Competition, Score


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loaddemo", "--no-index", stdout=io.StringIO())
        yield
        call_command("flush", "--no-input", stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_edition_is_complete(demo):
    c = Competition.objects.get(slug="caiec-2027")
    entries = c.entries.all()
    assert entries.count() == 40
    assert len({e.country.code for e in entries}) >= 8
    assert {e.group.kind for e in entries} == {"enterprise", "team"}
    assert entries.filter(status="ineligible").count() == 3
    for stage in c.stages.all():
        assert stage.status == "done"
        assigned = Assignment.objects.filter(stage=stage)
        assert assigned.exists()
        assert Score.objects.filter(assignment__stage=stage).count() == assigned.count()
    assert c.results_published
    assert c.awards.filter(kind="winner").count() == 6
    assert c.awards.get(kind="special").name == "Creative Stars"
    assert c.camps.get().cohort.count() == c.stages.get(is_final=True).advancements.count()


@pytest.mark.django_db
def test_demo_conflict_honoured(demo):
    """The BRIN judge never gets the team of his BRIN colleague."""
    entry = Competition.objects.get(slug="caiec-2027").entries.get(
        project_name="Salinity maps for rice"
    )
    judge = entry.competition.stages.get(position=1).judges.get(talent__slug="rahmat-hidayat")
    assert conflict_reasons(talent=judge.talent, entry=entry) == ["same organisation"]
    assert not Assignment.objects.filter(entry=entry, judge=judge).exists()
