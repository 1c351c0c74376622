"""No way round the workflow (#16.2): the same rule refuses the same change whichever way it
comes in: the page, the API, an import from the page, `oversight ingest` on the command line.

Three rules, each tried on every path that could make the change:
- a closed response is not re-rated (or re-owned) until it is reopened with a reason;
- only the closure's own steps close a response: a file saying "Closed" asks for closure;
- a due date moves only by an extension an executive decides: a file's later date asks for one.

The files are the register's own spreadsheet exported from the demo, changed the way a force
changes its copy."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from oversight.accounts.models import User
from oversight.ingest.planning import UNCHANGED
from oversight.ingest.services import ingest_confirm, ingest_preview
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    ClosureStage,
    RequestStatus,
    Response,
    ResponseStatus,
)
from oversight.recommendations.services import closure_check, closure_request, closure_sign_off

pytest.importorskip("oversight.ingest.readers")


@pytest.fixture
def demo(db):
    from oversight.demo.load import load_demo

    load_demo()
    return {u.username: u for u in User.objects.filter(organisation__isnull=False)}


def _closed(people) -> Response:
    """An open demo response taken through the real closure: requested, checked, signed off."""
    response = (
        Response.objects.exclude(status__in=CLOSED_STATUSES)
        .exclude(status=ResponseStatus.READY_FOR_CLOSURE)
        .filter(closures__isnull=True, recommendation__cause_of_concern__isnull=True)
        .exclude(rag="")
        .order_by("pk")
        .first()
    )
    closure = closure_request(response=response, actor=people["liaison"], statement="Done.")
    closure = closure_check(closure=closure, actor=people["liaison"])
    closure_sign_off(closure=closure, actor=people["executive"])
    response.refresh_from_db()
    assert response.status == ResponseStatus.CLOSED and response.rag == "blue"
    return response


def _open(exclude: Response | None = None) -> Response:
    return (
        Response.objects.filter(status__in=[ResponseStatus.OPEN, ResponseStatus.IN_PROGRESS])
        .exclude(pk=exclude.pk if exclude else None)
        .exclude(recommendation__due_on=None, revised_due_on=None)
        .filter(closures__isnull=True, extensions__isnull=True)
        .order_by("pk")
        .first()
    )


def _tracker(tmp_path, liaison, change: dict[int, dict[str, str]]):
    """The register's own CSV, as exported today, with some cells changed by Oversight ID."""
    from oversight.papers import tracker as sheet
    from oversight.recommendations.selectors import RegisterFilters, register

    today = dt.date.today()
    queryset = sheet.with_latest_updates(register(liaison, RegisterFilters(), today=today))
    table = list(csv.reader(io.StringIO("".join(sheet.csv_lines(queryset, today=today)))))
    col = {name: i for i, name in enumerate(table[0])}
    for line in table[1:]:
        for name, value in change.get(int(line[col["Oversight ID"]]), {}).items():
            line[col[name]] = value
    out = io.StringIO()
    csv.writer(out).writerows(table)
    path = tmp_path / f"tracker-{len(list(tmp_path.iterdir()))}.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _import_as_the_page_does(path, liaison):
    preview = ingest_preview(actor=liaison, path=path)
    ingest_confirm(batch=preview.batch, actor=liaison, today=dt.date.today())
    return preview.plan


def _import_by_command(path) -> str:
    out = io.StringIO()
    call_command("ingest", str(path), "--as", "liaison", stdout=out)
    return out.getvalue()


def _item(plan, response):
    return next(i for i in plan.recommendations if i.found.oversight_id == response.pk)


def test_a_closed_response_is_not_re_rated_by_the_page_the_api_an_import_or_the_command(
    demo, client, tmp_path
):
    liaison = demo["liaison"]
    closed = _closed(demo)
    before = (closed.rag, closed.status, closed.owner_id, closed.version)

    def unchanged():
        closed.refresh_from_db()
        return (closed.rag, closed.status, closed.owner_id, closed.version) == before

    client.force_login(liaison)
    page = client.post(
        reverse("recommendations:rag-confirm", args=[closed.pk]),
        {"rag": "red", "version": closed.version},
    )
    assert page.status_code == 400 and "A closed response is blue" in page.text
    assert unchanged()
    edit = client.post(
        reverse("recommendations:response-edit", args=[closed.pk]),
        {"version": closed.version, "owner": "", "sign_off": "chief_constable"},
    )
    assert edit.status_code == 400 and "Reopen it, with a reason" in edit.text
    assert unchanged()

    from oversight.api import services as api_services

    secret = api_services.token_create(user=liaison, name="Tests", lifetime_days=1).secret
    api = client.post(
        reverse("api:response-rag", args=[closed.pk]),
        {"rag": "red", "version": closed.version},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert api.status_code == 400 and "A closed response is blue" in api.text
    assert unchanged()

    someone = demo["owner"]
    wanted = {closed.pk: {"RAG": "Red", "Owner": someone.display_name}}
    plan = _import_as_the_page_does(_tracker(tmp_path, liaison, wanted), liaison)
    item = _item(plan, closed)
    assert item.action == UNCHANGED and item.changes == []
    assert any("left as it is: This response is closed" in n for n in item.notes), item.notes
    assert unchanged()

    out = _import_by_command(_tracker(tmp_path, liaison, {closed.pk: {"RAG": "Amber"}}))
    assert "left as it is: This response is closed" in out
    assert unchanged()


def test_a_file_saying_closed_asks_for_closure_and_only_the_sign_off_closes(demo, client, tmp_path):
    liaison, executive = demo["liaison"], demo["executive"]
    first = _open()
    second = _open(exclude=first)

    # the page has no way to set a status: the edit form ignores one
    client.force_login(liaison)
    client.post(
        reverse("recommendations:response-edit", args=[first.pk]),
        {
            "version": first.version,
            "owner": first.owner_id or "",
            "sign_off": first.sign_off,
            "status": "closed",
            "rag": "blue",
        },
    )
    first.refresh_from_db()
    assert first.status not in CLOSED_STATUSES and first.rag != "blue"
    # nor the API: a response is read there, not written
    from oversight.api import services as api_services

    secret = api_services.token_create(user=liaison, name="Tests", lifetime_days=1).secret
    patched = client.patch(
        reverse("api:response-detail", args=[first.pk]),
        {"status": "closed"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert patched.status_code == 405

    plan = _import_as_the_page_does(
        _tracker(tmp_path, liaison, {first.pk: {"Status": "Closed", "RAG": "Blue (complete)"}}),
        liaison,
    )
    assert any("Closure requested" in c for c in _item(plan, first).changes)
    out = _import_by_command(_tracker(tmp_path, liaison, {second.pk: {"Status": "Complete"}}))
    assert "Closure requested" in out
    for response in (first, second):
        response.refresh_from_db()
        assert response.status == ResponseStatus.READY_FOR_CLOSURE, response.status
        assert response.rag != "blue" and response.closed_on is None
        closure = response.closures.get()
        assert closure.stage == ClosureStage.REQUESTED and closure.requested_by == liaison
        assert "Imported as a closure request" in closure.statement
        # the file does not sign it off: the executive does, after the liaison's check
        closure_check(closure=closure, actor=liaison)
        closure_sign_off(closure=closure, actor=executive)
        response.refresh_from_db()
        assert response.status == ResponseStatus.CLOSED and response.rag == "blue"


def test_a_later_due_date_in_a_file_asks_for_an_extension_an_executive_decides(
    demo, client, tmp_path
):
    liaison = demo["liaison"]
    first = _open()
    second = _open(exclude=first)
    later = {r.pk: r.due_on + dt.timedelta(days=90) for r in (first, second)}
    earlier = first.due_on

    # the page: a due date that exists is not set again; it is moved by an extension
    client.force_login(liaison)
    page = client.post(
        reverse("recommendations:due-date-set", args=[first.pk]),
        {"due_on-day": "1", "due_on-month": "1", "due_on-year": "2030", "reason": "x"},
    )
    assert page.status_code == 302
    assert page.url == reverse("recommendations:extension-request", args=[first.pk])
    first.refresh_from_db()
    assert first.due_on == earlier

    def day(value):
        return value.strftime("%d/%m/%Y")

    plan = _import_as_the_page_does(
        _tracker(tmp_path, liaison, {first.pk: {"Revised due date": day(later[first.pk])}}),
        liaison,
    )
    assert any("an executive decides" in c for c in _item(plan, first).changes)
    out = _import_by_command(
        _tracker(tmp_path, liaison, {second.pk: {"Revised due date": day(later[second.pk])}})
    )
    assert "an executive decides" in out
    for response in (first, second):
        was = response.due_on
        response.refresh_from_db()
        assert response.due_on == was  # not moved by the file
        extension = response.extensions.get()
        assert extension.status == RequestStatus.PENDING
        assert extension.proposed_due_on == later[response.pk]
        assert extension.requested_by == liaison


def test_found_by_attacking_it(demo, client, tmp_path):
    """What an attack on the import found, each kept: a closed response's due date is not
    set (page or file); a pending extension is said on the preview, not promised; a viewer
    does not become an owner; a status an imported update moves on says where it came from."""
    from oversight.recommendations.services import due_date_set

    liaison = demo["liaison"]
    closed = _closed(demo)
    with pytest.raises(ValueError, match="This response is closed"):
        due_date_set(response=closed, actor=liaison, due_on=dt.date(2031, 1, 1), reason="x")

    first = _open()
    extension_request_for = first.due_on + dt.timedelta(days=30)
    from oversight.recommendations.services import extension_request

    extension_request(
        response=first, actor=liaison, proposed_due_on=extension_request_for, reason="Waiting."
    )
    later = (first.due_on + dt.timedelta(days=90)).strftime("%d/%m/%Y")
    viewer = next(u for u in demo.values() if u.role == "viewer")
    second = _open(exclude=first)
    plan = ingest_preview(
        actor=liaison,
        path=_tracker(
            tmp_path,
            liaison,
            {
                first.pk: {"Revised due date": later},
                second.pk: {"Owner": viewer.display_name},
            },
        ),
    ).plan
    item = _item(plan, first)
    assert any("an extension is already waiting" in n for n in item.notes), item.notes
    assert not any("requested" in c for c in item.changes)
    ingest_confirm(batch=plan_batch(plan, liaison), actor=liaison, today=dt.date.today())
    second.refresh_from_db()
    assert second.owner_id != viewer.pk


def plan_batch(plan, liaison):
    from oversight.ingest.models import ImportBatch

    return ImportBatch.objects.filter(organisation=liaison.organisation).latest("created_at")


def test_a_real_register_page_saying_complete_asks_for_closure_once_in_progress_once(demo):
    """tests/ingest/real: an HMICFRS register page whose log ends "complete" (Essex, 872)."""
    from pathlib import Path

    real = Path(__file__).parents[1] / "ingest" / "real" / "police"
    liaison = demo["liaison"]
    _import_as_the_page_does(real / "essex-register-misconduct-nfa-872.txt", liaison)
    response = Response.objects.latest("pk")
    assert response.status == ResponseStatus.READY_FOR_CLOSURE
    assert response.closures.get().stage == ClosureStage.REQUESTED
    reasons = [h.history_change_reason for h in response.history.all()]
    assert sum("now in progress" in r for r in reasons) == 1, reasons
    assert all(r.startswith("Imported from essex-register") for r in reasons)
