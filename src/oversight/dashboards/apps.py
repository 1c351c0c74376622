from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "oversight.dashboards"
    label = "dashboards"
