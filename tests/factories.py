import datetime as dt

import factory
from factory.django import DjangoModelFactory

from lintas.catalogue.models import Profile
from lintas.core.models import Organisation, Sector, User
from lintas.events.models import Event


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
