from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "oversight.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards and search"

    def ready(self) -> None:
        from oversight.dashboards.search import index

        index.connect()
