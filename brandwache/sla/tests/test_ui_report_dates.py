"""The SLA report refuses impossible dates with a message, never with a server error."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from brandwache.sla.report import FIRST_DAY, LAST_DAY, ReportFilter, build_report
from brandwache.sla.tests.helpers import local
from brandwache.sla.timesource import pinned

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Wählen Sie ein Datum vom 01.01.1970 bis zum 31.12.2999."
SHOWN_INSTEAD = "Stattdessen unten: die letzten acht Wochen, alle Fristen, je Richtlinie."
WRONG = [
    ({"start": "2026-11-01", "end": "9999-12-31"}, OUT_OF_RANGE),
    ({"start": "0001-01-01", "end": "2026-11-01"}, OUT_OF_RANGE),
    ({"start": "0001-01-01", "end": "9999-12-31"}, OUT_OF_RANGE),
    ({"start": "9999-12-31"}, OUT_OF_RANGE),
    ({"start": "2026-11-20", "end": "2026-11-01"}, "Das Startdatum liegt nach dem Enddatum."),
    ({"start": "gestern", "end": "2026-13-45"}, "Bitte ein gültiges Datum eingeben."),
    ({"start": "2026-11-01\x00"}, "Bitte ein gültiges Datum eingeben."),
]


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


@pytest.mark.parametrize(("params", "message"), WRONG)
def test_the_page_says_what_is_wrong_and_shows_the_default_report(lead_client, params, message):
    with pinned(local(25, 12)):
        response = lead_client.get(reverse("sla:report"), {**params, "by": "team"})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and SHOWN_INSTEAD in page
    # The fields and the download link show the report that is shown: the last eight weeks.
    assert 'value="2026-10-05"' in page and 'value="2026-11-25"' in page
    assert "report.csv?start=2026-10-05&amp;end=2026-11-25&amp;by=policy" in page


@pytest.mark.parametrize(("params", "message"), WRONG)
def test_the_download_is_refused_with_the_reason(lead_client, params, message):
    response = lead_client.get(reverse("sla:report_csv"), params)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


def test_the_widest_range_allowed_is_reported(lead_client):
    response = lead_client.get(
        reverse("sla:report_csv"), {"start": "1970-01-01", "end": "2999-12-31", "by": "week"}
    )
    assert response.status_code == 200
    assert response.content.decode().splitlines()[-1] == "Total,0,0,0,"


@pytest.mark.parametrize("by", ["policy", "team", "owner", "pate", "week"])
def test_the_first_and_last_day_allowed_can_be_counted(by):
    for day in (FIRST_DAY, LAST_DAY):
        report = build_report(ReportFilter(start=day, end=day, by=by))
        assert report.total.total == 0 and report.rows == []
    assert date.min < FIRST_DAY and date.max > LAST_DAY
