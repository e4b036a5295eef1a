from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from .models import Book


@require_GET
def health(request):
    """200 while the app can reach its database; no session, no CSRF."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def books(request):
    return JsonResponse({"books": list(Book.objects.values("title", "author").order_by("title"))})
