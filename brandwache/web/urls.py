from django.urls import path

from brandwache.web import views

app_name = "web"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("cases/<str:reference>/", views.case_detail, name="case"),
]
