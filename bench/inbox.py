"""The agent inbox with many cases: page 1, filtered pages and searches, beside plain SQL.

    python bench/inbox.py [--cases 100000] [--database sqlite|postgres] [--repeat 30]

Fills a fresh database with cases (bulk inserts, one contact and one message
each; the unresolved ones get an SLA due time for `sort=due` and the
breaching-soon page), then requests the inbox through Django's test client as a logged-in
agent and reports median and p95 milliseconds, next to the bare SQL query that
fetches the same 50 rows.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from time import perf_counter

from common import setup_django, summary, teardown, timed

WORDS = [
    "Rechnung",
    "Verspätung",
    "Paket",
    "Kündigung",
    "Hotline",
    "Mahnung",
    "Vertrag",
    "Garantie",
    "Lieferung",
    "Rückerstattung",
    "invoice",
    "refund",
]
CHANNELS = ["email", "email", "email", "webform", "phone", "letter", "fax"]
PAUSED_OR_DONE = {"waiting_customer", "resolved", "closed"}


def fill(count: int) -> None:
    from django.contrib.auth.models import Group, User

    from brandwache.cases.models import Case, Message, ReferenceCounter, Team
    from brandwache.contacts.models import Contact, Identity

    rng = random.Random(11)
    teams = [Team.objects.create(name=name) for name in ("Billing", "Rail travel", "Logistics")]
    agents = []
    for index, team in enumerate(teams):
        user = User.objects.create_user(f"agent{index}", password="bench-password-1")
        user.groups.add(Group.objects.get(name="Agents"))
        team.members.add(user)
        agents.append(user)
    statuses = [value for value, _label in Case.Status.choices]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = 5000
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        contacts = Contact.objects.bulk_create(
            [Contact(display_name=f"Kundin {offset + i}") for i in range(size)]
        )
        Identity.objects.bulk_create(
            [Identity(contact=c, kind="email", value=f"kunde{c.pk}@example.ch") for c in contacts]
        )
        cases = Case.objects.bulk_create(
            [
                Case(
                    reference=f"BW-2026-{offset + i + 1:05d}",
                    subject=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {offset + i}",
                    status=rng.choice(statuses),
                    priority=rng.choice(["low", "normal", "normal", "high", "urgent"]),
                    channel=rng.choice(CHANNELS),
                    contact=contact,
                    team=rng.choice([*teams, None]),
                    owner=rng.choice([*agents, None, None]),
                    status_token=f"token-{offset + i}",
                    last_message_at=start + timedelta(minutes=rng.randint(0, 500_000)),
                )
                for i, contact in enumerate(contacts)
            ]
        )
        with_due_times(cases, start)
        Message.objects.bulk_create(
            [
                Message(
                    case=case,
                    direction="in",
                    channel=case.channel,
                    contact_id=case.contact_id,
                    subject=case.subject,
                    text=" ".join(rng.choice(WORDS) for _ in range(40)),
                    sent_at=case.last_message_at,
                )
                for case in cases
            ]
        )
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last_number": count})


def with_due_times(cases: list, start: datetime) -> None:
    """SLA due times on the cases whose clocks would run: spread over yesterday to ten days
    ahead (about one in ten overdue), in the order of their last message, many equal."""
    from django.utils import timezone

    from brandwache.cases.models import Case

    yesterday = timezone.now().replace(second=0, microsecond=0) - timedelta(days=1)
    running = [case for case in cases if case.status not in PAUSED_OR_DONE]
    for case in running:
        waited = case.last_message_at - start
        case.sla_due_at = yesterday + timedelta(minutes=waited // timedelta(minutes=30))
    Case.objects.bulk_update(running, ["sla_due_at"], batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    var_dir, server = setup_django(args.database)
    try:
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.utils import timezone

        from brandwache.cases.models import Team
        from brandwache.dbstats import refresh_statistics

        setup_test_environment()
        started = perf_counter()
        fill(args.cases)
        filled = perf_counter() - started
        print(f"{args.cases:,} cases on {args.database}, filled in {filled:.0f} s")
        refresh_statistics()  # as `brandwache serve` does at start (autovacuum on PostgreSQL)
        client = Client()
        agent = User.objects.get(username="agent0")
        team = Team.objects.get(name="Billing")  # agent0's team
        client.force_login(agent)

        def page(query: str):
            def request() -> None:
                response = client.get("/" + query)
                if response.status_code != 200:
                    raise SystemExit(f"GET /{query} answered {response.status_code}")

            return request

        def sql(statement: str, params: list[object]):
            def run() -> None:
                with connection.cursor() as cursor:
                    cursor.execute(statement, params)
                    cursor.fetchall()

            return run

        columns = "id, reference, subject, status, priority, channel, last_message_at"
        rows = [
            (
                "page 1",
                "",
                sql(f"SELECT {columns} FROM cases_case ORDER BY last_message_at DESC LIMIT 50", []),
            ),
            (
                "filtered",
                "?status=open&channel=email",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE status = %s AND channel = %s "
                    "ORDER BY last_message_at DESC LIMIT 50",
                    ["open", "email"],
                ),
            ),
            (
                "owner",
                "?owner=me",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE owner_id = %s "
                    "ORDER BY last_message_at DESC LIMIT 50",
                    [agent.pk],
                ),
            ),
            (
                "team",
                f"?team={team.pk}",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE team_id = %s "
                    "ORDER BY last_message_at DESC LIMIT 50",
                    [team.pk],
                ),
            ),
            (
                "search",
                "?q=Rechnung",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE subject LIKE %s "
                    "ORDER BY last_message_at DESC LIMIT 50",
                    ["%Rechnung%"],
                ),
            ),
            (
                "search rare",
                "?q=kunde4242@example.ch",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE subject LIKE %s "
                    "ORDER BY last_message_at DESC LIMIT 50",
                    ["%kunde4242%"],
                ),
            ),
            (
                "sort due",
                "?sort=due",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE sla_due_at IS NOT NULL "
                    "ORDER BY sla_due_at, id LIMIT 50",
                    [],
                ),
            ),
            (
                "due page 20",
                "?sort=due&page=20",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE sla_due_at IS NOT NULL "
                    "ORDER BY sla_due_at, id LIMIT 50 OFFSET 950",
                    [],
                ),
            ),
            (
                "soon",
                "sla/soon/",
                sql(
                    f"SELECT {columns} FROM cases_case WHERE sla_due_at <= %s "
                    "ORDER BY sla_due_at, id LIMIT 50",
                    [timezone.now() + timedelta(hours=1)],
                ),
            ),
        ]
        for name, query, baseline in rows:
            print(f"{name:12} inbox     {summary(timed(page(query), args.repeat))}   GET /{query}")
            print(f"{'':12} plain SQL {summary(timed(baseline, args.repeat))}")
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
