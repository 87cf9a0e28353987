from django.urls import path

from brandwache.web.views import case, case_actions, contact, entry, inbox, intake

app_name = "web"

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("cases/<str:reference>/", case.case_detail, name="case"),
    path("cases/<str:reference>/reply/", case_actions.reply, name="case_reply"),
    path("cases/<str:reference>/note/", case_actions.note, name="case_note"),
    path("cases/<str:reference>/retry/", case_actions.retry, name="case_retry"),
    path("cases/<str:reference>/assign/", case_actions.assign, name="case_assign"),
    path("cases/<str:reference>/status/", case_actions.status, name="case_status"),
    path("cases/<str:reference>/priority/", case_actions.priority, name="case_priority"),
    path("cases/<str:reference>/category/", case_actions.category, name="case_category"),
    path("cases/<str:reference>/subject/", case_actions.subject, name="case_subject"),
    path("cases/<str:reference>/merge/", case_actions.merge, name="case_merge"),
    path("cases/<str:reference>/attachments/<int:pk>/", case.attachment, name="attachment"),
    path("contacts/<int:pk>/", contact.contact_detail, name="contact"),
    path("contacts/<int:pk>/merge/", contact.merge, name="contact_merge"),
    path("contacts/<int:pk>/identities/", contact.add_identity, name="contact_add_identity"),
    path("entries/new/", entry.new_entry, name="new_entry"),
    path("intake/problems/", intake.problems, name="intake_problems"),
    path("intake/problems/reprocess/", intake.reprocess_all, name="intake_reprocess_all"),
    path("intake/problems/<int:pk>/reprocess/", intake.reprocess, name="intake_reprocess"),
    path("intake/raw/<int:pk>/", intake.raw_payload, name="intake_raw"),
]
