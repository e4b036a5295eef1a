from celery import shared_task

from .models import Book, Stocktake


@shared_task
def stocktake():
    """Counts the books and records the count: the job the worker runs and the scheduler plans nightly."""
    return Stocktake.objects.create(book_count=Book.objects.count()).pk
