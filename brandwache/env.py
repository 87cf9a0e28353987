"""Typed helpers that read settings from the environment and fail loudly."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse


class ConfigurationError(RuntimeError):
    """An environment variable holds a value Brandwache cannot use."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Addresses and networks (`10.0.0.0/8`, `::1`), comma-separated; empty by default."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ConfigurationError(
                f"{name} must list IP addresses or networks, not {item!r}"
            ) from None
    return networks


def env_header(name: str, default_value: str) -> tuple[str, str] | None:
    """`X-Forwarded-Proto` or `X-Forwarded-Proto: https` as Django's (META key, value) pair."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, _colon, value = raw.partition(":")
    header, value = header.strip(), value.strip() or default_value
    if not header or not all(part.isalnum() for part in header.split("-")):
        raise ConfigurationError(
            f"{name} must be a header name like X-Forwarded-Proto, not {raw!r}"
        )
    return "HTTP_" + header.upper().replace("-", "_"), value


def database_from_url(url: str) -> dict[str, object]:
    """Turn `postgres://user:pw@host:port/name` or `sqlite:///path` into Django settings."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if url.startswith("sqlite:////"):
            path = "/" + path.lstrip("/")
        elif path.startswith("/"):
            path = path[1:]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or ":memory:",
            # A test run's database is a file next to it (`test_` + name, as on PostgreSQL),
            # so a worker process started by a test can share it.
            "TEST": {"NAME": _sqlite_test_name(path)},
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"),
            },
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
        }
    raise ConfigurationError(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {parsed.scheme!r}"
    )


def _sqlite_test_name(path: str) -> str | None:
    if not path or path == ":memory:" or "mode=memory" in path:
        return None  # in memory, as Django's default
    database = Path(path)
    return str(database.with_name("test_" + database.name))


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
