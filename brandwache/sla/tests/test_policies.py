"""Which policy a case gets: the shipped defaults, the first match by order, each condition."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from brandwache.cases.models import Case
from brandwache.contacts.models import Contact
from brandwache.sla.matching import choose_policy
from brandwache.sla.models import SlaClock, SlaPolicy
from brandwache.sla.tests.helpers import clock, local, open_case

pytestmark = pytest.mark.django_db


def policy(name: str, order: int, **fields: object) -> SlaPolicy:
    return SlaPolicy.objects.create(name=name, order=order, first_response_minutes=30, **fields)


def test_install_ships_a_standard_and_a_stricter_urgent_policy() -> None:
    standard = SlaPolicy.objects.get(name="Standard")
    urgent = SlaPolicy.objects.get(name="Dringend")

    assert (standard.first_response_minutes, standard.next_update_minutes) == (300, 540)
    assert standard.resolution_minutes == 5 * 540
    assert [
        (step.who, step.after.total_seconds() / 60) for step in standard.escalation_steps()
    ] == [
        ("deputy", 0),
        ("team_lead", 120),
    ]
    assert urgent.priorities == ["urgent"] and urgent.order < standard.order
    assert urgent.first_response_minutes < standard.first_response_minutes


def test_a_new_case_gets_five_business_hours_for_the_first_response() -> None:
    case = open_case(local(20, 16))  # Friday 16:00

    first = clock(case, SlaClock.Kind.FIRST_RESPONSE)

    assert first.policy.name == "Standard"
    assert first.due_at == local(23, 12)  # Monday noon
    case.refresh_from_db()
    assert case.sla_due_at == local(23, 12)


def test_the_first_matching_policy_by_order_wins() -> None:
    policy("Billing", 20, categories=["billing"])
    policy("Billing first", 5, categories=["billing"])
    case = open_case(category="billing")

    assert choose_policy(case).name == "Billing first"


def test_an_inactive_policy_is_skipped() -> None:
    policy("Billing", 5, categories=["billing"], active=False)
    case = open_case(category="billing")

    assert choose_policy(case).name == "Standard"


def test_conditions_on_channel_priority_and_customer_group_must_all_match() -> None:
    policy("VIP mail", 5, channels=["email"], priorities=["high"], customer_groups=["premium"])
    case = open_case(priority="high")

    assert choose_policy(case).name == "Standard"  # not in the group yet
    Contact.objects.filter(pk=case.contact_id).update(group="premium")
    case = Case.objects.get(pk=case.pk)
    assert choose_policy(case).name == "VIP mail"
    case.channel = "phone"
    assert choose_policy(case).name == "Standard"


@override_settings(BRANDWACHE_PUBLIC_CHANNELS=["email"])
def test_public_threads_can_have_their_own_policy() -> None:
    policy("Public", 5, visibility=SlaPolicy.Visibility.PUBLIC)
    policy("Private", 6, visibility=SlaPolicy.Visibility.PRIVATE)
    case = open_case()

    assert choose_policy(case).name == "Public"
    case.channel = "webform"
    assert choose_policy(case).name == "Private"


def test_the_urgent_policy_applies_to_urgent_cases() -> None:
    case = open_case(priority=Case.Priority.URGENT)

    assert choose_policy(case).name == "Dringend"


def test_no_matching_policy_means_no_clocks() -> None:
    SlaPolicy.objects.update(active=False)

    case = open_case()

    assert not SlaClock.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).sla_due_at is None


def test_malformed_escalation_steps_are_refused() -> None:
    bad = SlaPolicy(name="Bad", escalation=[{"who": "boss", "after": 0}])

    with pytest.raises(ValidationError) as raised:
        bad.full_clean()

    assert "escalation" in raised.value.message_dict


def test_condition_lists_must_be_lists_of_names() -> None:
    bad = SlaPolicy(name="Bad", channels="email")

    with pytest.raises(ValidationError) as raised:
        bad.full_clean()

    assert "channels" in raised.value.message_dict


def test_an_administrator_sets_up_a_policy_with_checkboxes_and_steps(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:sla_slapolicy_add"),
        {
            "name": "Presse",
            "active": "on",
            "order": "1",
            "first_response_minutes": "30",
            "reminder_percent": "50",
            "escalation": '[{"who": "team_lead", "after": 0}]',
            "channels": ["email", "webform"],
            "priorities": ["high", "urgent"],
            "customer_groups": "presse, behoerde",
            "visibility": "any",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = SlaPolicy.objects.get(name="Presse")
    assert stored.channels == ["email", "webform"]
    assert stored.customer_groups == ["presse", "behoerde"]
    assert stored.categories == [] and stored.resolution_minutes is None
    page = admin_client.get(reverse("admin:sla_slapolicy_change", args=[stored.pk]))
    assert 'value="presse, behoerde"' in page.content.decode()
