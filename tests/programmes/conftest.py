import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lintas.programmes.models import Host, Reviewer
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

RICE = {
    "title": "Salt tolerance of rice landraces",
    "abstract": "Rice landraces irrigated with saline water; sodium exclusion and grain yield.",
}
BATTERY = {
    "title": "Lithium battery cathode coatings",
    "abstract": "Cathode coatings improve lithium battery cycle life and charging.",
}


# Reviewers' own papers: same topics, different titles (a shared title is co-authorship).
REV_RICE = {
    "title": "Sodium exclusion genes in saline rice fields",
    "abstract": "Rice breeding for saline irrigation, sodium uptake and grain yield.",
}
REV_BATTERY = {
    "title": "Coated cathodes for lithium batteries",
    "abstract": "Lithium battery cathode coatings and cycle life.",
}


@pytest.fixture(autouse=True)
def lexical_affinity(settings):
    """Unit tests use the lexical fallback for speed; one test uses the real module.
    English by default: a page request in another language leaves it active in the thread."""
    settings.PROGRAMMES_AFFINITY = "lexical"
    translation.activate("en")
    yield
    translation.activate("en")


def pdf(name="cv.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def not_pdf(name="cv.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an exe", content_type="application/pdf")


@pytest.fixture
def programme(db):
    return ProgrammeFactory(slug="tysp", name="Talented Young Scientist Program")


@pytest.fixture
def call(programme):
    return CallFactory(
        programme=programme,
        slug="tysp-2027-q1",
        title="TYSP 2027 first round",
        eligibility={
            "max_age": 45,
            "age_on": "2027-03-31",
            "nationalities": ["ID", "VN", "TH"],
            "degrees": ["phd", "master"],
        },  # fmt: skip
        required_documents=["cv"],
        reviews_per_application=2,
    )


@pytest.fixture
def host_orgs(db):
    return [
        OrganisationFactory(slug="gaas", name="Guangxi Academy of Agricultural Sciences"),
        OrganisationFactory(slug="catl-lab", name="Battery Institute"),
    ]


@pytest.fixture
def hosts(programme, host_orgs):
    return [
        Host.objects.create(
            slug="rice-lab", programme=programme, organisation=host_orgs[0], name="Rice Lab",
            research_areas=["We breed rice for saline soils. Sodium exclusion genes in rice."],
            capacity=1, supervisor="Prof. Lin",
        ),
        Host.objects.create(
            slug="battery-lab", programme=programme, organisation=host_orgs[1],
            name="Battery Lab",
            research_areas=["Electrochemistry of lithium battery cathodes and coatings."],
            capacity=1,
        ),
    ]  # fmt: skip


def make_reviewer(call, username, publications, max_load=3, organisation=None):
    user = UserFactory(
        username=username, role="provider", organisation=organisation or OrganisationFactory()
    )
    Reviewer.objects.create(call=call, user=user, max_load=max_load, publications=publications)
    return user


@pytest.fixture
def reviewers(call):
    return [
        make_reviewer(call, "rev-rice", [REV_RICE]),
        make_reviewer(call, "rev-battery", [REV_BATTERY]),
        make_reviewer(call, "rev-mixed", [REV_RICE, REV_BATTERY]),
    ]


def make_application(call, user=None, *, publications=None, **extra):
    """An application to ``call`` (by a new Indonesian seeker unless ``user``), about rice."""
    if user is not None:
        extra["applicant"] = user
    return ApplicationFactory(
        call=call, publications=[RICE] if publications is None else publications, **extra
    )


def fake_file(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f
