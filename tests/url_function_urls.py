"""A URL map of one page, for tests/test_url_function.py."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("only/here/", lambda request: HttpResponse("here"), name="only-here")]
