"""`/health/`: the page a load balancer asks, on every app server, whether to send people there.

It answers "OK" as plain text without signing in, reading the session or touching the
database: it says the process is serving. (A page that needs the database answers 503 with
words when the database is away: oversight.ops.middleware.) `make load` measures the same
page as the ceiling of what the stack can serve.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
@never_cache
@require_safe
def health(request):
    return HttpResponse("OK\n", content_type="text/plain; charset=utf-8")
