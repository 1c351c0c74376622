from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "oversight.inspections"
    label = "inspections"
