from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class MembersConfig(AppConfig):
    name = "befus.members"
    label = "members"
    verbose_name = _("Members and governance")

    @override
    def ready(self) -> None:
        from befus.accounts.roles import register_role_reader
        from befus.accounts.selectors import register_affiliation_rule, register_directory_rule
        from befus.accounts.services import register_affiliation_claim_listener
        from befus.members import (  # noqa: F401  (registers)
            home,
            navigation,
            notifications,
            permissions,
            personal_data,
            roles,
            search,
        )
        from befus.members.services import notify_affiliation_claim

        search.register_all()
        personal_data.register()
        navigation.register()
        home.register()
        register_role_reader(roles.roles_in_the_register)
        register_directory_rule(roles.in_the_directory)
        register_affiliation_rule(roles.speaks_for_the_organisation)
        register_affiliation_claim_listener(
            lambda actor, profile: notify_affiliation_claim(actor=actor, profile=profile)
        )
