"""The liaison's pages for the committees: each committee's settings and standing words, its
meetings, and the organisation's Word template."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from oversight.conflicts import EditConflict, latest_change
from oversight.pages import render_form
from oversight.papers import selectors, services
from oversight.papers.forms import (
    CommitteeForm,
    MeetingForm,
    StandingTextForm,
    TemplateForm,
)
from oversight.papers.models import ItemOrder, WordTemplate
from oversight.papers.views import LIAISON, posted
from oversight.recommendations.filetypes import RefusedFile


@LIAISON
@require_http_methods(["GET"])
def committees(request):
    return render(
        request,
        "papers/committees.html",
        {
            "title": "Committees",
            "active_section": "organisation",
            "committees": selectors.committees_for(request.user).order_by("name"),
        },
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def committee_add(request):
    return _committee_form(request, None)


@LIAISON
@require_http_methods(["GET", "POST"])
def committee_edit(request, pk: int):
    return _committee_form(request, selectors.committee_for(request.user, pk))


def _committee_initial(committee) -> dict:
    return {
        "name": committee.name,
        "short_name": committee.short_name,
        "item_order": committee.item_order,
        "names_owners": "yes" if committee.names_owners else "no",
        "expected": latest_change(committee),
    }


def _committee_form(request, committee):
    form = CommitteeForm(
        posted(request),
        initial=_committee_initial(committee)
        if committee
        else {"item_order": ItemOrder.THEME, "names_owners": "no"},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if committee is None:
                services.committee_create(
                    organisation=request.user.organisation,
                    name=data["name"],
                    short_name=data["short_name"],
                    item_order=data["item_order"] or ItemOrder.THEME,
                    names_owners=bool(data["names_owners"]),
                    actor=request.user,
                )
            else:
                services.committee_change(
                    committee=committee,
                    actor=request.user,
                    name=data["name"],
                    short_name=data["short_name"],
                    expected=data["expected"],
                    item_order=data["item_order"] or None,
                    names_owners=data["names_owners"],
                )
        except EditConflict as exc:
            conflict = exc
            committee.refresh_from_db()
            form = CommitteeForm(initial=_committee_initial(committee))
        except ValueError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, f"{data['name']} was saved.")
            return redirect("papers:committees")
    return render_form(
        request,
        "papers/committee_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Change {committee.name}" if committee else "Add a committee",
        active_section="organisation",
        committee=committee,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def meeting_add(request):
    committees = list(selectors.committees_for(request.user))
    form = MeetingForm(posted(request), committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(
                committee=form.cleaned_data["committee"],
                held_on=form.cleaned_data["held_on"],
                actor=request.user,
            )
        except ValueError as exc:
            form.add_error("held_on", str(exc))
        else:
            messages.success(request, "The meeting was added.")
            return redirect("papers:list")
    return render_form(
        request, "papers/meeting_form.html", form, title="Add a meeting", active_section="papers"
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def standing_text(request, pk: int):
    committee = selectors.committee_for(request.user, pk)
    initial = {key: (committee.standing_text or {}).get(key, "") for key in services.STANDING_KEYS}
    initial["expected"] = services.standing_digest(committee)
    form = StandingTextForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        texts = {key: form.cleaned_data[key] for key in services.STANDING_KEYS}
        try:
            services.committee_standing_text_set(
                committee=committee,
                actor=request.user,
                texts=texts,
                expected=form.cleaned_data["expected"] or None,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
            return render_form(
                request,
                "papers/standing_text_form.html",
                form,
                status=409,
                title=f"Standing text for {committee.name}",
                active_section="papers",
                committee=committee,
            )
        else:
            messages.success(
                request,
                "The standing text was saved. Drafts pick it up when you regenerate them; "
                "issued papers keep their words.",
            )
            return redirect("papers:list")
    return render_form(
        request,
        "papers/standing_text_form.html",
        form,
        title=f"Standing text for {committee.name}",
        active_section="papers",
        committee=committee,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def word_template(request):
    form = TemplateForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.word_template_upload(
                organisation=request.user.organisation,
                actor=request.user,
                upload=form.cleaned_data["file"],
            )
        except RefusedFile as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, "The Word template was uploaded: new Word papers use it.")
            return redirect("papers:list")
    current = WordTemplate.objects.filter(
        organisation=request.user.organisation, is_active=True
    ).first()
    return render_form(
        request,
        "papers/template_form.html",
        form,
        title="Word template for papers",
        active_section="papers",
        current=current,
    )
