"""National-scale search benchmark (`make bench`): 5,000 organisations and 50,000 opportunities on PostgreSQL.

1. Recreates the PostgreSQL database `frivillig_bench` (BENCH_DATABASE_URL; the project's own DATABASE_URL is
   not touched), migrates it and bulk-loads it with COPY: organisations across Denmark and opportunities made
   from the demo's role templates (`frivillig.core.demo_opportunities`), so the Danish full-text search has
   realistic text. The search columns are filled afterwards with one SQL UPDATE each (and the typo dictionary
   from the titles and summaries), then ANALYZE.
2. Counts the SQL queries of the two measured requests in-process (django.test.utils.CaptureQueriesContext,
   full middleware), warm and cold (see 3): the search page with free text and two filters, pages 1 and 5.
3. Serves the database with gunicorn (2 workers, the full middleware stack, persistent connections as in
   production) on 127.0.0.1 and measures, for the two search requests and for /healthz (a trivial Django view
   that runs one `SELECT 1`, the ceiling):
   - server time p50/p95 from a `Server-Timing` header that scripts/bench_wsgi.py adds around the whole Django
     application, over sequential requests (client-side time is shown beside it). The same URL is requested
     again and again, so this is the warm case: the page comes from the search cache. A second, shorter run
     retires the cache (a new search generation) before every request: the cold case, a search never seen;
   - SQL queries per page, warm and cold;
   - for reference, a static page that extends base.html (the børneattest explanation): what the page frame
     alone costs, which the search page also pays;
   - requests per second under wrk (`apt-get install wrk`) for a fixed time, or a threaded Python client when
     wrk is missing.
4. Prints a table with the targets and the machine's core count.

Usage: python scripts/bench_search.py [--port 8011] [--reuse] [--requests 200] [--duration 10]
--reuse keeps an already loaded bench database (same size) instead of rebuilding it.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/frivillig_bench")
os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings")
os.environ.setdefault("FRIVILLIG_DEVELOPMENT", "1")
os.environ["DEBUG"] = "0"

ORGANISATIONS = 5_000
OPPORTUNITIES = 50_000
SEED = 2000
BATCH = 5_000
QUERY = {"q": "lektiehjælp", "categories": "lektiehjaelp", "areas": "nord"}
TARGET_P95_MS = 30
TARGET_QUERIES = 10
TARGET_SHARE = 0.25

TOWNS = [
    "København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde",
    "Herning", "Hørsholm", "Helsingør", "Silkeborg", "Næstved", "Fredericia", "Viborg", "Køge", "Holstebro",
    "Taastrup", "Slagelse", "Hillerød", "Sønderborg", "Svendborg", "Hjørring", "Holbæk", "Frederikshavn",
    "Nørresundby", "Ringsted", "Haderslev", "Skive", "Ølstykke", "Nykøbing F", "Greve", "Frederiksberg",
    "Ballerup", "Rødovre", "Gladsaxe", "Lyngby", "Hvidovre", "Valby", "Vanløse", "Brønshøj", "Amager", "Nørrebro",
    "Østerbro", "Vesterbro", "Tårnby", "Albertslund", "Glostrup", "Ishøj", "Brøndby", "Dragør", "Aabenraa",
    "Thisted", "Ribe", "Varde", "Skanderborg", "Middelfart", "Nyborg",
]
DISTRICTS = ["", " Nord", " Syd", " Øst", " Vest", " Centrum"]
ORGANISATION_NAMES = [
    ("association", "Besøgsvennerne i {town}"), ("association", "Lektiecaféen i {town}"),
    ("association", "{town} Boldklub"), ("association", "Sprogcaféen i {town}"), ("association", "{town} Løbeklub"),
    ("association", "Natcaféen i {town}"), ("association", "{town} Lokalhistoriske Forening"),
    ("association", "{town} Folkekor"), ("association", "Cykelværkstedet i {town}"),
    ("association", "Fælleshaven i {town}"), ("association", "Nattevandrerne i {town}"),
    ("association", "{town} Telefonrådgivning"), ("association", "Madfællesskabet i {town}"),
    ("informal_group", "Nabogruppen i {town}"), ("informal_group", "Strikkeklubben i {town}"),
    ("informal_group", "Gåfodbold 60+ i {town}"), ("informal_group", "Affaldsjægerne i {town}"),
    ("municipal_unit", "Plejecentret i {town}"), ("municipal_unit", "Biblioteket i {town}"),
    ("municipal_unit", "Skolen i {town}"), ("municipal_unit", "Ungdomsklubben i {town}"),
    ("municipal_unit", "Aktivitetscentret i {town}"), ("municipal_unit", "Frivilligcentret i {town}"),
]


def progress(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = width * done // total
    bar = "#" * filled + "-" * (width - filled)
    end = "\n" if done >= total or not sys.stdout.isatty() else "\r"
    print(f"  {label:<16} [{bar}] {done:>6}/{total} {time.monotonic() - started:5.1f} s", end=end, flush=True)


# --- the database --------------------------------------------------------------------------------------------


def admin_connection():
    import psycopg

    parts = urlsplit(BENCH_DATABASE_URL)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


def database_name() -> str:
    return urlsplit(BENCH_DATABASE_URL).path.lstrip("/")


def recreate_database() -> None:
    name = database_name()
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    run_manage("migrate", "--noinput", "-v", "0")
    run_manage("createcachetable")


def run_manage(*arguments: str) -> None:
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    subprocess.run(command, check=True, cwd=ROOT, env=os.environ.copy())  # noqa: S603 - our own manage.py


def loaded_sizes() -> tuple[int, int]:
    from frivillig.opportunities.models import Opportunity
    from frivillig.organisations.models import Organisation

    return Organisation.objects.count(), Opportunity.objects.count()


def copy_rows(table: str, columns: list[str], rows) -> None:
    from django.db import connection

    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def organisations_load(rng: random.Random) -> list[tuple[int, str, str]]:
    from django.utils import timezone
    from django.utils.text import slugify

    from frivillig.organisations.models import Organisation, normalise_search_text

    started, now = time.monotonic(), timezone.now()
    names = [(kind, pattern.format(town=town + district)) for kind, pattern in ORGANISATION_NAMES
             for town in TOWNS for district in DISTRICTS]
    chosen = rng.sample(names, ORGANISATIONS)
    rows = []
    for index, (kind, name) in enumerate(chosen):
        description = f"{name} samler frivillige om fællesskab, hjælp og aktiviteter i lokalområdet."
        rows.append(Organisation(
            kind=kind, name=name, slug=f"{slugify(name)}-{index}", description=description,
            contact_email=f"kontakt{index}@example.org", postcode=str(1000 + index % 8900), city="Danmark",
            is_verified=kind == "municipal_unit" or rng.random() < 0.6, search_text=normalise_search_text(name),
            created_at=now, updated_at=now,
        ))
        if len(rows) == BATCH or index == len(chosen) - 1:
            Organisation.objects.bulk_create(rows)
            rows = []
            progress("organisations", index + 1, ORGANISATIONS, started)
    return list(Organisation.objects.exclude(is_volunteer_team=True).values_list("pk", "name", "kind"))


def opportunity_fields() -> list:
    from frivillig.opportunities.models import Opportunity

    return [field for field in Opportunity._meta.concrete_fields]


def opportunities_load(rng: random.Random, organisations: list[tuple[int, str, str]]) -> None:
    """COPY the opportunities with explicit ids, then their many-to-many links."""
    from django.db import connection
    from django.utils import timezone

    from frivillig.core import demo_opportunities
    from frivillig.core.models import Area, Category, PolicyArea, SpokenLanguage, TargetGroup
    from frivillig.opportunities.models import Opportunity

    vocabularies = {
        "categories": (Category, "category_id"),
        "target_groups": (TargetGroup, "targetgroup_id"),
        "policy_areas": (PolicyArea, "policyarea_id"),
        "languages": (SpokenLanguage, "spokenlanguage_id"),
    }
    ids = {name: dict(model.objects.values_list("slug", "pk")) for name, (model, _column) in vocabularies.items()}
    areas = list(Area.objects.values_list("pk", flat=True))
    fields = opportunity_fields()
    columns = [field.column for field in fields]
    links = {name: [] for name in vocabularies}
    today, now, started = timezone.localdate(), timezone.now(), time.monotonic()

    def rows():
        for number in range(1, OPPORTUNITIES + 1):
            organisation_id, organisation_name, kind = rng.choice(organisations)
            role = rng.choice(demo_opportunities.ROLES)
            variant = rng.choice(role.variants)
            opportunity = opportunity_build(role, variant, organisation_name, kind, rng, today, now)
            opportunity.pk, opportunity.organisation_id = number, organisation_id
            opportunity.area_id = rng.choice(areas)
            for name in vocabularies:
                links[name].extend((number, ids[name][slug]) for slug in getattr(role, name) if slug in ids[name])
            if number % BATCH == 0:
                progress("opportunities", number, OPPORTUNITIES, started)
            yield [getattr(opportunity, field.attname) for field in fields]

    copy_rows(Opportunity._meta.db_table, columns, rows())
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [Opportunity._meta.db_table,
                                                                              OPPORTUNITIES])
    for name, (_model, column) in vocabularies.items():
        link_started = time.monotonic()
        through = getattr(Opportunity, name).through
        copy_rows(through._meta.db_table, ["opportunity_id", column], links[name])
        progress(f"  {name}", len(links[name]), len(links[name]), link_started)


def opportunity_build(role, variant, organisation_name, kind, rng, today, now):
    from frivillig.opportunities.models import Opportunity

    slots = {"org": organisation_name, **variant}
    published = now - timedelta(days=rng.randrange(365), minutes=rng.randrange(1440))
    status = rng.choices(["published", "draft", "paused", "closed"], weights=[90, 4, 3, 3])[0]
    opportunity = Opportunity(
        title=role.title.format_map(slots)[:120], summary=role.summary.format_map(slots)[:300],
        description=role.description.format_map(slots), language=role.language, skills=role.skills,
        time_commitment=role.time_commitment, hours_per_week=role.hours_per_week and Decimal(str(role.hours_per_week)),
        is_online=role.online, no_danish_required=role.no_danish, requires_child_certificate=role.child_certificate,
        minimum_age=role.minimum_age, wheelchair_accessible=role.wheelchair,
        suits_youth="youth" in role.suits, suits_seniors="seniors" in role.suits,
        suits_families="families" in role.suits, suits_groups="groups" in role.suits,
        application_deadline=today + timedelta(days=rng.randrange(5, 120)),
        status=status, published_at=published if status != "draft" else None,
        created_at=published, updated_at=published,
    )
    if not role.online:
        opportunity.latitude = Decimal(f"{rng.uniform(54.8, 57.5):.6f}")
        opportunity.longitude = Decimal(f"{rng.uniform(8.2, 12.6):.6f}")
    if kind == "municipal_unit" and role.card:
        opportunity.role_volunteer_tasks, opportunity.role_staff_tasks = role.card
        opportunity.role_staff_contact, opportunity.role_confirmed_at = "Lederen", published
    return opportunity


SEARCH_COLUMNS_SQL = r"""
UPDATE opportunities_opportunity AS o SET
    search_text = lower(regexp_replace(
        concat_ws(' ', o.title, o.summary, o.description, o.skills, org.name), '\s+', ' ', 'g')),
    search_vector =
        setweight(to_tsvector('danish', coalesce(o.title, '')), 'A')
        || setweight(to_tsvector('danish', coalesce(o.summary, '')), 'B')
        || setweight(to_tsvector('danish', coalesce(o.description, '') || ' ' || coalesce(o.skills, '')), 'C')
        || setweight(to_tsvector('danish', coalesce(org.name, '')), 'D')
FROM organisations_organisation AS org
WHERE org.id = o.organisation_id
"""


def search_columns_fill() -> None:
    """The same columns search.index_opportunity() keeps (danish config, weights A–D, never unaccented)."""
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_COLUMNS_SQL)
    print(f"  search columns   filled in one UPDATE in {time.monotonic() - started:.1f} s")


def analyse() -> None:
    """Fresh planner statistics, as autovacuum would give a real database (VACUUM needs its own connection)."""
    import psycopg

    with psycopg.connect(BENCH_DATABASE_URL, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def load(reuse: bool) -> None:
    import django

    if not reuse:
        print(f"Rebuilding {database_name()} …", flush=True)
        recreate_database()
    django.setup()
    if reuse and loaded_sizes() == (ORGANISATIONS + 1, OPPORTUNITIES):
        print(f"Reusing {database_name()}: {ORGANISATIONS} organisations, {OPPORTUNITIES} opportunities.")
        return
    if reuse:
        recreate_database()
    from django.db import transaction

    rng = random.Random(SEED)
    started = time.monotonic()
    with transaction.atomic():
        organisations = organisations_load(rng)
        opportunities_load(rng, organisations)
        search_columns_fill()
        from frivillig.opportunities.search import rebuild_search_words

        rebuild_search_words()
    analyse()
    organisations_count, opportunities_count = loaded_sizes()
    print(f"  loaded {organisations_count} organisations and {opportunities_count} opportunities in "
          f"{time.monotonic() - started:.0f} s")


# --- measuring ---------------------------------------------------------------------------------------------


def search_path(page: int) -> str:
    from django.urls import reverse

    query = dict(QUERY)
    if page > 1:
        query["side"] = str(page)
    return f"{reverse('opportunities:search')}?{urlencode(query)}"


def count_queries(path: str, *, cold: bool = False) -> tuple[int, int]:
    """SQL queries of a request through the full middleware stack, in-process, and the response size: warm (the
    third request: the search cache keeps a page the second time it is served), or cold (a fresh generation)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from frivillig.opportunities.search import search_changed

    client = Client()
    client.get(path)
    client.get(path)
    if cold:
        search_changed()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured), len(response.content)


def results_for_query() -> int:
    from frivillig.opportunities.search import SearchParams, search_opportunities

    return search_opportunities(SearchParams.from_querydict(QUERY), with_facets=False).total


def start_server(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = os.environ | {"DB_CONN_MAX_AGE": "60", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn, fixed arguments
        [str(gunicorn), "bench_wsgi:application", "--pythonpath", str(ROOT / "scripts"), "--chdir", str(ROOT),
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def fetch(port: int, path: str) -> tuple[int, float, float]:
    """One request: status, server time (Server-Timing, ms) and client time (ms)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    client_ms = (time.perf_counter() - started) * 1000
    timing = re.search(r"dur=([\d.]+)", response.getheader("Server-Timing", "") or "")
    return response.status, float(timing.group(1)) if timing else float("nan"), client_ms


def latencies(port: int, path: str, requests: int, *, cold: bool = False) -> dict:
    """Sequential requests after a warm-up; `cold` retires the search cache before each one (a cache miss)."""
    from frivillig.opportunities.search import search_changed

    for _ in range(max(10, requests // 10)):
        fetch(port, path)
    server, client = [], []
    for _ in range(requests):
        if cold:
            search_changed()  # Outside a transaction: the new generation is stored at once.
        status, server_ms, client_ms = fetch(port, path)
        assert status == 200, (path, status)
        server.append(server_ms)
        client.append(client_ms)
    return {"server": percentiles(server), "client": percentiles(client)}


def percentiles(values: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94]


def throughput(port: int, path: str, duration: int) -> float:
    if shutil.which("wrk"):
        output = subprocess.run(  # noqa: S603 - wrk on our own loopback server
            [shutil.which("wrk"), "-t2", "-c4", f"-d{duration}s", f"http://127.0.0.1:{port}{path}"],
            check=True, capture_output=True, text=True,
        ).stdout
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        assert not non_2xx, output
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return threaded_throughput(port, path, duration)


def threaded_throughput(port: int, path: str, duration: int, threads: int = 4) -> float:
    done, stop = [0] * threads, time.monotonic() + duration

    def work(index: int):
        while time.monotonic() < stop:
            fetch(port, path)
            done[index] += 1

    workers = [threading.Thread(target=work, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(done) / duration


# --- report ------------------------------------------------------------------------------------------------


def report(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    line = "+".join("-" * (width + 2) for width in widths)
    for index, row in enumerate(rows):
        print(" " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print(line)


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8011)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10)
    arguments = parser.parse_args()
    started = time.monotonic()
    load(arguments.reuse)

    from django.urls import reverse

    pages = {1: search_path(1), 5: search_path(5)}
    queries = {page: count_queries(path) for page, path in pages.items()}
    cold_queries = {page: count_queries(path, cold=True) for page, path in pages.items()}
    matches = results_for_query()
    print(f"Query {QUERY}: {matches} published matches ({-(-matches // 20)} pages of 20).")
    print(f"Serving {database_name()} with gunicorn (2 workers) on 127.0.0.1:{arguments.port} …", flush=True)
    server = start_server(arguments.port)
    try:
        timings = {name: latencies(arguments.port, path, arguments.requests)
                   for name, path in [("healthz", "/healthz"), *((page, path) for page, path in pages.items())]}
        cold = {page: latencies(arguments.port, path, max(20, arguments.requests // 4), cold=True)
                for page, path in pages.items()}
        static = reverse("opportunities:child_certificate")
        rates = {name: throughput(arguments.port, path, arguments.duration)
                 for name, path in [("healthz", "/healthz"), ("static", static),
                                    *((page, path) for page, path in pages.items())]}
    finally:
        server.terminate()
        server.wait(timeout=30)

    rows = [("measure", "value", "target", "met")]
    for page in pages:
        server_p50, server_p95 = timings[page]["server"]
        client_p50, client_p95 = timings[page]["client"]
        cold_p50, cold_p95 = cold[page]["server"]
        (count, size), (cold_count, _size) = queries[page], cold_queries[page]
        rows += [
            (f"search page {page}: server time p50", f"{server_p50:.1f} ms (client {client_p50:.1f} ms)", "", ""),
            (f"search page {page}: server time p95", f"{server_p95:.1f} ms (client {client_p95:.1f} ms)",
             f"≤ {TARGET_P95_MS} ms", verdict(server_p95 <= TARGET_P95_MS)),
            (f"search page {page}: cold p50 / p95 (cache miss)", f"{cold_p50:.1f} / {cold_p95:.1f} ms",
             "(not a target)", ""),
            (f"search page {page}: SQL queries", f"{count} warm, {cold_count} cold ({size // 1024} KB HTML)",
             f"≤ {TARGET_QUERIES}, same on every page",
             verdict(max(count, cold_count) <= TARGET_QUERIES and count == queries[1][0])),
            (f"search page {page}: requests/s", f"{rates[page]:.0f} ({rates[page] / rates['healthz']:.0%} of trivial)",
             f"≥ {TARGET_SHARE:.0%} of trivial", verdict(rates[page] >= TARGET_SHARE * rates["healthz"])),
        ]
    trivial_p50, trivial_p95 = timings["healthz"]["server"]
    rows += [
        ("trivial view /healthz: server p50/p95", f"{trivial_p50:.1f} / {trivial_p95:.1f} ms", "", ""),
        ("trivial view /healthz: requests/s", f"{rates['healthz']:.0f}", "(the ceiling)", ""),
        (f"static page {static} (base.html only): requests/s",
         f"{rates['static']:.0f} ({rates['static'] / rates['healthz']:.0%} of trivial)", "(reference)", ""),
    ]
    print()
    print(f"Search benchmark: {ORGANISATIONS:,} organisations, {OPPORTUNITIES:,} opportunities, PostgreSQL; "
          f"query {urlencode(QUERY)}; nproc = {len(os.sched_getaffinity(0))}; load generator: "
          f"{'wrk -t2 -c4' if shutil.which('wrk') else 'Python, 4 threads'}, {arguments.duration} s each; "
          f"server time = Server-Timing around the Django app, {arguments.requests} sequential requests.")
    report(rows)
    print(f"\nBenchmark finished in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
