"""A password hasher that counts its work, to show when a login never reached it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    """Counts every check of a password and every password hashed on its own.

    MD5's check hashes the password too; that inner hash is part of the one check.
    """

    calls = 0
    _checking = False

    def encode(self, password: str, salt: str, *args: Any, **kwargs: Any) -> str:
        if not CountingHasher._checking:
            CountingHasher.calls += 1
        return super().encode(password, salt, *args, **kwargs)

    def verify(self, password: str, encoded: str) -> bool:
        CountingHasher.calls += 1
        CountingHasher._checking = True
        try:
            return super().verify(password, encoded)
        finally:
            CountingHasher._checking = False
