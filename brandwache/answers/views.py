"""Inserting a suggestion into the reply (agents), and the public FAQ page (everyone)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from brandwache import placeholders
from brandwache.answers import actions
from brandwache.answers.models import Article, Category, Language, TextModule
from brandwache.answers.variables import reply_text, text_variables
from brandwache.cases.access import case_for_user
from brandwache.cases.models import Message
from brandwache.web.forms import ReplyForm
from brandwache.web.views.common import acting_user, agent_required


class InsertForm(forms.Form):
    item = forms.RegexField(regex=r"^(article|module):\d{1,18}$")
    message = forms.IntegerField(min_value=1)
    rank = forms.IntegerField(min_value=1, max_value=100, required=False)
    score = forms.FloatField(min_value=0, max_value=100, required=False)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _item(value: str) -> Article | TextModule:
    kind, _sep, pk = value.partition(":")
    model = Article if kind == "article" else TextModule
    item = model.objects.filter(pk=int(pk), active=True).first()
    if item is None:
        raise Http404("No such article or text module.")
    return item


@require_POST
@agent_required
def insert(request: HttpRequest, reference: str) -> HttpResponse:
    """Record the agent's choice and return the reply text with its placeholders filled."""
    case = case_for_user(request.user, reference, write=True)
    form = InsertForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"error": _("The suggestion could not be read.")}, status=400)
        messages.error(request, _("The suggestion could not be read."))
        return redirect(case)
    data = form.cleaned_data
    item = _item(data["item"])
    message = Message.objects.filter(
        pk=data["message"], case=case, direction=Message.Direction.INBOUND
    ).first()
    if message is None:
        raise Http404("No such customer message on this case.")
    user = acting_user(request)
    try:
        text = reply_text(item, text_variables(case, user, item.language))
    except placeholders.PlaceholderError as error:
        if _wants_json(request):
            return JsonResponse({"error": str(error)}, status=422)
        messages.error(request, str(error))
        return redirect(case)
    kind = "article" if isinstance(item, Article) else "module"
    actions.record_choice(
        case, message, user, **{kind: item}, rank=data["rank"], score=data["score"]
    )
    if _wants_json(request):
        return JsonResponse({"text": text})
    context = {
        "case": case,
        "item": item,
        "reply_form": ReplyForm(initial={"text": text}),
        "has_email": bool(case.contact and case.contact.primary_email()),
        "nav": "inbox",
    }
    return render(request, "answers/insert.html", context)


# -- public FAQ ---------------------------------------------------------------------------


def _language() -> str:
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return current if current in Language.values else Language.GERMAN


def in_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The English path is English; the plain one follows the visitor's choice."""

    @wraps(view)
    def wrapper(request: HttpRequest, language: str = "") -> HttpResponse:
        if not language:
            return view(request)
        with translation.override(language):
            response = view(request)
            response.headers["Content-Language"] = language
            return response

    return wrapper


def _language_links(request: HttpRequest) -> list[dict[str, object]]:
    current = _language()
    links = []
    for code, _name in settings.LANGUAGES:
        name = "answers:faq_en" if code == "en" else "answers:faq"
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "next": reverse(name),
                "current": code == current,
            }
        )
    return links


@require_GET
@in_language
def faq(request: HttpRequest) -> HttpResponse:
    """Public, active articles in the page's language, by category. Nothing else."""
    language = _language()
    articles = (
        Article.objects.filter(visibility=Article.Visibility.PUBLIC, active=True, language=language)
        .select_related("category")
        .order_by("category__position", "category__key", "title")
    )
    groups: dict[int | None, dict[str, object]] = {}
    for article in articles:
        category: Category | None = article.category
        key = category.pk if category else None
        group = groups.setdefault(
            key, {"name": category.name(language) if category else "", "articles": []}
        )
        group["articles"].append(article)  # type: ignore[attr-defined]
    # Articles without a category come last.
    ordered = [group for key, group in groups.items() if key is not None]
    ordered += [groups[None]] if None in groups else []
    context = {
        "groups": ordered,
        "language_links": _language_links(request),
        "language": language,
    }
    return render(request, "answers/faq.html", context)
