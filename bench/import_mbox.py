"""Import of a generated mbox of realistic messages, beside plain baselines in the same run.

    python bench/import_mbox.py [--messages 10000] [--database sqlite|postgres]

Prints messages/s and peak memory of `brandwache import-mail` on a fresh
database, next to (a) the standard library parsing the same mbox and (b) raw
INSERTs of the same payloads into a bare table of the same database engine.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import mailbox
import os
import subprocess
import sys
from pathlib import Path
from time import perf_counter

from common import ROOT, setup_django, teardown
from corpus import generate


def write_mbox(path: Path, count: int) -> int:
    box = mailbox.mbox(path, create=True)
    box.lock()
    try:
        for payload in generate(count):
            box.add(payload)
    finally:
        box.flush()
        box.unlock()
    return path.stat().st_size


def parse_only(path: Path) -> float:
    started = perf_counter()
    count = 0
    for entry in mailbox.mbox(path):
        parsed = email.message_from_bytes(entry.as_bytes(), policy=email.policy.default)
        body = parsed.get_body(preferencelist=("plain", "html"))
        if body is not None:
            body.get_content()
        count += 1
    return count / (perf_counter() - started)


def raw_inserts(path: Path, database: str) -> tuple[float, float]:
    """Messages/s for a bare INSERT of each payload: one commit each, and one for all."""
    from django.db import connection, transaction

    payloads = [entry.as_bytes() for entry in mailbox.mbox(path)]
    key_type = "INTEGER PRIMARY KEY" if database == "sqlite" else "SERIAL PRIMARY KEY"
    insert = "INSERT INTO bench_raw (key, payload) VALUES (%s, %s)"

    def insert_all() -> None:
        with connection.cursor() as cursor:
            for index, payload in enumerate(payloads):
                cursor.execute(insert, [str(index), payload])

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_raw (id {key_type}, key TEXT, payload BYTEA)")
    started = perf_counter()
    insert_all()  # autocommit: one commit per row, as intake commits each raw message
    one_by_one = len(payloads) / (perf_counter() - started)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_raw")
    started = perf_counter()
    with transaction.atomic():
        insert_all()
    return one_by_one, len(payloads) / (perf_counter() - started)


def brandwache_import(path: Path) -> tuple[float, float, str]:
    """Messages/s and peak resident memory (MiB) of the real command, as a child process."""
    command = [sys.executable, "-m", "brandwache.cli", "import-mail", str(path)]
    started = perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    output = child.stdout.read().decode()
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = perf_counter() - started
    if status != 0:
        raise SystemExit(f"import-mail failed:\n{output}")
    return elapsed, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    var_dir, server = setup_django(args.database)
    try:
        from brandwache.cases.models import Case, Message
        from brandwache.intake.models import RawMessage

        mbox_path = var_dir / "bench.mbox"
        size = write_mbox(mbox_path, args.messages)
        print(f"mbox: {args.messages:,} messages, {size / 2**20:.1f} MiB, database {args.database}")
        print(f"baseline  stdlib parse only          {parse_only(mbox_path):9,.0f} messages/s")
        one_by_one, bulk = raw_inserts(mbox_path, args.database)
        print(f"baseline  raw INSERT, commit each     {one_by_one:9,.0f} messages/s")
        print(f"baseline  raw INSERT, one transaction {bulk:9,.0f} messages/s")
        elapsed, peak_mib, output = brandwache_import(mbox_path)
        print(
            f"brandwache import-mail                {args.messages / elapsed:9,.0f} messages/s"
            f"   ({elapsed:.1f} s, peak memory {peak_mib:.0f} MiB)"
        )
        print(
            f"  stored raw {RawMessage.objects.count():,}, "
            f"messages {Message.objects.count():,}, cases {Case.objects.count():,}, "
            f"failed {RawMessage.objects.filter(status='failed').count():,}"
        )
        print("  " + output.strip().splitlines()[-1] if output.strip() else "")
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
