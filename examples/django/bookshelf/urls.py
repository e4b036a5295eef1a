from django.contrib import admin
from django.urls import include, path

from catalogue import views

urlpatterns = [
    path("health/", views.health),
    path("books/", views.books),
    path("admin/", admin.site.urls),
    # /metrics, for Prometheus on the Compose network; Caddy answers it with 404 from the internet.
    path("", include("django_prometheus.urls")),
]
