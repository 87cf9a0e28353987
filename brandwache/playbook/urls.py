from django.urls import path

from brandwache.playbook import views

app_name = "playbook"

urlpatterns = [
    path("cases/<str:reference>/playbook/check/", views.check, name="check"),
    path("cases/<str:reference>/playbook/gesture/", views.gesture, name="gesture"),
    path("cases/<str:reference>/playbook/complaint/", views.complaint, name="complaint"),
]
