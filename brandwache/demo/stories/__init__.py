"""The demo scenarios, each a small story told through the real intake and actions.

A scenario is a function of a `Desk`; its first message has a fixed external
id, so a scenario already in the database is skipped as a whole.
"""

from __future__ import annotations

from collections.abc import Callable

from brandwache.demo.desk import Desk
from brandwache.demo.stories import billing, rail, service

Scenario = Callable[[Desk], None]

SCENARIOS: list[Scenario] = [*rail.SCENARIOS, *billing.SCENARIOS, *service.SCENARIOS]
