"""Turning bytes of unknown or wrongly declared encoding into text, without ever raising.

Mail in the wild declares `us-ascii` and sends UTF-8, says `iso-8859-1` and means
Windows-1252, or names no charset at all (`unknown-8bit`, `x-unknown`). The order
that works best: the declared charset when it is believable, then UTF-8, then
Windows-1252 with replacement characters for the few bytes it does not define.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

# Names that say "some 8-bit charset, we don't know which".
_UNKNOWN = {
    "",
    "unknown",
    "unknown-8bit",
    "x-unknown",
    "x-user-defined",
    "default",
    "8bit",
    "binary",
    "charset",
    "none",
}
_ASCII = {"ascii", "us-ascii", "ansi_x3.4-1968", "iso646-us", "us"}
# Single-byte charsets that are often declared for text that is really UTF-8 or Windows-1252.
_LATIN = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "cp819"}
# Codec names (as `codecs.lookup` spells them) of Western single-byte charsets.
_WESTERN = {"cp1252", "iso8859-15"}

# C0 controls other than tab and newline, and DEL: PostgreSQL refuses NUL in text and the
# others only ever come from broken or hostile input.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\udc80-\udcff]")
_ANY_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")


def normalise_charset(declared: str | None) -> str | None:
    """A codec name Python knows, or None when the declared name is unknown or empty."""
    name = (declared or "").strip().strip("\"'").lower()
    if name in _UNKNOWN:
        return None
    if name in _LATIN:
        # What mail programs mean by Latin-1 is nearly always Windows-1252 (€, „, “).
        return "cp1252"
    return _text_codec(name)


@lru_cache(maxsize=256)
def _text_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name
        b" ".decode(codec, "replace")  # refuses codecs that are no text encoding (base64)
    except (LookupError, ValueError):
        return None
    return codec


def decode_bytes(data: bytes, declared: str | None = None, *, final: bool = True) -> str:
    """Decode with the declared charset, else UTF-8, else Windows-1252; never raises.

    With `final=False` an incomplete multi-byte sequence at the end (the data was cut)
    is dropped instead of turned into a replacement character.
    """
    charset = normalise_charset(declared)
    has_high_bytes = _HIGH_BYTES.search(data) is not None
    if not has_high_bytes and charset in (None, "ascii", "utf-8", "cp1252"):
        return data.decode("ascii")
    if charset == "ascii" or (charset in _WESTERN and has_high_bytes):
        # Declared ASCII with 8-bit bytes is a lie; a Western single-byte charset that
        # happens to be valid UTF-8 is almost certainly UTF-8 (Latin-1 text rarely is).
        charset = None if charset == "ascii" else charset
        decoded = _try(data, "utf-8", final)
        if decoded is not None:
            return decoded
    if charset is not None:
        decoded = _try(data, charset, final)
        if decoded is not None:
            return decoded
    decoded = _try(data, "utf-8", final)
    if decoded is not None:
        return decoded
    if _mostly_utf8(data):
        return _decode(data, "utf-8", "replace", final)
    return _decode(data, "cp1252", "replace", final)


def _try(data: bytes, charset: str, final: bool) -> str | None:
    try:
        text = _decode(data, charset, "strict", final)
    except (UnicodeError, LookupError, ValueError):
        # UnicodeError also covers codecs like UTF-16 refusing a stream without a BOM.
        return None
    # A few codecs (UTF-7, UTF-16 with odd input) can produce lone surrogates.
    return _ANY_SURROGATE.sub("\ufffd", text)


def _decode(data: bytes, charset: str, errors: str, final: bool) -> str:
    if final:
        return data.decode(charset, errors)
    decoder = codecs.getincrementaldecoder(charset)(errors=errors)
    return decoder.decode(data, final=False)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes reads better as UTF-8 than as Windows-1252."""
    sample = data[:65536]
    text = sample.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for char in text if char > "\x7f") - broken
    return multibyte > 2 * broken


def repair_surrogates(value: str) -> str:
    """Header text parsed from bytes keeps raw 8-bit bytes as surrogates; decode those."""
    if not _SURROGATES.search(value):
        return value
    return decode_bytes(value.encode("utf-8", "surrogateescape"))


def clean_text(value: str) -> str:
    """Remove control characters that no reader needs and databases refuse."""
    return _CONTROL.sub("", value)
