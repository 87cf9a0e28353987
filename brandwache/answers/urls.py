from django.urls import path

from brandwache.answers import views

app_name = "answers"

urlpatterns = [
    path("cases/<str:reference>/answers/insert/", views.insert, name="insert"),
    path("faq/", views.faq, name="faq"),
    # The same page in English, whatever the browser asks for.
    path("en/faq/", views.faq, {"language": "en"}, name="faq_en"),
]
