from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class CoreConfig(AppConfig):
    name = "befus.core"
    label = "core"
    verbose_name = _("Platform core")

    @override
    def ready(self) -> None:
        from django.core import checks as django_checks

        from befus.core import checks
        from befus.core.context_processors import register_layout_value
        from befus.core.daily import register_core_jobs
        from befus.core.navigation import NavEntry, allowed_by, menu_for, register_nav_entry
        from befus.core.pagecache import connect_signals
        from befus.core.permissions import Perm
        from befus.core.personal_data import register_core

        connect_signals()
        register_core()
        register_core_jobs()
        register_layout_value("menu", menu_for)
        register_nav_entry(
            NavEntry(
                "audit", _("Audit log"), "audit-log", order=160, shown=allowed_by(Perm.AUDIT_VIEW)
            )
        )
        for check in (checks.check_secret_key, checks.check_demo_mode):
            django_checks.register(check, django_checks.Tags.security, deploy=True)


class AdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the platform's audited site (``befus.core.admin_site``).

    ``default = False`` keeps ``CoreConfig`` the configuration Django picks for ``befus.core``.
    """

    default = False
    default_site = "befus.core.admin_site.AdminSite"
