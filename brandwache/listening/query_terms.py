"""What a compiled listening query is made of, and how each part tests a post.

`query.parse` builds these from the query's text; `Query.matches` and
`Query.matched_terms` are what callers use. Split from `query.py`, which reads the syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from brandwache.listening.words import Post


class QueryError(ValueError):
    """A query that cannot be compiled; the message says where and what to change."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position  # 1-based character in the query, as the message says


@dataclass(frozen=True, slots=True)
class Word:
    key: str

    def positions(self, post: Post) -> Sequence[int]:
        return post.positions(post.forms(self.key)) if self.key in post.keys else ()

    def found(self, post: Post) -> bool:
        return self.key in post.keys


@dataclass(frozen=True, slots=True)
class Prefix:
    stem: str

    def positions(self, post: Post) -> Sequence[int]:
        keys = [key for key in post.keys if key.startswith(self.stem)]
        return post.positions(set().union(*map(post.forms, keys))) if keys else ()

    def found(self, post: Post) -> bool:
        return any(key.startswith(self.stem) for key in post.keys)


@dataclass(frozen=True, slots=True)
class Host:
    """A domain: found as itself and as any subdomain, in links, addresses and handles."""

    domain: str

    def positions(self, post: Post) -> Sequence[int]:
        tail = "." + self.domain
        found = {token for token, host in post.hosts if host == self.domain or host.endswith(tail)}
        return post.positions(found) if found else ()

    def found(self, post: Post) -> bool:
        return bool(self.positions(post))


Part = Word | Prefix | Host


@dataclass(frozen=True, slots=True)
class Term:
    """A word, wildcard, handle, host or phrase: parts at consecutive positions."""

    source: str
    parts: tuple[Part, ...]

    def starts(self, post: Post) -> Sequence[int]:
        starts = self.parts[0].positions(post)
        for offset, part in enumerate(self.parts[1:], start=1):
            if not starts:
                break
            following = set(part.positions(post))
            starts = [p for p in starts if p + offset in following]
        return starts

    def test(self, post: Post, language: str | None) -> bool:
        if len(self.parts) == 1:
            return self.parts[0].found(post)
        return bool(self.starts(post))

    def describe(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True)
class Near:
    """Both terms, the second among the `distance` words before or after the first."""

    source: str
    left: Term
    right: Term
    distance: int

    def test(self, post: Post, language: str | None) -> bool:
        lefts = self.left.starts(post)
        rights = self.right.starts(post) if lefts else ()
        left_span, right_span = len(self.left.parts), len(self.right.parts)
        for a in lefts:
            for b in rights:
                if b >= a + left_span:
                    steps = b - (a + left_span) + 1
                elif a >= b + right_span:
                    steps = a - (b + right_span) + 1
                else:
                    continue  # the same words cannot stand for both terms
                if steps <= self.distance:
                    return True
        return False

    def describe(self) -> str:
        return f"({self.left.source} NEAR/{self.distance} {self.right.source})"


@dataclass(frozen=True, slots=True)
class Language:
    """`lang:de`: the post's language field is German, or a variant of it ("de-CH")."""

    code: str

    def test(self, post: Post, language: str | None) -> bool:
        if language is None:
            return False
        language = language.casefold().replace("_", "-")
        return language == self.code or language.startswith(self.code + "-")

    def describe(self) -> str:
        return f"lang:{self.code}"


@dataclass(frozen=True, slots=True)
class Not:
    node: Node

    def test(self, post: Post, language: str | None) -> bool:
        return not self.node.test(post, language)

    def describe(self) -> str:
        return f"NOT {self.node.describe()}"


@dataclass(frozen=True, slots=True)
class Group:
    """Terms joined by AND (all of them) or by OR (any of them)."""

    operator: str
    nodes: tuple[Node, ...]

    def test(self, post: Post, language: str | None) -> bool:
        tests = (node.test(post, language) for node in self.nodes)
        return all(tests) if self.operator == "AND" else any(tests)

    def describe(self) -> str:
        return "(" + f" {self.operator} ".join(node.describe() for node in self.nodes) + ")"


Node = Term | Near | Language | Not | Group


@dataclass(frozen=True)
class Query:
    text: str
    root: Node
    # Terms and NEAR groups in the order written, for `matched_terms`.
    terms: tuple[Term | Near, ...] = field(repr=False)

    def matches(self, post: str | Post, language: str | None = None) -> bool:
        """Whether the post (text, or a `Post` shared by several queries) concerns us."""
        return self.root.test(post if isinstance(post, Post) else Post(post), language)

    def matched_terms(self, post: str | Post) -> list[str]:
        """The terms (and satisfied NEAR groups) the post contains, as written in the query,
        including those under NOT: they explain why a post was left out."""
        post = post if isinstance(post, Post) else Post(post)
        found = (term.source for term in self.terms if term.test(post, None))
        return list(dict.fromkeys(found))

    def __str__(self) -> str:
        """The query with every group in parentheses: how it was understood."""
        return self.root.describe()
