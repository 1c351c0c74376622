from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "oversight.papers"
    label = "papers"
