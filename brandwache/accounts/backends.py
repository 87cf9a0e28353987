"""The first authentication backend: a locked-out user name and address go no further."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name and address before any password is hashed.

    It sits in front of Django's ModelBackend, so a refused attempt never reaches the
    password hasher. A login without a request (the shell, a management command) has
    no client address to count and goes on to the next backend unchecked.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
