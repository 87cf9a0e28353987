"""Every write of the knowledge base goes through here: versioned article saves, recorded
suggestion choices, and the revision token the in-memory index watches."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from brandwache.answers.models import (
    Article,
    ArticleVersion,
    Revision,
    SuggestionChoice,
    TextModule,
)
from brandwache.cases.models import Case, Message

# What a version keeps of an article; a save that changes none of these adds no version.
VERSIONED = ("title", "body", "language", "keywords", "visibility", "active")


class AnswerError(ValueError):
    """A write the knowledge base refuses; the message says why."""


def bump_revision(*, content: bool = False, feedback: bool = False) -> None:
    """Give the knowledge base (and/or the choices) a new random revision token."""
    values = {}
    if content:
        values["content"] = uuid.uuid4()
    if feedback:
        values["feedback"] = uuid.uuid4()
    if values and not Revision.objects.filter(pk=1).update(**values):
        Revision.objects.get_or_create(pk=1, defaults=values)


def _snapshot(article: Article) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(article, name) for name in VERSIONED}
    values["category_key"] = article.category.key if article.category_id else ""
    return values


@transaction.atomic
def save_article(article: Article, user: AbstractBaseUser | None) -> bool:
    """Save an article; keep its text as a new version if anything versioned changed.

    Returns whether a new version was written. The row is locked while its version
    number is counted up, so two editors saving at once get two versions.
    """
    snapshot = _snapshot(article)
    last = None
    if article.pk is not None:
        # Without the default ordering: PostgreSQL cannot lock through its outer join.
        Article.objects.select_for_update().filter(pk=article.pk).order_by().first()
        last = ArticleVersion.objects.filter(article_id=article.pk).order_by("-version").first()
    if last is not None and all(getattr(last, key) == value for key, value in snapshot.items()):
        article.save()
        return False
    article.version = (last.version if last else 0) + 1
    article.save()
    ArticleVersion.objects.create(
        article=article, version=article.version, saved_by=user, **snapshot
    )
    return True


def record_choice(
    case: Case,
    message: Message,
    user: AbstractBaseUser,
    *,
    article: Article | None = None,
    module: TextModule | None = None,
    rank: int | None = None,
    score: float | None = None,
) -> SuggestionChoice:
    """Remember that `user` inserted this article or module as an answer to `message`."""
    if (article is None) == (module is None):
        raise AnswerError("Choose exactly one article or text module.")
    if message.case_id != case.pk or message.direction != Message.Direction.INBOUND:
        raise AnswerError("The message is no customer message of this case.")
    return SuggestionChoice.objects.create(
        case=case,
        message=message,
        article=article,
        module=module,
        rank=rank,
        score=score,
        chosen_by=user,
    )
