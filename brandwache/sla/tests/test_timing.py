"""Thresholds in business time: reminder at 80 %, the deadline, escalation steps, catch-up."""

from datetime import timedelta

from brandwache.sla.calendar import BusinessCalendar
from brandwache.sla.tests.helpers import FRIDAY_16, local
from brandwache.sla.timing import EscalationStep, Plan, Progress, due_now, next_check, used_until

HOUR = timedelta(hours=1)
STEPS = (EscalationStep("deputy", timedelta(0)), EscalationStep("team_lead", 2 * HOUR))
PLAN = Plan.of(5 * HOUR, 80, STEPS)


def office_hours() -> BusinessCalendar:
    hours = {day: [["08:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
    return BusinessCalendar.weekly("Europe/Zurich", hours, country="CH", subdivision="ZH")


def test_the_reminder_falls_at_80_percent_of_the_target_in_business_time() -> None:
    started = Progress(running_since=FRIDAY_16)

    # 4 of 5 business hours: one on Friday, three on Monday morning.
    assert next_check(office_hours(), PLAN, started) == local(23, 11)


def test_after_the_reminder_the_next_check_is_the_deadline() -> None:
    reminded = Progress(running_since=FRIDAY_16, reminded=True)

    assert next_check(office_hours(), PLAN, reminded) == local(23, 12)


def test_a_pass_at_the_reminder_time_reminds_and_nothing_else() -> None:
    done, after = due_now(office_hours(), PLAN, Progress(running_since=FRIDAY_16), local(23, 11))

    assert [(due.kind, due.at) for due in done] == [("remind", local(23, 11))]
    assert after.reminded and not after.breached


def test_a_pass_one_minute_before_the_reminder_does_nothing() -> None:
    done, after = due_now(
        office_hours(), PLAN, Progress(running_since=FRIDAY_16), local(23, 10, 59)
    )

    assert done == []
    assert after == Progress(running_since=FRIDAY_16)


def test_escalation_steps_follow_the_deadline_by_their_business_delay() -> None:
    breached = Progress(running_since=FRIDAY_16, reminded=True, breached=True, level=1)

    # The deadline is Monday 12:00; the team lead two business hours later.
    assert next_check(office_hours(), PLAN, breached) == local(23, 14)


def test_a_worker_that_was_down_catches_up_in_order_and_skips_the_stale_reminder() -> None:
    done, after = due_now(office_hours(), PLAN, Progress(running_since=FRIDAY_16), local(24, 9))

    assert [(due.kind, due.level, due.who, due.at) for due in done] == [
        ("breach", 0, "", local(23, 12)),
        ("escalate", 1, "deputy", local(23, 12)),
        ("escalate", 2, "team_lead", local(23, 14)),
    ]
    assert (after.breached, after.level, after.reminded) == (True, 2, False)
    assert next_check(office_hours(), PLAN, after) is None


def test_business_time_used_before_a_pause_counts_towards_every_threshold() -> None:
    # Paused after three business hours, resumed Tuesday 09:00: two hours are left.
    resumed = Progress(running_since=local(24, 9), used=3 * HOUR, reminded=False)

    assert next_check(office_hours(), PLAN, resumed) == local(24, 10)  # 4 h used
    assert used_until(office_hours(), resumed, local(24, 11)) == 5 * HOUR


def test_no_reminder_when_the_policy_sets_none() -> None:
    plan = Plan.of(5 * HOUR, 0, STEPS)

    assert next_check(office_hours(), plan, Progress(running_since=FRIDAY_16)) == local(23, 12)
