"""Readable labels of the audit trail's verbs (the verbs themselves never change)."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "accounts.profile.update": _("updated their profile"),
    "accounts.erasure.request": _("asked for their account to be erased"),
    "accounts.erasure.cancel": _("withdrew their erasure request"),
    "accounts.erasure.complete": _("erased an account"),
    "members.organisation.create": _("added an organisation"),
    "members.organisation.update": _("changed an organisation"),
    "members.membership.start": _("recorded a membership"),
    "members.membership.end": _("ended a membership"),
    "members.contact.appoint": _("recorded a mayor or contact"),
    "members.contact.end": _("ended a mayor's or contact's role"),
    "members.seat.add": _("gave a seat on a body"),
    "members.seat.end": _("ended a term on a body"),
    "members.municipalities.load": _("loaded the list of municipalities"),
    "demo.load": _("loaded the demo data"),
}
