"""Where public posts come from, the posts as stored, and what they say about whom."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandwache.listening.query import QueryError, parse


class Source(models.Model):
    """One place polled or fed for posts; its schedule and HTTP caching state live here."""

    class Kind(models.TextChoices):
        FEED = "feed", _("RSS/Atom feed")
        JSONL = "jsonl", _("JSON Lines import")
        WEBHOOK = "webhook", _("Webhook")
        MASTODON = "mastodon", _("Mastodon")
        BLUESKY = "bluesky", _("Bluesky")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Empty: the posts may concern any organisation.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sources",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    interval_minutes = models.PositiveIntegerField(_("interval in minutes"), default=15)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    etag = models.CharField(_("ETag"), max_length=255, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=64, blank=True)
    cursor = models.CharField(_("cursor"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        indexes = [models.Index(fields=["enabled", "next_poll_at"], name="source_due_idx")]

    def __str__(self) -> str:
        return self.name


class ListeningQuery(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="listening_queries",
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.TextField(_("query"), help_text=_("Boolean syntax, see the listening help."))
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("listening query")
        verbose_name_plural = _("listening queries")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            parse(self.query)
        except QueryError as error:
            raise ValidationError({"query": str(error)}) from None


class Post(models.Model):
    """A public post as read from its source; the payload itself stays on `raw`."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="posts"
    )
    external_id = models.CharField(_("external id"), max_length=255)
    raw = models.ForeignKey(
        "intake.RawMessage",
        verbose_name=_("raw message"),
        on_delete=models.PROTECT,
        related_name="listening_posts",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("posted"), null=True, blank=True)
    lang = models.CharField(_("language"), max_length=16, blank=True)
    text = models.TextField(_("text"))
    in_reply_to = models.CharField(_("in reply to"), max_length=255, blank=True)
    # {"followers": n, "replies": n, "views": n}, where the source gives them.
    reach = models.JSONField(_("reach"), default=dict, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)
    thread = models.ForeignKey(
        "Thread",
        verbose_name=_("thread"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    # A repost or near-duplicate points at the first post; it makes no mention or case.
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="post_unique_source_external_id"
            )
        ]
        # A complaint joins the open case of the same author on the source: found from
        # the author's few posts, not from all mentions of the organisation.
        indexes = [models.Index(fields=["source", "author"], name="post_source_author_idx")]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class Mention(models.Model):
    """A post that concerns an organisation, with what the triage models read in it."""

    class Label(models.TextChoices):
        EXPLICIT_COMPLAINT = "explicit_complaint", _("Complaint to the organisation")
        IMPLICIT_COMPLAINT = "implicit_complaint", _("Complaint about the organisation")
        OTHER_ABOUT_ORG = "other_about_org", _("Other post about the organisation")
        UNRELATED = "unrelated", _("Unrelated")

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="mentions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    label = models.CharField(_("label"), max_length=32, choices=Label.choices)
    relevance = models.CharField(_("relevance"), max_length=16, blank=True)
    sentiment = models.CharField(_("sentiment"), max_length=16, blank=True)
    kind = models.CharField(_("kind"), max_length=16, blank=True)
    explicit = models.BooleanField(_("addressed to the organisation"), default=False)
    # The triage's category of the post (a configured case category), empty when unsure;
    # a case the mention went to has the final say (agents correct it there).
    category = models.CharField(_("category"), max_length=100, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "organisation"], name="mention_unique_post_organisation"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="mention_org_time_idx"),
            models.Index(
                fields=["organisation", "label", "-created_at"], name="mention_org_label_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.post_id} {self.label}"


class Thread(models.Model):
    """A reply chain or forum topic on one source, with the figures its escalation risk
    is computed from (see `threads.py`)."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="threads"
    )
    # "id:<root external id>" for a reply chain, "url:<topic link>" for a forum topic.
    key = models.CharField(_("key"), max_length=1000)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    size = models.PositiveIntegerField(_("posts"), default=0)
    posts_last_hour = models.PositiveIntegerField(_("posts in the last hour"), default=0)
    posts_hour_before = models.PositiveIntegerField(_("posts in the hour before"), default=0)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    reach = models.PositiveBigIntegerField(_("reach"), default=0)
    negative_share = models.FloatField(_("share of negative mentions"), default=0.0)
    own_replies = models.PositiveIntegerField(_("own replies"), default=0)
    # Post ids of the organisation's own replies that argue in public instead of
    # offering a personal contact.
    arguing_replies = models.JSONField(_("arguing replies"), default=list, blank=True)
    first_post_at = models.DateTimeField(_("first post"), null=True, blank=True)
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True)
    risk = models.PositiveSmallIntegerField(_("escalation risk"), default=0)
    # False from an alert until the risk falls below the threshold minus 20.
    alert_armed = models.BooleanField(_("alert armed"), default=True)
    alerted_at = models.DateTimeField(_("last alert"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="thread_unique_source_key")
        ]
        indexes = [models.Index(fields=["organisation", "-risk"], name="thread_org_risk_idx")]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"


class SpikeAlert(models.Model):
    """One spike in an organisation's hourly mention count of one topic, alerted once.

    The row is what keeps a spike from alerting twice: a spike that overlaps a row of its
    organisation and topic is the same spike (see `spike_alerts.py`).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="spike_alerts",
    )
    # "all", a case category, or a complaint label where no category is known yet.
    topic = models.CharField(_("topic"), max_length=100)
    start = models.DateTimeField(_("start hour"))
    # Empty while the spike is running; then the last hour above normal.
    end = models.DateTimeField(_("end hour"), null=True, blank=True)
    peak = models.PositiveIntegerField(_("peak mentions in an hour"))
    expected = models.FloatField(_("expected at the peak"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("spike alert")
        verbose_name_plural = _("spike alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "topic", "start"], name="spike_alert_unique_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.topic} {self.start.isoformat()}"


class PostSignature(models.Model):
    """One key under which an original post is found again by its copies: the hash of its
    folded text, or of one band of its MinHash (see `duplicates.py`), per organisation.

    Kept in the database rather than in memory, so a batch looks up its candidates with
    one query however many posts came before, and every worker sees the same originals."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="signatures"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.BigIntegerField(_("value"))

    class Meta:
        verbose_name = _("post signature")
        verbose_name_plural = _("post signatures")
        indexes = [models.Index(fields=["organisation", "value"], name="signature_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.value} → {self.post_id}"
