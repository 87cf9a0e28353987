from django.urls import path

from brandwache.public import views

app_name = "public"

urlpatterns = [
    path("beschwerde/", views.complaint, name="complaint"),
    path("beschwerde/danke/", views.complaint_thanks, name="complaint_thanks"),
    path("beschwerde/danke/<str:token>/", views.complaint_received, name="complaint_received"),
    # The same pages in English, whatever the browser asks for.
    path("complaint/", views.complaint, {"language": "en"}, name="complaint_en"),
    path(
        "complaint/thanks/", views.complaint_thanks, {"language": "en"}, name="complaint_thanks_en"
    ),
    path(
        "complaint/thanks/<str:token>/",
        views.complaint_received,
        {"language": "en"},
        name="complaint_received_en",
    ),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/renew/", views.status_renew, name="status_renew"),
]
