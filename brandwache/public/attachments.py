"""Checks for files attached to the public form: what they really are, and how big.

The browser's content type is the sender's claim; the type stored is what the
first bytes of the file say, and it has to fit the file name's extension. Names
are cleaned by `brandwache.intake.filenames.clean_filename`, as for every channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from brandwache.intake.filenames import clean_filename

# Extension -> kind; the sniffed kind of the content must match it.
EXTENSION_KINDS = {
    "jpg": "image",
    "jpeg": "image",
    "png": "image",
    "gif": "image",
    "webp": "image",
    "pdf": "pdf",
    "txt": "text",
}
ACCEPT = ",".join(f".{extension}" for extension in EXTENSION_KINDS)


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    content: bytes


def sniff(content: bytes) -> str | None:
    """The content type the first bytes prove, or None for anything we do not accept."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if _is_text(content):
        return "text/plain"
    return None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        # Older editors write Windows-1252: fine, as long as there are no control bytes.
        return not any(byte < 32 and byte not in (9, 10, 12, 13) for byte in content)
    return True


def kind_of(content_type: str) -> str:
    if content_type == "application/pdf":
        return "pdf"
    return content_type.partition("/")[0]


def extension_of(filename: str) -> str:
    return filename.rpartition(".")[2].lower() if "." in filename else ""


def check_content(filename: str, content: bytes) -> CheckedFile | None:
    """The file with its real content type, or None when it is not an allowed kind."""
    name = clean_filename(filename)
    expected = EXTENSION_KINDS.get(extension_of(name))
    content_type = sniff(content)
    if expected is None or content_type is None or kind_of(content_type) != expected:
        return None
    return CheckedFile(name, content_type, content)
