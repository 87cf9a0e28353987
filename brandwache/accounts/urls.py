from django.urls import path

from brandwache.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/code/", views.login_code, name="login_code"),
    path("account/two-factor/", views.two_factor, name="two_factor"),
    path("account/two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
]
