from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class AccountsConfig(AppConfig):
    name = "befus.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    @override
    def ready(self) -> None:
        from befus.accounts import permissions, personal_data, receivers  # noqa: F401

        personal_data.register()
