"""Managing inspections (the liaison): record and edit one, move it to its next step (dated),
say who takes part, record the hot debrief and the follow-up actions, correct a step's date."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from oversight import clock
from oversight.inspections import selectors, services
from oversight.inspections.dates import (
    as_written,
    read_when,
    reread_when,
    say_back,
    understood_as,
)
from oversight.inspections.forms.inspections import (
    ActionForm,
    DebriefForm,
    InspectionCreateForm,
    InspectionForm,
    MoveForm,
    PeopleForm,
    StepForm,
)
from oversight.inspections.models import InspectionStatus, next_steps
from oversight.inspections.views import LIAISON, attempt, posted
from oversight.pages import render_form
from oversight.rules.partial_dates import PartialDate


def _say(request, done: str, *lines: str) -> None:
    messages.success(request, " ".join([done, *lines]))


@LIAISON
@require_http_methods(["GET", "POST"])
def inspection_add(request):
    today = clock.today()
    inspectorates = list(selectors.inspectorates())
    hmicfrs = [str(o.pk) for o in inspectorates if o.short_name == "HMICFRS"]
    form = InspectionCreateForm(
        posted(request),
        inspectorates=inspectorates,
        initial={
            "status": InspectionStatus.NOTIFIED,
            "status_when": as_written(today),
            "lead_inspectorates": hmicfrs,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = read_when(data["when"], reference=today)
        end = read_when(data["until"], reference=start.on or today) if data["until"] else None
        status_when = read_when(data["status_when"], reference=today)
        inspection, _ = attempt(
            form,
            lambda: services.inspection_create(
                organisation=request.user.organisation,
                title=data["title"],
                kind=data["kind"],
                status=data["status"],
                start=start,
                end=end,
                summary=data["summary"],
                lead_inspectorates=data["lead_inspectorates"],
                status_when=status_when,
                actor=request.user,
            ),
        )
        if inspection is not None:
            lines = [say_back("When", start)]
            if end is not None:
                lines.append(say_back("Until", end))
            lines.append(say_back(InspectionStatus(data["status"]).label, status_when))
            _say(request, "The inspection was recorded.", *lines)
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/inspection_form.html",
        form,
        title="Record an inspection",
        active_section="inspections",
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def inspection_edit(request, pk: int):
    inspection = selectors.inspection_for_action(request.user, pk)
    form = InspectionForm(posted(request), initial=InspectionForm.initial_from(inspection))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        today = clock.today()
        start = reread_when(data["when"], current=inspection.start, today=today)
        end = None
        if data["until"] or inspection.has_end:
            end = reread_when(data["until"], current=inspection.end, today=start.on or today)
        saved, conflict = attempt(
            form,
            lambda: services.inspection_edit(
                inspection=inspection,
                actor=request.user,
                expected_version=data["version"],
                title=data["title"],
                kind=data["kind"],
                summary=data["summary"],
                start=start,
                end=end,
            ),
        )
        if conflict is not None:
            inspection.refresh_from_db()
            form = InspectionForm(initial=InspectionForm.initial_from(inspection))
        elif saved is not None:
            lines = [say_back("When", start)]
            if end is not None and end.text:
                lines.append(say_back("Until", end))
            _say(request, "The inspection was saved.", *lines)
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/inspection_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Edit {inspection.title}",
        active_section="inspections",
        editing=inspection,
        understood=understood_as(inspection.start),
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def inspection_move(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    steps = next_steps(inspection.status)
    today = clock.today()

    def fresh_form(data=None):
        initial = {
            "version": inspection.version,
            "status": steps[0] if steps else None,
            "when": as_written(today),
        }
        return MoveForm(data, steps=steps, initial=initial)

    form = fresh_form(posted(request))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        when = read_when(data["when"], reference=today)
        event, conflict = attempt(
            form,
            lambda: services.inspection_move(
                inspection=inspection,
                actor=request.user,
                expected_version=data["version"],
                status=data["status"],
                when=when,
                note=data["note"],
            ),
        )
        if conflict is not None:
            inspection.refresh_from_db()
            steps = next_steps(inspection.status)
            form = fresh_form()
        elif event is not None:
            label = InspectionStatus(data["status"]).label
            _say(request, f"The inspection moved to {label.lower()}.", say_back(label, when))
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/inspection_move.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Move {inspection.title} to its next step",
        active_section="inspections",
        inspection=inspection,
        steps=steps,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def step_edit(request, pk: int):
    event = selectors.event_for(request.user, pk)
    inspection = event.inspection
    form = StepForm(posted(request), initial={"when": event.text, "note": event.note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        when = reread_when(data["when"], current=event.when, today=clock.today())
        saved, _ = attempt(
            form,
            lambda: services.inspection_step_edit(
                event=event, actor=request.user, when=when, note=data["note"]
            ),
        )
        if saved is not None:
            label = event.get_status_display()
            _say(request, f"The date of {label.lower()} was saved.", say_back(label, when))
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/step_form.html",
        form,
        title=f"Correct the date of {event.get_status_display().lower()}",
        active_section="inspections",
        inspection=inspection,
        event=event,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def inspection_people(request, pk: int):
    inspection = selectors.inspection_for_action(request.user, pk)
    choices = {
        "inspectorates": list(selectors.inspectorates()),
        "organisations": selectors.possible_participants(request.user),
        "people": list(selectors.people_of(request.user)),
    }
    form = PeopleForm(posted(request), initial=PeopleForm.initial_from(inspection), **choices)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        order = list(inspection.participants.values_list("organisation_id", flat=True))
        saved, conflict = attempt(
            form,
            lambda: services.inspection_people_set(
                inspection=inspection,
                actor=request.user,
                expected_version=data["version"],
                lead_inspectorates=data["lead_inspectorates"],
                participants=form.participant_rows(order),
                participants_note=data["participants_note"],
                force_lead=data["force_lead"],
                hmicfrs_contact=data["hmicfrs_contact"],
            ),
        )
        if conflict is not None:
            inspection.refresh_from_db()
            form = PeopleForm(initial=PeopleForm.initial_from(inspection), **choices)
        elif saved is not None:
            _say(request, "Who takes part was saved.")
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/people_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Who takes part in {inspection.title}",
        active_section="inspections",
        inspection=inspection,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def inspection_debrief(request, pk: int):
    inspection = selectors.inspection_for_action(request.user, pk)
    form = DebriefForm(posted(request), initial=DebriefForm.initial_from(inspection))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, conflict = attempt(
            form,
            lambda: services.inspection_debrief_record(
                inspection=inspection,
                actor=request.user,
                expected_version=data["version"],
                strengths=data["strengths"],
                areas_to_consider=data["areas_to_consider"],
                notes=data["notes"],
            ),
        )
        if conflict is not None:
            inspection.refresh_from_db()
            form = DebriefForm(initial=DebriefForm.initial_from(inspection))
        elif saved is not None:
            _say(request, "The hot debrief was saved.")
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/debrief_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Hot debrief: {inspection.title}",
        active_section="inspections",
        inspection=inspection,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def action_add(request, pk: int):
    inspection = selectors.inspection_for_action(request.user, pk)
    form = ActionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        due = read_when(data["due"], reference=clock.today()) if data["due"] else None
        action, _ = attempt(
            form,
            lambda: services.action_add(
                inspection=inspection,
                actor=request.user,
                text=data["text"],
                owner=data["owner"],
                due=due,
                done=data["done"],
            ),
        )
        if action is not None:
            lines = [say_back("Due", due)] if due is not None else []
            _say(request, "The follow-up action was recorded.", *lines)
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/action_form.html",
        form,
        title=f"Add a follow-up action: {inspection.title}",
        active_section="inspections",
        inspection=inspection,
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int):
    action = selectors.action_for(request.user, pk)
    inspection = action.inspection
    form = ActionForm(posted(request), initial=ActionForm.initial_from(action))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        due: PartialDate | None = None
        if data["due"] or action.due_text:
            due = reread_when(data["due"], current=action.due, today=clock.today())
        saved, conflict = attempt(
            form,
            lambda: services.action_edit(
                action=action,
                actor=request.user,
                expected_version=data["version"],
                text=data["text"],
                owner=data["owner"],
                due=due,
                done=data["done"],
            ),
        )
        if conflict is not None:
            action.refresh_from_db()
            form = ActionForm(initial=ActionForm.initial_from(action))
        elif saved is not None:
            lines = [say_back("Due", due)] if due is not None and due.text else []
            _say(request, "The follow-up action was saved.", *lines)
            return redirect("inspections:detail", inspection.pk)
    return render_form(
        request,
        "inspections/action_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Edit a follow-up action: {inspection.title}",
        active_section="inspections",
        inspection=inspection,
        editing=action,
    )
