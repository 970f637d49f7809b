from django.core.management.base import BaseCommand

from lintas.demo.loader import DEMO_PASSWORD, load_all


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and build the search index."

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="skip encoding and indexing")

    def handle(self, *args, no_index=False, **options):
        from django.core.management import call_command

        def build_index():
            if not no_index:
                call_command("reindex", stdout=self.stdout)

        figures = load_all(log=self.stdout.write, between=build_index)
        self.stdout.write("loaded: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
        from lintas.core.models import User

        demo_users = User.objects.filter(email__endswith="@demo.lintas.example").order_by(
            "role", "username"
        )
        names = ", ".join(demo_users.values_list("username", flat=True))
        self.stdout.write(f"demo logins (password '{DEMO_PASSWORD}'): {names}")
