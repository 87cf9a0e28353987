"""How a staff member is named to colleagues and customers: full name, else user name."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser


def person_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")().strip()
    return full or user.get_username()
