from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class DemoConfig(AppConfig):
    name = "befus.demo"
    label = "demo"
    verbose_name = _("Demo and benchmark data")

    @override
    def ready(self) -> None:
        from befus.accounts.selectors import exempt_from_second_factor_in_demo
        from befus.demo.people import DEMO_ACCOUNT_EMAILS

        exempt_from_second_factor_in_demo(DEMO_ACCOUNT_EMAILS)
