"""The JSON shape of form-like channels (web form, phone, letter, fax), both ways.

Every producer (the public form, the agent's entry form, the demo) encodes with
`encode_payload`, and the channels decode with the functions below, so the
stored raw payload has one format.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping
from typing import Protocol

from brandwache.intake.channels.base import IntakeRejected, ParsedAttachment


class FileLike(Protocol):
    filename: str
    content_type: str
    content: bytes


def encode_payload(fields: Mapping[str, str], attachments: Iterable[FileLike] = ()) -> bytes:
    data: dict[str, object] = dict(fields)
    data["attachments"] = [
        {
            "filename": item.filename,
            "content_type": item.content_type,
            "content_base64": base64.b64encode(item.content).decode("ascii"),
        }
        for item in attachments
    ]
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def decode_payload(payload: bytes) -> dict[str, object]:
    """The JSON object a form channel stored; anything else is rejected with a reason."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IntakeRejected(f"The payload is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise IntakeRejected("The payload must be a JSON object.")
    return data


def decode_attachments(data: dict[str, object]) -> list[ParsedAttachment]:
    attachments = []
    for item in data.get("attachments") or []:
        if not isinstance(item, dict):
            raise IntakeRejected("An attachment entry is not an object.")
        try:
            content = base64.b64decode(str(item.get("content_base64", "")), validate=True)
        except (binascii.Error, ValueError):
            raise IntakeRejected("An attachment is not valid base64.") from None
        attachments.append(
            ParsedAttachment(
                filename=str(item.get("filename") or "attachment"),
                content_type=str(item.get("content_type") or "application/octet-stream"),
                content=content,
            )
        )
    return attachments


def text_field(data: dict[str, object], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""
