"""The in-memory index of this process, rebuilt when the knowledge base changes.

Each suggestion request reads the one `Revision` row (a primary-key lookup). When its
content token differs from the one the index was built at, the index is rebuilt from
the active articles and modules; when only the feedback token differs, the recorded
choices are reloaded (message vectors are cached by text, so only new messages are
vectorised). The token is read before the content, so a change committed in between
just causes one more rebuild.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from dataclasses import dataclass, field

from scipy import sparse

from brandwache.answers.models import Article, Revision, SuggestionChoice, TextModule
from brandwache.answers.ranking import Feedback, Index, Item, Suggestion
from brandwache.cases.models import Case, Message

# Below this a suggestion is noise (a few shared letter groups) and is not shown.
MINIMUM_SCORE = 0.12
# How many of the latest recorded choices feed the ranking.
FEEDBACK_LIMIT = 2000


@dataclass
class _State:
    content: uuid.UUID | None = None
    feedback_token: uuid.UUID | None = None
    index: Index | None = None
    feedback: Feedback | None = None
    vectors: dict[str, sparse.csr_matrix] = field(default_factory=dict)


_lock = threading.Lock()
_state = _State()


def load_items() -> list[Item]:
    """The active articles and text modules as ranking items."""
    items = [
        Item(
            key=f"article:{a.slug}",
            title=a.title,
            body=a.body,
            language=a.language,
            keywords=a.keywords,
            category=a.category.key if a.category else "",
            pk=a.pk,
        )
        for a in Article.objects.filter(active=True).select_related("category").order_by("pk")
    ]
    items += [
        Item(
            key=f"module:{m.shortcut}",
            title=m.name,
            body=m.body,
            language=m.language,
            keywords=m.keywords,
            category=m.category.key if m.category else "",
            pk=m.pk,
        )
        for m in TextModule.objects.filter(active=True).select_related("category").order_by("pk")
    ]
    return items


def _feedback_records() -> list[tuple[str, str]]:
    rows = SuggestionChoice.objects.order_by("-pk").values_list(
        "message__subject", "message__text", "article__slug", "module__shortcut"
    )[:FEEDBACK_LIMIT]
    return [
        (f"{subject}\n{text}", f"article:{slug}" if slug else f"module:{shortcut}")
        for subject, text, slug, shortcut in rows
    ]


def _feedback(state: _State, index: Index) -> Feedback:
    records = _feedback_records()
    if not records:
        return Feedback(index, None, [])
    rows = []
    for text, _key in records:
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest not in state.vectors:
            state.vectors[digest] = index.vectorise([text])
        rows.append(state.vectors[digest])
    return Feedback(index, sparse.vstack(rows).tocsr(), [key for _text, key in records])


def current() -> tuple[Index, Feedback]:
    """This process's index and feedback, rebuilt first if the database has changed."""
    tokens = Revision.objects.filter(pk=1).values_list("content", "feedback").first()
    content, feedback = tokens or (None, None)
    with _lock:
        state = _state
        if state.index is None or state.content != content:
            state.index = Index(load_items())
            state.content = content
            state.vectors = {}
            state.feedback = None
        if state.feedback is None or state.feedback_token != feedback:
            state.feedback = _feedback(state, state.index)
            state.feedback_token = feedback
        return state.index, state.feedback


def suggest(text: str, *, language: str | None = None, limit: int = 3) -> list[Suggestion]:
    """The best items of the stored knowledge base for a text, best first."""
    index, feedback = current()
    return index.search(
        text, language=language, limit=limit, feedback=feedback, minimum=MINIMUM_SCORE
    )


def latest_customer_message(case: Case) -> Message | None:
    return (
        Message.objects.filter(case=case, direction=Message.Direction.INBOUND)
        .order_by("-created_at", "-pk")
        .first()
    )


def message_text(message: Message) -> str:
    return f"{message.subject}\n{message.text}".strip()
