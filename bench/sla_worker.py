"""One SLA worker pass over many open cases, beside the bare index scan and an idle pass.

    python bench/sla_worker.py [--cases 100000] [--database sqlite|postgres] [--batch 200]

Fills a fresh database with open cases and their clocks (bulk inserts; each case
has a running resolution clock, about a third a first-response and a third a
next-update clock). Of the cases, 1 % have a reminder due and 0.5 % a deadline
passed long enough ago for both escalation steps, as after a short outage.
Then it times one worker pass (history rows, timeline entries, notifications,
one mail task per batch), the same pass again with nothing left to do, and the
bare SELECT of the due clock ids through the `next_check_at` index.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from time import perf_counter
from zoneinfo import ZoneInfo

from common import setup_django, teardown
from django.core.management.color import no_style

ZURICH = ZoneInfo("Europe/Zurich")
NOW = datetime(2026, 11, 24, 11, 0, tzinfo=ZURICH)  # a Tuesday, desk open
REMINDER_DUE_SINCE = datetime(2026, 11, 23, 15, 30, tzinfo=ZURICH)  # 4.5 of 5 h used
BREACHED_SINCE = datetime(2026, 11, 23, 9, 0, tzinfo=ZURICH)  # 11 h used: both steps due
CATEGORIES = ["billing", "delivery", "product", "service", "other"]
BATCH = 5000
KINDS = ("first_response", "next_update", "resolution")


def people() -> tuple[list, list]:
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    from brandwache.cases.models import Team

    agents_group, leads_group = (
        Group.objects.get(name="Agents"),
        Group.objects.get(name="Team leads"),
    )
    teams, agents = [], []
    for index, name in enumerate(["Billing", "Rail travel", "Logistics"]):
        team = Team.objects.create(name=name)
        lead = User.objects.create_user(f"lead{index}", f"lead{index}@example.ch")
        lead.groups.add(leads_group)
        team.members.add(lead)
        for number in range(3):
            agent = User.objects.create_user(
                f"agent{index}{number}", f"a{index}{number}@example.ch"
            )
            agent.groups.add(agents_group)
            team.members.add(agent)
            agents.append(agent)
        teams.append(team)
    if apps.is_installed("brandwache.routing"):
        from brandwache.routing.models import TopicOwner

        for index, category in enumerate(CATEGORIES[:3]):
            TopicOwner.objects.create(
                category=category, pate=agents[index], deputy=agents[index + 3]
            )
    return teams, agents


def clock_specs(rng: random.Random, due: dict[str, int]) -> list[tuple[str, datetime, datetime]]:
    """(kind, running since, due at) of one case's clocks; 1 % and 0.5 % of cases have one due."""
    roll = rng.random()
    kinds = ["resolution"] + [kind for kind in KINDS[:2] if rng.random() < 0.33]
    if roll < 0.015 and "first_response" not in kinds:
        kinds.append("first_response")
    specs = []
    for kind in kinds:
        since, due_at = NOW - timedelta(hours=1), NOW + timedelta(hours=rng.randint(2, 200))
        if kind == "first_response" and roll < 0.015:
            outcome = "reminder" if roll < 0.01 else "breach"
            since = REMINDER_DUE_SINCE if outcome == "reminder" else BREACHED_SINCE
            due_at = NOW - timedelta(minutes=1)  # due for a look; the pass works out what
            due[outcome] += 1
        specs.append((kind, since, due_at))
    return specs


def insert_rows(model: type, rows: list[dict[str, object]]) -> None:
    """Plain INSERTs with values already in database form: the ORM's bulk_create spends
    most of a million-row fill compiling SQL. Missing columns get the field default."""
    from django.db import connection

    fields = list(model._meta.concrete_fields)
    defaults = {
        field.attname: field.get_db_prep_save(field.get_default(), connection) for field in fields
    }
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",
            [[row.get(field.attname, defaults[field.attname]) for field in fields] for row in rows],
        )


def fill(count: int) -> dict[str, int]:
    from django.db import connection, transaction

    from brandwache.cases.models import Case, ReferenceCounter
    from brandwache.sla.models import SlaClock, SlaPolicy

    rng = random.Random(7)
    teams, agents = people()
    team_ids, owner_ids = [t.pk for t in teams], [a.pk for a in agents] + [None]
    policy = SlaPolicy.objects.get(name="Standard")
    targets = {kind: int(policy.target(kind).total_seconds() // 60) for kind in KINDS}
    instant = connection.ops.adapt_datetimefield_value
    now, hour = instant(NOW), timedelta(hours=1)
    due = {"reminder": 0, "breach": 0}
    clock_id = 0
    for offset in range(0, count, BATCH):
        cases, clocks = [], []
        for case_id in range(offset + 1, min(offset + BATCH, count) + 1):
            spec = clock_specs(rng, due)
            cases.append(
                {
                    "id": case_id,
                    "reference": f"BW-2026-{case_id:07d}",
                    "subject": f"Anliegen {case_id}",
                    "status": rng.choice(["new", "open", "open", "waiting_internal"]),
                    "category": rng.choice(CATEGORIES),
                    "channel": "email",
                    "team_id": rng.choice(team_ids),
                    "owner_id": rng.choice(owner_ids),
                    "status_token": f"token-{case_id}",
                    "created_at": now,
                    "updated_at": now,
                    "last_message_at": instant(NOW - hour * rng.randint(1, 500)),
                    "sla_due_at": instant(min(due_at for _kind, _since, due_at in spec)),
                }
            )
            for kind, since, due_at in spec:
                clock_id += 1
                clocks.append(
                    {
                        "id": clock_id,
                        "case_id": case_id,
                        "kind": kind,
                        "policy_id": policy.pk,
                        "state": "running",
                        "target_minutes": targets[kind],
                        "started_at": instant(since),
                        "running_since": instant(since),
                        "due_at": instant(due_at),
                        "next_check_at": instant(due_at - hour if due_at > NOW else due_at),
                    }
                )
        with transaction.atomic():  # one commit per batch, not per row
            insert_rows(Case, cases)
            insert_rows(SlaClock, clocks)
    with connection.cursor() as cursor:  # explicit ids: move PostgreSQL's sequences on
        for sql in connection.ops.sequence_reset_sql(no_style(), [Case, SlaClock]):
            cursor.execute(sql)
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last_number": count})
    return due


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--batch", type=int, default=200, help="clocks per transaction")
    args = parser.parse_args()

    var_dir, server = setup_django(args.database)
    try:
        from django.urls import reverse

        from brandwache.dbstats import refresh_statistics
        from brandwache.sla.models import BusinessCalendar, SlaClock
        from brandwache.sla.passes import run_pass

        started = perf_counter()
        due = fill(args.cases)
        clocks = SlaClock.objects.count()
        print(
            f"{args.cases:,} open cases, {clocks:,} running clocks on {args.database}, "
            f"filled in {perf_counter() - started:.0f} s; due: {due['reminder']:,} reminders, "
            f"{due['breach']:,} deadlines passed (each with two escalation steps)"
        )
        refresh_statistics()

        def bare_select() -> float:
            begin = perf_counter()
            ids = SlaClock.objects.filter(next_check_at__lte=NOW).order_by("next_check_at")
            found = len(list(ids.values_list("id", flat=True)))
            assert found == due["reminder"] + due["breach"], found
            return perf_counter() - begin

        # A running worker has imported the holiday tables and the URL patterns long ago.
        BusinessCalendar.default().as_calendar()
        reverse("web:inbox")
        bare_select()  # warm the cache as the pass will find it
        baseline = bare_select()
        begin = perf_counter()
        result = run_pass(now=NOW, batch_size=args.batch)
        seconds = perf_counter() - begin
        begin = perf_counter()
        idle = run_pass(now=NOW, batch_size=args.batch)
        idle_seconds = perf_counter() - begin

        assert (result.reminders, result.breaches) == (due["reminder"], due["breach"]), result
        assert result.escalations == 2 * due["breach"] and idle.checked == 0
        print(f"bare SELECT of the due clock ids   {baseline * 1000:9.1f} ms")
        print(f"worker pass, nothing due            {idle_seconds * 1000:9.1f} ms")
        print(
            f"worker pass                         {seconds:9.2f} s   "
            f"{result.checked:,} clocks, {result.actions:,} actions "
            f"({result.reminders:,} reminders, {result.breaches:,} breaches, "
            f"{result.escalations:,} escalations), {result.notifications:,} notifications"
        )
        print(
            f"                                    {result.actions / seconds:9.0f} actions/s   "
            f"{result.escalations / seconds:,.0f} escalations/s   "
            f"{result.checked / seconds:,.0f} clocks/s"
        )
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
