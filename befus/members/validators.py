from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from befus.members.choices import NIS_PREFIXES, Province, Region

NIS_PATTERN = re.compile(r"^[1-9]\d{4}$")
# Arrondissement numbers (second digit) that exist per first digit: 11-13, 21, 23-25, 31-38, ...
ARRONDISSEMENTS = {
    "1": "123",
    "2": "1345",
    "3": "12345678",
    "4": "123456",
    "5": "1235678",  # 54 (Mouscron) merged into 57 (Tournai-Mouscron) in 2019; 58 then created
    "6": "1234",
    "7": "123",
    "8": "12345",
    "9": "123",
}


def region_and_province(nis_code: str) -> tuple[Region, Province | None]:
    """Where a municipality lies, read from its NIS code (the code must be valid)."""
    return NIS_PREFIXES.get(nis_code[:2]) or NIS_PREFIXES[nis_code[0]]


def validate_nis_code(value: str) -> None:
    """A Belgian municipality's NIS code: five digits, an existing province and arrondissement."""
    if not NIS_PATTERN.match(value or "") or value[1] not in ARRONDISSEMENTS[value[0]]:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid NIS code: five digits that begin with an existing "
                "province and arrondissement, e.g. 44021 for Gent."
            ),
            code="invalid_nis",
            params={"value": value},
        )


DOMAIN_PATTERN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Addresses anyone can open: a domain of these proves nothing about an employer.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.be",
        "outlook.com",
        "outlook.be",
        "live.com",
        "live.be",
        "msn.com",
        "yahoo.com",
        "yahoo.fr",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "skynet.be",
        "telenet.be",
        "proximus.be",
        "scarlet.be",
        "voo.be",
        "orange.be",
        "mail.be",
    }
)


def validate_email_domains(value: str) -> None:
    """Each line a domain name an organisation alone hands out (never a public mail service)."""
    for line in value.splitlines():
        domain = line.strip().lower().removeprefix("@")
        if not domain:
            continue
        if not DOMAIN_PATTERN.match(domain):
            raise ValidationError(
                _("“%(domain)s” is not a domain name such as charleroi.be."),
                params={"domain": line.strip()[:80]},
                code="domain",
            )
        if domain in PUBLIC_MAIL_DOMAINS:
            raise ValidationError(
                _("Anyone can open an address at %(domain)s: it cannot confirm an employer."),
                params={"domain": domain},
                code="public_domain",
            )
