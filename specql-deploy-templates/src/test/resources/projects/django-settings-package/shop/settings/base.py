import os

import dj_database_url

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
DATABASES = {"default": dj_database_url.config(conn_max_age=60)}
ROOT_URLCONF = "shop.urls"
STATIC_ROOT = "/app/staticfiles"
MEDIA_ROOT = BASE_DIR / "media"
