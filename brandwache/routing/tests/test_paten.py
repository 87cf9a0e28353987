"""`responsible_people`: the contract the SLA escalation relies on."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from brandwache.routing.paten import Responsible, responsible_people
from brandwache.routing.tests.conftest import away, email_case, in_days

pytestmark = pytest.mark.django_db


def test_it_names_the_pate_and_deputy_of_the_cases_category(billing_pate, pate, deputy):
    responsible = responsible_people(email_case(category="billing"))
    assert isinstance(responsible, Responsible)
    assert (responsible.pate, responsible.deputy) == (pate, deputy)
    assert responsible.topic_owner == billing_pate
    assert responsible.available == pate
    assert not responsible.is_deputy_standing_in
    with pytest.raises(dataclasses.FrozenInstanceError):
        responsible.pate = deputy  # type: ignore[misc]


def test_a_case_without_a_pate_has_nobody_responsible(billing_pate):
    for case in [email_case(), email_case(category="delivery")]:
        responsible = responsible_people(case)
        assert responsible.pate is responsible.deputy is responsible.topic_owner is None
        assert responsible.available is None


def test_the_deputy_is_available_while_the_pate_is_away(billing_pate, pate, deputy):
    away(pate, first=-2, last=3)
    responsible = responsible_people(email_case(category="billing"))
    assert responsible.available == deputy and responsible.is_deputy_standing_in
    assert responsible.pate_away is not None and responsible.pate_away.until == in_days(3)
    assert responsible.pate_away.note == "Ferien"
    assert responsible.deputy_away is None


def test_nobody_is_available_when_both_are_away(billing_pate, pate, deputy):
    away(pate)
    away(deputy, first=0, last=0)
    assert responsible_people(email_case(category="billing")).available is None


def test_at_asks_about_another_day(billing_pate, pate, deputy):
    away(pate, first=7, last=9)
    case = email_case(category="billing")
    assert responsible_people(case).available == pate
    next_week = datetime.combine(in_days(8), time(10), tzinfo=timezone.get_current_timezone())
    assert responsible_people(case, at=next_week).available == deputy
    after = next_week + timedelta(days=2)
    assert responsible_people(case, at=after).available == pate


def test_absences_that_follow_each_other_count_as_one(billing_pate, pate):
    away(pate, first=-1, last=2)
    away(pate, first=3, last=5, note="Weiterbildung")
    away(pate, first=9, last=12)  # a gap: not part of this absence
    responsible = responsible_people(email_case(category="billing"))
    assert responsible.pate_away is not None and responsible.pate_away.until == in_days(5)


def test_an_absence_that_starts_tomorrow_does_not_count_today(billing_pate, pate):
    away(pate, first=1, last=4)
    assert responsible_people(email_case(category="billing")).available == pate


def test_a_deactivated_pate_is_away_with_no_return_day(billing_pate, pate, deputy):
    pate.is_active = False
    pate.save()
    responsible = responsible_people(email_case(category="billing"))
    assert responsible.available == deputy
    assert responsible.pate_away is not None and responsible.pate_away.until is None
