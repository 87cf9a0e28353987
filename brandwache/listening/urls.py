from django.urls import path

from brandwache.listening import views, webhook_views

app_name = "listening"

urlpatterns = [
    path("", views.page, name="page"),
    path("webhook/<int:source_id>/", webhook_views.receive, name="webhook"),
]
