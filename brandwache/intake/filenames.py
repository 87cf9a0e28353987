"""Names of attached files, from every channel, made safe to store, show and download.

One function for the mail parser, the public form, the agents' scans and the case
actions: a name keeps only its last path component, loses the characters that
reorder or hide text (a right-to-left override, U+202E, makes "invoice<U+202E>fdp.exe"
read as "invoiceexe.pdf"), and keeps its real extension visible at the end.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 150
# Characters file systems refuse or that read as part of a path.
_UNSAFE = re.compile(r'[<>:"|?*]+')
# Categories never shown as a character: controls, formatting (bidi overrides and
# isolates, zero-width characters, soft hyphen), surrogates, line and paragraph breaks.
_INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_WHITESPACE_CONTROLS = "\t\n\r\x0b\x0c\x85"


def clean_filename(filename: str, *, default: str = "attachment") -> str:
    """A file name safe to store and show: no path, no invisible characters, not too long."""
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rpartition("/")[2]
    name = "".join(_visible(char) for char in name)
    name = " ".join(_UNSAFE.sub("_", name).split()).strip(" ._")
    if not name:
        return default
    if len(name) > MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) < MAX_LENGTH // 2:
            name = f"{stem[: MAX_LENGTH - len(extension) - 1].rstrip(' ._')}.{extension}"
        else:
            name = name[:MAX_LENGTH]
    return name


def _visible(char: str) -> str:
    if char in _WHITESPACE_CONTROLS:
        return " "
    return "" if unicodedata.category(char) in _INVISIBLE else char
