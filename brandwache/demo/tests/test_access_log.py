"""The web server's logs, as `brandwache serve` starts it, hold no secret link and no search term.

gunicorn runs for real on a loopback port with the command line the supervisor
uses; its whole output (access log and Django's own log) is read afterwards.
The database is left empty: the status page then fails with a server error,
whose logged traceback must not show the link either.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from brandwache.demo.supervisor import web_command
from brandwache.demo.tests.test_serve import wait_for_port
from tests.environment import free_port

STATUS_TOKEN = secrets.token_urlsafe(24)
RECEIPT = f"MTI:1vAbCd:{secrets.token_urlsafe(20)}"
SEARCHED = "kunde4242@example.ch"


def get(url: str, referer: str = "") -> int:
    request = Request(url, headers={"Referer": referer} if referer else {})  # noqa: S310
    try:
        with urlopen(request, timeout=20) as response:  # noqa: S310  (loopback)
            return int(response.status)
    except HTTPError as error:
        return error.code


def test_secret_links_and_search_terms_are_masked_in_the_logs(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "BRANDWACHE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DEBUG", None)
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603  (the supervisor's own command line)
            web_command(f"127.0.0.1:{port}"), stdout=output, stderr=subprocess.STDOUT, env=env
        )
    try:
        wait_for_port(port, server, log)
        site = f"http://127.0.0.1:{port}"
        get(f"{site}/status/{STATUS_TOKEN}/?from=mail", referer=f"{site}/beschwerde/danke/x/")
        assert get(f"{site}/complaint/thanks/{RECEIPT}/") == 404
        get(f"{site}/?q={SEARCHED}&status=all")
        assert get(f"{site}/static/web/brandwache.css", f"{site}/status/{STATUS_TOKEN}/") == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    text = Path(log).read_text()
    for secret in (STATUS_TOKEN, RECEIPT, RECEIPT.split(":")[-1], SEARCHED, "kunde4242"):
        assert secret not in text, secret
    assert '"GET /status/***/?from=*** HTTP/1.1" 500' in text
    assert '"GET /complaint/thanks/***/ HTTP/1.1" 404' in text
    assert '"GET /?q=***&status=*** HTTP/1.1"' in text
    assert f'"{site}/status/***/"' in text  # the referrer of the style sheet
    assert "Not Found: /complaint/thanks/***/" in text  # Django's own log line
    assert "Internal Server Error: /status/***/" in text
