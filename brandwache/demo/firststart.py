"""What `brandwache serve` does before serving: database ready, an admin login, the demo.

The admin is created only while nobody can log in yet; its generated password
is printed once and kept in `var/admin-password.txt` (readable by the owner only)
so it can be looked up again.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from brandwache.demo.data import DemoResult, load_demo

ADMIN_USERNAME = "admin"
LOGIN_FILE_NAME = "admin-password.txt"
# Hosts that mean "every interface"; the login link then names the loopback address.
WILDCARD_HOSTS = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104


@dataclass(frozen=True)
class FirstStart:
    admin_password: str | None  # only on the very first start
    demo: DemoResult | None


def password_file() -> Path:
    return Path(settings.VAR_DIR) / LOGIN_FILE_NAME


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, whatever the umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)


def prepare_site() -> None:
    """Schema, cache table and static files; cheap when everything is in place already."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def create_first_admin() -> str | None:
    """An admin with a generated password, if nobody can log in yet; else None."""
    User = get_user_model()
    with transaction.atomic():
        # Demo staff have no usable password, so loading the demo first still counts as empty.
        if User.objects.exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX).exists():
            return None
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(ADMIN_USERNAME, "", password)
    write_private(password_file(), password + "\n")
    return password


def first_start(*, demo: bool) -> FirstStart:
    prepare_site()
    password = create_first_admin()
    loaded = load_demo() if password is not None and demo else None
    return FirstStart(admin_password=password, demo=loaded)


def login_url(bind: str) -> str:
    """Where to log in for a gunicorn bind address (HOST, HOST:PORT, [V6]:PORT, unix:PATH)."""
    path = reverse("login")
    if bind.startswith(("unix:", "fd://")):
        return f"{bind} {path}"
    host, port = bind, "8000"
    if bind.startswith("[") and "]:" in bind:
        host, port = bind.rsplit(":", 1)
    elif bind.count(":") == 1:
        host, port = bind.split(":")
    if host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    return f"http://{host}:{port}{path}"


def login_line(bind: str, start: FirstStart) -> str:
    url = login_url(bind)
    if start.admin_password is not None:
        return f"Login: {url} user {ADMIN_USERNAME} password {start.admin_password}"
    if password_file().exists():
        return f"Login: {url} (user {ADMIN_USERNAME}, password in {password_file()})"
    return f"Login: {url}"
