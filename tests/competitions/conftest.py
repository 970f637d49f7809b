import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lintas.competitions.models import Competition, Entry, Field, Group, Judge, Stage, TeamMember
from tests.factories import OrganisationFactory, SectorFactory, TalentFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ONE_CRITERION = [{"criterion": "innovation", "weight": 1}]
RUBRIC = [
    {"criterion": "innovation", "weight": 30},
    {"criterion": "market", "weight": 25},
    {"criterion": "team", "weight": 20},
    {"criterion": "feasibility", "weight": 15},
    {"criterion": "asean", "weight": 10},
]
ENTERPRISE_RULES = {
    "founded_from": 2021,
    "max_capital_usd": 4_500_000,
    "max_revenue_usd": 30_000_000,
    "countries": ["CN", "ID", "LA", "MY", "TH", "VN", "PH", "KH", "MM", "SG", "BN"],
}
TEAM_RULES = {"nationalities": ["CN", "ID", "LA", "MY", "TH", "VN", "PH"], "min_team": 2,
              "max_team": 6}  # fmt: skip


def pdf(name="deck.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def lexical_affinity(settings):
    settings.PROGRAMMES_AFFINITY = "lexical"
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def competition(db):
    c = Competition.objects.create(
        slug="caiec-3", name="China-ASEAN Innovation and Entrepreneurship Competition",
        edition=3, status="open",
    )  # fmt: skip
    Group.objects.create(competition=c, kind="enterprise", eligibility=ENTERPRISE_RULES)
    Group.objects.create(competition=c, kind="team", eligibility=TEAM_RULES)
    energy = SectorFactory(slug="new-energy", names={"en": "New energy"})
    agri = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    Field.objects.create(competition=c, name="New energy", sector=energy, position=1)
    Field.objects.create(competition=c, name="Agriculture", sector=agri, position=2)
    Stage.objects.create(competition=c, position=1, name="Preliminary", rubric=RUBRIC,
                         starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 31),
                         judges_per_entry=3, advance_per_cell=2)  # fmt: skip
    Stage.objects.create(competition=c, position=2, name="Final", rubric=RUBRIC, is_final=True,
                         starts_on=dt.date(2027, 5, 20), ends_on=dt.date(2027, 5, 20),
                         judges_per_entry=3, advance_per_cell=3)  # fmt: skip
    return c


@pytest.fixture
def stage(competition):
    return competition.stages.get(position=1)


def make_entry(competition, *, name, group="enterprise", field=0, country="ID", members=None,
               status="eligible", stage=None, organisation=None, **extra):  # fmt: skip
    number = competition.entries.count() + 1
    entry = Entry.objects.create(
        competition=competition,
        number=number,
        project_name=name,
        summary=extra.pop("summary", f"{name}: solar drying of cassava and rice."),
        group=competition.groups.get(kind=group),
        field=list(competition.fields.all())[field],
        country=country,
        organisation=organisation,
        status=status,
        stage=stage,
        founded_year=extra.pop("founded_year", 2022),
        capital_usd=extra.pop("capital_usd", 1_000_000),
        revenue_usd=extra.pop("revenue_usd", 2_000_000),
        **extra,
    )
    for m in members or [{"name": f"{name} lead", "nationality": country}]:
        TeamMember.objects.create(entry=entry, **m)
    return entry


def make_judges(stage, n, **kwargs):
    judges = []
    for i in range(n):
        talent = TalentFactory(
            name=f"Judge {i + 1}", bio="Solar energy, cassava drying and rice processing.",
            user=UserFactory(username=f"judge{i + 1}", role="provider",
                             organisation=OrganisationFactory(country="CN")),
        )  # fmt: skip
        judges.append(
            Judge.objects.create(stage=stage, talent=talent, max_load=kwargs.get("max_load", 20))
        )
    return judges
