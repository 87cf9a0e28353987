from django.urls import path

from brandwache.sla import views

app_name = "sla"

urlpatterns = [
    path("soon/", views.soon, name="soon"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_download, name="report_csv"),
]
