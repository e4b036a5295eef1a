from django.contrib import admin
from django.urls import path

from catalogue import views

urlpatterns = [
    path("health/", views.health),
    path("books/", views.books),
    path("admin/", admin.site.urls),
]
