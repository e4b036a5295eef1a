from django.contrib import admin

from .models import Book, Stocktake

admin.site.register(Book)
admin.site.register(Stocktake)
