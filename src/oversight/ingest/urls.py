from django.urls import path

from oversight.ingest import views

app_name = "import"  # the pages say "Import"; the package is DESIGN.md's ingest

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/columns/", views.columns, name="columns"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/result/", views.result, name="result"),
]
