"""The ``befus`` command: demo, serve, worker, manage."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def _setup(*, demo: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "befus.settings")
    if demo:
        os.environ["BEFUS_DEMO"] = "1"
    import django

    django.setup()


def _gunicorn(bind: str, workers: int, extra: list[str] | None = None) -> None:
    """Replace this process with gunicorn serving the platform."""
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "befus.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("BEFUS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        *(extra or []),
    ]
    os.execvpe(args[0], args, os.environ)  # noqa: S606  (our own interpreter, fixed arguments)


def demo(options: argparse.Namespace) -> int:
    data_dir = Path(os.environ.get("BEFUS_DATA_DIR", "befus-data")).resolve()
    os.environ["BEFUS_DATA_DIR"] = str(data_dir)
    # The demo's e-mails link to where it is served (unless a site address is set).
    os.environ.setdefault("BEFUS_SITE_URL", f"http://127.0.0.1:{options.port}")
    uses_sqlite = not os.environ.get("BEFUS_DATABASE_URL", "").startswith("postgres")
    if options.reset and uses_sqlite and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _setup(demo=True)
    from django.conf import settings
    from django.core.management import call_command

    from befus.demo import DEMO_ACCOUNTS, is_loaded, load_demo

    if options.reset and not uses_sqlite:
        call_command("flush", interactive=False, verbosity=0)
    print("Preparing the database …", flush=True)  # noqa: T201
    call_command("migrate", interactive=False, verbosity=0)
    if not is_loaded():
        print("Loading the demo data …", flush=True)  # noqa: T201
        counts = load_demo()
        print(  # noqa: T201
            f"  {counts['organisations']} organisations ({counts['members']} members), "
            f"{counts['users']} people, {counts['networks']} professional networks, "
            f"{counts['requests']} requests to the networks, "
            f"{counts['practices']} good practices."
        )
    url = f"{settings.BEFUS_SITE_URL.rstrip('/')}/"
    print(f"\nBeFUS demo: {url}  (data in {data_dir})\n")  # noqa: T201
    print(f"Demo logins (password for all: {settings.BEFUS_DEMO_PASSWORD}):")  # noqa: T201
    for account in DEMO_ACCOUNTS:
        print(f"  {account.role:<40} {account.email}")  # noqa: T201
    print("\nPress Ctrl+C to stop.\n", flush=True)  # noqa: T201
    if options.no_serve:
        return 0
    _gunicorn(f"127.0.0.1:{options.port}", 2)
    return 0


def serve(options: argparse.Namespace) -> int:
    missing = [
        name for name in ("BEFUS_SECRET_KEY", "BEFUS_ALLOWED_HOSTS") if not os.environ.get(name)
    ]
    if missing:
        print(  # noqa: T201
            "befus serve refuses to start without "
            + " and ".join(missing)
            + " (see docs/configuration.md).",
            file=sys.stderr,
        )
        return 2
    from befus.core.secretkey import HOW_TO_SET, key_weakness

    weakness = key_weakness(os.environ["BEFUS_SECRET_KEY"])
    if weakness:
        print(f"BEFUS_SECRET_KEY {weakness}. {HOW_TO_SET}", file=sys.stderr)  # noqa: T201
        return 2
    _setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    bind = options.bind or os.environ.get("BEFUS_BIND", "127.0.0.1:8000")
    workers = options.workers or int(
        os.environ.get("BEFUS_WORKERS", str(2 * (os.cpu_count() or 1) + 1))
    )
    _gunicorn(bind, workers)
    return 0


def worker(options: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command

    call_command("db_worker")
    return 0


def manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "befus.settings")
    if not os.environ.get("BEFUS_DATABASE_URL"):
        # The embedded SQLite database lives in the data directory: make sure it exists.
        Path(os.environ.get("BEFUS_DATA_DIR", "befus-data")).mkdir(parents=True, exist_ok=True)
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # Load the settings here, so that a refused configuration stops with its reason (main) rather
    # than with Django's "unknown command" for every command but its own.
    settings.SECRET_KEY  # noqa: B018

    execute_from_command_line(["befus manage", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except ImproperlyConfigured as error:
        # The settings refuse to start (no secret key in production, …): say why, no traceback.
        print(f"befus: {error}", file=sys.stderr)  # noqa: T201
        return 2


def run(argv: list[str]) -> int:
    if argv[:1] == ["manage"]:
        return manage(argv[1:])
    # Shortcuts for the commands people run most: the same as ``befus manage <command> …``.
    shortcuts = {
        "import-practices": "import_practices",
        "search": "search",
        "bench-data": "bench_data",
    }
    if argv[:1] and argv[0] in shortcuts:
        return manage([shortcuts[argv[0]], *argv[1:]])
    parser = argparse.ArgumentParser(prog="befus", description="The BeFUS platform.")
    commands = parser.add_subparsers(dest="command", required=True)
    p_demo = commands.add_parser("demo", help="run the platform with demo data on 127.0.0.1")
    p_demo.add_argument("--port", type=int, default=8000)
    p_demo.add_argument("--reset", action="store_true", help="start over with fresh demo data")
    p_demo.add_argument("--no-serve", action="store_true", help="prepare the data, do not serve")
    p_serve = commands.add_parser("serve", help="serve in production (gunicorn)")
    p_serve.add_argument("--bind", default="")
    p_serve.add_argument("--workers", type=int, default=0)
    commands.add_parser("worker", help="run background tasks (e-mail, digests)")
    commands.add_parser("manage", help="any Django management command")
    commands.add_parser("import-practices", help="import practices from a JSON-lines FILE")
    commands.add_parser("search", help="search: QUERY [--language nl] [--limit N] [--json]")
    commands.add_parser(
        "bench-data", help="fill an empty database for the benchmark: [--scale 1] [--seed 2026]"
    )
    options = parser.parse_args(argv)
    handler = {"demo": demo, "serve": serve, "worker": worker}[options.command]
    return handler(options)


if __name__ == "__main__":
    sys.exit(main())
