from django.urls import path

from brandwache.routing import views

app_name = "routing"

urlpatterns = [
    path("cases/<str:reference>/hand-to-pate/", views.hand_over, name="hand_to_pate"),
    path("paten/", views.overview, name="paten"),
]
