"""The knowledge base: categories, FAQ articles with their versions, text modules, and the
suggestions agents chose (feedback for the ranking)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


key_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$", _("Use lower-case letters, digits and hyphens only.")
)


class Category(models.Model):
    """A topic of the knowledge base, named in both languages for the public FAQ."""

    key = models.CharField(_("key"), max_length=50, unique=True, validators=[key_validator])
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("knowledge-base category")
        verbose_name_plural = _("knowledge-base categories")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.name_de or self.key

    def name(self, language: str) -> str:
        return self.name_en if language == Language.ENGLISH else self.name_de


class Article(models.Model):
    """An FAQ article. Every save through `actions.save_article` keeps a version."""

    class Visibility(models.TextChoices):
        INTERNAL = "internal", _("Internal (agents only)")
        PUBLIC = "public", _("Public (FAQ page)")

    slug = models.CharField(_("key"), max_length=80, unique=True, validators=[key_validator])
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.GERMAN
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    keywords = models.CharField(
        _("search words"),
        max_length=300,
        blank=True,
        help_text=_("Further words customers use for this topic; they help the suggestions."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["category__position", "title"]
        indexes = [
            models.Index(fields=["visibility", "active", "language"], name="article_public_idx")
        ]

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """The text of an article as saved once: who saved it and when. Never changed."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    category_key = models.CharField(_("category"), max_length=50, blank=True)
    keywords = models.CharField(_("search words"), max_length=300, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Article.Visibility.choices
    )
    active = models.BooleanField(_("active"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="article_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class TextModule(models.Model):
    """A reusable reply text (Textbaustein) with `{placeholders}`, filled in when inserted."""

    shortcut = models.CharField(
        _("shortcut"), max_length=50, unique=True, validators=[key_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Placeholders such as {salutation} are filled in when inserted.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.GERMAN
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="modules",
    )
    keywords = models.CharField(_("search words"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("text module")
        verbose_name_plural = _("text modules")
        ordering = ["shortcut"]

    def __str__(self) -> str:
        return f"{self.name} ({self.shortcut})"


class SuggestionChoice(models.Model):
    """An agent inserted this suggestion for this customer message; feeds the ranking."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.ForeignKey(
        "cases.Message", verbose_name=_("message"), on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="choices",
    )
    module = models.ForeignKey(
        TextModule,
        verbose_name=_("text module"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="choices",
    )
    rank = models.PositiveSmallIntegerField(_("rank shown"), null=True, blank=True)
    score = models.FloatField(_("score shown"), null=True, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("chosen suggestion")
        verbose_name_plural = _("chosen suggestions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, module__isnull=True)
                | models.Q(article__isnull=True, module__isnull=False),
                name="suggestion_choice_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.item_key}"

    @property
    def item_key(self) -> str:
        return f"article:{self.article_id}" if self.article_id else f"module:{self.module_id}"


class Revision(models.Model):
    """One row whose tokens change with every change to the knowledge base or the choices.

    The in-memory index compares them to decide whether to rebuild; random tokens (not
    counters) stay unique even when a transaction that changed them is rolled back.
    """

    content = models.UUIDField(default=uuid.uuid4)
    feedback = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("knowledge-base revision")

    def __str__(self) -> str:
        return f"{self.content} / {self.feedback}"
