from django.utils.translation import gettext_lazy as _

from befus.core.notifications import register_kind
from befus.networks.choices import CommissionStatus, MembershipStatus, NetworkStatus

register_kind(
    "networks.proposal",
    label=_("A network is proposed or changed (secretariat)"),
    title=_("“%(network)s” was proposed as a professional network and awaits review."),
)
register_kind(
    "networks.changes_requested",
    label=_("Changes are asked to your network's proposal"),
    title=_("The secretariat asks for changes to the proposal “%(network)s”: %(comment)s"),
)
register_kind(
    "networks.forwarded",
    label=_("A proposal is forwarded to the Board"),
    title=_("The proposal “%(network)s” is forwarded to the Board of Directors for a decision."),
)
register_kind(
    "networks.decision",
    label=_("A decision on a network you take part in"),
    title=_("Decision on “%(network)s”: %(status)s."),
    labels={"status": NetworkStatus},
)
register_kind(
    "networks.report_filed",
    label=_("A network files its activity report (secretariat)"),
    title=_("“%(network)s” filed its activity report."),
)
register_kind(
    "networks.report_due",
    label=_("Your network's report is due soon (referents)"),
    title=_("The activity report of “%(network)s” is due on %(due)s."),
    dates=("due",),
)
register_kind(
    "networks.report_overdue",
    label=_("A network's report is late"),
    title=_("The activity report of “%(network)s” was due on %(due)s and is late."),
    dates=("due",),
)
register_kind(
    "networks.minutes_shared",
    label=_("A network shares the minutes of a meeting (secretariat)"),
    title=_("“%(network)s” shared the minutes of its meeting of %(date)s."),
    dates=("date",),
)
register_kind(
    "networks.commission",
    label=_("The Forum calls upon your network (referents)"),
    title=_("The Forum calls upon “%(network)s”: %(title)s."),
)
register_kind(
    "networks.commission_answer",
    label=_("A network answers a call of the Forum"),
    title=_("“%(network)s” on “%(title)s”: %(status)s."),
    labels={"status": CommissionStatus},
)
register_kind(
    "networks.consent_requested",
    label=_("A member of your staff asks to join a network (mayors)"),
    title=_("%(person)s asks to join the network “%(network)s”: your consent is needed."),
)
register_kind(
    "networks.membership_decided",
    label=_("The mayor decides on your network membership"),
    title=_("Your membership of “%(network)s”: %(status)s."),
    labels={"status": MembershipStatus},
)
register_kind(
    "networks.member_joined",
    label=_("Someone joins or leaves a network you lead (referents)"),
    title=_("%(person)s – “%(network)s”: %(status)s."),
    labels={"status": MembershipStatus},
)
