from django.test import TestCase

from .models import Book


class EndpointTests(TestCase):
    """What the generated pipeline's test job runs (python manage.py test), against its PostgreSQL service."""

    def test_health_answers_while_the_database_is_reachable(self):
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok")

    def test_books_are_listed_by_title(self):
        Book.objects.create(title="Middlemarch", author="George Eliot")
        Book.objects.create(title="Emma", author="Jane Austen")
        response = self.client.get("/books/")
        self.assertEqual([book["title"] for book in response.json()["books"]], ["Emma", "Middlemarch"])
