from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class NetworksConfig(AppConfig):
    name = "befus.networks"
    label = "networks"
    verbose_name = _("Professional networks")

    @override
    def ready(self) -> None:
        from befus.core.audit import register_audit_target
        from befus.core.daily import FIRST, register_daily_job
        from befus.members.services import register_leaving_listener
        from befus.networks import (  # noqa: F401  (registrations)
            home,
            navigation,
            notifications,
            permissions,
            personal_data,
            search,
            workflows,
        )
        from befus.networks.models import Commission, Network
        from befus.networks.services import organisation_leaves

        search.register_all()
        personal_data.register()
        navigation.register()
        home.register()
        register_daily_job("networks.report_reminders", _remind_reports, order=FIRST)
        register_leaving_listener(
            lambda actor, organisation, last_day: organisation_leaves(
                actor=actor, organisation=organisation, last_day=last_day
            )
        )
        # A proposal is named in the audit trail to those who may open it, as in the directory;
        # a call of the Forum to the secretariat, the Board and the network's members.
        register_audit_target(Network, label=_("a network"), openable=_openable_networks)
        register_audit_target(
            Commission, label=_("a call of the Forum"), openable=_openable_commissions
        )


def _openable_networks(user: Any, ids: list[str]) -> dict[str, str]:
    from django.urls import reverse

    from befus.core.audit import int_ids
    from befus.networks.selectors import networks_for_directory

    found = networks_for_directory(user).filter(pk__in=int_ids(ids)).values_list("pk", "slug")
    return {
        str(pk): reverse("networks:network-detail", kwargs={"slug": slug}) for pk, slug in found
    }


def _openable_commissions(user: Any, ids: list[str]) -> dict[str, str]:
    from django.urls import reverse

    from befus.accounts.permissions import is_board_member, is_secretariat
    from befus.core.audit import int_ids
    from befus.networks.choices import MembershipStatus
    from befus.networks.models import Commission

    commissions = Commission.objects.filter(pk__in=int_ids(ids))
    if not (is_secretariat(user) or is_board_member(user)):
        commissions = commissions.filter(
            network__memberships__person=user.pk,
            network__memberships__status=MembershipStatus.ACTIVE,
        )
    return {
        str(pk): reverse("networks:commission-detail", kwargs={"pk": pk})
        for pk in commissions.values_list("pk", flat=True)
    }


def _remind_reports() -> str:
    from befus.networks.services import send_report_reminders

    return f"{send_report_reminders()} network(s) reminded of a report"
