from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "oversight.demo"
    label = "demo"
    verbose_name = "Demo data"
