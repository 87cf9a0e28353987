"""The sla app's models: calendars, policies, and the clocks on cases with their history."""

from brandwache.sla.models.calendars import (
    OFFICE_HOURS,
    PROBLEMS,
    BusinessCalendar,
    ClosedDay,
    default_working_hours,
)
from brandwache.sla.models.clocks import SlaClock, SlaClockEvent
from brandwache.sla.models.policies import SlaPolicy

__all__ = [
    "OFFICE_HOURS",
    "PROBLEMS",
    "BusinessCalendar",
    "ClosedDay",
    "SlaClock",
    "SlaClockEvent",
    "SlaPolicy",
    "default_working_hours",
]
