from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    INSTITUTION = "institution", _("Institution")
    POLICE_ZONE = "police_zone", _("Police zone")
    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    PARTNER = "partner", _("Partner")


class Region(models.TextChoices):
    FLANDERS = "flanders", _("Flanders")
    WALLONIA = "wallonia", _("Wallonia")
    BRUSSELS = "brussels", _("Brussels-Capital")


class Province(models.TextChoices):
    ANTWERP = "antwerp", _("Antwerp")
    FLEMISH_BRABANT = "flemish_brabant", _("Flemish Brabant")
    WEST_FLANDERS = "west_flanders", _("West Flanders")
    EAST_FLANDERS = "east_flanders", _("East Flanders")
    LIMBURG = "limburg", _("Limburg")
    WALLOON_BRABANT = "walloon_brabant", _("Walloon Brabant")
    HAINAUT = "hainaut", _("Hainaut")
    LIEGE = "liege", _("Liège")
    LUXEMBOURG = "luxembourg", _("Luxembourg")
    NAMUR = "namur", _("Namur")


class BodyKind(models.TextChoices):
    BOARD = "board", _("Board of Directors")
    GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")
    SECRETARIAT = "secretariat", _("Secretariat")


class SeatRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("seat role", "Chairman")
    VICE_CHAIR = "vice_chair", pgettext_lazy("seat role", "Vice-chair")
    TREASURER = "treasurer", pgettext_lazy("seat role", "Treasurer")
    MEMBER = "member", pgettext_lazy("seat role", "Member")
    DIRECTOR = "director", pgettext_lazy("seat role", "Director")
    OFFICER = "officer", pgettext_lazy("seat role", "Officer")


class ContactRole(models.TextChoices):
    MAYOR = "mayor", pgettext_lazy("contact role", "Mayor")
    MAYOR_DELEGATE = "mayor_delegate", pgettext_lazy("contact role", "Mayor's delegate")
    PREVENTION_CONTACT = "prevention_contact", pgettext_lazy("contact role", "Prevention contact")
    GENERAL_CONTACT = "general_contact", pgettext_lazy("contact role", "General contact")


# The first digits of a NIS (REFNIS) code name the province, or the Brussels-Capital Region.
NIS_PREFIXES: dict[str, tuple[Region, Province | None]] = {
    "1": (Region.FLANDERS, Province.ANTWERP),
    "21": (Region.BRUSSELS, None),
    "23": (Region.FLANDERS, Province.FLEMISH_BRABANT),
    "24": (Region.FLANDERS, Province.FLEMISH_BRABANT),
    "25": (Region.WALLONIA, Province.WALLOON_BRABANT),
    "3": (Region.FLANDERS, Province.WEST_FLANDERS),
    "4": (Region.FLANDERS, Province.EAST_FLANDERS),
    "5": (Region.WALLONIA, Province.HAINAUT),
    "6": (Region.WALLONIA, Province.LIEGE),
    "7": (Region.FLANDERS, Province.LIMBURG),
    "8": (Region.WALLONIA, Province.LUXEMBOURG),
    "9": (Region.WALLONIA, Province.NAMUR),
}
