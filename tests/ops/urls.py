"""A URL map for the middleware tests: views that fail on the database."""

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import path

from oversight.config.urls import urlpatterns as service_urls


@login_not_required
def busy(request):
    raise OperationalError("database is locked")


@login_not_required
def closed(request):
    raise InterfaceError("connection already closed")


@login_not_required
def broken(request):
    raise ValueError("not a database problem")


@login_not_required
def fine(request):
    return HttpResponse("fine")


urlpatterns = [
    path("busy/", busy),
    path("closed/", closed),
    path("broken/", broken),
    path("fine/", fine),
    *service_urls,  # the error pages link to them
]

handler500 = "oversight.dashboards.views.server_error"
