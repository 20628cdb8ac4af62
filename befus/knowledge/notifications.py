from django.utils.translation import gettext_lazy as _

from befus.core.notifications import register_kind
from befus.knowledge.choices import Language, PracticeStatus

register_kind(
    "knowledge.practice_submitted",
    label=_("A practice awaits review (secretariat and referents of its themes)"),
    title=_("The practice “%(practice)s” was submitted and awaits review."),
)
register_kind(
    "knowledge.practice_status",
    label=_("News on a practice you shared"),
    title=_("Your practice “%(practice)s”: %(status)s."),
    labels={"status": PracticeStatus},
)
register_kind(
    "knowledge.practice_question",
    label=_("Someone asks about a practice you are the contact of"),
    title=_("%(person)s asks about “%(practice)s”: %(question)s"),
)
register_kind(
    "knowledge.practice_adopted",
    label=_("A city adopts a practice you shared"),
    title=_("%(city)s adopted “%(practice)s”."),
)
register_kind(
    "knowledge.translation_proposed",
    label=_("A translation of a practice awaits review (its reviewers)"),
    title=_("%(person)s proposes a translation of “%(practice)s” into %(language)s."),
    labels={"language": Language},
)
register_kind(
    "knowledge.translation_accepted",
    label=_("News on a translation you proposed"),
    title=_("Your translation of “%(practice)s” into %(language)s is accepted and published."),
    labels={"language": Language},
)
register_kind(
    "knowledge.translation_rejected",
    label=_("A translation you proposed is not accepted"),
    title=_("Your translation of “%(practice)s” into %(language)s is not accepted: %(reason)s"),
    labels={"language": Language},
)
