"""Organisations: unique slugs, name lists validated, edited as comma-separated text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from brandwache.organisations.admin import OrganisationForm
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_slug_names_one_organisation():
    Organisation.objects.create(slug="alpenbahn", name="Alpenbahn")
    with pytest.raises(IntegrityError):
        Organisation.objects.create(slug="alpenbahn", name="Alpen-Bahn")


def test_name_lists_must_hold_non_empty_names():
    organisation = Organisation(slug="kaufhafen", name="Kaufhafen", aliases=["ok", ""])
    with translation.override("en"), pytest.raises(ValidationError, match="non-empty"):
        organisation.full_clean()


def test_the_admin_form_takes_comma_separated_names():
    form = OrganisationForm(
        data={"slug": "kaufhafen", "name": "Kaufhafen", "handles": "@kaufhafen, kaufhafen.de"}
    )
    assert form.is_valid(), form.errors
    organisation = form.save()
    assert organisation.handles == ["@kaufhafen", "kaufhafen.de"]
    assert organisation.aliases == []
