import time

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Stocktake
from catalogue.tasks import stocktake


class Command(BaseCommand):
    help = "Queues a stocktake for the worker and waits until the worker has recorded it."

    def add_arguments(self, parser):
        parser.add_argument("--wait", type=int, default=60, help="seconds to wait for the worker")

    def handle(self, *args, wait, **options):
        before = Stocktake.objects.count()
        stocktake.delay()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if Stocktake.objects.count() > before:
                self.stdout.write(f"stocktake recorded by the worker: {Stocktake.objects.latest('counted_at').book_count} books")
                return
            time.sleep(0.5)
        raise CommandError(f"no worker recorded the stocktake within {wait} s")
