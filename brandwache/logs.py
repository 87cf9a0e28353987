"""Logs without customer data: secret links, search terms and e-mail addresses are masked.

A status link or a receipt is a password in a URL, and a search or a
`?next=` can carry an e-mail address. What is masked:

- in a path, every segment that a URL pattern names `token` (or `…_token`);
  on a path no pattern matches, every segment that looks like a secret
  (20 or more letters, digits, `-`, `_` or `:`);
- in a query string, every value (the names stay);
- in the text of a log record (tracebacks included), e-mail addresses and
  the secret segments of the paths above.

`PrivateFormatter` does it for Brandwache's own log output,
`brandwache.accesslog.AccessLogger` for gunicorn's access log.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from django.urls import Resolver404, resolve

MASK = "***"
LOOKS_SECRET = re.compile(r"[A-Za-z0-9_:-]{20,}")
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# A path or URL in running text: after a space, a quote, a bracket, an "=" or at a line's start.
URL_IN_TEXT = re.compile(
    r"""(?:^|(?<=[\s"'(\[=]))(?P<origin>(?:https?://[^\s/"'<>]+)?)(?P<path>/[^\s"'<>()\[\]?]*)"""
    r"""(?:\?(?P<query>[^\s"'<>()\[\]]*))?""",
    re.MULTILINE,
)


def is_secret_parameter(name: str) -> bool:
    return name == "token" or name.endswith("_token")


def secret_segments(path: str) -> set[str] | None:
    """The values of the path's secret URL parameters; None if no URL pattern matches it."""
    try:
        match = resolve(unquote(path))
    except Resolver404:
        return None
    except Exception:  # the URLs cannot be loaded (yet): logging must go on
        return None
    return {
        value
        for name, value in match.kwargs.items()
        if is_secret_parameter(name) and isinstance(value, str)
    }


def mask_path(path: str, *, guess: bool = True) -> str:
    """The path with its secret segments masked; on unknown paths guessed at, if `guess`."""
    secrets = secret_segments(path)
    if secrets is None and not guess:
        return path
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if secrets is None:
            hidden = LOOKS_SECRET.fullmatch(unquote(segment)) is not None
        else:
            hidden = unquote(segment) in secrets
        if hidden:
            segments[index] = MASK
    return "/".join(segments)


def mask_query(query: str) -> str:
    """`q=anna@example.ch&page=2` → `q=***&page=***`: which parameters, not what they said."""
    if not query:
        return query
    names = (part.partition("=")[0] for part in query.split("&") if part)
    return "&".join(f"{name}={MASK}" for name in names)


def mask_url(url: str) -> str:
    """A path, a path with a query, or an absolute URL, with its secrets masked."""
    if not url or url == "-":
        return url
    parts = urlsplit(url)
    return urlunsplit(
        (parts.scheme, parts.netloc, mask_path(parts.path), mask_query(parts.query), "")
    )


def mask_text(text: str) -> str:
    """Free text (a log message, a traceback): e-mail addresses and secret path segments."""
    text = EMAIL_ADDRESS.sub(f"{MASK}@{MASK}", text)
    return URL_IN_TEXT.sub(_mask_found_url, text)


def _mask_found_url(found: re.Match[str]) -> str:
    masked = found["origin"] + mask_path(found["path"], guess=False)
    if found["query"] is not None:
        masked += "?" + mask_query(found["query"])
    return masked


class PrivateFormatter(logging.Formatter):
    """A formatter whose output never holds an e-mail address or a secret link."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))
