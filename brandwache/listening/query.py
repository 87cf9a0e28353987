"""Listening queries: which public posts concern an organisation, in Boolean syntax.

    query = parse('(@alpenbahn OR Alpenbahn) AND (verspät* OR "nie wieder") NOT lang:en')
    query.matches("Alpenbahn: Zug wieder verspätet 😡", language="de")  # True

A query is compiled once by `parse`; `Query.matches` then decides each post and
`Query.matched_terms` names the terms a post contains, so whoever tunes a query sees why a
post hit. The syntax and the folding rules are documented in this app's README ("Queries").

Posts and terms go through the same `fold` and `tokens` (in `words`), so a term and a
post spelled alike always agree on what a word is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from brandwache.listening.query_terms import (
    Group,
    Host,
    Language,
    Near,
    Node,
    Not,
    Part,
    Prefix,
    Query,
    QueryError,
    Term,
    Word,
)
from brandwache.listening.words import Post, fold, tokens

OPERATORS = {"AND": "AND", "UND": "AND", "OR": "OR", "ODER": "OR", "NOT": "NOT", "NICHT": "NOT"}
NEAR = re.compile(r"NEAR/(\d+)")
NEAR_LIKE = re.compile(r"(?i)near(?:/\S*)?")
FILTER = re.compile(r"([^\W\d_]+):(\S*)")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")
OPENING_QUOTES = '"„“”«»'
CLOSING_QUOTES = '"“”«»'
LEXEME = re.compile(rf"\s*(?:(\()|(\))|([{OPENING_QUOTES}])|([^\s(){OPENING_QUOTES}]+))")
MIN_STEM = 2  # letters before a "*": "a*" would find half of every post


@dataclass(frozen=True, slots=True)
class Lexeme:
    kind: str  # "(" ")" AND OR NOT NEAR TERM LANG
    start: int  # 0-based character where it begins in the query
    source: str
    node: Term | Language | None = None
    distance: int = 0


def parse(text: str) -> Query:
    """The compiled query; `QueryError` names the character where it goes wrong."""
    lexemes = _lex(text)
    if not lexemes:
        raise QueryError(_("The query is empty."))
    parser = _Parser(lexemes)
    root = parser.any_of()
    if parser.at < len(lexemes):  # only an unmatched ")" stops the parser early
        raise _unopened(lexemes[parser.at])
    query = Query(text, root, tuple(parser.terms))
    _refuse_too_broad(query, [lex.node.code for lex in lexemes if isinstance(lex.node, Language)])
    return query


def _refuse_too_broad(query: Query, codes: list[str]) -> None:
    """A query that matches a post without any of its terms would match a whole language."""
    empty = Post("")
    if any(query.root.test(empty, language) for language in [None, *codes]):
        raise QueryError(
            _(
                "The query matches posts that contain none of its terms (NOT or lang: on "
                "their own do that). Add a term a post must contain, e.g. Alpenbahn NOT Werbung."
            )
        )


def _lex(text: str) -> list[Lexeme]:
    lexemes: list[Lexeme] = []
    at = 0
    while at < len(text):
        match = LEXEME.match(text, at)
        if match is None:  # only whitespace is left
            break
        start = match.start(match.lastindex or 0)
        at = match.end()
        if match.group(1) or match.group(2):
            lexemes.append(Lexeme(match.group(1) or match.group(2), start, text[start]))
        elif match.group(3):
            end = next((i for i in range(at, len(text)) if text[i] in CLOSING_QUOTES), -1)
            if end < 0:
                raise _error(
                    _("The quotation mark at character %(position)d is not closed."), start
                )
            source = text[start : end + 1]
            lexemes.append(Lexeme("TERM", start, source, _term(source, start, text[at:end], at)))
            at = end + 1
        else:
            lexemes.append(_word(match.group(4), start))
    return lexemes


def _word(word: str, start: int) -> Lexeme:
    if word in OPERATORS:
        return Lexeme(OPERATORS[word], start, word)
    if near := NEAR.fullmatch(word):
        if int(near.group(1)) < 1:
            raise _error(_("NEAR at character %(position)d needs a distance of at least 1."), start)
        return Lexeme("NEAR", start, word, distance=int(near.group(1)))
    if NEAR_LIKE.fullmatch(word) and (word.startswith("NEAR") or "/" in word):
        if word.startswith("NEAR"):
            raise _error(
                _("NEAR at character %(position)d needs a distance in words, e.g. NEAR/3."), start
            )
        raise _error(_("Write NEAR at character %(position)d in capitals: NEAR/3."), start)
    if (found := FILTER.fullmatch(word)) and "://" not in word:
        name, value = found.group(1).casefold(), found.group(2).casefold()
        if name != "lang" and not value:  # "Achtung:" is a word followed by a colon
            return Lexeme("TERM", start, word, _term(word, start, word, start))
        if name != "lang":
            raise _error(
                _("Unknown filter “%(name)s:” at character %(position)d; only lang: exists."),
                start,
                name=found.group(1),
            )
        if not LANGUAGE_CODE.fullmatch(value):
            raise _error(
                _("“%(name)s” at character %(position)d is not a language code like de or en."),
                start,
                name=found.group(2),
            )
        return Lexeme("LANG", start, word, Language(value))
    return Lexeme("TERM", start, word, _term(word, start, word, start))


def _term(source: str, start: int, content: str, offset: int) -> Term:
    """A bare word or the content of a phrase; either may stand for several parts."""
    parts: list[Part] = []
    for piece in re.finditer(r"\S+", content):
        parts.extend(_parts(piece.group(), offset + piece.start()))
    if not parts:
        raise _error(
            _(
                "%(name)s at character %(position)d contains no word; punctuation and emoji "
                "are not searched."
            ),
            start,
            name=source,
        )
    return Term(source, tuple(parts))


def _parts(piece: str, start: int) -> list[Part]:
    stem = piece[:-1] if piece.endswith("*") else piece
    if "*" in stem:
        raise _error(
            _("A * can only end a word (character %(position)d): verspät* finds Verspätung."),
            start + stem.index("*"),
        )
    found = tokens(fold(stem))
    parts: list[Part] = [Host(t) if "." in t and t[0] not in "@#" else Word(t) for t in found]
    if stem is not piece:
        if not found or len(found[-1].lstrip("@#")) < MIN_STEM:
            raise _error(
                _("The * at character %(position)d needs two letters or more before it."),
                start + len(stem),
            )
        parts[-1] = Prefix(found[-1])
    return parts


def _error(message: str, start: int, **values: str) -> QueryError:
    return QueryError(message % {"position": start + 1, **values}, start + 1)


def _unopened(closing: Lexeme) -> QueryError:
    message = _("The closing parenthesis at character %(position)d has no opening one.")
    return _error(message, closing.start)


class _Parser:
    """Recursive descent, loosest first: OR, then AND (also implied), NOT, NEAR."""

    def __init__(self, lexemes: list[Lexeme]) -> None:
        self.lexemes = lexemes
        self.at = 0
        self.terms: list[Term | Near] = []

    def peek(self) -> str | None:
        return self.lexemes[self.at].kind if self.at < len(self.lexemes) else None

    def any_of(self) -> Node:
        nodes = [self.all_of()]
        while self.peek() == "OR":
            self.at += 1
            nodes.append(self.all_of())
        return nodes[0] if len(nodes) == 1 else Group("OR", tuple(nodes))

    def all_of(self) -> Node:
        nodes = [self.negation()]
        while (kind := self.peek()) in ("AND", "TERM", "LANG", "(", "NOT"):
            if kind == "AND":
                self.at += 1
            nodes.append(self.negation())
        return nodes[0] if len(nodes) == 1 else Group("AND", tuple(nodes))

    def negation(self) -> Node:
        if self.peek() == "NOT":
            self.at += 1
            return Not(self.negation())
        return self.near()

    def near(self) -> Node:
        left = self.operand()
        if self.peek() != "NEAR":
            return left
        near = self.lexemes[self.at]
        self.at += 1
        right = self.operand()
        if not isinstance(left, Term) or not isinstance(right, Term):
            raise _error(
                _("NEAR at character %(position)d joins two words or phrases, not groups."),
                near.start,
            )
        if self.peek() == "NEAR":
            raise _error(
                _("NEAR at character %(position)d follows another NEAR; join the pairs with AND."),
                self.lexemes[self.at].start,
            )
        source = f"{left.source} {near.source} {right.source}"
        node = Near(source, left, right, near.distance)
        self.terms.append(node)
        return node

    def operand(self) -> Node:
        before = self.lexemes[self.at - 1] if self.at else None
        if self.at == len(self.lexemes) or self.peek() in (")", "AND", "OR", "NEAR"):
            self._missing(before, self.lexemes[self.at] if self.at < len(self.lexemes) else None)
        lexeme = self.lexemes[self.at]
        self.at += 1
        if lexeme.kind != "(":
            assert lexeme.node is not None
            if isinstance(lexeme.node, Term):
                self.terms.append(lexeme.node)
            return lexeme.node
        inner = self.any_of()
        if self.peek() != ")":
            raise _error(
                _("The parenthesis at character %(position)d is not closed."), lexeme.start
            )
        self.at += 1
        return inner

    def _missing(self, before: Lexeme | None, lexeme: Lexeme | None) -> None:
        """Why an operand is missing, told at the operator or parenthesis concerned."""
        if before is not None and before.kind in ("AND", "OR", "NOT", "NEAR"):
            message = _("%(name)s at character %(position)d has nothing on its right.")
            raise _error(message, before.start, name=before.source)
        if lexeme is None:  # "Zug (": parse() refuses an empty query, so `before` is "("
            assert before is not None
            raise _error(
                _("The parenthesis at character %(position)d is not closed."), before.start
            )
        if lexeme.kind != ")":
            message = _("%(name)s at character %(position)d has nothing on its left.")
            raise _error(message, lexeme.start, name=lexeme.source)
        if before is not None and before.kind == "(":
            raise _error(_("The parentheses at character %(position)d are empty."), before.start)
        raise _unopened(lexeme)
