"""Hand a case to the Pate of its category with one action."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from brandwache.cases.actions import CaseActionError, assign_case
from brandwache.cases.categories import category_label
from brandwache.cases.models import Case
from brandwache.routing.paten import Responsible, responsible_people

REASON = "handed_to_pate"


def hand_to_pate(
    case: Case,
    actor: AbstractBaseUser,
    *,
    ip: str | None = None,
    at: datetime | None = None,
) -> Responsible:
    """Assign the case to the Pate of its category, or to the deputy while the Pate is away.

    The case moves to the Pate's team when one is set. Raises `CaseActionError` when the
    case has no category, the category has no Pate, both are away, or the person who
    would get it holds it already.
    """
    if case.merged_into_id is not None:
        raise CaseActionError(
            _("A merged case cannot be handed on; continue on the case it was merged into.")
        )
    if not case.category:
        raise CaseActionError(_("This case has no category yet; set one to find its Pate."))
    label = category_label(case.category)
    responsible = responsible_people(case, at=at)
    if responsible.topic_owner is None:
        raise CaseActionError(_("The category “%(category)s” has no Pate.") % {"category": label})
    person = responsible.available
    if person is None:
        raise CaseActionError(
            _("The Pate and the deputy of “%(category)s” are both away.") % {"category": label}
        )
    with transaction.atomic():
        # Locked, so two clicks at once cannot both hand the case over.
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.owner_id == person.pk:
            raise CaseActionError(
                _("%(person)s holds this case already.") % {"person": _name(person)}
            )
        case.owner_id, case.team_id = current.owner_id, current.team_id
        assign_case(
            case,
            actor,
            owner=person,
            team=responsible.topic_owner.team or current.team,
            ip=ip,
            reason=REASON,
            category=case.category,
            deputy=responsible.is_deputy_standing_in,
        )
    return responsible


def _name(user: AbstractBaseUser) -> str:
    full_name = getattr(user, "get_full_name", lambda: "")()
    return full_name or user.get_username()
