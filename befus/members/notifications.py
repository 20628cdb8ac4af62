from django.utils.translation import gettext_lazy as _

from befus.accounts.choices import AffiliationStatus
from befus.core.notifications import register_kind

register_kind(
    "members.affiliation_claimed",
    label=_("Someone says they work for your organisation (mayors, delegates, secretariat)"),
    title=_("%(person)s says they work for %(organisation)s: confirm it, or say they do not."),
)
register_kind(
    "members.affiliation_decided",
    label=_("Your organisation confirms (or not) that you work there"),
    title=_("Your affiliation with %(organisation)s: %(status)s."),
    labels={"status": AffiliationStatus},
)
