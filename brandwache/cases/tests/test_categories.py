"""One category list for the public form and the case page, configured by `CATEGORIES`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from brandwache.cases.categories import category_choices, category_label

ROOT = Path(__file__).resolve().parents[3]


def configured_categories(**env: str) -> list[str]:
    """`BRANDWACHE_CATEGORIES` as a fresh process reads it from these environment variables."""
    clean = {k: v for k, v in os.environ.items() if k not in {"CATEGORIES", "COMPLAINT_CATEGORIES"}}
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.BRANDWACHE_CATEGORIES))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "brandwache.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_setting_is_read_from_categories_and_still_from_the_former_name(tmp_path):
    var = {"BRANDWACHE_VAR_DIR": str(tmp_path)}
    assert configured_categories(**var) == ["billing", "delivery", "product", "service", "other"]
    assert configured_categories(CATEGORIES="rail=Bahnreisen, other", **var) == [
        "rail=Bahnreisen",
        "other",
    ]
    assert configured_categories(COMPLAINT_CATEGORIES="billing,other", **var) == [
        "billing",
        "other",
    ]
    assert configured_categories(CATEGORIES="product", COMPLAINT_CATEGORIES="other", **var) == [
        "product"
    ]


@pytest.fixture
def german():
    with translation.override("de"):
        yield


def test_known_keys_are_translated_and_own_labels_kept(settings, german):
    settings.BRANDWACHE_CATEGORIES = ["billing", "rail=Bahnreisen", "altlast", "billing=Doppelt"]
    assert [(key, str(label)) for key, label in category_choices()] == [
        ("billing", "Rechnung oder Zahlung"),
        ("rail", "Bahnreisen"),
        ("altlast", "altlast"),
    ]


def test_a_stored_key_nobody_configured_is_shown_as_it_is(settings, german):
    settings.BRANDWACHE_CATEGORIES = ["rail=Bahnreisen"]
    assert category_label("rail") == "Bahnreisen"
    assert category_label("contract") == "Vertrag oder Kündigung"
    assert category_label("sonderfall") == "sonderfall"
    assert category_label("") == ""
