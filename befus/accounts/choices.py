from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobFunction(models.TextChoices):
    PREVENTION_OFFICIAL = "prevention_official", _("Prevention official")
    STRATEGIC_COORDINATOR = "strategic_coordinator", _("Strategic prevention coordinator")
    COMMUNITY_GUARD = "community_guard", _("Community guard")
    STREET_WORKER = "street_worker", _("Street worker")
    GAS_MEDIATOR = "gas_mediator", _("Mediator for municipal administrative sanctions")
    SANCTIONING_OFFICIAL = "sanctioning_official", _("Sanctioning official")
    SOCIAL_COHESION_OFFICER = "social_cohesion_officer", _("Social cohesion officer")
    NEIGHBOURHOOD_MEDIATOR = "neighbourhood_mediator", _("Neighbourhood mediator")
    DRUG_COORDINATOR = "drug_coordinator", _("Local drug coordinator")
    INTERNAL_EVALUATOR = "internal_evaluator", _("Internal evaluator")
    TECHNOPREVENTION_ADVISOR = "technoprevention_advisor", _("Techno-prevention advisor")
    SCHOOL_DROPOUT_WORKER = "school_dropout_worker", _("School dropout prevention worker")
    RADICALISATION_OFFICER = "radicalisation_officer", _("Radicalisation prevention officer")
    ADMINISTRATIVE_OFFICER = "administrative_officer", _("Administrative and financial officer")
    POLICE_OFFICER = "police_officer", _("Police officer")
    RESEARCHER = "researcher", _("Researcher")
    ELECTED_OFFICIAL = "elected_official", _("Mayor or alderman")
    SECRETARIAT = "secretariat", _("Forum secretariat")
    OTHER = "other", pgettext_lazy("job function", "Other")


class ErasureStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("erasure status", "Requested")
    CANCELLED = "cancelled", pgettext_lazy("erasure status", "Cancelled")
    COMPLETED = "completed", pgettext_lazy("erasure status", "Completed")


class AffiliationStatus(models.TextChoices):
    """Whether the organisation named in a profile confirmed that the person works there.

    Members-only rights follow a confirmed affiliation only: anyone can type an employer's name.
    """

    PENDING = "pending", pgettext_lazy("affiliation", "Waiting for confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("affiliation", "Confirmed")
    REFUSED = "refused", pgettext_lazy("affiliation", "Not confirmed")


class AffiliationMethod(models.TextChoices):
    EMAIL_DOMAIN = "email_domain", _("by an e-mail address of the organisation")
    CONTACT = "contact", _("by the mayor or the mayor's delegate")
    SECRETARIAT = "secretariat", _("by the secretariat")
    EARLIER = "earlier", _("before confirmation was asked")
