from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from brandwache.accounts.views import LoginView

# A complaint too large to read is answered with the form and its limits, not a bare 400.
handler400 = "brandwache.public.views.bad_request"

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("brandwache.accounts.urls")),
    path("", include("brandwache.public.urls")),
    path("", include("brandwache.web.urls")),
    path("notifications/", include("brandwache.notifications.urls")),
    path("", include("brandwache.routing.urls")),
    path("", include("brandwache.triage.urls")),
    path("", include("brandwache.answers.urls")),
    path("", include("brandwache.playbook.urls")),
    path("sla/", include("brandwache.sla.urls")),
    path("listening/", include("brandwache.listening.urls")),
]
