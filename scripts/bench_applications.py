"""Applications benchmark (`make bench`): 200,000 applications on PostgreSQL, one organisation with exactly 2,000.

1. The base: the search benchmark's database (BENCH_DATABASE_URL, default the PostgreSQL database
   `frivillig_bench`: 5,000 organisations, 50,000 opportunities, scripts/bench_search.py). It is reused when it is
   there and loaded with bench_search's loader when it is not; either way it is migrated to the current models.
2. Bulk-loads (COPY) 200,000 applications over the last 12 months to the published opportunities, with their
   history as the services write it (ApplicationEvent rows for submitting and for each answer) and an Engagement
   for each accepted one. Every organisation gets an answer pace, so the figures differ. The organisation with the
   most published opportunities gets exactly 2,000 applications ("the big one"); another exactly 20 ("the small
   one"). A member (admin of both) is created, and signed in through a database session, as a browser would be.
   Then VACUUM ANALYZE.
3. Measures
   a. the organisation's inbox (`applications:inbox`): the first page, a filtered page (a status, page 2) and the
      CSV export of all 2,000, signed in as the member. SQL queries in-process (CaptureQueriesContext, full
      middleware, django.test.Client) for the big and the small organisation: the count must be the same, whatever
      the number of applications. Server time p50/p95 over sequential requests against gunicorn (2 workers; the
      Server-Timing header of scripts/bench_wsgi.py, around the whole Django application), with the session cookie;
   b. the median-response figure: figures.compute_response_figures for the big organisation (in-process, repeated)
      against reading its stored ResponseFigures row (what the pages do), and the nightly
      figures.refresh_all_response_figures over every organisation. Then the opportunity page of one of the big
      organisation's opportunities, which shows the figure from the stored row: its SQL queries and p50/p95 against
      gunicorn; and in-process, the same page with the figure read from the row and with it computed live on every
      request (the template tag's lookup swapped for the computation), to show what pre-computing saves.
4. Prints a table with the targets and the machine's core count.

Usage: python scripts/bench_applications.py [--port 8012] [--reuse] [--requests 200]
--reuse keeps already loaded applications (same size, the big one with 2,000) instead of loading them again.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import sys
import time
from datetime import timedelta
from math import exp
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_search  # noqa: E402 - sets DATABASE_URL to the bench database before Django starts

APPLICATIONS = 200_000
BIG = 2_000
SMALL = 20
SEED = 4000
MEMBER_EMAIL = "bench.member@example.org"
STATUSES = [  # (status, weight) of the applications the organisations see; pending ones are the rest
    ("new", 9), ("in_dialogue", 18), ("accepted", 34), ("declined", 24), ("withdrawn", 8),
]
PENDING = [("unconfirmed", 4), ("awaiting_consent", 3)]
PACE_HOURS = [2, 6, 20, 48, 96, 200]
TARGET_INBOX_P95_MS = 100
TARGET_FIGURES_READ_MS = 5
progress = bench_search.progress


# --- the database ------------------------------------------------------------------------------------------------


def database_exists() -> bool:
    with bench_search.admin_connection() as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [bench_search.database_name()])
        return row.fetchone() is not None


def base_load() -> None:
    """The search benchmark's organisations and opportunities: reused if loaded, else loaded (about a minute)."""
    import django

    if not database_exists():
        bench_search.load(reuse=False)
        return
    bench_search.run_manage("migrate", "--noinput", "-v", "0")
    bench_search.run_manage("createcachetable")
    django.setup()
    if bench_search.loaded_sizes() == (bench_search.ORGANISATIONS + 1, bench_search.OPPORTUNITIES):
        print(f"Reusing {bench_search.database_name()}: {bench_search.ORGANISATIONS} organisations, "
              f"{bench_search.OPPORTUNITIES} opportunities (the search benchmark's).")
        return
    bench_search.load(reuse=False)


def big_and_small() -> tuple[int, int]:
    """The organisation with the most published opportunities, and the first one with exactly two."""
    from django.db.models import Count, Q

    from frivillig.organisations.models import Organisation

    organisations = Organisation.objects.exclude(is_volunteer_team=True).annotate(
        published=Count("opportunities", filter=Q(opportunities__status="published"))
    )
    big = organisations.order_by("-published", "pk").values_list("pk", flat=True).first()
    small = organisations.filter(published=2).order_by("pk").values_list("pk", flat=True).first()
    return big, small


def applications_loaded(big: int, small: int) -> bool:
    from frivillig.applications.models import Application

    submitted = Application.objects.exclude(status__in=["unconfirmed", "awaiting_consent"])
    return (
        Application.objects.count() == APPLICATIONS
        and submitted.filter(organisation_id=big).count() == BIG
        and submitted.filter(organisation_id=small).count() == SMALL
    )


def columns_of(model) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


class Loader:
    """Rows for COPY: applications (submitted ones as the organisations see them), events and engagements."""

    def __init__(self, rng: random.Random, now):
        self.rng, self.now = rng, now
        self.application_id = self.event_id = self.engagement_id = 0
        self.events: list[tuple] = []
        self.engagements: list[tuple] = []
        self.paces: dict[int, float] = {}

    def pace(self, organisation_id: int) -> float:
        if organisation_id not in self.paces:
            self.paces[organisation_id] = self.rng.choice(PACE_HOURS)
        return self.paces[organisation_id]

    def application(self, opportunity_id: int, organisation_id: int, *, submitted_only: bool) -> dict:
        rng, now = self.rng, self.now
        self.application_id += 1
        number = self.application_id
        pending = not submitted_only and rng.random() < 0.02
        status = rng.choices(*zip(*(PENDING if pending else STATUSES), strict=True))[0]
        created = now - timedelta(seconds=rng.randrange(365 * 86400))
        row = {
            "id": number, "created_at": created, "updated_at": created, "opportunity_id": opportunity_id,
            "organisation_id": organisation_id, "user_id": None, "name": f"Ansøger {number}",
            "email": f"ansoeger{number}@example.org", "phone": "", "birth_year": 1950 + number % 55,
            "message": "Jeg vil gerne være med og kan de fleste hverdage efter kl. 16.", "language": "da",
            "status": status, "token": secrets.token_urlsafe(24), "email_confirmed_at": None, "guardian_email": "",
            "guardian_token": "", "guardian_consented_at": None, "submitted_at": None, "first_response_at": None,
            "status_changed_at": created, "reminder_sent_at": None,
        }
        if pending:
            return row
        submitted = created + timedelta(minutes=rng.randrange(1, 120))
        row |= {"email_confirmed_at": submitted, "submitted_at": submitted, "status_changed_at": submitted,
                "updated_at": submitted}
        self.event(number, "unconfirmed", "new", submitted)
        if status == "new" or (status == "withdrawn" and rng.random() < 0.5):
            if status == "withdrawn":
                self.change(row, "new", "withdrawn", submitted + timedelta(days=rng.uniform(1, 20)))
            return row
        answered = submitted + timedelta(hours=self.pace(organisation_id) * exp(rng.gauss(0, 0.9)))
        first = "in_dialogue" if status in ("in_dialogue", "withdrawn") or rng.random() < 0.6 else status
        row["first_response_at"] = answered
        self.change(row, "new", first, answered)
        if first != status:
            self.change(row, first, status, answered + timedelta(days=rng.uniform(1, 20)))
        if status == "accepted":
            self.engagement(row)
        return row

    def event(self, application_id: int, from_status: str, to_status: str, at) -> None:
        self.event_id += 1
        at = min(at, self.now)
        self.events.append((self.event_id, application_id, "status", None, from_status, to_status, "", at))

    def change(self, row: dict, from_status: str, to_status: str, at) -> None:
        at = min(at, self.now)
        self.event(row["id"], from_status, to_status, at)
        row["status_changed_at"] = row["updated_at"] = at

    def engagement(self, row: dict) -> None:
        self.engagement_id += 1
        start = row["status_changed_at"]
        self.engagements.append({
            "id": self.engagement_id, "created_at": start, "updated_at": start, "application_id": row["id"],
            "volunteer_id": None, "organisation_id": row["organisation_id"],
            "opportunity_id": row["opportunity_id"], "start_date": start.date(), "end_date": None,
        })


def applications_load(big: int, small: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from frivillig.applications.models import Application, ApplicationEvent, Engagement, ResponseFigures
    from frivillig.opportunities.models import Opportunity

    rng, started = random.Random(SEED), time.monotonic()
    published = list(Opportunity.objects.filter(status="published").order_by("pk").values_list(
        "pk", "organisation_id"))
    by_organisation: dict[int, list[int]] = {}
    for opportunity_id, organisation_id in published:
        by_organisation.setdefault(organisation_id, []).append(opportunity_id)
    others = [(pk, organisation) for pk, organisation in published if organisation not in (big, small)]
    loader = Loader(rng, timezone.now())
    columns = columns_of(Application)

    def rows():
        for count, organisation in ((BIG, big), (SMALL, small)):
            for _ in range(count):
                yield loader.application(rng.choice(by_organisation[organisation]), organisation, submitted_only=True)
        for number in range(BIG + SMALL, APPLICATIONS):
            yield loader.application(*rng.choice(others), submitted_only=False)
            if (number + 1) % 20_000 == 0:
                progress("applications", number + 1, APPLICATIONS, started)

    tables = ", ".join(model._meta.db_table for model in (ResponseFigures, Engagement, ApplicationEvent, Application))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY")
        bench_search.copy_rows(Application._meta.db_table, columns, ([row[c] for c in columns] for row in rows()))
        event_started = time.monotonic()
        bench_search.copy_rows(ApplicationEvent._meta.db_table, columns_of(ApplicationEvent), loader.events)
        progress("events", len(loader.events), len(loader.events), event_started)
        engagement_columns = columns_of(Engagement)
        bench_search.copy_rows(Engagement._meta.db_table, engagement_columns,
                               ([row[c] for c in engagement_columns] for row in loader.engagements))
        progress("engagements", len(loader.engagements), len(loader.engagements), event_started)
        with connection.cursor() as cursor:
            for model, last in ((Application, loader.application_id), (ApplicationEvent, loader.event_id),
                                (Engagement, loader.engagement_id)):
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [model._meta.db_table, last])
    bench_search.analyse()
    print(f"  loaded {APPLICATIONS:,} applications, {len(loader.events):,} events and {len(loader.engagements):,} "
          f"engagements in {time.monotonic() - started:.0f} s")


def member(big: int, small: int):
    """A member (admin) of the big and the small organisation."""
    from frivillig.accounts.models import User
    from frivillig.organisations.models import Membership

    user, created = User.objects.get_or_create(email=MEMBER_EMAIL, defaults={"name": "Bench Member"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    for organisation_id in (big, small):
        Membership.objects.get_or_create(user=user, organisation_id=organisation_id, defaults={"role": "admin"})
    return user


def load(reuse: bool) -> tuple[int, int]:
    base_load()
    big, small = big_and_small()
    if reuse and applications_loaded(big, small):
        print(f"Reusing the {APPLICATIONS:,} applications.")
    else:
        applications_load(big, small)
    return big, small


# --- measuring ---------------------------------------------------------------------------------------------------


def signed_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)  # a session row in the database, as a sign-in leaves
    return client


def count_queries(client, path: str) -> tuple[int, int, float]:
    """SQL queries of a request through the full middleware stack (after two warm-up requests), its size, and the
    time of its slowest query (ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    slowest = max(float(query["time"]) for query in captured.captured_queries) * 1000
    return len(captured), len(response.content), slowest


def inbox_paths(slug: str) -> dict[str, str]:
    from django.urls import reverse

    inbox = reverse("applications:inbox", kwargs={"slug": slug})
    return {
        "inbox, first page": inbox,
        "inbox, filtered (accepted, page 2)": f"{inbox}?{urlencode({'status': 'accepted', 'side': 2})}",
        "CSV export (all)": reverse("applications:export", kwargs={"slug": slug}),
    }


def fetch(port: int, path: str, cookie: str = "") -> tuple[int, float, float]:
    """One request: status, server time (Server-Timing, ms) and client time (ms)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    client_ms = (time.perf_counter() - started) * 1000
    timing = re.search(r"dur=([\d.]+)", response.getheader("Server-Timing", "") or "")
    return response.status, float(timing.group(1)) if timing else float("nan"), client_ms


def latencies(port: int, path: str, requests: int, cookie: str = "") -> dict:
    for _ in range(max(5, requests // 10)):
        fetch(port, path, cookie)
    server, client = [], []
    for _ in range(requests):
        status, server_ms, client_ms = fetch(port, path, cookie)
        assert status == 200, (path, status)
        server.append(server_ms)
        client.append(client_ms)
    return {"server": bench_search.percentiles(server), "client": bench_search.percentiles(client)}


def timed(function, repeat: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return bench_search.percentiles(times) if repeat >= 2 else (times[0], times[0])


def opportunity_path(big: int) -> str:
    from frivillig.opportunities.models import Opportunity

    opportunity = Opportunity.objects.filter(organisation_id=big, status="published").order_by("pk").first()
    return opportunity.get_absolute_url()


def live_figures(organisation):
    """What the page would do without the stored row: compute the figures on every request."""
    from frivillig.applications import figures
    from frivillig.applications.models import ResponseFigures

    computed = ResponseFigures(organisation=organisation, **figures.compute_response_figures(organisation.pk))
    return computed if computed.is_shown else None


def in_process_page(path: str, requests: int, *, live: bool) -> tuple[tuple[float, float], int]:
    """The opportunity page in-process (anonymous): p50/p95 in ms and SQL queries, with the figures read from the
    stored row, or computed live on each request."""
    from django.test import Client

    from frivillig.applications.templatetags import response_figures as tag

    stored = tag.response_figures_for
    tag.response_figures_for = live_figures if live else stored
    try:
        client = Client()
        queries, _size, _slowest = count_queries(client, path)
        return timed(lambda: client.get(path), requests), queries
    finally:
        tag.response_figures_for = stored


def figures_costs(big) -> dict:
    """The figures of the big organisation computed (what a live page would pay), the nightly pass over every
    organisation, and reading the stored row (what the pages pay)."""
    from frivillig.applications import figures

    started = time.perf_counter()
    refreshed = figures.refresh_all_response_figures()
    nightly = time.perf_counter() - started
    return {
        "compute": timed(lambda: figures.compute_response_figures(big.pk), 20),
        "read": timed(lambda: figures.response_figures_for(big), 200),
        "nightly": nightly,
        "refreshed": refreshed,
    }


# --- report ------------------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8012)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()
    started = time.monotonic()
    big, small = load(arguments.reuse)

    from django.conf import settings
    from django.test import Client

    from frivillig.applications.models import Application, ResponseFigures
    from frivillig.organisations.models import Organisation

    organisations = {organisation.pk: organisation
                     for organisation in Organisation.objects.filter(pk__in=[big, small])}
    user = member(big, small)
    client = signed_in_client(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    paths = {pk: inbox_paths(organisations[pk].slug) for pk in (big, small)}
    queries = {pk: {name: count_queries(client, path) for name, path in paths[pk].items()} for pk in (big, small)}
    costs = figures_costs(organisations[big])
    figures_row = ResponseFigures.objects.get(organisation_id=big)
    opportunity = opportunity_path(big)
    opportunity_queries, _size, opportunity_slowest = count_queries(Client(), opportunity)
    page_stored, _queries = in_process_page(opportunity, max(50, arguments.requests // 2), live=False)
    page_live, live_queries = in_process_page(opportunity, max(20, arguments.requests // 10), live=True)

    submitted = Application.objects.submitted()
    print(f"Big organisation: {organisations[big].name} ({submitted.filter(organisation_id=big).count():,} "
          f"submitted applications); small: {organisations[small].name} "
          f"({submitted.filter(organisation_id=small).count()}).")
    print(f"Serving {bench_search.database_name()} with gunicorn (2 workers) on 127.0.0.1:{arguments.port} …",
          flush=True)
    server = bench_search.start_server(arguments.port)
    try:
        timings = {name: latencies(arguments.port, path, arguments.requests, cookie)
                   for name, path in paths[big].items()}
        timings["opportunity"] = latencies(arguments.port, opportunity, arguments.requests)
        timings["healthz"] = latencies(arguments.port, "/healthz", arguments.requests)
    finally:
        server.terminate()
        server.wait(timeout=30)

    rows = [("measure", "value", "target", "met")]
    for name in paths[big]:
        (big_count, size, slowest), (small_count, _size, _slowest) = queries[big][name], queries[small][name]
        server_p50, server_p95 = timings[name]["server"]
        client_p50, client_p95 = timings[name]["client"]
        target = TARGET_INBOX_P95_MS if "inbox" in name else None
        rows += [
            (f"{name}: SQL queries, {BIG:,} vs {SMALL} applications", f"{big_count} vs {small_count} "
             f"(slowest {slowest:.1f} ms; {size // 1024} KB)", "the same", verdict(big_count == small_count)),
            (f"{name}: server time p50 / p95", f"{server_p50:.1f} / {server_p95:.1f} ms (client {client_p50:.1f} / "
             f"{client_p95:.1f})", f"p95 ≤ {target} ms" if target else "(not a target)",
             verdict(server_p95 <= target) if target else ""),
        ]
    compute_p50, compute_p95 = costs["compute"]
    read_p50, read_p95 = costs["read"]
    opportunity_p50, opportunity_p95 = timings["opportunity"]["server"]
    rows += [
        (f"median-response figure, computed for {BIG:,} applications", f"p50 {compute_p50:.1f} / p95 "
         f"{compute_p95:.1f} ms", "(why it is pre-computed)", ""),
        ("median-response figure, read from the stored row (1 query)", f"p50 {read_p50:.2f} / p95 {read_p95:.2f} ms",
         f"p95 ≤ {TARGET_FIGURES_READ_MS} ms", verdict(read_p95 <= TARGET_FIGURES_READ_MS)),
        (f"nightly refresh_response_figures, {costs['refreshed']:,} organisations", f"{costs['nightly']:.1f} s",
         "(once a night, in db_worker)", ""),
        ("figures row of the big organisation (pre-computed)", f"median {figures_row.median_response_hours:.1f} h, "
         f"{figures_row.answer_rate_percent} % answered", "", ""),
        ("opportunity page (figures from the stored row): SQL queries",
         f"{opportunity_queries} (slowest {opportunity_slowest:.1f} ms)", "", ""),
        ("opportunity page: server time p50 / p95", f"{opportunity_p50:.1f} / {opportunity_p95:.1f} ms",
         "(reference)", ""),
        ("opportunity page in-process, stored row: p50 / p95", f"{page_stored[0]:.1f} / {page_stored[1]:.1f} ms", "",
         ""),
        ("opportunity page in-process, computed live: p50 / p95", f"{page_live[0]:.1f} / {page_live[1]:.1f} ms "
         f"({live_queries} queries)", "(the variant not taken)", ""),
        ("trivial view /healthz: server p50 / p95", "{:.1f} / {:.1f} ms".format(*timings["healthz"]["server"]),
         "(the floor)", ""),
    ]
    print()
    print(f"Applications benchmark: {APPLICATIONS:,} applications over {bench_search.ORGANISATIONS:,} organisations "
          f"and {bench_search.OPPORTUNITIES:,} opportunities, PostgreSQL; nproc = {len(os.sched_getaffinity(0))}; "
          f"server time = Server-Timing around the Django app, {arguments.requests} sequential requests each, signed "
          f"in as a member for the inbox.")
    bench_search.report(rows)
    print(f"\nBenchmark finished in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

