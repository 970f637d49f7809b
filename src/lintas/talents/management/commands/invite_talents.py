from django.core.management.base import BaseCommand

from lintas.talents.domain.invitations import invite_alumni


class Command(BaseCommand):
    help = "Invite programme alumni and trainees without a talent profile (each person once)."

    def handle(self, *args, **options):
        self.stdout.write(f"{invite_alumni()} people invited")
