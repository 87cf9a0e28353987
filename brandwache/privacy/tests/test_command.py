"""`brandwache anonymize` reads standard input and writes the anonymised text."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_command_anonymises_standard_input() -> None:
    text = "Hallo Anna,\nbitte rufen Sie 079 123 45 67 an.\nGruss\nReto Keller\n"
    result = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", "anonymize"],
        input=text.encode(),
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.decode() == "Hallo <NAME>,\nbitte rufen Sie <PHONE> an.\nGruss\n<NAME>\n"


def test_the_command_prints_the_evaluation_per_kind() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", "evaluate", "pii"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    output = result.stdout.decode()
    assert "precision" in output and "recall" in output
    assert all(kind in output for kind in ("EMAIL", "IBAN", "NAME", "PLATE"))


def _anonymize_jsonl(data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "brandwache.cli", "anonymize", "--jsonl"],
        input=data,
        capture_output=True,
        timeout=60,
    )


def test_jsonl_mode_writes_one_object_per_text_with_its_id() -> None:
    rows = [
        {"id": "a-1", "lang": "de", "text": "Grüezi, ich bin unter 079 123 45 67 erreichbar."},
        {"id": 2, "lang": "en", "text": "Dear Mr Smith,\nplease write to jo@example.org"},
        {"id": None, "lang": "fr", "text": "Rien à cacher ici."},
    ]
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    result = _anonymize_jsonl(data)
    assert result.returncode == 0, result.stderr
    written = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert written == [
        {"id": "a-1", "text": "Grüezi, ich bin unter <PHONE> erreichbar."},
        {"id": 2, "text": "Dear Mr <NAME>,\nplease write to <E-MAIL>"},
        {"id": None, "text": "Rien à cacher ici."},
    ]


def test_jsonl_mode_names_bad_lines_and_still_writes_the_others() -> None:
    data = (
        b'{"id": 1, "lang": "de", "text": "Hallo Anna"}\n'
        b"not json at all\n"
        b'{"id": 3, "lang": "de"}\n'
        b'{"id": 4, "text": "caf\xff"}\n'
        b"\n"
        b'{"id": 6, "lang": "en", "text": "Hi Bob, call 07700 900123"}\n'
    )
    result = _anonymize_jsonl(data)
    assert result.returncode != 0
    ids = [json.loads(line)["id"] for line in result.stdout.decode().splitlines()]
    assert ids == [1, 6]
    errors = result.stderr.decode()
    assert "line 2:" in errors and "line 3:" in errors and "line 4:" in errors
    assert '"text" is missing' in errors
    assert "3 line(s) could not be read" in errors
