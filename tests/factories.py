"""factory_boy factories shared by the suite (French data, as the portal's content)."""

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from initiatives.constants import Audience, CategorySlug, InitiativeStatus, PlaceKind
from initiatives.models import Category, Initiative, Place
from partnership.constants import PartnershipStatus
from partnership.models import City, Commitment, Organisation, PartnerRoleAssignment, Partnership

PASSWORD = "un-mot-de-passe-solide-42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    preferred_language = "fr"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Mark the email confirmed, as after allauth's confirmation link (pass verified=False to skip)."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class StaffFactory(UserFactory):
    is_staff = True


def city_agent(city):
    """A member of the city staff role (setup_roles), tied to `city`."""
    from accounts.roles import CITY_STAFF, setup_roles

    agent = StaffFactory()
    agent.groups.add(setup_roles()[CITY_STAFF])
    city.staff.add(agent)
    return agent


class CityFactory(DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ville {n}")
    name_en = factory.LazyAttribute(lambda o: o.name)
    slug = factory.Sequence(lambda n: f"ville-{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="fr_FR")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "vendor"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    city = factory.SubFactory(CityFactory)
    title = factory.Sequence(lambda n: f"Partenariat numérique {n}")
    title_en = factory.Sequence(lambda n: f"Digital partnership {n}")
    slug = factory.Sequence(lambda n: f"partenariat-{n}")
    status = PartnershipStatus.SIGNED
    summary = factory.Faker("paragraph", locale="fr_FR")
    summary_en = "A digital partnership."


class PartnerRoleFactory(DjangoModelFactory):
    class Meta:
        model = PartnerRoleAssignment

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Engagement {n}")
    title_en = factory.Sequence(lambda n: f"Commitment {n}")


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = CategorySlug.DIGITAL_INCLUSION
    name = factory.LazyAttribute(lambda o: str(CategorySlug(o.slug).label))
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Lieu numérique {n}")
    slug = factory.Sequence(lambda n: f"lieu-{n}")
    kind = PlaceKind.INCLUSION_CENTRE
    city = factory.SubFactory(CityFactory)
    address = factory.Faker("street_address", locale="fr_FR")
    postcode = "75020"
    town = "Paris"


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    partnership = factory.SubFactory(PartnershipFactory)
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Initiative numéro {n}")
    title_en = factory.Sequence(lambda n: f"Initiative number {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    summary = factory.Faker("sentence", locale="fr_FR")
    summary_en = "An initiative."
    description = factory.Faker("paragraph", locale="fr_FR")
    audience = Audience.EVERYONE
    status = InitiativeStatus.RUNNING
    is_published = True  # the model's default is a draft
