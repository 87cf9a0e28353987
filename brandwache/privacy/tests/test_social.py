"""E-mail addresses, handles and profile links of persons; organisations' stay visible."""

from __future__ import annotations

import pytest

from brandwache.privacy.organisations import is_organisation_name
from brandwache.privacy.spans import Kind

from .recogniser_cases import structured

FOUND = [
    (Kind.EMAIL, "E-Mail: lea.mueller@bluewin.ch", "lea.mueller@bluewin.ch"),
    (Kind.EMAIL, "lea.mueller(at)gmx.ch schreiben", "lea.mueller(at)gmx.ch"),
    (Kind.EMAIL, "max [at] gmx [dot] de", "max [at] gmx [dot] de"),
    (Kind.EMAIL, "anna DOT keller AT gmail DOT com", "anna DOT keller AT gmail DOT com"),
    (Kind.EMAIL, "Contact petra.muster@helvetel.ch directly", "petra.muster@helvetel.ch"),
    (Kind.HANDLE, "Danke @lea_mueller für den Tipp!", "@lea_mueller"),
    (Kind.HANDLE, "Schreib mir: @jonas@mastodon.social", "@jonas@mastodon.social"),
    (Kind.HANDLE, "Folgt mir: sarah-k.bsky.social", "sarah-k.bsky.social"),
    (Kind.HANDLE, "Danke @ollie-whitmore.bsky.social!", "@ollie-whitmore.bsky.social"),
    (Kind.HANDLE, "Crosspost from u/zugfrust_zh on reddit", "u/zugfrust_zh"),
    (Kind.HANDLE, "Mein Benutzername: bahnfahrer_88", "bahnfahrer_88"),
    (Kind.HANDLE, "user kaeptn_blaubaer wrote about this", "kaeptn_blaubaer"),
    (Kind.HANDLE, "Zitat von fritz_1977:\n> Hat jemand gekündigt?", "fritz_1977"),
    (Kind.HANDLE, "Display name: RustBeltRita", "RustBeltRita"),
    (Kind.HANDLE, "Thanks dublinbiker77 for the tip", "dublinbiker77"),
    (Kind.HANDLE, "@Petra_Muster danke!", "@Petra_Muster"),
    (Kind.HANDLE, "Achtung: @kestrel_refunds_uk ist nicht der Support!", "@kestrel_refunds_uk"),
    (Kind.PROFILE, "Mein Profil: facebook.com/lea.mueller.77", "facebook.com/lea.mueller.77"),
    (
        Kind.PROFILE,
        "See https://www.linkedin.com/in/max-beispiel-123456 please",
        "https://www.linkedin.com/in/max-beispiel-123456",
    ),
    (Kind.PROFILE, "x.com/petra_k1985/status/1234567890", "x.com/petra_k1985/status/1234567890"),
    (Kind.PROFILE, "tiktok.com/@lena.dance", "tiktok.com/@lena.dance"),
    (Kind.PROFILE, "youtube.com/@AmaOwusuStyle", "youtube.com/@AmaOwusuStyle"),
    (Kind.PROFILE, "bsky.app/profile/seanmurphy.ie", "bsky.app/profile/seanmurphy.ie"),
    (Kind.PROFILE, "mastodon.social/@jonas", "mastodon.social/@jonas"),
    (Kind.PROFILE, "reddit.com/user/zugfrust_zh", "reddit.com/user/zugfrust_zh"),
    (
        Kind.PROFILE,
        "Verkäufer: https://www.ricardo.ch/de/shop/hans-verkauft/",
        "https://www.ricardo.ch/de/shop/hans-verkauft/",
    ),
    (
        Kind.PROFILE,
        "kleinanzeigen.de/s-bestandsliste.html?userId=77120935 – Jacke",
        "kleinanzeigen.de/s-bestandsliste.html?userId=77120935",
    ),
    (
        Kind.PROFILE,
        "Profile URL: https://community.example.com/u/mike_r_1977",
        "https://community.example.com/u/mike_r_1977",
    ),
]

NOT_FOUND = [
    "@SBB_CFF warum ist der Zug schon wieder zu spät?",
    "@Helvetel seit 3 Tagen kein Internet",
    "Thanks @AlpenbahnAG for nothing",
    "@DB_Bahn und @KestrelMobile antworten nie",
    "@salt_mobile ich warte auf meine SIM",
    "Meeting @home tonight",
    "www.facebook.com/Helvetel",
    "Besuchen Sie www.helvetel.ch/privatkunden",
    "Read https://www.nzz.ch/schweiz/artikel-123",
    "Kontakt: info@helvetel.ch",
    "Schreiben Sie an kundendienst@alpenbahn.ch",
    "Mail to customer.care@kestrelmobile.co.uk",
    "noreply@shop.example.com sent it",
    "Only if you booked direct at skyarc.com.",  # a website, not an address
    "Covid19 hat alles verändert",
]


@pytest.mark.parametrize(("kind", "text", "expected"), FOUND)
def test_it_finds_addresses_handles_and_profiles(kind: Kind, text: str, expected: str) -> None:
    assert structured(text) == [(kind, expected)]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_it_leaves_organisations_and_websites(text: str) -> None:
    assert structured(text) == []


@pytest.mark.parametrize(
    ("name", "organisation"),
    [
        ("SBB_CFF", True),
        ("AlpenbahnAG", True),
        ("Helvetel", True),
        ("DeutscheBahn", True),
        ("oebb", True),
        ("petra_m", False),
        ("fritz_1977", False),
        ("MaxMuster", False),
        ("RustBeltRita", False),
        ("lukas-brunner.ch", False),
    ],
)
def test_it_tells_organisation_handles_from_persons(name: str, organisation: bool) -> None:
    assert is_organisation_name(name) is organisation


def test_organisation_handles_can_be_listed_in_the_settings(settings) -> None:
    assert structured("@pendlerhilfe_zh hat geantwortet") == [(Kind.HANDLE, "@pendlerhilfe_zh")]
    settings.BRANDWACHE_ORGANISATION_HANDLES = ["@pendlerhilfe_zh"]
    assert structured("@pendlerhilfe_zh hat geantwortet") == []


def test_organisation_handles_are_read_from_the_environment(monkeypatch, tmp_path) -> None:
    import importlib.util

    import brandwache.settings

    monkeypatch.setenv("BRANDWACHE_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ORGANISATION_HANDLES", "@AlpenbahnAG, @pendlerhilfe_zh")
    spec = importlib.util.spec_from_file_location("fresh_settings", brandwache.settings.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    assert fresh.BRANDWACHE_ORGANISATION_HANDLES == ["@AlpenbahnAG", "@pendlerhilfe_zh"]
    monkeypatch.delenv("ORGANISATION_HANDLES")
    spec.loader.exec_module(fresh)
    assert fresh.BRANDWACHE_ORGANISATION_HANDLES == []
