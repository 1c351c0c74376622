from django.urls import path

from oversight.recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.register, name="register"),
    path("responses/<int:pk>/", views.response_detail, name="response-detail"),
]
