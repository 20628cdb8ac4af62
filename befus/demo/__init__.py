"""Demo and benchmark data, with their commands: the top layer, which may use every app.

``befus demo`` loads ``loader.load_demo()``; ``befus bench-data`` runs ``bench.generate()``;
``bench_probe`` serves ``bench/run.py``. The names below are the package's public ones, read from
their modules on first use (the package is an installed app: it cannot import models at load).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "DEMO_ACCOUNTS": "people",
    "DEMO_ACCOUNT_EMAILS": "people",
    "DEMO_DOMAIN": "people",
    "SEED": "people",
    "secretariat_admin_group": "people",
    "is_loaded": "loader",
    "load_demo": "loader",
}


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'befus.demo' has no attribute {name!r}")
    return getattr(import_module(f"befus.demo.{_PUBLIC[name]}"), name)
