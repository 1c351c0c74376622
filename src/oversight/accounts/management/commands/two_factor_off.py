"""`oversight two_factor_off USERNAME`: for a person who has lost their authenticator app."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from oversight.accounts.models import TwoFactor, User
from oversight.accounts.services import two_factor_turn_off


class Command(BaseCommand):
    help = "Turn off two-step verification for a person who has lost their authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        person = User.objects.filter(username=username).first()
        if person is None:
            raise CommandError(f"No person has the username {username!r}.")
        if not TwoFactor.objects.filter(user=person).exists():
            self.stdout.write(f"Two-step verification is already off for {username}.")
            return
        two_factor_turn_off(
            person=person,
            actor=None,
            reason="Two-step verification turned off with `oversight two_factor_off`",
        )
        self.stdout.write(f"Two-step verification is now off for {username}.")
