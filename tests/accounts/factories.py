from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from befus.accounts.models import Profile, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def verified(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def profile(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            # A profile naming an organisation is confirmed there unless the test says otherwise
            # (``profile__affiliation_status="pending"``): most tests are about members.
            if kwargs.get("organisation") is not None:
                kwargs.setdefault("affiliation_status", "confirmed")
            Profile.objects.create(user=self, **kwargs)
