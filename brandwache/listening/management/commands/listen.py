"""`brandwache listen`: social listening from the command line.

brandwache listen --once                poll every due feed once; one line per source, then
                                        alert new spikes ("spikes: N new alerts")
brandwache listen import FILE.jsonl --source NAME
                                        store and process posts from JSON Lines
brandwache listen spikes SERIES.csv     one JSON line per spike in hourly counts (hour,topic,count)
brandwache listen classify --organisations ORGS.json < posts.jsonl
                                        one JSON line per post: organisation and complaint label
brandwache listen token NAME            create or rotate a webhook source's token; prints it once
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.intake.models import RawMessage
from brandwache.listening.classify import classify_posts
from brandwache.listening.feeds import PollResult
from brandwache.listening.jsonl import import_lines
from brandwache.listening.models import Source
from brandwache.listening.organisations import OrganisationsError, load_organisations
from brandwache.listening.posts import Outcome, reprocess
from brandwache.listening.schedule import listen_once
from brandwache.listening.spikes import SeriesError, Spike, detect_spikes, read_series_csv
from brandwache.listening.webhook import REFUSED_BODY_KEY, issue_token


class Command(BaseCommand):
    help = "Social listening: spikes in hourly mention counts, complaints about organisations."
    stealth_options = ("stdin",)  # call_command(..., stdin=StringIO(...)) in tests

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        self._parser = super().create_parser(prog_name, subcommand, **kwargs)
        return self._parser

    def add_arguments(self, parser: CommandParser) -> None:
        # Options of `listen` itself; with one of them no action is needed.
        parser.add_argument(
            "--once",
            action="store_true",
            help="Poll every due, enabled source once, then alert new spikes.",
        )
        parser.add_argument(
            "--reprocess-failed",
            action="store_true",
            help="Process the failed posts of every listening source again.",
        )
        actions = parser.add_subparsers(dest="action", required=False, metavar="ACTION")
        spikes = actions.add_parser(
            "spikes",
            help="Spikes in hourly counts against their own seasonal baseline, one JSON line each.",
        )
        spikes.add_argument(
            "series", type=Path, help="CSV with the header hour,topic,count (hour in ISO 8601)"
        )
        classify = actions.add_parser(
            "classify",
            help="Organisation and complaint label of each post (JSON Lines on stdin).",
        )
        classify.add_argument(
            "--organisations",
            type=Path,
            required=True,
            help="JSON list of organisations (slug, name, aliases, handles, domains, products)",
        )
        imports = actions.add_parser(
            "import", help="Store and process posts from a JSON Lines file (raw first)."
        )
        imports.add_argument("file", type=Path, help="JSON Lines, one post per line")
        imports.add_argument(
            "--source", required=True, help="name of the source (created as a JSONL source)"
        )
        token = actions.add_parser(
            "token",
            help="Create or rotate the token of a webhook source (created if missing); "
            "prints only the token.",
        )
        token.add_argument("source_name", metavar="SOURCE_NAME", help="name of the source")
        # Further actions are added here, each with a `_<action>` method.

    def handle(self, *args: Any, action: str | None = None, **options: Any) -> None:
        if action is None and options.get("once"):
            return self._once()
        if action is None and options.get("reprocess_failed"):
            return self._reprocess_failed()
        if action is None:
            self.stderr.write(self._parser.format_usage())
            raise CommandError("Name an action, e.g. `listen spikes SERIES.csv`.")
        getattr(self, f"_{action}")(options)

    def _spikes(self, options: dict[str, Any]) -> None:
        path: Path = options["series"]
        try:
            with path.open(newline="", encoding="utf-8") as lines:
                series = read_series_csv(lines)
        except SeriesError as error:
            raise CommandError(f"{path}, {error}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        zones: dict[datetime, tzinfo | None] = {
            hour.astimezone(UTC): hour.tzinfo for hour, _, _ in series if hour.tzinfo
        }
        for spike in detect_spikes(series):
            self.stdout.write(json.dumps(as_json(spike, zones), ensure_ascii=False))

    def _once(self) -> None:
        result = listen_once()  # the worker's listening pass, too
        for polled in result.polled:
            self.stdout.write(poll_line(polled))
        self.stdout.write(f"spikes: {result.spikes} new alerts")

    def _reprocess_failed(self) -> None:
        total = Outcome()
        failed = RawMessage.objects.filter(
            channel__in=Source.Kind.values,
            status=RawMessage.Status.FAILED,
        ).exclude(metadata__has_key=REFUSED_BODY_KEY)  # a refused webhook body is no post
        for raw in failed.order_by("pk").iterator():
            add(total, reprocess(raw))
        self.stdout.write(outcome_line("reprocessed", total))

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        source, _created = Source.objects.get_or_create(
            name=options["source"], defaults={"kind": Source.Kind.JSONL}
        )
        if source.kind != Source.Kind.JSONL:
            raise CommandError(f"Source {source.name!r} is a {source.kind} source, not jsonl.")
        try:
            with path.open("rb") as lines:
                result = import_lines(source, lines)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        for number, problem in result.bad:
            self.stderr.write(f"line {number}: {problem}")
        self.stdout.write(outcome_line(source.name, result.outcome))
        if result.bad:
            raise CommandError(f"{len(result.bad)} bad line(s) skipped, the others were stored.")

    def _token(self, options: dict[str, Any]) -> None:
        source, _created = Source.objects.get_or_create(
            name=options["source_name"], defaults={"kind": Source.Kind.WEBHOOK}
        )
        if source.kind != Source.Kind.WEBHOOK:
            raise CommandError(f"Source {source.name!r} is a {source.kind} source, not webhook.")
        # stdout carries the token alone, so it can be piped into a secret store.
        self.stdout.write(issue_token(source))
        self.stderr.write(f"POST /listening/webhook/{source.pk}/ (any earlier token is void)")

    def _classify(self, options: dict[str, Any]) -> None:
        try:
            organisations = load_organisations(options["organisations"])
        except OrganisationsError as error:
            raise CommandError(str(error)) from None
        posts, bad = read_posts(options.get("stdin") or sys.stdin)
        for number, problem in bad:
            self.stderr.write(f"line {number}: {problem}")
        for result in classify_posts(posts, organisations):
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if bad:
            raise CommandError(f"{len(bad)} bad line(s) skipped, the others were classified.")


def outcome_line(name: str, outcome: Outcome) -> str:
    """The stable summary line, documented in the README."""
    return (
        f"{name}: posts={outcome.posts} mentions={outcome.mentions} cases={outcome.cases} "
        f"failed={outcome.failed}"
    )


def poll_line(result: PollResult) -> str:
    if result.error:
        status = "error " + " ".join(result.error.split())
    else:
        status = "not-modified" if result.not_modified else "ok"
    return f"{outcome_line(result.source.name, result.outcome)} {status}"


def add(total: Outcome, outcome: Outcome) -> None:
    for name in ("posts", "mentions", "cases", "failed"):
        setattr(total, name, getattr(total, name) + getattr(outcome, name))


def read_posts(lines: Any) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    """The posts of JSON Lines input, and (line number, problem) for each line that is not
    a post; blank lines are skipped."""
    posts: list[dict[str, Any]] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            post = json.loads(line)
        except json.JSONDecodeError as error:
            bad.append((number, f"not JSON ({error.msg})"))
            continue
        if not isinstance(post, dict):
            bad.append((number, "expected a JSON object"))
        elif "id" not in post or not isinstance(post.get("text"), str):
            bad.append((number, "a post needs an 'id' and a 'text' string"))
        else:
            posts.append(post)
    return posts, bad


def as_json(spike: Spike, zones: dict[datetime, tzinfo | None]) -> dict[str, str]:
    """The spike's hours in the offset the input gave for them; an hour without a row of its
    own takes the offset of the hour before it that has one."""

    def hour(value: datetime) -> str:
        if value.tzinfo is None:
            return value.isoformat()
        earlier = value
        while earlier not in zones and earlier > value - timedelta(days=7):
            earlier -= timedelta(hours=1)
        return value.astimezone(zones.get(earlier) or UTC).isoformat()

    return {"topic": spike.topic, "start": hour(spike.start), "end": hour(spike.end)}
