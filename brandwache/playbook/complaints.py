"""Is a case a complaint? The playbook panel and the reply reviews ask this one function.

1. The newest triage of the case decides, with the agents' corrections of its kind.
2. Without a triage, the newest word of an agent on the playbook panel decides.
3. Otherwise a case with a category counts as a complaint: the public complaint form and
   agents set categories on complaints, questions rarely get one.
"""

from __future__ import annotations

from dataclasses import dataclass

from brandwache.cases.models import Case
from brandwache.playbook.models import ComplaintMark
from brandwache.triage.corrections import effective_labels
from brandwache.triage.models import Triage


@dataclass(frozen=True)
class ComplaintStatus:
    is_complaint: bool
    source: str  # "triage", "agent", "category" or "none"
    kind: str = ""  # the triage's kind as it stands, when the triage decided


def complaint_status(case: Case) -> ComplaintStatus:
    triage = (
        Triage.objects.filter(case=case)
        .prefetch_related("corrections")
        .order_by("-created_at", "-pk")
        .first()
    )
    if triage is not None:
        kind = effective_labels(triage)["kind"]
        return ComplaintStatus(kind == "complaint", "triage", kind)
    mark = ComplaintMark.objects.filter(case=case).order_by("-created_at", "-pk").first()
    if mark is not None:
        return ComplaintStatus(mark.is_complaint, "agent")
    if case.category:
        return ComplaintStatus(True, "category")
    return ComplaintStatus(False, "none")
