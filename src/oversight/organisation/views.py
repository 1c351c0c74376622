"""The liaison lead manages their organisation: its people (invite, change role, deactivate,
never delete), its portfolios and boards. Committees, their standing text and the Word
template are under Papers. Every page is the liaison's of this organisation only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oversight.accounts import selectors, services
from oversight.accounts.choices import Role
from oversight.accounts.forms import DeactivateForm, NamedForm, PersonForm, SettingsForm
from oversight.accounts.policies import role_required
from oversight.conflicts import EditConflict, latest_change
from oversight.pages import render_form
from oversight.papers.selectors import committees_for
from oversight.recommendations.selectors import open_responses_by_owner

LIAISON = role_required(Role.LIAISON)
SECTION = "organisation"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _link_base(request) -> str:
    return request.build_absolute_uri("/")


@LIAISON
@require_GET
def index(request):
    return render(
        request,
        "accounts/organisation/index.html",
        {
            "title": f"Manage {request.user.organisation.name}",
            "active_section": SECTION,
            "people": selectors.people_of(request.user).filter(is_active=True).count(),
            "portfolios": selectors.portfolios_of(request.user).count(),
            "boards": selectors.boards_of(request.user).count(),
            "committees": committees_for(request.user).count(),
        },
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def settings(request):
    organisation = request.user.organisation
    initial = {
        "viewers_download_evidence": "yes" if organisation.viewers_download_evidence else "no",
        "expected": latest_change(organisation),
    }
    form = SettingsForm(_posted(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_settings_set(
                organisation=organisation,
                actor=request.user,
                viewers_download_evidence=form.cleaned_data["viewers_download_evidence"],
                expected=form.cleaned_data["expected"],
            )
        except EditConflict as exc:
            conflict = exc
            organisation.refresh_from_db()
            form = SettingsForm(
                initial={
                    "viewers_download_evidence": "yes"
                    if organisation.viewers_download_evidence
                    else "no",
                    "expected": latest_change(organisation),
                }
            )
        else:
            messages.success(request, "The settings were saved.")
            return redirect("organisation:index")
    return render_form(
        request,
        "accounts/organisation/settings.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title="Settings",
        active_section=SECTION,
    )


@LIAISON
@require_GET
def people(request):
    return render(
        request,
        "accounts/organisation/people.html",
        {
            "title": "People",
            "active_section": SECTION,
            "people": selectors.people_of(request.user),
            "open_counts": open_responses_by_owner(request.user),
        },
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def person_invite(request):
    form = PersonForm(_posted(request), inviting=True, initial={"role": Role.OWNER})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_invite(
                organisation=request.user.organisation,
                actor=request.user,
                username=data["username"],
                role=data["role"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                job_title=data["job_title"],
                link_base=_link_base(request),
            )
        except ValueError as exc:
            form.add_error("username" if "username" in str(exc) else None, str(exc))
        else:
            messages.success(
                request,
                f"{person.display_name} was added. An invitation to choose a password was "
                f"sent to {person.email}.",
            )
            return redirect("organisation:people")
    return render_form(
        request,
        "accounts/organisation/person_form.html",
        form,
        title="Invite a person",
        active_section=SECTION,
        person=None,
    )


def _person_initial(person) -> dict:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "job_title": person.job_title,
        "role": person.role,
        "expected": latest_change(person),
    }


@LIAISON
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = selectors.person_for(request.user, pk)
    if person.is_superuser:
        raise PermissionDenied("This is the account of someone who runs Oversight.")
    form = PersonForm(_posted(request), inviting=False, initial=_person_initial(person))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_change(
                person=person,
                actor=request.user,
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                job_title=data["job_title"],
                email=data["email"],
                expected=data["expected"],
            )
        except EditConflict as exc:
            conflict = exc
            person.refresh_from_db()
            form = PersonForm(inviting=False, initial=_person_initial(person))
        except ValueError as exc:
            form.add_error("role" if "role" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"{person.display_name}’s details were saved.")
            return redirect("organisation:people")
    return render_form(
        request,
        "accounts/organisation/person_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Change {person.display_name}",
        active_section=SECTION,
        person=person,
        open_count=open_responses_by_owner(request.user).get(person.pk, 0),
        is_self=person.pk == request.user.pk,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def person_deactivate(request, pk: int):
    person = selectors.person_for(request.user, pk)
    form = DeactivateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_deactivate(
                person=person, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{person.display_name} was deactivated. They can no longer sign in; "
                "everything they did keeps their name.",
            )
            return redirect("organisation:people")
    return render_form(
        request,
        "accounts/organisation/person_deactivate.html",
        form,
        title=f"Deactivate {person.display_name}",
        active_section=SECTION,
        person=person,
        open_count=open_responses_by_owner(request.user).get(person.pk, 0),
    )


@LIAISON
@require_POST
def person_reactivate(request, pk: int):
    person = selectors.person_for(request.user, pk)
    try:
        services.person_reactivate(person=person, actor=request.user)
    except ValueError as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, f"{person.display_name} was reactivated and can sign in again.")
    return redirect("organisation:person-edit", person.pk)


@LIAISON
@require_POST
def person_invitation(request, pk: int):
    person = selectors.person_for(request.user, pk)
    try:
        services.invitation_send(person=person, actor=request.user, link_base=_link_base(request))
    except ValueError as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, f"A new invitation was sent to {person.email}.")
    return redirect("organisation:person-edit", person.pk)


# --- portfolios and boards: a name and a person (the lead, or the chair) -------------------------

KINDS = {
    "portfolio": {
        "noun": "portfolio",
        "plural": "Portfolios",
        "person": "Lead",
        "person_hint": "For example, ACC Bell",
        "intro": "The areas of the organisation’s business that own recommendations, each with its "
        "chief officer lead.",
        "list": selectors.portfolios_of,
        "one": selectors.portfolio_for,
        "create": lambda o, a, n, p: services.portfolio_create(
            organisation=o, actor=a, name=n, lead=p
        ),
        "change": lambda x, a, n, p, e: services.portfolio_change(
            portfolio=x, actor=a, name=n, lead=p, expected=e
        ),
        "person_of": lambda x: x.lead,
    },
    "board": {
        "noun": "board",
        "plural": "Boards",
        "person": "Chair",
        "person_hint": "For example, DCC Ward",
        "intro": "The governance boards that hold recommendation owners to account.",
        "list": selectors.boards_of,
        "one": selectors.board_for,
        "create": lambda o, a, n, p: services.board_create(
            organisation=o, actor=a, name=n, chair=p
        ),
        "change": lambda x, a, n, p, e: services.board_change(
            board=x, actor=a, name=n, chair=p, expected=e
        ),
        "person_of": lambda x: x.chair,
    },
}


def _named_list(request, kind: str):
    spec = KINDS[kind]
    return render(
        request,
        "accounts/organisation/named_list.html",
        {
            "title": spec["plural"],
            "active_section": SECTION,
            "kind": kind,
            "spec": spec,
            "items": spec["list"](request.user),
        },
    )


def _named_form(request, kind: str, pk: int | None):
    spec = KINDS[kind]
    item = spec["one"](request.user, pk) if pk is not None else None
    initial = (
        {"name": item.name, "person": spec["person_of"](item), "expected": latest_change(item)}
        if item
        else {}
    )
    form = NamedForm(_posted(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if item is None:
                spec["create"](
                    request.user.organisation, request.user, data["name"], data["person"]
                )
            else:
                spec["change"](item, request.user, data["name"], data["person"], data["expected"])
        except EditConflict as exc:
            conflict = exc
            item.refresh_from_db()
            form = NamedForm(
                initial={
                    "name": item.name,
                    "person": spec["person_of"](item),
                    "expected": latest_change(item),
                }
            )
        except ValueError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, f"{data['name']} was saved.")
            return redirect(f"organisation:{kind}s")
    noun = spec["noun"]
    return render_form(
        request,
        "accounts/organisation/named_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Change {item.name}" if item else f"Add a {noun}",
        active_section=SECTION,
        kind=kind,
        spec=spec,
        item=item,
        noun=noun,
    )


@LIAISON
@require_GET
def portfolios(request):
    return _named_list(request, "portfolio")


@LIAISON
@require_http_methods(["GET", "POST"])
def portfolio_add(request):
    return _named_form(request, "portfolio", None)


@LIAISON
@require_http_methods(["GET", "POST"])
def portfolio_edit(request, pk: int):
    return _named_form(request, "portfolio", pk)


@LIAISON
@require_GET
def boards(request):
    return _named_list(request, "board")


@LIAISON
@require_http_methods(["GET", "POST"])
def board_add(request):
    return _named_form(request, "board", None)


@LIAISON
@require_http_methods(["GET", "POST"])
def board_edit(request, pk: int):
    return _named_form(request, "board", pk)
