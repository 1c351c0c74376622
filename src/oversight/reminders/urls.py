from django.urls import path

from oversight.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.reminder_list, name="list"),
]
