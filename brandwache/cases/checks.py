"""System checks for settings a production deployment must not leave at their defaults."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register("brandwache", deploy=True)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if settings.DEBUG:
        problems.append(
            Error("DEBUG is on.", hint="Unset DEBUG in production.", id="brandwache.E001")
        )
    mailer = settings.MAILERS.get("default", {}).get("BACKEND", "")
    if mailer.endswith(("console.EmailBackend", "mailfolder.EmailBackend")):
        problems.append(
            Warning(
                "Replies are kept in a local folder or printed, not sent.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, ...).",
                id="brandwache.W001",
            )
        )
    if settings.BRANDWACHE_MESSAGE_ID_DOMAIN.endswith(".localhost"):
        problems.append(
            Warning(
                "MESSAGE_ID_DOMAIN is a local name.",
                hint="Set MESSAGE_ID_DOMAIN to your mail domain so replies can be matched.",
                id="brandwache.W002",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "The database is SQLite.",
                hint="Set DATABASE_URL to a PostgreSQL database to run several processes.",
                id="brandwache.W003",
            )
        )
    return problems
