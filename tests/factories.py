"""factory_boy factories: the smallest valid object of each model, every field overridable.

Factories build rows directly (no domain function, no notification); tests of a rule call
the domain, tests that need a world to look at build it here.
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from lintas.brokerage.models import Deal
from lintas.catalogue.models import Profile, ProfileTranslation
from lintas.catalogue.models.translation import source_digest
from lintas.core.models import Organisation, Sector, User
from lintas.events.models import Event
from lintas.events.models import Participant as EventParticipant
from lintas.programmes.models import Application, Call, Host, Placement, Programme
from lintas.programmes.models import Participant as Trainee
from lintas.talents.models import Publication, Talent


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"sector-{n}")
    names = factory.LazyAttribute(lambda o: {"en": o.slug.replace("-", " ").title()})


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = "university"
    country = "CN"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = "provider"
    is_active = True
    email_verified = True
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    kind = "offer"
    ref = factory.Sequence(lambda n: f"OF-T-{n:05d}")
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Technology {n}")
    summary = "A short summary."
    description = "A description."
    content_language = "en"
    status = "draft"
    confidential_details = "SECRET-PRICE-TERMS"
    contact_name = "Dr Secret Contact"
    contact_email = "secret.contact@example.org"
    contact_phone = "+86 771 0000 0000"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Matchmaking {n}")
    kind = "matchmaking"
    city = "Nanning"
    starts_on = dt.date(2030, 5, 20)
    ends_on = factory.SelfAttribute("starts_on")


class ParticipantFactory(DjangoModelFactory):
    """A person registered for an event (events.Participant)."""

    class Meta:
        model = EventParticipant
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory, role="seeker")
    organisation = factory.SelfAttribute("user.organisation")
    status = "validated"

    @factory.post_generation
    def profiles(self, create, extracted, **kwargs):
        if create and extracted:
            self.profiles.set(extracted)


class DealFactory(DjangoModelFactory):
    """An interest in a published profile, as express_interest leaves it (no notifications)."""

    class Meta:
        model = Deal

    profile = factory.SubFactory(ProfileFactory, status="published")
    requester = factory.SubFactory(UserFactory, role="seeker")
    requester_org = factory.SelfAttribute("requester.organisation")
    owner_org = factory.SelfAttribute("profile.organisation")
    message = "We are interested."
    last_activity_at = factory.LazyFunction(timezone.now)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")
    kind = "talent"


class CallFactory(DjangoModelFactory):
    """An open call: opened ten days ago, deadline in thirty days."""

    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Call {n}")
    status = "open"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class ApplicationFactory(DjangoModelFactory):
    """A submitted application by a seeker from Indonesia."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(
        UserFactory,
        role="seeker",
        organisation=factory.SubFactory(OrganisationFactory, country="ID"),
    )
    full_name = factory.LazyAttribute(lambda o: o.applicant.username.title())
    birth_date = dt.date(1990, 5, 1)
    nationality = "ID"
    degree = "phd"
    proposal = "Breeding salt tolerant rice for coastal farms."
    publications = factory.LazyFunction(list)
    months = 12
    status = "submitted"


class HostFactory(DjangoModelFactory):
    class Meta:
        model = Host

    slug = factory.Sequence(lambda n: f"host-{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Laboratory {n}")
    capacity = 1


class PlacementFactory(DjangoModelFactory):
    """A planned twelve-month placement at a host of the application's programme."""

    class Meta:
        model = Placement

    application = factory.SubFactory(ApplicationFactory)
    host = factory.SubFactory(
        HostFactory, programme=factory.SelfAttribute("..application.call.programme")
    )
    start = dt.date(2027, 4, 1)
    end = dt.date(2028, 3, 31)


class TraineeFactory(DjangoModelFactory):
    """A participant of a training programme (programmes.Participant)."""

    class Meta:
        model = Trainee

    programme = factory.SubFactory(ProgrammeFactory, kind="training")
    name = factory.Sequence(lambda n: f"Trainee {n}")
    country = "VN"


class TalentFactory(DjangoModelFactory):
    """A listed talent: a Chinese rice breeder whose contacts and biography are not public."""

    class Meta:
        model = Talent
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"talent-{n}")
    name = factory.Sequence(lambda n: f"Talent {n}")
    position = "Researcher"
    country = "CN"
    languages = factory.LazyFunction(lambda: ["zh", "en"])
    keywords = factory.LazyFunction(lambda: ["rice breeding"])
    bio = "MEMBERS-ONLY-BIO about salt tolerant rice."
    bio_language = "en"
    roles = factory.LazyFunction(lambda: ["consulting"])
    members_only = factory.LazyFunction(lambda: ["bio"])
    contact_email = "talent.secret@example.org"
    contact_phone = "+86 771 1234 5678"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class PublicationFactory(DjangoModelFactory):
    class Meta:
        model = Publication

    talent = factory.SubFactory(TalentFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    normalised_title = factory.LazyAttribute(lambda o: o.title.lower())
    year = 2023


class ProfileTranslationFactory(DjangoModelFactory):
    """A translation written from the profile's current text (so not outdated)."""

    class Meta:
        model = ProfileTranslation

    profile = factory.SubFactory(ProfileFactory)
    language = "th"
    title = factory.Sequence(lambda n: f"เทคโนโลยี {n}")
    summary = "สรุปสั้น ๆ"
    source_version = factory.LazyAttribute(lambda o: o.profile.version)
    source_digest = factory.LazyAttribute(
        lambda o: source_digest(
            title=o.profile.title, summary=o.profile.summary, description=o.profile.description
        )
    )
