"""Who works where: an organisation confirms that a person is on its staff before members-only
rights apply (its mayor or delegate, the secretariat, or a verified address at its domain)."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from befus.accounts.choices import AffiliationMethod, AffiliationStatus
from befus.accounts.roles import Role, roles_for
from befus.accounts.selectors import directory_profiles, get_profile
from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.core.permissions import Perm
from befus.knowledge.choices import PracticeStatus, Visibility
from befus.knowledge.models import Practice
from befus.members import services
from befus.members.choices import ContactRole
from befus.networks.services import request_membership
from tests.accounts.factories import UserFactory
from tests.members.factories import ContactFactory, MembershipFactory, OrganisationFactory
from tests.networks.factories import NetworkFactory


@pytest.fixture
def newcomer(member_city: Any) -> Any:
    """Someone who signed up and named Ghent as their employer; Ghent has not confirmed yet."""
    return UserFactory(
        email="newcomer@example.org",
        first_name="Nora",
        last_name="Nieuw",
        profile__organisation=member_city,
        profile__affiliation_status=AffiliationStatus.PENDING,
        profile__in_directory=True,
    )


@pytest.fixture
def delegate(member_city: Any) -> Any:
    user = UserFactory(email="delegate@example.org")
    ContactFactory(organisation=member_city, person=user, role=ContactRole.MAYOR_DELEGATE)
    return user


@pytest.fixture
def other_mayor(db: None) -> Any:
    """The mayor of Leuven, another member city."""
    leuven = OrganisationFactory(slug="leuven", nis_code="24062", region="flanders")
    MembershipFactory(organisation=leuven)
    user = UserFactory(email="mayor-leuven@example.org")
    ContactFactory(organisation=leuven, person=user)
    return user


def _url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"members:{name}", args=args or None)


def _with_second_factor(user: Any) -> Any:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user


# What an unconfirmed person can and cannot do


def test_an_unconfirmed_person_is_no_member_professional(newcomer: Any) -> None:
    assert roles_for(newcomer) == {Role.VISITOR}


def test_an_unconfirmed_person_is_not_in_the_directory_and_cannot_open_it(
    client: Any, newcomer: Any, professional: Any
) -> None:
    # given a confirmed colleague who chose to appear in the directory
    get_profile(professional).__class__.objects.filter(user=professional).update(in_directory=True)
    client.force_login(newcomer)
    # when the unconfirmed person opens the directory
    response = client.get(reverse("accounts:directory"))
    # then it is closed, and they are not listed in it either
    assert response.status_code == 403
    assert [p.user for p in directory_profiles()] == [professional]


def test_an_unconfirmed_person_reads_no_members_only_practice(
    newcomer: Any, professional: Any
) -> None:
    # given a practice published for the Forum's members
    practice = Practice.objects.create(
        slug="members-only",
        title_en="Night mediators",
        summary_en="For members.",
        original_language="en",
        status=PracticeStatus.PUBLISHED,
        visibility=Visibility.MEMBERS,
    )
    # then a confirmed professional reads it, the unconfirmed person does not
    assert professional.has_perm(Perm.PRACTICE_VIEW, practice) is True
    assert newcomer.has_perm(Perm.PRACTICE_VIEW, practice) is False


def test_an_unconfirmed_person_cannot_ask_to_join_a_network(newcomer: Any) -> None:
    from django.core.exceptions import PermissionDenied

    network = NetworkFactory(status="recognised")
    with pytest.raises(PermissionDenied):
        request_membership(actor=newcomer, network=network)


def test_the_dashboard_says_what_waits_and_what_to_do(client: Any, newcomer: Any) -> None:
    client.force_login(newcomer)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Ghent has not confirmed yet that you work there." in page
    assert "adding and verifying your work address confirms it at once" in page


# Naming an employer asks it


def test_naming_an_employer_in_the_profile_asks_its_mayors_office(
    client: Any, visitor: Any, mayor: Any, delegate: Any, member_city: Any
) -> None:
    # given a person with an account and no organisation
    client.force_login(visitor)
    # when they name Ghent in their profile
    response = client.post(
        reverse("accounts:profile-edit"),
        {
            "first_name": "Vera",
            "last_name": "Visser",
            "organisation": member_city.pk,
            "preferred_language": "nl",
        },
        follow=True,
    )
    # then the mayor and the delegate are asked, and the person is told what happens
    assert "Ghent is asked to confirm that you work there." in response.content.decode()
    asked = Notification.objects.filter(kind="members.affiliation_claimed")
    assert sorted(n.recipient.email for n in asked) == [delegate.email, mayor.email]
    assert get_profile(visitor).affiliation_status == AffiliationStatus.PENDING


def test_without_a_mayor_the_secretariat_is_asked(
    client: Any, visitor: Any, secretary: Any, member_city: Any
) -> None:
    client.force_login(visitor)
    client.post(
        reverse("accounts:profile-edit"),
        {
            "first_name": "V",
            "last_name": "V",
            "organisation": member_city.pk,
            "preferred_language": "nl",
        },
    )
    asked = Notification.objects.filter(kind="members.affiliation_claimed")
    assert [n.recipient for n in asked] == [secretary]


def test_a_mayor_naming_their_own_city_is_confirmed_as_its_contact(
    mayor: Any, member_city: Any
) -> None:
    from befus.accounts.services import update_profile

    profile = update_profile(
        actor=mayor, user=mayor, first_name="M", last_name="M", organisation=member_city
    )
    assert (profile.affiliation_status, profile.affiliation_method) == (
        AffiliationStatus.CONFIRMED,
        AffiliationMethod.CONTACT,
    )


# Confirming and declining


@pytest.mark.parametrize("confirmer", ["mayor", "delegate", "secretary"])
def test_the_mayor_the_delegate_or_the_secretariat_confirms(
    confirmer: str, request: pytest.FixtureRequest, newcomer: Any
) -> None:
    # given the person waiting, and one who may confirm
    actor = request.getfixturevalue(confirmer)
    # when they confirm
    profile = services.confirm_affiliation(actor=actor, profile=get_profile(newcomer))
    # then the person is a member professional, told so, and the decision is recorded
    assert profile.affiliation_status == AffiliationStatus.CONFIRMED
    expected = "secretariat" if confirmer == "secretary" else "contact"
    assert profile.affiliation_method == expected
    assert profile.affiliation_decided_by == actor
    assert roles_for(newcomer) == {Role.MEMBER_PROFESSIONAL}
    told = Notification.objects.get(recipient=newcomer, kind="members.affiliation_decided")
    assert told.params["status"] == "confirmed"
    event = AuditEvent.objects.get(verb="members.affiliation.confirm")
    assert (event.actor, event.target_id) == (actor, str(newcomer.pk))


@pytest.mark.parametrize("outsider", ["other_mayor", "professional", "board_member", "chairman"])
def test_nobody_else_confirms(outsider: str, request: pytest.FixtureRequest, newcomer: Any) -> None:
    from django.core.exceptions import PermissionDenied

    actor = request.getfixturevalue(outsider)
    with pytest.raises(PermissionDenied):
        services.confirm_affiliation(actor=actor, profile=get_profile(newcomer))
    assert get_profile(newcomer).affiliation_status == AffiliationStatus.PENDING
    assert AuditEvent.objects.filter(verb__startswith="members.affiliation").exists() is False


def test_nobody_confirms_themself(secretary: Any, member_city: Any) -> None:
    from django.core.exceptions import PermissionDenied

    # given a secretariat member who names a city as their own employer
    profile = get_profile(secretary)
    profile.organisation = member_city
    profile.save()
    # when they try to confirm it themselves
    with pytest.raises(PermissionDenied):
        services.confirm_affiliation(actor=secretary, profile=profile)


def test_declining_ends_the_rights_at_once_and_tells_the_reason(
    mayor: Any, professional: Any
) -> None:
    # given a confirmed professional who left the city's service
    assert Role.MEMBER_PROFESSIONAL in roles_for(professional)
    # when the mayor says they no longer work there
    services.refuse_affiliation(
        actor=mayor, profile=get_profile(professional), reason="Left the city in March."
    )
    # then the rights end, and the person reads why
    professional = type(professional).objects.get(pk=professional.pk)
    assert roles_for(professional) == {Role.VISITOR}
    profile = get_profile(professional)
    assert (profile.affiliation_status, profile.affiliation_note) == (
        AffiliationStatus.REFUSED,
        "Left the city in March.",
    )
    assert AuditEvent.objects.get(verb="members.affiliation.refuse").data["reason"] == (
        "Left the city in March."
    )


def test_deciding_twice_is_refused_with_a_message(mayor: Any, newcomer: Any) -> None:
    services.confirm_affiliation(actor=mayor, profile=get_profile(newcomer))
    with pytest.raises(InvalidTransition, match="already confirmed"):
        services.confirm_affiliation(actor=mayor, profile=get_profile(newcomer))


# The page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("visitor", 403),
        ("professional", 403),
        ("board_member", 403),
        ("mayor", 200),
        ("secretary", 200),
    ],
)
def test_who_opens_the_page(
    role: str, status: int, as_role: Any, request: pytest.FixtureRequest
) -> None:
    if role in ("board_member", "secretary"):
        _with_second_factor(request.getfixturevalue(role))
    response = as_role(role).get(_url("affiliations"))
    assert response.status_code == status


def test_the_mayor_sees_their_own_citys_people_only(
    client: Any, mayor: Any, newcomer: Any, other_mayor: Any
) -> None:
    # given someone waiting for Leuven too
    leuven = other_mayor.contacts.get().organisation
    UserFactory(
        first_name="Lode",
        last_name="Leuvenaar",
        profile__organisation=leuven,
        profile__affiliation_status="pending",
    )
    client.force_login(mayor)
    # when the mayor of Ghent opens the page
    page = client.get(_url("affiliations")).content.decode()
    # then only Ghent's newcomer is there
    assert "Nora Nieuw" in page
    assert "Lode Leuvenaar" not in page


def test_the_mayor_confirms_from_the_page(client: Any, mayor: Any, newcomer: Any) -> None:
    client.force_login(mayor)
    profile = get_profile(newcomer)
    response = client.post(_url("affiliation-decide", profile.pk, "confirm"), follow=True)
    assert "Nora Nieuw is confirmed as working at Ghent." in response.content.decode()
    assert get_profile(newcomer).affiliation_status == AffiliationStatus.CONFIRMED


def test_another_citys_mayor_cannot_decide_by_forging_the_address(
    client: Any, other_mayor: Any, newcomer: Any
) -> None:
    client.force_login(other_mayor)
    response = client.post(_url("affiliation-decide", get_profile(newcomer).pk, "confirm"))
    assert response.status_code == 403
    assert get_profile(newcomer).affiliation_status == AffiliationStatus.PENDING


def test_an_unknown_action_is_not_found(client: Any, mayor: Any, newcomer: Any) -> None:
    client.force_login(mayor)
    response = client.post(_url("affiliation-decide", get_profile(newcomer).pk, "promote"))
    assert response.status_code == 404


def test_the_page_costs_the_same_with_more_people(
    client: Any, mayor: Any, member_city: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(mayor)
    client.get(_url("affiliations"))  # roles and menu read once
    for _n in range(5):
        UserFactory(profile__organisation=member_city, profile__affiliation_status="pending")
    with django_assert_max_num_queries(20) as few:
        client.get(_url("affiliations"))
    for _n in range(40):
        UserFactory(profile__organisation=member_city, profile__affiliation_status="pending")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("affiliations"))


def test_the_page_is_translated(client: Any, mayor: Any, newcomer: Any) -> None:
    client.force_login(mayor)
    page = client.get(_url("affiliations", language="fr")).content.decode()
    assert "Nora Nieuw" in page
    assert 'lang="fr"' in page


# E-mail domains


@pytest.mark.parametrize(
    ("domains", "message"),
    [("gmail.com", "Anyone can open an address at gmail.com"), ("not a domain", "not a domain")],
)
def test_a_public_or_malformed_domain_is_refused(
    secretary: Any, member_city: Any, domains: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.update_organisation(
            actor=secretary, organisation=member_city, email_domains=domains
        )


def test_domains_are_kept_one_per_line_in_lower_case(secretary: Any, member_city: Any) -> None:
    organisation = services.update_organisation(
        actor=secretary, organisation=member_city, email_domains="Stad.Gent\n@gent.be\nstad.gent"
    )
    assert organisation.email_domains == "stad.gent\ngent.be"
