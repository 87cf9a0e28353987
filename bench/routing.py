"""Routing's cost on intake: e-mails taken in with routing off, with no rules, with many rules.

    python bench/routing.py [--messages 300] [--rules 30] [--database sqlite|postgres]

Each e-mail opens a new case through `record_inbound_message` (the path intake
takes). The rule list is the worst case: keyword and channel rules that do not
match, then (in the last setting) a rule that gives the case to the Pate of its
category, whose Pate is away, so the deputy gets it. That setting also pays for
the assignment and for what other apps do when a case is assigned. The
settings take turns in rounds, so load on the machine hits them alike.
"""

from __future__ import annotations

import argparse
import statistics
from time import perf_counter

from common import setup_django, teardown

ROUNDS = 10


def intake(count: int, label: str) -> list[float]:
    from brandwache.cases.actions import record_inbound_message
    from brandwache.contacts.actions import IdentityRef
    from brandwache.contacts.models import Identity
    from brandwache.intake.channels.base import ParsedMessage

    samples = []
    for index in range(count):
        parsed = ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, f"{label}{index}@example.ch", "Kundin"),
            subject=f"Rechnung {label} {index}",
            text="Die Rechnung vom März wurde zweimal abgebucht. " * 20,
            category="billing",
        )
        started = perf_counter()
        record_inbound_message(parsed, None)
        samples.append((perf_counter() - started) * 1000)
    return samples


def setup_rules(count: int) -> None:
    from django.contrib.auth.models import Group, User

    from brandwache.routing.models import Absence, RoutingRule, TopicOwner

    agents = Group.objects.get(name="Agents")
    pate, deputy = (User.objects.create_user(name) for name in ("pate", "deputy"))
    for user in (pate, deputy):
        user.groups.add(agents)
    TopicOwner.objects.create(category="billing", pate=pate, deputy=deputy)
    Absence.objects.create(user=pate, starts_on="2000-01-01", ends_on="2099-12-31")
    RoutingRule.objects.bulk_create(
        [
            RoutingRule(
                order=index,
                name=f"Regel {index}",
                channel="fax" if index % 2 else "",
                keywords="" if index % 2 else f"stichwort{index}, anderes wort {index}",
                action="pate",
            )
            for index in range(count - 1)
        ]
    )
    RoutingRule.objects.create(order=10_000, name="Pate", category="billing", action="pate")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rules", type=int, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    var_dir, server = setup_django(args.database)
    try:
        from brandwache.cases.signals import event_recorded
        from brandwache.routing.engine import route_on_event
        from brandwache.routing.models import RoutingRule
        from brandwache.routing.paten import responsible_for

        setup_rules(args.rules)
        no_match = f"routing on, {args.rules - 1} rules, none match"
        settings = {
            "routing off (baseline)": (False, "none"),
            "routing on, no rules": (True, "none"),
            no_match: (True, "no match"),
            f"routing on, {args.rules} rules, to the deputy": (True, "all"),
        }
        samples: dict[str, list[float]] = {name: [] for name in settings}
        intake(20, "warmup")
        per_round = max(1, args.messages // ROUNDS)
        for round_ in range(ROUNDS):
            for name, (connected, rules) in settings.items():
                event_recorded.disconnect(dispatch_uid="routing.route_on_event")
                if connected:
                    event_recorded.connect(route_on_event, dispatch_uid="routing.route_on_event")
                RoutingRule.objects.update(active=rules != "none")
                if rules == "no match":
                    RoutingRule.objects.filter(name="Pate").update(active=False)
                samples[name] += intake(per_round, f"r{round_}{len(samples[name])}x{name[:12]}")
        started = perf_counter()
        for _ in range(1000):
            responsible_for("billing")
        lookup = perf_counter() - started  # seconds for 1000 calls = ms per call
        print(f"{args.database}, {per_round * ROUNDS} e-mails per setting, ms per e-mail:")
        print(f"  {'':44} median      p95")
        for name, values in samples.items():
            ordered = sorted(values)
            p95 = ordered[round(0.95 * (len(ordered) - 1))]
            print(f"  {name:44} {statistics.median(ordered):6.2f}   {p95:6.2f}")
        print(f"  responsible_for(category): {lookup:.2f} ms per call")
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
