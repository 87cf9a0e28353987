"""Anonymising is one-way and typed; pseudonymising can be undone with its mapping."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandwache.privacy.masking import anonymise, find_personal_data, pseudonymise, reidentify
from brandwache.privacy.presidio_adapter import analyzer
from brandwache.privacy.spans import Kind, Span, resolve_overlaps

MAIL = (
    "Sehr geehrte Frau Muster\n\n"
    "Meine Kundennummer ist 4711-0815. Rufen Sie mich an: +41 79 123 45 67 oder schreiben "
    "Sie an peter.meier@example.ch. Frau Muster kennt den Fall.\n\n"
    "Freundliche Grüsse\nPeter Meier"
)


def test_anonymise_replaces_every_find_with_its_type() -> None:
    assert anonymise(MAIL) == (
        "Sehr geehrte Frau <NAME>\n\n"
        "Meine Kundennummer ist <CUSTOMER-NO>. Rufen Sie mich an: <PHONE> oder schreiben "
        "Sie an <E-MAIL>. Frau <NAME> kennt den Fall.\n\n"
        "Freundliche Grüsse\n<NAME>"
    )


def test_pseudonymise_gives_one_pseudonym_per_value() -> None:
    text, mapping = pseudonymise(MAIL, key="secret")
    assert text.count("<NAME-1>") == 2
    assert "<NAME-2>" in text
    assert mapping["<NAME-1>"] == "Muster"
    assert mapping["<NAME-2>"] == "Peter Meier"
    assert mapping["<E-MAIL-1>"] == "peter.meier@example.ch"
    assert "Muster" not in text and "4711" not in text


def test_reidentify_restores_the_original() -> None:
    text, mapping = pseudonymise(MAIL, key="secret")
    assert reidentify(text, mapping) == MAIL


def test_fingerprints_link_values_only_under_the_same_key() -> None:
    _, first = pseudonymise("Mail an anna@example.ch", key="k1")
    _, second = pseudonymise("Schreiben Sie anna@example.ch!", key="k1")
    _, other_key = pseudonymise("Mail an anna@example.ch", key="k2")
    assert first.fingerprints["<E-MAIL-1>"] == second.fingerprints["<E-MAIL-1>"]
    assert first.fingerprints["<E-MAIL-1>"] != other_key.fingerprints["<E-MAIL-1>"]


def test_a_pseudonym_already_in_the_text_is_not_reused() -> None:
    original = "Schreiben Sie <NAME-1> nicht, sondern Frau Keller."
    text, mapping = pseudonymise(original, key="k")
    assert "<NAME-1>" not in mapping
    assert reidentify(text, mapping) == original


pieces = st.sampled_from(
    [
        "Hallo Anna, ",
        "Frau Muster ",
        "Tel. 079 123 45 67 ",
        "anna@example.ch ",
        "CH93 0076 2011 6238 5295 7 ",
        "Kundennummer 4711-0815 ",
        "<NAME-1> ",
        "Freundliche Grüsse\nPetra Muster\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(pieces, st.text(max_size=20)), max_size=8))
def test_pseudonymise_then_reidentify_is_lossless(parts: list[str]) -> None:
    original = "".join(parts)
    text, mapping = pseudonymise(original, key="k")
    assert reidentify(text, mapping) == original


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_finds_never_overlap_and_match_the_text(text: str) -> None:
    spans = find_personal_data(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_an_address_around_a_customer_number_is_trimmed_not_dropped() -> None:
    text = "Seeweg 3, Kd.-Nr. 4471-22, 8000 Zürich"
    number = text.index("4471-22")
    found = resolve_overlaps(
        [
            Span(0, len(text), Kind.ADDRESS, text),
            Span(number, number + 7, Kind.CUSTOMER_NUMBER, "4471-22"),
            Span(0, 6, Kind.NAME, "Seeweg"),
        ]
    )
    assert [(s.kind, s.text) for s in found] == [
        (Kind.ADDRESS, "Seeweg 3, Kd.-Nr."),
        (Kind.CUSTOMER_NUMBER, "4471-22"),
        (Kind.ADDRESS, "8000 Zürich"),
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_finding_personal_data_never_opens_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("personal-data detection tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    analyzer.cache_clear()  # building Presidio's engine must stay offline too
    assert "<E-MAIL>" in anonymise("Mail an jemand@beispiel.example.com, Herr Keller.")
    assert analyzer().analyze("Mail an jemand@beispiel.example.com", language="de")


@pytest.mark.parametrize(
    ("text", "names"), [("A-" * 30000, 0), ("Herr Meier " * 5000, 5000), ("a." * 30000 + "@x", 0)]
)
def test_long_hostile_input_is_handled(text: str, names: int) -> None:
    # Patterns that backtrack quadratically took over a minute on these (a slow run shows in CI
    # time; bench/pii.py measures the speed).
    found = find_personal_data(text)
    assert sum(span.kind == "NAME" for span in found) == names
