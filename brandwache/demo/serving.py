"""`brandwache serve`: first-start set-up, then the web server and the task worker."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections

from brandwache.dbstats import refresh_statistics
from brandwache.demo.firststart import first_start, login_line
from brandwache.demo.supervisor import Supervisor, web_command, worker_command


def serve(*, bind: str, embedded_worker: bool, demo: bool, say: Callable[[str], None]) -> int:
    """Prepare the site, then run until stopped; the exit code for the command."""
    start = first_start(demo=demo)
    if start.demo is not None:
        say(f"Demo data loaded: {len(start.demo.loaded)} stories.")
    say(login_line(bind, start))
    refresh_statistics()
    # The children open their own connections; this process only watches them.
    connections.close_all()
    commands = {"Web server": web_command(bind)}
    # Always needed: even when tasks run inside the web server, the worker does the
    # SLA passes (reminders and escalations).
    if embedded_worker:
        commands["Task worker"] = worker_command()
    else:
        say("No task worker started here; run `brandwache worker` separately.")
    return Supervisor(commands, say=say).run()
