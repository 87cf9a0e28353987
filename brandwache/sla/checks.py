"""System checks for the SLA and worker settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


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


@register()
def check_worker_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    for name, variable, example, check_id in (
        ("BRANDWACHE_TASK_LEASE_SECONDS", "TASK_LEASE_SECONDS", 120, "brandwache.sla.E003"),
        ("BRANDWACHE_TASK_ATTEMPTS", "TASK_ATTEMPTS", 3, "brandwache.sla.E004"),
        ("BRANDWACHE_DELIVERY_ATTEMPTS", "DELIVERY_ATTEMPTS", 5, "brandwache.sla.E005"),
    ):
        value = getattr(settings, name, example)
        if not isinstance(value, int) or value < 1:
            problems.append(
                Error(
                    f"{name} must be a whole number of at least 1.",
                    hint=f"Set {variable} to e.g. {example}.",
                    id=check_id,
                )
            )
    lease = getattr(settings, "BRANDWACHE_TASK_LEASE_SECONDS", 120)
    options = settings.MAILERS.get("default", {}).get("OPTIONS", {})
    timeout = options.get("timeout") if isinstance(options, dict) else None
    if isinstance(lease, int) and isinstance(timeout, int | float) and lease < 2 * timeout:
        problems.append(
            Warning(
                "TASK_LEASE_SECONDS is shorter than twice EMAIL_TIMEOUT.",
                hint=(
                    "A reply the mail server is slow to accept may then be sent twice (with "
                    "the same Message-ID); keep the lease well above the mail timeout."
                ),
                id="brandwache.sla.W001",
            )
        )
    return problems
