"""Every change to the knowledge base or to the recorded choices renews a revision token,
so each process's in-memory index knows it is out of date (see `index.py`)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from brandwache.answers import actions
from brandwache.answers.models import Article, Category, SuggestionChoice, TextModule


def content_changed(**kwargs: Any) -> None:
    actions.bump_revision(content=True)


def feedback_changed(**kwargs: Any) -> None:
    actions.bump_revision(feedback=True)


def connect() -> None:
    for model in (Article, TextModule, Category):
        uid = f"answers.content.{model.__name__}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(feedback_changed, sender=SuggestionChoice, dispatch_uid="answers.fb.save")
    post_delete.connect(feedback_changed, sender=SuggestionChoice, dispatch_uid="answers.fb.del")
