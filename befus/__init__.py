"""The platform of the Belgian Forum for Urban Security (BeFUS)."""

__version__ = "0.1.0"
