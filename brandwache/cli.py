"""The `brandwache` command: Django's manage.py with Brandwache's settings."""

from __future__ import annotations

import os
import sys

from brandwache.privatefiles import keep_private


def main(argv: list[str] | None = None) -> None:
    # Databases, attachments and kept mails are for this user only (brandwache/privatefiles.py).
    keep_private()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandwache.settings")
    from django.core.management import execute_from_command_line

    args = list(argv if argv is not None else sys.argv[1:])
    if args and not args[0].startswith("-"):
        # Commands are spelt with hyphens (`import-mail`); Django's modules use underscores.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["brandwache", *args])


if __name__ == "__main__":
    main()
