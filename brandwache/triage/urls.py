from django.urls import path

from brandwache.triage import views

app_name = "triage"

urlpatterns = [
    path("triage/<int:pk>/correct/", views.correct, name="correct"),
]
