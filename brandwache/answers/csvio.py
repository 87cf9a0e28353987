"""The knowledge base as one CSV file: categories, articles and text modules.

Columns: kind, key, language, category, title, visibility, active, keywords, body.

- `category` rows: one per language (`language` de or en), `title` is the name there.
- `article` rows: `key` is the article's key, `visibility` internal or public.
- `module` rows: `key` is the shortcut, `title` the name; `visibility` stays empty.

An import checks every row first and writes nothing if any row is bad; the errors name
the line. Rows are matched by kind and key: new ones are created, changed ones updated
(an article through `save_article`, so it gets a new version), equal ones left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brandwache import placeholders
from brandwache.answers.actions import save_article
from brandwache.answers.models import Article, Category, Language, TextModule, key_validator
from brandwache.answers.variables import VARIABLE_NAMES

COLUMNS = [
    "kind",
    "key",
    "language",
    "category",
    "title",
    "visibility",
    "active",
    "keywords",
    "body",
]
KINDS = ("category", "article", "module")
# An empty "active" column means active.
TRUE = {"1", "true", "yes", "ja", "y", "x", ""}
FALSE = {"0", "false", "no", "nein", "n"}
LIMITS = {"key": 80, "title": 200, "keywords": 300}


class ImportRefused(ValueError):
    """The file has bad rows; nothing was imported. `errors` lists them by line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def export_rows() -> Iterable[dict[str, str]]:
    for category in Category.objects.order_by("position", "key"):
        for language in Language.values:
            yield {
                "kind": "category",
                "key": category.key,
                "language": language,
                "title": category.name(language),
            }
    for article in Article.objects.select_related("category").order_by("slug"):
        yield {
            "kind": "article",
            "key": article.slug,
            "language": article.language,
            "category": article.category.key if article.category else "",
            "title": article.title,
            "visibility": article.visibility,
            "active": "1" if article.active else "0",
            "keywords": article.keywords,
            "body": article.body,
        }
    for module in TextModule.objects.select_related("category").order_by("shortcut"):
        yield {
            "kind": "module",
            "key": module.shortcut,
            "language": module.language,
            "category": module.category.key if module.category else "",
            "title": module.name,
            "active": "1" if module.active else "0",
            "keywords": module.keywords,
            "body": module.body,
        }


def export_csv(out: TextIO) -> int:
    """Write the whole knowledge base; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in export_rows():
        writer.writerow(row)
        count += 1
    return count


def export_text() -> str:
    buffer = io.StringIO()
    export_csv(buffer)
    return buffer.getvalue()


def _check(line: int, row: dict[str, str], known_categories: set[str]) -> list[str]:
    errors = []
    kind, key, language = row["kind"], row["key"], row["language"]
    if kind not in KINDS:
        return [_("line %(line)s: unknown kind “%(kind)s”") % {"line": line, "kind": kind}]
    try:
        key_validator(key)
    except ValidationError:
        errors.append(
            _("line %(line)s: the key “%(key)s” is not valid") % {"line": line, "key": key}
        )
    if language not in Language.values:
        errors.append(_("line %(line)s: the language must be de or en") % {"line": line})
    if not row["title"]:
        errors.append(_("line %(line)s: the title is missing") % {"line": line})
    for column, limit in LIMITS.items():
        if len(row[column]) > limit:
            errors.append(
                _("line %(line)s: %(column)s is longer than %(limit)s characters")
                % {"line": line, "column": column, "limit": limit}
            )
    if row["active"].lower() not in TRUE | FALSE:
        errors.append(_("line %(line)s: active must be 1 or 0") % {"line": line})
    if kind == "category":
        return errors
    if not row["body"].strip():
        errors.append(_("line %(line)s: the text is missing") % {"line": line})
    if row["category"] and row["category"] not in known_categories:
        errors.append(
            _("line %(line)s: unknown category “%(category)s”")
            % {"line": line, "category": row["category"]}
        )
    if kind == "article" and row["visibility"] not in Article.Visibility.values:
        errors.append(_("line %(line)s: visibility must be internal or public") % {"line": line})
    if kind == "module":
        try:
            placeholders.validate(row["body"], VARIABLE_NAMES)
        except placeholders.PlaceholderError as error:
            errors.append(_("line %(line)s: %(error)s") % {"line": line, "error": error})
    return errors


def read_rows(source: TextIO) -> list[tuple[int, dict[str, str]]]:
    """The rows with the line each starts on (a text may span several lines)."""
    reader = csv.DictReader(source)
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            columns = ", ".join(missing)
            raise ImportRefused([_("missing columns: %(columns)s") % {"columns": columns}])
        rows = []
        start = reader.line_num + 1
        for row in reader:
            clean = {column: (row.get(column) or "").strip() for column in COLUMNS}
            clean["body"] = (row.get("body") or "").strip("\n")
            rows.append((start, clean))
            start = reader.line_num + 1
    except csv.Error as error:
        line = {"line": reader.line_num, "error": error}
        raise ImportRefused([_("line %(line)s: %(error)s") % line]) from None
    return rows


def check_rows(rows: list[tuple[int, dict[str, str]]]) -> list[str]:
    known = set(Category.objects.values_list("key", flat=True))
    known |= {row["key"] for _line, row in rows if row["kind"] == "category"}
    errors: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in rows:
        errors += _check(line, row, known)
        identity = (row["kind"], row["key"], row["language"] if row["kind"] == "category" else "")
        if identity in seen:
            errors.append(
                _("line %(line)s: the same %(kind)s as on line %(first)s")
                % {"line": line, "kind": row["kind"], "first": seen[identity]}
            )
        seen.setdefault(identity, line)
    return errors


def import_csv(source: TextIO, user: AbstractBaseUser | None) -> ImportReport:
    """Import a file in the export format, all rows or none (raises ImportRefused)."""
    rows = read_rows(source)
    errors = check_rows(rows)
    if errors:
        raise ImportRefused(errors)
    report = ImportReport()
    with transaction.atomic():
        names: dict[str, dict[str, str]] = {}
        for _line, row in rows:
            if row["kind"] == "category":
                names.setdefault(row["key"], {})[row["language"]] = row["title"]
        for key, by_language in names.items():
            _import_category(key, by_language, report)
        categories = {c.key: c for c in Category.objects.all()}
        for _line, row in rows:
            if row["kind"] == "article":
                _import_article(row, categories, user, report)
            elif row["kind"] == "module":
                _import_module(row, categories, report)
    return report


def _count(report: ImportReport, created: bool, changed: bool) -> None:
    if created:
        report.created += 1
    elif changed:
        report.updated += 1
    else:
        report.unchanged += 1


def _assign(obj: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _import_category(key: str, names: dict[str, str], report: ImportReport) -> None:
    """One category from its rows (one per language); a missing language takes the other."""
    category = Category.objects.filter(key=key).first()
    created = category is None
    if category is None:
        fallback = next(iter(names.values()))
        category = Category(key=key, name_de=fallback, name_en=fallback)
        category.position = (Category.objects.count() + 1) * 10
    changed = _assign(category, {f"name_{language}": name for language, name in names.items()})
    if created or changed:
        category.save()
    _count(report, created, changed)


def _common(row: dict[str, str], categories: dict[str, Category]) -> dict[str, object]:
    return {
        "language": row["language"],
        "category": categories.get(row["category"]),
        "keywords": row["keywords"],
        "body": row["body"],
        "active": row["active"].lower() in TRUE,
    }


def _import_article(
    row: dict[str, str],
    categories: dict[str, Category],
    user: AbstractBaseUser | None,
    report: ImportReport,
) -> None:
    article = Article.objects.filter(slug=row["key"]).first()
    created = article is None
    if article is None:
        article = Article(slug=row["key"])
    values = _common(row, categories) | {"title": row["title"], "visibility": row["visibility"]}
    changed = _assign(article, values)
    if created or changed:
        save_article(article, user)
    _count(report, created, changed)


def _import_module(
    row: dict[str, str], categories: dict[str, Category], report: ImportReport
) -> None:
    module = TextModule.objects.filter(shortcut=row["key"]).first()
    created = module is None
    if module is None:
        module = TextModule(shortcut=row["key"])
    changed = _assign(module, _common(row, categories) | {"name": row["title"]})
    if created or changed:
        module.save()
    _count(report, created, changed)
