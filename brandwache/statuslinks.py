"""Status links shown to staff with their token cut out.

A status token is the customer's password to their status page. It is mailed
to them inside update texts and receipts, and so stored in those texts; where
staff read such a text (the case timeline, the admin) the link is shortened to
`/status/…/`: still recognisable, no longer usable.
"""

from __future__ import annotations

import re

# /status/<token>/ as `public:status` writes it; the token is URL-safe base64.
STATUS_LINK = re.compile(r"/status/[A-Za-z0-9_:-]{8,}(/renew)?/?")


def hide_status_links(text: str) -> str:
    return STATUS_LINK.sub("/status/…/", text or "")
