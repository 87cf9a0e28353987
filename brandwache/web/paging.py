"""Pagination without COUNT(*): fetch one row more than a page to know whether one follows.

Counting a filtered set of 100,000 cases on every page view costs more than
the page itself; agents need "next" and "previous", not the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Page[T]:
    items: list[T]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def page_number(value: str | None) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return max(1, min(number, 100_000))


def peek_page[T](queryset: QuerySet[object, T], page: str | None, per_page: int = 50) -> Page[T]:
    number = page_number(page)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return Page(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
