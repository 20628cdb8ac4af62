from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class InterpellationsConfig(AppConfig):
    name = "befus.interpellations"
    label = "interpellations"
    verbose_name = _("Requests to the networks")

    @override
    def ready(self) -> None:
        from befus.core.audit import register_audit_target
        from befus.core.daily import EARLY, FIRST, register_daily_job
        from befus.interpellations import (  # noqa: F401  (registrations)
            home,
            navigation,
            notifications,
            offers,
            permissions,
            personal_data,
            workflows,
        )
        from befus.interpellations.models import Interpellation
        from befus.interpellations.selectors import handled_by_network
        from befus.networks.selectors import register_year_reader

        personal_data.register()
        navigation.register()
        home.register()
        offers.register()
        register_year_reader("requests", handled_by_network)
        register_daily_job("interpellations.reminders", _remind, order=FIRST + 1)
        register_daily_job("interpellations.close_answered", _close, order=EARLY)
        register_daily_job("interpellations.erase_expired", _erase, order=EARLY + 1)
        # A request's subject may name people: the audit trail shows it to those who may open
        # the request (the Chairman, the delegates, the people it was passed on to), not to
        # the secretariat, which reads the trail but not the requests.
        register_audit_target(Interpellation, label=_("a request"), openable=_openable_requests)


def _openable_requests(user: Any, ids: list[str]) -> dict[str, str]:
    from django.db.models import Q
    from django.urls import reverse

    from befus.core.audit import int_ids
    from befus.interpellations.models import Interpellation
    from befus.interpellations.permissions import is_router

    requests = Interpellation.objects.filter(pk__in=int_ids(ids))
    if not is_router(user):
        requests = requests.filter(Q(requester=user.pk) | Q(assignments__person=user.pk)).distinct()
    return {
        str(pk): reverse("interpellations:detail", kwargs={"reference": reference})
        for pk, reference in requests.values_list("pk", "reference")
    }


def _remind() -> str:
    from befus.interpellations.services import send_reminders

    return f"{send_reminders()} request(s) due or overdue"


def _close() -> str:
    from befus.interpellations.services import close_answered

    return f"{close_answered()} answered request(s) closed"


def _erase() -> str:
    from befus.interpellations.services import erase_expired

    return f"{erase_expired()} request(s) erased after the retention period"
