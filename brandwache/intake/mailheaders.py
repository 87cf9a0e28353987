"""Reading header values of inbound mail: encoded words, addresses, dates and message ids.

Headers come in raw (as parsed from bytes, with 8-bit bytes kept as surrogates) and
everything here tolerates what real mail programs write, including what the RFCs forbid.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime, timedelta
from email.policy import Compat32
from email.utils import getaddresses, parsedate_to_datetime

from brandwache.intake.charsets import clean_text, decode_bytes, repair_surrogates

# RFC 2047 encoded word; also found (against the rules) inside quoted strings and words.
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_BETWEEN_ENCODED_WORDS = re.compile(r"(\?=)\s+(?==\?[^?\s]+\?[QqBb]\?)")
_FOLDING = re.compile(r"\r?\n[ \t]*|\r")
_SPACES = re.compile(r"[ \t]+")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_ANGLE_TOKEN = re.compile(r"<([^<>]*)>")
_ID_UNSAFE = re.compile(r"[^\x21-\x7e]|[<>]")


class _RawHeaders(Compat32):
    """Compat32 (which never raises on broken input) that hands out header values as parsed.

    The values keep 8-bit bytes as surrogates; the functions below decode them.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]
        return value


POLICY = _RawHeaders()
MAX_REFERENCES = 50
MAX_ADDRESS_HEADER = 4096
MAX_ID_LENGTH = 250
# A sender's clock can be wrong; a date far outside this window would sort the case
# wrongly for ever, so it is treated as missing.
EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=2)


def unfold(value: str) -> str:
    return _FOLDING.sub(" ", value)


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words; unknown charsets and broken encodings never raise."""
    if "=?" not in value:
        return value
    value = _BETWEEN_ENCODED_WORDS.sub(r"\1", value)
    return _ENCODED_WORD.sub(_decode_word, value)


def _decode_word(match: re.Match[str]) -> str:
    charset, encoding, encoded = match.groups()
    charset = charset.split("*", 1)[0]  # RFC 2231 language suffix: utf-8*de
    data = encoded.encode("utf-8", "replace")
    try:
        if encoding in "Bb":
            raw = base64.b64decode(data + b"=" * (-len(data) % 4))
        else:
            raw = binascii.a2b_qp(data.replace(b"_", b" "))
    except (binascii.Error, ValueError):
        return match.group(0)
    return decode_bytes(raw, charset)


def header_text(value: object) -> str:
    """A header as one line of readable text."""
    if value is None:
        return ""
    text = repair_surrogates(unfold(str(value)))
    return clean_text(_SPACES.sub(" ", decode_words(text))).strip()


def parse_address(value: object) -> tuple[str, str]:
    """(display name, address) of the first address in a header, or ("", "")."""
    if value is None:
        return "", ""
    # An address header is short; a huge one is garbage and must not cost quadratic time.
    raw = repair_surrogates(unfold(str(value)[:MAX_ADDRESS_HEADER]))
    # Parse before decoding: a decoded name may contain commas or angle brackets.
    for name, address in getaddresses([raw]):
        address = address.strip()
        if _valid_address(address):
            return _display_name(name, address), address
    match = _ADDRESS.search(raw)
    if match:
        return "", match.group(0)
    return "", ""


def _valid_address(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(at and local and "." in domain and not any(c.isspace() for c in address))


def _display_name(name: str, address: str) -> str:
    name = header_text(name).strip().strip("\"'").strip()
    return "" if name.lower() == address.lower() else name[:200]


def parse_date(value: object) -> datetime | None:
    """The Date header as an aware datetime, or None when it is missing or not believable."""
    if value is None:
        return None
    text = unfold(str(value)).strip()
    if not text:
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # "-0000": UTC, local zone unknown
    if not EARLIEST_DATE <= parsed <= datetime.now(UTC) + FUTURE_TOLERANCE:
        return None
    return parsed


def clean_id(value: str) -> str:
    """A message id without brackets, whitespace or control characters."""
    return _ID_UNSAFE.sub("", value)[:MAX_ID_LENGTH]


def _id_candidates(value: object) -> list[str]:
    if value is None:
        return []
    text = unfold(str(value))
    bracketed = _ANGLE_TOKEN.findall(text)
    tokens = bracketed if bracketed else text.split()
    return [cleaned for cleaned in (clean_id(token) for token in tokens) if cleaned]


def parse_message_id(value: object) -> str:
    """The id in a Message-ID or In-Reply-To header; prefers a token that has an @."""
    candidates = _id_candidates(value)
    for candidate in candidates:
        if "@" in candidate:
            return candidate
    return candidates[0] if candidates else ""


def parse_references(value: object) -> list[str]:
    """The ids in a References header, oldest first, without duplicates, the newest kept."""
    seen: set[str] = set()
    ids: list[str] = []
    for candidate in _id_candidates(value):
        if candidate not in seen:
            seen.add(candidate)
            ids.append(candidate)
    return ids[-MAX_REFERENCES:]
