from django.urls import path

from oversight.ops import views

app_name = "ops"

urlpatterns = [
    path("", views.health, name="health"),
]
