from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "oversight.reminders"
    label = "reminders"
