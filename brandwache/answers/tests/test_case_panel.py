"""The "Suggested answers" panel on the case page and the Insert button behind it."""

from __future__ import annotations

import re

import pytest

from brandwache.answers.models import Article, SuggestionChoice, TextModule
from brandwache.answers.tests.conftest import mail_case
from brandwache.cases.models import Message

pytestmark = pytest.mark.django_db


def panel(html: str) -> str:
    return html.split('id="suggested-answers"', 1)[1].split("</section>", 1)[0]


def inserted_items(html: str) -> list[str]:
    return re.findall(r'name="item" value="([a-z]+:\d+)"', panel(html))


def customer_message(case) -> Message:
    return case.messages.get(direction=Message.Direction.INBOUND)


def test_the_panel_shows_three_suggestions_for_the_latest_customer_message(
    agent_client, delay_case
):
    html = agent_client.get(delay_case.get_absolute_url()).content.decode()
    delay = Article.objects.get(slug="verspaetung-entschaedigung")
    assert inserted_items(html)[0] == f"article:{delay.pk}"
    assert len(inserted_items(html)) == 3
    assert "Entschädigung bei Verspätung" in panel(html)
    assert re.search(r'class="badge"[^>]*>0[.,]\d\d<', panel(html))  # the score
    assert 'src="/static/answers/suggestions.js"' in panel(html)


def test_a_case_without_a_fitting_answer_says_so(agent_client, knowledge_base):
    case = mail_case("Hallo", "Hallo")
    html = agent_client.get(case.get_absolute_url()).content.decode()
    assert inserted_items(html) == []
    assert "Insert" not in panel(html) and "Einfügen" not in panel(html)


def test_insert_returns_the_filled_in_text_and_records_the_choice(agent_client, agent, delay_case):
    module = TextModule.objects.get(shortcut="zwischenbescheid")
    message = customer_message(delay_case)
    response = agent_client.post(
        f"/cases/{delay_case.reference}/answers/insert/",
        {"item": f"module:{module.pk}", "message": message.pk, "rank": 2, "score": "0.41"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    text = response.json()["text"]
    assert text.startswith("Guten Tag Ruedi Meier\n\nentschuldigen Sie")
    assert delay_case.reference in text and "{" not in text
    choice = SuggestionChoice.objects.get()
    assert (choice.module, choice.message, choice.chosen_by, choice.rank) == (
        module,
        message,
        agent,
        2,
    )


def test_without_javascript_insert_opens_the_reply_form_with_the_text(agent_client, delay_case):
    article = Article.objects.get(slug="verspaetung-entschaedigung")
    response = agent_client.post(
        f"/cases/{delay_case.reference}/answers/insert/",
        {"item": f"article:{article.pk}", "message": customer_message(delay_case).pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="/cases/{delay_case.reference}/reply/"' in html
    assert re.search(r'<textarea name="text"[^>]*id="id_text"[^>]*>\s*Guten Tag Ruedi Meier', html)
    assert SuggestionChoice.objects.filter(article=article).exists()


def test_a_message_of_another_case_cannot_be_answered_here(agent_client, delay_case):
    other = mail_case("Velo", "Darf mein Velo mit?", sender="Lea <lea@example.ch>")
    module = TextModule.objects.get(shortcut="rueckruf")
    response = agent_client.post(
        f"/cases/{delay_case.reference}/answers/insert/",
        {"item": f"module:{module.pk}", "message": customer_message(other).pk},
    )
    assert response.status_code == 404
    assert not SuggestionChoice.objects.exists()


def test_only_agents_who_may_write_can_insert(client, outsider, colleague, delay_case, team):
    module = TextModule.objects.get(shortcut="rueckruf")
    data = {"item": f"module:{module.pk}", "message": customer_message(delay_case).pk}
    url = f"/cases/{delay_case.reference}/answers/insert/"
    assert client.post(url, data).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.post(url, data).status_code == 403
    delay_case.team = team  # the colleague is in another team and cannot see the case
    delay_case.save()
    client.force_login(colleague)
    assert client.post(url, data).status_code == 404
    assert not SuggestionChoice.objects.exists()


def test_insert_needs_a_post_with_a_csrf_token(client, agent, delay_case):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    module = TextModule.objects.get(shortcut="rueckruf")
    data = {"item": f"module:{module.pk}", "message": customer_message(delay_case).pk}
    url = f"/cases/{delay_case.reference}/answers/insert/"
    assert strict.post(url, data).status_code == 403
    assert strict.get(url).status_code == 405
    assert not SuggestionChoice.objects.exists()
