"""The mail backend of the embedded default: every mail a file in a private folder, not sent.

Until EMAIL_HOST is set, replies, receipts and notices are kept as `.eml`
files under `var/mail/` (readable by Brandwache's own user only), so nothing
a customer wrote or is sent ends up in the logs; the log gets one line per
mail naming the file, without its text or addresses.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def mail_folder() -> Path:
    return Path(settings.VAR_DIR) / "mail"


class EmailBackend(BaseEmailBackend):
    def __init__(
        self, fail_silently: bool = False, *, folder: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.fail_silently = fail_silently
        self.folder = Path(folder) if folder else mail_folder()
        self._lock = threading.Lock()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        written = 0
        with self._lock:
            try:
                self.folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
                self.folder.chmod(FOLDER_MODE)
                for message in email_messages:
                    if not message.recipients():
                        continue
                    path = self._write(message)
                    written += 1
                    log.info(
                        "Mail to %d recipient(s) kept in %s, not sent: EMAIL_HOST is not set.",
                        len(message.recipients()),
                        path,
                    )
            except OSError:
                if not self.fail_silently:
                    raise
        return written

    def _write(self, message: EmailMessage) -> Path:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-{uuid.uuid4().hex[:12]}.eml"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(descriptor, "wb") as output:
            output.write(message.message().as_bytes())
        return path
