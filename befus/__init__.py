"""The platform of the Belgian Forum for Prevention and Urban Security (BeFUS)."""

__version__ = "0.1.0"
