from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=200)
    published = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.title


class Stocktake(models.Model):
    """One count of the catalogue, written by the background job."""

    counted_at = models.DateTimeField(auto_now_add=True)
    book_count = models.PositiveIntegerField()
