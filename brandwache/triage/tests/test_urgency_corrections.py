"""Agents correct the urgency signals of a message as a set; the verdict becomes training data."""

from __future__ import annotations

import pytest

from brandwache.cases.actions import CaseActionError
from brandwache.cases.models import CaseEvent
from brandwache.triage.corrections import correct_label, effective_labels, urgency_set
from brandwache.triage.models import LabelCorrection, urgency_value
from brandwache.triage.tests.test_triage_cases import analysed_case  # noqa: F401 (fixture)
from brandwache.triage.training import labelled_cases


def test_an_urgency_value_lists_the_signals_in_a_fixed_order_or_says_none():
    assert urgency_value(["storm", "legal"]) == "legal,storm"
    assert urgency_value([]) == "none"
    assert urgency_set("legal,storm") == {"legal", "storm"}
    assert urgency_set("none") == frozenset()


@pytest.mark.django_db
def test_an_agent_ticks_the_right_signals_and_the_set_is_recorded(agent_client, analysed_case):  # noqa: F811
    case, triage = analysed_case
    predicted = urgency_value(item["kind"] for item in triage.urgency)
    assert "legal" in predicted  # the message threatens a lawyer

    response = agent_client.post(
        f"/triage/{triage.pk}/correct/", {"label": "urgency", "value": ["safety", "legal"]}
    )

    assert response.status_code == 302
    correction = LabelCorrection.objects.get()
    assert (correction.label, correction.predicted, correction.value) == (
        "urgency",
        predicted,
        "legal,safety",
    )
    assert effective_labels(triage)["urgency"] == "legal,safety"
    event = case.events.get(kind=CaseEvent.Kind.LABEL_CORRECTED)
    assert event.data["value"] == "legal,safety"
    (example,) = labelled_cases()
    assert example.urgency == {"legal", "safety"}
    assert "urgency" not in example.labels


@pytest.mark.django_db
def test_no_ticked_box_means_no_signal_at_all(agent_client, analysed_case):  # noqa: F811
    _case, triage = analysed_case
    agent_client.post(f"/triage/{triage.pk}/correct/", {"label": "urgency"})
    assert LabelCorrection.objects.get().value == "none"
    (example,) = labelled_cases()
    assert example.urgency == frozenset()


@pytest.mark.django_db
def test_an_unknown_signal_is_refused(agent, analysed_case):  # noqa: F811
    _case, triage = analysed_case
    with pytest.raises(CaseActionError, match="panic"):
        correct_label(triage, "urgency", "legal,panic", agent)
    assert not LabelCorrection.objects.exists()


@pytest.mark.django_db
def test_a_message_without_an_urgency_verdict_teaches_no_urgency(agent, analysed_case):  # noqa: F811
    _case, triage = analysed_case
    correct_label(triage, "kind", "complaint", agent)
    (example,) = labelled_cases()
    assert example.urgency is None
    assert example.labels == {"kind": "complaint"}


@pytest.mark.django_db
def test_the_case_panel_offers_one_checkbox_per_signal_ticked_as_they_stand(
    agent_client,
    agent,
    analysed_case,  # noqa: F811
):
    case, triage = analysed_case
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert 'name="label" value="urgency"' in page
    assert 'type="checkbox" name="value" value="legal" checked' in page
    assert 'type="checkbox" name="value" value="safety">' in page

    correct_label(triage, "urgency", "safety", agent)
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert 'value="safety" checked' in page
    assert 'value="legal" checked' not in page
