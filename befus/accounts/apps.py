from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class AccountsConfig(AppConfig):
    name = "befus.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    @override
    def ready(self) -> None:
        from befus.accounts import navigation, permissions, personal_data, receivers  # noqa: F401
        from befus.accounts.roles import navigation_flags
        from befus.core.context_processors import register_layout_value

        personal_data.register()
        navigation.register()
        register_layout_value("nav", lambda request: navigation_flags(request.user))
