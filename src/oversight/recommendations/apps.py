from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "oversight.recommendations"
    label = "recommendations"
