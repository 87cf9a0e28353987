"""System checks for the SLA settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def check_sla_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    interval = getattr(settings, "BRANDWACHE_SLA_INTERVAL", 30)
    if not isinstance(interval, int | float) or interval <= 0:
        problems.append(
            Error(
                "BRANDWACHE_SLA_INTERVAL must be a positive number of seconds.",
                hint="Set SLA_INTERVAL to e.g. 30.",
                id="brandwache.sla.E001",
            )
        )
    channels = getattr(settings, "BRANDWACHE_PUBLIC_CHANNELS", [])
    if not isinstance(channels, list | tuple) or not all(isinstance(c, str) for c in channels):
        problems.append(
            Error(
                "BRANDWACHE_PUBLIC_CHANNELS must be a list of channel names.",
                hint="Set PUBLIC_CHANNELS to a comma-separated list, e.g. facebook,instagram.",
                id="brandwache.sla.E002",
            )
        )
    return problems
