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
        from befus.core.daily import register_core_jobs
        from befus.core.pagecache import connect_signals
        from befus.core.personal_data import register_core

        connect_signals()
        register_core()
        register_core_jobs()
        for check in (checks.check_secret_key, checks.check_demo_mode):
            django_checks.register(check, django_checks.Tags.security, deploy=True)


class AdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the platform's audited site (``befus.core.admin_site``).

    ``default = False`` keeps ``CoreConfig`` the configuration Django picks for ``befus.core``.
    """

    default = False
    default_site = "befus.core.admin_site.AdminSite"
