from __future__ import annotations

import datetime as dt

import factory

from befus.members.choices import BodyKind, ContactRole, OrganisationKind, SeatRole
from befus.members.models import Body, Contact, Membership, Organisation, Seat
from tests.accounts.factories import UserFactory

# Real NIS codes, region by region, for municipalities the tests create.
NIS_CODES = {"flanders": "44021", "wallonia": "52011", "brussels": "21004"}


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MUNICIPALITY
    name_nl = factory.Sequence(lambda n: f"Gemeente {n}")
    name_fr = factory.Sequence(lambda n: f"Commune {n}")
    name_en = factory.Sequence(lambda n: f"Municipality {n}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    region = "flanders"
    province = "east_flanders"
    nis_code = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    start = dt.date(2000, 1, 1)
    end = None


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("kind",)

    kind = BodyKind.BOARD
    # str(): a lazy label kept on the instance would make str(body) fail until it is reloaded.
    name_en = factory.LazyAttribute(lambda o: str(BodyKind(o.kind).label))
    name_nl = factory.LazyAttribute(lambda o: str(BodyKind(o.kind).label))
    name_fr = factory.LazyAttribute(lambda o: str(BodyKind(o.kind).label))


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(UserFactory)
    role = SeatRole.MEMBER
    start = dt.date(2025, 1, 1)
    end = None


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(UserFactory)
    role = ContactRole.MAYOR
    start = dt.date(2024, 12, 2)
    end = None
