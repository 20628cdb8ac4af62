"""A reproducible load benchmark of the platform: generated data, production settings, wrk.

    python bench/run.py [--scale 1] [--seed 2026] [--duration 8] [--connections 8] [--workers 2]
                        [--port 8765] [--database-url postgres://postgres@127.0.0.1:5432/befus_bench]
                        [--reuse] [--json bench/results/latest.json] [--pages home,search,...]

Run it from the project's virtual environment (it calls ``befus`` beside this Python). Steps:

1. installs wrk when it is missing (``apt-get install -y wrk``, with sudo when not root);
2. unless ``--reuse``: drops and creates the database of ``--database-url`` (its name must contain
   "bench"), runs ``befus manage migrate`` and ``befus bench-data --scale S --seed N``, timed;
3. collects the static files and starts gunicorn on 127.0.0.1 with the production settings (Redis
   as the cache when it answers on 127.0.0.1:6379, database 15; the database cache otherwise);
4. asks ``befus manage bench_probe targets`` for the pages and two logged-in sessions;
5. loads each page × audience with wrk after a warm-up (each address once, then one second of
   wrk), sampling the memory of the gunicorn workers;
6. loads the same pages again, for half the time, from a server with the page cache off (what a
   cache miss costs; ``--no-miss-pass`` skips it);
7. counts each page's SQL queries with ``befus manage bench_probe queries``;
8. prints a table and writes the same, machine-readable, to ``--json``.

Throughput is reported as a ratio to the trivial view (``/health/``, the whole middleware stack and
nothing else) measured in the same run: that ratio compares between machines, requests per second
do not. Rows that miss the targets are flagged: an anonymous key page under 1/3 of the trivial
view's throughput, a logged-in one under 1/10, a search whose p95 is over 10 times the trivial
view's (the pass with the page cache off has no targets). A whole run at scale 1 takes about five
minutes, the generation (about 40 s) included; everything it starts is stopped on exit, Ctrl+C
included.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
WRK_SCRIPT = BENCH / "report.lua"
DEFAULT_JSON = BENCH / "results" / "latest.json"
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 15
KEY_PAGES = ("home", "members", "network", "topic", "practice")
LOGGED_IN_KEY_PAGES = (*KEY_PAGES, "inbox")
WARM_UP_SECONDS = 1
BUSY = 0.15  # the share of busy CPUs before the load above which the report warns
NOISY = 0.10  # the share of the CPUs taken by other processes during a run that flags it
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class BenchError(Exception):
    """A step failed in a way that ends the run; the message says what to do."""


@dataclass
class Run:
    page: str
    audience: str
    language: str
    paths: list[str]
    cookie: str | None
    note: str = ""
    cache: str = "on"  # "off": the second pass, page cache off (what a miss costs)
    load: dict[str, Any] = field(default_factory=dict)
    peak_rss_mib: float | None = None
    other_cpu: float | None = None
    probe: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    ratio: float | None = None
    flags: list[str] = field(default_factory=list)


# --- processes -----------------------------------------------------------------------------------


def befus_command() -> str:
    """The ``befus`` script of the environment this Python belongs to."""
    beside = Path(sys.executable).with_name("befus")
    found = str(beside) if beside.exists() else shutil.which("befus")
    if not found:
        raise BenchError("No 'befus' command: run this from the project's virtual environment.")
    return found


def run_command(
    args: list[str], env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run to the end and return its output; raise BenchError with its stderr if it fails."""
    done = subprocess.run(  # noqa: S603  (fixed programs; arguments from our own options)
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BenchError(f"{' '.join(args[:4])} … failed ({done.returncode}):\n{tail}")
    return done


def stop_group(process: subprocess.Popen[Any], grace: float = 10.0) -> None:
    """Stop a process started in its own session, with everything it started (the workers)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


# --- wrk -----------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    """The path of wrk, installed from Debian's packages when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    sudo = [] if os.geteuid() == 0 else [shutil.which("sudo") or "sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if apt:
        print("wrk is missing: installing it (apt-get install -y wrk) …", flush=True)
        for step in (["install", "-y", "wrk"], ["update"], ["install", "-y", "wrk"]):
            try:
                run_command([*sudo, apt, *step], env=env, timeout=600)
            except (BenchError, OSError) as error:
                print(f"  {error}", file=sys.stderr)
                continue
            if shutil.which("wrk"):
                return str(shutil.which("wrk"))
    raise BenchError(
        "wrk is missing and could not be installed. Install it (Debian/Ubuntu: "
        "'sudo apt-get install wrk'; elsewhere https://github.com/wg/wrk) and run again."
    )


def wrk_args(
    wrk: str, run: Run, *, url: str, paths_file: Path, seconds: int, conns: int
) -> list[str]:
    args = [wrk, "-t1", f"-c{conns}", f"-d{seconds}s", "--latency", "-s", str(WRK_SCRIPT)]
    if run.cookie:
        args += ["-H", f"Cookie: {run.cookie}"]
    return [*args, url, "--", str(paths_file)]


def run_wrk(args: list[str], seconds: int) -> dict[str, Any]:
    """Run wrk and return the JSON line of bench/report.lua."""
    process = subprocess.Popen(  # noqa: S603  (wrk, with arguments built here)
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=seconds + 30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    for line in out.splitlines():
        if line.startswith("BENCH "):
            result: dict[str, Any] = json.loads(line.removeprefix("BENCH "))
            return result
    raise BenchError(f"wrk gave no result ({process.returncode}): {(err or out).strip()[-300:]}")


# --- the database --------------------------------------------------------------------------------


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def recreate_database(url: str) -> None:
    """Drop and create the benchmark's database, connected to 'postgres' on the same server."""
    name = database_name(url)
    if "bench" not in name:
        raise BenchError(
            f"Refusing to drop {name!r}: the benchmark's database name must contain 'bench'."
        )
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def generate(options: argparse.Namespace, env: dict[str, str]) -> dict[str, float]:
    """A fresh database filled by the generator; the seconds each step took."""
    befus = befus_command()
    timings = {}
    started = time.monotonic()
    recreate_database(options.database_url)
    run_command([befus, "manage", "migrate", "--noinput"], env=env)
    timings["migrate_s"] = round(time.monotonic() - started, 1)
    print(
        f"  migrated in {timings['migrate_s']} s; generating (scale {options.scale:g}) …",
        flush=True,
    )
    started = time.monotonic()
    generator = ["bench-data", "--scale", f"{options.scale:g}", "--seed", str(options.seed)]
    run_command([befus, *generator], env=env)
    timings["generation_s"] = round(time.monotonic() - started, 1)
    started = time.monotonic()
    vacuum(options.database_url)
    timings["vacuum_s"] = round(time.monotonic() - started, 1)
    return timings


def vacuum(url: str) -> None:
    """VACUUM ANALYZE the fresh rows now, so that autovacuum does not run during the load and
    the planner sees a database in use (statistics, visibility map)."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


# --- the server ----------------------------------------------------------------------------------


def redis_answers() -> bool:
    """Whether Redis answers on 127.0.0.1:6379; its benchmark database is emptied if so."""
    try:
        with socket.create_connection(REDIS, timeout=1) as connection:
            connection.sendall(f"PING\r\nSELECT {REDIS_DB}\r\nFLUSHDB\r\n".encode())
            connection.settimeout(2)
            reply = b""
            while reply.count(b"\r\n") < 3:
                chunk = connection.recv(1024)
                if not chunk:
                    break
                reply += chunk
    except OSError:
        return False
    return reply.startswith(b"+PONG") and reply.count(b"+OK") == 2


def server_env(database_url: str, data_dir: Path, *, redis: bool) -> dict[str, str]:
    """The production settings: none of the caller's BEFUS_* variables, no debug, no demo."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEFUS_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        BEFUS_DATABASE_URL=database_url,
        BEFUS_SECRET_KEY=secrets.token_urlsafe(48),  # 64 characters
        BEFUS_ALLOWED_HOSTS="127.0.0.1,localhost",
        BEFUS_SSL_REDIRECT="0",
        BEFUS_DATA_DIR=str(data_dir),
        BEFUS_STATIC_ROOT=str(data_dir / "static"),
        BEFUS_LOG_LEVEL="WARNING",
    )
    if redis:
        env["BEFUS_REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"
    return env


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def fetch(port: int, path: str, cookie: str | None = None, timeout: float = 2) -> int | None:
    """GET a path on the server; its status, or None when it cannot be reached."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


@contextmanager
def serving(env: dict[str, str], *, port: int, workers: int, log: Path) -> Iterator[int]:
    """gunicorn in its own session (Ctrl+C reaches it through this script only), stopped with
    its workers on leaving the block; yields the master's pid once /health/ answers 200."""
    if not port_is_free(port):
        raise BenchError(f"Something already listens on 127.0.0.1:{port}: choose --port.")
    args = [sys.executable, "-m", "gunicorn", "befus.wsgi:application"]
    args += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    # The access log would be measured too; warnings and errors are kept for the report.
    args += ["--access-logfile", "/dev/null", "--log-level", "warning"]
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603  (our own interpreter, fixed arguments)
            args, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_health(server, port, log)
        yield server.pid
    finally:
        stop_group(server)


def wait_for_health(server: subprocess.Popen[Any], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn stopped ({server.returncode}):\n{log.read_text()[-2000:]}")
        if fetch(port, "/health/") == 200:
            return
        time.sleep(0.2)
    raise BenchError(f"/health/ did not answer 200 within 60 s:\n{log.read_text()[-2000:]}")


@dataclass
class ProcStat:
    pid: int
    command: str
    parent: int
    group: int
    ticks: int  # CPU time, user and system, in clock ticks


def processes() -> Iterator[ProcStat]:
    """Every process, from /proc/<pid>/stat."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            command = text[text.index("(") + 1 : text.rindex(")")]
            fields = text[text.rindex(")") + 2 :].split()
            ticks = int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
        yield ProcStat(int(stat.parent.name), command, int(fields[1]), int(fields[2]), ticks)


def worker_pids(master: int) -> list[int]:
    """The children of the gunicorn master (its workers)."""
    return [process.pid for process in processes() if process.parent == master]


def rss_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else 0.0


@contextmanager
def peak_rss(master: int, every: float = 0.2) -> Iterator[list[float]]:
    """Sample the workers' resident memory while the block runs; yields [peak MiB of a worker]."""
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in worker_pids(master):
                peak[0] = max(peak[0], rss_mib(pid))
            stop.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        stop.set()
        sampler.join()


def machine_ticks() -> tuple[int, int]:
    """Clock ticks so far of all CPUs, and of busy CPUs (neither idle nor waiting for I/O)."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields), sum(fields) - fields[3] - fields[4]


def serves_benchmark(process: ProcStat, master: int, database: str) -> bool:
    """gunicorn's group, Redis, and PostgreSQL except its sessions on other databases (a test
    suite's); the server's own processes (checkpointer, autovacuum …) serve every database."""
    if process.group == master or process.command == "redis-server":
        return True
    if process.command != "postgres":
        return False
    try:
        title = Path(f"/proc/{process.pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
    except OSError:
        return False
    # A session's title: "postgres: [CLUSTER:] USER DATABASE HOST(PORT) STATE".
    for before, word in itertools.pairwise(title[2:]):
        if b"(" in word or word == b"[local]":
            return before.decode(errors="replace") == database
    return True


def cpu_ticks(master: int, database: str) -> tuple[int, int, int]:
    """Clock ticks so far: of all CPUs, of busy CPUs, and of the benchmark's own processes (see
    serves_benchmark; wrk and this script)."""
    total, busy = machine_ticks()
    ours = sum(p.ticks for p in processes() if serves_benchmark(p, master, database))
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        ours += round((usage.ru_utime + usage.ru_stime) * CLOCK_TICKS)
    return total, busy, ours


@contextmanager
def other_cpu(master: int, database: str) -> Iterator[list[float]]:
    """Yields [the share of all CPUs that other processes used while the block ran]: a second
    test suite on the machine makes the figures noisy, and this says so."""
    share = [0.0]
    total, busy, ours = cpu_ticks(master, database)
    try:
        yield share
    finally:
        total2, busy2, ours2 = cpu_ticks(master, database)
        others = (busy2 - busy) - (ours2 - ours)
        share[0] = round(max(0, others) / max(1, total2 - total), 2)


# --- the probe -----------------------------------------------------------------------------------


def probe(env: dict[str, str], *args: str) -> Any:
    done = run_command([befus_command(), "manage", "bench_probe", *args], env=env, timeout=600)
    return json.loads(done.stdout.strip().splitlines()[-1])


def plan_runs(targets: dict[str, Any], wanted: list[str] | None) -> list[Run]:
    """Every page × audience to load, the floors first; unknown page names end the run."""
    pages: dict[str, Any] = targets["pages"]
    if wanted:
        unknown = sorted(set(wanted) - set(pages))
        if unknown:
            raise BenchError(f"No page {', '.join(unknown)}; there are: {', '.join(pages)}.")
    runs = []
    for name, page in pages.items():
        if wanted and name not in wanted and name != "trivial":  # the trivial view is the unit
            continue
        for audience in page["audiences"]:
            cookie = targets["cookies"].get(audience)
            run = Run(name, audience, page["language"], page["paths"], cookie, page["note"])
            if audience != "anonymous" and cookie is None:
                run.error = f"no {audience} account in the database"
            runs.append(run)
    return runs


# --- the load ------------------------------------------------------------------------------------


def load(
    run: Run, wrk: str, *, port: int, master: int, options: argparse.Namespace, tmp: Path
) -> None:
    """Warm up, then measure one page × audience; a failure is recorded on the run, not raised."""
    paths_file = tmp / f"paths-{run.page}-{run.audience}-{run.cache}.txt"
    paths_file.write_text("\n".join(run.paths) + "\n")
    url = f"http://127.0.0.1:{port}"
    common = {"url": url, "paths_file": paths_file, "conns": options.connections}
    try:
        # Each address once, one at a time, before wrk's warm-up: with several addresses (the
        # search mix) and slow first answers, one second of wrk would not reach them all.
        for path in run.paths:
            fetch(port, path, run.cookie, timeout=30)
        run_wrk(wrk_args(wrk, run, seconds=WARM_UP_SECONDS, **common), WARM_UP_SECONDS)
        database = database_name(options.database_url)
        with peak_rss(master) as peak, other_cpu(master, database) as others:
            run.load = run_wrk(
                wrk_args(wrk, run, seconds=options.duration, **common), options.duration
            )
        run.peak_rss_mib = round(peak[0], 1)
        run.other_cpu = others[0]
    except (BenchError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        run.error = str(error)


def requests_per_second(run: Run) -> float | None:
    if not run.load or not run.load["duration_us"]:
        return None
    return float(run.load["requests"]) * 1e6 / float(run.load["duration_us"])


def error_count(run: Run) -> int:
    return sum(run.load.get("errors", {}).values()) if run.load else 0


def attach_queries(runs: list[Run], rows: list[dict[str, Any]]) -> None:
    by_key = {(row["page"], row["audience"]): row for row in rows}
    for run in runs:
        found = by_key.get((run.page, run.audience), {})
        run.probe = {k: v for k, v in found.items() if k not in ("page", "audience")}


# --- the verdict ---------------------------------------------------------------------------------


def judge(runs: list[Run]) -> None:
    """Each run's ratio to the trivial view, and the flags of the targets it misses."""
    floor = next((r for r in runs if (r.page, r.audience) == ("trivial", "anonymous")), None)
    floor_rps = requests_per_second(floor) if floor else None
    floor_p95 = floor.load["latency_ms"]["p95"] if floor and floor.load else None
    for run in runs:
        rps = requests_per_second(run)
        if run.error:
            run.flags.append("failed")
        if rps is not None and floor_rps:
            run.ratio = round(rps / floor_rps, 3)
        if error_count(run):
            run.flags.append(describe_errors(run))
        if run.probe.get("error") or run.probe.get("status", 200) != 200:
            run.flags.append(f"probe: {run.probe.get('error') or run.probe.get('status')}")
        run.flags += target_flags(run, floor_p95)
        if run.other_cpu is not None and run.other_cpu > NOISY:
            run.flags.append(f"noisy: {run.other_cpu:.0%} of the CPUs went to other processes")


def describe_errors(run: Run) -> str:
    """'12 errors: status 12 (first 302)', 'timeout 1' …"""
    kinds = []
    for kind, count in run.load["errors"].items():
        if count:
            first = f" (first {run.load['first_bad_status']})" if kind == "status" else ""
            kinds.append(f"{kind} {count}{first}")
    return f"{error_count(run)} errors: {', '.join(kinds)}"


def target_flags(run: Run, floor_p95: float | None) -> list[str]:
    """The issue's targets: throughput against the trivial view's, the search's p95 against its.
    The pass without the page cache is for information: it has no targets."""
    if run.cache == "off":
        return []
    logged_in = run.audience != "anonymous"
    if run.ratio is not None and not logged_in and run.page in KEY_PAGES and run.ratio < 1 / 3:
        return ["MISS: under 1/3 of trivial"]
    key = run.page in LOGGED_IN_KEY_PAGES
    if run.ratio is not None and logged_in and key and run.ratio < 1 / 10:
        return ["MISS: under 1/10 of trivial"]
    p95 = run.load["latency_ms"]["p95"] if run.load else None
    if run.page == "search" and p95 is not None and floor_p95 and p95 > 10 * floor_p95:
        return ["MISS: p95 over 10x trivial"]
    return []


# --- the report ----------------------------------------------------------------------------------


def cpu_busy_share(seconds: float = 1.0) -> float:
    """The share of the CPUs busy over the next ``seconds`` (0 to 1)."""
    total, busy = machine_ticks()
    time.sleep(seconds)
    total2, busy2 = machine_ticks()
    return round((busy2 - busy) / max(1, total2 - total), 2)


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.MULTILINE)
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model.group(1).strip() if model else platform.processor() or "?",
        "memory_gib": round(int(total.group(1)) / 1024**2, 1) if total else None,
        "python": platform.python_version(),
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
    }


def git_commit() -> str:
    git = shutil.which("git")
    if not git:
        return "?"
    try:
        head = run_command([git, "rev-parse", "--short", "HEAD"]).stdout.strip()
        dirty = run_command([git, "status", "--porcelain", "--untracked-files=no"]).stdout.strip()
    except BenchError:
        return "?"
    return f"{head}{' (with uncommitted changes)' if dirty else ''}"


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table_rows(runs: list[Run]) -> list[list[str]]:
    rows = []
    for run in runs:
        latency = run.load.get("latency_ms", {}) if run.load else {}
        size = run.probe.get("bytes")
        rows.append(
            [
                run.page,
                run.audience,
                run.language,
                run.cache,
                fmt(run.ratio, 3),
                fmt(requests_per_second(run)),
                fmt(latency.get("p50")),
                fmt(latency.get("p95")),
                fmt(latency.get("p99")),
                str(error_count(run)) if run.load else "-",
                str(run.probe.get("queries", "-")),
                str(run.probe.get("queries_without_cache", "-")),
                fmt(size / 1024) if size is not None else "-",
                fmt(run.peak_rss_mib),
                "-" if run.other_cpu is None else f"{run.other_cpu:.0%}",
                "; ".join(run.flags),
            ]
        )
    return rows


HEADER = [
    "page",
    "audience",
    "lang",
    "cache",
    "ratio",
    "req/s",
    "p50ms",
    "p95ms",
    "p99ms",
    "errors",
    "SQL",
    "nocache",
    "KiB",
    "RSS(MiB)",
    "others",
    "flags",
]


def print_table(runs: list[Run]) -> None:
    rows = [HEADER, *table_rows(runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER) - 1)]
    for row in rows:
        cells = [
            cell.ljust(w) if i < 4 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=False))
        ]
        print("  ".join([*cells, row[-1]]).rstrip())
    print(
        "\nratio: requests/s over the trivial view's. cache: off for the second pass, page cache"
        "\noff (every request builds the page). SQL: queries of a request with warm caches;"
        "\nnocache: with no cache at all, page cache off (what a miss costs; the search's count"
        "\nincludes rebuilding its concepts). others: CPU used by other processes meanwhile."
    )
    for run in runs:
        if run.error:
            print(f"\n{run.page} / {run.audience}: {run.error}")


def print_header(meta: dict[str, Any]) -> None:
    generation = meta.get("generation")
    made = (
        f"generated in {generation['generation_s']} s (migrate {generation['migrate_s']} s, "
        f"vacuum {generation['vacuum_s']} s)"
        if generation
        else "reused (--reuse)"
    )
    box = meta["machine"]
    lines = [
        f"BeFUS load benchmark — {meta['date']}, commit {meta['commit']}",
        f"data: scale {meta['scale']:g}, seed {meta['seed']}, {made}",
        "rows: " + ", ".join(f"{n} {name}" for name, n in meta["counts"].items()),
        f"server: gunicorn {meta['gunicorn']}, {meta['workers']} workers, "
        f"cache {meta['cache']}, {meta['database']}",
        f"load: wrk -t1 -c{meta['connections']} -d{meta['duration']}s after a "
        f"{WARM_UP_SECONDS} s warm-up",
        f"machine: {box['nproc']} CPUs, {box['cpu']}, {box['memory_gib']} GiB, "
        f"Python {box['python']}; CPUs busy just before the load: "
        f"{meta.get('cpu_busy_before_load', 0):.0%}",
    ]
    if meta.get("cpu_busy_before_load", 0) > BUSY:
        lines.append(
            f"WARNING: {meta['cpu_busy_before_load']:.0%} of the CPUs were busy just before the "
            "load (other work on the machine?): the figures are noisy."
        )
    print("\n" + "\n".join(lines) + "\n")


def write_json(path: Path, meta: dict[str, Any], runs: list[Run]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        {**asdict(run), "cookie": None, "requests_per_second": requests_per_second(run)}
        for run in runs
    ]
    path.write_text(json.dumps({"meta": meta, "runs": rows}, ensure_ascii=False, indent=2) + "\n")


# --- the whole run -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/befus_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the database as generated")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--pages", default="", help="comma-separated; the trivial view always")
    parser.add_argument(
        "--no-miss-pass",
        action="store_true",
        help="skip the second pass with the page cache off (what a cache miss costs)",
    )
    return parser.parse_args(argv)


def benchmark(options: argparse.Namespace, tmp: Path, meta: dict[str, Any]) -> list[Run]:
    wrk = ensure_wrk()
    redis = redis_answers()
    env = server_env(options.database_url, tmp / "data", redis=redis)
    if not options.reuse:
        print(f"Generating the database {database_name(options.database_url)} …", flush=True)
        meta["generation"] = generate(options, env)
    print("Collecting static files, starting gunicorn …", flush=True)
    run_command([befus_command(), "manage", "collectstatic", "--noinput"], env=env)
    log = tmp / "gunicorn.log"
    with serving(env, port=options.port, workers=options.workers, log=log) as master:
        targets = probe(env, "targets")
        meta.update(counts=targets["counts"], database=targets["database"], cache=targets["cache"])
        runs = plan_runs(targets, [p for p in options.pages.split(",") if p])
        meta["cpu_busy_before_load"] = cpu_busy_share()
        for number, run in enumerate(runs, 1):
            if not run.error:
                print(f"  [{number}/{len(runs)}] {run.page} / {run.audience} …", flush=True)
                load(run, wrk, port=options.port, master=master, options=options, tmp=tmp)
    meta["server_log_tail"] = log.read_text(errors="replace").splitlines()[-80:]
    if not options.no_miss_pass:
        runs += miss_pass(runs, wrk, env, options, tmp)
    (tmp / "targets.json").write_text(json.dumps(targets))
    print("Counting SQL queries …", flush=True)
    try:
        attach_queries(runs, probe(env, "queries", "--targets", str(tmp / "targets.json")))
    except (BenchError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        # The load's figures stand without the counts.
        print(f"  the SQL counts failed: {error}", file=sys.stderr)
        meta["queries_error"] = str(error)
    judge(runs)
    return runs


def miss_pass(
    runs: list[Run],
    wrk: str,
    env: dict[str, str],
    options: argparse.Namespace,
    tmp: Path,
) -> list[Run]:
    """The pages again, served with the page cache off, for half the time: what a miss costs."""
    misses = [
        replace(run, cache="off", load={}, flags=[], peak_rss_mib=None, other_cpu=None)
        for run in runs
        if run.page not in ("trivial", "static") and not run.error
    ]
    if not misses:
        return []
    print("Again with the page cache off …", flush=True)
    quick = argparse.Namespace(**{**vars(options), "duration": max(3, options.duration // 2)})
    log = tmp / "gunicorn-miss.log"
    cold = {**env, "BEFUS_PAGE_CACHE_SECONDS": "0"}
    with serving(cold, port=options.port, workers=options.workers, log=log) as master:
        for number, run in enumerate(misses, 1):
            print(f"  [{number}/{len(misses)}] {run.page} / {run.audience} …", flush=True)
            load(run, wrk, port=options.port, master=master, options=quick, tmp=tmp)
    return misses


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # A plain kill should stop gunicorn too: SystemExit runs the finally blocks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    meta: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "scale": options.scale,
        "seed": options.seed,
        "duration": options.duration,
        "connections": options.connections,
        "workers": options.workers,
        "gunicorn": metadata.version("gunicorn"),
        "machine": machine(),
        "generation": None,
    }
    try:
        with tempfile.TemporaryDirectory(prefix="befus-bench-") as tmp:
            runs = benchmark(options, Path(tmp), meta)
    except BenchError as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted; everything it started is stopped.", file=sys.stderr)
        return 130
    meta["wall_time_s"] = round(time.monotonic() - started, 1)
    print_header(meta)
    print_table(runs)
    if meta["server_log_tail"]:
        print("\ngunicorn's log (warnings and errors, last lines; all 80 in the JSON):")
        print("\n".join(meta["server_log_tail"][-25:]))
    write_json(options.json, meta, runs)
    print(f"\nWall time {meta['wall_time_s']} s; written to {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
