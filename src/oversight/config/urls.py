"""The URL map. Every view named here is walked by tests/test_permissions.py."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("oversight.dashboards.urls")),
    path("account/", include("oversight.accounts.urls")),
    path("organisation/", include("oversight.organisation.urls")),
    path("recommendations/", include("oversight.recommendations.urls")),
    path("inspections/", include("oversight.inspections.urls")),
    path("papers/", include("oversight.papers.urls")),
    path("import/", include("oversight.ingest.urls")),
    # the Import pages' old address (before #19's one vocabulary), kept for bookmarks
    re_path(
        r"^ingest/(?P<rest>.*)$",
        RedirectView.as_view(url="/import/%(rest)s", query_string=True),
        name="ingest-old",
    ),
    path("reminders/", include("oversight.reminders.urls")),
    path("", include("oversight.api.urls")),
    path("health/", include("oversight.ops.urls")),  # for load balancers: ops/views.py
    path("admin/", admin.site.urls),  # operators (superusers) only: accounts/admin_site.py
]

handler400 = "oversight.dashboards.views.bad_request"
handler404 = "oversight.dashboards.views.not_found"
handler403 = "oversight.dashboards.views.forbidden"
handler500 = "oversight.dashboards.views.server_error"
