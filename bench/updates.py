"""What the customer updates add to the actions that cause them, beside the same actions
without updates (the baseline, measured in the same run on the same database).

    python bench/updates.py [--database sqlite|postgres] [--repeat 200]

Times taking in a new e-mail (the receipt is decided and queued) and resolving a
case (the resolved update always goes), each with updates on and off, and counts
the queries each adds. Mail is queued, not sent (the dummy task backend).
"""

from __future__ import annotations

import argparse
import itertools
import uuid
from email.message import EmailMessage
from email.utils import format_datetime

from common import setup_django, summary, teardown, timed

_numbers = itertools.count(1)


def mail() -> bytes:
    from django.utils import timezone

    number = next(_numbers)
    message = EmailMessage()
    message["From"] = f"Kundin {number} <kundin{number}@example.ch>"
    message["To"] = "service@firma.example"
    message["Subject"] = f"Rechnung {number} doppelt belastet"
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = f"<{uuid.uuid4().hex}@mail.example.ch>"
    message.set_content("Guten Tag\n\nMeine Rechnung wurde zweimal belastet.\n\nPetra Muster\n")
    return message.as_bytes()


def receive() -> object:
    from brandwache.intake.pipeline import ingest

    return ingest("email", mail()).message


def run(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from brandwache.cases import actions

    agent = User.objects.create_user("bench-agent", first_name="Anna", last_name="Keller")
    for label, on in (("updates off (baseline)", False), ("updates on", True)):
        with override_settings(BRANDWACHE_CUSTOMER_UPDATES=on, BRANDWACHE_UPDATE_MIN_INTERVAL=0):
            with CaptureQueriesContext(connection) as queries:
                receive()
            received = timed(receive, repeat)
            cases = [receive().case for _ in range(repeat + 1)]
            pending = iter(cases)
            with CaptureQueriesContext(connection) as resolve_queries:
                actions.change_status(next(pending), agent, "resolved")
            resolved = timed(
                lambda cases=pending: actions.change_status(next(cases), agent, "resolved"),
                repeat - 1,
            )
        print(f"{label}:")
        print(f"  new e-mail taken in   {summary(received)}   {len(queries)} queries")
        print(f"  case resolved         {summary(resolved)}   {len(resolve_queries)} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    var_dir, server = setup_django(args.database)
    try:
        print(f"database: {args.database}, {args.repeat} runs each")
        run(args.repeat)
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
